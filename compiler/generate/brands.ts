/**
 * The brand catalogue: real US merchants, billers, lenders and payment platforms, with the raw names
 * banks print for them. Templates in `variants` and `ach` use three placeholders:
 *   `^` a store digit: stable for one customer at one store, so a customer's usual store repeats;
 *   `!` a random digit and `~` a random letter or digit, fresh on every transaction (order ids).
 */
import type { Category } from './taxonomy.js';

export interface Brand {
  /** Unique record id: the key, or `key:role` when one brand plays several roles (Uber rides, Uber payouts). */
  id: string;
  /** snake_case merchant key written to labels.csv. */
  key: string;
  name: string;
  category: Category;
  /** Merchant category code on card transactions; 0 when the brand is only paid or paid out by ACH. */
  mcc: number;
  /** Typical amount range in dollars. */
  lo: number;
  hi: number;
  /** Raw card descriptors. */
  variants: readonly string[];
  /** ACH `COMPANY|ENTRY DESCRIPTION` pairs when the brand bills, lends or pays out by ACH. */
  ach: readonly string[];
  /** Card-not-present: prints a phone number or its home town instead of the customer's city. */
  online: boolean;
  /** Home town as banks print it, for online brands: `SEATTLE WA`, `LOS GATOS CA`, `WA`. */
  hq: string;
  /** States where the brand operates; null for nationwide. */
  states: readonly string[] | null;
  /** Popularity within its category. */
  weight: number;
  /** Processor prefix some locations print (`SQ *`, `TST* `) and how often. */
  processor: string;
  processorRate: number;
  /** Position in BRANDS. */
  index: number;
}

interface Options {
  id?: string;
  ach?: readonly string[];
  online?: boolean;
  hq?: string;
  states?: readonly string[];
  w?: number;
  proc?: string;
  procRate?: number;
}

const WEST = ['CA', 'OR', 'WA', 'NV', 'AZ', 'UT', 'CO', 'NM', 'HI', 'ID'];
const SOUTH = ['TX', 'FL', 'GA', 'NC', 'SC', 'TN', 'AL', 'LA', 'OK', 'VA', 'KY', 'MS', 'AR'];
const MIDWEST = ['IL', 'OH', 'MI', 'MN', 'MO', 'IN', 'WI', 'NE', 'KS', 'IA'];
const NORTHEAST = ['NY', 'NJ', 'PA', 'MA', 'MD', 'DC', 'CT', 'RI', 'DE'];

const list: Brand[] = [];

function b(
  key: string,
  name: string,
  category: Category,
  mcc: number,
  range: readonly [number, number],
  variants: readonly string[],
  o: Options = {},
): void {
  list.push({
    id: o.id ?? key,
    key,
    name,
    category,
    mcc,
    lo: range[0],
    hi: range[1],
    variants,
    ach: o.ach ?? [],
    online: o.online ?? false,
    hq: o.hq ?? '',
    states: o.states ?? null,
    weight: o.w ?? 1,
    processor: o.proc ?? '',
    processorRate: o.procRate ?? 0,
    index: list.length,
  });
}

// ---------------------------------------------------------------------------------------------
// Food and drink

const GROC = 'food_and_drink.groceries';
b('kroger', 'Kroger', GROC, 5411, [12, 210], ['KROGER #^^^', 'KROGER ^^^', 'KROGER MKTPL ^^^'], {
  states: [...MIDWEST, 'TX', 'GA', 'TN', 'KY', 'VA', 'SC', 'AL', 'MS', 'AR', 'IN'],
  w: 4,
});
b('safeway', 'Safeway', GROC, 5411, [12, 200], ['SAFEWAY #^^^^', 'SAFEWAY STORE ^^^^', 'SAFEWAY ^^^^'], {
  states: ['CA', 'OR', 'WA', 'CO', 'AZ', 'NV', 'MD', 'DC', 'VA', 'HI', 'NM'],
  w: 3,
});
b('albertsons', 'Albertsons', GROC, 5411, [12, 190], ['ALBERTSONS #^^^^', 'ALBERTSONS ^^^^'], {
  states: WEST,
  w: 1,
});
b('vons', 'Vons', GROC, 5411, [12, 190], ['VONS #^^^^', 'VONS ^^^^'], { states: ['CA', 'NV'] });
b('ralphs', 'Ralphs', GROC, 5411, [12, 190], ['RALPHS #^^^', 'RALPHS ^^^'], { states: ['CA'] });
b('publix', 'Publix', GROC, 5411, [12, 220], ['PUBLIX #^^^^', 'PUBLIX SUPER MAR ^^^^', 'PUBLIX ^^^^'], {
  states: ['FL', 'GA', 'AL', 'SC', 'NC', 'TN', 'VA', 'KY'],
  w: 5,
});
b('heb', 'H-E-B', GROC, 5411, [12, 230], ['H-E-B #^^^', 'HEB #^^^', 'H-E-B ONLINE #^^^'], {
  states: ['TX'],
  w: 6,
});
b(
  'whole_foods',
  'Whole Foods Market',
  GROC,
  5411,
  [9, 180],
  ['WHOLEFDS ~~~ ^^^^^', 'WHOLE FOODS MARKET #^^^^^', 'WHOLEFDS MKT ^^^^^'],
  {
    w: 2,
  },
);
b(
  'trader_joes',
  "Trader Joe's",
  GROC,
  5411,
  [10, 160],
  ["TRADER JOE'S #^^^", 'TRADER JOE S #^^^', 'TRADER JOES #^^^'],
  {
    w: 2.5,
  },
);
b('aldi', 'Aldi', GROC, 5411, [10, 140], ['ALDI ^^^^^', 'ALDI #^^^'], { w: 2 });
b('wegmans', 'Wegmans', GROC, 5411, [12, 220], ['WEGMANS #^^', 'WEGMANS ^^'], {
  states: ['NY', 'PA', 'NJ', 'VA', 'MD', 'MA', 'NC', 'DE'],
  w: 3,
});
b('meijer', 'Meijer', GROC, 5411, [12, 210], ['MEIJER # ^^^', 'MEIJER STORE #^^^'], {
  states: ['MI', 'OH', 'IN', 'IL', 'WI', 'KY'],
  w: 3,
});
b('food_lion', 'Food Lion', GROC, 5411, [10, 170], ['FOOD LION #^^^^', 'FOOD LION ^^^^'], {
  states: ['NC', 'VA', 'SC', 'TN', 'MD'],
  w: 2,
});
b('hy_vee', 'Hy-Vee', GROC, 5411, [12, 190], ['HY-VEE ^^^^', 'HY VEE #^^^^'], {
  states: ['IA', 'NE', 'MO', 'MN', 'KS', 'WI', 'IL'],
  w: 2,
});
b('shoprite', 'ShopRite', GROC, 5411, [12, 200], ['SHOPRITE #^^^', 'SHOP RITE ^^^'], {
  states: ['NJ', 'NY', 'PA', 'DE', 'MD', 'CT'],
  w: 2,
});
b(
  'sprouts',
  'Sprouts Farmers Market',
  GROC,
  5411,
  [9, 150],
  ['SPROUTS FARMERS MAR #^^^', 'SPROUTS FARMERS MKT ^^^'],
  {
    states: [...WEST, 'TX', 'FL', 'GA'],
  },
);
b('harris_teeter', 'Harris Teeter', GROC, 5411, [12, 190], ['HARRIS TEETER #^^^'], {
  states: ['NC', 'SC', 'VA', 'MD', 'DC'],
});

const REST = 'food_and_drink.restaurants';
b('olive_garden', 'Olive Garden', REST, 5812, [28, 140], ['OLIVE GARDEN ^^^^', 'OLIVE GARDEN #^^^^'], {
  w: 2,
});
b('applebees', "Applebee's", REST, 5812, [22, 110], ["APPLEBEE'S ^^^^^^^", 'APPLEBEES ^^^^^^^'], { w: 2 });
b('chilis', "Chili's", REST, 5812, [22, 110], ["CHILI'S #^^^", 'CHILIS ^^^^'], { w: 1.5 });
b(
  'cheesecake_factory',
  'The Cheesecake Factory',
  REST,
  5812,
  [40, 180],
  ['CHEESECAKE FACTORY ^^^', 'THE CHEESECAKE FACTORY'],
  {},
);
b(
  'texas_roadhouse',
  'Texas Roadhouse',
  REST,
  5812,
  [35, 150],
  ['TEXAS ROADHOUSE #^^^^', 'TEXAS ROADHOUSE ^^^^'],
  { w: 1.5 },
);
b('outback', 'Outback Steakhouse', REST, 5812, [35, 150], ['OUTBACK ^^^^', 'OUTBACK STEAKHOUSE ^^^^'], {});
b('ihop', 'IHOP', REST, 5812, [16, 70], ['IHOP #^^^^', 'IHOP ^^^^'], {});
b('dennys', "Denny's", REST, 5812, [14, 60], ["DENNY'S #^^^^", 'DENNYS ^^^^'], {});
b(
  'buffalo_wild_wings',
  'Buffalo Wild Wings',
  REST,
  5812,
  [20, 95],
  ['BUFFALO WILD WINGS ^^^', 'BWW #^^^^'],
  {},
);
b('panera', 'Panera Bread', REST, 5812, [9, 45], ['PANERA BREAD #^^^^^^', 'PANERA BREAD ^^^^^^'], { w: 2 });
b('pf_changs', "P.F. Chang's", REST, 5812, [30, 130], ["P.F. CHANG'S #^^^^", 'PF CHANGS ^^^^'], {});
b('red_lobster', 'Red Lobster', REST, 5812, [35, 150], ['RED LOBSTER ^^^^', 'RED LOBSTER #^^^^'], {});

const FAST = 'food_and_drink.fast_food';
b(
  'mcdonalds',
  "McDonald's",
  FAST,
  5814,
  [4, 24],
  ["MCDONALD'S F^^^^^", 'MCDONALDS F^^^^^', "MCDONALD'S ^^^^^"],
  { w: 6 },
);
b('burger_king', 'Burger King', FAST, 5814, [5, 24], ['BURGER KING #^^^^^', 'BURGER KING ^^^^^'], { w: 2 });
b('wendys', "Wendy's", FAST, 5814, [5, 24], ["WENDY'S #^^^^", 'WENDYS ^^^^'], { w: 2 });
b('taco_bell', 'Taco Bell', FAST, 5814, [5, 26], ['TACO BELL #^^^^^^', 'TACO BELL ^^^^^^'], { w: 3 });
b(
  'chick_fil_a',
  'Chick-fil-A',
  FAST,
  5814,
  [6, 32],
  ['CHICK-FIL-A #0^^^^', 'CHICK-FIL-A ^^^^^', 'CHICKFILA #^^^^'],
  { w: 4 },
);
b('subway', 'Subway', FAST, 5814, [6, 22], ['SUBWAY ^^^^^', 'SUBWAY #^^^^^', 'SUBWAY ^^^^^^^^'], { w: 2.5 });
b(
  'chipotle',
  'Chipotle',
  FAST,
  5814,
  [9, 38],
  ['CHIPOTLE ^^^^', 'CHIPOTLE ONLINE', 'CHIPOTLE MEX GR ONLINE'],
  { w: 3 },
);
b('in_n_out', 'In-N-Out Burger', FAST, 5814, [6, 30], ['IN-N-OUT BURGER #^^^', 'IN N OUT BURGER ^^^'], {
  states: ['CA', 'NV', 'AZ', 'UT', 'TX', 'OR', 'CO'],
  w: 4,
});
b('whataburger', 'Whataburger', FAST, 5814, [6, 28], ['WHATABURGER ^^^', 'WHATABURGER #^^^'], {
  states: ['TX', 'OK', 'AZ', 'NM', 'LA', 'AL', 'FL', 'GA'],
  w: 4,
});
b('five_guys', 'Five Guys', FAST, 5814, [10, 40], ['FIVE GUYS ^^^^', 'FIVE GUYS #^^^^'], {});
b('popeyes', 'Popeyes', FAST, 5814, [6, 30], ['POPEYES ^^^^^', 'POPEYES #^^^^^'], { w: 1.5 });
b('kfc', 'KFC', FAST, 5814, [6, 30], ['KFC ~^^^^^', 'KFC #^^^^'], {});
b('dominos', "Domino's", FAST, 5814, [10, 42], ["DOMINO'S ^^^^", 'DOMINOS ^^^^'], { w: 2 });
b('pizza_hut', 'Pizza Hut', FAST, 5814, [10, 40], ['PIZZA HUT ^^^^^^', 'PIZZA HUT #^^^^^'], { w: 1.5 });
b('papa_johns', "Papa John's", FAST, 5814, [10, 40], ["PAPA JOHN'S #^^^^", 'PAPA JOHNS ^^^^'], {});
b('sonic', 'Sonic Drive-In', FAST, 5814, [4, 22], ['SONIC DRIVE IN #^^^^', 'SONIC DRIVE-IN ^^^^'], {
  states: [...SOUTH, 'MO', 'KS', 'AZ', 'NM'],
});
b(
  'jack_in_the_box',
  'Jack in the Box',
  FAST,
  5814,
  [5, 24],
  ['JACK IN THE BOX ^^^^', 'JACK IN THE BOX #^^^^'],
  {
    states: ['CA', 'TX', 'WA', 'AZ', 'NV', 'OR', 'TN'],
  },
);
b('panda_express', 'Panda Express', FAST, 5814, [7, 30], ['PANDA EXPRESS #^^^^', 'PANDA EXPRESS ^^^^'], {
  w: 1.5,
});
b('shake_shack', 'Shake Shack', FAST, 5814, [10, 40], ['SHAKE SHACK ^^^^', 'SHAKESHACK ^^^^'], {
  states: [...NORTHEAST, 'CA', 'FL', 'TX', 'IL'],
});

