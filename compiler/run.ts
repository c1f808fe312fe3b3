import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../language/diagnostics.js';
import { compileWorkspace } from './compile.js';
import { refusalToReplace, swapIn } from './swap.js';
import { Engine, type EngineOptions } from './duckdb.js';
import { parseSize } from './memory.js';
import type { Plan } from './plan.js';
import { duckdb } from './sql/dialect.js';
import { emit, tables, type Phase, type Statement } from './sql/emit.js';
import { kliVersion } from './version.js';

export interface RunOptions extends EngineOptions {
  workspace: string;
  /** Files or globs. */
  transactions: string[];
  customers?: string;
  asOf?: string;
  out: string;
  format: 'csv' | 'parquet';
  source?: string;
  onProgress?: (event: { phase: Phase; title: string; index: number; total: number }) => void;
  /** How classify adds its columns; by default in place when they fit in memory (`fitsInPlace`). Tests set it. */
  classify?: 'in-place' | 'copy';
}

export interface RunReport {
  kli: string;
  workspace: { name: string; version: string };
  as_of: string;
  inputs: { transactions: string[]; customers: string | null; source: string | null };
  rows: { read: number; rejected: number; classified_input: number; written: number };
  coverage: {
    classified_pct: number;
    merchant_pct: number;
    by_match: Record<string, number>;
    top_unmatched: { description: string; transactions: number }[];
  };
  customers: number;
  klis: { name: string; display_name: string; customers: number; prevalence_pct: number }[];
  segments: { segment: string; segmentation: string | null; customers: number }[];
  changes: {
    previous_as_of: string | null;
    segments: { segment: string; entered: number; left: number }[];
  } | null;
  timings_ms: Record<string, number>;
}

export type RunResult =
  | { ok: true; report: RunReport; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[]; error?: string };

/** A run that cannot start or finish: bad inputs, or an engine error. The previous outputs stay. */
export class RunError extends Error {}

