import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as A from '../language/ast.js';
import { refText, type CheckedModel } from '../language/check.js';
import type { Diagnostic } from '../language/diagnostics.js';
import type { KliSymbol } from '../language/symbols.js';
import type { Range } from '../language/position.js';
import { compileWorkspace } from './compile.js';
import { Engine } from './duckdb.js';
import type { Plan } from './plan.js';
import { duckdb } from './sql/dialect.js';
import { emit, tables } from './sql/emit.js';

export interface TestResult {
  title: string;
  file: string;
  range: Range;
  passed: boolean;
  /** What went wrong, one line each, with where. */
  failures: { message: string; range: Range }[];
}

export interface CoverageOfKind {
  total: number;
  covered: number;
  /** Declared in this workspace (not a dependency) and exercised by no test. */
  uncovered: string[];
}

/** What the tests exercise: a merchant some test transaction matched, a KLI or segment some expectation names. */
export interface Coverage {
  merchants: CoverageOfKind;
  klis: CoverageOfKind;
  segments: CoverageOfKind;
  /** Covered over total, all three kinds together, in percent. */
  percent: number;
}

export interface TestRun {
  results: TestResult[];
  diagnostics: Diagnostic[];
  coverage?: Coverage;
}

interface Row {
  [column: string]: string | number | boolean | null;
}

