// One benchmark variant in its own process, so its peak memory is its own.
// Usage: node bench/variant.mjs <floor|kli|naive> <json options>; prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../dist/compiler/duckdb.js';
import { compileWorkspace } from '../dist/compiler/compile.js';
import { run } from '../dist/compiler/run.js';
import { duckdb } from '../dist/compiler/sql/dialect.js';
import { emit } from '../dist/compiler/sql/emit.js';
import { standardLibraryRoot } from '../dist/language/workspace.js';

const [name, json] = process.argv.slice(2);
const options = JSON.parse(json ?? '{}');
const out = mkdtempSync(join(tmpdir(), `kli-bench-${name}-`));
const started = performance.now();
let detail = {};

if (name === 'kli') {
  const result = await run({
    workspace: standardLibraryRoot(),
    transactions: [options.transactions],
    customers: options.customers,
    out: join(out, 'run'),
    format: 'parquet',
    threads: options.threads,
  });
  if (!result.ok) throw new Error(result.error);
  detail = { phases_ms: result.report.timings_ms, coverage_pct: result.report.coverage.classified_pct };
} else if (name === 'floor') {
  // The same I/O with no rules: read, write a transactions file of the same shape, and one grouped
  // pass with as many plain aggregates as the library has.
  const engine = await Engine.open({ threads: options.threads });
  const input = `read_csv(${duckdb.string(options.transactions)}, header = true, all_varchar = true, quote = '"', escape = '"')`;
  await engine.exec(
    `CREATE TEMP TABLE t AS SELECT txn_id, customer_id, TRY_CAST(posted_date AS DATE) AS posted_date, TRY_CAST(amount AS DECIMAL(18,2)) AS amount, description FROM ${input}`,
  );
  await engine.exec(
    duckdb.copyTo(
      `SELECT txn_id, customer_id, posted_date, amount, description AS raw_description, description, 'm' AS merchant, 'c' AS category, 'k' AS match_kind, 'r' AS matched_rule FROM t`,
      join(out, 'transactions.parquet'),
      'parquet',
    ),
  );
  const aggregates = Array.from(
    { length: options.aggregates },
    (_, i) => `sum(amount) FILTER (WHERE amount > ${i}) AS a${i}`,
  ).join(', ');
  await engine.exec(
    duckdb.copyTo(
      `SELECT customer_id, ${aggregates} FROM t GROUP BY customer_id`,
      join(out, 'customers.parquet'),
      'parquet',
    ),
  );
  engine.close();
} else if (name === 'naive') {
  // The same cleansed rows classified the naive way: one CASE WHEN … LIKE … per row over every rule.
  const compiled = compileWorkspace(standardLibraryRoot());
  const plan = compiled.plan;
  const statements = emit(plan, {
    transactions: [options.transactions],
    outDir: out,
    format: 'parquet',
    writeOutputs: false,
  });
  const engine = await Engine.open({ threads: options.threads });
  for (const s of statements.filter((s) => s.phase === 'read' || s.phase === 'cleanse'))
    await engine.exec(s.sql);
  const like = (r) =>
    r.kind === 'exact'
      ? `= ${duckdb.string(r.pattern)}`
      : r.kind === 'prefix'
        ? `LIKE ${duckdb.string(r.pattern.replace(/[%_\\]/g, '\\$&') + '%')} ESCAPE '\\'`
        : `LIKE ${duckdb.string('%' + r.pattern.replace(/[%_\\]/g, '\\$&') + '%')} ESCAPE '\\'`;
  const whens = plan.rules
    .map((r) => `WHEN upper(d.description) ${like(r)} THEN ${duckdb.string(r.merchant)}`)
    .join('\n');
  const classifyStarted = performance.now();
  await engine.exec(
    `CREATE TEMP TABLE naive AS SELECT t.txn_id, CASE ${whens} END AS merchant FROM kli_parsed t JOIN kli_descriptors d USING (raw_description)`,
  );
  detail = { classify_ms: Math.round(performance.now() - classifyStarted), rules: plan.rules.length };
  engine.close();
}

rmSync(out, { recursive: true, force: true });
console.log(
  JSON.stringify({
    name,
    ms: Math.round(performance.now() - started),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...detail,
  }),
);
