import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../compiler/duckdb.js';
import { generate, type GenerateSummary } from '../compiler/generate/generate.js';
import { run, type RunReport } from '../compiler/run.js';
import { standardLibraryRoot } from '../language/workspace.js';

let engine: Engine;
let data: GenerateSummary;
let report: RunReport;
let out: string;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'kli-generated-'));
  data = await generate({ customers: 800, months: 15, seed: 2024, out: join(folder, 'data') });
  out = join(folder, 'out');
  const result = await run({
    workspace: standardLibraryRoot(),
    transactions: [data.files.transactions],
    customers: data.files.customers,
    out,
    format: 'parquet',
  });
  if (!result.ok) throw new Error(result.error ?? JSON.stringify(result.diagnostics));
  report = result.report;
  engine = await Engine.open();
});

afterAll(() => engine?.close());

describe('the standard library on generated data', () => {
  it('accounts for every generated row and classifies almost all of them', () => {
    expect(report.rows.read).toBe(data.transactions);
    expect(report.rows.rejected).toBe(0);
    expect(report.as_of).toBe(data.endDate);
    expect(report.coverage.classified_pct).toBeGreaterThanOrEqual(95);
  });

  it('agrees with the labelled category of each transaction', async () => {
    const [row] = await engine.rows<{ agree: number; total: number }>(`
      SELECT count(*) FILTER (WHERE t.category = l.category)::INTEGER AS agree, count(*)::INTEGER AS total
      FROM read_parquet('${join(out, 'transactions.parquet')}') t
      JOIN read_csv('${data.files.labels}', all_varchar = true) l USING (txn_id)`);
    expect(row?.total).toBe(data.transactions);
    expect((row?.agree ?? 0) / (row?.total ?? 1)).toBeGreaterThanOrEqual(0.95);
  });

  it('finds the planted behaviours: precision and recall of each KLI against the ground truth', async () => {
    const truth = await engine.rows<{ behaviour: string }>(
      `SELECT DISTINCT behaviour FROM read_csv('${data.files.truth}')`,
    );
    const behaviours = truth.map((t) => t.behaviour).sort();
    // Every KLI of the library has planted truth to be measured against.
    const klis = await engine.rows<{ column_name: string }>(
      `SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('${join(out, 'customer_klis.parquet')}'))
       WHERE column_type = 'BOOLEAN' ORDER BY 1`,
    );
    expect(behaviours).toEqual(klis.map((k) => k.column_name));
    const scores: Record<string, { precision: number; recall: number }> = {};
    for (const behaviour of behaviours) {
      const [counts] = await engine.rows<{ tp: number; fp: number; fn: number }>(`
        WITH predicted AS (SELECT customer_id FROM read_parquet('${join(out, 'customer_klis.parquet')}') WHERE "${behaviour}"),
             planted AS (SELECT customer_id FROM read_csv('${data.files.truth}', all_varchar = true) WHERE behaviour = '${behaviour}')
        SELECT (SELECT count(*) FROM predicted JOIN planted USING (customer_id))::INTEGER AS tp,
               (SELECT count(*) FROM predicted ANTI JOIN planted USING (customer_id))::INTEGER AS fp,
               (SELECT count(*) FROM planted ANTI JOIN predicted USING (customer_id))::INTEGER AS fn`);
      const { tp, fp, fn } = counts ?? { tp: 0, fp: 0, fn: 0 };
      scores[behaviour] = { precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn) };
    }
    for (const [behaviour, score] of Object.entries(scores)) {
      expect({ behaviour, ...score, ok: score.precision >= 0.9 && score.recall >= 0.9 }).toMatchObject({
        behaviour,
        ok: true,
      });
    }
  });
});