export async function run(options: RunOptions): Promise<RunResult> {
  const compiled = compileWorkspace(options.workspace, options.source ? { source: options.source } : {});
  if (!compiled.plan) return { ok: false, diagnostics: compiled.diagnostics };
  const plan = compiled.plan;
  const out = resolve(options.out);
  const refusal = refusalToReplace(out, compiled.workspace.root, 'report.json', 'previous kli run');
  if (refusal) return { ok: false, diagnostics: compiled.diagnostics, error: refusal };
  const staging = join(dirname(out), `.${basename(out)}.kli-staging-${process.pid}-${Date.now()}`);
  // DuckDB spills beyond --memory-limit into a fresh folder: inside --temp-dir when given, else
  // beside the output (the disk that must hold the results anyway, not a small /tmp).
  mkdirSync(options.tempDirectory ?? dirname(out), { recursive: true });
  const spill = options.tempDirectory
    ? mkdtempSync(join(options.tempDirectory, 'kli-spill-'))
    : mkdtempSync(join(dirname(out), `.${basename(out)}.kli-spill-`));
  const engine = await Engine.open({ ...options, tempDirectory: spill });
  try {
    const transactions = await expandInputs(engine, options.transactions);
    if (options.customers && !existsSync(options.customers))
      throw new RunError(`customers file not found: ${options.customers}`);
    await checkSourceColumns(engine, plan, transactions);
    const classifyInPlace = options.classify
      ? options.classify === 'in-place'
      : await fitsInPlace(engine, transactions);
    mkdirSync(join(staging, 'audiences'), { recursive: true });
    await confine(engine, {
      files: [
        ...transactions,
        ...(options.customers ? [resolve(options.customers)] : []),
        ...previousRunFiles(out),
      ],
      folders: [staging, spill],
    });
    const statements = emit(plan, {
      transactions,
      ...(options.customers ? { customers: resolve(options.customers) } : {}),
      outDir: staging,
      format: options.format,
      ...(options.asOf ? { asOf: options.asOf } : {}),
      classifyInPlace,
      bindConstants: true,
    });
    const timings: Record<string, number> = {};
    for (const [index, statement] of statements.entries()) {
      options.onProgress?.({
        phase: statement.phase,
        title: statement.title,
        index,
        total: statements.length,
      });
      const started = performance.now();
      try {
        await engine.exec(statement.sql, statement.params);
      } catch (error) {
        throw new RunError(`${statement.phase} failed (${statement.title}): ${(error as Error).message}`);
      }
      timings[statement.phase] = Math.round((timings[statement.phase] ?? 0) + performance.now() - started);
    }
    const report = await buildReport(engine, plan, options, transactions, timings);
    report.changes = await compareWithPrevious(engine, out, staging);
    writeFileSync(join(staging, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    swapIn(staging, out);
    return { ok: true, report, diagnostics: compiled.diagnostics };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof RunError)
      return { ok: false, diagnostics: compiled.diagnostics, error: error.message };
    throw error;
  } finally {
    engine.close();
    rmSync(spill, { recursive: true, force: true });
  }
}

/**
 * Whether classify may fill its column into the typed table in place (a third faster than copying
 * the typed rows): DuckDB keeps an update's new values in memory and cannot spill them, so only when
 * they fit in a quarter of its memory limit. The estimate errs high: the input's size as CSV (10M rows
 * of CSV, 0.86 GB, took 0.15 GB for the key number; 0.59 GB when the update also wrote the cleansed
 * text and rule), 100 bytes a row as Parquet.
 */
async function fitsInPlace(engine: Engine, transactions: string[]): Promise<boolean> {
  const limit = parseSize(String(await engine.value(`SELECT current_setting('memory_limit')`)));
  if (limit === null) return false;
  // One format per run (expandInputs).
  const estimate = isParquet(transactions[0] ?? '')
    ? 100 *
      Number(await engine.value(`SELECT sum(num_rows) FROM parquet_file_metadata(${list(transactions)})`))
    : transactions.reduce((sum, file) => sum + statSync(file).size, 0);
  return estimate <= limit / 4;
}

const isParquet = (file: string) => /\.parquet$/i.test(file);

const list = (items: string[]) => `[${items.map((item) => duckdb.string(item)).join(', ')}]`;

/**
 * From here on the engine may read only the given files and write only into the given folders:
 * a run reads the inputs it was given and writes only into --out, whatever the SQL says.
 */
async function confine(engine: Engine, allowed: { files: string[]; folders: string[] }): Promise<void> {
  await engine.exec(`SET allowed_paths = ${list(allowed.files)}`);
  await engine.exec(`SET allowed_directories = ${list(allowed.folders.map((folder) => folder + '/'))}`);
  await engine.exec('SET enable_external_access = false');
}

function previousRunFiles(out: string): string[] {
  return ['segments.parquet', 'segments.csv']
    .map((file) => join(out, file))
    .filter((file) => existsSync(file));
}

/**
 * The run's statements over these inputs with no outputs written, for analyses (explain, check --data)
 * that run them and then query the tables they leave behind.
 */
export async function analysisStatements(
  engine: Engine,
  plan: Plan,
  inputs: { transactions: string[]; customers?: string | undefined; asOf?: string | undefined },
): Promise<Statement[]> {
  const transactions = await expandInputs(engine, inputs.transactions);
  await checkSourceColumns(engine, plan, transactions);
  return emit(plan, {
    transactions,
    ...(inputs.customers ? { customers: inputs.customers } : {}),
    outDir: '',
    format: 'csv',
    ...(inputs.asOf ? { asOf: inputs.asOf } : {}),
    writeOutputs: false,
  });
}

export async function expandInputs(engine: Engine, patterns: string[]): Promise<string[]> {
  if (patterns.length === 0) throw new RunError('no transactions given: --transactions <file|glob>');
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!/[*?[]/.test(pattern)) {
      if (!existsSync(pattern)) throw new RunError(`transactions file not found: ${pattern}`);
      files.push(resolve(pattern));
      continue;
    }
    const matched = await engine.rows<{ file: string }>(
      `SELECT file FROM glob(${duckdb.string(resolve(pattern))}) ORDER BY file`,
    );
    if (matched.length === 0) throw new RunError(`no file matches ${pattern}`);
    files.push(...matched.map((m) => m.file));
  }
  const formats = new Set(files.map((f) => (isParquet(f) ? 'parquet' : 'csv')));
  if (formats.size > 1) throw new RunError('mix of CSV and Parquet inputs: give one format per run');
  return files;
}

