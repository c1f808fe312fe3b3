/**
 * Local independent merchants: not in the brand catalogue, so labels.csv leaves their merchant empty
 * but gives the true category. Every city has its own small set per kind, derived from a hash, so the
 * same `SQ *MAIN ST COFFEE` shows up for several customers of one city.
 */
import { LAST_NAMES, phoneFor } from './descriptors.js';
import { hashSeed } from './random.js';
import type { Category } from './taxonomy.js';

export interface LocalKind {
  category: Category;
  mcc: number;
  lo: number;
  hi: number;
  types: readonly string[];
  /** Heads like `JOE'S` fit (diners, barbers), or only place names (`RIVERSIDE ANIMAL HOSPITAL`). */
  owners: boolean;
  /** Restaurants and cafes use Toast as well as Square. */
  food: boolean;
  /** Share of online shops (Shopify, PayPal checkout) rather than storefronts. */
  online: number;
  index: number;
}

export interface LocalMerchant {
  name: string;
  /** Processor prefix printed before the name: `SQ *`, `TST* `, `SP `, `PAYPAL *`, `PP*`, `PY *` or ''. */
  processor: string;
  online: boolean;
  /** Printed by online shops instead of a city. */
  phone: string;
  kind: LocalKind;
}

const OWNERS = [
  "JOE'S",
  "MARIA'S",
  "TONY'S",
  "SAM'S",
  "ROSA'S",
  "BIG AL'S",
  "MAMA LUCIA'S",
  "NICK'S",
  "ANGELO'S",
  "LUPE'S",
  "KIM'S",
  "DOTTIE'S",
  "FRANK'S",
  "GUS'S",
  "ELENA'S",
  "RAY'S",
  "LINDA'S",
  "MIKE'S",
  "ABE'S",
  "CHARLIE'S",
] as const;

const PLACES = [
  'MAIN ST',
  'OAK STREET',
  'ELM',
  'BAYSIDE',
  'SUNSET',
  'RIVERSIDE',
  'PARK AVE',
  'GOLDEN',
  'BLUE DOOR',
  'RED BARN',
  'NORTHSIDE',
  'VILLAGE',
  'UPTOWN',
  'GREEN LEAF',
  'SILVER',
  'HILLTOP',
  'MAPLE',
  'CEDAR',
  'MIDTOWN',
  'LAKESIDE',
  'OLD TOWN',
  'PINE',
  'ORCHARD',
  'COPPER',
  'WILLOW',
  'BRIGHTON',
  'HIGHLAND',
  'EASTSIDE',
  'FOUR CORNERS',
  'BLUEBIRD',
] as const;

const kinds: LocalKind[] = [];
function k(
  category: Category,
  mcc: number,
  lo: number,
  hi: number,
  types: readonly string[],
  owners: boolean,
  food = false,
  online = 0,
): void {
  kinds.push({ category, mcc, lo, hi, types, owners, food, online, index: kinds.length });
}

