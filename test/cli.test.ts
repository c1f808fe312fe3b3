import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine } from '../compiler/duckdb.js';
import { diskWorkspace, sampleRules } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/kli.js', import.meta.url));

/** The real command, as a user runs it (the compiled dist/, built by `npm ci` or `npm run build`). */
function kli(args: string[], cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const transactions = `txn_id,customer_id,posted_date,amount,description,mcc
t1,c1,2025-05-02,812.40,HOME DEPOT #4521 ATLANTA GA,5200
t2,c1,2025-05-20,940.00,LOWES #1832,5200
t3,c2,2025-06-01,4.50,SQ *BLUE BOTTLE COFFE 1234 OAKLAND CA,5814
t4,c2,bad,5.10,SBUX 12345,5814
`;

function dataFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kli-cli-'));
  writeFileSync(join(folder, 'transactions.csv'), transactions);
  return folder;
}

describe('kli (the command)', () => {
  it('has --help on every command', () => {
    for (const command of ['check', 'compile', 'run', 'test', 'generate', 'demo', 'evaluate', 'fmt', 'lsp']) {
      const { code, stdout } = kli([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: kli ${command}`);
    }
  });

  it('check: prints every diagnostic as file:line:col and exits 1 on errors', () => {
    const root = diskWorkspace({
      'a.kli': 'package a\nkli k { when unknown_kli }\nkli j { window 0 days when count() > 1 }\n',
    });
    const { code, stderr } = kli(['check', root]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/a\.kli:2:14: error \[unknown-name\] unknown `unknown_kli`/);
    expect(stderr).toMatch(/a\.kli:3:16: error \[empty-window\]/);
    expect(stderr).toContain('2 errors, 0 warnings');
  });

  it('check --json: machine-readable diagnostics; exit 0 when clean', () => {
    const root = diskWorkspace({ 'rules.kli': sampleRules });
    const { code, stdout } = kli(['check', root, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('check: a folder without kli.json is a clear error', () => {
    const { code, stderr } = kli(['check', mkdtempSync(join(tmpdir(), 'kli-empty-'))]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no kli\.json/);
  });

  it('compile: one standalone script that DuckDB runs by itself', async () => {
    const root = diskWorkspace({ 'rules.kli': sampleRules });
    const data = dataFolder();
    const script = join(data, 'run.sql');
    const out = join(data, 'out');
    const { code } = kli([
      'compile',
      root,
      '-o',
      script,
      '--transactions',
      join(data, 'transactions.csv'),
      '--out',
      out,
      '--format',
      'csv',
    ]);
    expect(code).toBe(0);
    const sql = readFileSync(script, 'utf8');
    expect(sql).toContain('-- classify: match: exact > longest prefix');
    // Merchant patterns live once, as data in the rules table: never in a per-row CASE.
    expect(sql.split('BLUE BOTTLE').length - 1).toBe(1);
    const engine = await Engine.open();
    try {
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(out, 'audiences'), { recursive: true });
      await engine.exec(sql);
      const rows = await engine.rows(
        `SELECT txn_id, merchant FROM read_csv('${join(out, 'transactions.csv')}') ORDER BY txn_id`,
      );
      expect(rows).toEqual([
        { txn_id: 't1', merchant: 'home_depot' },
        { txn_id: 't2', merchant: 'lowes' },
        { txn_id: 't3', merchant: 'blue_bottle' },
      ]);
    } finally {
      engine.close();
    }
  });

  it('run: writes every output and prints the summary', () => {
    const root = diskWorkspace({ 'rules.kli': sampleRules });
    const data = dataFolder();
    const out = join(data, 'out');
    const { code, stdout } = kli([
      'run',
      root,
      '--transactions',
      join(data, '*.csv'),
      '--out',
      out,
      '--as-of',
      '2025-06-30',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/rows\s+4 read · 1 rejected \(see rejects\.csv\) · 3 classified and written/);
    expect(stdout).toMatch(/new_homeowner\s+50%\s+1/);
    expect(readdirSync(out).sort()).toEqual([
      'audiences',
      'customer_klis.parquet',
      'rejects.csv',
      'report.json',
      'segments.parquet',
      'transactions.parquet',
    ]);
    expect(readdirSync(join(out, 'audiences')).sort()).toEqual([
      'home_growth.csv',
      'lifestyle.caffeinated.csv',
      'lifestyle.homeowners.csv',
      'lifestyle.mainstream.csv',
    ]);
    expect(readFileSync(join(out, 'rejects.csv'), 'utf8')).toContain(
      'row 4,"unreadable posted_date ""bad""",t4,c2,bad,5.10,SBUX 12345,5814',
    );
  });

  it('run --json, and a clear error with exit 1 for a missing input', () => {
    const root = diskWorkspace({ 'rules.kli': sampleRules });
    const data = dataFolder();
    const ok = kli([
      'run',
      root,
      '--transactions',
      join(data, 'transactions.csv'),
      '--out',
      join(data, 'out'),
      '--json',
      '--format',
      'csv',
      '--memory-limit',
      '1GB',
      '--threads',
      '1',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).report.rows).toEqual({
      read: 4,
      rejected: 1,
      classified_input: 3,
      written: 3,
    });
    const unknownSource = kli([
      'run',
      root,
      '--source',
      'nope',
      '--transactions',
      join(data, 'transactions.csv'),
      '--out',
      join(data, 'out3'),
    ]);
    expect(unknownSource.code).toBe(1);
    expect(unknownSource.stderr).toMatch(/kli\.json:1:1: error \[unknown-name\] no source `nope`/);
    const badSize = kli([
      'run',
      root,
      '--transactions',
      join(data, 'transactions.csv'),
      '--out',
      join(data, 'out4'),
      '--memory-limit',
      '4 gigs',
    ]);
    expect(badSize.code).not.toBe(0);
    expect(badSize.stderr).toContain(
      "option '--memory-limit <size>' argument '4 gigs' is invalid. a size such as 4GB",
    );
    expect(existsSync(join(data, 'out4'))).toBe(false);
    const missing = kli(['run', root, '--transactions', join(data, 'nope.csv'), '--out', join(data, 'out2')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('transactions file not found');
    expect(existsSync(join(data, 'out2'))).toBe(false);
  });

  it('test --coverage: what no test exercises, and a threshold that fails CI', () => {
    const rules = `${sampleRules}
test "coffee" {
  transaction "SQ *BLUE BOTTLE COFFE 1234 OAKLAND CA" => merchant blue_bottle
  as_of 2025-06-30
  customer "c1" { txn 2025-06-01 "SBUX 1" 4 }
  expect "c1" not has new_homeowner
}`;
    const root = diskWorkspace({ 'rules.kli': rules });
    const { code, stdout } = kli(['test', root, '--coverage-threshold', '50']);
    expect(code).toBe(1);
    expect(stdout).toContain('merchants: 2/5 tested; untested: home_depot, lowes, acme_payroll');
    expect(stdout).toContain('KLIs: 1/3 tested; untested: payroll, coffee_lover');
    expect(stdout).toContain('segments: 0/4 tested');
    expect(stdout).toContain('coverage 25% is below the threshold 50%');
    const json = JSON.parse(kli(['test', root, '--coverage', '--json']).stdout);
    expect(json).toMatchObject({ ok: true, coverage: { percent: 25, klis: { covered: 1, total: 3 } } });
  });

  it('test: reports each test with its location; exit 1 when one fails', () => {
    const passing = `${sampleRules}
test "coffee" {
  transaction "SQ *BLUE BOTTLE COFFE 1234 OAKLAND CA" => merchant blue_bottle
}`;
    const ok = kli(['test', diskWorkspace({ 'rules.kli': passing })]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/✓ .*rules\.kli:\d+:1 coffee/);
    expect(ok.stdout).toContain('1 passed, 0 failed');
    const failing = passing.replace('=> merchant blue_bottle', '=> merchant starbucks');
    const bad = kli(['test', diskWorkspace({ 'rules.kli': failing })]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /✗ .*coffee\n\s+.*rules\.kli:\d+:3: "SQ \*BLUE BOTTLE COFFE 1234 OAKLAND CA": expected merchant starbucks; got merchant blue_bottle/,
    );
    expect(bad.stdout).toContain('0 passed, 1 failed');
  });
});
