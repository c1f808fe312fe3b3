// npm run bench: kli side by side with the floor (DuckDB doing the same I/O with no rules) and the
// naive compile (one CASE WHEN … LIKE per row), on generated data. Results go to bench/results.json.
// Usage: node bench/run.mjs [--rows 1000000[,10000000]] [--threads N]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWorkspace } from '../dist/compiler/compile.js';
import { generate } from '../dist/compiler/generate/generate.js';
import { check } from '../dist/language/check.js';
import { loadWorkspace, standardLibraryRoot } from '../dist/language/workspace.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const arg = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('--rows', '1000000').split(',').map(Number);
const threads = Number(arg('--threads', '2'));
// The generator averages about 37 transactions per customer-month over 12 months.
const rowsPerCustomer = 450;

function variant(name, options) {
  const output = execFileSync(process.execPath, [join(here, 'variant.mjs'), name, JSON.stringify(options)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(output.trim().split('\n').pop());
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const results = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version, threads },
  compile: {},
  sizes: [],
};

// Compile and check time for the standard library, in this process, warm (median of 5).
const times = { check: [], compile: [] };
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  check(loadWorkspace(standardLibraryRoot()));
  times.check.push(performance.now() - t);
  t = performance.now();
  compileWorkspace(standardLibraryRoot());
  times.compile.push(performance.now() - t);
}
const plan = compileWorkspace(standardLibraryRoot()).plan;
results.compile = {
  check_ms: Math.round(median(times.check)),
  load_check_lower_ms: Math.round(median(times.compile)),
  merchant_rules: plan.rules.length + plan.regexRules.length,
  klis: plan.klis.length,
  aggregates: plan.aggregates.length,
};
console.log('std library', results.compile);

for (const rows of sizes) {
  const customers = Math.max(1, Math.round(rows / rowsPerCustomer));
  const folder = join(here, '.data', `c${customers}`);
  if (!existsSync(join(folder, 'transactions.csv'))) {
    mkdirSync(folder, { recursive: true });
    await generate({ customers, months: 12, seed: 1, out: folder });
  }
  const inputs = {
    transactions: join(folder, 'transactions.csv'),
    customers: join(folder, 'customers.csv'),
    threads,
    aggregates: plan.aggregates.length,
  };
  const floor = variant('floor', inputs);
  const kli = variant('kli', inputs);
  const naive = variant('naive', inputs);
  const entry = {
    customers,
    floor,
    kli,
    naive,
    ratios: {
      kli_over_floor: +(kli.ms / floor.ms).toFixed(2),
      naive_classify_over_kli_classify: +(naive.classify_ms / kli.phases_ms.classify).toFixed(1),
    },
  };
  console.log(JSON.stringify(entry));
  results.sizes.push(entry);
}
writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