const COFFEE = 'food_and_drink.coffee';
b(
  'starbucks',
  'Starbucks',
  COFFEE,
  5814,
  [3, 16],
  ['STARBUCKS STORE ^^^^^', 'STARBUCKS ^^^^^', 'SBUX ^^^^^', 'STARBUCKS #^^^^^'],
  { w: 7 },
);
b('dunkin', "Dunkin'", COFFEE, 5814, [3, 14], ['DUNKIN #^^^^^^', 'DUNKIN ^^^^^^', "DUNKIN' DONUTS ^^^^^^"], {
  w: 4,
});
b(
  'peets',
  "Peet's Coffee",
  COFFEE,
  5814,
  [3, 14],
  ["PEET'S ^^^^^", 'PEETS COFFEE ^^^^^', "PEET'S COFFEE #^^^^"],
  { states: ['CA', 'OR', 'WA', 'IL', 'MA', 'CO', 'DC'] },
);
b('dutch_bros', 'Dutch Bros', COFFEE, 5814, [3, 12], ['DUTCH BROS #^^^', 'DUTCH BROS ^^^^'], {
  states: ['OR', 'CA', 'WA', 'AZ', 'NV', 'ID', 'CO', 'TX', 'OK', 'TN'],
});
b(
  'blue_bottle',
  'Blue Bottle Coffee',
  COFFEE,
  5814,
  [4, 18],
  ['BLUE BOTTLE COFFEE', 'BLUE BOTTLE COFFEE ^^^'],
  {
    states: ['CA', 'NY', 'MA', 'DC'],
    proc: 'SQ *',
    procRate: 0.85,
    w: 0.8,
  },
);
b('tim_hortons', 'Tim Hortons', COFFEE, 5814, [3, 12], ['TIM HORTONS #^^^^^', 'TIM HORTONS ^^^^'], {
  states: ['MI', 'OH', 'NY'],
});

const DELIVERY = 'food_and_drink.food_delivery';
b(
  'doordash',
  'DoorDash',
  DELIVERY,
  5814,
  [14, 75],
  ['DOORDASH*~~~~~~~~~', 'DOORDASH*DASHPASS', 'DOORDASH*~~~~~~~ ~~~~'],
  {
    online: true,
    hq: 'SAN FRANCISCO CA',
    w: 3,
  },
);
b(
  'uber_eats',
  'Uber Eats',
  DELIVERY,
  5814,
  [14, 70],
  ['UBER *EATS', 'UBER EATS PENDING', 'UBER* EATS ~~~~~~'],
  { online: true, hq: 'SAN FRANCISCO CA', w: 2 },
);
b('grubhub', 'Grubhub', DELIVERY, 5814, [15, 70], ['GRUBHUB*~~~~~~~~~~', 'GRUBHUB*SEAMLESS'], {
  online: true,
  hq: 'CHICAGO IL',
});
b(
  'instacart',
  'Instacart',
  DELIVERY,
  5411,
  [30, 220],
  ['INSTACART*~~~~', 'INSTACART', 'INSTACART*SUBSCRIPTION'],
  { online: true, hq: 'SAN FRANCISCO CA', w: 1.5 },
);
b('gopuff', 'Gopuff', DELIVERY, 5499, [10, 60], ['GOPUFF*~~~~~~', 'GOPUFF'], {
  online: true,
  hq: 'PHILADELPHIA PA',
  w: 0.5,
});

// ---------------------------------------------------------------------------------------------
// General merchandise

const SUPER = 'general_merchandise.superstores';
b(
  'walmart',
  'Walmart',
  SUPER,
  5310,
  [6, 260],
  [
    'WM SUPERCENTER #^^^^',
    'WAL-MART #^^^^',
    'WAL-MART SUPER CENTER ^^^^',
    'WALMART.COM ~~~~~~~~',
    'WALMART #^^^^',
  ],
  {
    w: 7,
  },
);
b(
  'target',
  'Target',
  SUPER,
  5310,
  [6, 200],
  ['TARGET ^^^^^^^^', 'TARGET T-^^^^', 'TARGET.COM *', 'TARGET #^^^^'],
  { w: 5 },
);
b(
  'costco',
  'Costco',
  SUPER,
  5300,
  [25, 420],
  ['COSTCO WHSE #^^^^', 'COSTCO WHOLESALE ^^^^', 'COSTCO *ONLINE'],
  { w: 3 },
);
b(
  'sams_club',
  "Sam's Club",
  SUPER,
  5300,
  [25, 350],
  ['SAMSCLUB #^^^^', "SAM'S CLUB #^^^^", 'SAMS CLUB ^^^^'],
  { w: 1.5 },
);
b('bjs', "BJ's Wholesale Club", SUPER, 5300, [25, 320], ["BJ'S WHOLESALE #^^^^", 'BJS WHOLESALE ^^^^'], {
  states: [...NORTHEAST, 'FL', 'OH', 'VA', 'NC'],
});

const DEPT = 'general_merchandise.department_stores';
b('macys', "Macy's", DEPT, 5311, [20, 260], ["MACY'S #^^^", 'MACYS .COM', 'MACYS ^^^^'], { w: 2 });
b(
  'nordstrom',
  'Nordstrom',
  DEPT,
  5311,
  [30, 400],
  ['NORDSTROM #^^^^', 'NORDSTROM RACK #^^^^', 'NORDSTROM DIRECT #^^^'],
  {},
);
b('kohls', "Kohl's", DEPT, 5311, [15, 220], ["KOHL'S #^^^^", 'KOHLS ^^^^', 'KOHLS.COM'], { w: 2 });
b('jcpenney', 'JCPenney', DEPT, 5311, [15, 200], ['JCPENNEY ^^^^', 'JCP ^^^^ JCPENNEY'], {});
b('tj_maxx', 'TJ Maxx', DEPT, 5311, [10, 160], ['TJ MAXX #^^^^', 'T.J. MAXX #^^^^', 'TJMAXX ^^^^'], { w: 2 });
b('marshalls', 'Marshalls', DEPT, 5311, [10, 160], ['MARSHALLS #^^^^', 'MARSHALLS ^^^^'], { w: 1.5 });
b('ross', 'Ross Stores', DEPT, 5311, [10, 140], ['ROSS STORES #^^^^', 'ROSS STORE #^^^^'], { w: 1.5 });
b('dillards', "Dillard's", DEPT, 5311, [25, 260], ["DILLARD'S ^^^", 'DILLARDS #^^^'], { states: SOUTH });

const ONLINE = 'general_merchandise.online_marketplaces';
b(
  'amazon',
  'Amazon',
  ONLINE,
  5942,
  [6, 180],
  [
    'AMZN Mktp US*~~~~~~~~~',
    'AMAZON.COM*~~~~~~',
    'Amazon.com*~~~~~~~~~',
    'AMZN MKTP US*~~~~~~~~~',
    'AMAZON MKTPL*~~~~~~~~~',
  ],
  {
    online: true,
    hq: 'AMZN.COM/BILL WA',
    w: 10,
  },
);
b('ebay', 'eBay', ONLINE, 5999, [8, 160], ['EBAY O*~~-~~~~~-~~~~~', 'EBAY *~~~~~~~~', 'EBAY COMMERCE'], {
  online: true,
  hq: 'SAN JOSE CA',
  w: 1.5,
});
b('etsy', 'Etsy', ONLINE, 5999, [8, 90], ['ETSY.COM - ~~~~~~~~', 'ETSY.COM*~~~~~~~', 'ETSY INC'], {
  online: true,
  hq: 'BROOKLYN NY',
});
b('temu', 'Temu', ONLINE, 5999, [6, 80], ['TEMU.COM', 'TEMU *~~~~~~~'], { online: true, hq: 'BOSTON MA' });
b('walmart', 'Walmart Marketplace', ONLINE, 5999, [8, 120], ['WALMART.COM MKTPL ~~~~~'], {
  id: 'walmart:online',
  online: true,
  hq: 'BENTONVILLE AR',
  w: 0.5,
});

const ELEC = 'general_merchandise.electronics';
b(
  'best_buy',
  'Best Buy',
  ELEC,
  5732,
  [15, 900],
  ['BEST BUY ^^^^^^^^', 'BESTBUY.COM ^^^^^^^^^^^', 'BEST BUY #^^^^'],
  { w: 3 },
);
b('apple', 'Apple', ELEC, 5732, [29, 1400], ['APPLE STORE #R^^^', 'APPLE.COM/US', 'APPLE ONLINE STORE'], {
  w: 2,
});
b('micro_center', 'Micro Center', ELEC, 5732, [20, 700], ['MICRO CENTER #^^^'], {
  states: [...NORTHEAST, 'OH', 'IL', 'TX', 'CA', 'GA', 'MN', 'MO', 'CO'],
});
b('gamestop', 'GameStop', ELEC, 5732, [10, 200], ['GAMESTOP #^^^^', 'GAMESTOP ^^^^'], {});

const CLOTH = 'general_merchandise.clothing';
b('old_navy', 'Old Navy', CLOTH, 5651, [12, 140], ['OLD NAVY US ^^^^', 'OLD NAVY ^^^^', 'OLDNAVY.COM'], {
  w: 2,
});
b('gap', 'Gap', CLOTH, 5651, [15, 160], ['GAP US ^^^^', 'GAP #^^^^', 'GAP.COM'], {});
b('nike', 'Nike', CLOTH, 5661, [25, 220], ['NIKE.COM', 'NIKE FACTORY STORE #^^^', 'NIKE ^^^^'], { w: 1.5 });
b('h_and_m', 'H&M', CLOTH, 5651, [10, 120], ['H&M ^^^^', 'H & M ^^^^', 'HM.COM'], {});
b('zara', 'Zara', CLOTH, 5651, [20, 180], ['ZARA USA ^^^^', 'ZARA.COM'], {});
b('uniqlo', 'Uniqlo', CLOTH, 5651, [15, 150], ['UNIQLO USA ^^^', 'UNIQLO.COM'], {});
b('foot_locker', 'Foot Locker', CLOTH, 5661, [30, 200], ['FOOT LOCKER #^^^^^', 'FOOTLOCKER.COM'], {});
b('lululemon', 'Lululemon', CLOTH, 5699, [40, 260], ['LULULEMON ATHLETICA ^^^', 'LULULEMON.COM'], {});
b('shein', 'Shein', CLOTH, 5651, [10, 120], ['SHEIN.COM', 'SHEIN *~~~~~~'], {
  online: true,
  hq: 'LOS ANGELES CA',
});
b(
  'american_eagle',
  'American Eagle',
  CLOTH,
  5651,
  [15, 150],
  ['AMERICAN EAGLE ^^^^', 'AE OUTFITTERS ^^^^'],
  {},
);

const SPORT = 'general_merchandise.sporting_goods';
b(
  'dicks',
  "Dick's Sporting Goods",
  SPORT,
  5941,
  [15, 350],
  ["DICK'S SPORTING GOODS", 'DICKS SPORTING GOODS ^^^', "DICK'S CLOTHING&SPORTING"],
  { w: 2 },
);
b('rei', 'REI', SPORT, 5941, [15, 400], ['REI #^^^', 'REI.COM ^^^'], {});
b('academy', 'Academy Sports', SPORT, 5941, [15, 300], ['ACADEMY SPORTS #^^^', 'ACADEMY SPORTS ^^^'], {
  states: SOUTH,
});
b('bass_pro', 'Bass Pro Shops', SPORT, 5941, [20, 400], ['BASS PRO STORE ^^^^', 'BASS PRO SHOPS ^^^^'], {});

const PET = 'general_merchandise.pet_supplies';
b('petsmart', 'PetSmart', PET, 5995, [12, 160], ['PETSMART #^^^^', 'PETSMART INC ^^^^', 'PETSMART ^^^^'], {
  w: 3,
});
b('petco', 'Petco', PET, 5995, [12, 150], ['PETCO ^^^^', 'PETCO #^^^^', 'PETCO ANIMAL SUPPLIES ^^^^'], {
  w: 2.5,
});
b('chewy', 'Chewy', PET, 5995, [25, 190], ['CHEWY.COM', 'CHEWY.COM ~~~~~~~~'], {
  online: true,
  hq: 'PLANTATION FL',
  w: 3,
});
b('pet_supplies_plus', 'Pet Supplies Plus', PET, 5995, [10, 120], ['PET SUPPLIES PLUS #^^^^'], {
  states: [...MIDWEST, ...NORTHEAST, 'FL', 'TX'],
});

