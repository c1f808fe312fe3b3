#!/usr/bin/env node
// Generates library/std/mcc.kli, the MCC fallback table of the standard library, from the
// open list of Merchant Category Codes of greggles/mcc-codes (public domain).
//
//   node library/tools/generate-mcc.mjs [path/to/mcc_codes.csv] [path/to/mcc.kli]
//
// Defaults (relative to the repository root): ../shared/data/mcc_greggles/mcc_codes.csv and
// library/std/mcc.kli. Every code of the CSV gets exactly one rule. Consecutive codes (in code
// order) that map to the same category share one `lo..hi` rule; the explicit ranges of
// RANGES (airlines, car rental, hotels) are written with their own bounds. The output depends
// only on the CSV and this file: no dates, no environment.
//
// The category of a code is, in order: CODES[code], else the narrowest entry of RANGES that
// covers it, else the narrowest entry of GROUPS (a default per MCC group).

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const input = path.resolve(process.argv[2] ?? path.join(repoRoot, '..', 'shared', 'data', 'mcc_greggles', 'mcc_codes.csv'));
const output = path.resolve(process.argv[3] ?? path.join(repoRoot, 'library', 'std', 'mcc.kli'));

/** Defaults per MCC group, [low, high, category]. The narrowest covering entry wins. */
const GROUPS = [
  [0, 999, 'general_services'], // agricultural services
  [1000, 2999, 'home_improvement.home_services'], // contractors, printing, cleaning supplies
  [3000, 3999, 'travel'], // airlines, car rental and lodging brands
  [4000, 4799, 'transportation'],
  [4800, 4999, 'rent_and_utilities'], // telecommunications and utilities
  [5000, 5199, 'general_merchandise'], // wholesale and distributors
  [5200, 5299, 'home_improvement.hardware'],
  [5300, 5399, 'general_merchandise.superstores'],
  [5400, 5499, 'food_and_drink.groceries'],
  [5500, 5599, 'transportation.car_dealers'],
  [5600, 5699, 'general_merchandise.clothing'],
  [5700, 5799, 'home_improvement.furniture'],
  [5800, 5899, 'food_and_drink.restaurants'],
  [5900, 5999, 'general_merchandise'], // miscellaneous retail
  [6000, 6999, 'transfer_out'], // financial institutions
  [7000, 7199, 'travel.hotels'],
  [7200, 7299, 'personal_care'],
  [7300, 7499, 'general_services'], // business services
  [7500, 7599, 'transportation.auto_service'],
  [7600, 7799, 'home_improvement.home_services'], // repair shops
  [7800, 7999, 'entertainment'],
  [8000, 8099, 'medical'],
  [8100, 8999, 'general_services'], // professional services and organisations
  [9000, 9999, 'government_and_non_profit.government_services'],
];

/** Explicit ranges, written as one rule with these bounds when no code inside maps elsewhere. */
const RANGES = [
  [3000, 3299, 'travel.airlines'],
  [3351, 3441, 'travel.car_rental'],
  [3501, 3999, 'travel.hotels'],
];

