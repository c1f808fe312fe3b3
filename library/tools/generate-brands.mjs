#!/usr/bin/env node
// Regenerates library/std/merchants/generated/*.kli from the npm package `name-suggestion-index`
// (NSI, https://github.com/osmlab/name-suggestion-index, BSD-3-Clause): the US brands whose NSI
// category maps to the std taxonomy (MAPPING below), skipping every brand that the reviewed,
// hand-written merchant files already define (by key, and by any pattern that a hand-written rule
// already matches), so `kli check` stays clean.
//
// The package is not a dependency of kli. Install it anywhere outside the project and pass its folder:
//
//   npm install --prefix /tmp/nsi name-suggestion-index
//   node library/tools/generate-brands.mjs /tmp/nsi/node_modules/name-suggestion-index
//
// The output depends only on the package version (named in every generated file's header).

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const std = join(here, '..', 'std');
const merchantsDir = join(std, 'merchants');
const outDir = join(merchantsDir, 'generated');

/** NSI `brands/<key>/<value>` → std category. Unlisted NSI categories are skipped. */
export const MAPPING = {
  'amenity/restaurant': 'food_and_drink.restaurants',
  'amenity/fast_food': 'food_and_drink.fast_food',
  'amenity/ice_cream': 'food_and_drink.fast_food',
  'amenity/cafe': 'food_and_drink.coffee',
  'shop/bakery': 'food_and_drink.coffee',
  'shop/pastry': 'food_and_drink.coffee',
  'amenity/bar': 'food_and_drink.bars',
  'amenity/pub': 'food_and_drink.bars',
  'shop/alcohol': 'food_and_drink.bars',
  'shop/beverages': 'food_and_drink.bars',
  'shop/supermarket': 'food_and_drink.groceries',
  'shop/greengrocer': 'food_and_drink.groceries',
  'shop/butcher': 'food_and_drink.groceries',
  'shop/deli': 'food_and_drink.groceries',
  'shop/frozen_food': 'food_and_drink.groceries',
  'shop/dairy': 'food_and_drink.groceries',
  'shop/spices': 'food_and_drink.groceries',
  'shop/tea': 'food_and_drink.groceries',
  'shop/chocolate': 'food_and_drink.groceries',
  'shop/confectionery': 'food_and_drink.groceries',
  'shop/convenience': 'general_merchandise.convenience_stores',
  'shop/e-cigarette': 'general_merchandise.convenience_stores',
  'shop/department_store': 'general_merchandise.department_stores',
  'shop/wholesale': 'general_merchandise.superstores',
  'shop/variety_store': 'general_merchandise.discount_stores',
  'shop/second_hand': 'general_merchandise.discount_stores',
  'shop/charity': 'general_merchandise.discount_stores',
  'shop/clothes': 'general_merchandise.clothing',
  'shop/shoes': 'general_merchandise.clothing',
  'shop/bag': 'general_merchandise.clothing',
  'shop/fashion_accessories': 'general_merchandise.clothing',
  'shop/jewelry': 'general_merchandise.clothing',
  'shop/watches': 'general_merchandise.clothing',
  'shop/electronics': 'general_merchandise.electronics',
  'shop/computer': 'general_merchandise.electronics',
  'shop/appliance': 'general_merchandise.electronics',
  'shop/vacuum_cleaner': 'general_merchandise.electronics',
  'shop/sports': 'general_merchandise.sporting_goods',
  'shop/outdoor': 'general_merchandise.sporting_goods',
  'shop/bicycle': 'general_merchandise.sporting_goods',
  'shop/pet': 'general_merchandise.pet_supplies',
  'amenity/animal_boarding': 'general_merchandise.pet_supplies',
  'shop/baby_goods': 'general_merchandise.baby_and_kids',
  'shop/toys': 'general_merchandise.baby_and_kids',
  'shop/books': 'general_merchandise.books_and_hobbies',
  'shop/gift': 'general_merchandise.books_and_hobbies',
  'shop/party': 'general_merchandise.books_and_hobbies',
  'shop/craft': 'general_merchandise.books_and_hobbies',
  'shop/art': 'general_merchandise.books_and_hobbies',
  'shop/frame': 'general_merchandise.books_and_hobbies',
  'shop/music': 'general_merchandise.books_and_hobbies',
  'shop/musical_instrument': 'general_merchandise.books_and_hobbies',
  'shop/photo': 'general_merchandise.books_and_hobbies',
  'shop/stationery': 'general_merchandise.office_supplies',
  'shop/copyshop': 'general_merchandise.office_supplies',
  'shop/hardware': 'home_improvement.hardware',
  'shop/doityourself': 'home_improvement.hardware',
  'shop/paint': 'home_improvement.hardware',
  'shop/trade': 'home_improvement.hardware',
  'shop/garden_centre': 'home_improvement.hardware',
  'shop/electrical': 'home_improvement.hardware',
  'shop/tiles': 'home_improvement.hardware',
  'shop/flooring': 'home_improvement.hardware',
  'shop/rental': 'home_improvement.hardware',
  'shop/plant_hire': 'home_improvement.hardware',
  'shop/furniture': 'home_improvement.furniture',
  'shop/bed': 'home_improvement.furniture',
  'shop/houseware': 'home_improvement.furniture',
  'shop/interior_decoration': 'home_improvement.furniture',
  'shop/kitchen': 'home_improvement.furniture',
  'shop/lighting': 'home_improvement.furniture',
  'shop/window_blind': 'home_improvement.furniture',
  'shop/carpet': 'home_improvement.furniture',
  'shop/pest_control': 'home_improvement.home_services',
  'craft/cleaning': 'home_improvement.home_services',
  'craft/plumber': 'home_improvement.home_services',
  'craft/electrician': 'home_improvement.home_services',
  'craft/painter': 'home_improvement.home_services',
  'craft/glaziery': 'home_improvement.home_services',
  'shop/storage_rental': 'home_improvement.moving_and_storage',
  'office/moving_company': 'home_improvement.moving_and_storage',
  'amenity/pharmacy': 'medical.pharmacy',
  'shop/chemist': 'medical.pharmacy',
  'shop/nutrition_supplements': 'medical.pharmacy',
  'shop/medical_supply': 'medical.pharmacy',
  'amenity/doctors': 'medical.doctors',
  'amenity/clinic': 'medical.doctors',
  'healthcare/laboratory': 'medical.doctors',
  'healthcare/physiotherapist': 'medical.doctors',
  'healthcare/counselling': 'medical.doctors',
  'shop/hearing_aids': 'medical.doctors',
  'amenity/dentist': 'medical.dental',
  'shop/optician': 'medical.vision',
  'amenity/veterinary': 'medical.veterinary',
  'leisure/fitness_centre': 'personal_care.gyms_and_fitness',
  'leisure/sports_centre': 'personal_care.gyms_and_fitness',
  'shop/beauty': 'personal_care.hair_and_beauty',
  'shop/hairdresser': 'personal_care.hair_and_beauty',
  'shop/cosmetics': 'personal_care.hair_and_beauty',
  'shop/perfumery': 'personal_care.hair_and_beauty',
  'shop/massage': 'personal_care.hair_and_beauty',
  'shop/hairdresser_supply': 'personal_care.hair_and_beauty',
  'shop/dry_cleaning': 'personal_care.laundry_and_dry_cleaning',
  'office/insurance': 'general_services.insurance',
  'amenity/kindergarten': 'general_services.childcare',
  'amenity/childcare': 'general_services.childcare',
  'amenity/prep_school': 'general_services.education',
  'amenity/school': 'general_services.education',
  'amenity/college': 'general_services.education',
  'amenity/university': 'general_services.education',
  'amenity/training': 'general_services.education',
  'amenity/language_school': 'general_services.education',
  'amenity/music_school': 'general_services.education',
  'office/estate_agent': 'general_services.real_estate',
  'office/tax_advisor': 'general_services.legal_and_accounting',
  'office/lawyer': 'general_services.legal_and_accounting',
  'amenity/post_office': 'general_services.postage_and_shipping',
  'amenity/parcel_locker': 'general_services.postage_and_shipping',
  'office/mortgage': 'loan_payments.mortgage',
  'shop/money_lender': 'loan_payments.personal_loan',
  'shop/pawnbroker': 'loan_payments.personal_loan',
  'amenity/money_transfer': 'transfer_out.p2p_out',
  'amenity/cinema': 'entertainment.movies',
  'shop/video_games': 'entertainment.gaming',
  'shop/games': 'entertainment.gaming',
  'tourism/theme_park': 'entertainment.events_and_tickets',
  'leisure/trampoline_park': 'entertainment.events_and_tickets',
  'leisure/escape_game': 'entertainment.events_and_tickets',
  'leisure/bowling_alley': 'entertainment.events_and_tickets',
  'leisure/miniature_golf': 'entertainment.events_and_tickets',
  'leisure/indoor_play': 'entertainment.events_and_tickets',
  'leisure/high_ropes_course': 'entertainment.events_and_tickets',
  'amenity/fuel': 'transportation.fuel',
  'shop/gas': 'transportation.fuel',
  'highway/services': 'transportation.fuel',
  'shop/car_repair': 'transportation.auto_service',
  'shop/tyres': 'transportation.auto_service',
  'shop/car_parts': 'transportation.auto_service',
  'shop/truck_repair': 'transportation.auto_service',
  'amenity/car_wash': 'transportation.auto_service',
  'shop/car': 'transportation.car_dealers',
  'shop/truck': 'transportation.car_dealers',
  'shop/caravan': 'transportation.car_dealers',
  'shop/boat': 'transportation.car_dealers',
  'amenity/charging_station': 'transportation.ev_charging',
  'man_made/charge_point': 'transportation.ev_charging',
  'tourism/hotel': 'travel.hotels',
  'tourism/motel': 'travel.hotels',
  'tourism/hostel': 'travel.hotels',
  'tourism/caravan_site': 'travel.hotels',
  'shop/travel_agency': 'travel.travel_agencies',
  'amenity/car_rental': 'travel.car_rental',
  'shop/mobile_phone': 'rent_and_utilities.phone',
  'shop/telecommunication': 'rent_and_utilities.phone',
};