const BABY = 'general_merchandise.baby_and_kids';
b('carters', "Carter's", BABY, 5641, [15, 140], ["CARTER'S #^^^", 'CARTERS ^^^^', 'CARTERS.COM'], { w: 3 });
b(
  'buybuy_baby',
  'buybuy BABY',
  BABY,
  5641,
  [20, 320],
  ['BUYBUY BABY #^^^^', 'BUY BUY BABY ^^^^', 'BUYBUYBABY.COM'],
  { w: 2 },
);
b('babylist', 'Babylist', BABY, 5641, [20, 260], ['BABYLIST.COM', 'BABYLIST INC'], {
  online: true,
  hq: 'EMERYVILLE CA',
  w: 1.5,
});
b('diapers_com', 'Diapers.com', BABY, 5641, [25, 120], ['DIAPERS.COM', 'DIAPERS.COM ~~~~~~'], {
  online: true,
  hq: 'NJ',
});

const BOOKS = 'general_merchandise.books_and_hobbies';
b(
  'barnes_noble',
  'Barnes & Noble',
  BOOKS,
  5942,
  [8, 90],
  ['BARNES & NOBLE #^^^^', 'BARNES&NOBLE ^^^^', 'BN.COM'],
  { w: 2 },
);
b('michaels', 'Michaels', BOOKS, 5945, [6, 120], ['MICHAELS STORES ^^^^', 'MICHAELS #^^^^'], { w: 2 });
b('hobby_lobby', 'Hobby Lobby', BOOKS, 5945, [6, 140], ['HOBBY LOBBY #^^^', 'HOBBY-LOBBY #^^^'], { w: 1.5 });
b('joann', 'JOANN', BOOKS, 5949, [6, 100], ['JOANN STORES #^^^^', 'JO-ANN STORES ^^^^'], {});
b('half_price_books', 'Half Price Books', BOOKS, 5942, [5, 60], ['HALF PRICE BOOKS #^^^'], {});

const OFFICE = 'general_merchandise.office_supplies';
b('staples', 'Staples', OFFICE, 5943, [6, 180], ['STAPLES ^^^^^^^', 'STAPLES #^^^^', 'STAPLES.COM'], {
  w: 2,
});
b('office_depot', 'Office Depot', OFFICE, 5943, [6, 180], ['OFFICE DEPOT #^^^^', 'OFFICEMAX/DEPOT ^^^^'], {
  w: 2,
});

const CONV = 'general_merchandise.convenience_stores';
b('seven_eleven', '7-Eleven', CONV, 5499, [2, 25], ['7-ELEVEN ^^^^^', '7-ELEVEN #^^^^^', '7 ELEVEN ^^^^^'], {
  w: 5,
});
b('circle_k', 'Circle K', CONV, 5499, [2, 25], ['CIRCLE K #^^^^^', 'CIRCLE K ^^^^^'], { w: 2 });
b('wawa', 'Wawa', CONV, 5499, [3, 30], ['WAWA ^^^', 'WAWA #^^^^'], {
  states: ['PA', 'NJ', 'DE', 'MD', 'VA', 'FL', 'DC'],
  w: 5,
});
b('sheetz', 'Sheetz', CONV, 5499, [3, 30], ['SHEETZ ^^^^', 'SHEETZ #^^^^'], {
  states: ['PA', 'OH', 'VA', 'MD', 'NC'],
  w: 4,
});
b('caseys', "Casey's", CONV, 5499, [3, 30], ["CASEY'S #^^^^", 'CASEYS ^^^^'], { states: MIDWEST, w: 3 });
b('quiktrip', 'QuikTrip', CONV, 5499, [3, 30], ['QT ^^^', 'QUIKTRIP ^^^^'], {
  states: ['OK', 'KS', 'MO', 'TX', 'GA', 'AZ', 'NC', 'SC'],
  w: 2,
});

const DISC = 'general_merchandise.discount_stores';
b(
  'dollar_general',
  'Dollar General',
  DISC,
  5331,
  [3, 60],
  ['DOLLAR GENERAL #^^^^^', 'DOLLAR-GENERAL #^^^^^', 'DOLLARGENERAL ^^^^^'],
  { w: 4 },
);
b(
  'dollar_tree',
  'Dollar Tree',
  DISC,
  5331,
  [2, 45],
  ['DOLLAR TREE ^^^^', 'DOLLAR TREE #^^^^', 'DOLLARTREE ^^^^'],
  { w: 4 },
);
b('family_dollar', 'Family Dollar', DISC, 5331, [3, 45], ['FAMILY DOLLAR #^^^^', 'FAMILY DOLLAR ^^^^'], {
  w: 2,
});
b('five_below', 'Five Below', DISC, 5331, [5, 50], ['FIVE BELOW ^^^^', 'FIVE BELOW #^^^^'], { w: 1.5 });
b('big_lots', 'Big Lots', DISC, 5331, [8, 120], ['BIG LOTS #^^^^', 'BIG LOTS STORES ^^^^'], {});

// ---------------------------------------------------------------------------------------------
// Home improvement

const HW = 'home_improvement.hardware';
b(
  'home_depot',
  'The Home Depot',
  HW,
  5200,
  [8, 450],
  ['THE HOME DEPOT #^^^^', 'THE HOME DEPOT ^^^^', 'HOME DEPOT ^^^^', 'HOMEDEPOT.COM ^^^^^^^^^'],
  { w: 5 },
);
b(
  'lowes',
  "Lowe's",
  HW,
  5200,
  [8, 420],
  ['LOWES #0^^^^*', "LOWE'S #^^^^", 'LOWES #^^^^', 'LOWES.COM ^^^^^^^'],
  { w: 4 },
);
b('menards', 'Menards', HW, 5211, [8, 380], ['MENARDS ^^^^', 'MENARDS #^^^^'], {
  states: ['WI', 'MN', 'IA', 'IL', 'IN', 'MI', 'OH', 'NE', 'MO', 'KS'],
  w: 4,
});
b(
  'ace_hardware',
  'Ace Hardware',
  HW,
  5251,
  [5, 160],
  ['ACE HARDWARE #^^^^^', 'ACE HDWE ^^^^^', 'ACE HARDWARE ^^^^'],
  { w: 2 },
);
b('true_value', 'True Value', HW, 5251, [5, 140], ['TRUE VALUE #^^^^^', 'TRUE VALUE HARDWARE ^^^'], {});
b(
  'harbor_freight',
  'Harbor Freight',
  HW,
  5251,
  [8, 300],
  ['HARBOR FREIGHT TOOLS ^^^', 'HARBOR FREIGHT TOOLS #^^^^'],
  { w: 1.5 },
);
b(
  'sherwin_williams',
  'Sherwin-Williams',
  HW,
  5231,
  [20, 300],
  ['SHERWIN-WILLIAMS ^^^^', 'SHERWIN WILLIAMS #^^^^'],
  {},
);

const FURN = 'home_improvement.furniture';
b('ikea', 'IKEA', FURN, 5712, [15, 900], ['IKEA ^^^', 'IKEA US ^^^^^', 'IKEA.COM'], { w: 3 });
b(
  'wayfair',
  'Wayfair',
  FURN,
  5712,
  [30, 1200],
  ['WAYFAIR*~~~~~~~~', 'WAYFAIR ^^^^^^^^^', 'WAYFAIR*WAYFAIR'],
  { online: true, hq: 'BOSTON MA', w: 3 },
);
b('ashley', 'Ashley Furniture', FURN, 5712, [150, 2500], ['ASHLEY FURNITURE ^^^', 'ASHLEY HOMESTORE #^^^'], {
  w: 2,
});
b('pottery_barn', 'Pottery Barn', FURN, 5712, [40, 1800], ['POTTERY BARN #^^^^', 'POTTERYBARN.COM'], {});
b('west_elm', 'West Elm', FURN, 5712, [40, 1600], ['WEST ELM #^^^^', 'WESTELM.COM'], {});
b(
  'crate_and_barrel',
  'Crate & Barrel',
  FURN,
  5712,
  [20, 1500],
  ['CRATE & BARREL #^^^', 'CRATE&BARREL ^^^'],
  {},
);
b('rooms_to_go', 'Rooms To Go', FURN, 5712, [150, 2800], ['ROOMS TO GO #^^^', 'ROOMS TO GO ^^^'], {
  states: ['FL', 'GA', 'TX', 'NC', 'SC', 'TN', 'AL', 'VA'],
});
b(
  'mattress_firm',
  'Mattress Firm',
  FURN,
  5712,
  [150, 2200],
  ['MATTRESS FIRM #^^^^', 'MATTRESS FIRM ^^^^'],
  {},
);

const HOMESVC = 'home_improvement.home_services';
b('terminix', 'Terminix', HOMESVC, 7342, [45, 180], ['TERMINIX ^^^^', 'TERMINIX INTL'], {
  ach: ['TERMINIX|PAYMENT'],
});
b('orkin', 'Orkin', HOMESVC, 7342, [45, 180], ['ORKIN ^^^', 'ORKIN PEST CONTROL'], {});
b('taskrabbit', 'TaskRabbit', HOMESVC, 7349, [40, 260], ['TASKRABBIT*~~~~~~', 'TASKRABBIT'], {
  online: true,
  hq: 'SAN FRANCISCO CA',
});
b('angi', 'Angi', HOMESVC, 7349, [60, 600], ['ANGI*~~~~~~', 'ANGI SERVICES'], {
  online: true,
  hq: 'DENVER CO',
});
b('adt', 'ADT', HOMESVC, 7382, [30, 70], ['ADT SECURITY SERVICES', 'ADT SECURITY ^^^^^^^^^'], {
  ach: ['ADT SECURITY|ADT'],
});
b('roto_rooter', 'Roto-Rooter', HOMESVC, 1711, [120, 650], ['ROTO-ROOTER ^^^', 'ROTO ROOTER PLUMBING'], {});

const MOVE = 'home_improvement.moving_and_storage';
b('u_haul', 'U-Haul', MOVE, 7513, [30, 900], ['U-HAUL #^^^^^^', 'U-HAUL MOVING & STORAGE', 'UHAUL ^^^^^^'], {
  w: 4,
});
b('pods', 'PODS', MOVE, 4214, [150, 1800], ['PODS ENTERPRISES', 'PODS MOVING & STORAGE'], { w: 1.5 });
b(
  'two_men_and_a_truck',
  'Two Men and a Truck',
  MOVE,
  4214,
  [300, 2500],
  ['TWO MEN AND A TRUCK ^^^', 'TWO MEN AND A TRUCK'],
  {},
);
b(
  'public_storage',
  'Public Storage',
  MOVE,
  4225,
  [40, 260],
  ['PUBLIC STORAGE ^^^^^', 'PUBLIC STOR ^^^^^', 'PUBLIC STORAGE #^^^^^'],
  { w: 2 },
);
b(
  'extra_space',
  'Extra Space Storage',
  MOVE,
  4225,
  [40, 260],
  ['EXTRA SPACE ^^^^', 'EXTRA SPACE STORAGE ^^^^'],
  { w: 1.5 },
);
b('cubesmart', 'CubeSmart', MOVE, 4225, [40, 240], ['CUBESMART ^^^^', 'CUBESMART #^^^^'], {});

// ---------------------------------------------------------------------------------------------
// Medical and personal care

const PHARM = 'medical.pharmacy';
b('cvs', 'CVS', PHARM, 5912, [4, 90], ['CVS/PHARMACY #^^^^^', 'CVS/PHARM ^^^^^', 'CVS PHARMACY #^^^^^'], {
  w: 4,
});
b('walgreens', 'Walgreens', PHARM, 5912, [4, 90], ['WALGREENS #^^^^^', 'WALGREENS ^^^^^', 'WAG #^^^^^'], {
  w: 4,
});
b('rite_aid', 'Rite Aid', PHARM, 5912, [4, 80], ['RITE AID ^^^^^', 'RITE AID STORE - ^^^^'], {
  states: ['PA', 'NY', 'NJ', 'CA', 'WA', 'OR', 'OH', 'MI'],
});

b(
  'quest',
  'Quest Diagnostics',
  'medical.doctors',
  8071,
  [20, 300],
  ['QUEST DIAGNOSTICS', 'QUEST DIAGNOSTICS INC'],
  { online: true, hq: 'NJ' },
);
b('labcorp', 'Labcorp', 'medical.doctors', 8071, [20, 300], ['LABCORP', 'LAB CORP OF AMERICA'], {
  online: true,
  hq: 'BURLINGTON NC',
});
b(
  'one_medical',
  'One Medical',
  'medical.doctors',
  8011,
  [15, 199],
  ['ONE MEDICAL', 'ONEMEDICAL*MEMBERSHIP'],
  { online: true, hq: 'SAN FRANCISCO CA' },
);
b(
  'aspen_dental',
  'Aspen Dental',
  'medical.dental',
  8021,
  [40, 600],
  ['ASPEN DENTAL ^^^^', 'ASPEN DENTAL MGMT'],
  {},
);
b(
  'lenscrafters',
  'LensCrafters',
  'medical.vision',
  8043,
  [60, 450],
  ['LENSCRAFTERS #^^^^', 'LENSCRAFTERS ^^^^'],
  {},
);
b('warby_parker', 'Warby Parker', 'medical.vision', 8043, [95, 300], ['WARBY PARKER', 'WARBYPARKER.COM'], {});
b(
  'kaiser',
  'Kaiser Permanente',
  'medical.hospital',
  8062,
  [20, 900],
  ['KAISER PERMANENTE', 'KAISER HOSPITAL ^^^', 'KP ONLINE PYMT'],
  {
    states: ['CA', 'CO', 'GA', 'HI', 'MD', 'OR', 'VA', 'WA', 'DC'],
  },
);

