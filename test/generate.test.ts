import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEHAVIOURS } from '../compiler/generate/behaviours.js';
import { BRAND_KEYS } from '../compiler/generate/brands.js';
import { generate, type GenerateSummary } from '../compiler/generate/generate.js';
import { CATEGORIES } from '../compiler/generate/taxonomy.js';

const root = mkdtempSync(join(tmpdir(), 'kli-generate-'));
const AS_OF = '2025-03-31';
const CUSTOMERS = 1200;
const MONTHS = 18;

let big: GenerateSummary;
let instance: DuckDBInstance;
let db: DuckDBConnection;

async function rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJson() as T[];
}

const csv = (file: string, columns: Record<string, string>) =>
  `read_csv('${file}', header = true, quote = '"', escape = '"', columns = ${JSON.stringify(columns).replace(/"/g, "'")})`;

/**
 * Each behaviour as SQL over the labelled transactions, per customer: `meets` is the planted
 * definition of README.md, `near` the promise about customers it is not planted on.
 */
const D = `DATE '${AS_OF}'`;
const hw = `category IN ('home_improvement.hardware', 'home_improvement.furniture') AND amount > 0`;
const fees = `category IN ('bank_fees.late_fee', 'bank_fees.overdraft', 'bank_fees.nsf')`;
/** Rows meeting `where` in the last `days` days, and between `from` and `to` days before. */
const last = (days: number, where: string) =>
  `count(*) FILTER (WHERE (${where}) AND posted_date >= ${D} - ${days})`;
const between = (from: number, to: number, where: string) =>
  `count(*) FILTER (WHERE (${where}) AND posted_date BETWEEN ${D} - ${from} AND ${D} - ${to})`;
const spent = (days: number, where: string) =>
  `coalesce(sum(amount) FILTER (WHERE (${where}) AND amount > 0 AND posted_date >= ${D} - ${days}), 0)`;
const premium = `category = 'general_services.insurance' AND merchant IS DISTINCT FROM 'kli_bank_insurance' AND amount >= 50`;
const weddingVendor = `merchant IN ('davids_bridal', 'the_knot', 'zola', 'weddingwire', 'minted', 'azazie')`;
const autoLoan = `category = 'loan_payments.auto_loan' AND amount > 0`;
const benefit = `merchant = 'ssa' AND amount < 0`;
const cash = `category = 'transfer_out.withdrawal' AND amount > 0`;
const brokerage = `category = 'transfer_out.investment_transfer' AND coalesce(merchant, '') <> '' AND amount > 0`;
const gym = `category = 'personal_care.gyms_and_fitness' AND amount > 0`;
const streaming = `category = 'entertainment.streaming' AND amount > 0`;
const bnpl = `merchant IN ('affirm', 'afterpay', 'klarna', 'zip_pay', 'sezzle') AND amount > 0`;
const mealKit = `merchant IN ('hellofresh', 'blue_apron', 'home_chef_meals', 'everyplate', 'green_chef') AND amount > 0`;
const eatingOut = `category IN ('food_and_drink.restaurants', 'food_and_drink.fast_food', 'food_and_drink.food_delivery')`;
const income90 = `coalesce(-sum(amount) FILTER (WHERE category IN ('income.payroll', 'income.gig_income', 'income.government_benefits')
  AND amount < 0 AND posted_date >= ${D} - 90), 0)`;
