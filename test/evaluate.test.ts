import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  acceptedCategories,
  agrees,
  BUDGET_PARSER_MAPPING,
  descriptorOf,
  evaluate,
  formatEvaluation,
  formatEvaluationMarkdown,
  poolReal,
  summarise,
  US_STYLE_DATA_SETS,
  ZA_MAPPING,
  type EvaluateReport,
} from '../compiler/evaluate.js';
import { standardLibraryRoot } from '../language/workspace.js';

/**
 * A tiny hand-made labelled set in the layout of `kli generate`, whose figures are known:
 * 8 rows, 7 classified, 6 with the labelled category, 6 labelled with a merchant of which 5 match.
 */
const transactions = [
  [
    'T1',
    'C1',
    '2025-06-13',
    '-2500.00',
    'ACME CORP DES:PAYROLL ID:000123 INDN:DOE JANE CO ID:9876543 PPD',
    '',
  ],
  [
    'T2',
    'C1',
    '2025-06-27',
    '-2500.00',
    'ACME CORP DES:PAYROLL ID:000123 INDN:DOE JANE CO ID:9876543 PPD',
    '',
  ],
  ['T3', 'C1', '2025-06-20', '5.75', 'STARBUCKS STORE 1234 COLUMBUS OH', '5814'],
  ['T4', 'C2', '2025-06-27', '-2100.00', 'GUSTO PAY 123456', ''],
  ['T5', 'C2', '2025-06-01', '64.20', 'PETSMART # 1234 DENVER CO', '5995'],
  ['T6', 'C2', '2025-06-15', '89.00', 'CHEWY.COM 800-672-4399 FL', '5995'],
  ['T7', 'C3', '2025-06-30', '10.00', 'XYZZY PLUGH', ''],
  ['T8', 'C3', '2025-06-29', '54.20', 'KROGER #123 COLUMBUS OH', '5411'],
];
const labels = [
  ['T1', '', 'income.payroll'],
  ['T2', '', 'income.payroll'],
  ['T3', 'starbucks', 'food_and_drink.coffee'],
  ['T4', 'gusto', 'income.payroll'],
  ['T5', 'petsmart', 'general_merchandise.pet_supplies'],
  // The label disagrees with std on purpose: a category miss with a merchant hit.
  ['T6', 'chewy', 'general_merchandise.online_marketplaces'],
  // An unknown brand: a category miss and a merchant miss.
  ['T7', 'xyzzy', 'general_merchandise.discount_stores'],
  ['T8', 'kroger', 'food_and_drink.groceries'],
];
const truth = [
  ['C1', 'payroll_direct_deposit'],
  // C2 has one payroll credit only: a false negative.
  ['C2', 'payroll_direct_deposit'],
  // C3 buys no pet supplies and C2 does: a false negative and a false positive.
  ['C3', 'pet_owner'],
  ['C3', 'planted_without_a_kli'],
];

let report: EvaluateReport;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'kli-evaluate-test-'));
  const data = join(folder, 'data');
  mkdirSync(data);
  const csv = (header: string, rows: string[][]) =>
    `${header}\n${rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n')}\n`;
  writeFileSync(
    join(data, 'transactions.csv'),
    csv('txn_id,customer_id,posted_date,amount,description,mcc', transactions),
  );
  writeFileSync(join(data, 'labels.csv'), csv('txn_id,merchant,category', labels));
  writeFileSync(join(data, 'ground_truth.csv'), csv('customer_id,behaviour', truth));
  writeFileSync(
    join(data, 'customers.csv'),
    csv('customer_id,avg_balance,avg_balance_prior,age,state,tenure_months,products,digital_logins_90d', [
      ['C1', '1000.00', '1000.00', '30', 'OH', '24', 'checking', '10'],
      ['C2', '1000.00', '1000.00', '40', 'CO', '24', 'checking', '10'],
      ['C3', '1000.00', '1000.00', '50', 'OH', '24', 'checking', '10'],
    ]),
  );
  report = await evaluate({
    workspace: standardLibraryRoot(),
    data,
    real: false,
    workDir: join(folder, 'work'),
  });
}, 60_000);