const VET = 'medical.veterinary';
b('banfield', 'Banfield Pet Hospital', VET, 742, [45, 450], ['BANFIELD PET HOSP #^^^^', 'BANFIELD #^^^^'], {
  w: 2,
  ach: ['BANFIELD PET HOSP|WELLNESS'],
});
b('vca', 'VCA Animal Hospitals', VET, 742, [60, 900], ['VCA ANIMAL HOSP ^^^^', 'VCA ANIMAL HOSPITALS ^^^'], {
  w: 2,
});
b('bluepearl', 'BluePearl Pet Hospital', VET, 742, [150, 2500], ['BLUEPEARL PET HOSPITAL', 'BLUEPEARL ^^^'], {
  w: 0.5,
});

const GYM = 'personal_care.gyms_and_fitness';
b(
  'planet_fitness',
  'Planet Fitness',
  GYM,
  7997,
  [10, 25],
  ['PLANET FITNESS', 'PLNT FITNESS ^^^^', 'PLANET FIT CLUB FEES'],
  { w: 4 },
);
b(
  'la_fitness',
  'LA Fitness',
  GYM,
  7997,
  [30, 50],
  ['LA FITNESS', 'LA FITNESS ^^^^', 'FITNESS INTERNATIONAL'],
  { w: 2 },
);
b('peloton', 'Peloton', GYM, 7997, [13, 44], ['PELOTON* MEMBERSHIP', 'PELOTON INTERACTIVE'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 1.5,
});
b('equinox', 'Equinox', GYM, 7997, [180, 320], ['EQUINOX ^^', 'EQUINOX HOLDINGS'], {
  states: ['NY', 'CA', 'IL', 'MA', 'DC', 'FL', 'TX'],
});
b('orangetheory', 'Orangetheory Fitness', GYM, 7997, [59, 179], ['ORANGETHEORY FITNESS', 'OTF ^^^^'], {});
b('anytime_fitness', 'Anytime Fitness', GYM, 7997, [35, 55], ['ANYTIME FITNESS', 'ANYTIME FITNESS ^^^^'], {});
b('crunch', 'Crunch Fitness', GYM, 7997, [10, 35], ['CRUNCH FITNESS', 'CRUNCH FITNESS ^^^'], {});
b(
  '24_hour_fitness',
  '24 Hour Fitness',
  GYM,
  7997,
  [30, 55],
  ['24 HOUR FITNESS USA', '24 HOUR FITNESS #^^^'],
  { states: ['CA', 'TX', 'CO', 'NV', 'OR', 'WA', 'HI'] },
);

const HAIR = 'personal_care.hair_and_beauty';
b('great_clips', 'Great Clips', HAIR, 7230, [16, 40], ['GREAT CLIPS # ^^^^', 'GREAT CLIPS ^^^^'], { w: 3 });
b('supercuts', 'Supercuts', HAIR, 7230, [18, 45], ['SUPERCUTS #^^^^', 'SUPERCUTS ^^^^'], { w: 2 });
b('sephora', 'Sephora', HAIR, 5977, [12, 180], ['SEPHORA #^^^^', 'SEPHORA.COM', 'SEPHORA USA ^^^^'], {
  w: 2,
});
b('ulta', 'Ulta Beauty', HAIR, 5977, [10, 150], ['ULTA #^^^', 'ULTA BEAUTY ^^^^', 'ULTA.COM'], { w: 2 });
b('sally_beauty', 'Sally Beauty', HAIR, 5977, [8, 80], ['SALLY BEAUTY #^^^^', 'SALLY BEAUTY ^^^^'], {});

b(
  'zips',
  'Zips Dry Cleaners',
  'personal_care.laundry_and_dry_cleaning',
  7216,
  [10, 60],
  ['ZIPS DRY CLEANERS ^^'],
  {},
);
b(
  'csc_serviceworks',
  'CSC ServiceWorks',
  'personal_care.laundry_and_dry_cleaning',
  7211,
  [5, 30],
  ['CSC SERVICEWORKS', 'CSC SERVICEWORK ^^^^^'],
  {},
);

// ---------------------------------------------------------------------------------------------
// General services

const INS = 'general_services.insurance';
b('geico', 'GEICO', INS, 6300, [70, 260], ['GEICO *AUTO', 'GEICO  *AUTO'], {
  online: true,
  ach: ['GEICO|GEICO'],
  w: 3,
});
b('state_farm', 'State Farm', INS, 6300, [70, 280], ['STATE FARM INSURANCE', 'STATE FARM  ^^^^'], {
  ach: ['STATE FARM RO 27|SFPP', 'STATE FARM INS|PREMIUM'],
  w: 3,
});
b('progressive', 'Progressive', INS, 6300, [60, 260], ['PROGRESSIVE *INSURANCE', 'PROG DIRECT INS'], {
  online: true,
  ach: ['PROGRESSIVE|INS PREM'],
  w: 2.5,
});
b('allstate', 'Allstate', INS, 6300, [70, 280], ['ALLSTATE *PAYMENT', 'ALLSTATE INS CO'], {
  online: true,
  ach: ['ALLSTATE|INS PREM'],
  w: 2,
});
b('liberty_mutual', 'Liberty Mutual', INS, 6300, [70, 260], ['LIBERTY MUTUAL INS', 'LIBERTY MUTUAL'], {
  online: true,
  ach: ['LIBERTY MUTUAL|PAYMENT'],
  w: 1.5,
});
b('usaa', 'USAA', INS, 6300, [60, 240], ['USAA P&C EXT AUTOPAY'], { ach: ['USAA P&C|AUTOPAY'], w: 1 });
b('lemonade', 'Lemonade', INS, 6300, [5, 35], ['LEMONADE INSURANCE', 'LEMONADE I* RENTERS'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 1,
});

b(
  'kindercare',
  'KinderCare',
  'general_services.childcare',
  8351,
  [250, 1800],
  ['KINDERCARE ^^^^^^', 'KINDERCARE LEARNING'],
  { ach: ['KINDERCARE|TUITION'] },
);
b(
  'bright_horizons',
  'Bright Horizons',
  'general_services.childcare',
  8351,
  [300, 2200],
  ['BRIGHT HORIZONS ^^^', 'BRIGHT HORIZONS FAM SOL'],
  {
    ach: ['BRIGHT HORIZONS|TUITION'],
  },
);
b(
  'coursera',
  'Coursera',
  'general_services.education',
  8299,
  [39, 399],
  ['COURSERA.ORG', 'COURSERA *~~~~~~'],
  { online: true, hq: 'MOUNTAIN VIEW CA' },
);
b(
  'udemy',
  'Udemy',
  'general_services.education',
  8299,
  [12, 120],
  ['UDEMY: ONLINE COURSES', 'UDEMY ~~~~~~~'],
  { online: true, hq: 'SAN FRANCISCO CA' },
);
b('duolingo', 'Duolingo', 'general_services.education', 8299, [7, 13], ['DUOLINGO', 'DUOLINGO INC'], {
  online: true,
  hq: 'PITTSBURGH PA',
});
b(
  'turbotax',
  'TurboTax',
  'general_services.legal_and_accounting',
  7276,
  [39, 170],
  ['INTUIT *TURBOTAX', 'INTUIT *TURBOTAX ~~~~'],
  { online: true, hq: 'CA' },
);
b(
  'h_and_r_block',
  'H&R Block',
  'general_services.legal_and_accounting',
  7276,
  [40, 300],
  ['H&R BLOCK ^^^^^', 'HRB ONLINE TAX PRODUCT'],
  {},
);
b(
  'legalzoom',
  'LegalZoom',
  'general_services.legal_and_accounting',
  8111,
  [39, 399],
  ['LEGALZOOM.COM', 'LEGALZOOM*~~~~~~'],
  { online: true, hq: 'CA' },
);

const POST = 'general_services.postage_and_shipping';
b(
  'usps',
  'USPS',
  POST,
  9402,
  [2, 60],
  ['USPS PO ^^^^^^^^^^', 'USPS.COM CLICKNSHIP', 'USPS PO BOXES ONLINE'],
  { w: 3 },
);
b('ups', 'UPS', POST, 4215, [8, 90], ['THE UPS STORE ^^^^', 'UPS*~~~~~~~~~~'], { w: 2 });
b('fedex', 'FedEx', POST, 4215, [8, 90], ['FEDEX OFFICE ^^^^', 'FEDEX ^^^^^^^^^'], { w: 1.5 });

const SUBS = 'general_services.subscriptions_and_software';
b(
  'amazon',
  'Amazon Prime',
  SUBS,
  5968,
  [7, 15],
  ['Amazon Prime*~~~~~~~~~', 'AMAZON PRIME*~~~~~~~~~', 'Prime Video Channels*~~~~~~'],
  {
    id: 'amazon:prime',
    online: true,
    hq: 'AMZN.COM/BILL WA',
    w: 5,
  },
);
b('apple', 'Apple', SUBS, 5818, [1, 20], ['APPLE.COM/BILL', 'APPLE.COM/BILL ~~~~~~'], {
  id: 'apple:services',
  online: true,
  hq: 'CUPERTINO CA',
  w: 5,
});
b(
  'microsoft',
  'Microsoft',
  SUBS,
  5734,
  [7, 13],
  ['MICROSOFT*365', 'MSFT *~~~~~~~~~~', 'MICROSOFT*MICROSOFT 365 P'],
  { online: true, hq: 'REDMOND WA', w: 2 },
);
b('adobe', 'Adobe', SUBS, 5734, [10, 60], ['ADOBE *CREATIVE CLOUD', 'ADOBE *ACROPRO SUBS', 'ADOBE  *ADOBE'], {
  online: true,
  hq: 'SAN JOSE CA',
  w: 1.5,
});
b('dropbox', 'Dropbox', SUBS, 5734, [10, 20], ['DROPBOX*~~~~~~~~~', 'DROPBOX'], {
  online: true,
  hq: 'SAN FRANCISCO CA',
});
b(
  'google',
  'Google',
  SUBS,
  5818,
  [2, 20],
  ['GOOGLE *Google One', 'GOOGLE *GOOGLE STORAGE', 'GOOGLE *SERVICES'],
  { online: true, hq: 'G.CO/HELPPAY# CA', w: 2 },
);
b('openai', 'OpenAI', SUBS, 5734, [20, 20], ['OPENAI *CHATGPT SUBSCR', 'OPENAI'], {
  online: true,
  hq: 'SAN FRANCISCO CA',
  w: 1.5,
});
b('nytimes', 'The New York Times', SUBS, 5994, [4, 25], ['NYTIMES *NYTDIGITAL', 'NYT*SUBSCRIPTION'], {
  online: true,
  hq: 'NEW YORK NY',
});
b('audible', 'Audible', SUBS, 5942, [8, 15], ['AUDIBLE*~~~~~~~~~', 'Audible*~~~~~~~~~'], {
  online: true,
  hq: 'AMZN.COM/BILL NJ',
});

// ---------------------------------------------------------------------------------------------
// Entertainment

const STREAM = 'entertainment.streaming';
b('netflix', 'Netflix', STREAM, 4899, [7, 25], ['NETFLIX.COM', 'NETFLIX INC', 'NETFLIX.COM LOS GATOS'], {
  online: true,
  hq: 'LOS GATOS CA',
  w: 6,
});
b('hulu', 'Hulu', STREAM, 4899, [8, 18], ['HULU ^^^^^^^^^^^', 'HULU *HULU ~~~~~~', 'HULU.COM/BILL'], {
  online: true,
  hq: 'CA',
  w: 3,
});
b('disney_plus', 'Disney+', STREAM, 4899, [8, 16], ['DISNEY PLUS', 'DISNEYPLUS', 'DISNEY PLUS ~~~~~~'], {
  online: true,
  hq: 'BURBANK CA',
  w: 3,
});
b('max', 'Max', STREAM, 4899, [10, 21], ['MAX.COM', 'HBO MAX', 'WARNERMEDIA*MAX'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 2,
});
b('peacock', 'Peacock', STREAM, 4899, [8, 14], ['PEACOCK ~~~~~ PREMIUM', 'PEACOCKTV'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 1.5,
});
b('paramount_plus', 'Paramount+', STREAM, 4899, [8, 13], ['PARAMOUNT+', 'PARAMOUNTPLUS'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 1.5,
});
b(
  'youtube',
  'YouTube',
  STREAM,
  4899,
  [14, 83],
  ['GOOGLE *YouTube TV', 'GOOGLE *YouTubePremium', 'YOUTUBE TV'],
  { online: true, hq: 'G.CO/HELPPAY# CA', w: 2 },
);

