/**
 * One customer at a time: demographics, background behaviour, planted behaviours, near misses,
 * enforcement of the ground-truth definitions, then the customer's CSV rows. All state lives in
 * reused typed arrays so memory does not grow with the number of customers.
 */
import {
  AFFLUENT,
  BABY,
  BEHAVIOURS,
  BNPL,
  COLLEGE,
  COMPETITOR_AUTO_LOAN,
  COMPETITOR_BROKERAGE,
  COMPETITOR_CARD,
  COMPETITOR_INSURANCE,
  COMPETITOR_MORTGAGE,
  COMPETITOR_STUDENT_LOAN,
  DIGITAL_FIRST,
  DISENGAGING,
  DORMANT,
  EV_DRIVER,
  FALLING_BALANCE,
  FITNESS,
  GAMER,
  GIG,
  HOME_CHEF,
  HOMEOWNER,
  LATE_FEES,
  LATER_NOT_WITH_DORMANT,
  MOVER,
  NEW_CAR,
  NOT_WITH_DORMANT,
  PAYCHECK,
  PAYROLL,
  PET,
  RETIREMENT,
  RISING_BALANCE,
  STREAMING,
  TRAVELER,
  WEDDING,
} from './behaviours.js';
import { BRANDS, brand, type Brand } from './brands.js';
import { Calendar } from './calendar.js';
import {
  ACH_DES,
  ACH_SHORT,
  ACH_WF,
  CARD_AUTHORIZED,
  CARD_CHECKCARD,
  CARD_DEBIT,
  CARD_MIXED,
  CARD_PLAIN,
  CARD_POS,
  CARD_PURCHASE,
  CARD_RECURRING,
  CARD_RETURN,
  CITIES,
  compileTemplate,
  FIRST_NAMES,
  LAST_NAMES,
  phoneFor,
  Printer,
  renderTemplate,
  type Template,
} from './descriptors.js';
import { LOCAL_KINDS, LOCALS_PER_CITY, localKind, localMerchant, type LocalKind } from './locals.js';
import { hashSeed, Rng } from './random.js';
import { ByteSink } from './sink.js';
import { CATEGORIES, type Category } from './taxonomy.js';

// ---------------------------------------------------------------------------------------------
// Static tables

const CAT_INDEX = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));
function cat(c: Category): number {
  return CAT_INDEX.get(c)!;
}

const C_PAYROLL = cat('income.payroll');
const C_GIG = cat('income.gig_income');
const C_INTEREST = cat('income.interest_dividends');
const C_REFUND = cat('income.refunds');
const C_OTHER_INCOME = cat('income.other_income');
const C_P2P_IN = cat('transfer_in.p2p_in');
const C_XFER_IN = cat('transfer_in.account_transfer_in');
const C_DEPOSIT = cat('transfer_in.deposit');
const C_P2P_OUT = cat('transfer_out.p2p_out');
const C_XFER_OUT = cat('transfer_out.account_transfer_out');
const C_INVEST = cat('transfer_out.investment_transfer');
const C_WITHDRAWAL = cat('transfer_out.withdrawal');
const C_MORTGAGE = cat('loan_payments.mortgage');
const C_CREDIT_CARD = cat('loan_payments.credit_card');
const C_OVERDRAFT = cat('bank_fees.overdraft');
const C_NSF = cat('bank_fees.nsf');
const C_LATE = cat('bank_fees.late_fee');
const C_ATM_FEE = cat('bank_fees.atm_fee');
const C_MONTHLY_FEE = cat('bank_fees.monthly_fee');
const C_FX_FEE = cat('bank_fees.foreign_transaction_fee');
const C_HARDWARE = cat('home_improvement.hardware');
const C_FURNITURE = cat('home_improvement.furniture');
const C_MOVING = cat('home_improvement.moving_and_storage');
const C_BABY = cat('general_merchandise.baby_and_kids');
const C_PET = cat('general_merchandise.pet_supplies');
const C_VET = cat('medical.veterinary');
const C_RENT = cat('rent_and_utilities.rent');
const C_ELECTRIC = cat('rent_and_utilities.electricity_and_gas');
const C_WATER = cat('rent_and_utilities.water');
const C_TAXES = cat('government_and_non_profit.taxes');
const C_GROCERIES = cat('food_and_drink.groceries');
const C_INSURANCE = cat('general_services.insurance');
const C_EDUCATION = cat('general_services.education');
const C_CAR_DEALER = cat('transportation.car_dealers');
const C_AUTO_LOAN = cat('loan_payments.auto_loan');
const C_EV = cat('transportation.ev_charging');
const C_STUDENT_LOAN = cat('loan_payments.student_loan');
const C_GYM = cat('personal_care.gyms_and_fitness');
const C_STREAMING = cat('entertainment.streaming');
const C_GAMING = cat('entertainment.gaming');
const C_BENEFITS = cat('income.government_benefits');
/** Categories of everyday spending that no planted definition counts: what a disengaging customer stops. */
const IS_EVERYDAY = new Uint8Array(CATEGORIES.length);
for (const c of [
  'food_and_drink.groceries',
  'food_and_drink.restaurants',
  'food_and_drink.fast_food',
  'food_and_drink.coffee',
  'food_and_drink.bars',
  'food_and_drink.food_delivery',
  'general_merchandise.superstores',
  'general_merchandise.online_marketplaces',
  'general_merchandise.convenience_stores',
  'general_merchandise.discount_stores',
  'general_merchandise.department_stores',
  'general_merchandise.clothing',
  'general_merchandise.electronics',
  'general_merchandise.books_and_hobbies',
  'medical.pharmacy',
  'personal_care.hair_and_beauty',
  'transportation.fuel',
  'transportation.parking_and_tolls',
  'transportation.rideshare',
  'transportation.public_transit',
  'entertainment.movies',
  'transfer_out.p2p_out',
] as const)
  IS_EVERYDAY[cat(c)] = 1;
const IS_EATING_OUT = new Uint8Array(CATEGORIES.length);
for (const c of [
  'food_and_drink.restaurants',
  'food_and_drink.fast_food',
  'food_and_drink.food_delivery',
] as const)
  IS_EATING_OUT[cat(c)] = 1;
const IS_TRANSFER_OUT = Uint8Array.from(CATEGORIES, (c) => (c.startsWith('transfer_out.') ? 1 : 0));

const IS_TRAVEL = new Uint8Array(CATEGORIES.length);
CATEGORIES.forEach((c, i) => {
  if (c.startsWith('travel.')) IS_TRAVEL[i] = 1;
});

const VARIANTS: readonly (readonly Template[])[] = BRANDS.map((b) => b.variants.map(compileTemplate));
const ACH: readonly (readonly { company: Template; des: string }[])[] = BRANDS.map((b) =>
  b.ach.map((entry) => {
    const [company = '', des = ''] = entry.split('|');
    return { company: compileTemplate(company), des };
  }),
);
const PHONES: readonly string[] = BRANDS.map((b) => phoneFor(b.key));
const BRAND_CAT = Uint8Array.from(BRANDS.map((b) => cat(b.category)));
const KIND_CAT = Uint8Array.from(LOCAL_KINDS.map((k) => cat(k.category)));

const CITY_CUM: number[] = [];
{
  let total = 0;
  for (const city of CITIES) CITY_CUM.push((total += city.weight));
}

interface Pool {
  brands: readonly Brand[];
  cum: readonly number[];
}

const CARD = 0;
const ACH_ONLY = 1;
const poolCache = new Map<string, Pool>();

/** Brands of a category that operate in a state: card brands (with printed variants) or ACH billers. */
function pool(category: Category, state: string, mode: number): Pool {
  const key = `${category}|${state}|${mode}`;
  const hit = poolCache.get(key);
  if (hit) return hit;
  const brands = BRANDS.filter(
    (b) =>
      b.category === category &&
      (b.states === null || b.states.includes(state)) &&
      (mode === CARD ? b.variants.length > 0 : b.ach.length > 0) &&
      !b.key.startsWith('kli_bank'),
  );
  const cum: number[] = [];
  let total = 0;
  for (const b of brands) cum.push((total += b.weight));
  const made = { brands, cum };
  poolCache.set(key, made);
  return made;
}

const NEED_NONE = 0;
const NEED_CAR = 1;
const NEED_EV = 2;
const NEED_TRANSIT = 3;
const DENSE = new Set(['NEW YORK', 'BROOKLYN', 'SAN FRANCISCO', 'WASHINGTON']);
const TRANSIT = new Set([...DENSE, 'OAKLAND', 'CHICAGO', 'BOSTON', 'PHILADELPHIA', 'JERSEY CITY', 'NEWARK']);

interface Spend {
  category: Category;
  /** Transactions a month for a typical participating customer. */
  rate: number;
  /** Share of customers who ever buy in this category. */
  share: number;
  /** Share of purchases at local independent merchants. */
  local: number;
  need: number;
  /** Background cap on one purchase, in dollars. */
  max: number;
  kind: LocalKind | undefined;
}

function s(
  category: Category,
  rate: number,
  share: number,
  local: number,
  need = NEED_NONE,
  max = 1e9,
): Spend {
  return { category, rate, share, local, need, max, kind: localKind(category) };
}

/** Everyday card spending. Behaviour categories (travel, pets, baby, moving) are generated apart. */
const SPEND: readonly Spend[] = [
  s('food_and_drink.groceries', 4.5, 1, 0.05),
  s('food_and_drink.restaurants', 2.5, 0.95, 0.2),
  s('food_and_drink.fast_food', 3.2, 0.9, 0.08),
  s('food_and_drink.coffee', 3, 0.75, 0.15),
  s('food_and_drink.bars', 1, 0.35, 1),
  s('food_and_drink.food_delivery', 1.4, 0.55, 0),
  s('general_merchandise.superstores', 2.4, 0.97, 0),
  s('general_merchandise.online_marketplaces', 3, 0.9, 0),
  s('general_merchandise.convenience_stores', 1.4, 0.7, 0.15),
  s('general_merchandise.discount_stores', 1, 0.6, 0),
  s('general_merchandise.department_stores', 0.5, 0.7, 0),
  s('general_merchandise.clothing', 0.6, 0.8, 0.12),
  s('general_merchandise.electronics', 0.2, 0.7, 0),
  s('general_merchandise.sporting_goods', 0.15, 0.4, 0),
  s('general_merchandise.books_and_hobbies', 0.35, 0.5, 0.3),
  s('general_merchandise.office_supplies', 0.12, 0.4, 0),
  s('medical.pharmacy', 1, 0.85, 0),
  s('medical.doctors', 0.25, 0.7, 0.7),
  s('medical.dental', 0.12, 0.6, 0.75),
  s('medical.vision', 0.05, 0.4, 0.4),
  s('medical.hospital', 0.03, 0.3, 0.6),
  s('personal_care.hair_and_beauty', 0.8, 0.8, 0.35),
  s('personal_care.laundry_and_dry_cleaning', 0.6, 0.3, 0.8),
  s('transportation.fuel', 3, 1, 0.05, NEED_CAR),
  s('transportation.auto_service', 0.25, 1, 0.3, NEED_CAR),
  s('transportation.parking_and_tolls', 0.8, 0.45, 0.3),
  s('transportation.rideshare', 1, 0.55, 0),
  s('transportation.public_transit', 3, 0.75, 0, NEED_TRANSIT),
  s('transportation.ev_charging', 4, 1, 0, NEED_EV),
  s('entertainment.movies', 0.3, 0.6, 0),
  s('entertainment.events_and_tickets', 0.2, 0.5, 0),
  s('entertainment.gaming', 0.4, 0.25, 0),
  s('entertainment.casinos_and_betting', 1.5, 0.04, 0),
  s('general_services.postage_and_shipping', 0.2, 0.6, 0),
  s('general_services.education', 0.1, 0.15, 0.5),
  s('general_services.legal_and_accounting', 0.03, 0.2, 0.6),
  s('home_improvement.home_services', 0.12, 0.4, 0.5),
  s('home_improvement.hardware', 0.45, 0.75, 0.1, NEED_NONE, 350),
  s('home_improvement.furniture', 0.08, 0.4, 0.15, NEED_NONE, 350),
  s('government_and_non_profit.donations', 0.2, 0.35, 0.3),
  s('government_and_non_profit.government_services', 0.04, 0.5, 0),
];

const spendPoolCache = new Map<string, Pool[]>();
function spendPools(state: string): Pool[] {
  let pools = spendPoolCache.get(state);
  if (!pools) spendPoolCache.set(state, (pools = SPEND.map((x) => pool(x.category, state, CARD))));
  return pools;
}

