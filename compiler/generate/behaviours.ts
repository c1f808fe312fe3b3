/**
 * The planted behaviours: the ground truth of the generated data. Definitions are in README.md; every
 * window is relative to the end date (= as_of) and inclusive, as in the DSL: "the last N days" is
 * posted_date between as_of - N days and as_of.
 */

export interface Behaviour {
  key: string;
  /** Share of customers it is planted on, drawn independently per customer. */
  rate: number;
  /** Whether it can be planted on a dormant customer (one with nothing in the last 60 days). */
  withDormant: boolean;
  bit: number;
}

const rows: readonly (readonly [string, number, boolean])[] = [
  ['payroll_direct_deposit', 0.65, false],
  ['gig_worker', 0.08, false],
  ['new_homeowner', 0.05, false],
  ['mover', 0.04, false],
  ['new_baby', 0.04, false],
  ['frequent_traveler', 0.1, true],
  ['pet_owner', 0.2, true],
  ['competitor_mortgage', 0.06, false],
  ['competitor_credit_card', 0.15, false],
  ['late_fee_payer', 0.07, true],
  ['dormant', 0.05, true],
];

export const BEHAVIOURS: readonly Behaviour[] = rows.map(([key, rate, withDormant], i) => ({
  key,
  rate,
  withDormant,
  bit: 1 << i,
}));

export const PAYROLL = 1 << 0;
export const GIG = 1 << 1;
export const HOMEOWNER = 1 << 2;
export const MOVER = 1 << 3;
export const BABY = 1 << 4;
export const TRAVELER = 1 << 5;
export const PET = 1 << 6;
export const COMPETITOR_MORTGAGE = 1 << 7;
export const COMPETITOR_CARD = 1 << 8;
export const LATE_FEES = 1 << 9;
export const DORMANT = 1 << 10;

/** Behaviours that need activity in the last 60 days, so never go with `dormant`. */
export const NOT_WITH_DORMANT = BEHAVIOURS.filter((b) => !b.withDormant).reduce((m, b) => m | b.bit, 0);
