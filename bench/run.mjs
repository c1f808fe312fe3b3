// npm run bench: kli against the floor (DuckDB doing the same I/O with no rules), the naive compile
// (one CASE WHEN … LIKE per row) and json-rules-engine, on generated data, with the standard library
// and a synthetic 10,000-rule library; compile and check times; a memory-limited run; the language
// server's latency. Every variant runs in its own process under /usr/bin/time -v (peak RSS).
// Results are saved to bench/results.json after every measurement, and bench/README.md and
// bench/scaling.svg are regenerated from them (bench/report.mjs).
//
// node bench/run.mjs --help lists the options.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  createReadStream,
  createWriteStream,
} from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { duckdbMemoryLimit, parseSize } from '../dist/compiler/memory.js';
import { standardLibraryRoot } from '../dist/language/workspace.js';
import { writeReport } from './report.mjs';
import { syntheticLibrary } from './synthetic-library.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..');
const bin = join(repo, 'bin', 'kli.js');
const usage = `node bench/run.mjs [options]      (npm run bench builds first, then runs this)
  --rows 1e6,1e7,5e7            sizes to measure (default 1e6)
  --libraries std,synthetic     libraries (default both)
  --threads 2                   DuckDB threads
  --memory-limit 4GiB           budget of the memory-limited run (largest size)
  --data-dir bench/.data        generated data, samples and the synthetic library, reused
  --results bench/results.json  where results go; README.md and scaling.svg are written beside it
  --resume                      keep what the results file has, measure the rest
  --naive-sample 1000000 --naive-repeats 3 --engine-sample 2000 --engine-budget 60
  --repeats 3 --repeat-under 60 floor and kli runs shorter than 60 s: the fastest of up to 3
  --skip naive,engine,memory,compile,lsp
  --help                        this text`;
const valued = [
  ...['--rows', '--libraries', '--threads', '--memory-limit', '--data-dir', '--results'],
  ...['--naive-sample', '--naive-repeats', '--engine-sample', '--engine-budget', '--skip'],
  ...['--repeats', '--repeat-under'],
];
// An unknown or misspelt flag stops the run: ignored, it would start the full hour-long benchmark.
for (let i = 2; i < process.argv.length; i++) {
  const flag = process.argv[i];
  if (flag === '--help' || flag === '-h') {
    console.log(usage);
    process.exit(0);
  }
  if (valued.includes(flag) && i + 1 < process.argv.length) i++;
  else if (flag !== '--resume') {
    console.error(`bench/run.mjs: unknown or incomplete option ${flag}\n\n${usage}`);
    process.exit(2);
  }
}
const arg = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const config = {
  rows: arg('--rows', '1e6').split(',').map(Number),
  libraries: arg('--libraries', 'std,synthetic').split(','),
  threads: Number(arg('--threads', '2')),
  memory_limit: arg('--memory-limit', '4GiB'),
  naive_sample: Number(arg('--naive-sample', '1000000')),
  naive_repeats: Number(arg('--naive-repeats', '3')),
  engine_sample: Number(arg('--engine-sample', '2000')),
  engine_budget_s: Number(arg('--engine-budget', '60')),
  repeats: Number(arg('--repeats', '3')),
  repeat_under_s: Number(arg('--repeat-under', '60')),
  skip: arg('--skip', '').split(',').filter(Boolean),
};
const dataDir = resolve(arg('--data-dir', process.env.KLI_BENCH_DATA ?? join(here, '.data')));
const resultsPath = resolve(arg('--results', join(here, 'results.json')));
const resume = process.argv.includes('--resume') && existsSync(resultsPath);
// The generator averages about 37 transactions per customer-month; 12 months of history.
const ROWS_PER_CUSTOMER = 450;
const benchStarted = performance.now();

