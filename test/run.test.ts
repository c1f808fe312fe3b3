import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../compiler/duckdb.js';
import { run, type RunOptions, type RunReport } from '../compiler/run.js';
import { diskWorkspace, sampleRules } from './helpers.js';

const transactionsCsv = `txn_id,customer_id,posted_date,amount,description,mcc
t1,c1,2025-05-02,812.40,HOME DEPOT #4521 ATLANTA GA,5200
t2,c1,2025-05-20,940.00,LOWES #1832,5200
t3,c1,2025-06-01,4.50,SQ *BLUE BOTTLE COFFE 1234 OAKLAND CA,5814
t4,c1,2025-06-20,5.10,SBUX 12345,5814
t5,c2,2025-04-01,100.00,THE HOME DEPOT,5200
t6,c2,2025-06-28,-2500.00,ACME PAYROLL PPD,
t7,c2,2025-06-13,-2500.00,ACME PAYROLL PPD,
t8,c2,2025-06-29,23.00,JOES DINER,5812
t9,c3,2025-04-01,1600.00,HOME DEPOT,5200
t10,c3,2025-06-29,12.00,MYSTERY SHOP,
t11,c4,not a date,10.00,STARBUCKS,5814
t12,c4,2025-06-01,ten dollars,STARBUCKS,5814
t13,,2025-06-01,1.00,STARBUCKS,5814
t14,c5,2025-06-30,1.00,"QUOTED, WITH COMMA",abc
t15,c5,2025-06-30,2.00,STARBUCKS,5814,extra
t16,c5,2025-07-01,2000.00,HOME DEPOT,5200
`;

const customersCsv = `customer_id,avg_balance,products
c1,12000,checking;savings
c2,300,checking;heloc
c3,9000,checking
c6,50000,checking
`;

/** A run that must succeed: its report, or the reason it failed as the test's error. */
async function runOk(options: RunOptions) {
  const result = await run(options);
  if (!result.ok) throw new Error(result.error ?? JSON.stringify(result.diagnostics));
  return result;
}

let folder: string;
let workspace: string;
let report: RunReport;
let engine: Engine;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'kli-run-'));
  workspace = diskWorkspace({ 'rules.kli': sampleRules });
  writeFileSync(join(folder, 'transactions.csv'), transactionsCsv);
  writeFileSync(join(folder, 'customers.csv'), customersCsv);
  const result = await runOk({
    workspace,
    transactions: [join(folder, 'transactions.csv')],
    customers: join(folder, 'customers.csv'),
    asOf: '2025-06-30',
    out: join(folder, 'out'),
    format: 'csv',
  });
  report = result.report;
  engine = await Engine.open();
});

afterAll(() => engine?.close());

const read = (file: string) =>
  engine.rows<Record<string, string>>(
    `SELECT * FROM read_csv('${join(folder, 'out', file)}', all_varchar = true)`,
  );

