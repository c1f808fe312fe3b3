// One benchmark variant in its own process, so its peak memory is its own (bench/run.mjs runs it
// under /usr/bin/time -v). Usage: node bench/variant.mjs <floor|naive|engine|compile> <json options>;
// prints one JSON line last. `kli run` itself is run by bench/run.mjs through the CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileWorkspace } from '../dist/compiler/compile.js';
import { Engine } from '../dist/compiler/duckdb.js';
import { duckdb } from '../dist/compiler/sql/dialect.js';
import { emit, tables } from '../dist/compiler/sql/emit.js';

const [name, json] = process.argv.slice(2);
const options = JSON.parse(json ?? '{}');
const out = mkdtempSync(join(tmpdir(), `kli-bench-${name}-`));
const started = performance.now();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const readInput = (path) =>
  path.endsWith('.parquet')
    ? `read_parquet(${duckdb.string(path)})`
    : `read_csv(${duckdb.string(path)}, header = true, all_varchar = true, quote = '"', escape = '"')`;

/** The same I/O as a run, with no rules: read, write a transactions file of the same shape with constant
 * merchant and category, and one grouped pass with as many plain aggregates as the library has KLIs. */
async function floor() {
  const engine = await Engine.open({ threads: options.threads });
  await engine.exec(
    `CREATE TEMP TABLE t AS SELECT txn_id, customer_id, TRY_CAST(posted_date AS DATE) AS posted_date,
       TRY_CAST(amount AS DECIMAL(18,2)) AS amount, description, TRY_CAST(mcc AS INTEGER) AS mcc
     FROM ${readInput(options.transactions)}`,
  );
  await engine.exec(
    duckdb.copyTo(
      `SELECT txn_id, customer_id, posted_date, amount, description AS raw_description, description, mcc,
         'm' AS merchant, 'c' AS category, 'k' AS match_kind, 'r' AS matched_rule FROM t`,
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
      join(out, 'customer_klis.parquet'),
      'parquet',
    ),
  );
  engine.close();
  return { aggregates: options.aggregates };
}

/** kli's own read and cleanse statements over the sample, so the classifiers see the same cleansed text. */
async function cleansedSample(plan) {
  const statements = emit(plan, {
    transactions: [options.transactions],
    outDir: out,
    format: 'parquet',
    writeOutputs: false,
  });
  const engine = await Engine.open({ threads: options.threads });
  for (const s of statements.filter((s) => s.phase === 'read' || s.phase === 'cleanse'))
    await engine.exec(s.sql);
  return engine;
}

const likeEscape = (s) => s.replace(/[%_\\]/g, '\\$&');

/** The naive compile: every merchant rule as one WHEN of a CASE evaluated on every row. Most specific first
 * (exact, longer prefixes, longer contains, then regexes), which is the best a hand-written CASE can do. */
async function naive() {
  const plan = compileWorkspace(options.workspace).plan;
  if (!plan) throw new Error(`${options.workspace} does not compile`);
  const engine = await cleansedSample(plan);
  const tier = { exact: 0, prefix: 1, contains: 2 };
  const rules = [...plan.rules].sort(
    (a, b) => tier[a.kind] - tier[b.kind] || b.pattern.length - a.pattern.length || a.id - b.id,
  );
  const condition = (r) =>
    r.kind === 'exact'
      ? `d = ${duckdb.string(r.pattern)}`
      : r.kind === 'prefix'
        ? `d LIKE ${duckdb.string(likeEscape(r.pattern) + '%')} ESCAPE '\\'`
        : `d LIKE ${duckdb.string('%' + likeEscape(r.pattern) + '%')} ESCAPE '\\'`;
  const whens = [
    ...rules.map((r) => `WHEN ${condition(r)} THEN ${duckdb.string(r.merchant)}`),
    ...plan.regexRules.map(
      (r) =>
        `WHEN regexp_matches(d, ${duckdb.string(r.pattern)}${r.flags.includes('i') ? `, 'i'` : ''}) THEN ${duckdb.string(r.merchant)}`,
    ),
  ].join('\n');
  const rows = await engine.value(`SELECT count(*)::INTEGER FROM ${tables.parsed}`);
  // Each raw descriptor's cleansed text as a table, as kli's cleanse phase left it until its key numbers.
  await engine.exec(
    `CREATE TEMP TABLE naive_descriptors AS SELECT raw_description, upper(description) AS d FROM ${tables.descriptors}`,
  );
  const classifyStarted = performance.now();
  await engine.exec(
    `CREATE TEMP TABLE naive AS SELECT t.txn_id, CASE ${whens} END AS merchant
     FROM ${tables.parsed} t JOIN naive_descriptors USING (raw_description)`,
  );
  const classifyMs = performance.now() - classifyStarted;
  const matched = await engine.value(`SELECT count(merchant)::INTEGER FROM naive`);
  engine.close();
  return {
    sample_rows: rows,
    classify_ms: Math.round(classifyMs),
    rules: plan.rules.length + plan.regexRules.length,
    matched_pct: +((100 * matched) / rows).toFixed(1),
  };
}