const log = (message) =>
  console.log(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(5)} s] ${message}`);

const results = resume
  ? JSON.parse(readFileSync(resultsPath, 'utf8'))
  : {
      started_at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        memory_gb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      config,
      libraries: {},
      compile: {},
      runs: [],
      memory_limited: [],
    };
async function save() {
  results.finished_at = new Date().toISOString();
  const temp = `${resultsPath}.tmp`;
  // In the repository's own JSON style, so `npm run lint` (prettier --check) passes on it.
  writeFileSync(temp, await prettier.format(JSON.stringify(results), { parser: 'json' }));
  execFileSync('mv', [temp, resultsPath]);
  writeReport(results, { dir: dirname(resultsPath) });
}

/** A child process under /usr/bin/time -v: wall time, peak RSS, exit code, stdout. */
function measured(args, { cwd = repo, env } = {}) {
  const timed = existsSync('/usr/bin/time');
  const started = performance.now();
  const child = spawnSync(
    timed ? '/usr/bin/time' : process.execPath,
    timed ? ['-v', process.execPath, ...args] : args,
    {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  const ms = Math.round(performance.now() - started);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr ?? '');
  return {
    ok: child.status === 0,
    status: child.status,
    ms,
    peak_rss_mb: rss ? Math.round(Number(rss[1]) / 1024) : null,
    stdout: child.stdout ?? '',
    stderr: (child.stderr ?? '').split('\tCommand being timed')[0].trim().slice(-2000),
    load_avg: +loadavg()[0].toFixed(2),
  };
}

function variant(name, options) {
  const r = measured([join(here, 'variant.mjs'), name, JSON.stringify(options)]);
  if (!r.ok) return { ok: false, error: r.stderr, ms: r.ms, peak_rss_mb: r.peak_rss_mb };
  const { ms, ...detail } = JSON.parse(r.stdout.trim().split('\n').pop());
  return {
    ok: true,
    ms: r.ms,
    in_process_ms: ms,
    peak_rss_mb: r.peak_rss_mb,
    load_avg: r.load_avg,
    ...detail,
  };
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/**
 * The fastest of up to `config.repeats` runs while a run takes under `config.repeat_under_s`, every
 * run's time kept (`runs_ms`): the same rule as the naive baseline's, for the floor and kli too, so
 * a ratio never sets kli's one sample against another variant's best. Short runs are where a moment
 * of load elsewhere on the machine is a large share; a long run is measured once.
 */
function fastestOf(run) {
  const runs = [run()];
  while (runs.length < config.repeats && runs.at(-1).ok && runs.at(-1).ms < config.repeat_under_s * 1000)
    runs.push(run());
  const failed = runs.find((r) => !r.ok);
  if (failed) return failed;
  const fastest = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...fastest, runs_ms: runs.map((r) => r.ms) };
}

/** `kli run` end to end through the CLI: process start, load, check, compile, run, outputs written. */
function kliRun(workspace, data, extra = []) {
  const scratch = mkdtempSync(join(dataDir, 'run-'));
  const out = join(scratch, 'out');
  // cwd is the scratch folder, so anything DuckDB spills lands there and is removed after.
  const r = measured(
    [
      bin,
      'run',
      workspace,
      '--transactions',
      data.transactions,
      '--customers',
      data.customers,
      '--out',
      out,
      '--threads',
      String(config.threads),
      ...extra,
    ],
    { cwd: scratch },
  );
  let report = null;
  if (existsSync(join(out, 'report.json')))
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  rmSync(scratch, { recursive: true, force: true });
  if (!r.ok || !report) return { ok: false, error: r.stderr, ms: r.ms, peak_rss_mb: r.peak_rss_mb };
  const phases = report.timings_ms;
  const inPhases = Object.values(phases).reduce((a, b) => a + b, 0);
  return {
    ok: true,
    ms: r.ms,
    peak_rss_mb: r.peak_rss_mb,
    load_avg: r.load_avg,
    // Process start, load, check, compile, row-count verification and the atomic swap.
    phases_ms: { ...phases, other: r.ms - inPhases },
    rows_read: report.rows.read,
    classified_pct: report.coverage.classified_pct,
    merchant_pct: report.coverage.merchant_pct,
  };
}

/** A fingerprint of the built generator: cached data from another version of it is generated again. */
function generatorStamp() {
  const folder = join(repo, 'dist', 'compiler', 'generate');
  const hash = createHash('sha256');
  for (const file of readdirSync(folder).sort())
    if (file.endsWith('.js')) hash.update(readFileSync(join(folder, file)));
  return hash.digest('hex');
}

/** A sampled classifier's result with its classification time scaled linearly to all `rows`. */
function extrapolated(result, rows) {
  if (!result.ok) return result;
  return {
    ...result,
    extrapolated_classify_ms: Math.round((result.classify_ms * rows) / result.sample_rows),
  };
}

async function dataset(rows) {
  const customers = Math.max(1, Math.round(rows / ROWS_PER_CUSTOMER));
  const folder = join(dataDir, `c${customers}`);
  const transactions = join(folder, 'transactions.csv');
  const stampFile = join(folder, '.generator');
  const stamp = generatorStamp();
  const current = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (!current || !existsSync(transactions) || !existsSync(join(folder, 'customers.csv'))) {
    rmSync(folder, { recursive: true, force: true });
    log(`generating ${customers} customers (~${rows.toLocaleString()} rows) into ${folder}`);
    const r = measured([
      bin,
      'generate',
      '--customers',
      String(customers),
      '--months',
      '12',
      '--seed',
      '1',
      '--out',
      folder,
    ]);
    if (!r.ok) throw new Error(`kli generate failed: ${r.stderr}`);
    writeFileSync(stampFile, stamp);
    log(`generated in ${(r.ms / 1000).toFixed(1)} s`);
  }
  const actual =
    Number(execFileSync('wc', ['-l', transactions], { encoding: 'utf8' }).trim().split(' ')[0]) - 1;
  return { customers, rows: actual, transactions, customers_file: join(folder, 'customers.csv'), folder };
}

/** The first `rows` transactions (whole customers' histories), written once beside the data. */
async function sampleOf(data, rows) {
  if (rows >= data.rows) return { path: data.transactions, rows: data.rows };
  const path = join(data.folder, `sample-${rows}.csv`);
  if (!existsSync(path)) {
    const temp = `${path}.tmp`;
    const output = createWriteStream(temp);
    let n = -1;
    for await (const line of createInterface({ input: createReadStream(data.transactions) })) {
      if (n++ >= rows) break;
      if (!output.write(line + '\n')) await new Promise((r) => output.once('drain', r));
    }
    await new Promise((r) => output.end(r));
    execFileSync('mv', [temp, path]);
  }
  return { path, rows };
}

// ---------------------------------------------------------------------------------------------

mkdirSync(dataDir, { recursive: true });
const workspaces = {
  std: standardLibraryRoot(),
  synthetic: config.libraries.includes('synthetic')
    ? await syntheticLibrary({ dir: join(dataDir, 'synthetic-10k'), log })
    : null,
};
results.config = config;

// Each library's shape (rules, KLIs, aggregates) and its warm compile time, in a child process.
for (const library of config.libraries) {
  const warm = variant('compile', { workspace: workspaces[library] });
  if (!warm.ok) throw new Error(`${library} does not compile:\n${warm.error}`);
  const pick = ['merchant_rules', 'regex_rules', 'merchants', 'klis', 'aggregates', 'segments'];
  results.libraries[library] = Object.fromEntries(pick.map((key) => [key, warm[key]]));
  results.compile[library] = {
    ...results.compile[library],
    warm_compile_ms: warm.warm_compile_ms,
    warm_load_check_lower_ms: warm.warm_load_check_lower_ms,
  };
}
if (!config.skip.includes('compile') && !(resume && results.compile.check_cold_std_cached_ms)) {
  // Cold processes two ways: parsing every file (--no-cache), and with the parse cache warm (in a
  // folder of the benchmark's own, filled by a first run), as a second compile of the same files is.
  const parseCache = { KLI_CACHE_DIR: join(dataDir, 'kli-cache'), KLI_NO_CACHE: '' };
  /** The median of five cold `kli` processes. */
  const cold = (args, env) => median([1, 2, 3, 4, 5].map(() => measured([bin, ...args], { env }).ms));
  for (const library of config.libraries) {
    const compile = ['compile', workspaces[library], '-o', join(dataDir, `compiled-${library}.sql`)];
    results.compile[library].cold_cli_compile_ms = cold([...compile, '--no-cache']);
    measured([bin, ...compile], { env: parseCache }); // fills the cache
    results.compile[library].cold_cli_compile_cached_ms = cold(compile, parseCache);
    log(
      `${library}: ${JSON.stringify(results.libraries[library])} ${JSON.stringify(results.compile[library])}`,
    );
  }
  // Cold processes three ways: parsing and checking every file (--no-cache); with the caches warm
  // (in a folder of the benchmark's own, filled by a first run), where an unchanged workspace is
  // answered from the check cache; and after an edit to one file before each run, so that file is
  // parsed again and the whole workspace checked.
  results.compile.check_cold_std_ms = cold(['check', workspaces.std, '--no-cache']);
  measured([bin, 'check', workspaces.std], { env: parseCache });
  results.compile.check_cold_std_cached_ms = cold(['check', workspaces.std], parseCache);
  const edited = join(dataDir, 'std-edited');
  rmSync(edited, { recursive: true, force: true });
  cpSync(workspaces.std, edited, { recursive: true });
  measured([bin, 'check', edited], { env: parseCache });
  /** The median of five cold checks, each after an edit to `file`. */
  const afterEdits = (file) =>
    median(
      [1, 2, 3, 4, 5].map((i) => {
        appendFileSync(join(edited, file), `// edit ${i}\n`);
        return measured([bin, 'check', edited], { env: parseCache }).ms;
      }),
    );
  results.compile.check_cold_std_edited_ms = afterEdits(join('klis', 'life_events.kli'));
  // An edit to a file that declares merchants: the merchant-overlap report is made again too.
  results.compile.check_cold_std_edited_merchants_ms = afterEdits(join('merchants', 'food.kli'));
  log(
    `kli check std, cold: ${results.compile.check_cold_std_ms} ms --no-cache, ${results.compile.check_cold_std_cached_ms} ms unchanged with the caches warm, ${results.compile.check_cold_std_edited_ms} ms after editing a KLI file, ${results.compile.check_cold_std_edited_merchants_ms} ms after editing a merchant file`,
  );
}
await save();