const spend90 = `coalesce(sum(amount) FILTER (WHERE amount > 0 AND category NOT LIKE 'transfer_out.%' AND posted_date >= ${D} - 90), 0)`;
const DEFINITIONS: Record<string, { meets: string; near: string }> = {
  payroll_direct_deposit: {
    meets: `count(*) FILTER (WHERE category = 'income.payroll' AND posted_date >= ${D} - 45) >= 2`,
    near: `count(*) FILTER (WHERE category = 'income.payroll') = 0`,
  },
  gig_worker: {
    meets: `count(*) FILTER (WHERE category = 'income.gig_income' AND posted_date >= ${D} - 90) >= 3`,
    near: `count(*) FILTER (WHERE category = 'income.gig_income') = 0`,
  },
  new_homeowner: {
    meets: `coalesce(sum(amount) FILTER (WHERE ${hw} AND posted_date >= ${D} - 90), 0) >= 2000
      AND coalesce(sum(amount) FILTER (WHERE ${hw} AND posted_date BETWEEN ${D} - 365 AND ${D} - 91), 0) <= 300`,
    near: `coalesce(max(hw_window), 0) < 600`,
  },
  mover: {
    meets: `count(*) FILTER (WHERE category = 'home_improvement.moving_and_storage' AND posted_date >= ${D} - 60) >= 1`,
    near: `count(*) FILTER (WHERE category = 'home_improvement.moving_and_storage' AND posted_date >= ${D} - 365) = 0`,
  },
  new_baby: {
    meets: `count(*) FILTER (WHERE category = 'general_merchandise.baby_and_kids' AND posted_date >= ${D} - 120) >= 3
      AND count(*) FILTER (WHERE category = 'general_merchandise.baby_and_kids' AND posted_date BETWEEN ${D} - 485 AND ${D} - 121) = 0`,
    near: `count(*) FILTER (WHERE category = 'general_merchandise.baby_and_kids' AND posted_date >= ${D} - 120) <= 1`,
  },
  frequent_traveler: {
    meets: `count(*) FILTER (WHERE category LIKE 'travel.%' AND posted_date >= ${D} - 180) >= 4`,
    near: `count(*) FILTER (WHERE category LIKE 'travel.%' AND posted_date >= ${D} - 180) <= 2`,
  },
  pet_owner: {
    meets: `count(*) FILTER (WHERE category IN ('general_merchandise.pet_supplies', 'medical.veterinary') AND posted_date >= ${D} - 180) >= 2`,
    near: `count(*) FILTER (WHERE category IN ('general_merchandise.pet_supplies', 'medical.veterinary')) = 0`,
  },
  competitor_mortgage: {
    meets: `count(*) FILTER (WHERE category = 'loan_payments.mortgage' AND merchant IS DISTINCT FROM 'kli_bank_mortgage' AND posted_date >= ${D} - 90) >= 2
      AND count(*) FILTER (WHERE merchant = 'kli_bank_mortgage') = 0`,
    near: `count(*) FILTER (WHERE category = 'loan_payments.mortgage' AND merchant IS DISTINCT FROM 'kli_bank_mortgage' AND posted_date >= ${D} - 90) = 0`,
  },
  competitor_credit_card: {
    meets: `count(*) FILTER (WHERE category = 'loan_payments.credit_card' AND merchant IS DISTINCT FROM 'kli_bank_card' AND posted_date >= ${D} - 90) >= 2`,
    near: `count(*) FILTER (WHERE category = 'loan_payments.credit_card' AND merchant IS DISTINCT FROM 'kli_bank_card') = 0`,
  },
  late_fee_payer: {
    meets: `count(*) FILTER (WHERE ${fees} AND posted_date >= ${D} - 180) >= 2`,
    near: `count(*) FILTER (WHERE ${fees} AND posted_date >= ${D} - 180) <= 1`,
  },
  dormant: {
    meets: `count(*) FILTER (WHERE posted_date >= ${D} - 60) = 0 AND count(*) >= 1`,
    near: `count(*) FILTER (WHERE posted_date >= ${D} - 60) >= 1`,
  },
  competitor_insurance: {
    meets: `${last(90, premium)} >= 2`,
    near: `${last(90, premium)} <= 1`,
  },
  wedding: {
    meets: `${last(180, weddingVendor)} >= 2`,
    near: `${last(180, weddingVendor)} = 0`,
  },
  new_car: {
    meets: `coalesce(sum(amount) FILTER (WHERE category = 'transportation.car_dealers' AND posted_date >= ${D} - 90), 0) >= 2000`,
    near: `${last(90, `category = 'transportation.car_dealers'`)} = 0
      AND (${last(120, autoLoan)} = 0 OR ${between(390, 121, autoLoan)} > 0 OR any_value(c.tenure_months) < 12)`,
  },
  college: {
    meets: `${spent(365, `category = 'general_services.education'`)} >= 1000`,
    near: `${spent(365, `category = 'general_services.education'`)} < 1000`,
  },
  retirement: {
    meets: `${last(120, benefit)} >= 1 AND ${between(485, 121, benefit)} = 0
      AND ${last(60, `category = 'income.payroll'`)} = 0`,
    near: `${last(120, benefit)} = 0 OR ${between(485, 121, benefit)} > 0`,
  },
  ev_driver: {
    meets: `${last(90, `category = 'transportation.ev_charging' AND amount > 0`)} >= 2`,
    near: `${last(90, `category = 'transportation.ev_charging' AND amount > 0`)} <= 1`,
  },
  affluent: {
    meets: `any_value(c.avg_balance) >= 25000`,
    near: `any_value(c.avg_balance) < 25000`,
  },
  rising_balance: {
    meets: `any_value(c.avg_balance) >= any_value(c.avg_balance_prior) * 1.25
      AND any_value(c.avg_balance) - any_value(c.avg_balance_prior) >= 2000`,
    near: `any_value(c.avg_balance) < any_value(c.avg_balance_prior) * 1.25
      OR any_value(c.avg_balance) - any_value(c.avg_balance_prior) < 2000`,
  },
  falling_balance: {
    meets: `any_value(c.avg_balance) <= any_value(c.avg_balance_prior) * 0.75
      AND any_value(c.avg_balance_prior) - any_value(c.avg_balance) >= 2000`,
    near: `any_value(c.avg_balance) > any_value(c.avg_balance_prior) * 0.75
      OR any_value(c.avg_balance_prior) - any_value(c.avg_balance) < 2000`,
  },
  digital_first: {
    meets: `any_value(c.digital_logins_90d) >= 45 AND ${last(90, cash)} <= 1`,
    near: `any_value(c.digital_logins_90d) < 45 OR ${last(90, cash)} >= 2`,
  },
  competitor_auto_loan: {
    meets: `${last(90, `${autoLoan} AND merchant IS DISTINCT FROM 'kli_bank_auto_loan'`)} >= 2`,
    near: `${last(90, `${autoLoan} AND merchant IS DISTINCT FROM 'kli_bank_auto_loan'`)} <= 1`,
  },
  competitor_student_loan: {
    meets: `${last(90, `category = 'loan_payments.student_loan' AND amount > 0`)} >= 2`,
    near: `${last(90, `category = 'loan_payments.student_loan' AND amount > 0`)} <= 1`,
  },
  competitor_brokerage: {
    meets: `${last(180, brokerage)} >= 2`,
    near: `${last(180, brokerage)} <= 1`,
  },
  fitness_enthusiast: {
    meets: `count(DISTINCT date_trunc('month', posted_date)) FILTER (WHERE ${gym} AND posted_date >= ${D} - 120) >= 3`,
    near: `${last(120, gym)} <= 2`,
  },
  streaming_heavy: {
    meets: `count(DISTINCT merchant) FILTER (WHERE ${streaming} AND posted_date >= ${D} - 60) >= 3`,
    near: `count(DISTINCT merchant) FILTER (WHERE ${streaming} AND posted_date >= ${D} - 60) <= 2`,
  },
  gamer: {
    meets: `${last(90, `category = 'entertainment.gaming' AND amount > 0`)} >= 3`,
    near: `${last(90, `category = 'entertainment.gaming' AND amount > 0`)} <= 2`,
  },
  bnpl_user: {
    meets: `${last(90, bnpl)} >= 2`,
    near: `${last(90, bnpl)} <= 1`,
  },
  home_chef: {
    meets: `${last(90, mealKit)} >= 2`,
    near: `${last(90, mealKit)} = 0 AND (${spent(90, `category = 'food_and_drink.groceries'`)} < 900
      OR ${spent(90, `category = 'food_and_drink.groceries'`)} < 3 * ${spent(90, eatingOut)})`,
  },
  paycheck_to_paycheck: {
    meets: `${income90} >= 3000 AND ${spend90} >= ${income90} * 0.95 AND any_value(c.avg_balance) < ${income90} / 6`,
    near: `NOT (${income90} >= 3000 AND ${spend90} >= ${income90} * 0.95 AND any_value(c.avg_balance) < ${income90} / 6)`,
  },
  disengaging: {
    meets: `${between(180, 91, 'true')} >= 20 AND ${last(90, 'true')} * 2 < ${between(180, 91, 'true')}
      AND ${last(60, 'true')} >= 1`,
    near: `NOT (${between(180, 91, 'true')} >= 20 AND ${last(90, 'true')} * 2 < ${between(180, 91, 'true')})
      OR ${last(60, 'true')} = 0`,
  },
};