const spendIndex = (category: Category) => SPEND.findIndex((x) => x.category === category);
const S_GROCERIES = spendIndex('food_and_drink.groceries');
const S_RESTAURANTS = spendIndex('food_and_drink.restaurants');
const S_RIDESHARE = spendIndex('transportation.rideshare');
const S_CONVENIENCE = spendIndex('general_merchandise.convenience_stores');

const SUBSCRIPTIONS = [
  'netflix',
  'hulu',
  'disney_plus',
  'max',
  'peacock',
  'paramount_plus',
  'youtube',
  'spotify',
  'siriusxm',
  'pandora',
  'tidal',
  'amazon:prime',
  'apple:services',
  'microsoft',
  'adobe',
  'dropbox',
  'google',
  'openai',
  'nytimes',
  'audible',
  'xbox',
  'playstation',
  'duolingo',
  'peloton',
].map(brand);
const SUB_CUM: number[] = [];
{
  let total = 0;
  for (const b of SUBSCRIPTIONS) SUB_CUM.push((total += b.weight));
}

const GYMS_CATEGORY: Category = 'personal_care.gyms_and_fitness';
const REFUND_BRANDS = [
  'amazon',
  'walmart',
  'target',
  'best_buy',
  'old_navy',
  'nordstrom',
  'kohls',
  'macys',
  'gap',
  'nike',
  'zara',
].map(brand);
const GIG_BRANDS = [
  'uber:gig',
  'lyft:gig',
  'doordash:gig',
  'instacart:gig',
  'upwork',
  'etsy:gig',
  'fiverr',
].map(brand);
const SERVICERS = [
  'wells_fargo_home_mortgage',
  'rocket_mortgage',
  'mr_cooper',
  'chase_mortgage',
  'loandepot',
  'pennymac',
].map(brand);
const ISSUERS = [
  'capital_one',
  'discover',
  'amex',
  'citi',
  'chase_card',
  'synchrony',
  'bank_of_america_card',
  'apple_card',
  'wells_fargo_card',
  'barclays',
].map(brand);
const AUTO_LENDERS = ['toyota_financial', 'honda_financial', 'ally', 'ford_credit', 'capital_one_auto'].map(
  brand,
);
const STUDENT_LENDERS = ['navient', 'nelnet', 'mohela', 'aidvantage'].map(brand);
const PERSONAL_LENDERS = ['sofi', 'lendingclub', 'upstart', 'best_egg', 'affirm'].map(brand);
const BROKERS = ['vanguard', 'fidelity', 'schwab', 'robinhood', 'coinbase', 'acorns'].map(brand);
const LANDLORDS = ['greystar', 'equity_residential', 'avalonbay', 'camden', 'appfolio', 'bilt'].map(brand);
const CHARITIES = ['red_cross', 'st_jude', 'united_way', 'salvation_army', 'wikimedia'].map(brand);
const PHONE_CARRIERS = ['verizon', 'att', 't_mobile', 'mint_mobile', 'cricket', 'visible'].map(brand);
const INSURERS = ['geico', 'state_farm', 'progressive', 'allstate', 'liberty_mutual', 'usaa'].map(brand);
const CHILDCARE = ['kindercare', 'bright_horizons'].map(brand);
const WEDDING_VENDORS = ['davids_bridal', 'the_knot', 'zola', 'weddingwire', 'minted', 'azazie'].map(brand);
const JEWELERS = ['kay_jewelers', 'zales', 'jared'].map(brand);
const WEDDING_KEYS = new Set(WEDDING_VENDORS.map((b) => b.key));
const DEALERS = ['carmax', 'carvana'].map(brand);
const STREAMERS = ['netflix', 'hulu', 'disney_plus', 'max', 'peacock', 'paramount_plus'].map(brand);
const BNPL_PLANS = ['afterpay', 'klarna', 'sezzle'].map(brand);
const BNPL_KEYS = new Set(['affirm', 'afterpay', 'klarna', 'zip_pay', 'sezzle']);
const MEAL_KITS = ['hellofresh', 'blue_apron', 'home_chef_meals', 'everyplate'].map(brand);
const MEAL_KIT_KEYS = new Set(MEAL_KITS.map((b) => b.key));
/** Bursars as their tuition debits print (`UNIV OF MICHIGAN DES:TUITION …`); no brand key. */
const UNIVERSITIES = [
  'UNIV OF MICHIGAN',
  'OHIO STATE UNIV',
  'UNIVERSITY OF TEXAS',
  'ARIZONA STATE UNIV',
  'PENN STATE UNIV',
  'UNIV OF FLORIDA',
  'RUTGERS UNIVERSITY',
  'UNIV OF WASHINGTON',
  'GEORGIA TECH',
  'UC DAVIS',
];
/** Seeds the second random stream of a customer: the behaviours added after the first eleven. */
const LATER_STREAM = 0x5bd1e995;
const B = {
  kliMortgage: brand('kli_bank_mortgage'),
  kliAuto: brand('kli_bank_auto_loan'),
  kliCard: brand('kli_bank_card'),
  kliLoan: brand('kli_bank_personal_loan'),
  adp: brand('adp'),
  gusto: brand('gusto'),
  paychex: brand('paychex'),
  ssa: brand('ssa'),
  irsRefund: brand('irs:refund'),
  irs: brand('irs'),
  ftb: brand('franchise_tax_board'),
  zelle: brand('zelle'),
  venmo: brand('venmo'),
  cashApp: brand('cash_app'),
  paypal: brand('paypal'),
  chewy: brand('chewy'),
  banfield: brand('banfield'),
  lemonade: brand('lemonade'),
  dmv: brand('dmv'),
  uhaul: brand('u_haul'),
  gofundme: brand('gofundme'),
  carnival: brand('carnival'),
  royalCaribbean: brand('royal_caribbean'),
  norwegian: brand('norwegian'),
  expedia: brand('expedia'),
  bookingCom: brand('booking_com'),
  americanWater: brand('american_water'),
};

const EMPLOYERS = [
  'ACME CORP',
  'NORTHWIND TRADERS',
  'GLOBEX CORP',
  'INITECH INC',
  'PINNACLE LOGISTICS',
  'SUMMIT HEALTH SYSTEM',
  'BLUE RIDGE SCHOOL DIST',
  'LAKESIDE MANUFACTURING',
  'CASCADE ENGINEERING',
  'MERIDIAN INSURANCE GRP',
  'HORIZON HEALTHCARE',
  'REDWOOD SOFTWARE INC',
  'ATLAS CONSTRUCTION',
  'PIONEER FOODS LLC',
  'KEYSTONE STAFFING',
  'CITY OF SPRINGFIELD',
  'CONTOSO LTD',
  'FABRIKAM INC',
  'STERLING DENTAL GRP',
  'TRIDENT AEROSPACE',
];
const EXTERNAL_BANKS = [
  'ALLY BANK|TRANSFER',
  'CHASE|EXT TRNSFR',
  'MARCUS GOLDMAN|TRANSFER',
  'SCHWAB BANK|MONEYLINK',
  'CAPITAL ONE 360|TRANSFER',
  'DISCOVER BANK|TRANSFER',
];
const APARTMENTS = [
  'PARKSIDE',
  'WILLOW CREEK',
  'THE MERIDIAN',
  'OAK HOLLOW',
  'RIVER POINTE',
  'HIGHLAND PARK',
  'SUMMIT VIEW',
  'LAKESHORE',
];

// Products, in the order customers.csv prints them.
const PRODUCTS = [
  'checking',
  'savings',
  'credit_card',
  'mortgage',
  'heloc',
  'auto_loan',
  'personal_loan',
  'brokerage',
  '529_plan',
  'small_business',
] as const;
const P_SAVINGS = 1 << 1;
const P_CARD = 1 << 2;
const P_MORTGAGE = 1 << 3;
const P_HELOC = 1 << 4;
const P_AUTO = 1 << 5;
const P_LOAN = 1 << 6;
const P_BROKERAGE = 1 << 7;
const P_529 = 1 << 8;
const P_BUSINESS = 1 << 9;

const NEVER = 0x3fffffff;

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Cents as `1234.56` / `-12.30`. */
export function money(cents: number): string {
  const neg = cents < 0;
  const a = neg ? -cents : cents;
  const whole = Math.floor(a / 100);
  const frac = a - whole * 100;
  return (neg ? '-' : '') + whole + (frac < 10 ? '.0' : '.') + frac;
}