/** Single codes. */
const CODES = {
  742: 'medical.veterinary',
  763: 'general_merchandise', // agricultural co-operatives
  780: 'home_improvement.home_services', // landscaping
  2741: 'general_services', // publishing and printing
  2791: 'general_services', // typesetting
  2842: 'general_merchandise', // cleaning preparations

  4011: 'transportation.public_transit',
  4111: 'transportation.public_transit',
  4112: 'transportation.public_transit',
  4119: 'medical.hospital', // ambulance services
  4121: 'transportation.rideshare', // taxicabs and limousines
  4131: 'transportation.public_transit', // bus lines
  4214: 'home_improvement.moving_and_storage',
  4215: 'general_services.postage_and_shipping', // couriers
  4225: 'home_improvement.moving_and_storage', // public warehousing and storage
  4411: 'travel.cruises',
  4457: 'travel', // boat rentals
  4468: 'transportation', // marinas
  4511: 'travel.airlines',
  4582: 'travel.airlines', // airports
  4722: 'travel.travel_agencies',
  4723: 'travel.travel_agencies',
  4784: 'transportation.parking_and_tolls',
  4789: 'transportation',
  4812: 'general_merchandise.electronics', // telephone equipment
  4814: 'rent_and_utilities.phone',
  4815: 'rent_and_utilities.phone',
  4816: 'rent_and_utilities.internet_and_cable',
  4821: 'rent_and_utilities.phone', // telegraph
  4829: 'transfer_out.p2p_out', // money orders and wire transfers
  4899: 'rent_and_utilities.internet_and_cable',
  4900: 'rent_and_utilities.electricity_and_gas', // electric, gas, sanitary and water utilities

  5013: 'transportation.auto_service',
  5021: 'home_improvement.furniture',
  5039: 'home_improvement.hardware',
  5044: 'general_merchandise.office_supplies',
  5045: 'general_merchandise.electronics',
  5047: 'medical',
  5065: 'general_merchandise.electronics',
  5072: 'home_improvement.hardware',
  5074: 'home_improvement.hardware',
  5111: 'general_merchandise.office_supplies',
  5122: 'medical.pharmacy',
  5131: 'general_merchandise.books_and_hobbies', // piece goods and notions
  5137: 'general_merchandise.clothing',
  5139: 'general_merchandise.clothing',
  5172: 'transportation.fuel',
  5192: 'general_merchandise.books_and_hobbies',
  5198: 'home_improvement.hardware',

  5271: 'home_improvement', // mobile home dealers
  5309: 'general_merchandise', // duty free
  5310: 'general_merchandise.discount_stores',
  5311: 'general_merchandise.department_stores',
  5331: 'general_merchandise.discount_stores', // variety stores
  5399: 'general_merchandise',
  5462: 'food_and_drink.coffee', // bakeries
  5499: 'general_merchandise.convenience_stores',

  5531: 'transportation.auto_service',
  5532: 'transportation.auto_service',
  5533: 'transportation.auto_service',
  5541: 'transportation.fuel',
  5542: 'transportation.fuel',
  5641: 'general_merchandise.baby_and_kids',
  5655: 'general_merchandise.sporting_goods',
  5697: 'general_services', // tailors
  5722: 'home_improvement.furniture', // household appliances
  5732: 'general_merchandise.electronics',
  5733: 'general_merchandise.books_and_hobbies', // musical instruments
  5734: 'general_merchandise.electronics', // computer software
  5735: 'entertainment.music',

  5813: 'food_and_drink.bars',
  5814: 'food_and_drink.fast_food',
  5815: 'entertainment', // digital goods: media, books, movies, music
  5816: 'entertainment.gaming',
  5817: 'general_services.subscriptions_and_software',
  5818: 'general_services.subscriptions_and_software',
  5832: 'general_merchandise',

  5912: 'medical.pharmacy',
  5921: 'food_and_drink.bars', // package stores: beer, wine and liquor
  5931: 'general_merchandise.discount_stores', // used merchandise
  5940: 'general_merchandise.sporting_goods',
  5941: 'general_merchandise.sporting_goods',
  5942: 'general_merchandise.books_and_hobbies',
  5943: 'general_merchandise.office_supplies',
  5945: 'general_merchandise.books_and_hobbies', // hobby, toy and game shops
  5946: 'general_merchandise.electronics',
  5948: 'general_merchandise.clothing',
  5949: 'general_merchandise.books_and_hobbies',
  5960: 'general_services.insurance',
  5962: 'travel.travel_agencies',
  5964: 'general_merchandise.online_marketplaces',
  5965: 'general_merchandise.online_marketplaces',
  5968: 'general_services.subscriptions_and_software',
  5969: 'general_merchandise.online_marketplaces',
  5970: 'general_merchandise.books_and_hobbies',
  5972: 'general_merchandise.books_and_hobbies',
  5975: 'medical',
  5976: 'medical',
  5977: 'personal_care.hair_and_beauty',
  5978: 'general_merchandise.office_supplies',
  5983: 'rent_and_utilities.electricity_and_gas', // heating fuel
  5993: 'general_merchandise.convenience_stores', // cigar stores
  5994: 'general_merchandise.books_and_hobbies', // news dealers
  5995: 'general_merchandise.pet_supplies',
  5996: 'home_improvement.home_services', // swimming pools
  5997: 'general_merchandise.electronics',
  5998: 'home_improvement',

  6010: 'transfer_out.withdrawal',
  6011: 'transfer_out.withdrawal',
  6012: 'transfer_out',
  6051: 'transfer_out',
  6211: 'transfer_out.investment_transfer',
  6300: 'general_services.insurance',
  6381: 'general_services.insurance',
  6399: 'general_services.insurance',
  6513: 'rent_and_utilities.rent',

  7032: 'travel',
  7033: 'travel.hotels', // campgrounds
  7210: 'personal_care.laundry_and_dry_cleaning',
  7211: 'personal_care.laundry_and_dry_cleaning',
  7216: 'personal_care.laundry_and_dry_cleaning',
  7217: 'home_improvement.home_services',
  7221: 'general_services',
  7230: 'personal_care.hair_and_beauty',
  7251: 'general_services',
  7261: 'general_services',
  7273: 'general_services.subscriptions_and_software', // dating services
  7276: 'general_services.legal_and_accounting',
  7277: 'general_services',
  7278: 'general_services',
  7296: 'general_merchandise.clothing',
  7297: 'personal_care.hair_and_beauty', // massage
  7298: 'personal_care.hair_and_beauty', // health and beauty spas
  7299: 'general_services',
  7342: 'home_improvement.home_services',
  7349: 'home_improvement.home_services',
  7372: 'general_services.subscriptions_and_software',
  7375: 'general_services.subscriptions_and_software',
  7511: 'transportation.fuel', // truck stops
  7512: 'travel.car_rental',
  7513: 'home_improvement.moving_and_storage', // truck and trailer rentals
  7519: 'travel.car_rental',
  7523: 'transportation.parking_and_tolls',
  7631: 'general_services',
  7641: 'home_improvement.furniture',
  7692: 'general_services',

  7800: 'entertainment.casinos_and_betting',
  7801: 'entertainment.casinos_and_betting',
  7802: 'entertainment.casinos_and_betting',
  7829: 'entertainment.movies',
  7832: 'entertainment.movies',
  7841: 'entertainment.movies',
  7922: 'entertainment.events_and_tickets',
  7929: 'entertainment.events_and_tickets',
  7941: 'entertainment.events_and_tickets',
  7991: 'entertainment.events_and_tickets',
  7993: 'entertainment.gaming',
  7994: 'entertainment.gaming',
  7995: 'entertainment.casinos_and_betting',
  7996: 'entertainment.events_and_tickets',
  7997: 'personal_care.gyms_and_fitness',

  8011: 'medical.doctors',
  8021: 'medical.dental',
  8031: 'medical.doctors',
  8041: 'medical.doctors',
  8042: 'medical.vision',
  8043: 'medical.vision',
  8044: 'medical.vision',
  8049: 'medical.doctors',
  8062: 'medical.hospital',
  8111: 'general_services.legal_and_accounting',
  8211: 'general_services.education',
  8220: 'general_services.education',
  8241: 'general_services.education',
  8244: 'general_services.education',
  8249: 'general_services.education',
  8299: 'general_services.education',
  8351: 'general_services.childcare',
  8398: 'government_and_non_profit.donations',
  8641: 'government_and_non_profit.donations',
  8651: 'government_and_non_profit.donations',
  8661: 'government_and_non_profit.donations',
  8675: 'general_services.insurance', // automobile associations
  8931: 'general_services.legal_and_accounting',

  9311: 'government_and_non_profit.taxes',
  9402: 'general_services.postage_and_shipping',
  9700: 'general_services',
  9701: 'general_services',
  9702: 'general_services',
  9950: 'general_services',
};