beforeAll(async () => {
  const progress: number[] = [];
  big = await generate({
    customers: CUSTOMERS,
    months: MONTHS,
    seed: 7,
    out: join(root, 'big'),
    endDate: AS_OF,
    onProgress: (done) => progress.push(done),
  });
  expect(progress.at(-1)).toBe(CUSTOMERS);
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await db.run(
    `CREATE TABLE t AS SELECT * FROM ${csv(big.files.transactions, {
      txn_id: 'VARCHAR',
      customer_id: 'VARCHAR',
      posted_date: 'DATE',
      amount: 'DECIMAL(14,2)',
      description: 'VARCHAR',
      mcc: 'VARCHAR',
    })}`,
  );
  await db.run(
    `CREATE TABLE l AS SELECT * FROM ${csv(big.files.labels, { txn_id: 'VARCHAR', merchant: 'VARCHAR', category: 'VARCHAR' })}`,
  );
  await db.run(
    `CREATE TABLE c AS SELECT * FROM ${csv(big.files.customers, {
      customer_id: 'VARCHAR',
      avg_balance: 'DECIMAL(14,2)',
      avg_balance_prior: 'DECIMAL(14,2)',
      age: 'INTEGER',
      state: 'VARCHAR',
      tenure_months: 'INTEGER',
      products: 'VARCHAR',
      digital_logins_90d: 'INTEGER',
    })}`,
  );
  await db.run(
    `CREATE TABLE g AS SELECT * FROM ${csv(big.files.truth, { customer_id: 'VARCHAR', behaviour: 'VARCHAR' })}`,
  );
  await db.run(`CREATE TABLE x AS SELECT t.*, l.merchant, l.category FROM t JOIN l USING (txn_id)`);
  // Every behaviour's definition per customer, in one pass.
  const columns = Object.entries(DEFINITIONS)
    .map(([key, d]) => `(${d.meets}) AS "${key}_meets", (${d.near}) AS "${key}_near"`)
    .join(',\n');
  await db.run(`CREATE TABLE m AS
    WITH windows AS (
      SELECT *, CASE WHEN ${hw} THEN sum(amount) FILTER (WHERE ${hw}) OVER (
        PARTITION BY customer_id ORDER BY posted_date RANGE BETWEEN INTERVAL 90 DAYS PRECEDING AND CURRENT ROW) END AS hw_window
      FROM x)
    SELECT c.customer_id, ${columns} FROM c LEFT JOIN windows w USING (customer_id) GROUP BY c.customer_id`);
});

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  rmSync(root, { recursive: true, force: true });
});