const MUSIC = 'entertainment.music';
b('spotify', 'Spotify', MUSIC, 5815, [11, 20], ['SPOTIFY USA', 'SPOTIFY P~~~~~~~~~', 'Spotify USA'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 6,
});
b('siriusxm', 'SiriusXM', MUSIC, 4899, [9, 23], ['SIRIUSXM*~~~~~~~~', 'SIRIUS XM RADIO'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 2,
});
b('pandora', 'Pandora', MUSIC, 5815, [5, 11], ['PANDORA*PLUS', 'PANDORA MEDIA'], {
  online: true,
  hq: 'OAKLAND CA',
});
b('tidal', 'Tidal', MUSIC, 5815, [11, 20], ['TIDAL.COM'], { online: true, hq: 'NEW YORK NY', w: 0.3 });

const GAME = 'entertainment.gaming';
b('xbox', 'Xbox', GAME, 5816, [10, 70], ['MICROSOFT*XBOX', 'XBOX GAME PASS', 'MICROSOFT *XBOX ~~~~~~'], {
  online: true,
  hq: 'REDMOND WA',
  w: 2,
});
b(
  'playstation',
  'PlayStation',
  GAME,
  5816,
  [10, 70],
  ['PLAYSTATION NETWORK', 'PlayStation Network', 'SONY PLAYSTATION'],
  { online: true, hq: 'SAN MATEO CA', w: 2 },
);
b('steam', 'Steam', GAME, 5816, [5, 60], ['STEAMGAMES.COM ^^^^^^^^^^', 'STEAM PURCHASE', 'VALVE*STEAM'], {
  online: true,
  hq: 'BELLEVUE WA',
  w: 2,
});
b('nintendo', 'Nintendo', GAME, 5816, [5, 70], ['NINTENDO CD^^^^^^^^', 'NINTENDO OF AMERICA'], {
  online: true,
  hq: 'REDMOND WA',
});
b('roblox', 'Roblox', GAME, 5816, [5, 50], ['ROBLOX CORPORATION', 'ROBLOX.COM'], {
  online: true,
  hq: 'SAN MATEO CA',
});

const EVENTS = 'entertainment.events_and_tickets';
b(
  'ticketmaster',
  'Ticketmaster',
  EVENTS,
  7922,
  [35, 450],
  ['TICKETMASTER ~~~~~~', 'TM *~~~~~~~~~~', 'TICKETMASTER'],
  { online: true, hq: 'CA', w: 3 },
);
b('stubhub', 'StubHub', EVENTS, 7922, [40, 500], ['STUBHUB', 'STUBHUB INC ~~~~~'], {
  online: true,
  hq: 'SAN FRANCISCO CA',
});
b('live_nation', 'Live Nation', EVENTS, 7922, [40, 400], ['LIVE NATION ~~~~~~', 'LIVENATION'], {
  online: true,
  hq: 'CA',
});
b('eventbrite', 'Eventbrite', EVENTS, 7922, [10, 150], ['EVENTBRITE *~~~~~~', 'EB *~~~~~~~~~'], {
  online: true,
  hq: 'SAN FRANCISCO CA',
  w: 2,
});
b('seatgeek', 'SeatGeek', EVENTS, 7922, [40, 400], ['SEATGEEK TICKETS', 'SEATGEEK ~~~~~~'], {
  online: true,
  hq: 'NEW YORK NY',
});

const MOVIES = 'entertainment.movies';
b('amc', 'AMC Theatres', MOVIES, 7832, [10, 70], ['AMC ^^^^ ONLINE', 'AMC THEATRES ^^^^', 'AMC ^^^^'], {
  w: 3,
});
b('regal', 'Regal Cinemas', MOVIES, 7832, [10, 70], ['REGAL CINEMAS ^^^^', 'REGAL ^^^^'], { w: 2 });
b('cinemark', 'Cinemark', MOVIES, 7832, [10, 70], ['CINEMARK THEATRES ^^^', 'CINEMARK ^^^'], { w: 2 });
b('fandango', 'Fandango', MOVIES, 7832, [12, 60], ['FANDANGO.COM', 'FANDANGO ~~~~~~'], {
  online: true,
  hq: 'CA',
  w: 1.5,
});

const BET = 'entertainment.casinos_and_betting';
b('draftkings', 'DraftKings', BET, 7995, [10, 300], ['DRAFTKINGS ~~~~~', 'DK*DRAFTKINGS', 'DRAFTKINGS INC'], {
  online: true,
  hq: 'BOSTON MA',
  w: 2,
});
b('fanduel', 'FanDuel', BET, 7995, [10, 300], ['FANDUEL', 'FANDUEL SPORTSBOOK', 'FANDUEL ~~~~~~'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 2,
});
b('mgm', 'MGM Resorts', BET, 7995, [20, 600], ['MGM GRAND CASINO', 'BETMGM ~~~~~~'], {
  online: true,
  hq: 'NJ',
});

// ---------------------------------------------------------------------------------------------
// Transportation

const FUEL = 'transportation.fuel';
b(
  'shell',
  'Shell',
  FUEL,
  5541,
  [15, 85],
  ['SHELL OIL ^^^^^^^^^^^', 'SHELL SERVICE STATION', 'SHELL ^^^^^^^^'],
  { w: 5 },
);
b('chevron', 'Chevron', FUEL, 5541, [15, 90], ['CHEVRON 0^^^^^^', 'CHEVRON ^^^^^^', 'CHEVRON/^^^^^^'], {
  w: 4,
});
b('exxon', 'Exxon', FUEL, 5541, [15, 85], ['EXXON ^^^^^^^', 'EXXONMOBIL ^^^^^^^^', 'EXXON EXPRESS ^^^^^'], {
  w: 3,
});
b('mobil', 'Mobil', FUEL, 5541, [15, 85], ['MOBIL ^^^^^^^^', 'MOBIL #^^^^^'], { w: 2 });
b('bp', 'BP', FUEL, 5541, [15, 85], ['BP#^^^^^^^', 'BP ^^^^^^^^^', 'BP#^^^^^^^ ~~~~~~~'], { w: 3 });
b('speedway', 'Speedway', FUEL, 5541, [15, 80], ['SPEEDWAY ^^^^^', 'SPEEDWAY #^^^^^'], { w: 2 });
b('marathon', 'Marathon', FUEL, 5541, [15, 80], ['MARATHON PETRO^^^^^^', 'MARATHON ^^^^^'], {
  states: [...MIDWEST, 'KY', 'TN', 'FL', 'GA'],
});
b('sunoco', 'Sunoco', FUEL, 5541, [15, 80], ['SUNOCO ^^^^^^^^^^', 'SUNOCO #^^^^'], {
  states: [...NORTHEAST, 'OH', 'FL', 'TX'],
});
b('valero', 'Valero', FUEL, 5541, [15, 80], ['VALERO ^^^^', 'VALERO #^^^^'], { states: [...SOUTH, 'CA'] });
b('circle_k', 'Circle K', FUEL, 5542, [15, 80], ['CIRCLE K ^^^^^ FUEL', 'CIRCLE K #^^^^^'], {
  id: 'circle_k:fuel',
  w: 2,
});
b('arco', 'ARCO', FUEL, 5541, [15, 80], ['ARCO #^^^^^', 'ARCO PAYPOINT #^^^^^', 'ARCO ^^^^^'], {
  states: ['CA', 'OR', 'WA', 'NV', 'AZ'],
  w: 4,
});
b('phillips_66', 'Phillips 66', FUEL, 5541, [15, 80], ['PHILLIPS 66 - ~~~~~~~', 'PHILLIPS 66 ^^^^^^^'], {
  states: [...MIDWEST, 'TX', 'OK', 'CO'],
});
b('citgo', 'Citgo', FUEL, 5541, [15, 80], ['CITGO ^^^^^', 'CITGO #^^^^'], {
  states: [...SOUTH, ...NORTHEAST],
});
b('costco', 'Costco Gas', FUEL, 5542, [25, 90], ['COSTCO GAS #^^^^', 'COSTCO GASOLINE #^^^^'], {
  id: 'costco:fuel',
  w: 2,
});
b('buc_ees', "Buc-ee's", FUEL, 5541, [20, 90], ["BUC-EE'S #^^", 'BUC-EES #^^'], {
  states: ['TX', 'AL', 'FL', 'GA', 'TN', 'SC', 'KY'],
});

const RIDE = 'transportation.rideshare';
b(
  'uber',
  'Uber',
  RIDE,
  4121,
  [7, 65],
  ['UBER *TRIP', 'UBER *TRIP HELP.UBER.COM', 'UBER   *TRIP ~~~~~', 'UBER* TRIP'],
  { online: true, hq: 'SAN FRANCISCO CA', w: 3 },
);
b('lyft', 'Lyft', RIDE, 4121, [7, 60], ['LYFT *RIDE ~~~ ~~~~', 'LYFT   *RIDE', 'LYFT *RIDE'], {
  online: true,
  hq: 'SAN FRANCISCO CA',
  w: 2,
});

const TRANSIT = 'transportation.public_transit';
b('mta', 'MTA', TRANSIT, 4111, [3, 34], ['MTA*NYCT PAYGO', 'MTA*METROCARD MACHINE', 'MTA*LIRR ETIX'], {
  states: ['NY', 'NJ'],
  w: 5,
});
b('clipper', 'Clipper', TRANSIT, 4111, [3, 50], ['CLIPPER SERVICE', 'BART-CLIPPER', 'CLIPPER CARD'], {
  states: ['CA'],
  w: 3,
});
b('cta', 'CTA', TRANSIT, 4111, [3, 40], ['CTA VENTRA', 'VENTRA MOBILE'], { states: ['IL'], w: 5 });
b('wmata', 'WMATA', TRANSIT, 4111, [3, 40], ['WMATA MOBILE', 'WMATA SMARTRIP'], {
  states: ['DC', 'MD', 'VA'],
  w: 5,
});
b('mbta', 'MBTA', TRANSIT, 4111, [3, 40], ['MBTA CHARLIE TICKET', 'MBTA MTICKET'], { states: ['MA'], w: 5 });
b('septa', 'SEPTA', TRANSIT, 4111, [3, 40], ['SEPTA KEY', 'SEPTA ^^^^'], { states: ['PA'], w: 5 });
b('amtrak', 'Amtrak', TRANSIT, 4112, [20, 250], ['AMTRAK .CO^^^^^^^^^^', 'AMTRAK MOBILE ^^^^^^^^^^'], {
  online: true,
  hq: 'WASHINGTON DC',
  w: 0.5,
});

const PARK = 'transportation.parking_and_tolls';
b('ez_pass', 'E-ZPass', PARK, 4784, [25, 50], ['E-ZPASS REPLENISH', 'EZPASS ~~ REBILL', 'E-Z*PASS ~~ ^^^'], {
  states: [...NORTHEAST, 'VA', 'NC', 'OH', 'IL', 'IN', 'WV'],
  w: 3,
});
b('fastrak', 'FasTrak', PARK, 4784, [25, 50], ['FASTRAK CSC', 'BATA FASTRAK'], { states: ['CA'], w: 3 });
b('sunpass', 'SunPass', PARK, 4784, [10, 40], ['SUNPASS*ACC~~~~~~~', 'SUNPASS'], { states: ['FL'], w: 3 });
b('txtag', 'TxTag', PARK, 4784, [20, 40], ['TXTAG', 'NTTA AUTOCHARGE'], { states: ['TX'], w: 2 });
b('spothero', 'SpotHero', PARK, 7523, [8, 45], ['SPOTHERO ~~~~~~', 'SPOTHERO.COM'], {
  online: true,
  hq: 'CHICAGO IL',
});
b('parkmobile', 'ParkMobile', PARK, 7523, [2, 25], ['PARKMOBILE', 'PARKMOBILE ~~~~~'], {
  online: true,
  hq: 'ATLANTA GA',
  w: 2,
});

const AUTO = 'transportation.auto_service';
b('jiffy_lube', 'Jiffy Lube', AUTO, 7538, [40, 140], ['JIFFY LUBE #^^^^', 'JIFFY LUBE ^^^^'], { w: 2 });
b('valvoline', 'Valvoline', AUTO, 7538, [45, 150], ['VALVOLINE #^^^^', 'VIOC ^^^^'], { w: 1.5 });
b('firestone', 'Firestone', AUTO, 7538, [60, 900], ['FIRESTONE #^^^^^', 'FIRESTONE COMPLETE AUTO'], {});
b('autozone', 'AutoZone', AUTO, 5533, [8, 250], ['AUTOZONE #^^^^', 'AUTOZONE ^^^^'], { w: 2.5 });
b('oreilly', "O'Reilly Auto Parts", AUTO, 5533, [8, 250], ["O'REILLY ^^^^", 'OREILLY AUTO ^^^^'], { w: 2 });
b('advance_auto', 'Advance Auto Parts', AUTO, 5533, [8, 250], ['ADVANCE AUTO PARTS #^^^^'], {});
b('discount_tire', 'Discount Tire', AUTO, 7538, [60, 1100], ['DISCOUNT TIRE ^^^^', 'DISCOUNT TIRE #^^^'], {});
b('midas', 'Midas', AUTO, 7538, [50, 600], ['MIDAS #^^^^', 'MIDAS AUTO SERVICE'], {});

