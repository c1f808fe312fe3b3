import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../language/check.js';
import { defaultCacheDir, diskCachedParse, type ParseCache } from '../language/parse-cache.js';
import { loadWorkspace, standardLibraryRoot, type Workspace } from '../language/workspace.js';
import { cacheEntries, diskWorkspace, newCache } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/kli.js', import.meta.url));

const entries = (cache: ParseCache) => cacheEntries(cache, 'parse');

const parsed = (workspace: Workspace) =>
  workspace.files.map((file) => ({ path: file.path, ast: file.ast, diagnostics: file.diagnostics }));

/** Every kind of syntax error the parser reports, and recovers from, in one workspace. */
const brokenFiles = {
  'lex.kli': 'package broken\nmerchant m "M" { match prefix "M" ¤ }\n',
  'recovered.kli':
    'package broken\nkli k { when count(where amount > ) }\nkli j "J" { when count(where amount > 1) >= 2 }\n',
  'unclosed.kli': 'package broken\nsegment s "S" {\n  when customer.age > 30\n',
};

describe('parse cache', () => {
  it('gives the same ASTs and diagnostics as parsing, on std and on files with syntax errors', () => {
    for (const root of [standardLibraryRoot(), diskWorkspace(brokenFiles)]) {
      const cache = newCache();
      const plain = loadWorkspace(root);
      const filled = loadWorkspace(root, { parse: diskCachedParse(cache) });
      expect(entries(cache)).toHaveLength(plain.files.length);
      const cached = loadWorkspace(root, { parse: diskCachedParse(cache) });
      expect(parsed(filled)).toStrictEqual(parsed(plain));
      expect(parsed(cached)).toStrictEqual(parsed(plain));
      expect(check(cached).diagnostics).toStrictEqual(check(plain).diagnostics);
    }
    const broken = loadWorkspace(diskWorkspace(brokenFiles)).files.flatMap((file) => file.diagnostics);
    expect(broken.filter((d) => d.code === 'syntax-error').length).toBeGreaterThanOrEqual(3);
  });

  it('answers from disk on a hit, and misses when the text or the version changes', () => {
    const root = diskWorkspace({ 'a.kli': 'package a\nmerchant m "M" { match prefix "M" }\n' });
    const file = join(root, 'a.kli');
    const cache = newCache('1');
    loadWorkspace(root, { parse: diskCachedParse(cache) });
    const [slot] = entries(cache);
    if (!slot) throw new Error('no cache entry written');
    // An entry with the right key is believed: proof that a hit skips the parser.
    const entry = JSON.parse(readFileSync(slot, 'utf8')) as { ast: { decls: unknown[] } };
    entry.ast.decls = [];
    writeFileSync(slot, JSON.stringify(entry));
    expect(loadWorkspace(root, { parse: diskCachedParse(cache) }).files[0]?.ast.decls).toEqual([]);
    expect(
      loadWorkspace(root, { parse: diskCachedParse({ ...cache, version: '2' }) }).files[0]?.ast.decls,
    ).toHaveLength(1);

    appendFileSync(file, 'merchant n "N" { match prefix "N" ¤ }\n');
    const edited = loadWorkspace(root, { parse: diskCachedParse(cache) });
    expect(edited.files[0]?.ast.decls).toHaveLength(2);
    expect(parsed(edited)).toStrictEqual(parsed(loadWorkspace(root)));
    expect(edited.files[0]?.diagnostics.map((d) => d.code)).toEqual(['syntax-error']);
  });

  it('ignores and rewrites a corrupt entry, and works without a writable cache', () => {
    const root = standardLibraryRoot();
    const cache = newCache();
    const plain = parsed(loadWorkspace(root));
    loadWorkspace(root, { parse: diskCachedParse(cache) });
    const slots = entries(cache);
    writeFileSync(slots[0] ?? '', readFileSync(slots[0] ?? '').subarray(0, 100));
    writeFileSync(slots[1] ?? '', '');
    writeFileSync(slots[2] ?? '', JSON.stringify({ key: 'not this one', ast: {}, diagnostics: [] }));
    expect(parsed(loadWorkspace(root, { parse: diskCachedParse(cache) }))).toStrictEqual(plain);
    for (const slot of slots.slice(0, 3)) {
      expect(JSON.parse(readFileSync(slot, 'utf8'))).toMatchObject({ ast: { decls: expect.any(Array) } });
    }
    // A cache folder that is a file: nothing can be written, and nothing fails.
    const blocked = newCache();
    writeFileSync(join(blocked.dir, 'parse'), 'not a folder');
    expect(parsed(loadWorkspace(root, { parse: diskCachedParse(blocked) }))).toStrictEqual(plain);
  });

  it('lives in $KLI_CACHE_DIR, else $XDG_CACHE_HOME/kli, else ~/.cache/kli', () => {
    expect(defaultCacheDir({ KLI_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/kli');
    expect(defaultCacheDir({})).toMatch(/\.cache\/kli$/);
  });

  it('kli check uses it unless --no-cache or KLI_NO_CACHE=1, with the same output', () => {
    const root = diskWorkspace({
      ...brokenFiles,
      'ok.kli': 'package ok\nmerchant m "M" { match prefix "M" }\n',
    });
    const kli = (args: string[], env: Record<string, string>) => {
      const result = spawnSync(process.execPath, [bin, 'check', root, '--json', ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', KLI_NO_CACHE: '', ...env },
      });
      return { code: result.status, stdout: result.stdout };
    };
    const cache = newCache();
    const cold = kli([], { KLI_CACHE_DIR: cache.dir });
    expect(entries(cache)).toHaveLength(4);
    const warm = kli([], { KLI_CACHE_DIR: cache.dir });
    expect(warm).toEqual(cold);
    expect(cold.code).toBe(1);
    expect(JSON.parse(cold.stdout)).toMatchObject({ ok: false, files: 4 });

    const off = newCache();
    expect(kli(['--no-cache'], { KLI_CACHE_DIR: off.dir })).toEqual(cold);
    expect(kli([], { KLI_CACHE_DIR: off.dir, KLI_NO_CACHE: '1' })).toEqual(cold);
    expect(entries(off)).toEqual([]);
  });

  it('kli compile uses it unless --no-cache, and emits the same script either way', () => {
    const root = diskWorkspace({
      'a.kli': 'package a\ncategory food "Food"\nmerchant m "M" { match prefix "M" category food }\n',
    });
    const compile = (args: string[], cacheDir: string) =>
      spawnSync(process.execPath, [bin, 'compile', root, ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', KLI_NO_CACHE: '', KLI_CACHE_DIR: cacheDir },
      });
    const cache = newCache();
    const cold = compile([], cache.dir);
    expect(cold.status).toBe(0);
    expect(entries(cache)).toHaveLength(1);
    const warm = compile([], cache.dir);
    expect(warm.stdout).toBe(cold.stdout);
    const off = newCache();
    expect(compile(['--no-cache'], off.dir).stdout).toBe(cold.stdout);
    expect(entries(off)).toEqual([]);
  });
});