describe('generate: reproducibility', () => {
  const files = ['customers.csv', 'transactions.csv', 'ground_truth.csv', 'labels.csv'];
  it('writes identical bytes for the same options and different data for another seed', async () => {
    const options = { customers: 150, months: 6, endDate: '2024-12-31' };
    await generate({ ...options, seed: 11, out: join(root, 'a') });
    await generate({ ...options, seed: 11, out: join(root, 'b') });
    await generate({ ...options, seed: 12, out: join(root, 'c') });
    for (const file of files) {
      expect(readFileSync(join(root, 'a', file)).equals(readFileSync(join(root, 'b', file))), file).toBe(
        true,
      );
    }
    expect(
      readFileSync(join(root, 'a', 'transactions.csv')).equals(
        readFileSync(join(root, 'c', 'transactions.csv')),
      ),
    ).toBe(false);
    expect(readdirSync(join(root, 'a')).sort()).toEqual([...files].sort());
  });
});

describe('generate: shape', () => {
  it('writes the documented headers', () => {
    const header = (path: string) => {
      const fd = openSync(path, 'r');
      const bytes = Buffer.alloc(200);
      const n = readSync(fd, bytes, 0, 200, 0);
      closeSync(fd);
      return bytes.toString('latin1', 0, n).split('\n')[0];
    };
    expect(header(big.files.customers)).toBe(
      'customer_id,avg_balance,avg_balance_prior,age,state,tenure_months,products,digital_logins_90d',
    );
    expect(header(big.files.transactions)).toBe('txn_id,customer_id,posted_date,amount,description,mcc');
    expect(header(big.files.truth)).toBe('customer_id,behaviour');
    expect(header(big.files.labels)).toBe('txn_id,merchant,category');
  });

  it('counts, ids, dates and labels are consistent', async () => {
    expect(big.customers).toBe(CUSTOMERS);
    expect(big.endDate).toBe(AS_OF);
    const [stats] = await rows<Record<string, string | number>>(`SELECT
      (SELECT count(*) FROM c) AS customers, (SELECT count(DISTINCT customer_id) FROM c) AS distinct_customers,
      (SELECT count(*) FROM t) AS txns, (SELECT count(DISTINCT txn_id) FROM t) AS distinct_txns,
      (SELECT count(*) FROM l) AS labels, (SELECT count(*) FROM x) AS labelled,
      (SELECT min(posted_date)::VARCHAR FROM t) AS first, (SELECT max(posted_date)::VARCHAR FROM t) AS last,
      (SELECT count(*) FROM t WHERE customer_id NOT IN (SELECT customer_id FROM c)) AS orphans,
      (SELECT count(*) FROM t WHERE NOT regexp_full_match(txn_id, 'T\\d{10}')) AS bad_ids,
      (SELECT count(*) FROM t WHERE mcc IS NOT NULL AND NOT regexp_full_match(mcc, '\\d{4}')) AS bad_mcc,
      (SELECT count(*) FROM c WHERE NOT regexp_full_match(customer_id, 'C\\d{6}')) AS bad_customer_ids,
      (SELECT count(*) FROM c WHERE NOT starts_with(products, 'checking')) AS no_checking,
      (SELECT count(*) FROM c WHERE avg_balance < 0 OR age < 18 OR length(state) <> 2) AS bad_customers,
      (SELECT count(*) FROM g WHERE customer_id NOT IN (SELECT customer_id FROM c)) AS truth_orphans`);
    expect(Number(stats!['customers'])).toBe(CUSTOMERS);
    expect(Number(stats!['distinct_customers'])).toBe(CUSTOMERS);
    expect(Number(stats!['txns'])).toBe(big.transactions);
    expect(Number(stats!['distinct_txns'])).toBe(big.transactions);
    expect(Number(stats!['labels'])).toBe(big.transactions);
    expect(Number(stats!['labelled'])).toBe(big.transactions);
    expect(stats!['first']! >= '2023-09-30').toBe(true);
    expect(stats!['last']).toBe(AS_OF);
    for (const key of [
      'orphans',
      'bad_ids',
      'bad_mcc',
      'bad_customer_ids',
      'no_checking',
      'bad_customers',
      'truth_orphans',
    ]) {
      expect(Number(stats![key]), key).toBe(0);
    }
    // 20-60 transactions a month for most customers.
    const [volume] = await rows<{ median: number }>(
      `SELECT median(n) AS median FROM (SELECT count(*) / ${MONTHS}.0 AS n FROM t GROUP BY customer_id)`,
    );
    expect(volume!.median).toBeGreaterThan(20);
    expect(volume!.median).toBeLessThan(60);
  });

  it('labels use the taxonomy and the brand catalogue', async () => {
    const categories = await rows<{ category: string }>(`SELECT DISTINCT category FROM l`);
    for (const { category } of categories) expect(CATEGORIES).toContain(category);
    const merchants = await rows<{ merchant: string }>(
      `SELECT DISTINCT merchant FROM l WHERE merchant IS NOT NULL`,
    );
    for (const { merchant } of merchants) expect(BRAND_KEYS).toContain(merchant);
    expect(merchants.length).toBeGreaterThan(150);
    const behaviours = await rows<{ behaviour: string }>(`SELECT DISTINCT behaviour FROM g`);
    expect(behaviours.map((b) => b.behaviour).sort()).toEqual(BEHAVIOURS.map((b) => b.key).sort());
  });

  it('follows the sign convention: positive is money out', async () => {
    const [signs] = await rows<Record<string, string>>(`SELECT
      count(*) FILTER (WHERE category IN ('income.payroll', 'income.gig_income', 'income.refunds', 'income.government_benefits',
        'income.interest_dividends') AND amount >= 0) AS income_out,
      count(*) FILTER (WHERE category LIKE 'transfer_in.%' AND amount >= 0) AS transfer_in_out,
      count(*) FILTER (WHERE (category LIKE 'transfer_out.%' OR category LIKE 'loan_payments.%' OR category LIKE 'bank_fees.%'
        OR category LIKE 'rent_and_utilities.%') AND amount <= 0) AS out_in,
      count(*) FILTER (WHERE mcc IS NOT NULL AND category <> 'income.refunds' AND amount <= 0) AS card_in,
      count(*) FILTER (WHERE category LIKE 'bank_fees.%' AND mcc IS NOT NULL) AS fee_mcc,
      count(*) FILTER (WHERE category = 'income.payroll' AND mcc IS NOT NULL) AS payroll_mcc
      FROM x`);
    for (const [key, value] of Object.entries(signs!)) expect(Number(value), key).toBe(0);
  });

  it('prints descriptors the way banks do', async () => {
    const [found] = await rows<Record<string, string>>(`SELECT
      count(*) FILTER (WHERE description LIKE 'SQ *%' OR description LIKE '%SQ *%') AS square,
      count(*) FILTER (WHERE description LIKE '%TST* %') AS toast,
      count(*) FILTER (WHERE description LIKE 'CHECKCARD ____ %') AS checkcard,
      count(*) FILTER (WHERE description LIKE 'PURCHASE AUTHORIZED ON __/__ %') AS authorized,
      count(*) FILTER (WHERE description LIKE '% DES:% ID:% INDN:% CO ID:%') AS ach,
      count(*) FILTER (WHERE description = 'KLI BANK MORTGAGE PMT') AS kli_mortgage,
      count(*) FILTER (WHERE description LIKE 'AMZN Mktp US*%' OR description LIKE '%AMZN Mktp US*%') AS amazon,
      count(*) FILTER (WHERE description LIKE 'ZELLE TO %') AS zelle,
      count(*) FILTER (WHERE description LIKE 'ATM WITHDRAWAL %') AS atm,
      count(*) FILTER (WHERE merchant IS NULL AND mcc IS NOT NULL) AS local_card,
      count(*) FILTER (WHERE regexp_matches(description, '[a-z]')) AS mixed_case
      FROM x`);
    for (const [key, value] of Object.entries(found!)) expect(Number(value), key).toBeGreaterThan(0);
    const [local] = await rows<{ share: number }>(
      `SELECT count(*) FILTER (WHERE merchant IS NULL) / count(*) AS share FROM x WHERE mcc IS NOT NULL AND amount > 0`,
    );
    expect(local!.share).toBeGreaterThan(0.04);
    expect(local!.share).toBeLessThan(0.14);
  });
});