/** A mapping onto a column the file lacks is a clear error before any work, not a binder error later. */
export async function checkSourceColumns(engine: Engine, plan: Plan, files: string[]): Promise<void> {
  const reader = isParquet(files[0] ?? '')
    ? duckdb.readParquet(files)
    : `read_csv(${duckdb.string(files[0] ?? '')}, header = true, all_varchar = true, delim = ${duckdb.string(plan.source.delimiter)}, quote = '"', escape = '"', ignore_errors = true)`;
  let columns: string[];
  try {
    columns = (await engine.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map(
      (r) => r.column_name,
    );
  } catch (error) {
    throw new RunError(`cannot read ${files[0]}: ${(error as Error).message}`);
  }
  const lower = new Set(columns.map((c) => c.toLowerCase()));
  const missing = Object.entries(plan.source.columns).filter(
    ([, column]) => column !== undefined && !lower.has(column.toLowerCase()),
  );
  // A named source maps columns on purpose; the canonical layout may leave out txn_id and mcc.
  const optional = (canonical: string) =>
    plan.source.name === null && (canonical === 'txn_id' || canonical === 'mcc');
  const required = missing.filter(([canonical]) => !optional(canonical));
  if (required.length > 0) {
    const list = required.map(([canonical, column]) => `\`${column}\` (for ${canonical})`).join(', ');
    const via = plan.source.name ? `source \`${plan.source.name}\` maps` : 'the canonical layout needs';
    throw new RunError(
      `${files[0]} has no column ${list}, which ${via}; its columns are: ${columns.join(', ')}`,
    );
  }
  // Optional canonical columns the file lacks are read as empty.
  for (const [canonical] of missing) delete plan.source.columns[canonical as keyof Plan['source']['columns']];
}

async function buildReport(
  engine: Engine,
  plan: Plan,
  options: RunOptions,
  inputs: string[],
  timings: Record<string, number>,
): Promise<RunReport> {
  const count = async (sql: string) => Number((await engine.value(sql)) ?? 0);
  const csvRejects = inputs.some((f) => !isParquet(f))
    ? await count(`SELECT count(*) FROM (SELECT DISTINCT scan_id, file_id, line FROM ${tables.csvRejects})`)
    : 0;
  // One scan per table: the report reads each of them once, however many KLIs there are.
  const [parsedCounts] = await engine.rows<{ parsed: number; rejects: number }>(
    `SELECT getvariable('kli_typed_rows') + (SELECT count(*) FROM ${tables.rejects}) AS parsed, (SELECT count(*) FROM ${tables.rejects}) AS rejects`,
  );
  const byMatch = await engine.rows<{ match_kind: string; n: number; classified: number; merchant: number }>(
    `SELECT match_kind, count(*)::BIGINT AS n, count(*) FILTER (WHERE category <> 'uncategorized')::BIGINT AS classified, count(merchant)::BIGINT AS merchant FROM ${tables.transactions} GROUP BY ALL ORDER BY n DESC`,
  );
  const total = (key: 'n' | 'classified' | 'merchant') => byMatch.reduce((sum, m) => sum + Number(m[key]), 0);
  const parsed = Number(parsedCounts?.parsed ?? 0);
  const written = total('n');
  const read = parsed + csvRejects;
  const rejected = Number(parsedCounts?.rejects ?? 0) + csvRejects;
  if (read !== written + rejected)
    throw new RunError(`internal error: ${read} rows read but ${written} written and ${rejected} rejected`);
  const classified = total('classified');
  const withMerchant = total('merchant');
  const unmatched = await engine.rows<{ description: string; transactions: number }>(
    `SELECT description, count(*)::INTEGER AS transactions FROM ${tables.transactions} WHERE category = 'uncategorized' GROUP BY ALL ORDER BY transactions DESC, description LIMIT 10`,
  );
  const kliColumns = plan.klis.map(
    (k, i) => `, count(*) FILTER (WHERE ${duckdb.identifier(`kli_${k.name}`)})::BIGINT AS k${i}`,
  );
  const [stateCounts] = await engine.rows<Record<string, number>>(
    `SELECT count(*)::BIGINT AS customers${kliColumns.join('')} FROM ${tables.state}`,
  );
  const customers = Number(stateCounts?.['customers'] ?? 0);
  const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10000) / 100);
  const klis: RunReport['klis'] = plan.klis.map((kli, i) => {
    const n = Number(stateCounts?.[`k${i}`] ?? 0);
    return { name: kli.name, display_name: kli.displayName, customers: n, prevalence_pct: pct(n, customers) };
  });
  const segmentCounts = await engine.rows<{ segment: string; n: number }>(
    `SELECT segment, count(*)::INTEGER AS n FROM ${tables.segments} GROUP BY segment`,
  );
  const countOf = new Map(segmentCounts.map((s) => [s.segment, s.n]));
  const segments: RunReport['segments'] = [
    ...plan.segments.map((s) => ({
      segment: s.name,
      segmentation: null,
      customers: countOf.get(s.name) ?? 0,
    })),
    ...plan.segmentations.flatMap((g) =>
      g.members.map((m) => ({
        segment: `${g.name}.${m.name}`,
        segmentation: g.name,
        customers: countOf.get(`${g.name}.${m.name}`) ?? 0,
      })),
    ),
  ];
  return {
    kli: kliVersion,
    workspace: plan.workspace,
    as_of: String(await engine.value(`SELECT getvariable('kli_as_of')::VARCHAR`)),
    inputs: {
      transactions: inputs,
      customers: options.customers ? resolve(options.customers) : null,
      source: plan.source.name,
    },
    rows: { read, rejected, classified_input: written, written },
    coverage: {
      classified_pct: pct(classified, written),
      merchant_pct: pct(withMerchant, written),
      by_match: Object.fromEntries(byMatch.map((m) => [m.match_kind, Number(m.n)])),
      top_unmatched: unmatched,
    },
    customers,
    klis,
    segments,
    changes: null,
    timings_ms: timings,
  };
}

