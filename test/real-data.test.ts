import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../compiler/duckdb.js';
import { run, type RunReport } from '../compiler/run.js';

/** Public data nobody on this project wrote (../shared/data): it keeps the rules honest. */
const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const workspace = fileURLToPath(new URL('./fixtures/real-data/', import.meta.url));

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open();
});
afterAll(() => engine.close());

async function runSource(source: string, file: string): Promise<{ report: RunReport; out: string }> {
  const out = join(mkdtempSync(join(tmpdir(), `kli-${source}-`)), 'out');
  const result = await run({ workspace, source, transactions: [join(shared, file)], out, format: 'csv' });
  if (!result.ok) throw new Error(result.error ?? JSON.stringify(result.diagnostics));
  return { report: result.report, out };
}

async function classified(out: string): Promise<Map<string, Record<string, string>>> {
  const rows = await engine.rows<Record<string, string>>(
    `SELECT * FROM read_csv('${join(out, 'transactions.csv')}', all_varchar = true)`,
  );
  return new Map(rows.map((r) => [r['raw_description'] ?? '', r]));
}

describe('a South African bank statement (za_bank_assessment)', () => {
  it('reads every row or rejects it with the reason: dirty amounts are set aside, not dropped', async () => {
    const { report, out } = await runSource('za_statement', 'za_bank_assessment/data_transactions.csv');
    expect(report.rows).toEqual({ read: 451, rejected: 3, classified_input: 448, written: 448 });
    const rejects = await engine.rows<Record<string, string>>(
      `SELECT reason FROM read_csv('${join(out, 'rejects.csv')}', all_varchar = true) ORDER BY reason`,
    );
    expect(rejects.map((r) => r['reason'])).toEqual([
      'unreadable amount "470010 -0.80"',
      'unreadable amount "Bank -3.00"',
      'unreadable amount "Bank"',
    ]);
  });

  it('reads space-grouped amounts and flips the sign: money out is positive', async () => {
    const { out } = await runSource('za_statement', 'za_bank_assessment/data_transactions.csv');
    const rows = await engine.rows<Record<string, string>>(
      `SELECT amount::VARCHAR AS amount FROM read_csv('${join(out, 'transactions.csv')}', all_varchar = true) WHERE raw_description LIKE 'Rtc Express Pmt To Battlezone%'`,
    );
    expect(rows).toEqual([{ amount: '650.00' }]);
  });
});

describe("Plaid's sandbox users (plaid_sandbox_custom_users)", () => {
  it('reads all 637 rows; the blank template user’s empty row is rejected with its reason', async () => {
    const { report, out } = await runSource(
      'plaid_sandbox',
      'plaid_sandbox_custom_users/plaid_sandbox_transactions.csv',
    );
    expect(report.rows).toEqual({ read: 637, rejected: 1, classified_input: 636, written: 636 });
    const rejects = await engine.rows<Record<string, string>>(
      `SELECT * FROM read_csv('${join(out, 'rejects.csv')}', all_varchar = true)`,
    );
    expect(rejects).toMatchObject([
      { reason: 'unreadable posted_date (empty)', customer_id: 'blank_template_custom_sandbox_user.json' },
    ]);
    expect(report.customers).toBe(15);
  });

  it('classifies raw US descriptors through the standard library', async () => {
    const { out } = await runSource(
      'plaid_sandbox',
      'plaid_sandbox_custom_users/plaid_sandbox_transactions.csv',
    );
    const byDescriptor = await classified(out);
    const pick = (raw: string) => {
      const row = byDescriptor.get(raw);
      return row && { merchant: row['merchant'] ?? null, category: row['category'] };
    };
    expect(pick('McDonalds #3322')).toEqual({ merchant: 'mcdonalds', category: 'food_and_drink.fast_food' });
    expect(pick('Discover credit card payment')).toMatchObject({ category: 'loan_payments.credit_card' });
    expect(
      pick("PURCHASE AUTHORIZED ON  PAPA JOHN'S #0123 012-012-0123 TX S012345678901234 CARD 0123"),
    ).toMatchObject({ merchant: 'papa_johns' });
  });
});