/** Parses RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** The narrowest entry covering `code` (the entry itself, so that runs can compare identity). */
function narrowest(entries, code) {
  let best;
  for (const entry of entries) {
    const [low, high] = entry;
    if (code >= low && code <= high && (!best || high - low < best[1] - best[0])) best = entry;
  }
  return best;
}

function categoryOf(code) {
  if (CODES[code]) return { category: CODES[code], range: undefined };
  const range = narrowest(RANGES, code);
  if (range) return { category: range[2], range };
  const group = narrowest(GROUPS, code);
  if (group) return { category: group[2], range: undefined };
  throw new Error(`MCC ${code} is in no group`);
}

const pad = (code) => String(code).padStart(4, '0');
const clean = (s) => s.replace(/\s+/g, ' ').trim();

const rows = parseCsv(fs.readFileSync(input, 'utf8').replace(/^\uFEFF/, ''));
const header = rows.shift();
const mccColumn = header.indexOf('mcc');
const nameColumn = header.indexOf('edited_description');
if (mccColumn < 0 || nameColumn < 0) throw new Error(`${input}: expected the columns mcc and edited_description`);

const codes = new Map();
for (const row of rows) {
  const code = Number.parseInt(row[mccColumn], 10);
  if (!Number.isInteger(code)) throw new Error(`${input}: bad MCC ${JSON.stringify(row[mccColumn])}`);
  if (codes.has(code)) throw new Error(`${input}: duplicate MCC ${code}`);
  codes.set(code, clean(row[nameColumn] ?? ''));
}
const sorted = [...codes.keys()].sort((a, b) => a - b);

