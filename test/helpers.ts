import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { check, type CheckResult } from '../language/check.js';
import type { Diagnostic } from '../language/diagnostics.js';
import type { Range } from '../language/position.js';
import { loadWorkspace, parseSource, type Workspace } from '../language/workspace.js';

/**
 * Source with markers: `<|name:text|>` marks `text` as the range `name`; the markers are removed.
 * Returns the clean text and the 0-based ranges, so tests state positions the way they read.
 */
export function markSource(marked: string): { text: string; ranges: Record<string, Range> } {
  const ranges: Record<string, Range> = {};
  const open: { name: string; line: number; character: number }[] = [];
  let text = '';
  let line = 0;
  let character = 0;
  for (let i = 0; i < marked.length;) {
    const start = /^<\|([a-z0-9_]+):/.exec(marked.slice(i));
    if (start) {
      open.push({ name: start[1] ?? '', line, character });
      i += start[0].length;
      continue;
    }
    if (marked.startsWith('|>', i)) {
      const begin = open.pop();
      if (!begin) throw new Error('unbalanced |> marker');
      ranges[begin.name] = {
        start: { line: begin.line, character: begin.character },
        end: { line, character },
      };
      i += 2;
      continue;
    }
    const char = marked[i] ?? '';
    text += char;
    if (char === '\n') {
      line += 1;
      character = 0;
    } else character += 1;
    i += 1;
  }
  return { text, ranges };
}

/** An in-memory workspace from file texts: no disk, so checker tests stay fast. */
export function memoryWorkspace(
  files: Record<string, string>,
  dependencies: Record<string, string> = {},
): Workspace {
  const parsed = [
    ...Object.entries(files).map(([path, text]) => parseSource(`/ws/${path}`, text, 'ws', false)),
    ...Object.entries(dependencies).map(([path, text]) => parseSource(`/dep/${path}`, text, 'dep', true)),
  ];
  return {
    root: '/ws',
    manifest: { name: 'ws', version: '1.0.0', dependencies: {} },
    files: parsed,
    libraries: [
      {
        name: 'ws',
        version: '1.0.0',
        root: '/ws',
        manifest: { name: 'ws', version: '1.0.0', dependencies: {} },
      },
    ],
    diagnostics: [],
  };
}

export function checkFiles(
  files: Record<string, string>,
  dependencies: Record<string, string> = {},
): CheckResult {
  return check(memoryWorkspace(files, dependencies));
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** A workspace on disk (for the compiler, the runner and the CLI). */
export function diskWorkspace(
  files: Record<string, string>,
  manifest: object = { name: 'ws', version: '1.0.0' },
): string {
  const root = mkdtempSync(join(tmpdir(), 'kli-ws-'));
  writeFileSync(join(root, 'kli.json'), JSON.stringify(manifest));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export function loadDisk(root: string): CheckResult {
  return check(loadWorkspace(root));
}

/** A small, complete rule set the compiler and runner tests share. */
export const sampleRules = `package demo.rules

/// Eating and drinking out.
category food_and_drink "Food & Drink" {
  category coffee "Coffee shops"
  category restaurants "Restaurants"
}
category home "Home" { category hardware "Hardware" }
category income "Income" { category payroll "Payroll" }

list us_states { "CA", "GA", "NY" }
list us_cities { "OAKLAND", "ATLANTA", "NEW YORK" }

cleanse {
  uppercase
  strip prefix "SQ *", "TST* ", "POS DEBIT "
  strip pattern /#?\\d{3,}/
  strip location cities us_cities states us_states
  collapse spaces
}

merchant blue_bottle "Blue Bottle" { match prefix "BLUE BOTTLE" category food_and_drink.coffee }
merchant starbucks "Starbucks" { match prefix "STARBUCKS", "SBUX"  category food_and_drink.coffee }
merchant home_depot "Home Depot" { match contains "HOME DEPOT" category home.hardware }
merchant lowes "Lowe's" { match regex /^LOWE'?S\\b/ category home.hardware }
merchant acme_payroll "Acme payroll" { match contains "ACME PAYROLL" category income.payroll }

mcc 5811..5814 => food_and_drink.restaurants

customer {
  avg_balance money
  products products
}

kli new_homeowner "New homeowner" {
  window 90 days
  let home  = sum(amount where category under home)
  let prior = sum(amount where category under home) between 365 days ago and 91 days ago
  when home >= 1500 and home > prior
  score min(home / 5000, 1)
}

kli payroll { window 45 days when count(where category is income.payroll and amount < 0) >= 2 }

kli coffee_lover { window 30 days when count(where category is food_and_drink.coffee) >= 2 }

segment home_growth "Home growth prospects" {
  when new_homeowner and not has_product("heloc")
  where customer.avg_balance >= 5000
  action { offer "HELOC", channel "email" }
}

segmentation lifestyle "Lifestyle" exclusive {
  segment homeowners { when new_homeowner }
  segment caffeinated { when coffee_lover }
  otherwise mainstream
}
`;

/** A fresh, empty cache folder (parse cache and check cache share the shape). */
export function newCache(version = 'test'): { dir: string; version: string } {
  return { dir: mkdtempSync(join(tmpdir(), 'kli-cache-')), version };
}

/** The entry files a cache holds in its `kind` folder. */
export function cacheEntries(cache: { dir: string }, kind: 'parse' | 'check' | 'overlaps'): string[] {
  const dir = join(cache.dir, kind);
  return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
}
