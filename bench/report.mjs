// Writes bench/README.md (tables, targets met or missed) and bench/scaling.svg (a log-log plot) from
// bench/results.json (or beside the results file given). bench/run.mjs calls it after every
// measurement; by hand: node bench/report.mjs [results.json]
// Text between the `notes` markers in the README is kept: the analysis written after a full run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NOTES_START = '<!-- notes:start -->';
const NOTES_END = '<!-- notes:end -->';
const TARGET_ROWS = 10_000_000;

const s = (ms) =>
  ms == null
    ? '–'
    : ms >= 100_000
      ? `${Math.round(ms / 1000).toLocaleString('en-US')} s`
      : `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
const mb = (v) => (v == null ? '–' : `${v.toLocaleString('en-US')} MiB`);
const x = (v) =>
  v == null || !Number.isFinite(v)
    ? '–'
    : `${v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(v >= 10 ? 1 : 2)}×`;
const rowsLabel = (n) =>
  n >= 1e6 ? `${+(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} M` : `${Math.round(n / 1e3)} k`;
const verdict = (ok) => (ok ? '**met**' : '**missed**');
/** Is this run the issue's 10M-row point? The generator lands within a few percent of the target. */
const atTarget = (rows) => Math.abs(rows - TARGET_ROWS) / TARGET_ROWS < 0.1;

/** Ratios of one run: kli ÷ floor end to end; naive and engine classification ÷ kli's classify phase. */
export function ratios(run) {
  const kli = run.kli?.ok ? run.kli : null;
  const classify = kli?.phases_ms.classify;
  return {
    kliOverFloor: kli && run.floor?.ok ? kli.ms / run.floor.ms : null,
    naiveOverKli: classify && run.naive?.ok ? run.naive.extrapolated_classify_ms / classify : null,
    engineOverKli: classify && run.engine?.ok ? run.engine.extrapolated_classify_ms / classify : null,
  };
}

function targetsSection(results) {
  const lines = ['| target | measured | |', '|---|---|---|'];
  if (!results.runs.some((r) => atTarget(r.rows)))
    for (const run of results.runs.filter((r) => r.kli?.ok && r.floor?.ok))
      lines.push(
        `| end to end ≤ ${run.library === 'std' ? 3 : 5}× the floor at 10M rows, ${run.library} | ${rowsLabel(run.rows)} rows: ${x(ratios(run).kliOverFloor)} | not judged: not run at 10M rows |`,
      );
  for (const run of results.runs.filter((r) => atTarget(r.rows))) {
    const limit = run.library === 'std' ? 3 : 5;
    const r = ratios(run);
    if (r.kliOverFloor != null)
      lines.push(
        `| end to end ≤ ${limit}× the floor at 10M rows, ${run.library} | ${x(r.kliOverFloor)} (${s(run.kli.ms)} vs ${s(run.floor.ms)}) | ${verdict(r.kliOverFloor <= limit)}${r.kliOverFloor > limit ? `, by ${x(r.kliOverFloor / limit)}` : ''} |`,
      );
  }
  for (const run of results.runs) {
    const r = ratios(run);
    const where = `${rowsLabel(run.rows)} rows, ${run.library}`;
    if (r.naiveOverKli != null)
      lines.push(
        `| ≥ 50× faster than the naive compile (classification), ${where} | ${x(r.naiveOverKli)} | ${verdict(r.naiveOverKli >= 50)} |`,
      );
    if (r.engineOverKli != null)
      lines.push(
        `| ≥ 200× faster than json-rules-engine (classification), ${where} | ${x(r.engineOverKli)} | ${verdict(r.engineOverKli >= 200)} |`,
      );
  }
  const c = results.compile;
  if (c.synthetic)
    lines.push(
      `| compile of the 10,000-rule library < 1 s (cold CLI \`kli compile --no-cache\`) | ${s(c.synthetic.cold_cli_compile_ms)} (warm in process ${s(c.synthetic.warm_compile_ms)}) | ${verdict(c.synthetic.cold_cli_compile_ms < 1000)} |`,
    );
  if (c.synthetic?.cold_cli_compile_cached_ms != null)
    lines.push(
      `| compile of the 10,000-rule library < 1 s (cold CLI \`kli compile\`, parse cache warm) | ${s(c.synthetic.cold_cli_compile_cached_ms)} | ${verdict(c.synthetic.cold_cli_compile_cached_ms < 1000)} |`,
    );
  if (c.check_cold_std_cached_ms != null)
    lines.push(
      `| \`kli check\` on std < 300 ms (cold CLI, unchanged workspace, caches warm) | ${s(c.check_cold_std_cached_ms)} | ${verdict(c.check_cold_std_cached_ms < 300)} |`,
    );
  if (c.check_cold_std_edited_ms != null)
    lines.push(
      `| \`kli check\` on std < 300 ms (cold CLI, one KLI file edited, caches warm) | ${s(c.check_cold_std_edited_ms)} | ${verdict(c.check_cold_std_edited_ms < 300)} |`,
    );
  if (c.check_cold_std_edited_merchants_ms != null)
    lines.push(
      `| \`kli check\` on std < 300 ms (cold CLI, one merchant file edited, caches warm) | ${s(c.check_cold_std_edited_merchants_ms)} | ${verdict(c.check_cold_std_edited_merchants_ms < 300)} |`,
    );
  if (c.check_cold_std_ms != null)
    lines.push(
      `| \`kli check\` on std < 300 ms (cold CLI, \`--no-cache\`) | ${s(c.check_cold_std_ms)} | ${verdict(c.check_cold_std_ms < 300)} |`,
    );
  // The target is the process's peak RSS within 4 GiB. `kli run --memory-limit` is the budget of the
  // whole run (DuckDB's buffer pool gets a share of it), and RSS is what is judged.
  for (const m of (results.memory_limited ?? []).filter((r) => r.rows >= 45e6)) {
    lines.push(
      `| 50M rows within 4 GiB (peak RSS), ${m.library}, \`kli run --memory-limit ${m.memory_limit}\`${m.duckdb_memory_limit ? ` (DuckDB's pool ${m.duckdb_memory_limit})` : ''} | ${m.ok ? `ran in ${s(m.ms)}, peak RSS ${mb(m.peak_rss_mb)}` : 'failed'} | ${verdict(m.ok && m.peak_rss_mb <= 4096)}${m.ok && m.peak_rss_mb > 4096 ? `, by ${mb(m.peak_rss_mb - 4096)}` : ''} |`,
    );
  }
  return lines.join('\n');
}

/** A floor or kli run's time; with the times of every run when it is the fastest of several. */
function timed(run) {
  if (!run?.ok) return 'failed';
  return run.runs_ms?.length > 1 ? `${s(run.ms)} (runs ${run.runs_ms.map(s).join(', ')})` : s(run.ms);
}

function runsSection(results) {
  const lines = [
    '| rows | library | floor | kli | kli ÷ floor | naive classify† | naive ÷ kli‡ | json-rules-engine† | engine ÷ kli‡ | classified |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const run of [...results.runs].sort((a, b) => a.rows - b.rows || (a.library < b.library ? -1 : 1))) {
    const r = ratios(run);
    const naive = run.naive?.ok
      ? `${s(run.naive.extrapolated_classify_ms)} (${s(run.naive.classify_ms)} on ${run.naive.sample_rows.toLocaleString('en-US')} rows${run.naive.classify_ms_runs ? `; runs ${run.naive.classify_ms_runs.map(s).join(', ')}` : ''})`
      : '–';
    const engine = run.engine?.ok
      ? `${s(run.engine.extrapolated_classify_ms)} (${s(run.engine.classify_ms)} on ${run.engine.sample_rows.toLocaleString('en-US')} rows)`
      : '–';
    lines.push(
      `| ${run.rows.toLocaleString('en-US')} | ${run.library} | ${timed(run.floor)} | ${timed(run.kli)} | ${x(r.kliOverFloor)} | ${naive} | ${x(r.naiveOverKli)} | ${engine} | ${x(r.engineOverKli)} | ${run.kli?.ok ? `${run.kli.classified_pct}% (merchant ${run.kli.merchant_pct}%)` : '–'} |`,
    );
  }
  return lines.join('\n');
}

function phasesSection(results) {
  const phases = ['read', 'cleanse', 'classify', 'klis', 'segments', 'write', 'other'];
  const lines = [
    `| rows | library | ${phases.join(' | ')} | total |`,
    `|---|---|${phases.map(() => '---|').join('')}---|`,
  ];
  for (const run of results.runs.filter((r) => r.kli?.ok).sort((a, b) => a.rows - b.rows))
    lines.push(
      `| ${run.rows.toLocaleString('en-US')} | ${run.library} | ${phases.map((p) => s(run.kli.phases_ms[p] ?? 0)).join(' | ')} | ${s(run.kli.ms)} |`,
    );
  return lines.join('\n');
}

function memorySection(results) {
  const lines = [
    '| rows | library | floor | kli | naive (sample) | json-rules-engine (sample) |',
    '|---|---|---|---|---|---|',
  ];
  for (const run of [...results.runs].sort((a, b) => a.rows - b.rows))
    lines.push(
      `| ${run.rows.toLocaleString('en-US')} | ${run.library} | ${mb(run.floor?.peak_rss_mb)} | ${mb(run.kli?.peak_rss_mb)} | ${mb(run.naive?.peak_rss_mb)} | ${mb(run.engine?.peak_rss_mb)} |`,
    );
  return lines.join('\n');
}

function growthSection(results) {
  const lines = [];
  const byLibrary = (library) =>
    results.runs.filter((r) => r.library === library && r.kli?.ok).sort((a, b) => a.rows - b.rows);
  lines.push('With rows (time per million rows; linear growth keeps it flat):', '');
  lines.push(
    '| library | variant | ' +
      [...new Set(results.runs.map((r) => r.rows))]
        .sort((a, b) => a - b)
        .map(rowsLabel)
        .join(' | ') +
      ' |',
  );
  const sizes = [...new Set(results.runs.map((r) => r.rows))].sort((a, b) => a - b);
  lines.push(`|---|---|${sizes.map(() => '---|').join('')}`);
  for (const library of [...new Set(results.runs.map((r) => r.library))])
    for (const [variant, pick] of [
      ['floor', (r) => r.floor?.ok && r.floor.ms],
      ['kli', (r) => r.kli?.ok && r.kli.ms],
      ['kli classify', (r) => r.kli?.ok && r.kli.phases_ms.classify],
    ])
      lines.push(
        `| ${library} | ${variant} | ${sizes
          .map((n) => {
            const run = results.runs.find((r) => r.rows === n && r.library === library);
            const v = run && pick(run);
            return v ? s((v * 1e6) / n) : '–';
          })
          .join(' | ')} |`,
      );
  const std = byLibrary('std');
  const syn = byLibrary('synthetic');
  const ls = results.libraries;
  if (std.length && syn.length && ls.std && ls.synthetic) {
    const ruleRatio = ls.synthetic.merchant_rules / ls.std.merchant_rules;
    lines.push(
      '',
      `With rules (synthetic ÷ std; the synthetic library has ${x(ruleRatio)} the merchant rules and ${x(ls.synthetic.klis / ls.std.klis)} the KLIs; sub-linear in rules means a classify ratio below ${x(ruleRatio)}):`,
      '',
      '| rows | kli end to end | classify phase | KLI phase |',
      '|---|---|---|---|',
    );
    for (const a of std) {
      const b = syn.find((r) => r.rows === a.rows);
      if (b)
        lines.push(
          `| ${a.rows.toLocaleString('en-US')} | ${x(b.kli.ms / a.kli.ms)} | ${x(b.kli.phases_ms.classify / a.kli.phases_ms.classify)} | ${x(b.kli.phases_ms.klis / a.kli.phases_ms.klis)} |`,
        );
    }
  }
  return lines.join('\n');
}

function compileSection(results) {
  const lines = [
    '| library | merchant rules (regex) | merchants | KLIs | aggregates | cold `kli compile --no-cache` (CLI, median of 5) | cold, parse cache warm | warm load+check+lower | warm + emit |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, l] of Object.entries(results.libraries)) {
    const c = results.compile[name] ?? {};
    lines.push(
      `| ${name} | ${l.merchant_rules.toLocaleString('en-US')} (${l.regex_rules}) | ${l.merchants.toLocaleString('en-US')} | ${l.klis} | ${l.aggregates} | ${s(c.cold_cli_compile_ms)} | ${s(c.cold_cli_compile_cached_ms)} | ${s(c.warm_load_check_lower_ms)} | ${s(c.warm_compile_ms)} |`,
    );
  }
  const {
    check_cold_std_ms: noCache,
    check_cold_std_cached_ms: cached,
    check_cold_std_edited_ms: edited,
    check_cold_std_edited_merchants_ms: editedMerchants,
  } = results.compile;
  if (noCache != null)
    lines.push(
      '',
      `\`kli check library/std\`, cold CLI, median of 5: ${s(noCache)} parsing and checking every file (\`--no-cache\`)` +
        (cached != null ? `; ${s(cached)} unchanged, answered from the check cache` : '') +
        (edited != null
          ? `; ${s(edited)} after editing a KLI file (that file parsed, the workspace checked)`
          : '') +
        (editedMerchants != null
          ? `; ${s(editedMerchants)} after editing a merchant file (the merchant-overlap report made again too)`
          : '') +
        '.',
    );
  return lines.join('\n');
}

function memoryLimitedSection(results) {
  if (!results.memory_limited?.length) return 'Not run yet.';
  const lines = [
    "| rows | library | --memory-limit | DuckDB's pool | threads | result | wall | peak RSS | read | cleanse | classify | KLIs | write |",
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const m of results.memory_limited)
    lines.push(
      `| ${m.rows.toLocaleString('en-US')} | ${m.library} | ${m.memory_limit} | ${m.duckdb_memory_limit ?? m.memory_limit} | ${m.threads} | ${m.ok ? 'ok' : `failed: ${(m.error ?? '').split('\n').pop()}`} | ${s(m.ms)} | ${mb(m.peak_rss_mb)} | ${m.ok ? ['read', 'cleanse', 'classify', 'klis', 'write'].map((p) => s(m.phases_ms[p])).join(' | ') : '– | – | – | – | –'} |`,
    );
  return lines.join('\n');
}

function lspSection(results) {
  if (!results.lsp) return 'Not run yet (`node bench/lsp-latency.mjs`).';
  const f = (v) => `${v.median.toFixed(1)} / ${v.p95.toFixed(1)}`;
  const [a, b] = results.lsp.workspaces;
  const rows = [
    ['completion', 'completion'],
    ['completion in an expression', 'inExpression'],
    ['hover', 'hover'],
    ['definition', 'definition'],
    ['fresh diagnostics after an edit', 'inLine'],
    ['fresh diagnostics after a new line', 'newLine'],
  ];
  return [
    `| median / p95 (ms), ${results.lsp.samples} requests each | ${a.name}, ${a.lines.toLocaleString('en-US')} lines | ${b.name}, ${b.lines.toLocaleString('en-US')} lines |`,
    '|---|---|---|',
    ...rows.map(([label, key]) => `| ${label} | ${f(a[key])} | ${f(b[key])} |`),
    '',
    `Server RSS every 1,000 of ${results.lsp.edits.toLocaleString('en-US')} edits (MB): ${results.lsp.rss_mb.join(', ')}.`,
  ].join('\n');
}

/** Time against rows, log-log, one line per variant and library: std solid with dots, synthetic dashed with squares. */
export function scalingSvg(results) {
  const W = 720,
    H = 440,
    left = 70,
    right = 190,
    top = 44,
    bottom = 50;
  const series = [];
  const colors = { floor: '#6b7280', kli: '#2563eb', naive: '#dc2626', engine: '#d97706' };
  for (const library of [...new Set(results.runs.map((r) => r.library))])
    for (const [variant, pick] of [
      ['floor', (r) => r.floor?.ok && r.floor.ms],
      ['kli', (r) => r.kli?.ok && r.kli.ms],
      ['naive', (r) => r.naive?.ok && r.naive.extrapolated_classify_ms],
      ['engine', (r) => r.engine?.ok && r.engine.extrapolated_classify_ms],
    ]) {
      const points = results.runs
        .filter((r) => r.library === library && pick(r))
        .map((r) => [r.rows, pick(r)])
        .sort((a, b) => a[0] - b[0]);
      if (points.length) series.push({ library, variant, points });
    }
  const all = series.flatMap((p) => p.points);
  if (!all.length)
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="60"><text x="10" y="30">no results yet</text></svg>\n`;
  const decade = (v, f) => 10 ** f(Math.log10(v));
  const [x0, x1] = [
    decade(Math.min(...all.map((p) => p[0])), Math.floor),
    decade(Math.max(...all.map((p) => p[0])) * 1.01, Math.ceil),
  ];
  const [y0, y1] = [
    decade(Math.min(...all.map((p) => p[1])), Math.floor),
    decade(Math.max(...all.map((p) => p[1])) * 1.01, Math.ceil),
  ];
  const px = (v) =>
    left + ((Math.log10(v) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0) || 1)) * (W - left - right);
  const py = (v) =>
    H -
    bottom -
    ((Math.log10(v) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0) || 1)) * (H - top - bottom);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${left}" y="16" font-size="14">Wall time vs transactions (log-log)</text>`,
    `<text x="${left}" y="30" fill="#4b5563">naive and json-rules-engine: classification only, extrapolated from a sample</text>`,
  ];
  for (let v = x0; v <= x1 * 1.001; v *= 10)
    out.push(
      `<line x1="${px(v)}" x2="${px(v)}" y1="${top}" y2="${H - bottom}" stroke="#e5e7eb"/>`,
      `<text x="${px(v)}" y="${H - bottom + 18}" text-anchor="middle">${rowsLabel(v)}</text>`,
    );
  for (let v = y0; v <= y1 * 1.001; v *= 10)
    out.push(
      `<line x1="${left}" x2="${W - right}" y1="${py(v)}" y2="${py(v)}" stroke="#e5e7eb"/>`,
      `<text x="${left - 6}" y="${py(v) + 4}" text-anchor="end">${v >= 1000 ? `${v / 1000} s` : `${v} ms`}</text>`,
    );
  out.push(`<text x="${(left + W - right) / 2}" y="${H - 12}" text-anchor="middle">transactions</text>`);
  series.forEach((p, i) => {
    const dash = p.library === 'std' ? '' : ' stroke-dasharray="6 4"';
    const color = colors[p.variant];
    out.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${p.points.map(([a, b]) => `${px(a).toFixed(1)},${py(b).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const [a, b] of p.points)
      out.push(
        p.library === 'std'
          ? `<circle cx="${px(a).toFixed(1)}" cy="${py(b).toFixed(1)}" r="3.5" fill="${color}"/>`
          : `<rect x="${(px(a) - 3.5).toFixed(1)}" y="${(py(b) - 3.5).toFixed(1)}" width="7" height="7" fill="${color}"/>`,
      );
    const ly = top + 10 + i * 18;
    out.push(
      `<line x1="${W - right + 12}" x2="${W - right + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${W - right + 46}" y="${ly + 4}">${p.variant}, ${p.library}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export function readme(results, notes) {
  const m = results.machine;
  const c = results.config;
  const sizeTimes = [...new Set(results.runs.map((r) => r.rows))]
    .sort((a, b) => a - b)
    .map((n) => {
      const total = results.runs
        .filter((r) => r.rows === n)
        .reduce(
          (sum, r) => sum + ['floor', 'kli', 'naive', 'engine'].reduce((t, k) => t + (r[k]?.ms ?? 0), 0),
          0,
        );
      return `${rowsLabel(n)} rows: ${s(total)}`;
    })
    .join('; ');
  return `# Benchmarks

<!-- GENERATED by bench/report.mjs from bench/results.json; edit only between the notes markers. -->

\`npm run bench\` builds, then runs \`bench/run.mjs\`, which measures, saves \`bench/results.json\` after
every measurement and regenerates this file and \`scaling.svg\`. Each variant runs in its own
process under \`/usr/bin/time -v\`, so its peak RSS is its own:

- **floor** — DuckDB doing the same I/O with no rules: read the CSV, write a transactions Parquet of
  the same shape (constant merchant and category) and a per-customer Parquet with as many plain
  aggregates as the library has KLIs;
- **kli** — \`kli run\` through the CLI, end to end (process start, load, check, compile, run, outputs
  written, atomic swap), with the run's own per-phase timings from \`report.json\` (*other* = process
  start, load, check, compile, row-count verification and the swap);
- **naive** — the same merchant rules as one \`CASE WHEN … LIKE …\` per row (most specific first,
  regexes last), over the rows kli's own read and cleanse statements produce, **on a sample**
  (the first ${c.naive_sample.toLocaleString('en-US')} rows, whole customers; all of them where the data is no larger), the fastest of ${c.naive_repeats ?? 1} runs, and
  **extrapolated linearly** to the full size. The sample is large enough to keep every thread busy
  (DuckDB hands out rows by row groups of 122,880): a sample of two row groups ran either in parallel
  or one after the other and overstated the naive compile by 20–90 % when extrapolated;
- **json-rules-engine** — the same merchant rules as json-rules-engine rules (custom exact, prefix,
  whole-word and regex operators), run row by row in Node on cleansed rows, **on a sample** (up
  to ${c.engine_sample.toLocaleString('en-US')} rows or ${c.engine_budget_s} s) and **extrapolated linearly**.

${
  c.repeats > 1
    ? `A floor or kli run that takes under ${c.repeat_under_s} s is run up to ${c.repeats} times and the fastest kept (the
table lists every run), as the naive baseline is, so no ratio sets one sample against another
variant's best; a longer run is measured once.\n\n`
    : ''
}naive ÷ kli and engine ÷ kli compare classification with classification: the sampled classifier's
extrapolated time against kli's *classify* phase on the full data (reading, cleansing and KLIs are
the same work in all three and are left out).

Two libraries: **std** (\`library/std\`) and **synthetic**, written by \`bench/synthetic-library.mjs\`
(deterministic, cached in the data folder): std's taxonomy, cleanse pipeline, cities, MCC table and
customer declaration, plus 10,000 merchant rules — about a third derived from cleansed descriptors
of a generated sample (prefixes, whole-word contains, frequent exact descriptors, a few dozen regexes,
each with the std category most of its rows have) and the rest made-up brand names with aliases —
and 100 KLIs of std's kinds (counts, sums, averages over windows, growth against a prior window,
months active, recency, variety, thresholds on customer attributes, KLIs built from KLIs).

\`\`\`
node bench/run.mjs --rows 1e6,1e7,5e7      # sizes (default 1e6)
  --libraries std,synthetic --threads 2 --memory-limit 4GiB
  --data-dir bench/.data                    # generated data, samples and the synthetic library, reused
  --results bench/results.json --resume     # resume: keep what results.json has, measure the rest
  --naive-sample 1000000 --naive-repeats 3 --engine-sample 2000 --engine-budget 60
  --repeats 3 --repeat-under 60             # floor and kli runs under 60 s: the fastest of up to 3
  --skip naive,engine,memory,compile,lsp
node bench/report.mjs                       # tables and plot again from results.json
\`\`\`

Data: \`kli generate\` (12 months, seed 1, ~450 transactions per customer), CSV, cached under
\`--data-dir\` (git-ignored; generated again when the built generator changes): about 87 MB per
million rows; generating 50M rows took 77 s on the idle 2-core machine (2026-12-07). The memory-limited run
is \`kli run --memory-limit\` (the budget of the whole process, of which DuckDB's buffer pool gets
half) on the largest size, once per library. Time the floor, kli, naive and
json-rules-engine variants took here, per size: ${sizeTimes || 'none yet'}.

Machine: ${m.cpu} × ${m.cpus}, ${m.memory_gb} GB, Node ${m.node}; DuckDB threads ${c.threads}. Started ${results.started_at},
last saved ${results.finished_at}. Load average at each measurement is in \`results.json\` (\`load_avg\`).

## Targets (performance issue)

${targetsSection(results)}

## End to end, and the alternatives

† classification only, measured on the sample shown and extrapolated linearly to all rows.
‡ extrapolated classification ÷ kli's classify phase.

${runsSection(results)}

![time vs rows](scaling.svg)

## kli's phases

${phasesSection(results)}

## Growth

${growthSection(results)}

## Peak memory (RSS)

${memorySection(results)}

## Memory-limited run

${memoryLimitedSection(results)}

## Compile and check

${compileSection(results)}

## Language server latency

\`bench/lsp-latency.mjs\` drives the compiled server over stdio as an editor does (debounce 0 for the
diagnostics figures, so they are the work itself).

${lspSection(results)}

## Notes

${NOTES_START}
${notes.trim()}
${NOTES_END}
`;
}

export function writeReport(results, { dir }) {
  const readmePath = join(dir, 'README.md');
  let notes = 'No analysis written yet: add it here after a full run.';
  if (existsSync(readmePath)) {
    const text = readFileSync(readmePath, 'utf8');
    const start = text.indexOf(NOTES_START);
    const end = text.indexOf(NOTES_END);
    if (start >= 0 && end > start) notes = text.slice(start + NOTES_START.length, end);
  }
  writeFileSync(join(dir, 'scaling.svg'), scalingSvg(results));
  writeFileSync(readmePath, readme(results, notes));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2] ?? join(fileURLToPath(new URL('.', import.meta.url)), 'results.json');
  writeReport(JSON.parse(readFileSync(path, 'utf8')), { dir: dirname(path) });
}