b(
  'carmax',
  'CarMax',
  'transportation.car_dealers',
  5521,
  [200, 3500],
  ['CARMAX ^^^^', 'CARMAX AUTO SUPERSTORE'],
  {},
);
b('carvana', 'Carvana', 'transportation.car_dealers', 5521, [200, 3500], ['CARVANA', 'CARVANA LLC'], {
  online: true,
  hq: 'TEMPE AZ',
});

const EV = 'transportation.ev_charging';
b(
  'tesla_supercharger',
  'Tesla Supercharger',
  EV,
  5552,
  [8, 45],
  ['TESLA SUPERCHARGER', 'TESLA INC SUPERCHARGER', 'TSLA SUPERCHARGER ~~~~'],
  { online: true, hq: 'CA', w: 4 },
);
b('chargepoint', 'ChargePoint', EV, 5552, [4, 30], ['CHARGEPOINT INC', 'CHARGEPOINT ~~~~~~'], {
  online: true,
  hq: 'CAMPBELL CA',
  w: 2,
});
b(
  'electrify_america',
  'Electrify America',
  EV,
  5552,
  [8, 45],
  ['ELECTRIFY AMERICA ^^^^^', 'ELECTRIFY AMERICA'],
  { online: true, hq: 'VA', w: 2 },
);
b('evgo', 'EVgo', EV, 5552, [6, 40], ['EVGO SERVICES', 'EVGO ~~~~~~'], {
  online: true,
  hq: 'LOS ANGELES CA',
});

// ---------------------------------------------------------------------------------------------
// Travel

const AIR = 'travel.airlines';
b(
  'delta',
  'Delta Air Lines',
  AIR,
  3058,
  [90, 900],
  ['DELTA AIR 006!!!!!!!!!!', 'DELTA AIR LINES', 'DELTA AIR LINES ATLANTA'],
  { online: true, hq: 'ATLANTA GA', w: 3 },
);
b(
  'united',
  'United Airlines',
  AIR,
  3000,
  [90, 900],
  ['UNITED 016!!!!!!!!!!', 'UNITED AIRLINES', 'UNITED AIRL 016!!!!!!!!!!'],
  { online: true, hq: 'HOUSTON TX', w: 3 },
);
b(
  'american_airlines',
  'American Airlines',
  AIR,
  3001,
  [90, 900],
  ['AMERICAN AIR001!!!!!!!!!!', 'AMERICAN AIRLINES', 'AA INFLIGHT'],
  { online: true, hq: 'FORT WORTH TX', w: 3 },
);
b(
  'southwest',
  'Southwest Airlines',
  AIR,
  3066,
  [60, 600],
  ['SOUTHWES 526!!!!!!!!!!', 'SOUTHWEST AIRLINES', 'SOUTHWEST AIR 526!!!!!!!!!!'],
  { online: true, hq: 'DALLAS TX', w: 3 },
);
b('jetblue', 'JetBlue', AIR, 3174, [60, 600], ['JETBLUE 279!!!!!!!!!!', 'JETBLUE AIRWAYS'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 1.5,
});
b('alaska_air', 'Alaska Airlines', AIR, 3256, [70, 700], ['ALASKA AIR 027!!!!!!!!!!', 'ALASKA AIRLINES'], {
  online: true,
  hq: 'SEATTLE WA',
  w: 1,
});
b('spirit', 'Spirit Airlines', AIR, 3260, [40, 350], ['SPIRIT AIRL 487!!!!!!!!!!', 'SPIRIT AIRLINES'], {
  online: true,
  hq: 'MIRAMAR FL',
  w: 1,
});
b('frontier', 'Frontier Airlines', AIR, 4511, [40, 350], ['FRONTIER AIRLINES', 'FRONTIER A 422!!!!!!!!!!'], {
  online: true,
  hq: 'DENVER CO',
  w: 0.8,
});

const HOTEL = 'travel.hotels';
b(
  'marriott',
  'Marriott',
  HOTEL,
  3509,
  [120, 1200],
  ['MARRIOTT ^^^^^', 'COURTYARD BY MARRIOTT', 'RESIDENCE INN ^^^^', 'MARRIOTT HOTELS ^^^'],
  { w: 3 },
);
b(
  'hilton',
  'Hilton',
  HOTEL,
  3504,
  [110, 1100],
  ['HILTON HOTELS', 'HAMPTON INN ^^^^', 'HILTON GARDEN INN ^^^', 'DOUBLETREE ^^^^'],
  { w: 3 },
);
b('hyatt', 'Hyatt', HOTEL, 3640, [130, 1200], ['HYATT REGENCY ^^^^', 'HYATT HOTELS', 'HYATT PLACE ^^^^'], {
  w: 2,
});
b(
  'ihg',
  'IHG Hotels',
  HOTEL,
  3501,
  [100, 800],
  ['HOLIDAY INN EXPRESS ^^^', 'HOLIDAY INN ^^^^', 'IHG HOTEL ^^^^'],
  { w: 2 },
);
b(
  'best_western',
  'Best Western',
  HOTEL,
  3502,
  [80, 500],
  ['BEST WESTERN ^^^^^', 'BEST WESTERN PLUS ^^^'],
  {},
);
b('motel_6', 'Motel 6', HOTEL, 7011, [50, 200], ['MOTEL 6 #^^^^', 'MOTEL 6 ^^^^'], {});
b(
  'airbnb',
  'Airbnb',
  HOTEL,
  7011,
  [90, 1600],
  ['AIRBNB * HM~~~~~~~~', 'AIRBNB HM~~~~~~~~', 'AIRBNB *~~~~~~~~'],
  { online: true, hq: 'SAN FRANCISCO CA', w: 3 },
);
b('vrbo', 'Vrbo', HOTEL, 7011, [150, 2000], ['VRBO *~~~~~~~~', 'VRBO.COM'], {
  online: true,
  hq: 'AUSTIN TX',
});

const RENTAL = 'travel.car_rental';
b('hertz', 'Hertz', RENTAL, 3357, [60, 700], ['HERTZ RENT-A-CAR', 'HERTZ #^^^^^^^', 'HERTZ CAR RENTAL'], {
  w: 2,
});
b(
  'enterprise',
  'Enterprise',
  RENTAL,
  3405,
  [50, 650],
  ['ENTERPRISE RENT-A-CAR', 'ENTERPRISE RENT A CAR ^^^^', 'ENTERPRISE ^^^^^^'],
  { w: 3 },
);
b('avis', 'Avis', RENTAL, 3389, [60, 700], ['AVIS RENT A CAR', 'AVIS.COM PREPAY', 'AVIS RENT-A-CAR ^^^^'], {
  w: 1.5,
});
b('budget', 'Budget', RENTAL, 3366, [50, 600], ['BUDGET RENT A CAR', 'BUDGET RENT-A-CAR ^^^^'], {});
b(
  'national',
  'National Car Rental',
  RENTAL,
  3393,
  [60, 650],
  ['NATIONAL CAR RENTAL', 'NATIONAL CAR RENT ^^^^'],
  {},
);
b('turo', 'Turo', RENTAL, 7512, [60, 800], ['TURO INC', 'TURO ~~~~~~~'], {
  online: true,
  hq: 'SAN FRANCISCO CA',
});

const AGENCY = 'travel.travel_agencies';
b(
  'expedia',
  'Expedia',
  AGENCY,
  4722,
  [80, 1800],
  ['EXPEDIA !!!!!!!!!!!!!', 'EXPEDIA*~~~~~~~~~', 'EXPEDIA.COM'],
  { online: true, hq: 'SEATTLE WA', w: 2 },
);
b('booking_com', 'Booking.com', AGENCY, 4722, [80, 1500], ['BOOKING.COM', 'BOOKING.COM ~~~~~~~~'], {
  online: true,
  hq: 'NORWALK CT',
  w: 2,
});
b('priceline', 'Priceline', AGENCY, 4722, [80, 1200], ['PRICELINE.COM', 'PRICELINE*~~~~~~~~'], {
  online: true,
  hq: 'NORWALK CT',
});
b('hotels_com', 'Hotels.com', AGENCY, 4722, [80, 1200], ['HOTELS.COM!!!!!!!!!!!', 'HOTELS.COM'], {
  online: true,
  hq: 'WA',
});

const CRUISE = 'travel.cruises';
b(
  'carnival',
  'Carnival Cruise Line',
  CRUISE,
  4411,
  [200, 2500],
  ['CARNIVAL CRUISE LINE', 'CARNIVAL CRUISE ~~~~~~'],
  { online: true, hq: 'MIAMI FL' },
);
b(
  'royal_caribbean',
  'Royal Caribbean',
  CRUISE,
  4411,
  [250, 3000],
  ['ROYAL CARIBBEAN CRUISES', 'ROYAL CARIBBEAN ~~~~~~'],
  { online: true, hq: 'MIAMI FL' },
);
b(
  'norwegian',
  'Norwegian Cruise Line',
  CRUISE,
  4411,
  [250, 3000],
  ['NORWEGIAN CRUISE LINE', 'NCL CRUISE ~~~~~~'],
  { online: true, hq: 'MIAMI FL' },
);

// ---------------------------------------------------------------------------------------------
// Rent and utilities: mostly ACH

const ELECTRIC = 'rent_and_utilities.electricity_and_gas';
b('pg_and_e', 'PG&E', ELECTRIC, 4900, [60, 320], ['PGANDE WEB ONLINE', 'PG&E/EZ-PAY'], {
  ach: ['PGANDE|WEB ONLINE', 'PACIFIC GAS & ELECTRIC|UTILITY'],
  states: ['CA'],
  w: 3,
});
b('sce', 'Southern California Edison', ELECTRIC, 4900, [60, 320], ['SO CAL EDISON CO'], {
  ach: ['SO CAL EDISON CO|BILL PAYMT'],
  states: ['CA'],
  w: 2,
});
b('sdge', 'SDG&E', ELECTRIC, 4900, [60, 320], ['SDGE WEB PAYMENT'], {
  ach: ['SDG&E|BILL PAY'],
  states: ['CA'],
  w: 1,
});
b('con_edison', 'Con Edison', ELECTRIC, 4900, [60, 300], ['CON ED OF NY'], {
  ach: ['CON ED OF NY|INTELL CK', 'CONSOLIDATED EDISON|PAYMENT'],
  states: ['NY'],
  w: 3,
});
b('national_grid', 'National Grid', ELECTRIC, 4900, [50, 280], ['NATIONAL GRID US'], {
  ach: ['NATIONAL GRID|UTIL PAY'],
  states: ['NY', 'MA', 'RI'],
  w: 2,
});
b('duke_energy', 'Duke Energy', ELECTRIC, 4900, [60, 300], ['DUKE ENERGY', 'DUKE-ENERGY PAYMENT'], {
  ach: ['DUKE ENERGY|BILL PAY', 'DUKE-ENERGY|DUKE-ENERG'],
  states: ['NC', 'SC', 'FL', 'IN', 'OH', 'KY'],
  w: 3,
});
b('comed', 'ComEd', ELECTRIC, 4900, [50, 260], ['COMED'], { ach: ['COMED|UTIL BILL'], states: ['IL'], w: 3 });
b('fpl', 'Florida Power & Light', ELECTRIC, 4900, [70, 320], ['FPL DIRECT DEBIT'], {
  ach: ['FPL|DIRECT DEBIT'],
  states: ['FL'],
  w: 3,
});
b('georgia_power', 'Georgia Power', ELECTRIC, 4900, [70, 320], ['GEORGIA POWER'], {
  ach: ['GEORGIA POWER|BILL PAY'],
  states: ['GA'],
  w: 3,
});
b('txu_energy', 'TXU Energy', ELECTRIC, 4900, [70, 340], ['TXU ENERGY'], {
  ach: ['TXU ENERGY|TXU ENERGY'],
  states: ['TX'],
  w: 3,
});
b('reliant', 'Reliant Energy', ELECTRIC, 4900, [70, 340], ['RELIANT ENERGY'], {
  ach: ['RELIANT ENERGY|ACH PMT'],
  states: ['TX'],
  w: 2,
});
b('xcel_energy', 'Xcel Energy', ELECTRIC, 4900, [50, 260], ['XCEL ENERGY'], {
  ach: ['XCEL ENERGY|XCEL ENRGY'],
  states: ['CO', 'MN', 'WI', 'NM'],
  w: 3,
});
b('dominion_energy', 'Dominion Energy', ELECTRIC, 4900, [60, 300], ['DOMINION ENERGY'], {
  ach: ['DOMINION ENERGY|BILLPAY'],
  states: ['VA', 'NC', 'SC', 'UT', 'OH'],
  w: 3,
});
b('dte_energy', 'DTE Energy', ELECTRIC, 4900, [60, 300], ['DTE ENERGY'], {
  ach: ['DTE ENERGY|PAYMENT'],
  states: ['MI'],
  w: 3,
});
b('aps', 'Arizona Public Service', ELECTRIC, 4900, [70, 380], ['APS ELECTRIC PMT'], {
  ach: ['APS|ELEC PYMT'],
  states: ['AZ'],
  w: 3,
});
b('nv_energy', 'NV Energy', ELECTRIC, 4900, [60, 360], ['NV ENERGY'], {
  ach: ['NV ENERGY|NVE PYMT'],
  states: ['NV'],
  w: 3,
});
b('pseg', 'PSE&G', ELECTRIC, 4900, [60, 300], ['PSEG'], { ach: ['PSE&G|UTIL PYMT'], states: ['NJ'], w: 3 });
b('peco', 'PECO', ELECTRIC, 4900, [50, 260], ['PECO ENERGY'], {
  ach: ['PECO ENERGY|UTIL_BIL'],
  states: ['PA'],
  w: 3,
});
b('eversource', 'Eversource', ELECTRIC, 4900, [60, 300], ['EVERSOURCE'], {
  ach: ['EVERSOURCE|PAYMENT'],
  states: ['MA', 'CT', 'NH'],
  w: 3,
});
b('pepco', 'Pepco', ELECTRIC, 4900, [50, 260], ['PEPCO'], {
  ach: ['PEPCO|PEPCO'],
  states: ['DC', 'MD'],
  w: 3,
});
b('ameren', 'Ameren', ELECTRIC, 4900, [50, 260], ['AMEREN'], {
  ach: ['AMEREN MISSOURI|UTIL PYMT', 'AMEREN ILLINOIS|UTIL PYMT'],
  states: ['MO', 'IL'],
  w: 2,
});
b('puget_sound_energy', 'Puget Sound Energy', ELECTRIC, 4900, [50, 260], ['PUGET SOUND ENERGY'], {
  ach: ['PUGET SOUND ENER|PSE PAYMENT'],
  states: ['WA'],
  w: 3,
});
b('entergy', 'Entergy', ELECTRIC, 4900, [60, 300], ['ENTERGY'], {
  ach: ['ENTERGY|ENTERGY'],
  states: ['LA', 'AR', 'MS', 'TX'],
  w: 2,
});
b('socalgas', 'SoCalGas', ELECTRIC, 4900, [20, 120], ['SOCALGAS'], {
  ach: ['SO CAL GAS|PAID SCGC'],
  states: ['CA'],
  w: 1,
});

