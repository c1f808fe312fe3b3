import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWorkspace } from '../compiler/compile.js';
import { generate } from '../compiler/generate/generate.js';
import { run } from '../compiler/run.js';
import { hasErrors } from '../language/diagnostics.js';

// The benchmark's synthetic library (bench/synthetic-library.mjs, which imports the built dist/).
const script = fileURLToPath(new URL('../bench/synthetic-library.mjs', import.meta.url));

function writeLibrary(dir: string) {
  const result = spawnSync(process.execPath, [script, '--out', dir], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

describe('the synthetic benchmark library', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'kli-synthetic-')), 'lib');
  beforeAll(() => writeLibrary(dir), 180_000);

  it('checks clean and has 10,000 merchant rules of every kind and 100 KLIs, some built on others', () => {
    const compiled = compileWorkspace(dir);
    expect(hasErrors(compiled.diagnostics)).toBe(false);
    const plan = compiled.plan!;
    expect(plan.rules.length + plan.regexRules.length).toBe(10_000);
    expect(new Set(plan.rules.map((r) => r.kind))).toEqual(new Set(['exact', 'prefix', 'contains']));
    expect(plan.regexRules.length).toBeGreaterThan(0);
    expect(plan.klis).toHaveLength(100);
    expect(plan.klis.some((k) => k.level > 0)).toBe(true);
  });

  it('classifies most of a freshly generated data set to its merchants, not all of it', async () => {
    const data = mkdtempSync(join(tmpdir(), 'kli-synthetic-data-'));
    await generate({ customers: 30, months: 12, seed: 7, out: data });
    const result = await run({
      workspace: dir,
      transactions: [join(data, 'transactions.csv')],
      customers: join(data, 'customers.csv'),
      out: join(data, 'out'),
      format: 'parquet',
      threads: 2,
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.report.coverage.merchant_pct).toBeGreaterThan(50);
    expect(result.report.coverage.merchant_pct).toBeLessThan(100);
  }, 120_000);

  it('is deterministic', () => {
    const again = join(mkdtempSync(join(tmpdir(), 'kli-synthetic-')), 'lib');
    writeLibrary(again);
    for (const file of ['klis.kli', 'merchants/m01.kli', 'merchants/m15.kli'])
      expect(readFileSync(join(again, file), 'utf8')).toBe(readFileSync(join(dir, file), 'utf8'));
  }, 180_000);
});