function previousAsOf(out: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { as_of?: string }).as_of ?? null;
  } catch {
    return null;
  }
}

/** Who entered and who left each segment since the run in `out`: the triggers for event-driven campaigns. */
async function compareWithPrevious(
  engine: Engine,
  out: string,
  staging: string,
): Promise<RunReport['changes']> {
  const previousFile = previousRunFiles(out)[0];
  if (!previousFile) return null;
  const reader = previousFile.endsWith('.parquet')
    ? `read_parquet(${duckdb.string(previousFile)})`
    : `read_csv(${duckdb.string(previousFile)}, header = true, all_varchar = true)`;
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE kli_previous_segments AS SELECT CAST(customer_id AS VARCHAR) AS customer_id, CAST(segment AS VARCHAR) AS segment FROM ${reader}`,
  );
  const triggers = `
    SELECT customer_id, segment, 'entered' AS event FROM (SELECT customer_id, segment FROM ${tables.segments} EXCEPT SELECT customer_id, segment FROM kli_previous_segments)
    UNION ALL
    SELECT customer_id, segment, 'left' AS event FROM (SELECT customer_id, segment FROM kli_previous_segments EXCEPT SELECT customer_id, segment FROM ${tables.segments})`;
  await engine.exec(
    duckdb.copyTo(`${triggers} ORDER BY segment, event, customer_id`, join(staging, 'triggers.csv'), 'csv'),
  );
  const rows = await engine.rows<{ segment: string; entered: number; left: number }>(
    `SELECT segment, count(*) FILTER (WHERE event = 'entered')::INTEGER AS entered, count(*) FILTER (WHERE event = 'left')::INTEGER AS "left" FROM (${triggers}) GROUP BY segment ORDER BY segment`,
  );
  return { previous_as_of: previousAsOf(out), segments: rows };
}