/** Cheap 3-way mix for per-customer, per-brand constants (store numbers, account ids). */
function mix(a: number, b: number, c: number): number {
  let h =
    Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^
    Math.imul(b + 0x7f4a7c15, 0xc2b2ae35) ^
    Math.imul(c + 0x165667b1, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Rows of one customer, struct-of-arrays

class Rows {
  n = 0;
  private cap = 0;
  day = new Int32Array(0);
  cents = new Float64Array(0);
  mcc = new Int16Array(0);
  cat = new Uint8Array(0);
  gone = new Uint8Array(0);
  order = new Float64Array(0);
  desc: string[] = [];
  merchant: string[] = [];

  constructor() {
    this.grow(4096);
  }

  private grow(cap: number): void {
    const day = new Int32Array(cap);
    day.set(this.day);
    this.day = day;
    const cents = new Float64Array(cap);
    cents.set(this.cents);
    this.cents = cents;
    const mcc = new Int16Array(cap);
    mcc.set(this.mcc);
    this.mcc = mcc;
    const category = new Uint8Array(cap);
    category.set(this.cat);
    this.cat = category;
    const gone = new Uint8Array(cap);
    gone.set(this.gone);
    this.gone = gone;
    this.order = new Float64Array(cap);
    this.cap = cap;
  }

  reset(): void {
    this.n = 0;
  }

  push(day: number, cents: number, desc: string, mcc: number, merchant: string, category: number): void {
    if (this.n === this.cap) this.grow(this.cap * 2);
    const i = this.n++;
    this.day[i] = day;
    this.cents[i] = cents;
    this.mcc[i] = mcc;
    this.cat[i] = category;
    this.gone[i] = 0;
    this.desc[i] = desc;
    this.merchant[i] = merchant;
  }

  /** Orders rows by day, then by creation: `order[j]` is a key whose low 20 bits are the row index. */
  sort(): void {
    const n = this.n;
    if (n >= 1 << 20) throw new Error('too many transactions for one customer');
    for (let i = 0; i < n; i++) this.order[i] = this.day[i]! * 1048576 + i;
    this.order.subarray(0, n).sort();
  }

  index(j: number): number {
    return this.order[j]! % 1048576;
  }
}

// ---------------------------------------------------------------------------------------------

export class Simulator {
  readonly rows = new Rows();
  flags = 0;
  customerId = '';
  customerLine = '';
  truthText = '';

  private readonly printer = new Printer();
  private rng = new Rng(0);
  /** The second stream: later behaviours draw from it, so the first stream's rows stay as they were. */
  private later = new Rng(0);
  private tenure = 0;
  /** Active to the end with enough history for a monthly payment to show twice in 90 days. */
  private steady = false;
  private first = 0;
  private last = 0;
  private salt = 0;
  private city = 0;
  private state = '';
  private movedCity = -1;
  private moveDay = NEVER;
  private away = -1;
  private age = 40;
  private income = 50000;
  private activity = 1;
  private car = true;
  private ev = false;
  private parent = false;
  private transit = false;
  private homeowner = false;
  private products = 1;
  private closeDay = NEVER;
  private firstName = '';
  private lastName = '';
  private readonly contacts: string[] = ['', '', '', ''];
  private readonly favA = new Int32Array(SPEND.length);
  private readonly favB = new Int32Array(SPEND.length);
  private readonly favLocal = new Int32Array(LOCAL_KINDS.length);
  private readonly pools: Pool[] = [];
  private readonly sched = new Int32Array(8192);
  /** `YYYY-MM-DD` of every calendar day, 10 bytes each. */
  private readonly dates: Uint8Array;

  constructor(
    private readonly seed: number,
    private readonly cal: Calendar,
  ) {
    this.dates = new Uint8Array(cal.iso.length * 10);
    cal.iso.forEach((iso, i) => {
      for (let k = 0; k < 10; k++) this.dates[i * 10 + k] = iso.charCodeAt(k);
    });
  }

  /**
   * Generates customer `index` (0-based), writes its transactions and labels (txn ids continue from
   * `txnCounter`) and returns how many it wrote; `customerLine` and `truthText` hold its other rows.
   */
  run(index: number, txnCounter: number, tx: ByteSink, labels: ByteSink): number {
    const cal = this.cal;
    const A = cal.end;
    const rng = (this.rng = new Rng(hashSeed(this.seed, index)));
    this.printer.rng = rng;
    this.rows.reset();
    this.customerId = 'C' + String(index + 1).padStart(6, '0');
    this.salt = rng.u32();

    // Who they are.
    this.city = rng.pickCumulative(CITY_CUM);
    const home = CITIES[this.city]!;
    this.state = home.state;
    this.movedCity = -1;
    this.moveDay = NEVER;
    this.away = -1;
    this.closeDay = NEVER;
    this.homeowner = false;
    this.age = clamp(Math.round(44 + 15 * rng.normal()), 18, 92);
    this.income = clamp(rng.lognormal(58000, 0.55), 14000, 650000);
    this.activity = clamp(rng.lognormal(0.68, 0.3), 0.35, 1.5);
    this.firstName = rng.pick(FIRST_NAMES);
    this.lastName = rng.pick(LAST_NAMES);
    for (let i = 0; i < this.contacts.length; i++) {
      this.contacts[i] = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    }
    const printer = this.printer;
    printer.indn = (
      rng.chance(0.5) ? `${this.lastName} ${this.firstName}` : `${this.firstName} ${this.lastName}`
    ).slice(0, 22);
    printer.last4 = rng.digits(4);
    printer.accountRef = rng.digits(4);
    const style = rng.next();
    printer.cardStyle =
      style < 0.42
        ? CARD_PLAIN
        : style < 0.58
          ? CARD_CHECKCARD
          : style < 0.74
            ? CARD_AUTHORIZED
            : style < 0.84
              ? CARD_POS
              : style < 0.93
                ? CARD_DEBIT
                : CARD_MIXED;
    const achStyle = rng.next();
    printer.achStyle = achStyle < 0.6 ? ACH_DES : achStyle < 0.85 ? ACH_SHORT : ACH_WF;
    const dense = DENSE.has(home.name);
    this.transit = TRANSIT.has(home.name);
    this.car = rng.chance(dense ? 0.45 : 0.92);
    this.ev = this.car && rng.chance(0.07);
    this.parent = this.age >= 24 && this.age <= 55 && rng.chance(0.4);

    // Tenure: most customers predate the window; a few opened inside it (at least 7 months ago).
    const months = Math.round((A - cal.start) / 30.44);
    let tenure: number;
    let open = cal.start;
    if (months > 8 && rng.chance(0.08)) {
      tenure = rng.int(7, months - 1);
      open = Math.max(cal.start, A - Math.round(tenure * 30.44));
    } else {
      tenure = months + Math.min(Math.floor(rng.lognormal(50, 0.9)), Math.max(0, (this.age - 18) * 12));
    }
    this.first = open;
    this.tenure = tenure;

    // Planted behaviours.
    let flags = 0;
    for (const b of BEHAVIOURS) if (b.stream === 0 && rng.next() < b.rate) flags |= b.bit;
    const later = (this.later = new Rng(hashSeed(this.seed ^ LATER_STREAM, index)));
    for (const b of BEHAVIOURS) {
      if (b.stream !== 1 || b.bit === RETIREMENT || b.bit === EV_DRIVER) continue;
      // (stream 2 is decided by the background below)
      if (later.next() < b.rate) flags |= b.bit;
    }
    // Retirement: from 60, without a salary here; EV drivers are the customers who drive one.
    if (this.age >= 60 && !(flags & PAYROLL) && later.chance(0.6)) flags |= RETIREMENT;
    if (this.ev) flags |= EV_DRIVER;
    if (flags & RISING_BALANCE && flags & FALLING_BALANCE) flags &= ~FALLING_BALANCE;
    if (flags & DORMANT) {
      if (A - this.first < 200) flags &= ~DORMANT;
      else flags &= ~NOT_WITH_DORMANT;
    }
    this.flags = flags;
    this.last = A;
    const quiet =
      (flags & (DORMANT | (NOT_WITH_DORMANT & ~LATER_NOT_WITH_DORMANT))) === 0 &&
      A - this.first >= 200 &&
      rng.chance(0.03);
    // A near-dormant customer has nothing recent for the later behaviours to show in.
    if (quiet) this.flags = flags &= ~LATER_NOT_WITH_DORMANT;
    // A near-dormant customer is disengaging by definition (checked once the rows are final).
    if (quiet) this.flags = flags |= DISENGAGING;
    this.steady = !quiet && !(flags & DORMANT) && A - this.first >= 120;
    if (flags & DORMANT) this.last = A - 61 - rng.int(0, 45);
    else if (quiet) this.last = A - 61 - rng.int(0, 30);

    // Favourite brands and local places.
    const pools = spendPools(this.state);
    for (let i = 0; i < SPEND.length; i++) {
      const p = pools[i]!;
      this.pools[i] = p;
      this.favA[i] = p.brands.length ? p.brands[rng.pickCumulative(p.cum)]!.index : -1;
      this.favB[i] = p.brands.length ? p.brands[rng.pickCumulative(p.cum)]!.index : -1;
    }
    for (let i = 0; i < LOCAL_KINDS.length; i++) this.favLocal[i] = rng.u32() % LOCALS_PER_CITY;

    // Products at KLI Bank; loans below add theirs.
    let products = 1;
    if (rng.chance(0.55)) products |= P_SAVINGS;
    if (rng.chance(0.35)) products |= P_CARD;
    if (rng.chance(0.12)) products |= P_BROKERAGE;
    if (this.parent && rng.chance(0.2)) products |= P_529;
    if (rng.chance(0.06)) products |= P_BUSINESS;
    this.products = products;

    if (flags & HOMEOWNER) this.closeDay = rng.int(Math.max(A - 80, this.first), A - 25);
    if (flags & MOVER) {
      this.moveDay = rng.int(Math.max(A - 55, this.first), A - 5);
      if (rng.chance(0.4)) {
        this.movedCity = (this.city + 1 + (rng.u32() % (CITIES.length - 1))) % CITIES.length;
      } else this.moveDay = NEVER;
    }

    this.housing();
    this.utilities();
    this.loans();
    this.incomeFlows();
    this.transfers();
    this.subscriptions();
    this.spending();
    this.occasional();
    this.travel();
    this.pets();
    this.moving();
    this.baby();
    this.homeImprovement();
    this.fees();
    if (quiet) this.quietTail();
    this.laterBehaviours();

    this.enforce();
    this.fixups();
    this.enforceLater();

    // Customer row and truth.
    const dormant = (flags & DORMANT) !== 0;
    let balance = dormant
      ? rng.lognormal(180, 1.1)
      : clamp(rng.lognormal(this.income * 0.07, 1), 5, 2_000_000);
    let prior = dormant
      ? balance * rng.range(2, 12) + rng.range(200, 3000)
      : balance * rng.lognormal(1, 0.18);
    let productText = 'checking';
    for (let p = 1; p < PRODUCTS.length; p++) if (this.products & (1 << p)) productText += ';' + PRODUCTS[p];
    let logins = dormant
      ? rng.chance(0.8)
        ? 0
        : 1
      : rng.poisson(clamp(rng.lognormal(this.age < 40 ? 35 : 18, 0.8), 0, 200));
    [balance, prior, logins] = this.plantedBalances(balance, prior, logins);
    const finalState = this.movedCity >= 0 ? CITIES[this.movedCity]!.state : this.state;
    this.customerLine =
      `${this.customerId},${money(Math.round(balance * 100))},${money(Math.round(prior * 100))},` +
      `${this.age},${finalState},${tenure},${productText},${logins}\n`;
    let truth = '';
    for (const b of BEHAVIOURS) if (this.flags & b.bit) truth += `${this.customerId},${b.key}\n`;
    this.truthText = truth;

    return this.emit(txnCounter, tx, labels);
  }

  // -------------------------------------------------------------------------------------------
  // Row makers

  private amount(lo: number, hi: number): number {
    if (hi < lo) hi = lo;
    const u = (this.rng.next() + this.rng.next()) / 2;
    return Math.max(1, Math.round(lo * Math.pow(hi / lo, u) * 100));
  }

  private cityAt(day: number): number {
    if (this.away >= 0) return this.away;
    return day >= this.moveDay ? this.movedCity : this.city;
  }

  private card(day: number, b: Brand, cents: number, recurring = false, category = -1): void {
    const rng = this.rng;
    const variants = VARIANTS[b.index]!;
    const store = mix(this.salt, b.index, rng.u32() % 10 < 7 ? 0 : 1 + (rng.u32() % 3));
    const v =
      variants.length === 1 ? 0 : rng.u32() % 10 < 7 ? store % variants.length : rng.u32() % variants.length;
    let core = renderTemplate(variants[v]!, rng, store);
    if (b.processorRate > 0 && rng.next() < b.processorRate) core = b.processor + core;
    const k = day - (rng.u32() % 4 === 0 ? 1 + (rng.u32() % 2) : 0) - this.cal.first;
    const city = CITIES[this.cityAt(day)]!;
    const desc = this.printer.card(
      core,
      b.online,
      city.label,
      city.zip,
      PHONES[b.index]!,
      b.hq,
      this.cal.md[k]!,
      this.cal.mmdd[k]!,
      cents < 0 ? CARD_RETURN : recurring ? CARD_RECURRING : CARD_PURCHASE,
    );
    this.rows.push(day, cents, desc, b.mcc, b.key, category >= 0 ? category : BRAND_CAT[b.index]!);
  }

  private local(day: number, kind: LocalKind, cents: number): void {
    const rng = this.rng;
    const n = rng.u32() % 10 < 6 ? this.favLocal[kind.index]! : rng.u32() % LOCALS_PER_CITY;
    const cityIndex = this.cityAt(day);
    const m = localMerchant(cityIndex, kind, n);
    let core = m.processor + m.name;
    if (kind.food && !m.processor && rng.u32() % 100 < 4) core = 'DD *' + m.name;
    const k = day - (rng.u32() % 4 === 0 ? 1 : 0) - this.cal.first;
    const city = CITIES[cityIndex]!;
    const desc = this.printer.card(
      core,
      m.online,
      city.label,
      city.zip,
      m.phone,
      '',
      this.cal.md[k]!,
      this.cal.mmdd[k]!,
      CARD_PURCHASE,
    );
    this.rows.push(day, cents, desc, kind.mcc, '', KIND_CAT[kind.index]!);
  }

  /** An ACH entry to or from a catalogue brand; the customer always sees the same entry format. */
  private ach(day: number, b: Brand, cents: number, sec = 'PPD', category = -1, merchant = b.key): void {
    const entries = ACH[b.index]!;
    const h = mix(this.salt, b.index, 77);
    const e = entries[h % entries.length]!;
    const company = renderTemplate(e.company, this.rng, h);
    const desc = e.des
      ? this.printer.ach(
          company,
          e.des,
          String(h).padStart(10, '0'),
          this.cal.yymmdd[day - this.cal.first]!,
          sec,
        )
      : company;
    this.rows.push(day, cents, desc, 0, merchant, category >= 0 ? category : BRAND_CAT[b.index]!);
  }

  private achRaw(
    day: number,
    company: string,
    des: string,
    cents: number,
    merchant: string,
    category: number,
    sec = 'PPD',
  ): void {
    const h = mix(this.salt, company.length, company.charCodeAt(0));
    const desc = des
      ? this.printer.ach(
          company,
          des,
          String(h).padStart(10, '0'),
          this.cal.yymmdd[day - this.cal.first]!,
          sec,
        )
      : company;
    this.rows.push(day, cents, desc, 0, merchant, category);
  }

  private raw(day: number, desc: string, cents: number, merchant: string, category: number, mcc = 0): void {
    this.rows.push(day, cents, desc, mcc, merchant, category);
  }

  private pickBrand(s: number): Brand {
    const r = this.rng.u32() % 100;
    const a = this.favA[s]!;
    if (r < 60 && a >= 0) return BRANDS[a]!;
    const b = this.favB[s]!;
    if (r < 82 && b >= 0) return BRANDS[b]!;
    const p = this.pools[s]!;
    return p.brands[this.rng.pickCumulative(p.cum)]!;
  }

  private pickFrom(p: Pool): Brand | undefined {
    return p.brands.length ? p.brands[this.rng.pickCumulative(p.cum)] : undefined;
  }

  private pickList(list: readonly Brand[]): Brand {
    return this.rng.pickWeighted(list, (b) => b.weight);
  }

  /** Fills `sched` with the business days of day-of-month `dom` in [lo, hi]; returns how many. */
  private monthly(dom: number, lo: number, hi: number): number {
    const cal = this.cal;
    let n = 0;
    for (let k = 0; k < cal.months; k++) {
      const d = cal.business(cal.monthDay(k, dom));
      if (d >= lo && d <= hi) this.sched[n++] = d;
    }
    return n;
  }

  /** Rows of a category on or after `since`, leaving out one merchant: for short histories. */
  private countSince(category: number, since: number, except = ''): number {
    const rows = this.rows;
    let n = 0;
    for (let i = 0; i < rows.n; i++) {
      if (rows.cat[i] === category && rows.day[i]! >= since && rows.merchant[i] !== except) n++;
    }
    return n;
  }

  private day(lo: number, hi: number): number {
    lo = Math.max(lo, this.first);
    hi = Math.min(hi, this.last);
    return lo > hi ? -1 : this.rng.int(lo, hi);
  }

  private months(): number {
    return Math.max(0, this.last - this.first + 1) / 30.44;
  }

  // -------------------------------------------------------------------------------------------
  // Background

  private housing(): void {
    const rng = this.rng;
    const A = this.cal.end;
    const dom = 1 + (rng.u32() % 5);
    if (this.flags & COMPETITOR_MORTGAGE) {
      this.homeowner = true;
      const servicer = this.pickList(SERVICERS);
      const payment = this.amount(900, 4200);
      const n = this.monthly(dom, this.first, this.last);
      for (let i = 0; i < n; i++) this.ach(this.sched[i]!, servicer, payment);
      for (let k = this.countSince(C_MORTGAGE, A - 90); k < 2; k++)
        this.ach(Math.max(this.first, A - 2 - 25 * k), servicer, payment);
      return;
    }
    const r = rng.next();
    const kli = this.age >= 30 ? 0.3 : this.age >= 25 ? 0.1 : 0.02;
    if (r < kli) {
      this.homeowner = true;
      this.products |= P_MORTGAGE;
      if (rng.chance(0.07)) this.products |= P_HELOC;
      const payment = this.amount(900, 4200);
      let from = this.first;
      // Near miss: refinanced from a competitor into KLI Bank long before the last 90 days.
      if (rng.chance(0.12) && this.first + 60 <= A - 150) {
        from = rng.int(this.first + 60, A - 150);
        const servicer = this.pickList(SERVICERS);
        const old = Math.round(payment * rng.range(1.05, 1.3));
        const n = this.monthly(dom, this.first, from - 1);
        for (let i = 0; i < n; i++) this.ach(this.sched[i]!, servicer, old);
      }
      const n = this.monthly(dom, from, this.last);
      for (let i = 0; i < n; i++) this.ach(this.sched[i]!, B.kliMortgage, payment);
      return;
    }
    if (r < kli + (this.age >= 60 ? 0.25 : 0.06)) {
      this.homeowner = true; // owns outright
      return;
    }
    // Renter; a new homeowner stops renting at closing and starts a KLI Bank mortgage.
    const rent = Math.round(clamp(rng.lognormal(1650, 0.35), 650, 6000)) * 100;
    const until = Math.min(this.last, this.closeDay === NEVER ? NEVER : this.closeDay + 10);
    const how = rng.next();
    const landlord = this.pickList(LANDLORDS);
    const person = this.contacts[3]!;
    const apartments = APARTMENTS[rng.u32() % APARTMENTS.length]!;
    const n = this.monthly(1, this.first, until);
    for (let i = 0; i < n; i++) {
      const d = this.sched[i]!;
      if (how < 0.7) this.ach(d, landlord, rent, 'WEB');
      else if (how < 0.85) this.raw(d, `ZELLE TO ${person}`, rent, 'zelle', C_RENT);
      else this.raw(d, `BILL PAY ${apartments} APARTMENTS`, rent, '', C_RENT);
    }
    if (this.closeDay !== NEVER) {
      this.homeowner = true;
      this.products |= P_MORTGAGE;
      const payment = this.amount(1400, 4200);
      const m = this.monthly(dom, this.closeDay + 25, this.last);
      for (let i = 0; i < m; i++) this.ach(this.sched[i]!, B.kliMortgage, payment);
    }
  }

  private utilities(): void {
    const rng = this.rng;
    const state = this.state;
    const city = CITIES[this.city]!;
    const season = (d: number) => 1 + 0.25 * Math.cos(((d % 365.25) / 365.25) * 2 * Math.PI);
    // Electricity and gas.
    const electric = this.pickFrom(pool('rent_and_utilities.electricity_and_gas', state, ACH_ONLY));
    const elecBase = rng.range(60, 220);
    const elecDom = 5 + (rng.u32() % 20);
    const byCard = rng.chance(0.3);
    let n = this.monthly(elecDom, this.first, this.last);
    for (let i = 0; i < n; i++) {
      const d = this.sched[i]!;
      const cents = Math.round(elecBase * season(d) * rng.lognormal(1, 0.1) * 100);
      if (!electric) this.raw(d, `CITY OF ${city.name} UTILITIES`, cents, '', C_ELECTRIC);
      else if (byCard && electric.variants.length) this.card(d, electric, cents, true);
      else this.ach(d, electric, cents, 'WEB');
    }
    // Water and trash for homeowners, decided before housing ran? Housing ran first, so we know.
    if (this.homeowner && rng.chance(0.8)) {
      const aw = B.americanWater.states?.includes(state) && rng.chance(0.3);
      const base = rng.range(35, 120);
      n = this.monthly(10 + (rng.u32() % 15), this.first, this.last);
      for (let i = 0; i < n; i++) {
        const cents = Math.round(base * rng.lognormal(1, 0.12) * 100);
        if (aw) this.ach(this.sched[i]!, B.americanWater, cents, 'WEB');
        else this.raw(this.sched[i]!, `CITY OF ${city.name} WATER`, cents, '', C_WATER);
      }
      if (rng.chance(0.5)) {
        const trash = this.pickFrom(pool('rent_and_utilities.trash', state, ACH_ONLY));
        if (trash) {
          const base2 = this.amount(trash.lo, trash.hi);
          n = this.monthly(15, this.first, this.last);
          for (let i = 0; i < n; i++) this.ach(this.sched[i]!, trash, base2, 'WEB');
        }
      }
    }
    // Internet.
    if (rng.chance(0.85)) {
      const isp = this.pickFrom(pool('rent_and_utilities.internet_and_cable', state, ACH_ONLY));
      if (isp) {
        const price = this.amount(isp.lo, isp.hi);
        const card = rng.chance(0.5);
        n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
        for (let i = 0; i < n; i++) {
          if (card) this.card(this.sched[i]!, isp, price, true);
          else this.ach(this.sched[i]!, isp, price, 'WEB');
        }
      }
    }
    // Phone.
    if (rng.chance(0.95)) {
      const carrier = this.pickList(PHONE_CARRIERS);
      const price = this.amount(carrier.lo, carrier.hi);
      const card = carrier.ach.length === 0 || rng.chance(0.6);
      n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++) {
        const cents = Math.round(price * rng.lognormal(1, 0.04));
        if (card) this.card(this.sched[i]!, carrier, cents, true);
        else this.ach(this.sched[i]!, carrier, cents, 'WEB');
      }
    }
    // Insurance: auto for drivers, renters insurance for some renters.
    if (this.car && rng.chance(0.85)) {
      const insurer = this.pickList(INSURERS);
      const price = this.amount(insurer.lo, insurer.hi);
      const card = rng.chance(0.35);
      n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++) {
        if (card) this.card(this.sched[i]!, insurer, price, true);
        else this.ach(this.sched[i]!, insurer, price);
      }
    }
    if (!this.homeowner && rng.chance(0.2)) {
      const price = this.amount(5, 30);
      n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++) this.card(this.sched[i]!, B.lemonade, price, true);
    }
    // Gym membership.
    if (rng.chance(0.25)) {
      const gym = this.pickFrom(pool(GYMS_CATEGORY, state, CARD));
      if (gym) {
        if (this.steady) this.flags |= FITNESS;
        const price = this.amount(gym.lo, gym.hi);
        n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
        for (let i = 0; i < n; i++) this.card(this.sched[i]!, gym, price, true);
      }
    }
    // Childcare.
    if (this.parent && rng.chance(0.3)) {
      const kind = localKind('general_services.childcare')!;
      const chain = rng.chance(0.5) ? this.pickList(CHILDCARE) : undefined;
      const price = this.amount(400, 1800);
      n = this.monthly(1, this.first, this.last);
      for (let i = 0; i < n; i++) {
        if (chain) this.ach(this.sched[i]!, chain, price);
        else this.local(this.sched[i]!, kind, price);
      }
    }
  }

  private loans(): void {
    const rng = this.rng;
    let n: number;
    // Auto loan.
    if (this.car && rng.chance(0.38)) {
      const kli = rng.chance(0.3);
      if (kli) this.products |= P_AUTO;
      const lender = kli ? B.kliAuto : this.pickList(AUTO_LENDERS);
      // Paid since long enough before the window that `new_car` does not take it for a new loan.
      if (!kli && this.steady && this.cal.end - this.first >= 160) this.flags |= COMPETITOR_AUTO_LOAN;
      const payment = this.amount(250, 850);
      n = this.monthly(5 + (rng.u32() % 20), this.first, this.last);
      for (let i = 0; i < n; i++) this.ach(this.sched[i]!, lender, payment);
    }
    // Student loan.
    if (this.age < 45 && rng.chance(0.2)) {
      const lender = this.pickList(STUDENT_LENDERS);
      if (this.steady) this.flags |= COMPETITOR_STUDENT_LOAN;
      const payment = this.amount(90, 600);
      n = this.monthly(10 + (rng.u32() % 15), this.first, this.last);
      for (let i = 0; i < n; i++) this.ach(this.sched[i]!, lender, payment);
    }
    // Personal loan.
    if (rng.chance(0.08)) {
      const kli = rng.chance(0.3);
      if (kli) this.products |= P_LOAN;
      const lender = kli ? B.kliLoan : this.pickList(PERSONAL_LENDERS);
      const payment = this.amount(lender.lo, lender.hi);
      n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++) this.ach(this.sched[i]!, lender, payment);
    }
    // Credit cards: KLI Bank's own card, and other issuers for the planted behaviour.
    if (this.products & P_CARD) {
      const base = rng.lognormal(450, 0.8);
      n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++)
        this.ach(this.sched[i]!, B.kliCard, Math.round(clamp(base * rng.lognormal(1, 0.5), 25, 15000) * 100));
    }
    if (this.flags & COMPETITOR_CARD) {
      const count = rng.chance(0.3) ? 2 : 1;
      for (let c = 0; c < count; c++) {
        const issuer = this.pickList(ISSUERS);
        const base = rng.lognormal(400, 0.8);
        n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
        for (let i = 0; i < n; i++) {
          const d = this.sched[i]!;
          this.ach(d, issuer, Math.round(clamp(base * rng.lognormal(1, 0.5), 25, 15000) * 100), 'WEB');
          if (rng.chance(0.12) && d + 12 <= this.last) this.ach(d + 12, issuer, this.amount(50, 500), 'WEB');
        }
        const A = this.cal.end;
        for (let k = this.countSince(C_CREDIT_CARD, A - 90, 'kli_bank_card'); k < 2; k++) {
          this.ach(Math.max(this.first, A - 3 - 20 * k), issuer, this.amount(50, 800), 'WEB');
        }
      }
    }
  }

  private incomeFlows(): void {
    const rng = this.rng;
    if (this.flags & PAYROLL) this.payroll();
    if (this.flags & GIG) this.gig();
    // Social Security: second, third or fourth Wednesday.
    if (this.age >= 66 && rng.chance(0.85)) {
      const week = 1 + (rng.u32() % 3);
      const amount = this.amount(1100, 3200);
      for (let k = 0; k < this.cal.months; k++) {
        let d = this.cal.monthStart[k]!;
        while (Calendar.dow(d) !== 3) d++;
        d += 7 * week;
        if (d >= this.first && d <= this.last) this.ach(d, B.ssa, -amount);
      }
    }
    // Without payroll here, money arrives from accounts elsewhere.
    if (!(this.flags & PAYROLL)) {
      const bank = EXTERNAL_BANKS[rng.u32() % EXTERNAL_BANKS.length]!;
      const [company = '', des = ''] = bank.split('|');
      const monthly = (this.income / 12) * rng.range(0.5, 0.9);
      const perMonth = 1 + (rng.u32() % 3);
      const n = rng.poisson(perMonth * this.months());
      for (let i = 0; i < n; i++) {
        const d = this.day(this.first, this.last);
        if (d < 0) break;
        this.achRaw(
          this.cal.business(d) <= this.last ? this.cal.business(d) : d,
          company,
          des,
          -Math.round((monthly / perMonth) * rng.lognormal(1, 0.3) * 100),
          '',
          C_XFER_IN,
          'WEB',
        );
      }
    }
    // Interest on checking.
    if (rng.chance(0.45)) {
      const rate = rng.range(0.3, 60);
      for (let k = 0; k < this.cal.months; k++) {
        const d = this.cal.monthStart[k]! + this.cal.monthLength[k]! - 1;
        if (d >= this.first && d <= this.last) {
          this.raw(
            d,
            rng.chance(0.5) ? 'INTEREST PAYMENT' : 'INTEREST EARNED',
            -Math.max(1, Math.round(rate * rng.lognormal(1, 0.3))),
            '',
            C_INTEREST,
          );
        }
      }
    }
    // Tax refunds in spring.
    for (let k = 0; k < this.cal.months; k++) {
      const month = this.cal.monthOfYear[k]!;
      if (month >= 1 && month <= 3 && rng.chance(0.18)) {
        const d = this.cal.business(this.cal.monthStart[k]! + (rng.u32() % 28));
        if (d >= this.first && d <= this.last)
          this.ach(d, B.irsRefund, -this.amount(200, 4000), 'PPD', C_OTHER_INCOME);
      }
    }
    // Deposits.
    const deposits = rng.poisson(rng.range(0.05, 0.6) * this.months());
    for (let i = 0; i < deposits; i++) {
      const d = this.day(this.first, this.last);
      if (d < 0) break;
      const r = rng.u32() % 3;
      const where = CITIES[this.cityAt(d)]!;
      const desc =
        r === 0
          ? 'MOBILE DEPOSIT'
          : r === 1
            ? `REMOTE ONLINE DEPOSIT #${rng.digits(7)}`
            : `ATM CHECK DEPOSIT ${this.cal.mmdd[d - this.cal.first]} ${rng.digits(4)} ${where.street} ${where.label}`;
      this.raw(d, desc, -this.amount(40, 2500), '', C_DEPOSIT);
    }
    // Refunds from the big retailers.
    const refunds = rng.poisson(0.25 * this.months() * this.activity);
    for (let i = 0; i < refunds; i++) {
      const d = this.day(this.first, this.last);
      if (d < 0) break;
      const b = REFUND_BRANDS[rng.u32() % REFUND_BRANDS.length]!;
      this.card(d, b, -this.amount(5, Math.min(b.hi, 200)), false, C_REFUND);
    }
  }

  private payroll(): void {
    const rng = this.rng;
    const A = this.cal.end;
    const biweekly = rng.chance(0.6);
    const net = ((this.income * 0.74) / (biweekly ? 26 : 24)) * 100;
    const style = rng.next();
    const employer = EMPLOYERS[rng.u32() % EMPLOYERS.length]!;
    const emit = (d: number, cents: number) => {
      if (style < 0.45) this.achRaw(d, employer, 'PAYROLL', -cents, '', C_PAYROLL);
      else if (style < 0.6) this.ach(d, B.adp, -cents, 'PPD', C_PAYROLL);
      else if (style < 0.72) this.ach(d, B.gusto, -cents, 'PPD', C_PAYROLL);
      else if (style < 0.82) this.ach(d, B.paychex, -cents, 'PPD', C_PAYROLL);
      else this.raw(d, `${employer} DIRECT DEP`, -cents, '', C_PAYROLL);
    };
    const pay = () => Math.round(net * rng.lognormal(1, 0.03) * (rng.chance(0.02) ? 2 : 1));
    if (biweekly) {
      let d = this.first + (rng.u32() % 14);
      while (Calendar.dow(d) !== 5) d++;
      for (; d <= this.last; d += 14) emit(d, pay());
    } else {
      for (let k = 0; k < this.cal.months; k++) {
        const mid = Calendar.businessBefore(this.cal.monthDay(k, 15));
        const end = Calendar.businessBefore(this.cal.monthDay(k, 31));
        if (mid >= this.first && mid <= this.last) emit(mid, pay());
        if (end >= this.first && end <= this.last) emit(end, pay());
      }
    }
    // Very short histories: make sure the definition (2 in the last 45 days) holds.
    let recent = 0;
    for (let i = 0; i < this.rows.n; i++)
      if (this.rows.cat[i] === C_PAYROLL && this.rows.day[i]! >= A - 45) recent++;
    for (; recent < 2; recent++)
      emit(Math.max(this.first, Calendar.businessBefore(A - 3 - 14 * recent)), pay());
  }

  private gig(): void {
    const rng = this.rng;
    const A = this.cal.end;
    const platforms = rng.chance(0.35) ? 2 : 1;
    for (let p = 0; p < platforms; p++) {
      const platform = this.pickList(GIG_BRANDS);
      const start = rng.chance(0.5) ? this.first : this.day(this.first, A - 100);
      const weekday = 1 + (rng.u32() % 5);
      let d = Math.max(start, this.first);
      while (Calendar.dow(d) !== weekday) d++;
      const typical = rng.range(platform.lo * 2, platform.hi / 2);
      for (; d <= this.last; d += 7) {
        if (rng.chance(0.2)) continue;
        this.ach(d, platform, -Math.round(typical * rng.lognormal(1, 0.4) * 100));
      }
      // Instant cash-outs on random days.
      const extra = rng.poisson(0.8 * this.months());
      for (let i = 0; i < extra; i++) {
        const x = this.day(start, this.last);
        if (x >= 0) this.ach(this.cal.business(x), platform, -this.amount(20, 150));
      }
    }
    let recent = 0;
    for (let i = 0; i < this.rows.n; i++)
      if (this.rows.cat[i] === C_GIG && this.rows.day[i]! >= A - 90) recent++;
    const platform = GIG_BRANDS[0]!;
    for (; recent < 3; recent++)
      this.ach(
        Math.max(this.first, Calendar.businessBefore(A - 5 - 20 * recent)),
        platform,
        -this.amount(60, 400),
      );
  }

  private transfers(): void {
    const rng = this.rng;
    const m = this.months();
    let n: number;
    // To savings at KLI Bank, and back now and then.
    if (this.products & P_SAVINGS && rng.chance(0.65)) {
      const sav = this.printer.accountRef;
      const amount = this.amount(50, Math.max(60, this.income / 60));
      n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++) {
        const ref = rng.chance(0.5) ? ` REF #IB${rng.alnum(8)}` : '';
        this.raw(this.sched[i]!, `ONLINE TRANSFER TO SAV XXXX${sav}${ref}`, amount, '', C_XFER_OUT);
      }
      const back = rng.poisson(0.15 * m);
      for (let i = 0; i < back; i++) {
        const d = this.day(this.first, this.last);
        if (d >= 0)
          this.raw(d, `ONLINE TRANSFER FROM SAV XXXX${sav}`, -this.amount(100, 3000), '', C_XFER_IN);
      }
    }
    if (this.products & P_BUSINESS) {
      n = rng.poisson(1.5 * m);
      for (let i = 0; i < n; i++) {
        const d = this.day(this.first, this.last);
        if (d >= 0)
          this.raw(
            d,
            `ONLINE TRANSFER FROM BUS CHK XXXX${this.printer.last4}`,
            -this.amount(200, 5000),
            '',
            C_XFER_IN,
          );
      }
    }
    // Investing.
    if (this.products & P_BROKERAGE) {
      const amount = this.amount(100, 2000);
      n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++)
        this.raw(
          this.sched[i]!,
          `TRANSFER TO KLI INVEST XXXX${this.printer.accountRef}`,
          amount,
          '',
          C_INVEST,
        );
    }
    if (this.products & P_529) {
      const amount = this.amount(50, 500);
      n = this.monthly(15, this.first, this.last);
      for (let i = 0; i < n; i++) this.raw(this.sched[i]!, 'KLI 529 PLAN CONTRIB', amount, '', C_INVEST);
    }
    if (rng.chance(0.2)) {
      const broker = this.pickList(BROKERS);
      if (this.steady) this.flags |= COMPETITOR_BROKERAGE;
      const amount = this.amount(broker.lo, broker.hi);
      n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++)
        this.ach(this.sched[i]!, broker, Math.round(amount * rng.lognormal(1, 0.2)), 'WEB');
    }
    // Person to person.
    const p2p = rng.lognormal(1.5, 0.7) * this.activity;
    n = rng.poisson(p2p * m);
    for (let i = 0; i < n; i++) {
      const d = this.day(this.first, this.last);
      if (d < 0) break;
      const who = this.contacts[rng.u32() % 3]!;
      const r = rng.u32() % 100;
      const out = rng.chance(0.6);
      const cents = this.amount(10, 400);
      if (r < 50) {
        const initial = who.slice(0, who.indexOf(' ') + 2);
        if (out)
          this.raw(
            d,
            rng.chance(0.5) ? `ZELLE TO ${initial}` : `ZELLE PAYMENT TO ${who} CONF# ${rng.alnum(9)}`,
            cents,
            'zelle',
            C_P2P_OUT,
          );
        else
          this.raw(
            d,
            rng.chance(0.5) ? `ZELLE FROM ${who}` : `ZELLE PAYMENT FROM ${who} CONF# ${rng.alnum(9)}`,
            -cents,
            'zelle',
            C_P2P_IN,
          );
      } else if (r < 75) {
        if (out) this.ach(d, B.venmo, cents, 'WEB', C_P2P_OUT);
        else this.achRaw(d, 'VENMO', 'CASHOUT', -cents, 'venmo', C_P2P_IN, 'PPD');
      } else if (r < 90) {
        if (out)
          this.raw(
            d,
            rng.chance(0.6) ? `CASH APP*${who} ${this.state}` : `SQC*${who}`,
            cents,
            'cash_app',
            C_P2P_OUT,
          );
        else this.achRaw(d, 'CASH APP', 'CASH OUT', -cents, 'cash_app', C_P2P_IN, 'PPD');
      } else if (out) this.ach(d, B.paypal, cents, 'WEB', C_P2P_OUT);
      else this.achRaw(d, 'PAYPAL', 'TRANSFER', -cents, 'paypal', C_P2P_IN, 'PPD');
    }
    // Cash.
    if (rng.chance(0.45)) {
      const atm = rng.range(0.3, 2.5);
      const foreignAtm = rng.range(0, 0.3);
      n = rng.poisson(atm * m);
      for (let i = 0; i < n; i++) {
        const d = this.day(this.first, this.last);
        if (d < 0) break;
        const city = CITIES[this.cityAt(d)]!;
        const place = rng.chance(0.5) ? ` ${city.label}` : '';
        this.raw(
          d,
          `ATM WITHDRAWAL ${rng.digits(4)} ${city.street}${place}`,
          (1 + (rng.u32() % 15)) * 2000,
          '',
          C_WITHDRAWAL,
        );
        if (rng.next() < foreignAtm)
          this.raw(
            d,
            rng.chance(0.7) ? 'ATM FEE' : 'NON-KLI ATM FEE',
            rng.chance(0.5) ? 300 : 350,
            '',
            C_ATM_FEE,
          );
      }
    }
  }

  private subscriptions(): void {
    const rng = this.rng;
    const count = rng.poisson(2.3);
    for (let c = 0; c < count; c++) {
      const sub = SUBSCRIPTIONS[rng.pickCumulative(SUB_CUM)]!;
      const price = Math.floor(rng.range(sub.lo, sub.hi + 0.99)) * 100 - 1;
      const start = rng.chance(0.8) ? this.first : this.day(this.first, this.last);
      const stop = rng.chance(0.85) ? this.last : this.day(start, this.last);
      if (start < 0 || stop < 0) continue;
      const dom = 1 + (rng.u32() % 28);
      for (let k = 0; k < this.cal.months; k++) {
        const d = this.cal.monthDay(k, dom);
        if (d >= start && d <= stop) this.card(d, sub, Math.max(99, price), true);
      }
    }
  }

  private spending(): void {
    const rng = this.rng;
    const span = this.last - this.first + 1;
    if (span <= 0) return;
    const m = span / 30.44;
    for (let s = 0; s < SPEND.length; s++) {
      const sp = SPEND[s]!;
      if (sp.need === NEED_CAR && !this.car) continue;
      if (sp.need === NEED_EV && !this.ev) continue;
      if (sp.need === NEED_TRANSIT && !this.transit) continue;
      if (rng.next() >= sp.share) continue;
      const p = this.pools[s]!;
      if (p.brands.length === 0 && !sp.kind) continue;
      const n = rng.poisson(sp.rate * this.activity * rng.lognormal(1, 0.45) * m);
      for (let j = 0; j < n; j++) this.purchase(s, this.first + (rng.u32() % span), sp.max);
    }
  }

  private purchase(s: number, day: number, max: number): void {
    const sp = SPEND[s]!;
    const kind = sp.kind;
    if (kind && (this.pools[s]!.brands.length === 0 || this.rng.next() < sp.local)) {
      this.local(day, kind, this.amount(kind.lo, Math.min(kind.hi, max)));
      return;
    }
    const b = this.pickBrand(s);
    this.card(day, b, this.amount(b.lo, Math.min(b.hi, max)));
  }

  private occasional(): void {
    const rng = this.rng;
    // Charity.
    if (rng.chance(0.08)) {
      const charity = this.pickList(CHARITIES);
      const amount = this.amount(10, 100);
      const n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++) this.card(this.sched[i]!, charity, amount, true);
    }
    if (rng.chance(0.05)) {
      const d = this.day(this.first, this.last);
      if (d >= 0) this.card(d, B.gofundme, this.amount(10, 200));
    }
    for (let k = 0; k < this.cal.months; k++) {
      const month = this.cal.monthOfYear[k]!;
      const start = this.cal.monthStart[k]!;
      // Car registration once a year, taxes in April, property tax for owners without escrow.
      if (this.car && month === (this.salt >>> 8) % 12 && rng.chance(0.9)) {
        const d = start + (rng.u32() % 28);
        if (d >= this.first && d <= this.last) this.card(d, B.dmv, this.amount(60, 400));
      }
      if (month === 3 && rng.chance(0.12)) {
        const d = this.cal.business(start + 14);
        if (d >= this.first && d <= this.last) this.ach(d, B.irs, this.amount(200, 6000), 'WEB', C_TAXES);
        if (this.state === 'CA' && rng.chance(0.5) && d >= this.first && d <= this.last)
          this.ach(d, B.ftb, this.amount(100, 2500), 'WEB');
      }
      if (
        this.homeowner &&
        !(this.products & P_MORTGAGE) &&
        (month === 3 || month === 11) &&
        rng.chance(0.6)
      ) {
        const d = this.cal.business(start + 9);
        if (d >= this.first && d <= this.last)
          this.raw(d, `${CITIES[this.city]!.name} COUNTY TAX COLLECTOR`, this.amount(600, 5000), '', C_TAXES);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Behaviours and their near misses

  private trip(lo: number, hi: number, forced: boolean): void {
    const rng = this.rng;
    lo = Math.max(lo, this.first);
    hi = Math.min(hi, this.last);
    if (lo > hi) return;
    const t = rng.int(lo, hi);
    const nights = 1 + (rng.u32() % 6);
    const dest = (this.city + 1 + (rng.u32() % (CITIES.length - 1))) % CITIES.length;
    const state = CITIES[dest]!.state;
    const end = Math.min(hi, t + nights);
    // Booking: an airline (or an agency), then the stay.
    const booked = forced
      ? Math.max(lo, t - (rng.u32() % 20))
      : Math.max(this.first, t - 3 - (rng.u32() % 40));
    if (!forced && rng.chance(0.1)) {
      this.card(booked, rng.chance(0.6) ? B.expedia : B.bookingCom, this.amount(150, 1800));
    } else {
      const airline = this.pickFrom(pool('travel.airlines', this.state, CARD))!;
      this.card(booked, airline, this.amount(airline.lo, airline.hi));
      if (rng.chance(0.2)) this.card(booked, airline, this.amount(airline.lo, airline.hi));
    }
    this.away = dest;
    let hotelCents = 0;
    if (forced || rng.chance(0.55)) {
      const hotel = this.pickFrom(pool('travel.hotels', state, CARD))!;
      hotelCents = this.amount(hotel.lo, Math.min(hotel.hi, 250 * nights));
      this.card(end, hotel, hotelCents);
    }
    if (rng.chance(0.25)) {
      const rental = this.pickFrom(pool('travel.car_rental', state, CARD))!;
      this.card(end, rental, this.amount(rental.lo, rental.hi));
    }
    const meals = rng.int(1, 4);
    for (let i = 0; i < meals; i++) {
      const d = t + (rng.u32() % (end - t + 1));
      this.purchase(rng.chance(0.7) ? S_RESTAURANTS : S_RIDESHARE, d, 1e9);
    }
    this.away = -1;
    if (hotelCents > 0 && rng.chance(0.08)) {
      this.raw(
        end,
        rng.chance(0.7) ? 'FOREIGN TRANSACTION FEE' : 'INTL TRANSACTION FEE',
        Math.max(1, Math.round(hotelCents * 0.03)),
        '',
        C_FX_FEE,
      );
    }
  }

  private travel(): void {
    const rng = this.rng;
    const A = this.cal.end;
    if (this.flags & TRAVELER) {
      const trips = rng.poisson(rng.range(0.4, 1.2) * this.months());
      for (let i = 0; i < trips; i++) this.trip(this.first, this.last, false);
      const lo = Math.max(A - 180, this.first);
      const mid = (lo + this.last) >> 1;
      this.trip(lo, mid, true);
      this.trip(mid + 1, this.last, true);
      if (rng.chance(0.05)) {
        const d = this.day(A - 180, A);
        if (d >= 0)
          this.card(d, this.pickList([B.carnival, B.royalCaribbean, B.norwegian]), this.amount(300, 3000));
      }
    } else {
      // Near miss: a trip or two a year; enforcement keeps it to 2 travel rows in the last 180 days.
      const trips = rng.poisson(rng.range(0, 0.15) * this.months());
      for (let i = 0; i < trips; i++) this.trip(this.first, this.last, false);
    }
  }

  private pets(): void {
    if (!(this.flags & PET)) return;
    const rng = this.rng;
    const A = this.cal.end;
    const stores = pool('general_merchandise.pet_supplies', this.state, CARD);
    const vets = pool('medical.veterinary', this.state, CARD);
    const petKind = localKind('general_merchandise.pet_supplies')!;
    const vetKind = localKind('medical.veterinary')!;
    const store = this.pickFrom(stores)!;
    const buy = (d: number) => {
      if (rng.chance(0.15)) this.local(d, petKind, this.amount(petKind.lo, petKind.hi));
      else this.card(d, store, this.amount(store.lo, store.hi));
    };
    if (rng.chance(0.35)) {
      const price = this.amount(30, 120);
      const n = this.monthly(1 + (rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++)
        this.card(this.sched[i]!, B.chewy, Math.round(price * rng.lognormal(1, 0.1)));
    }
    const visits = rng.poisson(rng.range(0.4, 1.6) * this.months());
    for (let i = 0; i < visits; i++) {
      const d = this.day(this.first, this.last);
      if (d >= 0) buy(d);
    }
    const vetVisits = rng.poisson(0.25 * this.months());
    for (let i = 0; i < vetVisits; i++) {
      const d = this.day(this.first, this.last);
      if (d < 0) continue;
      if (rng.chance(0.35)) this.local(d, vetKind, this.amount(vetKind.lo, vetKind.hi));
      else {
        const vet = this.pickFrom(vets)!;
        this.card(d, vet, this.amount(vet.lo, Math.min(vet.hi, 900)));
      }
    }
    for (let i = 0; i < 2; i++) {
      const d = this.day(A - 180, A);
      if (d >= 0) buy(d);
    }
  }

  private moving(): void {
    const rng = this.rng;
    const A = this.cal.end;
    const movers = pool('home_improvement.moving_and_storage', this.state, CARD);
    if (this.flags & MOVER) {
      const day = this.moveDay !== NEVER ? this.moveDay : rng.int(Math.max(A - 55, this.first), A - 5);
      this.card(day, rng.chance(0.7) ? B.uhaul : this.pickFrom(movers)!, this.amount(60, 900));
      const extra = rng.int(0, 3);
      for (let i = 0; i < extra; i++) {
        const b = this.pickFrom(movers)!;
        this.card(
          rng.int(Math.max(A - 60, day - 10, this.first), Math.min(A, day + 20)),
          b,
          this.amount(b.lo, b.hi),
        );
      }
      // Storage after the move, monthly.
      if (rng.chance(0.35)) {
        const storage = this.pickList([brand('public_storage'), brand('extra_space'), brand('cubesmart')]);
        const price = this.amount(60, 240);
        for (let d = day; d <= A; d += 30) this.card(d, storage, price, true);
      }
    } else if (A - this.first > 400 && rng.chance(0.03)) {
      // Near miss: a move long ago.
      const d = this.day(this.first, A - 366);
      const b = this.pickFrom(movers)!;
      if (d >= 0) this.card(d, b, this.amount(b.lo, b.hi));
    }
  }

  private baby(): void {
    const rng = this.rng;
    const A = this.cal.end;
    const shops = pool('general_merchandise.baby_and_kids', this.state, CARD);
    const buy = (d: number) => {
      const b = this.pickFrom(shops)!;
      this.card(d, b, this.amount(b.lo, b.hi));
    };
    if (this.flags & BABY) {
      const n = 3 + rng.poisson(3);
      for (let i = 0; i < n; i++) buy(rng.int(Math.max(A - 120, this.first), A));
      // An older sibling, long before.
      if (rng.chance(0.25)) {
        const older = rng.poisson((0.3 * Math.max(0, A - 486 - this.first)) / 30.44);
        for (let i = 0; i < older; i++) {
          const d = this.day(this.first, A - 486);
          if (d >= 0) buy(d);
        }
      }
    } else if (rng.chance(0.08)) {
      // Near miss: baby-shower gifts.
      const n = rng.int(1, 2);
      for (let i = 0; i < n; i++) {
        const d = this.day(this.first, this.last);
        if (d >= 0) buy(d);
      }
    }
  }

  private homeImprovement(): void {
    const rng = this.rng;
    const A = this.cal.end;
    const hardware = pool('home_improvement.hardware', this.state, CARD);
    const furniture = pool('home_improvement.furniture', this.state, CARD);
    if (this.flags & HOMEOWNER) {
      const from = Math.max(A - 90, this.closeDay - 5, this.first);
      const n = 4 + rng.poisson(5);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const d = rng.int(from, A);
        const b = rng.chance(0.6) ? this.pickFrom(hardware)! : this.pickFrom(furniture)!;
        const cents = this.amount(Math.max(b.lo, 40), b.hi * 1.5);
        total += cents;
        this.card(d, b, cents);
      }
      if (total < 250000) {
        const b = this.pickFrom(furniture)!;
        this.card(rng.int(from, A), b, 250000 - total + this.amount(100, 1500));
      }
      // Home services start after the move-in.
      if (rng.chance(0.4)) {
        const svc = this.pickFrom(pool('home_improvement.home_services', this.state, CARD))!;
        this.card(rng.int(from, A), svc, this.amount(svc.lo, svc.hi));
      }
    } else if (this.homeowner && rng.chance(0.05)) {
      // Near miss: one bigger project.
      const d = this.day(this.first, this.last);
      if (d >= 0) this.card(d, this.pickFrom(hardware)!, this.amount(300, 550));
    }
  }

  private fees(): void {
    const rng = this.rng;
    const A = this.cal.end;
    const fee = (d: number) => {
      const r = rng.u32() % 100;
      if (r < 40)
        this.raw(d, rng.chance(0.7) ? 'LATE FEE' : 'LATE PAYMENT FEE', this.amount(25, 39), '', C_LATE);
      else if (r < 85)
        this.raw(
          d,
          rng.chance(0.7)
            ? 'OVERDRAFT ITEM FEE'
            : `OVERDRAFT ITEM FEE FOR ACTIVITY OF ${this.cal.md[d - this.cal.first]}`,
          3500,
          '',
          C_OVERDRAFT,
        );
      else this.raw(d, 'NSF RETURNED ITEM FEE', 3500, '', C_NSF);
    };
    if (this.flags & LATE_FEES) {
      const n = rng.int(2, 5);
      for (let i = 0; i < n; i++) {
        const d = this.day(A - 180, A);
        if (d >= 0) fee(d);
      }
      const older = rng.poisson((0.2 * Math.max(0, A - 181 - this.first)) / 30.44);
      for (let i = 0; i < older; i++) {
        const d = this.day(this.first, A - 181);
        if (d >= 0) fee(d);
      }
    } else if (rng.chance(0.15)) {
      const d = this.day(this.first, this.last);
      if (d >= 0) fee(d); // near miss: a single fee
    }
    if (rng.chance(0.08)) {
      const n = this.monthly(28, this.first, this.last);
      const amount = rng.chance(0.5) ? 1200 : 1500;
      for (let i = 0; i < n; i++)
        if (rng.chance(0.7)) this.raw(this.sched[i]!, 'MONTHLY MAINTENANCE FEE', amount, '', C_MONTHLY_FEE);
    }
  }

  /** Near miss for `dormant`: quiet since two months ago but for one or two small transactions. */
  private quietTail(): void {
    const rng = this.rng;
    const A = this.cal.end;
    const n = rng.int(1, 2);
    for (let i = 0; i < n; i++) {
      const d = rng.int(A - 55, A);
      if (rng.chance(0.5)) this.raw(d, 'MONTHLY MAINTENANCE FEE', 1200, '', C_MONTHLY_FEE);
      else this.purchase(S_GROCERIES, d, 80);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Later behaviours: drawn from the second stream, so the rows above are the same with or without them

  private laterBehaviours(): void {
    const main = this.rng;
    this.rng = this.printer.rng = this.later;
    try {
      const f = this.flags;
      if (f & COMPETITOR_INSURANCE) this.insurancePremiums();
      if (f & WEDDING) this.wedding();
      else if (this.rng.chance(0.02)) {
        // Near miss: an anniversary ring, no wedding vendor.
        const d = this.day(this.first, this.last);
        if (d >= 0) this.card(d, JEWELERS[this.rng.u32() % JEWELERS.length]!, this.amount(1000, 4000));
      }
      if (f & NEW_CAR) this.newCar();
      if (f & COLLEGE) this.college();
      if (f & RETIREMENT) this.retirement();
      if (f & EV_DRIVER) this.evCharging();
      if (f & STREAMING) this.streaming();
      if (f & GAMER) this.gaming();
      if (f & BNPL) this.installments();
      if (f & HOME_CHEF) this.mealKits();
    } finally {
      this.rng = this.printer.rng = main;
    }
  }

  /** Rows of `category` in the last `days` days (not dropped), with `cents` at least `min`. */
  private recent(category: number, days: number, min = 1, except = ''): number {
    const rows = this.rows;
    const since = this.cal.end - days;
    let n = 0;
    for (let i = 0; i < rows.n; i++)
      if (
        rows.cat[i] === category &&
        !rows.gone[i] &&
        rows.day[i]! >= since &&
        rows.cents[i]! >= min &&
        rows.merchant[i] !== except
      )
        n++;
    return n;
  }

  /** Monthly premiums of at least $50 to an outside insurer, at least two in the last 90 days. */
  private insurancePremiums(): void {
    const A = this.cal.end;
    const insurer = this.pickList(INSURERS);
    const price = this.amount(Math.max(60, insurer.lo), insurer.hi);
    if (this.recent(C_INSURANCE, 90, 5000, 'lemonade') < 2) {
      const n = this.monthly(1 + (this.rng.u32() % 27), this.first, this.last);
      for (let i = 0; i < n; i++) this.ach(this.sched[i]!, insurer, price);
    }
    // A short history: a second policy (home or renters) with the same insurer.
    while (this.recent(C_INSURANCE, 90, 5000, 'lemonade') < 2)
      this.ach(this.rng.int(Math.max(A - 90, this.first), A), insurer, price);
  }

  private wedding(): void {
    const A = this.cal.end;
    const n = 2 + (this.rng.u32() % 3);
    for (let i = 0; i < n; i++) {
      const vendor = WEDDING_VENDORS[this.rng.u32() % WEDDING_VENDORS.length]!;
      this.card(this.rng.int(Math.max(A - 175, this.first), A), vendor, this.amount(vendor.lo, vendor.hi));
    }
    if (this.rng.chance(0.5)) {
      const d = this.rng.int(Math.max(A - 175, this.first), A);
      this.card(d, JEWELERS[this.rng.u32() % JEWELERS.length]!, this.amount(1000, 6000));
    }
  }

  /** A down payment at a dealer in the last 90 days, then monthly payments on the new loan. */
  private newCar(): void {
    const A = this.cal.end;
    const financed = this.recent(C_AUTO_LOAN, 365) === 0;
    const kli = this.rng.chance(0.3);
    // A new loan with another lender is planted as one: bought early enough for two payments.
    const other = financed && !kli && this.steady;
    const bought = this.rng.int(Math.max(A - 85, this.first), other ? A - 62 : A - 5);
    this.card(bought, this.pickList(DEALERS), this.amount(2000, 6000));
    if (other) {
      this.flags |= COMPETITOR_AUTO_LOAN;
      const lender = this.pickList(AUTO_LENDERS);
      const payment = this.amount(300, 900);
      for (let d = bought + 30; d <= A; d += 30) this.ach(d, lender, payment);
    } else if (financed) {
      this.products |= P_AUTO;
      const payment = this.amount(300, 900);
      const n = this.monthly(5 + (this.rng.u32() % 20), bought + 25, this.last);
      for (let i = 0; i < n; i++) this.ach(this.sched[i]!, B.kliAuto, payment);
    }
  }

  /** Tuition to a university: one to three bursar debits in the last year, at least $1,500 each. */
  private college(): void {
    const A = this.cal.end;
    const school = UNIVERSITIES[this.rng.u32() % UNIVERSITIES.length]!;
    const n = 1 + (this.rng.u32() % 3);
    for (let i = 0; i < n; i++) {
      const d = this.rng.int(Math.max(A - 360, this.first), A);
      this.achRaw(d, school, 'TUITION', this.amount(1500, 9000), '', C_EDUCATION, 'WEB');
    }
  }

  /** Social Security starts in the last 120 days; any earlier benefit rows go. */
  private retirement(): void {
    const A = this.cal.end;
    const rows = this.rows;
    for (let i = 0; i < rows.n; i++) if (rows.merchant[i] === 'ssa') rows.gone[i] = 1;
    const start = this.rng.int(Math.max(A - 110, this.first), A - 20);
    const week = 1 + (this.rng.u32() % 3);
    const amount = this.amount(1100, 3200);
    let paid = 0;
    for (let k = 0; k < this.cal.months; k++) {
      let d = this.cal.monthStart[k]!;
      while (Calendar.dow(d) !== 3) d++;
      d += 7 * week;
      if (d >= start && d <= A) {
        this.ach(d, B.ssa, -amount);
        paid++;
      }
    }
    if (paid === 0) this.ach(Math.max(start, A - 5), B.ssa, -amount);
  }

  /** At least two public charging sessions in the last 90 days. */
  private evCharging(): void {
    const A = this.cal.end;
    const chargers = pool('transportation.ev_charging', this.state, CARD);
    while (this.recent(C_EV, 90) < 2) {
      const b = this.pickFrom(chargers)!;
      this.card(this.rng.int(Math.max(A - 85, this.first), A), b, this.amount(b.lo, b.hi));
    }
  }

  /** Three video streaming services or more, each billed monthly for at least the last four months. */
  private streaming(): void {
    const A = this.cal.end;
    const n = 3 + (this.rng.u32() % 2);
    const start = this.rng.u32() % STREAMERS.length;
    for (let k = 0; k < n; k++) {
      const sub = STREAMERS[(start + k) % STREAMERS.length]!;
      const price = Math.floor(this.rng.range(sub.lo, sub.hi + 0.99)) * 100 - 1;
      const from = Math.max(this.first, A - 120 - (this.rng.u32() % 300));
      const dom = 1 + (this.rng.u32() % 28);
      for (let m = 0; m < this.cal.months; m++) {
        const d = this.cal.monthDay(m, dom);
        if (d >= from && d <= A) this.card(d, sub, Math.max(99, price), true);
      }
    }
  }

  /** Three to eight game purchases in the last 90 days: consoles' stores, Steam, in-game spend. */
  private gaming(): void {
    const A = this.cal.end;
    const stores = pool('entertainment.gaming', this.state, CARD);
    const n = 3 + (this.rng.u32() % 6);
    for (let i = 0; i < n; i++) {
      const b = this.pickFrom(stores)!;
      this.card(this.rng.int(Math.max(A - 88, this.first), A), b, this.amount(b.lo, b.hi));
    }
  }

  /** A purchase split in four: installments every two weeks, at least two in the last 90 days. */
  private installments(): void {
    const A = this.cal.end;
    const plan = BNPL_PLANS[this.rng.u32() % BNPL_PLANS.length]!;
    const plans = 1 + (this.rng.u32() % 2);
    for (let p = 0; p < plans; p++) {
      const cents = this.amount(plan.lo, plan.hi);
      const first = this.rng.int(Math.max(A - 80, this.first), A - 15);
      for (let d = first; d <= A && d < first + 56; d += 14) this.card(d, plan, cents);
    }
  }

  /** A meal-kit subscription: a box every week or two for at least the last four months. */
  private mealKits(): void {
    const A = this.cal.end;
    const kit = MEAL_KITS[this.rng.u32() % MEAL_KITS.length]!;
    const every = this.rng.chance(0.6) ? 7 : 14;
    const price = this.amount(kit.lo, kit.hi);
    const from = Math.max(this.first, A - 120 - (this.rng.u32() % 200));
    for (let d = A - (this.rng.u32() % every); d >= from; d -= every) this.card(d, kit, price, true);
  }

  /**
   * The behaviours that depend on a customer's whole activity, settled on the final rows:
   * disengaging (everyday spending thins out in the last 90 days) and home chef (groceries).
   */
  private enforceLater(): void {
    const rows = this.rows;
    const A = this.cal.end;
    const main = this.rng;
    this.rng = this.printer.rng = this.later;
    try {
      if (this.flags & DISENGAGING && !(this.flags & DORMANT))
        for (let i = 0; i < rows.n; i++)
          if (
            !rows.gone[i] &&
            rows.day[i]! >= A - 90 &&
            IS_EVERYDAY[rows.cat[i]!] &&
            !MEAL_KIT_KEYS.has(rows.merchant[i]!) &&
            !WEDDING_KEYS.has(rows.merchant[i]!) &&
            this.rng.next() < 0.92
          )
            rows.gone[i] = 1;
      if (!(this.flags & HOME_CHEF)) this.capGroceries();
      if (!(this.flags & DORMANT)) {
        // Still active: something in the last 60 days.
        let last60 = 0;
        for (let i = 0; i < rows.n; i++) if (!rows.gone[i] && rows.day[i]! >= A - 60) last60++;
        if (last60 === 0) this.purchase(S_CONVENIENCE, this.rng.int(A - 50, A), 40);
        let recent = 0;
        let before = 0;
        for (let i = 0; i < rows.n; i++) {
          if (rows.gone[i]) continue;
          const d = rows.day[i]!;
          if (d >= A - 90) recent++;
          else if (d >= A - 180) before++;
        }
        const disengaged = before >= 20 && recent * 2 < before;
        if (!disengaged) this.flags &= ~DISENGAGING;
        else if (!(this.flags & DISENGAGING))
          // Not planted: everyday purchases keep at least half the earlier pace.
          for (let k = recent; k * 2 < before; k++)
            this.purchase(S_CONVENIENCE, this.rng.int(Math.max(A - 85, this.first), A), 40);
      }
    } finally {
      this.rng = this.printer.rng = main;
    }
    rows.sort();
  }

  /** Not a home chef: groceries in the last 90 days stay under 850, or under three times eating out. */
  private capGroceries(): void {
    const rows = this.rows;
    const A = this.cal.end;
    let groceries = 0;
    let eatingOut = 0;
    for (let i = 0; i < rows.n; i++) {
      if (rows.gone[i] || rows.day[i]! < A - 90 || rows.cents[i]! <= 0) continue;
      if (rows.cat[i] === C_GROCERIES) groceries += rows.cents[i]!;
      else if (IS_EATING_OUT[rows.cat[i]!]) eatingOut += rows.cents[i]!;
    }
    if (groceries < 90000 || groceries < eatingOut * 3) return;
    let kept = 0;
    for (let j = 0; j < rows.n; j++) {
      const i = rows.index(j);
      if (rows.gone[i] || rows.day[i]! < A - 90 || rows.cents[i]! <= 0 || rows.cat[i] !== C_GROCERIES)
        continue;
      if (kept + rows.cents[i]! >= 85000) rows.gone[i] = 1;
      else kept += rows.cents[i]!;
    }
  }

  /** Balances and logins that make the customer-attribute behaviours hold exactly when planted. */
  private plantedBalances(balance: number, prior: number, logins: number): [number, number, number] {
    const rng = this.later;
    const f = this.flags;
    const A = this.cal.end;
    // Paycheck to paycheck, on the final rows: income of the last 90 days against spending.
    let income = 0;
    let spend = 0;
    let spendSure = 0;
    for (let i = 0; i < this.rows.n; i++) {
      const rows = this.rows;
      if (rows.gone[i] || rows.day[i]! < A - 90) continue;
      const c = rows.cat[i]!;
      const cents = rows.cents[i]!;
      if (cents < 0 && (c === C_PAYROLL || c === C_GIG || c === C_BENEFITS)) income -= cents / 100;
      if (cents > 0 && !IS_TRANSFER_OUT[c]) {
        spend += cents / 100;
        // Rent paid by Zelle reads as a transfer, not as spending, to a rule that sees only the text.
        if (rows.merchant[i] !== 'zelle') spendSure += cents / 100;
      }
    }
    const stretched = income >= 3000 && spend >= income * 0.95;
    const plantable = income >= 3100 && spendSure >= income * 0.98 && !(f & (AFFLUENT | RISING_BALANCE));
    if (!plantable) this.flags &= ~PAYCHECK;
    if (this.flags & PAYCHECK) balance = (income / 6) * rng.range(0.2, 0.85);
    else if (stretched && balance < (income / 6) * 1.02) balance = (income / 6) * rng.range(1.05, 2);
    if (f & AFFLUENT) balance = 25_100 + rng.lognormal(25_000, 0.9);
    else if (balance >= 24_900) balance = rng.range(8_000, 24_500);
    if (f & RISING_BALANCE) {
      if (balance < 3_000) balance = rng.range(3_000, 12_000);
      prior = Math.min(balance / rng.range(1.3, 2.5), balance - 2_100);
    } else if (balance >= prior * 1.2 && balance - prior >= 1_900) prior = balance / rng.range(1.02, 1.18);
    if (f & FALLING_BALANCE) prior = Math.max(balance / 0.74, balance + 2_100) * rng.range(1.02, 1.8);
    else if (balance <= prior * 0.8 && prior - balance >= 1_900) prior = balance * rng.range(1.02, 1.22);
    let cash = 0;
    const rows = this.rows;
    for (let i = 0; i < rows.n; i++)
      if (!rows.gone[i] && rows.cat[i] === C_WITHDRAWAL && rows.cents[i]! > 0 && rows.day[i]! >= A - 90)
        cash++;
    if (f & DIGITAL_FIRST) logins = Math.max(logins, 46 + rng.poisson(25));
    else if (logins >= 45 && cash <= 1) logins = rng.int(15, 44);
    return [balance, prior, logins];
  }

  // -------------------------------------------------------------------------------------------
  // Ground truth enforcement

  /** Drops rows that would make a non-planted customer meet a definition (and planted priors). */
  private enforce(): void {
    const rows = this.rows;
    rows.sort();
    const A = this.cal.end;
    const f = this.flags;
    let travel = 0;
    let baby = 0;
    let fees = 0;
    let prior = 0;
    let windowSum = 0;
    let head = 0;
    let tail = 0;
    const hwDay = this.sched;
    const hwCents: number[] = [];
    let premiums = 0;
    let education = 0;
    let charging = 0;
    let cash = 0;
    let loanRecent = 0;
    let loanBefore = 0;
    let benefitsRecent = 0;
    let benefitsBefore = 0;
    let otherAuto = 0;
    let otherStudent = 0;
    let otherBroker = 0;
    let gym = 0;
    let games = 0;
    let bnpl = 0;
    const streams = new Set<string>();
    for (let j = 0; j < rows.n; j++) {
      const i = rows.index(j);
      const c = rows.cat[i]!;
      const d = rows.day[i]!;
      if (IS_TRAVEL[c]) {
        if (!(f & TRAVELER) && d >= A - 180 && ++travel > 2) rows.gone[i] = 1;
      } else if (c === C_BABY) {
        if (f & BABY) {
          if (d >= A - 485 && d <= A - 121) rows.gone[i] = 1;
        } else if (d >= A - 120 && ++baby > 1) rows.gone[i] = 1;
      } else if (c === C_LATE || c === C_OVERDRAFT || c === C_NSF) {
        if (!(f & LATE_FEES) && d >= A - 180 && ++fees > 1) rows.gone[i] = 1;
      } else if ((c === C_HARDWARE || c === C_FURNITURE) && rows.cents[i]! > 0) {
        const cents = rows.cents[i]!;
        if (f & HOMEOWNER) {
          if (d >= A - 365 && d <= A - 91) {
            if (prior + cents > 30000) rows.gone[i] = 1;
            else prior += cents;
          }
        } else {
          while (head < tail && hwDay[head]! < d - 90) windowSum -= hwCents[head++]!;
          if (windowSum + cents >= 60000 || tail >= hwDay.length) rows.gone[i] = 1;
          else {
            hwDay[tail] = d;
            hwCents[tail++] = cents;
            windowSum += cents;
          }
        }
      } else if (c === C_MOVING) {
        if (!(f & MOVER) && d >= A - 365) rows.gone[i] = 1;
      } else if (c === C_PET || c === C_VET) {
        if (!(f & PET)) rows.gone[i] = 1;
      } else if (c === C_PAYROLL) {
        if (!(f & PAYROLL)) rows.gone[i] = 1;
      } else if (c === C_GIG) {
        if (!(f & GIG)) rows.gone[i] = 1;
      } else if (c === C_MORTGAGE) {
        const kli = rows.merchant[i] === 'kli_bank_mortgage';
        if (f & COMPETITOR_MORTGAGE ? kli : !kli && d >= A - 90) rows.gone[i] = 1;
      } else if (c === C_CREDIT_CARD) {
        if (!(f & COMPETITOR_CARD) && rows.merchant[i] !== 'kli_bank_card') rows.gone[i] = 1;
      } else if (c === C_INSURANCE) {
        // Everyone else who insures pays in full twice a year (renters' policies stay monthly, under $50).
        const m = rows.merchant[i];
        if (!(f & COMPETITOR_INSURANCE) && m !== 'lemonade' && m !== 'kli_bank_insurance') {
          if (premiums++ % 6 === 0) rows.cents[i] = rows.cents[i]! * 6;
          else rows.gone[i] = 1;
        }
      } else if (c === C_EDUCATION) {
        if (!(f & COLLEGE) && d >= A - 365 && rows.cents[i]! > 0) {
          if (education + rows.cents[i]! >= 100000) rows.gone[i] = 1;
          else education += rows.cents[i]!;
        }
      } else if (c === C_CAR_DEALER) {
        if (!(f & NEW_CAR) && d >= A - 90) rows.gone[i] = 1;
      } else if (c === C_EV) {
        if (!(f & EV_DRIVER) && d >= A - 90 && rows.cents[i]! > 0 && ++charging > 1) rows.gone[i] = 1;
      } else if (c === C_WITHDRAWAL) {
        if (f & DIGITAL_FIRST && d >= A - 90 && rows.cents[i]! > 0 && ++cash > 1) rows.gone[i] = 1;
      } else if (c === C_AUTO_LOAN && rows.cents[i]! > 0) {
        // Customers not planted (dormant, quiet, short histories) show at most one such payment.
        if (!(f & COMPETITOR_AUTO_LOAN) && rows.merchant[i] !== 'kli_bank_auto_loan' && d >= A - 90)
          if (++otherAuto > 1) rows.gone[i] = 1;
        if (!rows.gone[i] && d >= A - 120) loanRecent++;
        else if (!rows.gone[i] && d >= A - 390) loanBefore++;
      } else if (c === C_STUDENT_LOAN) {
        if (!(f & COMPETITOR_STUDENT_LOAN) && d >= A - 90 && rows.cents[i]! > 0 && ++otherStudent > 1)
          rows.gone[i] = 1;
      } else if (c === C_INVEST) {
        // KLI Invest and the 529 plan carry no merchant key; brokerages do.
        const other = rows.merchant[i] !== '';
        if (!(f & COMPETITOR_BROKERAGE) && other && d >= A - 180 && rows.cents[i]! > 0 && ++otherBroker > 1)
          rows.gone[i] = 1;
      } else if (c === C_STREAMING) {
        // Not planted: at most two services paid in the last 60 days (the others were cancelled).
        if (!(f & STREAMING) && d >= A - 60 && rows.cents[i]! > 0) {
          const m = rows.merchant[i]!;
          if (streams.size < 2) streams.add(m);
          if (!streams.has(m)) rows.gone[i] = 1;
        }
      } else if (c === C_GAMING) {
        if (!(f & GAMER) && d >= A - 90 && rows.cents[i]! > 0 && ++games > 2) rows.gone[i] = 1;
      } else if (c === C_GYM) {
        if (!(f & FITNESS) && d >= A - 120 && rows.cents[i]! > 0 && ++gym > 2) rows.gone[i] = 1;
      }
      if (!(f & BNPL) && d >= A - 90 && BNPL_KEYS.has(rows.merchant[i]!) && ++bnpl > 1) rows.gone[i] = 1;
      if (rows.merchant[i] === 'ssa' && !rows.gone[i]) {
        if (d >= A - 120) benefitsRecent++;
        else if (d >= A - 485) benefitsBefore++;
      }
      if (rows.merchant[i] !== '' && !(f & WEDDING) && d >= A - 180 && WEDDING_KEYS.has(rows.merchant[i]!))
        rows.gone[i] = 1;
      if (d < this.first || (f & DORMANT && d > this.last)) rows.gone[i] = 1;
    }
    // Short histories: a loan or a benefit that seems to start inside the window must not look new.
    const newLoan = !(f & NEW_CAR) && this.tenure >= 12 && loanRecent > 0 && loanBefore === 0;
    const newBenefit = !(f & RETIREMENT) && benefitsRecent > 0 && benefitsBefore === 0;
    if (newLoan || newBenefit)
      for (let i = 0; i < rows.n; i++) {
        if (newLoan && rows.cat[i] === C_AUTO_LOAN && rows.day[i]! >= A - 120) rows.gone[i] = 1;
        if (newBenefit && rows.merchant[i] === 'ssa' && rows.day[i]! >= A - 120) rows.gone[i] = 1;
      }
  }

  /** Every active customer has something in the last 60 days; planted dormant customers have nothing. */
  private fixups(): void {
    const rows = this.rows;
    const A = this.cal.end;
    if (this.flags & DORMANT) return;
    for (let i = 0; i < rows.n; i++) if (!rows.gone[i] && rows.day[i]! >= A - 60) return;
    this.last = A;
    this.purchase(S_GROCERIES, this.rng.int(A - 50, A), 80);
    rows.sort();
  }

  private emit(counter: number, tx: ByteSink, labels: ByteSink): number {
    const rows = this.rows;
    const first = this.cal.first;
    const dates = this.dates;
    const id = this.customerId;
    let written = 0;
    for (let j = 0; j < rows.n; j++) {
      const i = rows.index(j);
      if (rows.gone[i]) continue;
      written++;
      const txn = counter + written;
      tx.byte(84);
      tx.padded(txn, 10);
      tx.byte(44);
      tx.ascii(id);
      tx.byte(44);
      tx.bytes(dates, (rows.day[i]! - first) * 10, 10);
      tx.byte(44);
      tx.money(rows.cents[i]!);
      tx.byte(44);
      tx.field(rows.desc[i]!);
      tx.byte(44);
      const mcc = rows.mcc[i]!;
      if (mcc) tx.padded(mcc, 4);
      tx.byte(10);
      labels.byte(84);
      labels.padded(txn, 10);
      labels.byte(44);
      labels.ascii(rows.merchant[i]!);
      labels.byte(44);
      labels.ascii(CATEGORIES[rows.cat[i]!]!);
      labels.byte(10);
    }
    return written;
  }
}

/** Category index of the groceries category, for callers that need a filler purchase. */
export const GROCERIES_INDEX = C_GROCERIES;
