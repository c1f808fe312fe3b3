import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { KliFile } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { parseSource, type LoadOptions } from './workspace.js';

/**
 * A file's parse result kept on disk, so a command that starts cold (`kli check`) neither builds
 * the parser nor parses a file it has seen before. An entry is valid only for its key, the sha256 of
 * (kli version, parser build, path, text): a changed file, a new release or a rebuilt parser misses.
 * Each path has one slot, overwritten on a miss, so the cache grows with the files, not the edits.
 * A missing, unreadable or corrupt entry is a miss; a cache that cannot be written is no cache.
 */

export interface ParseCache {
  dir: string;
  /** What a parse depends on besides path and text: the kli version and a fingerprint of the parser. */
  version: string;
}

export interface ParseResult {
  ast: KliFile;
  /** Syntax errors. */
  diagnostics: Diagnostic[];
}

/** Bump when the layout of an entry changes. JSON: std's 43 entries load in ~38 ms, v8.deserialize ~62 ms. */
const entryFormat = 1;

interface Entry extends ParseResult {
  key: string;
}

/** `$KLI_CACHE_DIR`, else `$XDG_CACHE_HOME/kli`, else `~/.cache/kli`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['KLI_CACHE_DIR']) return env['KLI_CACHE_DIR'];
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'kli');
  return join(homedir(), '.cache', 'kli');
}

/** A `parse` hook for `loadWorkspace` that answers from the cache and parses only on a miss. */
export function diskCachedParse(cache: ParseCache): NonNullable<LoadOptions['parse']> {
  return (path, text, library, isDependency) => {
    const { ast, diagnostics } = cachedParse(cache, path, text, () => parseSource(path, text));
    return { path, text, ast, diagnostics, library, isDependency };
  };
}

/** The cached parse of `text`, or `parse()`'s result, stored for next time. */
export function cachedParse(
  cache: ParseCache,
  path: string,
  text: string,
  parse: () => ParseResult,
): ParseResult {
  const key = sha256([String(entryFormat), cache.version, path, text]);
  const slot = join(cache.dir, 'parse', `${sha256([path])}.json`);
  const cached = readEntry(slot, key, path);
  if (cached) return cached;
  const result = parse();
  writeCacheEntry(slot, { key, ast: result.ast, diagnostics: result.diagnostics });
  return result;
}

/** The sha256 of the parts, lengths first, so ("ab", "c") and ("a", "bc") differ. */
export function sha256(parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('hex');
}

function readEntry(slot: string, key: string, path: string): ParseResult | undefined {
  const entry = readCacheEntry<Entry>(slot);
  if (entry?.key !== key || entry.ast?.path !== path || !Array.isArray(entry.diagnostics)) return undefined;
  return { ast: entry.ast, diagnostics: entry.diagnostics };
}

/** A cache entry as stored, or undefined when it is missing or not JSON (a miss, either way). */
export function readCacheEntry<T>(slot: string): Partial<T> | undefined {
  try {
    return JSON.parse(readFileSync(slot, 'utf8')) as Partial<T> | undefined;
  } catch {
    return undefined;
  }
}

/** Stores a cache entry if it can: a cache that cannot be written is no cache, not an error. */
export function writeCacheEntry(slot: string, entry: unknown): void {
  // Written beside its slot and renamed over it, so a reader never sees half an entry.
  const temporary = `${slot}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(slot), { recursive: true });
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, slot);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder itself is unusable: there is nothing to clean up.
    }
  }
}
