import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../language/diagnostics.js';
import { lockFileName } from '../language/lock.js';
import type { OverlapMemo } from '../language/overlap.js';
import { readCacheEntry, sha256, writeCacheEntry } from '../language/parse-cache.js';
import type { LoadOptions, SourceFile, Workspace } from '../language/workspace.js';

/**
 * `kli check`'s diagnostics kept on disk, so checking a workspace that has not changed since the
 * last check parses and checks nothing. An entry is valid only for its key, the sha256 of everything
 * the diagnostics are computed from: the build (kli version and a hash of the bundle, so any change to
 * the checker misses), the options, and every input `check` and kli.lock verification read — each
 * library's root and raw kli.json, the loader's own diagnostics, kli.lock, and every file's path,
 * library and text. Each workspace (and set of options) has one slot, overwritten on a miss.
 * A missing, unreadable or corrupt entry is a miss; a cache that cannot be written is no cache.
 */

export interface CheckCache {
  dir: string;
  /** The kli version and the bundle's fingerprint: what the checker's code depends on. */
  version: string;
}

/** Bump when the layout of an entry changes. */
const entryFormat = 1;

interface Entry {
  key: string;
  diagnostics: Diagnostic[];
}

/**
 * A parse hook that parses a file only when its AST or syntax errors are first read, so a workspace
 * can be loaded (and its inputs hashed) without parsing when the check result is cached.
 */
export function deferredParse(parse: NonNullable<LoadOptions['parse']>): NonNullable<LoadOptions['parse']> {
  return (path, text, library, isDependency) => {
    let parsed: SourceFile | undefined;
    const get = () => (parsed ??= parse(path, text, library, isDependency));
    return {
      path,
      text,
      library,
      isDependency,
      get ast() {
        return get().ast;
      },
      get diagnostics() {
        return get().diagnostics;
      },
    };
  };
}

/** The cached diagnostics for `workspace` checked with `options`, or `compute()`'s, stored for next time. */
export function cachedCheck(
  cache: CheckCache,
  workspace: Workspace,
  options: Record<string, unknown>,
  compute: () => Diagnostic[],
): Diagnostic[] {
  const variant = JSON.stringify(options);
  const key = inputsKey(cache, workspace, variant);
  const slot = join(cache.dir, 'check', `${sha256([workspace.root, variant])}.json`);
  const cached = readEntry(slot, key);
  if (cached) return cached;
  const diagnostics = compute();
  writeCacheEntry(slot, { key, diagnostics });
  return diagnostics;
}

function inputsKey(cache: CheckCache, workspace: Workspace, variant: string): string {
  const parts = [String(entryFormat), cache.version, variant, workspace.root];
  parts.push(JSON.stringify(workspace.diagnostics));
  for (const library of workspace.libraries)
    parts.push(library.root, readOrAbsent(join(library.root, 'kli.json')));
  parts.push(readOrAbsent(join(workspace.root, lockFileName)));
  for (const file of workspace.files)
    parts.push(file.path, file.library, file.isDependency ? 'dependency' : 'own', file.text);
  return sha256(parts);
}

/** A file's text, or a marker no text can equal (its length prefix differs from any text's). */
function readOrAbsent(path: string): string {
  try {
    return `text:${readFileSync(path, 'utf8')}`;
  } catch {
    return 'absent';
  }
}

function readEntry(slot: string, key: string): Diagnostic[] | undefined {
  const entry = readCacheEntry<Entry>(slot);
  if (entry?.key !== key || !Array.isArray(entry.diagnostics)) return undefined;
  return entry.diagnostics;
}

/**
 * The merchant-overlap reports of a workspace kept on disk under the sha256 of what they read (the
 * build and `overlapKey`), so checking after an edit that leaves every merchant rule as it was does
 * not compute the report again. One slot per workspace holds the last two reports: `--overlaps`
 * asks for the full report besides the one every check makes.
 */
export function diskOverlapMemo(cache: CheckCache, workspace: Workspace): OverlapMemo {
  const slot = join(cache.dir, 'overlaps', `${sha256([workspace.root])}.json`);
  const keyOf = (key: string) => sha256([String(entryFormat), cache.version, key]);
  const stored = (): Entry[] => {
    const entries = readCacheEntry<{ entries: Entry[] }>(slot)?.entries;
    return Array.isArray(entries) ? entries : [];
  };
  return {
    get: (key) => {
      const entry = stored().find((e) => e.key === keyOf(key));
      return Array.isArray(entry?.diagnostics) ? entry.diagnostics : undefined;
    },
    set: (key, diagnostics) =>
      writeCacheEntry(slot, { entries: [{ key: keyOf(key), diagnostics }, ...stored().slice(0, 1)] }),
  };
}
