/**
 * Printing descriptors the way US banks do: compiled name templates, processor and wallet prefixes,
 * bank wrappers (`CHECKCARD 0412`, `PURCHASE AUTHORIZED ON 04/12`), trailing city and state, phone
 * numbers, card masks, truncation, mixed case, and ACH entries (`COMPANY DES:… ID:… INDN:… CO ID:… PPD`).
 */
import { hashString, type Rng } from './random.js';

// ---------------------------------------------------------------------------------------------
// Templates: `^` store digit (stable per seed), `!` random digit, `~` random letter or digit.

export type Template = readonly (string | number)[];
const STORE_DIGIT = 1;
const RANDOM_DIGIT = 2;
const RANDOM_ALNUM = 3;
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export function compileTemplate(text: string): Template {
  const parts: (string | number)[] = [];
  let literal = '';
  for (const ch of text) {
    const code = ch === '^' ? STORE_DIGIT : ch === '!' ? RANDOM_DIGIT : ch === '~' ? RANDOM_ALNUM : 0;
    if (code === 0) {
      literal += ch;
      continue;
    }
    if (literal) parts.push(literal);
    literal = '';
    parts.push(code);
  }
  if (literal) parts.push(literal);
  return parts;
}

/** Renders a template; `store` seeds the `^` digits so one store always prints the same number. */
export function renderTemplate(template: Template, rng: Rng, store: number): string {
  if (template.length === 1 && typeof template[0] === 'string') return template[0];
  let s = '';
  let x = store | 1;
  for (const part of template) {
    if (typeof part === 'string') s += part;
    else if (part === STORE_DIGIT) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      s += String.fromCharCode(48 + ((x >>> 0) % 10));
    } else if (part === RANDOM_DIGIT) s += String.fromCharCode(48 + (rng.u32() % 10));
    else s += ALNUM[rng.u32() % ALNUM.length];
  }
  return s;
}