describe('generate: planted behaviours', () => {
  it('documents exactly the planted behaviours', () => {
    expect(Object.keys(DEFINITIONS).sort()).toEqual(BEHAVIOURS.map((b) => b.key).sort());
  });

  for (const behaviour of BEHAVIOURS) {
    it(`${behaviour.key}: holds on planted customers, fails on the others`, async () => {
      const result = await rows<{ planted: boolean; meets: boolean; near: boolean; n: number }>(`
        SELECT customer_id IN (SELECT customer_id FROM g WHERE behaviour = '${behaviour.key}') AS planted,
          "${behaviour.key}_meets" AS meets, "${behaviour.key}_near" AS near, count(*)::INTEGER AS n
        FROM m GROUP BY ALL ORDER BY ALL`);
      const count = (planted: boolean, meets: boolean) =>
        result.filter((r) => r.planted === planted && r.meets === meets).reduce((a, r) => a + r.n, 0);
      const planted = count(true, true) + count(true, false);
      expect(planted).toBeGreaterThan(CUSTOMERS * behaviour.share * 0.5);
      expect(planted).toBeLessThan(CUSTOMERS * behaviour.share * 1.5 + 10);
      expect(count(true, false), 'planted customers failing the definition').toBe(0);
      expect(count(false, true), 'non-planted customers meeting the definition').toBe(0);
      const nearMisses = result.filter((r) => !r.planted && !r.near).reduce((a, r) => a + r.n, 0);
      expect(nearMisses, 'non-planted customers breaking the near-miss promise').toBe(0);
    });
  }
});
