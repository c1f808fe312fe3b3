import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CheckedModel } from './check.js';
import { makeDiagnostic, type Diagnostic } from './diagnostics.js';
import {
  diffSnapshots,
  librarySurface,
  snapshotLibrary,
  surfaceBreaks,
  versionBump,
  type LibrarySnapshot,
  type PublicSurface,
} from './diff.js';
import { emptyRange, type Range } from './position.js';
import { listKliFiles, type Library, type Workspace } from './workspace.js';

/**
 * `kli.lock` pins what each dependency resolved to: its version, where it was, a hash of its
 * content and the public surface (KLIs with their types, segments, categories) its users rely on.
 */
export interface LockFile {
  lockfileVersion: 1;
  workspace: string;
  dependencies: Record<string, LockedDependency>;
}

export interface LockedDependency {
  version: string;
  /** The range the workspace asked for, when it depends on it directly. */
  range: string | null;
  /** Relative to the workspace; `std` when it is the standard library that ships with kli. */
  path: string;
  /** sha256 of every .kli file (by relative path) and kli.json. */
  hash: string;
  surface: PublicSurface;
}

export const lockFileName = 'kli.lock';

export function libraryHash(root: string): string {
  const hash = createHash('sha256');
  const files = [join(root, 'kli.json'), ...listKliFiles(root)];
  for (const file of files) {
    hash.update(relative(root, file).split('\\').join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return `sha256-${hash.digest('hex')}`;
}

export function buildLock(workspace: Workspace, model: CheckedModel): LockFile {
  const dependencies: Record<string, LockedDependency> = {};
  for (const library of workspace.libraries.slice(1).sort((a, b) => a.name.localeCompare(b.name))) {
    const spec = workspace.manifest.dependencies[library.name];
    const range = typeof spec === 'string' ? spec : (spec?.version ?? null);
    dependencies[library.name] = {
      version: library.version,
      range,
      path: lockedPath(workspace, library),
      hash: libraryHash(library.root),
      surface: librarySurface(workspace, model, library),
    };
  }
  return { lockfileVersion: 1, workspace: workspace.manifest.name, dependencies };
}

/** Writes kli.lock beside kli.json, atomically; returns its path. */
export function writeLock(workspace: Workspace, model: CheckedModel): string {
  const path = join(workspace.root, lockFileName);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(buildLock(workspace, model), null, 2) + '\n');
  renameSync(temp, path);
  return path;
}

function lockedPath(workspace: Workspace, library: Library): string {
  const spec = workspace.manifest.dependencies[library.name];
  if (library.name === 'std' && (spec === undefined || typeof spec === 'string')) return 'std';
  return relative(workspace.root, library.root).split('\\').join('/') || '.';
}

/** When kli.lock exists: every dependency as pinned, and no breaking change without a major version. */
export function verifyLock(workspace: Workspace, model: CheckedModel): Diagnostic[] {
  const lockPath = join(workspace.root, lockFileName);
  if (!existsSync(lockPath)) return [];
  const lockText = readFileSync(lockPath, 'utf8');
  let lock: LockFile;
  try {
    lock = JSON.parse(lockText) as LockFile;
    if (lock.lockfileVersion !== 1 || typeof lock.dependencies !== 'object') throw new Error('unknown shape');
  } catch (error) {
    return [
      makeDiagnostic(
        'manifest-error',
        lockPath,
        emptyRange,
        `${lockFileName} is not a lock file kli can read (${(error as Error).message}): run \`kli lock\` to write it again`,
      ),
    ];
  }
  const diagnostics: Diagnostic[] = [];
  const manifestPath = join(workspace.root, 'kli.json');
  const manifestText = readFileSync(manifestPath, 'utf8');
  const atDependency = (name: string) => {
    const inManifest = jsonValueRange(manifestText, ['dependencies', name]);
    return inManifest
      ? { file: manifestPath, range: inManifest }
      : { file: lockPath, range: jsonValueRange(lockText, ['dependencies', name]) ?? emptyRange };
  };
  const resolved = new Map(workspace.libraries.slice(1).map((l) => [l.name, l]));
  for (const [name, locked] of Object.entries(lock.dependencies)) {
    const library = resolved.get(name);
    if (!library) {
      const at = jsonValueRange(lockText, ['dependencies', name]) ?? emptyRange;
      diagnostics.push(
        makeDiagnostic(
          'lock-outdated',
          lockPath,
          at,
          `${lockFileName} pins "${name}", which the workspace no longer depends on: run \`kli lock\``,
        ),
      );
      continue;
    }
    const at = atDependency(name);
    const depManifest = join(library.root, 'kli.json');
    const versionAt = {
      file: depManifest,
      range: jsonValueRange(readFileSync(depManifest, 'utf8'), ['version']) ?? emptyRange,
    };
    const related = [{ ...versionAt, message: `${name}'s version is here` }];
    if (library.version !== locked.version) {
      diagnostics.push(
        makeDiagnostic(
          'lock-outdated',
          at.file,
          at.range,
          `dependency "${name}" resolved to ${library.version}, but ${lockFileName} pins ${locked.version}: run \`kli lock\` to accept it`,
          { related },
        ),
      );
    } else if (libraryHash(library.root) !== locked.hash) {
      diagnostics.push(
        makeDiagnostic(
          'lock-content-changed',
          at.file,
          at.range,
          `dependency "${name}" ${library.version} is not what ${lockFileName} pinned: its files changed but its version did not`,
          { related },
        ),
      );
    }
    const breaks = surfaceBreaks(locked.surface, librarySurface(workspace, model, library));
    if (breaks.length && versionBump(locked.version, library.version) !== 'major') {
      diagnostics.push(
        versionBumpRequired(versionAt.file, versionAt.range, name, locked.version, library.version, breaks),
      );
    }
  }
  for (const name of resolved.keys()) {
    if (lock.dependencies[name]) continue;
    const at = atDependency(name);
    diagnostics.push(
      makeDiagnostic(
        'lock-outdated',
        at.file,
        at.range,
        `dependency "${name}" is not in ${lockFileName}: run \`kli lock\``,
      ),
    );
  }
  return diagnostics;
}

/** `kli check --baseline`: the library's own changes since the baseline, against its version number. */
export function baselineDiagnostics(
  workspace: Workspace,
  model: CheckedModel,
  baseline: LibrarySnapshot,
): Diagnostic[] {
  const diff = diffSnapshots(baseline, snapshotLibrary(workspace, model));
  if (diff.level !== 'major' || versionBump(baseline.version, workspace.manifest.version) === 'major')
    return [];
  const manifestPath = join(workspace.root, 'kli.json');
  const range = jsonValueRange(readFileSync(manifestPath, 'utf8'), ['version']) ?? emptyRange;
  const breaks = diff.changes
    .filter((c) => c.level === 'major')
    .map((c) => {
      const what =
        c.change === 'renamed'
          ? `renamed to ${c.renamedTo}`
          : c.change === 'changed'
            ? c.reasons.join(', ')
            : c.change;
      return `${c.kind} ${c.key} ${what}`;
    });
  return [
    versionBumpRequired(
      manifestPath,
      range,
      workspace.manifest.name,
      baseline.version,
      workspace.manifest.version,
      breaks,
    ),
  ];
}

function versionBumpRequired(
  file: string,
  range: Range,
  name: string,
  from: string,
  to: string,
  breaks: string[],
): Diagnostic {
  const listed = breaks.slice(0, 5).join('; ') + (breaks.length > 5 ? `; … ${breaks.length - 5} more` : '');
  return makeDiagnostic(
    'version-bump-required',
    file,
    range,
    `"${name}" ${from} → ${to} breaks its users (${listed}): that needs a new major version`,
  );
}

/**
 * The range of the value at a key path in JSON text (`['dependencies', 'std']`), for diagnostics that
 * point into kli.json; undefined when the path is not there.
 */
export function jsonValueRange(text: string, path: string[]): Range | undefined {
  const stack: (string | undefined)[] = [];
  let pendingKey: string | undefined;
  let lastString: string | undefined;
  let i = 0;
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  const valueEnd = (start: number): number => {
    let depth = 0;
    for (let j = start; j < text.length; j++) {
      const c = text[j];
      if (c === '"') j = stringEnd(text, j);
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0) return j;
        depth--;
        if (depth === 0) return j + 1;
      } else if (depth === 0 && (c === ',' || c === '\n')) return j;
    }
    return text.length;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      lastString = JSON.parse(text.slice(i, end + 1)) as string;
      i = end + 1;
      continue;
    }
    if (c === ':') {
      pendingKey = lastString;
      // The root object sits under no key.
      const keyPath = [...stack.slice(1), pendingKey];
      if (keyPath.length === path.length && keyPath.every((k, n) => k === path[n])) {
        let start = i + 1;
        while (/\s/.test(text[start] ?? '')) start++;
        const end = valueEnd(start);
        let trimmed = end;
        while (trimmed > start && /\s/.test(text[trimmed - 1] ?? '')) trimmed--;
        return { start: position(start), end: position(trimmed) };
      }
    } else if (c === '{' || c === '[') {
      stack.push(c === '{' ? pendingKey : undefined);
      pendingKey = undefined;
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') pendingKey = undefined;
    i++;
  }
  return undefined;
}

function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return text.length - 1;
}