/** The same merchant rules in json-rules-engine, run row by row in Node on cleansed sample rows,
 * until the sample or the time budget runs out. */
async function rulesEngine() {
  const { Engine: RulesEngine } = await import('json-rules-engine');
  const plan = compileWorkspace(options.workspace).plan;
  if (!plan) throw new Error(`${options.workspace} does not compile`);
  const duck = await cleansedSample(plan);
  const descriptions = (
    await duck.rows(
      `SELECT upper(d.description) AS d FROM ${tables.parsed} t JOIN ${tables.descriptors} d USING (raw_description) LIMIT ${Number(options.sample)}`,
    )
  ).map((r) => r.d ?? '');
  duck.close();

  const engine = new RulesEngine([], { allowUndefinedFacts: true });
  engine.addOperator('kliExact', (fact, value) => fact === value);
  engine.addOperator('kliPrefix', (fact, value) => typeof fact === 'string' && fact.startsWith(value));
  // Whole words: the fact is the descriptor's words, space-separated and padded.
  engine.addOperator('kliWords', (fact, value) => typeof fact === 'string' && fact.includes(` ${value} `));
  engine.addOperator('kliRegex', (fact, value) => typeof fact === 'string' && value.test(fact));
  const tier = { exact: 4, prefix: 3, contains: 2 };
  for (const r of plan.rules)
    engine.addRule({
      priority: tier[r.kind],
      conditions: {
        all: [
          r.kind === 'contains'
            ? { fact: 'words', operator: 'kliWords', value: r.pattern }
            : {
                fact: 'description',
                operator: r.kind === 'exact' ? 'kliExact' : 'kliPrefix',
                value: r.pattern,
              },
        ],
      },
      event: {
        type: 'merchant',
        params: { merchant: r.merchant, tier: tier[r.kind], strength: r.pattern.length },
      },
    });
  for (const r of plan.regexRules) {
    let regex;
    try {
      regex = new RegExp(r.pattern, r.flags.includes('i') ? 'i' : '');
    } catch {
      continue; // RE2 syntax JavaScript does not read
    }
    engine.addRule({
      priority: 1,
      conditions: { all: [{ fact: 'description', operator: 'kliRegex', value: regex }] },
      event: { type: 'merchant', params: { merchant: r.merchant, tier: 1, strength: -r.id } },
    });
  }
  const budgetMs = Number(options.budgetSeconds) * 1000;
  const loopStarted = performance.now();
  let done = 0;
  let matched = 0;
  for (const description of descriptions) {
    const words = ` ${description
      .replace(/'/g, '')
      .split(/[^A-Z0-9]+/)
      .filter(Boolean)
      .join(' ')} `;
    const { events } = await engine.run({ description, words });
    // The winner as the language specifies it: best tier, then the longest pattern.
    const best = events.reduce(
      (a, e) =>
        !a ||
        e.params.tier > a.params.tier ||
        (e.params.tier === a.params.tier && e.params.strength > a.params.strength)
          ? e
          : a,
      undefined,
    );
    if (best) matched++;
    done++;
    if (performance.now() - loopStarted > budgetMs) break;
  }
  const loopMs = performance.now() - loopStarted;
  return {
    sample_rows: done,
    classify_ms: Math.round(loopMs),
    us_per_row: Math.round((1000 * loopMs) / done),
    rules: plan.rules.length + plan.regexRules.length,
    matched_pct: +((100 * matched) / done).toFixed(1),
  };
}

/** Warm compile in one process: load + check + lower, and + emit, median of 5 after a warm-up. */
async function compile() {
  const times = { loadCheckLower: [], withEmit: [] };
  let plan;
  for (let i = 0; i < 6; i++) {
    let t = performance.now();
    plan = compileWorkspace(options.workspace).plan;
    const lowered = performance.now() - t;
    if (!plan) throw new Error(`${options.workspace} does not compile`);
    t = performance.now();
    emit(plan, { transactions: ['transactions.csv'], outDir: 'out', format: 'parquet' });
    if (i > 0) {
      times.loadCheckLower.push(lowered);
      times.withEmit.push(lowered + performance.now() - t);
    }
  }
  return {
    warm_load_check_lower_ms: Math.round(median(times.loadCheckLower)),
    warm_compile_ms: Math.round(median(times.withEmit)),
    merchant_rules: plan.rules.length + plan.regexRules.length,
    regex_rules: plan.regexRules.length,
    merchants: plan.merchants.length,
    klis: plan.klis.length,
    aggregates: plan.aggregates.length,
    segments: plan.segments.length + plan.segmentations.length,
  };
}

const variants = { floor, naive, engine: rulesEngine, compile };
if (!variants[name]) throw new Error(`unknown variant ${name}`);
const detail = await variants[name]();
rmSync(out, { recursive: true, force: true });
console.log(
  JSON.stringify({
    name,
    ms: Math.round(performance.now() - started),
    self_peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...detail,
  }),
);