// Runs of consecutive codes (in code order) with the same category and the same explicit range.
const runs = [];
for (const code of sorted) {
  const { category, range } = categoryOf(code);
  const last = runs[runs.length - 1];
  if (last && last.category === category && last.range === range) last.codes.push(code);
  else runs.push({ category, range, codes: [code] });
}

const lines = [
  '// GENERATED FILE: do not edit by hand; change library/tools/generate-mcc.mjs and run it again.',
  '// Generated by library/tools/generate-mcc.mjs from mcc_codes.csv of greggles/mcc-codes',
  '// (https://github.com/greggles/mcc-codes, commit 16e8ab1, public domain under the Unlicense).',
  `// ${sorted.length} Merchant Category Codes, each covered by exactly one of the ${runs.length} rules below.`,
  '//',
  '//   node library/tools/generate-mcc.mjs ../shared/data/mcc_greggles/mcc_codes.csv',
  '',
  'package std.mcc',
  'import std.categories',
  '',
  '// The MCC fallback: used when no merchant rule matched the cleansed descriptor. A range covers',
  '// every code between its bounds, including codes that are not in the source list.',
  '',
];
let rules = 0;
for (const run of runs) {
  const first = run.codes[0];
  const lastCode = run.codes[run.codes.length - 1];
  let low = first;
  let high = lastCode;
  if (run.range) {
    // Use the explicit bounds only when no other code of the list falls inside them.
    const [rangeLow, rangeHigh] = run.range;
    const inside = sorted.filter((c) => c >= rangeLow && c <= rangeHigh);
    if (inside.length === run.codes.length) {
      low = rangeLow;
      high = rangeHigh;
    }
  }
  if (run.codes.length <= 6) {
    for (const code of run.codes) lines.push(`// ${pad(code)} ${codes.get(code)}`);
  } else {
    lines.push(`// ${run.codes.length} codes, ${pad(first)} ${codes.get(first)} … ${pad(lastCode)} ${codes.get(lastCode)}`);
  }
  lines.push(low === high ? `mcc ${low} => ${run.category}` : `mcc ${low}..${high} => ${run.category}`);
  lines.push('');
  rules++;
}

fs.writeFileSync(output, lines.join('\n').replace(/\n+$/, '\n'));
process.stdout.write(`${path.relative(process.cwd(), output)}: ${rules} rules for ${sorted.length} codes\n`);