for (const target of config.rows) {
  const data = await dataset(target);
  const inputs = { transactions: data.transactions, customers: data.customers_file };
  for (const library of config.libraries) {
    let entry = results.runs.find((r) => r.rows === data.rows && r.library === library);
    if (!entry) {
      entry = { rows: data.rows, customers: data.customers, library };
      results.runs.push(entry);
    }
    const step = async (key, what, run) => {
      if (entry[key]?.ok) return;
      log(`${data.rows.toLocaleString()} rows, ${library}: ${what}`);
      entry[key] = run();
      log(
        `  ${entry[key].ok ? `${(entry[key].ms / 1000).toFixed(1)} s, ${entry[key].peak_rss_mb} MB` : `FAILED ${entry[key].error}`}`,
      );
      await save();
    };
    const klis = results.libraries[library]?.klis ?? 0;
    await step('floor', 'floor', () =>
      fastestOf(() =>
        variant('floor', { transactions: data.transactions, threads: config.threads, aggregates: klis }),
      ),
    );
    await step('kli', 'kli run', () => fastestOf(() => kliRun(workspaces[library], { ...inputs })));
    if (!config.skip.includes('naive')) {
      // A million rows, so the sample spans enough of DuckDB's row groups (122,880 rows) to keep
      // every thread busy, as the full data does: 200,000 rows are two unequal row groups, run
      // either side by side or one after the other, and extrapolated they overstated the naive
      // compile by 20–90 % (17.0 and 17.4 s on all of 998,390 rows; 20.9 s or 32.7 s extrapolated).
      const sample = await sampleOf(data, config.naive_sample);
      // The fastest of a few runs: the sample takes seconds, so a moment of load elsewhere on the
      // machine would flatter kli; a slower repeat is noise, never the baseline's own cost.
      const repeats = `fastest of ${config.naive_repeats}`;
      await step('naive', `naive compile on ${sample.rows.toLocaleString()} rows, ${repeats}`, () => {
        const runs = Array.from({ length: config.naive_repeats }, () =>
          variant('naive', {
            workspace: workspaces[library],
            transactions: sample.path,
            threads: config.threads,
          }),
        );
        const failed = runs.find((r) => !r.ok);
        if (failed) return failed;
        const fastest = runs.reduce((a, b) => (b.classify_ms < a.classify_ms ? b : a));
        return { ...extrapolated(fastest, data.rows), classify_ms_runs: runs.map((r) => r.classify_ms) };
      });
    }
    if (!config.skip.includes('engine')) {
      const sample = await sampleOf(data, Math.max(config.engine_sample, 10_000));
      await step(
        'engine',
        `json-rules-engine on up to ${config.engine_sample} rows (${config.engine_budget_s} s budget)`,
        () => {
          const r = variant('engine', {
            workspace: workspaces[library],
            transactions: sample.path,
            threads: config.threads,
            sample: config.engine_sample,
            budgetSeconds: config.engine_budget_s,
          });
          return extrapolated(r, data.rows);
        },
      );
    }
  }
}

