/**
 * The planted behaviours: the ground truth of the generated data. Definitions are in README.md; every
 * window is relative to the end date (= as_of) and inclusive, as in the DSL: "the last N days" is
 * posted_date between as_of - N days and as_of.
 */

export interface Behaviour {
  key: string;
  /** Share of customers it is planted on, drawn independently per customer. */
  rate: number;
  /** The share that results, where not every draw can be planted (the customer must qualify). */
  share: number;
  /** Whether it can be planted on a dormant customer (one with nothing in the last 60 days). */
  withDormant: boolean;
  bit: number;
  /**
   * Which random stream decides it: 0 for the first eleven (drawn as they always were, so their
   * output did not change when more were added), 1 for the later ones, drawn from a second
   * stream per customer; 2 for those the background decides as it draws the customer's loans,
   * investments and memberships (their `rate` is the resulting share).
   */
  stream: number;
}

const rows: readonly (readonly [string, number, boolean, number?, number?])[] = [
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
  ['competitor_insurance', 0.3, false, 1],
  ['wedding', 0.03, false, 1],
  ['new_car', 0.04, false, 1],
  ['college', 0.04, false, 1],
  ['retirement', 0.03, false, 1],
  ['ev_driver', 0.06, false, 1],
  ['affluent', 0.06, false, 1],
  ['rising_balance', 0.06, false, 1],
  ['falling_balance', 0.06, true, 1],
  ['digital_first', 0.12, false, 1],
  ['competitor_auto_loan', 0.22, false, 2],
  ['competitor_student_loan', 0.1, false, 2],
  ['competitor_brokerage', 0.18, false, 2],
  ['fitness_enthusiast', 0.22, false, 2],
  ['streaming_heavy', 0.08, false, 1],
  ['gamer', 0.06, false, 1],
  ['bnpl_user', 0.06, false, 1],
  ['home_chef', 0.05, false, 1],
  ['paycheck_to_paycheck', 0.1, false, 1, 0.03],
  ['disengaging', 0.05, false, 1, 0.03],
];

export const BEHAVIOURS: readonly Behaviour[] = rows.map(([key, rate, withDormant, stream, share], i) => ({
  key,
  rate,
  share: share ?? rate,
  withDormant,
  bit: 1 << i,
  stream: stream ?? 0,
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
export const COMPETITOR_INSURANCE = 1 << 11;
export const WEDDING = 1 << 12;
export const NEW_CAR = 1 << 13;
export const COLLEGE = 1 << 14;
export const RETIREMENT = 1 << 15;
export const EV_DRIVER = 1 << 16;
export const AFFLUENT = 1 << 17;
export const RISING_BALANCE = 1 << 18;
export const FALLING_BALANCE = 1 << 19;
export const DIGITAL_FIRST = 1 << 20;
export const COMPETITOR_AUTO_LOAN = 1 << 21;
export const COMPETITOR_STUDENT_LOAN = 1 << 22;
export const COMPETITOR_BROKERAGE = 1 << 23;
export const FITNESS = 1 << 24;
export const STREAMING = 1 << 25;
export const GAMER = 1 << 26;
export const BNPL = 1 << 27;
export const HOME_CHEF = 1 << 28;
export const PAYCHECK = 1 << 29;
export const DISENGAGING = 1 << 30;

/** Behaviours that need activity in the last 60 days, so never go with `dormant`. */
export const NOT_WITH_DORMANT = BEHAVIOURS.filter((b) => !b.withDormant).reduce((m, b) => m | b.bit, 0);

/** The same, among the behaviours of the second stream only. */
export const LATER_NOT_WITH_DORMANT = BEHAVIOURS.filter((b) => !b.withDormant && b.stream > 0).reduce(
  (m, b) => m | b.bit,
  0,
);