describe('kli evaluate on a hand-made labelled set', () => {
  it('computes coverage, category accuracy and merchant accuracy against the labels', () => {
    const g = report.generated!;
    expect(g.transactions).toBe(8);
    expect(g.customers).toBe(3);
    expect(g.classified_pct).toBe(87.5);
    expect(g.category_accuracy_pct).toBe(75);
    expect(g.merchant_labelled).toBe(6);
    expect(g.merchant_accuracy_pct).toBe(83.33);
    expect(g.top_missed_merchants).toEqual([{ description: 'XYZZY PLUGH', transactions: 1 }]);
    expect(g.top_unmatched).toEqual([{ description: 'XYZZY PLUGH', transactions: 1 }]);
  });

  it('computes precision and recall of each KLI against the planted truth', () => {
    const g = report.generated!;
    expect(g.klis).toEqual([
      {
        kli: 'payroll_direct_deposit',
        planted: 2,
        predicted: 1,
        tp: 1,
        fp: 0,
        fn: 1,
        precision: 1,
        recall: 0.5,
      },
      { kli: 'pet_owner', planted: 1, predicted: 1, tp: 0, fp: 1, fn: 1, precision: 0, recall: 0 },
    ]);
    expect(g.unscored).toEqual(['planted_without_a_kli']);
    // Every other std KLI has no planted behaviour in this tiny set, and is listed as such.
    expect(g.unmeasured).toContain('wedding');
    expect(g.unmeasured).not.toContain('pet_owner');
  });

  it('notes that the real data was skipped and prints a table', () => {
    expect(report.real).toEqual([]);
    expect(report.real_us_pooled).toBeNull();
    expect(report.notes).toEqual(['real data skipped (--no-real)']);
    const text = formatEvaluation(report);
    expect(text).toContain('category accuracy      75%');
    expect(text).toMatch(/payroll_direct_deposit\s+2\s+1\s+1\s+0\s+1\s+1\.000\s+0\.500/);
  });

  it('prints the same figures as Markdown tables', () => {
    const markdown = formatEvaluationMarkdown(report);
    expect(markdown).toContain('| category accuracy (vs labels.csv) | 75 % |');
    expect(markdown).toContain('| `payroll_direct_deposit` | 2 | 1 | 1 | 0 | 1 | 1.000 | 0.500 |');
    expect(markdown).toContain('| `XYZZY PLUGH` | 1 |');
    expect(markdown).toMatch(/KLIs without planted truth: .*`wedding`/);
  });
});

