import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cachedCheck, deferredParse, diskOverlapMemo, type CheckCache } from '../compiler/check-cache.js';
import { governanceDiagnostics } from '../compiler/governance.js';
import { check } from '../language/check.js';
import type { Diagnostic } from '../language/diagnostics.js';
import { buildLock } from '../language/lock.js';
import { loadWorkspace, parseSource, standardLibraryRoot } from '../language/workspace.js';
import { cacheEntries, codes, diskWorkspace, newCache } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/kli.js', import.meta.url));

const entries = (cache: CheckCache) => cacheEntries(cache, 'check');

/** What `kli check` reports, uncached. */
function uncached(root: string): Diagnostic[] {
  const workspace = loadWorkspace(root);
  const checked = check(workspace);
  return [...checked.diagnostics, ...governanceDiagnostics(workspace, checked.model)];
}

/** `kli check` through the cache, counting how many files were parsed and whether it checked. */
function checkedThrough(cache: CheckCache, root: string, options: Record<string, unknown> = {}) {
  let parsed = 0;
  let checked = false;
  const parse = (path: string, text: string, library: string, isDependency: boolean) => {
    parsed++;
    return parseSource(path, text, library, isDependency);
  };
  const workspace = loadWorkspace(root, { parse: deferredParse(parse) });
  const diagnostics = cachedCheck(cache, workspace, options, () => {
    checked = true;
    const result = check(workspace);
    return [...result.diagnostics, ...governanceDiagnostics(workspace, result.model)];
  });
  return { diagnostics, parsed, checked };
}

/** A workspace with a dependency by path and a kli.lock pinning it. */
function lockedWorkspace(): { root: string; dependency: string } {
  const dependency = diskWorkspace(
    { 'shops.kli': 'package shops\nmerchant m "M" { match prefix "M" }\n' },
    { name: 'shops', version: '1.0.0' },
  );
  const root = diskWorkspace(
    { 'a.kli': 'package a\nimport shops\nkli k "K" { when count(where merchant = m) >= 2 }\n' },
    { name: 'ws', version: '1.0.0', dependencies: { shops: { path: dependency, version: '^1.0.0' } } },
  );
  const workspace = loadWorkspace(root);
  writeFileSync(join(root, 'kli.lock'), JSON.stringify(buildLock(workspace, check(workspace).model)));
  return { root, dependency };
}