/** A stable toll-free-looking number for a brand: `800-555-0199` style. */
export function phoneFor(key: string): string {
  const h = hashString(key);
  const area = ['800', '866', '877', '888', '855'][h % 5]!;
  const mid = 200 + ((h >>> 3) % 800);
  const end = (h >>> 13) % 10000;
  return `${area}-${mid}-${String(end).padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Places and people

export interface City {
  name: string;
  state: string;
  zip: string;
  weight: number;
  /** `OAKLAND CA` */
  label: string;
  /** A street for ATM descriptors. */
  street: string;
}

const CITY_ROWS: readonly [string, string, string, number, string][] = [
  ['NEW YORK', 'NY', '10001', 8, '5TH AVE'],
  ['BROOKLYN', 'NY', '11201', 4, 'ATLANTIC AVE'],
  ['LOS ANGELES', 'CA', '90012', 7, 'W SUNSET BLVD'],
  ['SAN FRANCISCO', 'CA', '94103', 3, 'MARKET ST'],
  ['OAKLAND', 'CA', '94612', 2, 'BROADWAY'],
  ['SAN JOSE', 'CA', '95113', 2.5, 'N 1ST ST'],
  ['SAN DIEGO', 'CA', '92101', 3, 'MISSION BLVD'],
  ['SACRAMENTO', 'CA', '95814', 1.5, 'J ST'],
  ['CHICAGO', 'IL', '60601', 6, 'N MICHIGAN AVE'],
  ['HOUSTON', 'TX', '77002', 5, 'MAIN ST'],
  ['DALLAS', 'TX', '75201', 4, 'ELM ST'],
  ['AUSTIN', 'TX', '78701', 3, 'CONGRESS AVE'],
  ['SAN ANTONIO', 'TX', '78205', 3, 'COMMERCE ST'],
  ['PHOENIX', 'AZ', '85004', 4, 'CENTRAL AVE'],
  ['TUCSON', 'AZ', '85701', 1.5, 'E SPEEDWAY BLVD'],
  ['PHILADELPHIA', 'PA', '19103', 4, 'CHESTNUT ST'],
  ['PITTSBURGH', 'PA', '15222', 1.5, 'LIBERTY AVE'],
  ['SEATTLE', 'WA', '98101', 3, 'PIKE ST'],
  ['DENVER', 'CO', '80202', 3, 'COLFAX AVE'],
  ['BOSTON', 'MA', '02108', 3, 'BOYLSTON ST'],
  ['ATLANTA', 'GA', '30303', 3.5, 'PEACHTREE ST'],
  ['MIAMI', 'FL', '33130', 3, 'BRICKELL AVE'],
  ['ORLANDO', 'FL', '32801', 2, 'ORANGE AVE'],
  ['TAMPA', 'FL', '33602', 2, 'KENNEDY BLVD'],
  ['JACKSONVILLE', 'FL', '32202', 2, 'BAY ST'],
  ['CHARLOTTE', 'NC', '28202', 2.5, 'TRYON ST'],
  ['RALEIGH', 'NC', '27601', 1.5, 'FAYETTEVILLE ST'],
  ['NASHVILLE', 'TN', '37203', 2, 'BROADWAY'],
  ['MEMPHIS', 'TN', '38103', 1.5, 'UNION AVE'],
  ['COLUMBUS', 'OH', '43215', 2, 'HIGH ST'],
  ['CLEVELAND', 'OH', '44113', 1.5, 'EUCLID AVE'],
  ['DETROIT', 'MI', '48226', 2, 'WOODWARD AVE'],
  ['MINNEAPOLIS', 'MN', '55401', 2, 'NICOLLET MALL'],
  ['ST LOUIS', 'MO', '63101', 1.5, 'MARKET ST'],
  ['KANSAS CITY', 'MO', '64106', 1.5, 'MAIN ST'],
  ['INDIANAPOLIS', 'IN', '46204', 2, 'MERIDIAN ST'],
  ['MILWAUKEE', 'WI', '53202', 1.5, 'WATER ST'],
  ['LAS VEGAS', 'NV', '89101', 2.5, 'LAS VEGAS BLVD'],
  ['PORTLAND', 'OR', '97204', 2, 'SW BROADWAY'],
  ['SALT LAKE CITY', 'UT', '84101', 1.5, 'STATE ST'],
  ['NEWARK', 'NJ', '07102', 1.5, 'BROAD ST'],
  ['JERSEY CITY', 'NJ', '07302', 1.5, 'NEWARK AVE'],
  ['BALTIMORE', 'MD', '21201', 2, 'CHARLES ST'],
  ['WASHINGTON', 'DC', '20001', 2.5, 'K ST NW'],
  ['RICHMOND', 'VA', '23219', 1.5, 'BROAD ST'],
  ['VIRGINIA BEACH', 'VA', '23451', 1.5, 'ATLANTIC AVE'],
  ['LOUISVILLE', 'KY', '40202', 1.5, 'MAIN ST'],
  ['NEW ORLEANS', 'LA', '70112', 1.5, 'CANAL ST'],
  ['OKLAHOMA CITY', 'OK', '73102', 1.5, 'N WALKER AVE'],
  ['ALBUQUERQUE', 'NM', '87102', 1.2, 'CENTRAL AVE'],
  ['OMAHA', 'NE', '68102', 1.2, 'DODGE ST'],
  ['BIRMINGHAM', 'AL', '35203', 1.2, '20TH ST N'],
  ['CHARLESTON', 'SC', '29401', 1, 'KING ST'],
  ['DES MOINES', 'IA', '50309', 1, 'GRAND AVE'],
  ['HARTFORD', 'CT', '06103', 1, 'MAIN ST'],
  ['HONOLULU', 'HI', '96813', 1, 'KING ST'],
];

export const CITIES: readonly City[] = CITY_ROWS.map(([name, state, zip, weight, street]) => ({
  name,
  state,
  zip,
  weight,
  label: `${name} ${state}`,
  street,
}));

export const FIRST_NAMES = [
  'JAMES',
  'MARY',
  'ROBERT',
  'PATRICIA',
  'JOHN',
  'JENNIFER',
  'MICHAEL',
  'LINDA',
  'DAVID',
  'ELIZABETH',
  'WILLIAM',
  'BARBARA',
  'RICHARD',
  'SUSAN',
  'JOSEPH',
  'JESSICA',
  'THOMAS',
  'SARAH',
  'CHRIS',
  'KAREN',
  'CARLOS',
  'MARIA',
  'DANIEL',
  'NANCY',
  'MATTHEW',
  'LISA',
  'ANTHONY',
  'BETTY',
  'MARK',
  'ASHLEY',
  'JOSE',
  'EMILY',
  'KEVIN',
  'AMANDA',
  'BRIAN',
  'MELISSA',
  'WEI',
  'PRIYA',
  'JUAN',
  'NGUYEN',
  'KENJI',
  'AISHA',
  'DEREK',
  'LATOYA',
  'OMAR',
  'FATIMA',
  'LUIS',
  'ANA',
  'TYLER',
  'HANNAH',
] as const;

export const LAST_NAMES = [
  'SMITH',
  'JOHNSON',
  'WILLIAMS',
  'BROWN',
  'JONES',
  'GARCIA',
  'MILLER',
  'DAVIS',
  'RODRIGUEZ',
  'MARTINEZ',
  'HERNANDEZ',
  'LOPEZ',
  'GONZALEZ',
  'WILSON',
  'ANDERSON',
  'THOMAS',
  'TAYLOR',
  'MOORE',
  'JACKSON',
  'MARTIN',
  'LEE',
  'PEREZ',
  'THOMPSON',
  'WHITE',
  'HARRIS',
  'SANCHEZ',
  'CLARK',
  'RAMIREZ',
  'LEWIS',
  'ROBINSON',
  'WALKER',
  'YOUNG',
  'ALLEN',
  'KING',
  'WRIGHT',
  'SCOTT',
  'TORRES',
  'NGUYEN',
  'HILL',
  'FLORES',
  'GREEN',
  'ADAMS',
  'NELSON',
  'BAKER',
  'HALL',
  'RIVERA',
  'CAMPBELL',
  'MITCHELL',
  'CARTER',
  'PATEL',
  'KIM',
  'CHEN',
  'OKAFOR',
  'COHEN',
  'MURPHY',
  "O'BRIEN",
  'SULLIVAN',
  'WASHINGTON',
  'SINGH',
  'WANG',
] as const;

// ---------------------------------------------------------------------------------------------
// Card descriptors

/** How the bank wraps card descriptors; chosen per customer (accounts inherited from mergers differ). */
export const CARD_PLAIN = 0;
export const CARD_CHECKCARD = 1;
export const CARD_AUTHORIZED = 2;
export const CARD_POS = 3;
export const CARD_DEBIT = 4;
export const CARD_MIXED = 5;

/** What a card row is. */
export const CARD_PURCHASE = 0;
export const CARD_RECURRING = 1;
export const CARD_RETURN = 2;

/** How ACH entries print. */
export const ACH_DES = 0;
export const ACH_SHORT = 1;
export const ACH_WF = 2;

export function titleCase(s: string): string {
  let out = '';
  let start = true;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const isLetter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    out += isLetter ? (start ? ch.toUpperCase() : ch.toLowerCase()) : ch;
    start = !isLetter && ch !== "'";
  }
  return out;
}

const DIGITS = '0123456789';

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += DIGITS[rng.u32() % 10];
  return s;
}

/** Per-customer printing state: the bank's card wrapper, the card's last four, the ACH name fields. */
export class Printer {
  rng!: Rng;
  cardStyle = CARD_PLAIN;
  achStyle = ACH_DES;
  last4 = '0000';
  /** INDN field as printed: `DOE JANE` or `JANE DOE`. */
  indn = '';
  /** Masked account reference shown in ACH IDs: `XXXXX1234`. */
  accountRef = '';

  /**
   * A card descriptor. `core` is the (possibly processor-prefixed) merchant name; `where` the store's
   * `CITY ST`; `md` and `mmdd` the authorisation date as `04/12` and `0412`; `mode` one of
   * CARD_PURCHASE, CARD_RECURRING or CARD_RETURN.
   */
  card(
    core: string,
    online: boolean,
    where: string,
    zip: string,
    phone: string,
    hq: string,
    md: string,
    mmdd: string,
    mode: number,
  ): string {
    const rng = this.rng;
    let s = core;
    if (!online && rng.u32() % 100 < 3) s = 'AplPay ' + s;
    // The merchant-name field of the card networks holds 22-25 characters.
    if (s.length > 25 && rng.u32() % 10 < 8) s = s.slice(0, 22 + (rng.u32() % 4)).trimEnd();
    const r = rng.u32() % 100;
    if (online) {
      if (r < 40) s += ' ' + phone;
      else if (r < 85 && hq) s += ' ' + hq;
    } else if (r < 80) {
      s += ' ' + where;
      if (rng.u32() % 100 < 12) s += ' ' + zip;
    } else if (r < 86) s += ' ' + where.slice(-2);
    let style = this.cardStyle;
    if (style === CARD_MIXED) style = rng.u32() % 5;
    if (mode === CARD_RETURN) {
      // Returns print without the purchase wrappers.
      if (style === CARD_AUTHORIZED)
        s = 'PURCHASE RETURN AUTHORIZED ON ' + md + ' ' + s + ' CARD ' + this.last4;
      else if (style === CARD_POS) s = 'POS RETURN ' + s;
      else if (style === CARD_DEBIT) s = 'DEBIT CARD RETURN - ' + s;
      return s;
    }
    switch (style) {
      case CARD_CHECKCARD:
        s = 'CHECKCARD ' + mmdd + ' ' + s;
        if (rng.u32() % 100 < 30) s += ' ' + digits(rng, 23);
        break;
      case CARD_AUTHORIZED:
        s =
          (mode === CARD_RECURRING ? 'RECURRING PAYMENT AUTHORIZED ON ' : 'PURCHASE AUTHORIZED ON ') +
          md +
          ' ' +
          s;
        if (rng.u32() % 100 < 60) s += ' S' + digits(rng, 15);
        s += ' CARD ' + this.last4;
        break;
      case CARD_POS:
        s = 'POS DEBIT ' + s;
        if (rng.u32() % 100 < 20) s += ' CARD ' + this.last4;
        break;
      case CARD_DEBIT:
        s = 'DEBIT CARD PURCHASE - ' + s;
        break;
      default:
        if (rng.u32() % 100 < 4) s += ' CARD ' + this.last4;
    }
    if (rng.u32() % 100 < 3) s = titleCase(s);
    return s;
  }

  /**
   * An ACH entry. An empty `des` prints the company text alone (`KLI BANK MORTGAGE PMT`,
   * `GUSTO PAY 123456`). `id` is the customer's id at the company; `sec` the SEC code.
   */
  ach(company: string, des: string, id: string, yymmdd: string, sec: string): string {
    if (!des) return company;
    switch (this.achStyle) {
      case ACH_SHORT:
        return company + ' ' + des + ' ' + id.slice(-6);
      case ACH_WF:
        return company + ' ' + des + ' ' + yymmdd + ' ' + id.slice(-8) + ' ' + this.indn;
      default: {
        const co = String(10000 + (hashString(company) % 90000));
        return `${company} DES:${des} ID:XXXXX${id.slice(-4)} INDN:${this.indn} CO ID:XXXXX${co} ${sec}`;
      }
    }
  }
}
