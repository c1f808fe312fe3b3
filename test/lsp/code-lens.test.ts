import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeLensRequest,
  CodeLensResolveRequest,
  ExecuteCommandRequest,
  type CodeLens,
} from 'vscode-languageserver-protocol';
import { LspClient } from './client.js';
import { klis, libraryAndApp } from './fixtures.js';

const tests = `package app.tests
import app.klis

test "coffee twice makes a coffee lover" {
  as_of 2025-06-30
  customer "c1" {
    txn 2025-06-10 "STARBUCKS 123" 4.50
    txn 2025-06-20 "BLUE BOTTLE" 5.00
  }
  expect "c1" has coffee_lover
}

test "one coffee is not enough" {
  as_of 2025-06-30
  customer "c2" {
    txn 2025-06-10 "STARBUCKS 123" 4.50
  }
  expect "c2" has coffee_lover
}
`;

const transactions = `txn_id,customer_id,posted_date,amount,description,mcc
t1,c1,2025-06-02,4.50,STARBUCKS 123,5814
t2,c1,2025-06-12,5.00,BLUE BOTTLE,5814
t3,c1,2025-06-20,4.75,STARBUCKS 9,5814
t4,c2,2025-06-15,3.00,STARBUCKS 1,5814
t5,c3,2025-06-29,120.00,HOME DEPOT 44,5200
t6,c4,2025-06-30,9.99,MCDONALDS,5814
`;
const customers = `customer_id,avg_balance,products
c1,5000,checking
c2,200,checking
c3,9000,checking;heloc
c4,100,checking
`;

const { app } = libraryAndApp(
  {
    'klis.kli': klis,
    'tests.kli': tests,
    'data/transactions.csv': transactions,
    'data/customers.csv': customers,
  },
  undefined,
  { sample: { transactions: 'data/transactions.csv', customers: 'data/customers.csv' } },
);
const { app: unconfigured } = libraryAndApp();
let client: LspClient;

beforeAll(async () => {
  client = await LspClient.start({ rootUri: `file://${app.root}`, timeoutMs: 60_000 });
  await client.open(app.uri('klis.kli'), klis);
  await client.open(app.uri('tests.kli'), tests);
});
afterAll(() => client.stop());

const lensesOf = (uri: string) =>
  client.request(CodeLensRequest.type, { textDocument: { uri } }).then((l) => l ?? []);
const titled = (lenses: CodeLens[]) =>
  lenses.map((l) => `${l.range.start.line + 1} ${l.command?.title ?? '(to resolve)'}`);

describe('code lenses', () => {
  it('puts "Show SQL" and a prevalence lens on KLIs and segments, and "Run test" on tests', async () => {
    expect(titled(await lensesOf(app.uri('klis.kli')))).toEqual([
      '5 Show SQL',
      '5 (to resolve)',
      '15 Show SQL',
      '15 (to resolve)',
      '21 Show SQL',
      '21 (to resolve)',
    ]);
    const testLenses = await lensesOf(app.uri('tests.kli'));
    expect(titled(testLenses)).toEqual(['4 ▶ Run test', '13 ▶ Run test']);
    expect(testLenses[0]?.command).toMatchObject({
      command: 'kli.runTest',
      arguments: [app.uri('tests.kli'), 'coffee twice makes a coffee lover'],
    });
  });

  it('resolves prevalence by running the workspace on its sample data', async () => {
    const lenses = await lensesOf(app.uri('klis.kli'));
    const resolve = (lens: CodeLens) => client.request(CodeLensResolveRequest.type, lens);
    const [coffee, home, segment] = [lenses[1]!, lenses[3]!, lenses[5]!];
    expect((await resolve(coffee)).command?.title).toBe('prevalence 25% · 1 of 4 customers');
    expect((await resolve(home)).command?.title).toBe('prevalence 0% · 0 of 4 customers');
    expect((await resolve(segment)).command?.title).toBe('prevalence 25% · 1 of 4 customers');
  });

  it('asks for sample data where kli.json names none', async () => {
    const uri = unconfigured.uri('klis.kli');
    await client.open(
      uri,
      klis
        .replace('package app.klis', 'package app.unconfigured')
        .replace(/coffee_lover/g, 'coffee_fan')
        .replace(/home_spender/g, 'home_buyer')
        .replace(/caffeinated/g, 'wired'),
    );
    const lenses = await lensesOf(uri);
    expect(titled(lenses)).toContain('5 prevalence: configure sample data');
  });
});

describe('commands', () => {
  it('kli.showSql returns the SQL a KLI compiles to', async () => {
    const sql = await client.request(ExecuteCommandRequest.type, {
      command: 'kli.showSql',
      arguments: [app.uri('klis.kli'), 'coffee_lover'],
    });
    expect(sql).toMatch(
      /^-- coffee_lover: the flag\ncoalesce\(\("agg_1" >= 2\), false\) AS "kli_coffee_lover"/,
    );
  });

  it('kli.runTest runs one test on DuckDB and returns its result', async () => {
    const run = (title: string) =>
      client.request(ExecuteCommandRequest.type, {
        command: 'kli.runTest',
        arguments: [app.uri('tests.kli'), title],
      });
    expect(await run('coffee twice makes a coffee lover')).toEqual({
      title: 'coffee twice makes a coffee lover',
      passed: true,
      failures: [],
    });
    const failed = (await run('one coffee is not enough')) as {
      passed: boolean;
      failures: { line: number; message: string }[];
    };
    expect(failed.passed).toBe(false);
    expect(failed.failures).toEqual([
      { line: 18, message: expect.stringContaining('expected "c2" has coffee_lover') },
    ]);
    expect(client.messages.map((m) => m.message.split('\n')[0])).toEqual(
      expect.arrayContaining(['✓ coffee twice makes a coffee lover', '✗ one coffee is not enough']),
    );
  });
});
