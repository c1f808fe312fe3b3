import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatText } from '../language/format.js';
import { kliLexer } from '../language/scanner.js';
import { listKliFiles, parseSource } from '../language/workspace.js';
import { diskWorkspace, sampleRules } from './helpers.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/kli.js', import.meta.url));

/** Every token and comment, in order: what formatting must never change. */
function tokenStream(text: string): string[] {
  const lexed = kliLexer.tokenize(text);
  return [...lexed.tokens, ...(lexed.groups['comments'] ?? []), ...(lexed.groups['docs'] ?? [])]
    .sort((a, b) => a.startOffset - b.startOffset)
    .map((t) => `${t.tokenType.name} ${t.image}`);
}

/** The AST without positions: what the file means. */
function meaning(text: string): string {
  return JSON.stringify(parseSource('/f.kli', text).ast, (key, value: unknown) =>
    key === 'range' || key === 'opRange' ? undefined : value,
  );
}

/** Every `.kli` file in the repository, and the kli examples of the language reference. */
function corpus(): { name: string; text: string }[] {
  const files = listKliFiles(repo).map((path) => ({
    name: path.slice(repo.length),
    text: readFileSync(path, 'utf8'),
  }));
  const docs = readFileSync(new URL('../docs/language.md', import.meta.url), 'utf8');
  const examples = [...docs.matchAll(/```kli\n([\s\S]*?)```/g)].map((m, i) => ({
    name: `docs/language.md example ${i + 1}`,
    text: m[1] ?? '',
  }));
  return [...files, ...examples, { name: 'test/helpers.ts sampleRules', text: sampleRules }];
}

describe('formatter', () => {
  it('keeps every token and comment of every .kli file in the repo, keeps its meaning, and is idempotent', () => {
    const checked: string[] = [];
    for (const { name, text } of corpus()) {
      const parsed = parseSource('/f.kli', text);
      const formatted = formatText(text);
      if (parsed.diagnostics.length > 0) {
        expect(formatted, `${name} has syntax errors`).toBeUndefined();
        continue;
      }
      expect(formatted, name).toBeDefined();
      expect(tokenStream(formatted!), name).toEqual(tokenStream(text));
      expect(meaning(formatted!), name).toBe(meaning(text));
      expect(formatText(formatted!), name).toBe(formatted);
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThan(10);
  });

  it('lays out one canonical way: 2-space indent, one clause per line, a blank line between declarations', () => {
    const messy = `// header comment
package   demo.rules
import std.categories


import std.merchants
/// Eating out.
category food_and_drink "Food & Drink" { category coffee "Coffee"   category restaurants "Restaurants" { category fast_food "Fast" } }
merchant blue_bottle "Blue Bottle" { match prefix "BLUE BOTTLE" , "BB"  category food_and_drink.coffee } // trailing
mcc 5811..5814=>food_and_drink.restaurants
list us_states { "CA", "GA",
      "NY" }
kli new_homeowner "New homeowner" {


  window 90 days
  let home  = sum( amount where category under home and amount>0 )
  // why
  when home >= 1500 and
     - home < -3 and not (home = 2)
  score min(home / 5000, 1)

}
segmentation lifestyle "Lifestyle" exclusive {
  segment homeowners { when new_homeowner }
  otherwise mainstream { action { offer "Rewards card", channel "email" } }
}
segment empty {}
test "t" { as_of 2025-06-30 customer "c1" { avg_balance = 12000 txn 2025-05-02 "HOME DEPOT" -812.40 mcc 5200 } expect "c1" has new_homeowner }
`;
    expect(formatText(messy)).toBe(`// header comment
package demo.rules
import std.categories
import std.merchants

/// Eating out.
category food_and_drink "Food & Drink" {
  category coffee "Coffee"
  category restaurants "Restaurants" {
    category fast_food "Fast"
  }
}

merchant blue_bottle "Blue Bottle" {
  match prefix "BLUE BOTTLE", "BB"
  category food_and_drink.coffee
} // trailing

mcc 5811..5814 => food_and_drink.restaurants

list us_states {
  "CA", "GA",
  "NY"
}

kli new_homeowner "New homeowner" {
  window 90 days
  let home = sum(amount where category under home and amount > 0)
  // why
  when home >= 1500 and
    -home < -3 and not (home = 2)
  score min(home / 5000, 1)
}

segmentation lifestyle "Lifestyle" exclusive {
  segment homeowners {
    when new_homeowner
  }
  otherwise mainstream {
    action { offer "Rewards card", channel "email" }
  }
}

segment empty {}

test "t" {
  as_of 2025-06-30
  customer "c1" {
    avg_balance = 12000
    txn 2025-05-02 "HOME DEPOT" -812.40 mcc 5200
  }
  expect "c1" has new_homeowner
}
`);
  });

  it('keeps a doc comment attached to its declaration, and a detached one detached', () => {
    const text =
      'package p\n\n/// Attached.\nkli a { when 1 > 0 }\n/// Detached.\n\n\nkli b { when 1 > 0 }\n';
    const formatted = formatText(text)!;
    expect(formatted).toContain('/// Attached.\nkli a {');
    expect(formatted).toContain('/// Detached.\n\nkli b {');
    expect(meaning(formatted)).toBe(meaning(text));
  });

  it('does not format text with syntax errors', () => {
    expect(formatText('package p\nkli a { when count(where amount > ) }\n')).toBeUndefined();
    expect(formatText('package p\nmerchant m { match prefix "A" \n')).toBeUndefined();
    expect(formatText('package p\nkli a { when 1 > 0 } §\n')).toBeUndefined();
  });
});

function kli(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kli fmt', () => {
  it('--check lists the files that are not formatted and exits 1; without it, rewrites them', () => {
    const root = diskWorkspace({
      'tidy.kli': 'package p\n\nkli a {\n  when 1 > 0\n}\n',
      'messy.kli': 'package p\nkli b { when 1>0 }\n',
      'broken.kli': 'package p\nkli c { when }\n',
    });
    const checked = kli(['fmt', root, '--check']);
    expect(checked.code).toBe(1);
    expect(checked.stdout.trim().split('\n')).toEqual([expect.stringMatching(/messy\.kli$/)]);
    expect(checked.stderr).toMatch(/broken\.kli: not formatted: it has syntax errors/);
    expect(readFileSync(`${root}/messy.kli`, 'utf8')).toBe('package p\nkli b { when 1>0 }\n');

    const written = kli(['fmt', root]);
    expect(written.code).toBe(1);
    expect(written.stdout).toMatch(/formatted .*messy\.kli/);
    expect(readFileSync(`${root}/messy.kli`, 'utf8')).toBe('package p\n\nkli b {\n  when 1 > 0\n}\n');
    expect(readFileSync(`${root}/broken.kli`, 'utf8')).toBe('package p\nkli c { when }\n');
    expect(existsSync(`${root}/.messy.kli.${process.pid}.fmt`)).toBe(false);

    const clean = kli(['fmt', `${root}/tidy.kli`, `${root}/messy.kli`, '--check']);
    expect(clean).toMatchObject({ code: 0, stdout: '' });
  });
});