/** A brand is American when its NSI location set includes the US or a US state. */
const american = (item) =>
  (item.locationSet?.include ?? []).some((c) => {
    const code = String(c).toLowerCase();
    return code === 'us' || code.startsWith('us-');
  });

/** Upper-cased, accents folded, quotes normalised; undefined if not plain ASCII afterwards. */
function pattern(name) {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
  return /^[A-Z0-9 '&.\-+!/]+$/.test(folded) ? folded : undefined;
}

const slug = (name) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'n_$1');

/** Words of a descriptor as the `contains` matcher sees them. */
const words = (s) => s.replace(/'/g, '').split(/[^A-Z0-9]+/).filter(Boolean);

/** The hand-written merchants: keys, and their exact/prefix/contains strings and regexes. */
function handWritten() {
  const keys = new Set();
  const prefixes = [];
  const contains = [];
  const exact = new Set();
  const regexes = [];
  const files = readdirSync(merchantsDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.kli') && !f.startsWith('generated'));
  for (const file of files) {
    const text = readFileSync(join(merchantsDir, file), 'utf8');
    for (const block of text.matchAll(/^merchant (\w+)[^{]*\{([\s\S]*?)^\}/gm)) {
      keys.add(block[1]);
      // Keyword rules for independent businesses (`contains "PIZZA"`) lose to any brand's prefix,
      // as they should: they do not stop a brand from being generated.
      if (file === 'generic.kli') continue;
      for (const rule of block[2].matchAll(/match (\w+) ([\s\S]*?)(?=\n\s*(?:match|category|description|owner|tags|since|deprecated)\b|\s*$)/g)) {
        const strings = [...rule[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1').toUpperCase());
        if (rule[1] === 'prefix') prefixes.push(...strings);
        else if (rule[1] === 'contains') contains.push(...strings);
        else if (rule[1] === 'exact') strings.forEach((s) => exact.add(s));
        else if (rule[1] === 'regex')
          for (const m of rule[2].matchAll(/\/((?:[^/\\\n]|\\.)+)\/(i?)/g)) {
            try {
              regexes.push(new RegExp(m[1], 'i'));
            } catch {
              // An RE2-only construct: cannot be checked here; `kli check` still guards conflicts.
            }
          }
      }
    }
  }
  return { keys, prefixes, contains, exact, regexes };
}

/** Would a hand-written rule already match a descriptor that starts with `p`, or claim `p` itself? */
function claimed(p, hand) {
  if (hand.exact.has(p)) return true;
  if (hand.prefixes.some((h) => p.startsWith(h) || h.startsWith(p))) return true;
  const pw = words(p);
  for (const c of hand.contains) {
    const cw = words(c);
    if (!cw.length) continue;
    for (let i = 0; i + cw.length <= pw.length; i++) if (cw.every((w, j) => pw[i + j] === w)) return true;
    // The brand's name is a word-prefix of a hand-written phrase: the longer contains wins there.
    if (cw.length > pw.length && pw.every((w, j) => cw[j] === w)) return true;
  }
  return hand.regexes.some((r) => r.test(p));
}

/** Too short or too generic to be a safe prefix on its own. */
const GENERIC = new Set([
  'EXPRESS', 'TARGET', 'JUSTICE', 'CHASE', 'SHELL', 'BANK', 'PUBLIC', 'CENTER', 'MARKET', 'SELECT',
  'STAPLES', 'ORIGINS', 'UNIQUE', 'PARTY CITY', 'GUESS', 'COACH', 'DRESS', 'BOOST', 'SPRING', 'FLOOR',
  'CITGO', 'THE', 'AMERICAN', 'NATIONAL', 'FIRST', 'UNITED', 'GENERAL', 'MAIN', 'CITY', 'STATE', 'PAYMENT',
  'TRANSFER', 'DEPOSIT', 'ONLINE', 'MOBILE', 'CHECK', 'CARD', 'DEBIT', 'CREDIT', 'SERVICE', 'SERVICES',
  'FOOD', 'PIZZA', 'BURGER', 'COFFEE', 'CAFE', 'DELI', 'GRILL', 'KITCHEN', 'BAR', 'PUB', 'GAS', 'FUEL',
  'SUPERMARKET', 'GROCERY', 'PHARMACY', 'HOTEL', 'MOTEL', 'INN', 'SUITES', 'FITNESS', 'GYM', 'SALON',
  'AUTO', 'TIRE', 'TIRES', 'HOME', 'HOUSE', 'STORE', 'SHOP', 'OUTLET', 'DEPOT', 'SUPPLY', 'RENTAL',
  // Brands named by an everyday word, a first name or a place: as a prefix they would claim
  // unrelated descriptors (`GATE` ⊂ `GATEWAY`, `PAUL` ⊂ `PAULA'S`, `IRVING TX`). Reviewed by hand.
  'ALICE', 'AMICI', 'AMIGO', 'AMIGOS', 'BRAVO', 'BRIO', 'BUONA', 'EARLS', 'FRANZ', 'FREDDO', 'GRIND',
  'ISLANDS', "JACK'S", 'JOEY', 'KINGS', 'LUCKY', 'NEAT', 'PAUL', 'PRESSED', 'PUEBLO', 'SHOPPERS', 'SWIG',
  'TWISTERS', 'UDON', 'WASABI', 'ADMIRAL', 'AVENUE', 'AWAY', 'CHAPTERS', 'DUCHESS', 'DYNAMITE', 'GARAGE',
  'HUDSON', 'ICING', 'INDIGO', 'JACKSONS', 'JIGSAW', 'KAHOOTS', 'LIVE!', 'LOFT', 'RAINBOW', 'REBEL',
  'REFUEL', 'ROSES', 'SHOWCASE', 'SIERRA', 'STINKER', 'WINDSOR', 'BENEFIT', 'FOLEY', 'BEACON', 'CRAWFORD',
  'CORT', 'RYDER', "MARC'S", 'RUMBLE', 'ASTRO', 'CERTIFIED', 'CLARK', 'FLYERS', 'GATE', 'GLOBAL', 'RHODES',
  'SHAMROCK', 'STRIPES', 'TOPS', 'ELEMENT', 'EDITION', 'GRADUATE', 'MOTTO', 'RAFFLES', 'TEMPO', 'INSTYLE',
  'ARCHE', 'EVERGREENS', 'MARGARITAS', 'PAVILIONS', 'SPANGLES', 'HARPS', 'TIMEWISE', 'TRUENORTH',
  'ONESOURCE', "MERCHANT'S", 'FASTBREAK', 'EXTRAMILE', 'BUMPERS', 'GOLDILOCKS', "IT'SUGAR", 'ZURICH',
  'HELE', 'FUSO', 'ONET', 'LINDE', 'ALON', 'PETRO', 'IRVING', 'CARROLL', 'KRIST', 'SOMA', 'CATO', 'MACU',
  'COSI', 'ALTITUDE', 'FABRIQUE', 'PERKINS', 'SANKALP', 'KIDO', 'APLUS', 'ARDENE', 'MAJE', 'NAOT', 'CALIDA',
  'DERIMOD', 'EVEREVE', 'COCCINELLE', 'LUMAS', 'WEMPE', 'XIOS', 'BELLSTORES', 'ANATOMIE', 'HAPIK',
  'SIGNIA', 'ONVO', 'IONNA', 'RIMAC', 'KOENIGSEGG', 'POLESTAR', 'NITORI', 'ENMARKET', 'CARSHOP', 'BRIGHTON',
]);

/** The std's `us_cities` list: a brand named like a city would claim local businesses of that city. */
function cities() {
  const text = readFileSync(join(std, 'locations.kli'), 'utf8');
  const list = /list us_cities[^{]*\{([\s\S]*?)\}/.exec(text)?.[1] ?? '';
  return new Set([...list.matchAll(/"([^"]+)"/g)].map((m) => m[1].toUpperCase()));
}

/** A single word like `KIM'S` or `JOE'S`: an owner's first name, shared by countless local shops. */
const possessiveName = (p) => /^[A-Z]{1,5}'?S$/.test(p) && p.includes("'");

function main() {
  const packageDir = process.argv[2];
  if (!packageDir || !existsSync(join(packageDir, 'dist', 'json', 'nsi.json'))) {
    console.error('usage: node library/tools/generate-brands.mjs <path to node_modules/name-suggestion-index>');
    process.exit(2);
  }
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const nsi = JSON.parse(readFileSync(join(packageDir, 'dist', 'json', 'nsi.json'), 'utf8')).nsi;
  const hand = handWritten();
  const cityNames = cities();
  const risky = (p) => GENERIC.has(p) || cityNames.has(p) || possessiveName(p);

  const taken = new Set(hand.keys);
  const takenPatterns = new Set();
  const wikidata = new Set();
  /** @type {Map<string, {key: string, name: string, nsi: string, category: string, patterns: string[], wikidata?: string}[]>} */
  const byPrimary = new Map();
  let considered = 0;
  const skipped = { category: 0, name: 0, hand: 0, duplicate: 0 };

  // Deterministic: NSI paths sorted, items in NSI order (sorted by id in the package).
  for (const path of Object.keys(nsi).sort()) {
    if (!path.startsWith('brands/')) continue;
    const nsiCategory = path.slice('brands/'.length);
    const items = [...nsi[path].items].sort((a, b) => a.id.localeCompare(b.id));
    for (const item of items) {
      if (!american(item)) continue;
      considered++;
      const category = MAPPING[nsiCategory];
      if (!category) {
        skipped.category++;
        continue;
      }
      const name = item.tags?.brand ?? item.tags?.name ?? item.displayName;
      const main = name && pattern(name);
      const qid = item.tags?.['brand:wikidata'];
      if (!main || main.replace(/[^A-Z0-9]/g, '').length < 4 || risky(main)) {
        skipped.name++;
        continue;
      }
      const key = slug(name);
      if (hand.keys.has(key) || claimed(main, hand)) {
        skipped.hand++;
        continue;
      }
      if (taken.has(key) || (qid && wikidata.has(qid)) || takenPatterns.has(main)) {
        skipped.duplicate++;
        continue;
      }
      const variants = new Set([main, main.replace(/'/g, ''), main.replace(/[!.]+$/, '')]);
      for (const alias of item.matchNames ?? []) {
        const p = pattern(alias);
        if (p && p.replace(/[^A-Z0-9]/g, '').length >= 4 && !risky(p)) variants.add(p);
      }
      const patterns = [...variants].filter((p) => !takenPatterns.has(p) && !claimed(p, hand));
      if (!patterns.length) {
        skipped.hand++;
        continue;
      }
      patterns.forEach((p) => takenPatterns.add(p));
      taken.add(key);
      if (qid) wikidata.add(qid);
      const primary = category.split('.')[0];
      if (!byPrimary.has(primary)) byPrimary.set(primary, []);
      byPrimary.get(primary).push({ key, name, nsi: nsiCategory, category, patterns, wikidata: qid });
    }
  }

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const quote = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  let total = 0;
  for (const primary of [...byPrimary.keys()].sort()) {
    const brands = byPrimary.get(primary).sort((a, b) => a.key.localeCompare(b.key));
    total += brands.length;
    const lines = [
      '// GENERATED FILE: do not edit. Regenerate with',
      '//   node library/tools/generate-brands.mjs <path to node_modules/name-suggestion-index>',
      `// from name-suggestion-index ${pkg.version} (https://github.com/osmlab/name-suggestion-index),`,
      '// Copyright name-suggestion-index contributors, BSD-3-Clause (see library/tools/NSI-LICENSE.md).',
      '// US brands whose NSI category maps to the std taxonomy; brands that the hand-written merchant',
      '// files already define are skipped. Reviewed rules belong in ../*.kli, which take precedence.',
      'package std.merchants',
      'import std.categories',
      '',
    ];
    for (const b of brands) {
      lines.push(`/// ${b.name} (NSI ${b.nsi}${b.wikidata ? `, ${b.wikidata}` : ''})`);
      lines.push(`merchant ${b.key} ${quote(b.name)} {`);
      lines.push(`  match prefix ${b.patterns.map(quote).join(', ')}`);
      lines.push(`  category ${b.category}`);
      lines.push('}', '');
    }
    writeFileSync(join(outDir, `${primary}.kli`), lines.join('\n'));
  }
  const license = join(packageDir, 'LICENSE.md');
  if (existsSync(license)) writeFileSync(join(here, 'NSI-LICENSE.md'), readFileSync(license, 'utf8'));
  console.log(
    `name-suggestion-index ${pkg.version}: ${considered} US brands, ${total} written to ${relative(process.cwd(), outDir)}/ ` +
      `(skipped: ${skipped.category} unmapped category, ${skipped.name} short or generic name, ` +
      `${skipped.hand} already hand-written, ${skipped.duplicate} duplicates)`,
  );
}

main();