describe('check cache', () => {
  it('parses lazily: the same ASTs and syntax errors as parsing, and none until asked', () => {
    let parsed = 0;
    const parse = (path: string, text: string, library: string, isDependency: boolean) => {
      parsed++;
      return parseSource(path, text, library, isDependency);
    };
    const root = standardLibraryRoot();
    const lazy = loadWorkspace(root, { parse: deferredParse(parse) });
    expect(parsed).toBe(0);
    const plain = loadWorkspace(root);
    expect(lazy.files.map((f) => [f.path, f.ast, f.diagnostics])).toStrictEqual(
      plain.files.map((f) => [f.path, f.ast, f.diagnostics]),
    );
    expect(parsed).toBe(plain.files.length);
    expect(check(lazy).diagnostics).toStrictEqual(check(plain).diagnostics);
    expect(parsed).toBe(plain.files.length);
  });

  it('answers an unchanged workspace without parsing or checking, and the same as checking', () => {
    const { root } = lockedWorkspace();
    const cache = newCache();
    const first = checkedThrough(cache, root);
    expect(first).toMatchObject({ checked: true, diagnostics: uncached(root) });
    expect(entries(cache)).toHaveLength(1);
    const second = checkedThrough(cache, root);
    expect(second).toEqual({ diagnostics: first.diagnostics, parsed: 0, checked: false });
    // An entry with the right key is believed: proof that a hit skips the checker.
    const [slot] = entries(cache);
    const entry = JSON.parse(readFileSync(slot ?? '', 'utf8')) as { diagnostics: unknown[] };
    entry.diagnostics = [{ code: 'planted' }];
    writeFileSync(slot ?? '', JSON.stringify(entry));
    expect(checkedThrough(cache, root).diagnostics).toEqual([{ code: 'planted' }]);
    // Another kli build or other options: a different key.
    expect(checkedThrough({ ...cache, version: 'other' }, root)).toMatchObject({ checked: true });
    expect(checkedThrough(cache, root, { overlaps: true })).toMatchObject({ checked: true });
  });

  it('misses when a file, a dependency, a manifest or kli.lock changes, and reports what checking would', () => {
    const { root, dependency } = lockedWorkspace();
    const cache = newCache();
    const edits: [string, () => void][] = [
      ['a file of the workspace', () => appendFileSync(join(root, 'a.kli'), 'kli j "J" { when nosuch }\n')],
      ['a new file', () => writeFileSync(join(root, 'b.kli'), 'package b\nkli z { when ) }\n')],
      ['a file removed', () => rmSync(join(root, 'b.kli'))],
      ['a dependency file', () => appendFileSync(join(dependency, 'shops.kli'), 'merchant n "N" { }\n')],
      [
        "a dependency's manifest",
        () =>
          writeFileSync(join(dependency, 'kli.json'), JSON.stringify({ name: 'shops', version: '1.1.0' })),
      ],
      ['the workspace manifest', () => appendFileSync(join(root, 'kli.json'), '\n')],
      ['kli.lock', () => writeFileSync(join(root, 'kli.lock'), '{ not json')],
      ['kli.lock removed', () => rmSync(join(root, 'kli.lock'))],
    ];
    const seen = new Set(checkedThrough(cache, root).diagnostics.map((d) => d.code));
    for (const [what, edit] of edits) {
      edit();
      const after = checkedThrough(cache, root);
      expect(after.checked, what).toBe(true);
      expect(after.diagnostics, what).toStrictEqual(uncached(root));
      expect(checkedThrough(cache, root).checked, `${what}, again`).toBe(false);
      for (const d of after.diagnostics) seen.add(d.code);
    }
    // The edits were seen: the errors they made, and the lock's, were reported along the way.
    expect([...seen]).toEqual(expect.arrayContaining(['unknown-name', 'syntax-error', 'lock-outdated']));
  });

  it('ignores and rewrites a corrupt entry, and works without a writable cache', () => {
    const { root } = lockedWorkspace();
    const expected = uncached(root);
    for (const corrupt of ['', '{"key":', JSON.stringify({ key: 'not this one', diagnostics: [] }), 'null']) {
      const cache = newCache();
      checkedThrough(cache, root);
      const [slot] = entries(cache);
      writeFileSync(slot ?? '', corrupt);
      expect(checkedThrough(cache, root)).toMatchObject({ checked: true, diagnostics: expected });
      expect(checkedThrough(cache, root)).toMatchObject({ checked: false, diagnostics: expected });
    }
    // A cache folder that is a file: nothing can be written, and nothing fails.
    const blocked = newCache();
    writeFileSync(join(blocked.dir, 'check'), 'not a folder');
    expect(checkedThrough(blocked, root)).toMatchObject({ checked: true, diagnostics: expected });
    expect(checkedThrough(blocked, root)).toMatchObject({ checked: true, diagnostics: expected });
    // A read-only cache is still read (and, for a user it binds, a miss is checked and not stored).
    const readOnly = newCache();
    checkedThrough(readOnly, root);
    chmodSync(join(readOnly.dir, 'check'), 0o555);
    try {
      expect(checkedThrough(readOnly, root)).toMatchObject({ checked: false, diagnostics: expected });
      expect(checkedThrough({ ...readOnly, version: 'other' }, root)).toMatchObject({
        checked: true,
        diagnostics: expected,
      });
    } finally {
      chmodSync(join(readOnly.dir, 'check'), 0o755);
    }
  });

  it('keeps the merchant-overlap report on disk until a merchant rule changes', () => {
    const rules = (claim: string) =>
      `package a\nmerchant market { match prefix "MARKET" }\nmerchant street { match contains "${claim}" }\n`;
    const root = diskWorkspace({ 'm.kli': rules('Market Street'), 'k.kli': 'package k\n' });
    const cache = newCache();
    const checkedWithMemo = () => {
      const workspace = loadWorkspace(root);
      return check(workspace, { overlapMemo: diskOverlapMemo(cache, workspace) }).diagnostics;
    };
    expect(codes(checkedWithMemo())).toEqual(['overlap-beaten']);
    expect(checkedWithMemo()).toStrictEqual(check(loadWorkspace(root)).diagnostics);
    const [slot] = cacheEntries(cache, 'overlaps');
    // A stored report with the right key is believed: proof that a hit skips the report.
    const stored = JSON.parse(readFileSync(slot ?? '', 'utf8')) as { entries: { diagnostics: unknown[] }[] };
    for (const entry of stored.entries) entry.diagnostics = [{ code: 'planted' }];
    writeFileSync(slot ?? '', JSON.stringify(stored));
    writeFileSync(join(root, 'k.kli'), 'package k\nkli busy "Busy" { when count() > 3 }\n');
    expect(codes(checkedWithMemo())).toEqual(['planted']);
    // Another build, a changed rule, a corrupt slot: the report is made again.
    const other = loadWorkspace(root);
    expect(
      check(other, { overlapMemo: diskOverlapMemo({ ...cache, version: 'other' }, other) }).diagnostics,
    ).toEqual(check(loadWorkspace(root)).diagnostics);
    writeFileSync(join(root, 'm.kli'), rules('Corner Shop'));
    expect(checkedWithMemo()).toEqual([]);
    writeFileSync(join(root, 'm.kli'), rules('Market Street'));
    writeFileSync(slot ?? '', '{"entries":');
    expect(codes(checkedWithMemo())).toEqual(['overlap-beaten']);
    expect(cacheEntries(cache, 'overlaps')).toHaveLength(1);
  });

  it('kli check answers from it with the same output, and sees an edit', () => {
    const root = diskWorkspace({
      'ok.kli': 'package ok\nmerchant m "M" { match prefix "M" }\nmerchant n "N" { match prefix "M" }\n',
    });
    const kli = (args: string[], env: Record<string, string>) => {
      const result = spawnSync(process.execPath, [bin, 'check', root, ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', KLI_NO_CACHE: '', ...env },
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const cache = newCache();
    for (const args of [[], ['--json'], ['--overlaps']]) {
      const plain = kli([...args, '--no-cache'], {});
      expect(kli(args, { KLI_CACHE_DIR: cache.dir })).toEqual(plain);
      expect(kli(args, { KLI_CACHE_DIR: cache.dir })).toEqual(plain);
    }
    expect(entries(cache)).toHaveLength(2);
    expect(kli([], { KLI_CACHE_DIR: cache.dir }).stderr).toContain('merchant-conflict');
    writeFileSync(join(root, 'ok.kli'), 'package ok\nmerchant m "M" { match prefix "M" }\n');
    expect(kli([], { KLI_CACHE_DIR: cache.dir })).toEqual(kli(['--no-cache'], {}));
    expect(kli([], { KLI_CACHE_DIR: cache.dir })).toMatchObject({
      code: 0,
      stderr: expect.stringContaining('0 errors, 0 warnings'),
    });

    const off = newCache();
    kli(['--no-cache'], { KLI_CACHE_DIR: off.dir });
    kli([], { KLI_CACHE_DIR: off.dir, KLI_NO_CACHE: '1' });
    expect(readdirSync(off.dir)).toEqual([]);
  });
});
