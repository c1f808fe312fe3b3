/** The category taxonomy of the generated labels: `primary.detailed`. */
export const TAXONOMY = {
  income: ['payroll', 'gig_income', 'interest_dividends', 'refunds', 'government_benefits', 'other_income'],
  transfer_in: ['p2p_in', 'account_transfer_in', 'deposit'],
  transfer_out: ['p2p_out', 'account_transfer_out', 'investment_transfer', 'withdrawal'],
  loan_payments: ['mortgage', 'auto_loan', 'credit_card', 'student_loan', 'personal_loan'],
  bank_fees: ['overdraft', 'nsf', 'late_fee', 'atm_fee', 'monthly_fee', 'foreign_transaction_fee'],
  entertainment: ['streaming', 'music', 'gaming', 'events_and_tickets', 'movies', 'casinos_and_betting'],
  food_and_drink: ['groceries', 'restaurants', 'fast_food', 'coffee', 'bars', 'food_delivery'],
  general_merchandise: [
    'superstores',
    'department_stores',
    'online_marketplaces',
    'electronics',
    'clothing',
    'sporting_goods',
    'pet_supplies',
    'baby_and_kids',
    'books_and_hobbies',
    'office_supplies',
    'convenience_stores',
    'discount_stores',
  ],
  home_improvement: ['hardware', 'furniture', 'home_services', 'moving_and_storage'],
  medical: ['pharmacy', 'doctors', 'dental', 'vision', 'hospital', 'veterinary'],
  personal_care: ['gyms_and_fitness', 'hair_and_beauty', 'laundry_and_dry_cleaning'],
  general_services: [
    'insurance',
    'childcare',
    'education',
    'real_estate',
    'legal_and_accounting',
    'postage_and_shipping',
    'subscriptions_and_software',
  ],
  government_and_non_profit: ['taxes', 'donations', 'government_services'],
  transportation: [
    'fuel',
    'rideshare',
    'public_transit',
    'parking_and_tolls',
    'auto_service',
    'car_dealers',
    'ev_charging',
  ],
  travel: ['airlines', 'hotels', 'car_rental', 'travel_agencies', 'cruises'],
  rent_and_utilities: ['rent', 'electricity_and_gas', 'water', 'internet_and_cable', 'phone', 'trash'],
} as const;

type Taxonomy = typeof TAXONOMY;
export type Primary = keyof Taxonomy;
export type Category = { [P in Primary]: `${P}.${Taxonomy[P][number]}` }[Primary];

/** Every category path, in taxonomy order. */
export const CATEGORIES: readonly Category[] = (Object.keys(TAXONOMY) as Primary[]).flatMap((p) =>
  TAXONOMY[p].map((d) => `${p}.${d}` as Category),
);