/** Runs a workspace's `test` blocks through the real pipeline on a real DuckDB. */
export async function runTests(root: string, filter?: (title: string) => boolean): Promise<TestRun> {
  const compiled = compileWorkspace(root, { canonicalSource: true });
  if (!compiled.plan) return { results: [], diagnostics: compiled.diagnostics };
  const plan = compiled.plan;
  const tests = compiled.model.tests.filter((t) => !filter || filter(t.decl.title.value));
  const folder = mkdtempSync(join(tmpdir(), 'kli-test-'));
  const engine = await Engine.open({ threads: 1 });
  try {
    const results: TestResult[] = [];
    const matched = new Set<string>();
    const descriptorResults = await runDescriptorCases(engine, plan, compiled.model, tests, folder, matched);
    for (const { decl, file } of tests) {
      const failures = [...(descriptorResults.get(decl) ?? [])];
      if (decl.customers.length > 0)
        failures.push(...(await runFixture(engine, plan, decl, folder, matched)));
      results.push({
        title: decl.title.value,
        file,
        range: decl.range,
        passed: failures.length === 0,
        failures,
      });
    }
    return {
      results,
      diagnostics: compiled.diagnostics,
      coverage: coverageOf(compiled.model, tests, matched),
    };
  } finally {
    engine.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

function coverageOf(model: CheckedModel, tests: { decl: A.TestDecl }[], matched: Set<string>): Coverage {
  const own = new Set(model.files.filter((f) => !f.isDependency).map((f) => f.path));
  const named = new Set<string>();
  for (const { decl } of tests) {
    for (const expectation of decl.expectations) named.add(resolvedKey(model, expectation.target));
  }
  const kind = (keys: string[], covered: Set<string>): CoverageOfKind => {
    const uncovered = keys.filter((key) => !covered.has(key));
    return { total: keys.length, covered: keys.length - uncovered.length, uncovered };
  };
  const ownKeys = (symbols: KliSymbol[]) => symbols.filter((s) => own.has(s.file)).map((s) => s.key);
  const merchants = kind(ownKeys([...model.merchants.values()]), matched);
  const klis = kind(ownKeys(model.klis), named);
  const segments = kind(
    ownKeys([...model.segments, ...model.segmentations.flatMap((g) => [...g.children.values()])]),
    named,
  );
  const total = merchants.total + klis.total + segments.total;
  const covered = merchants.covered + klis.covered + segments.covered;
  return {
    merchants,
    klis,
    segments,
    percent: total === 0 ? 100 : Math.round((covered / total) * 10000) / 100,
  };
}

function csv(rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null) => {
    if (value === null) return '';
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

const header = ['txn_id', 'customer_id', 'posted_date', 'amount', 'description', 'mcc'];

async function runPipeline(
  engine: Engine,
  plan: Plan,
  folder: string,
  name: string,
  transactions: (string | number | null)[][],
  customers: string | undefined,
  asOf: string,
  matched: Set<string>,
): Promise<void> {
  const path = join(folder, `${name}.csv`);
  writeFileSync(path, csv([header, ...transactions]));
  await engine.exec(`DROP TABLE IF EXISTS ${tables.csvRejects}; DROP TABLE IF EXISTS ${tables.csvScans}`);
  for (const statement of emit(plan, {
    transactions: [path],
    ...(customers ? { customers } : {}),
    outDir: folder,
    format: 'csv',
    asOf,
    writeOutputs: false,
  })) {
    await engine.exec(statement.sql);
  }
  const merchants = await engine.rows<{ merchant: string }>(
    `SELECT DISTINCT merchant FROM ${tables.transactions} WHERE merchant IS NOT NULL`,
  );
  for (const { merchant } of merchants) matched.add(merchant);
}

async function runDescriptorCases(
  engine: Engine,
  plan: Plan,
  model: CheckedModel,
  tests: { decl: A.TestDecl }[],
  folder: string,
  matched: Set<string>,
): Promise<Map<A.TestDecl, TestResult['failures']>> {
  const cases = tests.flatMap(({ decl }) => decl.cases.map((testCase) => ({ decl, testCase })));
  const failures = new Map<A.TestDecl, TestResult['failures']>();
  if (cases.length === 0) return failures;
  const rows = cases.map(({ testCase }, index) => [
    `case-${index}`,
    'descriptor-tests',
    '2000-01-01',
    1,
    testCase.descriptor.value,
    testCase.mcc ?? null,
  ]);
  await runPipeline(engine, plan, folder, 'descriptors', rows, undefined, '2000-01-01', matched);
  const results = await engine.rows<Row>(
    `SELECT txn_id, description, merchant, category, matched_rule FROM ${tables.transactions}`,
  );
  const byId = new Map(results.map((r) => [String(r['txn_id']), r]));
  cases.forEach(({ decl, testCase }, index) => {
    const actual = byId.get(`case-${index}`);
    const list = failures.get(decl) ?? [];
    failures.set(decl, list);
    const describe = (r: Row) =>
      `merchant ${r['merchant'] ?? '(none)'}, category ${r['category']}${r['matched_rule'] ? ` by ${r['matched_rule']}` : ''}; cleansed "${r['description']}"`;
    if (!actual) {
      list.push({ message: `"${testCase.descriptor.value}" was rejected`, range: testCase.range });
      return;
    }
    const fail = (message: string) =>
      list.push({
        message: `"${testCase.descriptor.value}": ${message}; got ${describe(actual)}`,
        range: testCase.range,
      });
    const merchant = testCase.merchant && resolvedKey(model, testCase.merchant);
    if (merchant && actual['merchant'] !== merchant) fail(`expected merchant ${merchant}`);
    const category = testCase.category && resolvedKey(model, testCase.category);
    if (category && actual['category'] !== category) fail(`expected category ${category}`);
    if (testCase.cleansed !== undefined && actual['description'] !== testCase.cleansed)
      fail(`expected cleansed "${testCase.cleansed}"`);
    if (testCase.uncategorized && (actual['category'] !== 'uncategorized' || actual['merchant'] !== null))
      fail('expected uncategorized');
  });
  return failures;
}

function resolvedKey(model: CheckedModel, ref: A.Ref): string {
  const resolution = model.resolutions.get(ref);
  return resolution?.kind === 'symbol' ? resolution.symbol.key : refText(ref);
}

async function runFixture(
  engine: Engine,
  plan: Plan,
  decl: A.TestDecl,
  folder: string,
  matched: Set<string>,
): Promise<TestResult['failures']> {
  const failures: TestResult['failures'] = [];
  let counter = 0;
  const transactions = decl.customers.flatMap((customer) =>
    customer.txns.map((txn) => [
      `t${++counter}`,
      customer.id.value,
      txn.date.value,
      txn.amount,
      txn.descriptor,
      txn.mcc ?? null,
    ]),
  );
  const attributeNames = plan.attributes.map((a) => a.name);
  const customerRows = decl.customers.map((customer) => [
    customer.id.value,
    ...attributeNames.map((name) => {
      const attribute = customer.attributes.find((a) => a.name.text === name);
      if (!attribute) return null;
      return attribute.values
        .map((v) =>
          v.kind === 'number' || v.kind === 'string' || v.kind === 'date' || v.kind === 'boolean'
            ? String(v.value)
            : '',
        )
        .join(';');
    }),
  ]);
  const customersPath = join(folder, 'customers.csv');
  writeFileSync(customersPath, csv([['customer_id', ...attributeNames], ...customerRows]));
  const asOf = decl.asOf?.value ?? '2000-01-01';
  await runPipeline(engine, plan, folder, 'fixture', transactions, customersPath, asOf, matched);
  for (const expectation of decl.expectations) {
    const customer = duckdb.string(expectation.customer.value);
    const target = refText(expectation.target);
    let holds: boolean;
    if (expectation.relation === 'has') {
      const name = plan.klis.find((k) => k.name === target || target.endsWith(`.${k.name}`))?.name ?? target;
      const value = await engine.value(
        `SELECT ${duckdb.identifier(`kli_${name}`)} FROM ${tables.state} WHERE customer_id = ${customer}`,
      );
      holds = value === true;
    } else {
      const segment = segmentKey(plan, target);
      holds =
        Number(
          await engine.value(
            `SELECT count(*) FROM ${tables.segments} WHERE customer_id = ${customer} AND segment = ${duckdb.string(segment)}`,
          ),
        ) > 0;
    }
    if (holds === expectation.negated) {
      const explanation =
        expectation.relation === 'has'
          ? await explainKli(engine, plan, expectation.customer.value)
          : await explainSegments(engine, expectation.customer.value);
      failures.push({
        message: `expected "${expectation.customer.value}" ${expectation.negated ? 'not ' : ''}${expectation.relation} ${target}${explanation}`,
        range: expectation.range,
      });
    }
  }
  return failures;
}

/** The segment's output key: `name`, or `segmentation.member` (a qualified reference may carry a package). */
function segmentKey(plan: Plan, target: string): string {
  for (const segmentation of plan.segmentations) {
    for (const member of segmentation.members) {
      const key = `${segmentation.name}.${member.name}`;
      if (target === key || target.endsWith(`.${key}`)) return key;
    }
  }
  return plan.segments.find((s) => target === s.name || target.endsWith(`.${s.name}`))?.name ?? target;
}

async function explainKli(engine: Engine, plan: Plan, customer: string): Promise<string> {
  const row = (
    await engine.rows<Row>(`SELECT * FROM ${tables.state} WHERE customer_id = ${duckdb.string(customer)}`)
  )[0];
  if (!row) return ' (the customer has no row: no transactions and no attributes)';
  const fired = plan.klis.filter((k) => row[`kli_${k.name}`] === true).map((k) => k.name);
  const values = plan.aggregates.map((a) => `${a.id}=${row[a.id]}`).slice(0, 12);
  return ` (KLIs that fired: ${fired.join(', ') || 'none'}; aggregates: ${values.join(', ')})`;
}

async function explainSegments(engine: Engine, customer: string): Promise<string> {
  const rows = await engine.rows<Row>(
    `SELECT segment FROM ${tables.segments} WHERE customer_id = ${duckdb.string(customer)} ORDER BY segment`,
  );
  return ` (the customer is in: ${rows.map((r) => r['segment']).join(', ') || 'no segment'})`;
}
