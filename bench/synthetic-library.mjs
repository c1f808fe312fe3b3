// A synthetic rule library for the benchmark: 10,000 merchant rules and 100 KLIs, generated
// deterministically. The taxonomy, cleanse pipeline, city list, MCC table and customer declaration
// are std's own files, copied, so only the rules and KLIs differ from std.
//
// Rules come from two sources, like a real bank's library: patterns derived from descriptors the
// generator prints (cleansed by std's pipeline and grouped by std's classification, so they match
// a realistic fraction of the data), and brand-like names that match nothing in it (most rules of a
// large library are for merchants a given month's customers never visit).
//
// Usage: node bench/synthetic-library.mjs [--out dir] [--rules 10000] [--klis 100] [--seed 1]
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWorkspace } from '../dist/compiler/compile.js';
import { Engine } from '../dist/compiler/duckdb.js';
import { generate } from '../dist/compiler/generate/generate.js';
import { run } from '../dist/compiler/run.js';
import { standardLibraryRoot } from '../dist/language/workspace.js';
import { seeded } from './random.mjs';

const REGEX_RULES = 60;
const EXACT_SHARE = 0.06;
const SAMPLE_CUSTOMERS = 150;
const COPIED_FROM_STD = ['categories.kli', 'cleanse.kli', 'locations.kli', 'mcc.kli', 'customer.kli'];