k(
  'food_and_drink.restaurants',
  5812,
  14,
  160,
  [
    'DINER',
    'GRILL',
    'BISTRO',
    'KITCHEN',
    'TAQUERIA',
    'PIZZERIA',
    'THAI CUISINE',
    'SUSHI',
    'RAMEN HOUSE',
    'BBQ',
    'TRATTORIA',
    'PHO',
    'STEAKHOUSE',
    'NOODLE HOUSE',
    'CANTINA',
  ],
  true,
  true,
);
k(
  'food_and_drink.fast_food',
  5814,
  5,
  30,
  ['BURGERS', 'TACOS', 'WINGS', 'HOT DOGS', 'PIZZA', 'SUBS', 'FALAFEL', 'CHICKEN', 'DONUTS', 'BAGELS'],
  true,
  true,
);
k(
  'food_and_drink.coffee',
  5814,
  3,
  16,
  ['COFFEE', 'COFFEE CO', 'ESPRESSO BAR', 'COFFEE ROASTERS', 'COFFEE HOUSE', 'BAKERY', 'TEA HOUSE'],
  false,
  true,
);
k(
  'food_and_drink.bars',
  5813,
  8,
  120,
  ['TAVERN', 'PUB', 'TAPROOM', 'BREWING CO', 'LOUNGE', 'SALOON', 'WINE BAR', 'BEER GARDEN'],
  true,
  true,
);
k(
  'food_and_drink.groceries',
  5411,
  6,
  120,
  ['MARKET', 'FOOD MARKET', 'PRODUCE', 'GROCERY', 'CARNICERIA', 'FARMERS MKT', 'DELI', 'ASIAN MARKET'],
  true,
);
k('home_improvement.hardware', 5251, 6, 220, ['HARDWARE', 'LUMBER', 'HOME SUPPLY', 'PAINT & SUPPLY'], false);
k('home_improvement.furniture', 5712, 40, 1400, ['FURNITURE', 'MATTRESS', 'HOME DECOR', 'RUGS'], false);
k(
  'home_improvement.home_services',
  7349,
  60,
  600,
  ['PLUMBING', 'LANDSCAPING', 'HVAC', 'CLEANING SVC', 'PEST CONTROL', 'HANDYMAN'],
  false,
);
k(
  'personal_care.hair_and_beauty',
  7230,
  15,
  140,
  ['BARBER SHOP', 'SALON', 'NAIL SPA', 'BEAUTY SUPPLY', 'BARBERS'],
  true,
);
k(
  'personal_care.laundry_and_dry_cleaning',
  7216,
  6,
  60,
  ['CLEANERS', 'LAUNDROMAT', 'DRY CLEANING', 'WASH & FOLD'],
  false,
);
k(
  'personal_care.gyms_and_fitness',
  7997,
  15,
  180,
  ['YOGA', 'FITNESS', 'CROSSFIT', 'BOXING GYM', 'PILATES'],
  false,
);
k(
  'transportation.auto_service',
  7538,
  25,
  900,
  ['AUTO REPAIR', 'TIRE & AUTO', 'AUTO CARE', 'CAR WASH', 'AUTO BODY'],
  false,
);
k('transportation.fuel', 5541, 15, 80, ['GAS', 'FUEL', 'GAS & GO', 'FUEL STOP'], false);
k('transportation.parking_and_tolls', 7523, 3, 40, ['PARKING', 'PARKING GARAGE', 'PARK & LOCK'], false);
k(
  'medical.doctors',
  8011,
  20,
  350,
  ['FAMILY MEDICINE', 'MEDICAL GROUP', 'URGENT CARE', 'PEDIATRICS', 'DERMATOLOGY', 'PHYSICAL THERAPY'],
  false,
);
k('medical.dental', 8021, 30, 600, ['DENTAL', 'FAMILY DENTISTRY', 'ORTHODONTICS', 'DENTAL CARE'], false);
k('medical.vision', 8042, 40, 400, ['OPTOMETRY', 'EYE CARE', 'VISION CENTER'], false);
k('medical.hospital', 8062, 50, 1500, ['MEDICAL CENTER', 'HOSPITAL', 'HEALTH SYSTEM'], false);
k(
  'medical.veterinary',
  742,
  45,
  600,
  ['ANIMAL HOSPITAL', 'VETERINARY CLINIC', 'PET CLINIC', 'VET CENTER'],
  false,
);
k('general_merchandise.pet_supplies', 5995, 10, 120, ['PET SUPPLY', 'PET FOOD', 'PET SHOP'], false);
k(
  'general_merchandise.clothing',
  5651,
  15,
  160,
  ['BOUTIQUE', 'THREADS', 'APPAREL', 'VINTAGE'],
  false,
  false,
  0.4,
);
k(
  'general_merchandise.books_and_hobbies',
  5942,
  6,
  90,
  ['BOOKS', 'BOOKSHOP', 'COMICS', 'YARN CO', 'HOBBIES', 'RECORDS'],
  false,
  false,
  0.35,
);
k(
  'general_merchandise.convenience_stores',
  5499,
  2,
  30,
  ['FOOD MART', 'MINI MART', 'LIQUOR', 'CONVENIENCE'],
  true,
);
k(
  'general_services.childcare',
  8351,
  150,
  1500,
  ['DAYCARE', 'MONTESSORI', 'LEARNING CENTER', 'KIDS ACADEMY'],
  false,
);
k(
  'general_services.education',
  8299,
  25,
  400,
  ['MUSIC SCHOOL', 'TUTORING', 'DANCE STUDIO', 'MARTIAL ARTS'],
  false,
);
k('general_services.legal_and_accounting', 8931, 75, 900, ['CPA', 'TAX SERVICE', 'LAW OFFICE'], false);
k(
  'government_and_non_profit.donations',
  8661,
  10,
  300,
  ['COMMUNITY CHURCH', 'FOOD BANK', 'COMMUNITY FUND'],
  false,
);

export const LOCAL_KINDS: readonly LocalKind[] = kinds;

/** Local merchants per city and kind. */
export const LOCALS_PER_CITY = 16;

const cache = new Map<number, LocalMerchant>();

/** The `n`-th local merchant of a kind in a city: deterministic, cached. */
export function localMerchant(city: number, kind: LocalKind, n: number): LocalMerchant {
  const id = (city * 64 + kind.index) * LOCALS_PER_CITY + n;
  const hit = cache.get(id);
  if (hit) return hit;
  const h = hashSeed(city, kind.index, n, 0x10ca1);
  const type = kind.types[h % kind.types.length]!;
  let name: string;
  if (kind.category === 'general_services.legal_and_accounting') {
    const a = LAST_NAMES[(h >>> 5) % LAST_NAMES.length]!;
    const b = LAST_NAMES[(h >>> 11) % LAST_NAMES.length]!;
    name = (h >>> 20) % 3 === 0 ? `${a}, ${b} & CO ${type}` : `${a} & ASSOCIATES ${type}`;
  } else {
    const useOwner = kind.owners && (h >>> 8) % 2 === 0;
    const head = useOwner ? OWNERS[(h >>> 10) % OWNERS.length]! : PLACES[(h >>> 10) % PLACES.length]!;
    name = `${head} ${type}`;
  }
  const online = kind.online > 0 && ((h >>> 16) % 1000) / 1000 < kind.online;
  const p = (h >>> 22) % 100;
  const processor = online
    ? p < 50
      ? 'SP '
      : p < 75
        ? 'PAYPAL *'
        : 'PP*'
    : kind.food
      ? p < 30
        ? 'SQ *'
        : p < 55
          ? 'TST* '
          : ''
      : p < 35
        ? 'SQ *'
        : p < 40
          ? 'PY *'
          : '';
  const merchant: LocalMerchant = { name, processor, online, phone: phoneFor(name), kind };
  cache.set(id, merchant);
  return merchant;
}

export function localKind(category: Category): LocalKind | undefined {
  return kinds.find((x) => x.category === category);
}