if (!config.skip.includes('memory')) {
  const data = await dataset(Math.max(...config.rows));
  for (const library of config.libraries) {
    const done = results.memory_limited.find(
      (m) => m.rows === data.rows && m.library === library && m.memory_limit === config.memory_limit && m.ok,
    );
    if (done) continue;
    log(
      `${data.rows.toLocaleString()} rows, ${library}: kli run --memory-limit ${config.memory_limit} --threads ${config.threads}`,
    );
    const r = kliRun(
      workspaces[library],
      { transactions: data.transactions, customers: data.customers_file },
      ['--memory-limit', config.memory_limit],
    );
    results.memory_limited.push({
      rows: data.rows,
      library,
      memory_limit: config.memory_limit,
      duckdb_memory_limit: duckdbMemoryLimit(parseSize(config.memory_limit)),
      threads: config.threads,
      ...r,
    });
    log(`  ${r.ok ? `${(r.ms / 1000).toFixed(1)} s, ${r.peak_rss_mb} MB` : `FAILED ${r.error}`}`);
    await save();
  }
}

if (!config.skip.includes('lsp') && !(resume && results.lsp)) {
  log('language server latency (bench/lsp-latency.mjs)');
  const output = join(dataDir, 'lsp-latency.json');
  const r = measured([join(here, 'lsp-latency.mjs')], { env: { BENCH_JSON: output } });
  if (r.ok) results.lsp = JSON.parse(readFileSync(output, 'utf8'));
  else log(`  FAILED ${r.stderr}`);
  await save();
}
await save();
log(`done; results in ${resultsPath}, tables in ${join(dirname(resultsPath), 'README.md')}`);