describe('kli run', () => {
  it('accounts for every row: rows in = rows out + rows rejected', async () => {
    expect(report.rows).toEqual({ read: 16, rejected: 5, classified_input: 11, written: 11 });
    const rejects = await read('rejects.csv');
    expect(rejects.map((r) => r['reason']).sort()).toEqual([
      'TOO MANY COLUMNS: Expected Number of Columns: 6 Found: 7',
      'missing customer_id',
      'unreadable amount "ten dollars"',
      'unreadable mcc "abc"',
      'unreadable posted_date "not a date"',
    ]);
    expect((await read('transactions.csv')).length).toBe(11);
  });

  it('classifies with the specified precedence and records the rule that decided', async () => {
    const rows = await read('transactions.csv');
    const byId = Object.fromEntries(rows.map((r) => [r['txn_id'], r]));
    expect(byId['t1']).toMatchObject({
      description: 'HOME DEPOT',
      merchant: 'home_depot',
      category: 'home.hardware',
      match_kind: 'contains',
    });
    expect(byId['t1']?.['matched_rule']).toMatch(/^ws\/rules\.kli:\d+$/);
    expect(byId['t2']).toMatchObject({ merchant: 'lowes', match_kind: 'regex' });
    expect(byId['t3']).toMatchObject({
      description: 'BLUE BOTTLE COFFE',
      merchant: 'blue_bottle',
      match_kind: 'prefix',
    });
    expect(byId['t8']).toMatchObject({
      merchant: null,
      category: 'food_and_drink.restaurants',
      match_kind: 'mcc',
    });
    expect(byId['t10']).toMatchObject({
      merchant: null,
      category: 'uncategorized',
      match_kind: 'none',
      matched_rule: null,
    });
  });

  it('computes KLIs over inclusive windows, with 0 and false for customers without transactions', async () => {
    const klis = Object.fromEntries((await read('customer_klis.csv')).map((r) => [r['customer_id'], r]));
    expect(klis['c1']).toMatchObject({
      new_homeowner: 'true',
      new_homeowner_score: '0.3505',
      coffee_lover: 'true',
      payroll: 'false',
    });
    expect(klis['c2']).toMatchObject({ new_homeowner: 'false', new_homeowner_score: '0.0', payroll: 'true' });
    // 2025-04-01 is exactly 90 days before as_of: inside the window.
    expect(klis['c3']).toMatchObject({ new_homeowner: 'true' });
    // c5's Home Depot spend is after as_of, so it does not count.
    expect(klis['c5']).toMatchObject({ new_homeowner: 'false' });
    expect(klis['c6']).toMatchObject({ new_homeowner: 'false', coffee_lover: 'false', payroll: 'false' });
    expect(Object.keys(klis).sort()).toEqual(['c1', 'c2', 'c3', 'c5', 'c6']);
  });

  it('puts customers in segments and exactly one member of each exclusive segmentation', async () => {
    const segments = await read('segments.csv');
    const members = (segment: string) =>
      segments
        .filter((s) => s['segment'] === segment)
        .map((s) => s['customer_id'])
        .sort();
    expect(members('home_growth')).toEqual(['c1', 'c3']);
    expect(members('lifestyle.homeowners')).toEqual(['c1', 'c3']);
    expect(members('lifestyle.mainstream')).toEqual(['c2', 'c5', 'c6']);
    expect(segments.filter((s) => s['segmentation'] === 'lifestyle').length).toBe(5);
    expect(JSON.parse(segments.find((s) => s['segment'] === 'home_growth')?.['action'] ?? '{}')).toEqual({
      offer: 'HELOC',
      channel: 'email',
    });
    const audience = readFileSync(join(folder, 'out', 'audiences', 'home_growth.csv'), 'utf8');
    expect(audience).toBe('customer_id,offer,channel\nc1,HELOC,email\nc3,HELOC,email\n');
  });

  it('writes a report with coverage, unmatched descriptors, prevalence and segment sizes', () => {
    const written = JSON.parse(readFileSync(join(folder, 'out', 'report.json'), 'utf8')) as RunReport;
    expect(written.as_of).toBe('2025-06-30');
    expect(written.coverage.classified_pct).toBe(Math.round((10 / 11) * 10000) / 100);
    expect(written.coverage.top_unmatched).toEqual([{ description: 'MYSTERY SHOP', transactions: 1 }]);
    expect(written.klis.find((k) => k.name === 'new_homeowner')).toMatchObject({
      customers: 2,
      prevalence_pct: 40,
    });
    expect(written.segments.find((s) => s.segment === 'home_growth')?.customers).toBe(2);
  });

  it('reports who entered and left each segment since the previous run', async () => {
    const result = await runOk({
      workspace,
      transactions: [join(folder, 'transactions.csv')],
      customers: join(folder, 'customers.csv'),
      asOf: '2025-07-01',
      out: join(folder, 'out'),
      format: 'csv',
    });
    expect(result.report.changes?.previous_as_of).toBe('2025-06-30');
    // A day later c5's Home Depot spend is inside the window, and c3's (91 days ago) has left it.
    expect(result.report.changes?.segments).toEqual([
      { segment: 'home_growth', entered: 0, left: 1 },
      { segment: 'lifestyle.homeowners', entered: 1, left: 1 },
      { segment: 'lifestyle.mainstream', entered: 1, left: 1 },
    ]);
    const triggers = readFileSync(join(folder, 'out', 'triggers.csv'), 'utf8');
    expect(triggers).toContain('c5,lifestyle.homeowners,entered');
    expect(triggers).toContain('c5,lifestyle.mainstream,left');
  });

  it('leaves the previous outputs intact when a run fails', async () => {
    const before = readFileSync(join(folder, 'out', 'report.json'), 'utf8');
    const broken = diskWorkspace({
      'rules.kli':
        sampleRules.replace('source', 'source') +
        '\nsource bank { customer_id = acct posted_date = dt amount = amt description = memo }',
    });
    const result = await run({
      workspace: broken,
      source: 'bank',
      transactions: [join(folder, 'transactions.csv')],
      out: join(folder, 'out'),
      format: 'csv',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/has no column `acct` \(for customer_id\)/);
    expect(readFileSync(join(folder, 'out', 'report.json'), 'utf8')).toBe(before);
    expect(readdirSync(folder).filter((f) => f.includes('staging'))).toEqual([]);
  });

  it('refuses to replace a folder that is not a previous run', async () => {
    const result = await run({
      workspace,
      transactions: [join(folder, 'transactions.csv')],
      out: folder,
      format: 'csv',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/refusing to replace/);
    expect(existsSync(join(folder, 'transactions.csv'))).toBe(true);
  });
});

describe('sources map a bank’s own export onto the canonical columns', () => {
  it('reads its columns, delimiter, date format, decimal comma and sign; Parquet too', async () => {
    const rules = `${sampleRules}
source eu_bank "A European export" {
  delimiter ";"
  date_format "%d/%m/%Y"
  decimal ","
  txn_id      = "Ref No"
  customer_id = Konto
  posted_date = Buchungstag
  amount      = Betrag sign credit_positive
  description = "Verwendungszweck"
}`;
    const root = diskWorkspace({ 'rules.kli': rules });
    const data = mkdtempSync(join(tmpdir(), 'kli-source-'));
    writeFileSync(
      join(data, 'export.csv'),
      'Ref No;Konto;Buchungstag;Betrag;Verwendungszweck\nA1;k1;02/05/2025;-1.812,40;HOME DEPOT #4521\nA2;k1;20/05/2025;"(940,00)";LOWES #1832\nA3;k1;21/05/2025;2.500,00;ACME PAYROLL\nA4;k1;31/02/2025;-1,00;BAD DATE\n',
    );
    const result = await runOk({
      workspace: root,
      source: 'eu_bank',
      transactions: [join(data, 'export.csv')],
      out: join(data, 'out'),
      format: 'parquet',
    });
    expect(result.report.rows).toEqual({ read: 4, rejected: 1, classified_input: 3, written: 3 });
    const rows = await engine.rows<Record<string, string>>(
      `SELECT txn_id, posted_date::VARCHAR AS posted_date, amount::VARCHAR AS amount, merchant FROM read_parquet('${join(data, 'out', 'transactions.parquet')}') ORDER BY txn_id`,
    );
    expect(rows).toEqual([
      { txn_id: 'A1', posted_date: '2025-05-02', amount: '1812.40', merchant: 'home_depot' },
      { txn_id: 'A2', posted_date: '2025-05-20', amount: '940.00', merchant: 'lowes' },
      { txn_id: 'A3', posted_date: '2025-05-21', amount: '-2500.00', merchant: 'acme_payroll' },
    ]);
    // The same rules over the Parquet it just wrote give the same classification.
    const parquet = join(data, 'again.parquet');
    await engine.exec(
      `COPY (SELECT txn_id, customer_id, posted_date, amount, raw_description AS description, NULL::INTEGER AS mcc FROM read_parquet('${join(data, 'out', 'transactions.parquet')}')) TO '${parquet}' (FORMAT parquet)`,
    );
    const again = await runOk({
      workspace: root,
      transactions: [parquet],
      out: join(data, 'out2'),
      format: 'csv',
    });
    expect(again.report.rows).toEqual({ read: 3, rejected: 0, classified_input: 3, written: 3 });
    expect(again.report.coverage.merchant_pct).toBe(100);
  });
});

describe('classify fills its columns in place when they fit in memory, else copies the typed rows', () => {
  it('writes the same outputs either way', async () => {
    const outputs = async (classify: 'in-place' | 'copy') => {
      const out = join(mkdtempSync(join(tmpdir(), `kli-${classify}-`)), 'out');
      await runOk({
        workspace,
        transactions: [join(folder, 'transactions.csv')],
        customers: join(folder, 'customers.csv'),
        asOf: '2025-06-30',
        out,
        format: 'csv',
        classify,
      });
      const files = ['transactions.csv', 'customer_klis.csv', 'segments.csv', 'rejects.csv'];
      return files.map((file) => readFileSync(join(out, file), 'utf8').split('\n').sort());
    };
    const inPlace = await outputs('in-place');
    expect(inPlace[0]?.length).toBeGreaterThan(10);
    expect(await outputs('copy')).toEqual(inPlace);
  });
});

describe('a row is named by its place in the input', () => {
  it('numbers rows across several files for rejects and for transactions without a txn_id', async () => {
    const data = mkdtempSync(join(tmpdir(), 'kli-rows-'));
    const header = 'txn_id,customer_id,posted_date,amount,description,mcc\n';
    writeFileSync(
      join(data, 'a.csv'),
      `${header}t1,c1,2025-06-01,1.00,HOME DEPOT,5200\n,c1,2025-06-02,2.00,LOWES,5200\nt3,c1,bad,3.00,LOWES,5200\n`,
    );
    writeFileSync(
      join(data, 'b.csv'),
      `${header} ,c2,2025-06-03,4.00,HOME DEPOT,5200\nt5,c2,2025-06-04,oops,LOWES,5200\nt6,c2,2025-06-05,6.00,LOWES,5200\n`,
    );
    const result = await runOk({
      workspace: diskWorkspace({ 'rules.kli': sampleRules }),
      transactions: [join(data, 'a.csv'), join(data, 'b.csv')],
      out: join(data, 'out'),
      format: 'csv',
    });
    expect(result.report.rows).toEqual({ read: 6, rejected: 2, classified_input: 4, written: 4 });
    const ids = await engine.rows<{ txn_id: string; amount: string }>(
      `SELECT txn_id, amount::VARCHAR AS amount FROM read_csv('${join(data, 'out', 'transactions.csv')}', all_varchar = true) ORDER BY amount`,
    );
    expect(ids).toEqual([
      { txn_id: 't1', amount: '1.00' },
      { txn_id: 'row-2', amount: '2.00' },
      { txn_id: 'row-4', amount: '4.00' },
      { txn_id: 't6', amount: '6.00' },
    ]);
    const rejects = readFileSync(join(data, 'out', 'rejects.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    expect(rejects.map((line) => line.split(',')[0])).toEqual(['row 3', 'row 5']);
  });
});

describe('rule files are untrusted input', () => {
  it('cannot inject SQL through strings, patterns or actions', async () => {
    const hostile = `package evil
category c "C'); DROP TABLE kli_rules; --" { description "'; --" }
merchant obrien "O'Brien" { match prefix "O'BRIEN'S'); DROP TABLE kli_rules; --" category c }
merchant quote "Q" { match regex /^Q'Q\\b/ match contains "x' OR '1'='1" category c }
kli k { when count(where description contains "'); DROP TABLE kli_transactions; --") >= 1 }
segment s { when k action { offer "'); DROP TABLE kli_segments; --" } }
`;
    const root = diskWorkspace({ 'evil.kli': hostile });
    const data = mkdtempSync(join(tmpdir(), 'kli-evil-'));
    writeFileSync(
      join(data, 't.csv'),
      `txn_id,customer_id,posted_date,amount,description,mcc\n1,a,2025-01-01,1,"O'BRIEN'S'); DROP TABLE kli_rules; -- 12",\n2,a,2025-01-01,1,"Q'Q 7",\n3,b,2025-01-01,1,"X' OR '1'='1",\n4,b,2025-01-01,1,"'); DROP TABLE kli_transactions; --",\n`,
    );
    await runOk({
      workspace: root,
      transactions: [join(data, 't.csv')],
      out: join(data, 'out'),
      format: 'csv',
    });
    const rows = await engine.rows<Record<string, string>>(
      `SELECT txn_id, merchant FROM read_csv('${join(data, 'out', 'transactions.csv')}', all_varchar = true) ORDER BY txn_id`,
    );
    expect(rows.map((r) => r['merchant'])).toEqual(['obrien', 'quote', 'quote', null]);
    const segment = await engine.rows<Record<string, string>>(
      `SELECT * FROM read_csv('${join(data, 'out', 'audiences', 's.csv')}', all_varchar = true)`,
    );
    expect(segment).toEqual([{ customer_id: 'b', offer: "'); DROP TABLE kli_segments; --" }]);
  });
});
