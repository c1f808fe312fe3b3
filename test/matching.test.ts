import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../compiler/duckdb.js';
import { run } from '../compiler/run.js';
import { diskWorkspace } from './helpers.js';
import { random, seeded } from './lsp/random.js';

// The matching joins (exact, prefix by first-character buckets, whole-word contains, tiers that
// cascade) against a plain reference written from the language's rule: exact > longest prefix >
// longest contains. A small alphabet makes patterns overlap at every length, across the bucket
// boundaries (3/4 and 7/8 characters), and É makes characters and bytes differ.

const next = seeded(20261123);
const letters = ['A', 'B', 'É'];
const word = (min: number, max: number) =>
  Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, () => random(next, letters)).join('');
const unique = (make: () => string, n: number) => {
  const out = new Set<string>();
  while (out.size < n) out.add(make());
  return [...out];
};

const exact = unique(() => `${word(1, 3)} ${word(1, 3)}`, 12);
const prefixes = unique(() => word(1, 11), 60);
const containsWords = ['A', 'B', 'AB', 'BA', 'AAB'];
const contains = unique(
  () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => random(next, containsWords)).join(' '),
  12,
);
// Some descriptors start with a word no prefix pattern can match, so the contains tier decides.
const descriptors = unique(
  () =>
    [
      ...(next() < 0.3 ? ['CC'] : []),
      ...Array.from({ length: 1 + Math.floor(next() * 4) }, () => word(1, 6)),
    ].join(' '),
  600,
)
  // Exact patterns as they are, and prefix patterns with something after them, so every length wins somewhere.
  .concat(exact.slice(0, 8))
  .concat(prefixes.map((p) => `${p}${word(0, 2)}${next() < 0.5 ? ` ${word(1, 4)}` : ''}`))
  .filter((d, i, all) => all.indexOf(d) === i);

type Rule = { merchant: string; kind: 'exact' | 'prefix' | 'contains'; pattern: string };
const rules: Rule[] = [
  ...exact.map((pattern, i) => ({ merchant: `e${i}`, kind: 'exact' as const, pattern })),
  ...prefixes.map((pattern, i) => ({ merchant: `p${i}`, kind: 'prefix' as const, pattern })),
  ...contains.map((pattern, i) => ({ merchant: `c${i}`, kind: 'contains' as const, pattern })),
];

/** The merchants the language allows to win for a descriptor (several only on a tie in length). */
function expected(descriptor: string): string[] {
  const words = descriptor.split(/[^A-Z0-9]+/).filter(Boolean);
  const hasWords = (pattern: string) => {
    const p = pattern.split(' ');
    return words.some((_, i) => p.every((w, k) => words[i + k] === w));
  };
  const tiers: ((r: Rule) => boolean)[] = [
    (r) => r.kind === 'exact' && r.pattern === descriptor,
    (r) => r.kind === 'prefix' && descriptor.startsWith(r.pattern),
    (r) => r.kind === 'contains' && hasWords(r.pattern),
  ];
  for (const matches of tiers) {
    const found = rules.filter(matches);
    if (!found.length) continue;
    const longest = Math.max(...found.map((r) => [...r.pattern].length));
    return found.filter((r) => [...r.pattern].length === longest).map((r) => r.merchant);
  }
  return [];
}

let engine: Engine;
let got: Map<string, string | null>;

beforeAll(async () => {
  const merchants = rules.map(
    (r) => `merchant ${r.merchant} "${r.merchant}" { match ${r.kind} "${r.pattern}" category c }`,
  );
  const workspace = diskWorkspace({ 'rules.kli': `package m\ncategory c "C"\n${merchants.join('\n')}\n` });
  const data = mkdtempSync(join(tmpdir(), 'kli-matching-'));
  const rows = descriptors.map((d, i) => `t${i},c1,2025-06-01,1.00,${d},`);
  writeFileSync(
    join(data, 't.csv'),
    `txn_id,customer_id,posted_date,amount,description,mcc\n${rows.join('\n')}\n`,
  );
  const result = await run({
    workspace,
    transactions: [join(data, 't.csv')],
    out: join(data, 'out'),
    format: 'csv',
  });
  if (!result.ok) throw new Error(result.error ?? JSON.stringify(result.diagnostics));
  engine = await Engine.open();
  const out = await engine.rows<{ raw_description: string; merchant: string | null }>(
    `SELECT raw_description, merchant FROM read_csv('${join(data, 'out', 'transactions.csv')}', all_varchar = true)`,
  );
  got = new Map(out.map((r) => [r.raw_description, r.merchant]));
});

afterAll(() => engine?.close());

describe('merchant matching', () => {
  it('picks the winner the language specifies, on hundreds of overlapping descriptors', () => {
    expect(got.size).toBe(descriptors.length);
    const wrong = descriptors
      .map((d) => ({ d, want: expected(d), got: got.get(d) ?? null }))
      .filter(({ want, got }) => (want.length ? !want.includes(got ?? '') : got !== null));
    expect(wrong).toEqual([]);
    // The data exercises every tier and both sides of each bucket boundary.
    const won = [...got.values()].filter((m): m is string => m !== null);
    for (const kind of ['e', 'p', 'c']) expect(won.some((m) => m.startsWith(kind))).toBe(true);
    const prefixLengths = new Set(
      won.filter((m) => m.startsWith('p')).map((m) => [...prefixes[Number(m.slice(1))]!].length),
    );
    for (const n of [1, 3, 4, 7, 8]) expect(prefixLengths.has(n)).toBe(true);
  });
});