const NET = 'rent_and_utilities.internet_and_cable';
b(
  'comcast',
  'Comcast Xfinity',
  NET,
  4899,
  [50, 230],
  ['COMCAST XFINITY', 'COMCAST CABLE COMM', 'XFINITY MOBILE'],
  { ach: ['COMCAST|CABLE', 'COMCAST CABLE|COMCAST'], online: true, w: 5 },
);
b('spectrum', 'Spectrum', NET, 4899, [50, 200], ['SPECTRUM', 'CHARTER COMMUNICATIONS', 'SPECTRUM ~~~~~~'], {
  ach: ['SPECTRUM|SPECTRUM', 'CHARTER COMM|CABLE PMT'],
  online: true,
  w: 5,
});
b('cox', 'Cox Communications', NET, 4899, [50, 200], ['COX COMM ~~~~', 'COX COMMUNICATIONS'], {
  ach: ['COX COMM|AUTOPAY'],
  online: true,
  states: ['AZ', 'NV', 'VA', 'LA', 'OK', 'KS', 'NE', 'GA', 'RI', 'CA'],
  w: 3,
});
b('optimum', 'Optimum', NET, 4899, [50, 200], ['OPTIMUM ^^^^', 'ALTICE USA'], {
  ach: ['OPTIMUM|CABLE'],
  online: true,
  states: ['NY', 'NJ', 'CT'],
  w: 3,
});
b('verizon', 'Verizon Fios', NET, 4899, [50, 200], ['VERIZON*FIOS', 'VZ WIRELINE ~~~~'], {
  id: 'verizon:fios',
  ach: ['VERIZON|FIOS PAYMT'],
  online: true,
  states: NORTHEAST,
  w: 3,
});
b('att', 'AT&T Internet', NET, 4899, [50, 160], ['AT&T*INTERNET', 'ATT*BILL PAYMENT'], {
  id: 'att:internet',
  ach: ['AT&T|PAYMENT'],
  online: true,
  states: [...SOUTH, 'CA', 'IL', 'OH', 'MI'],
  w: 3,
});

const PHONE = 'rent_and_utilities.phone';
b(
  'verizon',
  'Verizon Wireless',
  PHONE,
  4814,
  [40, 260],
  ['VZWRLSS*APOCC VISE', 'VERIZON WIRELESS', 'VZWRLSS*MY VZ VB P'],
  { ach: ['VERIZON WIRELESS|PAYMENTS'], online: true, w: 5 },
);
b('att', 'AT&T', PHONE, 4814, [40, 260], ['AT&T*BILL PAYMENT', 'ATT*BILL PAYMENT', 'AT&T MOBILITY'], {
  ach: ['ATT|PAYMENT', 'AT&T MOBILITY|ONLINE PMT'],
  online: true,
  w: 5,
});
b(
  't_mobile',
  'T-Mobile',
  PHONE,
  4814,
  [35, 250],
  ['T-MOBILE*AUTO PAY', 'TMOBILE*AUTO PAY', 'T-MOBILE STORE #^^^^'],
  { ach: ['T-MOBILE|PCS SVC'], online: true, w: 5 },
);
b('mint_mobile', 'Mint Mobile', PHONE, 4814, [15, 45], ['MINT MOBILE', 'MINT MOBILE ~~~~~'], {
  online: true,
  hq: 'COSTA MESA CA',
  w: 1.5,
});
b('cricket', 'Cricket Wireless', PHONE, 4814, [30, 65], ['CRICKET WIRELESS', 'CRICKET WIRELESS ^^^^'], {
  online: true,
  w: 1.5,
});
b('visible', 'Visible', PHONE, 4814, [25, 45], ['VISIBLE', 'VISIBLE SERVICE'], {
  online: true,
  hq: 'NJ',
  w: 0.8,
});

const TRASH = 'rent_and_utilities.trash';
b('waste_management', 'Waste Management', TRASH, 4900, [25, 110], ['WM EZPAY', 'WASTE MANAGEMENT'], {
  ach: ['WASTE MANAGEMENT|WM EZPAY'],
  online: true,
  w: 3,
});
b(
  'republic_services',
  'Republic Services',
  TRASH,
  4900,
  [25, 110],
  ['REPUBLIC SERVICES', 'REPUBLIC SERVICES ^^^'],
  { ach: ['REPUBLIC SERVICES|TRASH'], online: true, w: 2 },
);
b('american_water', 'American Water', 'rent_and_utilities.water', 4900, [25, 140], ['AMERICAN WATER'], {
  ach: ['AMERICAN WATER|UTIL PAYMT'],
  states: ['NJ', 'PA', 'MO', 'IL', 'IN', 'CA', 'VA', 'WV', 'KY', 'TN'],
  w: 1,
});

const RENT = 'rent_and_utilities.rent';
b('greystar', 'Greystar', RENT, 6513, [1100, 3200], [], {
  ach: ['GREYSTAR|RENT', 'GREYSTAR RS|WEB PMTS'],
  w: 3,
});
b('equity_residential', 'Equity Residential', RENT, 6513, [1500, 3800], [], {
  ach: ['EQUITY RESIDENTI|RENT PMT'],
  w: 2,
});
b('avalonbay', 'AvalonBay', RENT, 6513, [1600, 4000], [], { ach: ['AVALON COMMUNITIES|RENT'], w: 2 });
b('camden', 'Camden Property', RENT, 6513, [1100, 2800], [], { ach: ['CAMDEN PROPERTY|RENT PMT'], w: 1.5 });
b('appfolio', 'AppFolio', RENT, 6513, [900, 3000], [], {
  ach: ['APPFOLIO|RENT', 'APPFOLIO INC|WEB PMTS'],
  w: 3,
});
b('bilt', 'Bilt Rent', RENT, 6513, [1100, 3500], [], { ach: ['BILT RENT|RENT PAYMT'], w: 1 });

// ---------------------------------------------------------------------------------------------
// Loans: ACH only. KLI Bank is the bank running this data.

const MORT = 'loan_payments.mortgage';
b('kli_bank_mortgage', 'KLI Bank Mortgage', MORT, 0, [900, 4200], [], { ach: ['KLI BANK MORTGAGE PMT|'] });
b('wells_fargo_home_mortgage', 'Wells Fargo Home Mortgage', MORT, 0, [900, 4200], [], {
  ach: ['WELLS FARGO HOME MTG|MTG PYMT', 'WF HOME MTG|AUTO PAY'],
  w: 3,
});
b('rocket_mortgage', 'Rocket Mortgage', MORT, 0, [900, 4200], [], {
  ach: ['ROCKET MORTGAGE|MTG PYMT', 'QUICKEN LOANS|MORTGAGE'],
  w: 3,
});
b('mr_cooper', 'Mr. Cooper', MORT, 0, [900, 4200], [], {
  ach: ['MR. COOPER|MTG PYMT', 'NATIONSTAR MTG|MORTGAGE'],
  w: 2,
});
b('chase_mortgage', 'Chase Mortgage', MORT, 0, [900, 4200], [], {
  ach: ['CHASE MTG|MTG PYMTS', 'JPMORGAN CHASE|MTG PYMT'],
  w: 2.5,
});
b('loandepot', 'loanDepot', MORT, 0, [900, 4200], [], { ach: ['LOANDEPOT.COM|MTG PMT'], w: 1.5 });
b('pennymac', 'PennyMac', MORT, 0, [900, 4200], [], { ach: ['PENNYMAC|MTG PYMT'], w: 1.5 });

const AUTOLOAN = 'loan_payments.auto_loan';
b('kli_bank_auto_loan', 'KLI Bank Auto Loan', AUTOLOAN, 0, [250, 900], [], {
  ach: ['KLI BANK AUTO LOAN PMT|'],
});
b('toyota_financial', 'Toyota Financial Services', AUTOLOAN, 0, [250, 800], [], {
  ach: ['TOYOTA MOTOR CR|TOYOTA ACH', 'TOYOTA PAYMENT|TFS'],
  w: 2,
});
b('honda_financial', 'Honda Financial Services', AUTOLOAN, 0, [250, 700], [], {
  ach: ['AMERICAN HONDA|ACH PAYMNT'],
  w: 1.5,
});
b('ally', 'Ally', AUTOLOAN, 0, [250, 850], [], {
  ach: ['ALLY|ALLY PAYMT', 'ALLY FINANCIAL|AUTO PAY'],
  w: 2.5,
});
b('ford_credit', 'Ford Credit', AUTOLOAN, 0, [300, 900], [], { ach: ['FORD CREDIT|FORD CRED'], w: 1.5 });
b('capital_one_auto', 'Capital One Auto Finance', AUTOLOAN, 0, [250, 800], [], {
  ach: ['CAPITAL ONE AUTO|CARPAY'],
  w: 1.5,
});

const CC = 'loan_payments.credit_card';
b('kli_bank_card', 'KLI Bank Credit Card', CC, 0, [40, 3500], [], { ach: ['KLI BANK CREDIT CARD PMT|'] });
b('capital_one', 'Capital One', CC, 0, [40, 3000], [], {
  ach: ['CAPITAL ONE|MOBILE PMT', 'CAPITAL ONE|CRCARDPMT', 'CAPITAL ONE ONLINE PMT|'],
  w: 3,
});
b('discover', 'Discover', CC, 0, [40, 2500], [], {
  ach: ['DISCOVER|E-PAYMENT', 'DISCOVER CARD|PAYMENT'],
  w: 2,
});
b('amex', 'American Express', CC, 0, [50, 5000], [], {
  ach: ['AMERICAN EXPRESS|ACH PMT', 'AMEX EPAYMENT|ACH PMT'],
  w: 2.5,
});
b('citi', 'Citi', CC, 0, [40, 3000], [], {
  ach: ['CITI CARD ONLINE|PAYMENT', 'CITI AUTOPAY|PAYMENT'],
  w: 2.5,
});
b('chase_card', 'Chase Card Services', CC, 0, [40, 4000], [], {
  ach: ['CHASE CREDIT CRD|AUTOPAY', 'CHASE CREDIT CRD|EPAY'],
  w: 3,
});
b('synchrony', 'Synchrony', CC, 0, [30, 1200], [], {
  ach: ['SYNCHRONY BANK|PAYMENT', 'SYNCB PAYMENT|ONLINE PMT'],
  w: 1.5,
});
b('bank_of_america_card', 'Bank of America Card', CC, 0, [40, 3000], [], {
  ach: ['BK OF AMER VISA|ONLINE PMT', 'BANK OF AMERICA|CREDIT CARD'],
  w: 2,
});
b('apple_card', 'Apple Card', CC, 0, [30, 2500], [], { ach: ['APPLECARD GSBANK|PAYMENT'], w: 1.5 });
b('wells_fargo_card', 'Wells Fargo Card', CC, 0, [40, 3000], [], {
  ach: ['WF CREDIT CARD|AUTO PAY'],
  w: 1.5,
});
b('barclays', 'Barclays', CC, 0, [40, 2500], [], { ach: ['BARCLAYCARD US|CREDITCARD'], w: 1 });