/** The words of a descriptor as `contains` sees them: runs of letters and digits, apostrophes dropped. */
const words = (text) =>
  text
    .replace(/'/g, '')
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
const isWord = (w) => /^[A-Z]{3,}$/.test(w);

/** std's classification of a generated sample: per cleansed descriptor, its rows, merchant and category. */
async function classifiedSample(seed) {
  const scratch = mkdtempSync(join(tmpdir(), 'kli-synthetic-'));
  try {
    const data = join(scratch, 'data');
    await generate({ customers: SAMPLE_CUSTOMERS, months: 12, seed: seed + 100, out: data });
    const out = join(scratch, 'out');
    const result = await run({
      workspace: standardLibraryRoot(),
      transactions: [join(data, 'transactions.csv')],
      customers: join(data, 'customers.csv'),
      out,
      format: 'parquet',
      threads: 2,
    });
    if (!result.ok) throw new Error(result.error);
    const engine = await Engine.open({ threads: 2 });
    const rows = await engine.rows(
      `SELECT description, count(*)::INTEGER AS n, any_value(merchant ORDER BY merchant) AS merchant,
              mode(category ORDER BY category) AS category
       FROM read_parquet('${join(out, 'transactions.parquet').replace(/'/g, "''")}')
       WHERE description <> ''
       GROUP BY description ORDER BY n DESC, description`,
    );
    engine.close();
    return rows;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Patterns taken from the sample, each with the std category most of its rows have. */
function derivedPatterns(sample, random) {
  const prefixes = new Map();
  const contains = new Map();
  const tally = (map, key, category, n) => {
    const entry = map.get(key) ?? { n: 0, categories: new Map() };
    entry.n += n;
    entry.categories.set(category, (entry.categories.get(category) ?? 0) + n);
    map.set(key, entry);
  };
  for (const { description, n, category } of sample) {
    const w = words(description);
    if (w.length === 0 || !category || category === 'uncategorized') continue;
    // Prefixes as a rule writer would take them: the first one or two words as printed.
    const parts = description.split(' ');
    if (isWord(w[0]) && w[0].length >= 4) tally(prefixes, parts[0], category, n);
    if (parts.length >= 2 && isWord(w[0])) tally(prefixes, `${parts[0]} ${parts[1]}`, category, n);
    for (let i = 0; i < w.length; i++) {
      if (isWord(w[i]) && w[i].length >= 5) tally(contains, w[i], category, n);
      if (i + 1 < w.length && isWord(w[i]) && isWord(w[i + 1]))
        tally(contains, `${w[i]} ${w[i + 1]}`, category, n);
    }
  }
  // Keep patterns whose rows mostly share one category: what a reviewed rule would say.
  const confident = (map) =>
    [...map.entries()]
      .map(([pattern, { n, categories }]) => {
        const [category, top] = [...categories.entries()].sort(
          (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
        )[0];
        return { pattern, n, category, share: top / n };
      })
      .filter((p) => p.share >= 0.9)
      .sort((a, b) => b.n - a.n || (a.pattern < b.pattern ? -1 : 1));
  const exact = sample
    .filter((s) => s.category && s.category !== 'uncategorized' && /^[A-Z0-9 .&*'-]+$/.test(s.description))
    .slice(0, 2000)
    .map((s) => ({ pattern: s.description, category: s.category }));
  const regexWords = confident(contains).filter((p) => !p.pattern.includes(' '));
  const regex = [];
  for (let i = 0; i + 1 < regexWords.length && regex.length < REGEX_RULES; i += 2) {
    const [a, b] = [regexWords[i], regexWords[i + 1]];
    regex.push(
      random() < 0.5
        ? { pattern: `^${a.pattern}\\s+\\d+`, category: a.category }
        : { pattern: `\\b(${a.pattern}|${b.pattern})\\b.*\\b[A-Z]{2}$`, category: a.category },
    );
  }
  return {
    prefix: confident(prefixes).filter((p) => /^[A-Z0-9 .&*'-]+$/.test(p.pattern)),
    contains: confident(contains),
    exact,
    regex,
  };
}

const SYLLABLES = [
  'bar',
  'ven',
  'lo',
  'qui',
  'tor',
  'mar',
  'zen',
  'ka',
  'ri',
  'po',
  'lux',
  'dal',
  'fen',
  'gro',
  'hal',
  'ix',
  'jun',
  'kel',
  'mo',
  'nor',
  'ova',
  'pra',
  'sil',
  'tu',
  'vel',
  'wyn',
  'yar',
  'zo',
  'bri',
  'cor',
];
const SUFFIXES = [
  'MARKET',
  'CAFE',
  'GRILL',
  'SUPPLY',
  'OUTFITTERS',
  'PHARMACY',
  'FITNESS',
  'AUTO',
  'GOODS',
  'STUDIO',
  'DELI',
  'HOME',
  'PETS',
  'BOOKS',
  'TRAVEL',
  'WIRELESS',
  'INSURANCE',
  'LENDING',
  'CLINIC',
  'SALON',
];

/** A made-up brand whose first word is neither a prefix of another brand's nor extended by one, so
 * brands never shadow each other (a reviewed library would not either). */
function brandName(random, taken) {
  for (;;) {
    const count = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < count; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    word = word.toUpperCase();
    let clash = taken.prefixes.has(word);
    for (let i = 1; i <= word.length && !clash; i++) clash = taken.words.has(word.slice(0, i));
    if (clash) continue;
    taken.words.add(word);
    for (let i = 1; i <= word.length; i++) taken.prefixes.add(word.slice(0, i));
    return random() < 0.5 ? `${word} ${SUFFIXES[Math.floor(random() * SUFFIXES.length)]}` : word;
  }
}

const normalize = (kind, pattern) =>
  kind === 'contains' ? words(pattern.toUpperCase()).join(' ') : pattern.toUpperCase();

/** Merchants with 1–3 patterns each (aliases), `rules` patterns in all, no two claiming the same one. */
function merchants(derived, leafCategories, rules, random) {
  const claimed = new Set();
  const list = [];
  let count = 0;
  // One merchant per text, whatever the matcher: `exact "X"` and `prefix "X"` in two merchants would
  // make one of them dead, which a reviewed library does not ship.
  const texts = new Set();
  const claim = (kind, pattern) => {
    const key = `${kind}\u0000${normalize(kind, pattern)}`;
    const text = words(pattern.toUpperCase()).join(' ');
    if (!normalize(kind, pattern) || claimed.has(key) || (kind !== 'regex' && texts.has(text))) return false;
    claimed.add(key);
    if (kind !== 'regex') texts.add(text);
    return true;
  };
  const add = (matchers, category) => {
    const kept = matchers.filter(([kind, pattern]) => claim(kind, pattern));
    if (kept.length === 0 || count + kept.length > rules) return;
    count += kept.length;
    list.push({ name: `m${String(list.length + 1).padStart(5, '0')}`, matchers: kept, category });
  };
  // About a third of the library comes from the data, the rest from brand-like names.
  const budget = Math.round(rules * 0.35);
  for (const p of derived.regex) add([['regex', p.pattern]], p.category);
  for (const p of derived.exact.slice(0, Math.round(rules * EXACT_SHARE)))
    add([['exact', p.pattern]], p.category);
  const fromData = [
    ...derived.prefix.map((p) => ['prefix', p]),
    ...derived.contains.map((p) => ['contains', p]),
  ].sort((a, b) => b[1].n - a[1].n || (a[1].pattern < b[1].pattern ? -1 : 1));
  for (const [kind, p] of fromData) {
    if (count >= budget) break;
    const matchers = [[kind, p.pattern]];
    // An alias as rule writers add them: the same name without its spaces.
    if (kind === 'prefix' && p.pattern.includes(' ') && random() < 0.3)
      matchers.push(['prefix', p.pattern.replace(/ /g, '')]);
    add(matchers, p.category);
  }
  const taken = { words: new Set(), prefixes: new Set() };
  for (const [kind, pattern] of [...claimed].map((key) => key.split('\u0000'))) {
    const first = kind === 'regex' ? undefined : words(pattern)[0];
    if (!first) continue;
    taken.words.add(first);
    for (let i = 1; i <= first.length; i++) taken.prefixes.add(first.slice(0, i));
  }
  while (count < rules) {
    const name = brandName(random, taken);
    const roll = random();
    const kind = roll < 0.7 ? 'prefix' : roll < 0.92 ? 'contains' : 'exact';
    const matchers = [[kind, name]];
    if (random() < 0.35) matchers.push(['prefix', name.split(' ')[0].slice(0, 8) + ' *']);
    if (random() < 0.15) matchers.push(['contains', `${name} ONLINE`]);
    add(matchers.slice(0, rules - count), leafCategories[Math.floor(random() * leafCategories.length)]);
  }
  return list;
}

const quote = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function merchantSource(list) {
  const lines = [];
  for (const m of list) {
    lines.push(`merchant ${m.name} "Synthetic ${m.name}" {`);
    for (const [kind, pattern] of m.matchers)
      lines.push(kind === 'regex' ? `  match regex /${pattern}/` : `  match ${kind} ${quote(pattern)}`);
    lines.push(`  category ${m.category}`, '}', '');
  }
  return lines.join('\n');
}

/** 100 KLIs of the kinds std has: counts, sums and averages over windows, growth against a prior
 * window, regularity, recency, variety, and KLIs built from other KLIs. */
function kliSource(count, leafCategories, primaries, merchantNames, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const blocks = [];
  const names = [];
  for (let i = 0; i < count; i++) {
    const name = `k${String(i + 1).padStart(3, '0')}`;
    const leaf = pick(leafCategories);
    const primary = pick(primaries);
    const threshold = [2, 3, 4, 6][i % 4];
    const money = [200, 500, 1000, 2500][i % 4];
    let body;
    if (i >= 10 && i % 6 === 5) {
      const [a, b] = [pick(names), pick(names)];
      body =
        a === b
          ? [`when ${a} and customer.avg_balance >= ${money * 2}`, `score ${a}.score`]
          : [`when ${a} and not ${b}`, `score (${a}.score + ${b}.score) / 2`];
    } else {
      switch (i % 7) {
        case 0:
          body = [
            'window 90 days',
            `let n = count(where category is ${leaf} and amount > 0)`,
            `when n >= ${threshold}`,
            `score min(n / ${threshold * 2}, 1)`,
          ];
          break;
        case 1:
          body = [
            'window 180 days',
            `let spend = sum(amount where category under ${primary} and amount > 0)`,
            `when spend >= ${money}`,
            `score min(spend / ${money * 2}, 1)`,
          ];
          break;
        case 2:
          body = [
            `let recent = sum(amount where category under ${primary} and amount > 0) over 90 days`,
            `let prior = sum(amount where category under ${primary} and amount > 0) between 365 days ago and 91 days ago`,
            `when recent >= ${money} and recent > prior / 3 * 1.5`,
          ];
          break;
        case 3: {
          const chosen = [pick(merchantNames), pick(merchantNames), pick(merchantNames)];
          body = [
            'window 180 days',
            `let active = months_with(where merchant in [${[...new Set(chosen)].join(', ')}] or category is ${leaf})`,
            `when active >= ${threshold}`,
          ];
          break;
        }
        case 4:
          body = [
            `let gap = days_since_last(where category is ${leaf})`,
            `let before = count(where category is ${leaf}) between 365 days ago and 91 days ago`,
            `when before >= ${threshold} and gap > 90`,
          ];
          break;
        case 5:
          body = [
            'window 90 days',
            `let shops = count_distinct(merchant where category under ${primary})`,
            `when shops >= ${threshold + 1}`,
            `score min(shops / ${threshold * 3}, 1)`,
          ];
          break;
        default:
          body = [
            'window 180 days',
            `let ticket = avg(amount where category is ${leaf} and amount > 0)`,
            `let visits = count(where category is ${leaf} and amount > 0)`,
            `when visits >= ${threshold} and ticket >= ${Math.round(money / 10)}`,
          ];
      }
    }
    names.push(name);
    blocks.push(
      [
        `kli ${name} "Synthetic KLI ${i + 1}" {`,
        `  owner "bench"`,
        ...body.map((l) => `  ${l}`),
        '}',
        '',
      ].join('\n'),
    );
  }
  return { text: blocks.join('\n'), names };
}

function segmentSource(kliNames) {
  const lines = [];
  for (let i = 0; i < 8; i++)
    lines.push(
      `segment s${i + 1} "Synthetic segment ${i + 1}" {`,
      `  when ${kliNames[i * 7]} and not ${kliNames[i * 7 + 3]}`,
      `  where customer.avg_balance >= ${1000 * (i + 1)}`,
      '}',
      '',
    );
  return lines.join('\n');
}

/** Writes the library to `dir` unless an identical one is there; returns `dir`. */
export async function syntheticLibrary({ dir, rules = 10_000, klis = 100, seed = 1, log = () => {} }) {
  // A cached copy is reused only if this script, its options and the std files it copies are unchanged
  // (std's merchants shape the derived rules too, but a stale copy of those is still a valid library).
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)));
  for (const file of COPIED_FROM_STD) hash.update(readFileSync(join(standardLibraryRoot(), file)));
  const stamp = JSON.stringify({ sources: hash.digest('hex'), rules, klis, seed });
  const stampFile = join(dir, '.synthetic.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return dir;
  log(`generating the synthetic library (${rules} rules, ${klis} KLIs) in ${dir}`);
  const random = seeded(seed);
  const sample = await classifiedSample(seed);
  const derived = derivedPatterns(sample, random);
  // The checked model, not the plan: it has the taxonomy even while some other std file has an error.
  const categories = [...compileWorkspace(standardLibraryRoot()).model.categories.values()];
  const leafCategories = categories.filter((c) => c.parent).map((c) => c.key);
  const primaries = categories.filter((c) => !c.parent).map((c) => c.key);
  const list = merchants(derived, leafCategories, rules, random);

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'merchants'), { recursive: true });
  const stdRoot = standardLibraryRoot();
  for (const file of COPIED_FROM_STD) cpSync(join(stdRoot, file), join(dir, file));
  writeFileSync(
    join(dir, 'kli.json'),
    JSON.stringify({ name: 'synthetic', version: '1.0.0', dependencies: {} }, null, 2) + '\n',
  );
  const header = (pkg, imports) =>
    `// GENERATED by bench/synthetic-library.mjs (seed ${seed}); do not edit.\npackage ${pkg}\n${imports
      .map((i) => `import ${i}\n`)
      .join('')}\n`;
  for (let start = 0, file = 1; start < list.length; start += 500, file++)
    writeFileSync(
      join(dir, 'merchants', `m${String(file).padStart(2, '0')}.kli`),
      header('synthetic.merchants', ['std.categories']) + merchantSource(list.slice(start, start + 500)),
    );
  const kliText = kliSource(
    klis,
    leafCategories,
    primaries,
    list.map((m) => m.name),
    random,
  );
  writeFileSync(
    join(dir, 'klis.kli'),
    header('synthetic.klis', ['std.categories', 'synthetic.merchants']) + kliText.text,
  );
  writeFileSync(join(dir, 'segments.kli'), header('synthetic.klis', []) + segmentSource(kliText.names));
  writeFileSync(stampFile, stamp);
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (flag, fallback) => {
    const i = process.argv.indexOf(flag);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const here = fileURLToPath(new URL('.', import.meta.url));
  const dir = await syntheticLibrary({
    dir: arg('--out', join(here, '.data', 'synthetic-10k')),
    rules: Number(arg('--rules', '10000')),
    klis: Number(arg('--klis', '100')),
    seed: Number(arg('--seed', '1')),
    log: console.log,
  });
  console.log(dir);
}