describe('label mappings of the real data sets', () => {
  it('accepts a category under a mapped path, with Category/* as the fallback', () => {
    expect(acceptedCategories(BUDGET_PARSER_MAPPING, 'Food/Groceries')).toEqual(['food_and_drink.groceries']);
    expect(acceptedCategories(BUDGET_PARSER_MAPPING, 'Entertainment/Concerts')).toEqual(['entertainment']);
    expect(acceptedCategories(BUDGET_PARSER_MAPPING, 'Misc/Misc')).toBeNull();
    expect(acceptedCategories(ZA_MAPPING, 'Nothing like it')).toBeUndefined();
    expect(agrees('entertainment.movies', ['entertainment'])).toBe(true);
    expect(agrees('entertainment_extra', ['entertainment'])).toBe(false);
  });

  it("reads the budget-parser's regex fragments as the text they match", () => {
    expect(descriptorOf("Sq \\*molly's courtyard")).toBe("Sq *molly's courtyard");
    expect(descriptorOf('Samsclub .* gas')).toBe('Samsclub gas');
    expect(descriptorOf('H&amp; M')).toBe('H& M');
    expect(descriptorOf('Hobby[s-]lobby')).toBe('Hobby-lobby');
    expect(descriptorOf('Colou[ru]r')).toBe('Colourr');
  });

  it('summarises coverage and agreement, skipping labels that say nothing', () => {
    const rows = [
      {
        txn_id: 'a',
        raw_description: 'ALDI 1',
        description: 'ALDI',
        merchant: 'aldi',
        category: 'food_and_drink.groceries',
      },
      {
        txn_id: 'b',
        raw_description: 'CAFE 2',
        description: 'CAFE',
        merchant: null,
        category: 'uncategorized',
      },
      {
        txn_id: 'c',
        raw_description: 'CAFE 3',
        description: 'CAFE',
        merchant: null,
        category: 'uncategorized',
      },
      {
        txn_id: 'd',
        raw_description: 'MISC',
        description: 'MISC',
        merchant: null,
        category: 'uncategorized',
      },
    ];
    const labels = new Map([
      ['a', 'Food/Groceries'],
      ['b', 'Food/Eating Out'],
      ['c', 'Food/Eating Out'],
      ['d', 'Misc/Misc'],
    ]);
    const summary = summarise('t', 'test', rows, labels, 5, BUDGET_PARSER_MAPPING);
    expect(summary).toMatchObject({
      rows: 4,
      classified_pct: 25,
      merchant_pct: 25,
      labelled: 3,
      agreement_pct: 33.33,
      top_unmatched: [
        { description: 'CAFE', transactions: 2 },
        { description: 'MISC', transactions: 1 },
      ],
    });
    expect(summary.top_disagreements).toHaveLength(2);
  });
});

describe('the pooled real US-style line', () => {
  const row = (txn_id: string, category: string, merchant: string | null) => ({
    txn_id,
    raw_description: txn_id,
    description: txn_id,
    merchant,
    category,
  });
  // 4 rows, 3 classified, 2 with a merchant; and 1 row, unclassified: pooled 3 of 5 and 2 of 5.
  const plaid = summarise(
    'plaid_sandbox',
    'p',
    [
      row('a', 'food_and_drink.groceries', 'aldi'),
      row('b', 'food_and_drink.coffee', 'starbucks'),
      row('c', 'food_and_drink.restaurants', null),
      row('d', 'uncategorized', null),
    ],
    new Map(),
    5,
  );
  const rules = summarise('budget_parser_rules', 'b', [row('e', 'uncategorized', null)], new Map(), 5);
  const za = summarise('za_bank_assessment', 'z', [row('f', 'bank_fees.nsf', null)], new Map(), 5);

  it('counts the sets row by row, not as an average of their percentages', () => {
    expect(poolReal([plaid, rules, za], US_STYLE_DATA_SETS)).toEqual({
      name: 'real US-style (plaid_sandbox + budget_parser_rules)',
      data_sets: ['plaid_sandbox', 'budget_parser_rules'],
      rows: 5,
      classified_pct: 60,
      merchant_pct: 40,
    });
    expect(poolReal([plaid, za], US_STYLE_DATA_SETS)).toBeNull();
  });

  it('is printed under the per-set lines, in text and in Markdown', () => {
    const real = [plaid, rules, za];
    const pooledReport: EvaluateReport = {
      workspace: 'std',
      generated: null,
      real,
      real_us_pooled: poolReal(real, US_STYLE_DATA_SETS),
      notes: [],
    };
    const text = formatEvaluation(pooledReport);
    expect(text).toMatch(/plaid_sandbox\s+4\s+75%\s+50%/);
    expect(text).toMatch(/budget_parser_rules\s+1\s+0%\s+0%/);
    expect(text).toMatch(/real US-style \(plaid_sandbox \+ budget_parser_rules\)\s+5\s+60%\s+40%/);
    expect(formatEvaluationMarkdown(pooledReport)).toContain(
      '| real US-style (`plaid_sandbox` + `budget_parser_rules`) | 5 | 60 % | 40 % | — | — |',
    );
  });
});