const STUDENT = 'loan_payments.student_loan';
b('navient', 'Navient', STUDENT, 0, [90, 700], [], {
  ach: ['NAVIENT|NAVI PYMT', 'NAVIENT|ED LOAN PMT'],
  w: 2,
});
b('nelnet', 'Nelnet', STUDENT, 0, [90, 700], [], {
  ach: ['NELNET LNS|NELNET LNS', 'NELNET|STUDENT LN'],
  w: 2,
});
b('mohela', 'MOHELA', STUDENT, 0, [90, 700], [], { ach: ['MOHELA|STUDNTLOAN'], w: 2 });
b('aidvantage', 'Aidvantage', STUDENT, 0, [90, 700], [], {
  ach: ['DEPT EDUCATION|STUDENT LN', 'AIDVANTAGE|PAYMENT'],
  w: 1.5,
});

const PERSONAL = 'loan_payments.personal_loan';
b('kli_bank_personal_loan', 'KLI Bank Personal Loan', PERSONAL, 0, [150, 700], [], {
  ach: ['KLI BANK LOAN PMT|'],
});
b('sofi', 'SoFi', PERSONAL, 0, [150, 900], [], { ach: ['SOFI|SOFI LOAN', 'SOFI LENDING|LOAN PMT'], w: 2 });
b('lendingclub', 'LendingClub', PERSONAL, 0, [120, 800], [], { ach: ['LENDINGCLUB|LOAN PMT'], w: 1.5 });
b('upstart', 'Upstart', PERSONAL, 0, [120, 700], [], { ach: ['UPSTART NETWORK|LOAN PMT'] });
b('best_egg', 'Best Egg', PERSONAL, 0, [120, 700], [], { ach: ['BEST EGG|LOAN PMT'] });
b('affirm', 'Affirm', PERSONAL, 0, [20, 300], [], { ach: ['AFFIRM INC|AFFIRM PAY', 'AFFIRM *PAY|'], w: 2 });

// ---------------------------------------------------------------------------------------------
// Income

const PAYROLL = 'income.payroll';
b('adp', 'ADP', PAYROLL, 0, [800, 6000], [], { ach: ['ADP WAGE PAY|WAGE PAY', 'DIRECT DEP ADP PAYROLL|'] });
b('gusto', 'Gusto', PAYROLL, 0, [800, 6000], [], { ach: ['GUSTO|NET PAY', 'GUSTO PAY !!!!!!|'] });
b('paychex', 'Paychex', PAYROLL, 0, [800, 6000], [], { ach: ['PAYCHEX INC|PAYROLL', 'PAYCHEX EIB|PAYROLL'] });

const GIG = 'income.gig_income';
b('uber', 'Uber', GIG, 0, [40, 900], [], {
  id: 'uber:gig',
  ach: ['UBER USA 6787|EDI PYMNTS', 'UBER USA|PAYMENTS'],
  w: 3,
});
b('lyft', 'Lyft', GIG, 0, [40, 800], [], {
  id: 'lyft:gig',
  ach: ['LYFT INC|EXPRESS PAY', 'LYFT|DRIVER PAY'],
  w: 2,
});
b('doordash', 'DoorDash', GIG, 0, [30, 700], [], {
  id: 'doordash:gig',
  ach: ['DOORDASH DASHER|PAYOUT', 'DOORDASH INC|DASHER PAY'],
  w: 3,
});
b('instacart', 'Instacart', GIG, 0, [30, 700], [], {
  id: 'instacart:gig',
  ach: ['INSTACART SHOPPER|PAYOUT', 'MAPLEBEAR INC|INSTACART'],
  w: 2,
});
b('upwork', 'Upwork', GIG, 0, [80, 2500], [], {
  ach: ['UPWORK ESCROW|UPWORK', 'UPWORK GLOBAL|PAYOUT'],
  w: 1,
});
b('etsy', 'Etsy', GIG, 0, [20, 900], [], { id: 'etsy:gig', ach: ['ETSY INC|DEPOSIT', 'ETSY|PAYOUT'], w: 1 });
b('fiverr', 'Fiverr', GIG, 0, [30, 1200], [], { ach: ['FIVERR INC|PAYOUT'], w: 0.7 });

b('ssa', 'Social Security', 'income.government_benefits', 0, [900, 3200], [], {
  ach: ['SSA TREAS 310|XXSOC SEC'],
});
b('irs', 'IRS', 'income.other_income', 0, [200, 4000], [], {
  id: 'irs:refund',
  ach: ['IRS TREAS 310|TAX REF'],
});

// ---------------------------------------------------------------------------------------------
// Transfers and payment platforms

b('zelle', 'Zelle', 'transfer_out.p2p_out', 0, [10, 600], [], {});
b('venmo', 'Venmo', 'transfer_out.p2p_out', 0, [8, 400], [], { ach: ['VENMO|PAYMENT'] });
b('cash_app', 'Cash App', 'transfer_out.p2p_out', 0, [8, 400], [], {});
b('paypal', 'PayPal', 'transfer_out.p2p_out', 0, [10, 400], [], { ach: ['PAYPAL|INST XFER'] });
b('vanguard', 'Vanguard', 'transfer_out.investment_transfer', 0, [100, 3000], [], {
  ach: ['VANGUARD BUY|INVESTMENT', 'VANGUARD|EDI PYMNTS'],
  w: 2,
});
b('fidelity', 'Fidelity', 'transfer_out.investment_transfer', 0, [100, 3000], [], {
  ach: ['FID BKG SVC LLC|MONEYLINE'],
  w: 2,
});
b('schwab', 'Charles Schwab', 'transfer_out.investment_transfer', 0, [100, 3000], [], {
  ach: ['SCHWAB BROKERAGE|MONEYLINK'],
  w: 1.5,
});
b('robinhood', 'Robinhood', 'transfer_out.investment_transfer', 0, [25, 1000], [], {
  ach: ['ROBINHOOD|FUNDS'],
  w: 2,
});
b('coinbase', 'Coinbase', 'transfer_out.investment_transfer', 0, [25, 1000], [], {
  ach: ['COINBASE INC.|8889087930'],
  w: 1,
});
b('acorns', 'Acorns', 'transfer_out.investment_transfer', 0, [5, 100], [], {
  ach: ['ACORNS INVEST|TRANSFER'],
  w: 1,
});

// ---------------------------------------------------------------------------------------------
// Government and non-profit

b('irs', 'IRS', 'government_and_non_profit.taxes', 0, [200, 6000], [], { ach: ['IRS|USATAXPYMT'] });
b(
  'franchise_tax_board',
  'California Franchise Tax Board',
  'government_and_non_profit.taxes',
  0,
  [100, 3000],
  [],
  { ach: ['FRANCHISE TAX BD|PAYMENTS'], states: ['CA'] },
);
b(
  'red_cross',
  'American Red Cross',
  'government_and_non_profit.donations',
  8398,
  [10, 250],
  ['AMERICAN RED CROSS', 'REDCROSS.ORG'],
  { online: true, hq: 'WASHINGTON DC', w: 2 },
);
b(
  'st_jude',
  "St. Jude Children's Research Hospital",
  'government_and_non_profit.donations',
  8398,
  [10, 100],
  ['ST JUDE CHILDRENS', 'ALSAC/ST JUDE'],
  { online: true, hq: 'MEMPHIS TN', w: 2 },
);
b(
  'salvation_army',
  'The Salvation Army',
  'government_and_non_profit.donations',
  8398,
  [5, 150],
  ['SALVATION ARMY', 'THE SALVATION ARMY ^^^'],
  { w: 1.5 },
);
b('united_way', 'United Way', 'government_and_non_profit.donations', 8398, [10, 200], ['UNITED WAY'], {
  online: true,
  hq: 'VA',
});
b(
  'gofundme',
  'GoFundMe',
  'government_and_non_profit.donations',
  8398,
  [10, 200],
  ['GOFUNDME ~~~~~~~', 'GOFUNDME'],
  { online: true, hq: 'REDWOOD CITY CA', w: 1.5 },
);
b(
  'wikimedia',
  'Wikimedia Foundation',
  'government_and_non_profit.donations',
  8398,
  [3, 50],
  ['WIKIMEDIA ~~~~~~~~', 'WIKIPEDIA'],
  { online: true, hq: 'SAN FRANCISCO CA' },
);
b(
  'dmv',
  'DMV',
  'government_and_non_profit.government_services',
  9399,
  [30, 400],
  ['DMV ^^^ ONLINE', 'DMV RENEWAL ~~~~~~'],
  {},
);
b(
  'uscis',
  'USCIS',
  'government_and_non_profit.government_services',
  9399,
  [85, 700],
  ['USCIS ELIS', 'US DEPT OF STATE PASSPORT'],
  { online: true, hq: 'DC', w: 0.3 },
);

// ---------------------------------------------------------------------------------------------
// Wedding vendors and jewelers: bought only by the planted `wedding` behaviour (and the jewelers by
// its near miss), so weight 0 keeps them out of everyday spending and leaves other picks unchanged.

b(
  'davids_bridal',
  "David's Bridal",
  CLOTH,
  5621,
  [80, 1500],
  ["DAVID'S BRIDAL #^^^^", 'DAVIDS BRIDAL ^^^^'],
  {
    w: 0,
  },
);
b(
  'the_knot',
  'The Knot',
  'general_services.subscriptions_and_software',
  5968,
  [20, 400],
  ['THE KNOT', 'THEKNOT.COM'],
  {
    online: true,
    hq: 'NEW YORK NY',
    w: 0,
  },
);
b('zola', 'Zola', 'general_merchandise.online_marketplaces', 5964, [30, 600], ['ZOLA.COM', 'ZOLA REGISTRY'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 0,
});
b(
  'weddingwire',
  'WeddingWire',
  'general_services.subscriptions_and_software',
  5968,
  [20, 300],
  ['WEDDINGWIRE'],
  {
    online: true,
    hq: 'CHEVY CHASE MD',
    w: 0,
  },
);
b('minted', 'Minted', 'general_merchandise.office_supplies', 5111, [40, 900], ['MINTED.COM', 'MINTED LLC'], {
  online: true,
  hq: 'SAN FRANCISCO CA',
  w: 0,
});
b('azazie', 'Azazie', CLOTH, 5621, [80, 400], ['AZAZIE'], { online: true, hq: 'SAN JOSE CA', w: 0 });
b('kay_jewelers', 'Kay Jewelers', CLOTH, 5944, [100, 6000], ['KAY JEWELERS #^^^^', 'KAY JEWELERS ^^^^'], {
  w: 0,
});
b('zales', 'Zales', CLOTH, 5944, [100, 6000], ['ZALES #^^^^', 'ZALES ^^^^'], { w: 0 });
b('jared', 'Jared', CLOTH, 5944, [100, 6000], ['JARED THE GALLERIA ^^^^', 'JARED JEWELERS ^^^^'], { w: 0 });

// Buy-now-pay-later installments by card: only the planted `bnpl_user` behaviour pays them.
b('afterpay', 'Afterpay', PERSONAL, 5999, [15, 150], ['AFTERPAY', 'AFTERPAY US'], {
  online: true,
  hq: 'SAN FRANCISCO CA',
  w: 0,
});
b('klarna', 'Klarna', PERSONAL, 5999, [15, 150], ['KLARNA* ~~~~~~~', 'KLARNA INC'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 0,
});
b('sezzle', 'Sezzle', PERSONAL, 5999, [15, 150], ['SEZZLE', 'SEZZLE INC'], {
  online: true,
  hq: 'MINNEAPOLIS MN',
  w: 0,
});

// Meal kits: only the planted `home_chef` behaviour orders them.
const KIT = 'food_and_drink.groceries';
b('hellofresh', 'HelloFresh', KIT, 5499, [60, 140], ['HELLOFRESH', 'HELLOFRESH US'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 0,
});
b('blue_apron', 'Blue Apron', KIT, 5499, [60, 140], ['BLUE APRON', 'BLUEAPRON.COM'], {
  online: true,
  hq: 'NEW YORK NY',
  w: 0,
});
b('home_chef_meals', 'Home Chef', KIT, 5499, [50, 130], ['HOME CHEF', 'HOMECHEF.COM'], {
  online: true,
  hq: 'CHICAGO IL',
  w: 0,
});
b('everyplate', 'EveryPlate', KIT, 5499, [40, 90], ['EVERYPLATE'], { online: true, hq: 'NEW YORK NY', w: 0 });

export const BRANDS: readonly Brand[] = list;

const byId = new Map<string, Brand>(list.map((brand) => [brand.id, brand]));

/** A brand by its record id; throws on a typo so the generator never silently loses a brand. */
export function brand(id: string): Brand {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown brand ${id}`);
  return found;
}

/** Card brands (with printed variants) of a category, in catalogue order. */
export function cardBrandsIn(category: Category): Brand[] {
  return list.filter((x) => x.category === category && x.variants.length > 0);
}

/** Every brand of a category, card or ACH. */
export function brandsIn(category: Category): Brand[] {
  return list.filter((x) => x.category === category);
}

/** Distinct merchant keys in the catalogue. */
export const BRAND_KEYS: readonly string[] = [...new Set(list.map((x) => x.key))];
