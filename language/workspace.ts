import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KliFile } from './ast.js';
import { makeDiagnostic, type Diagnostic } from './diagnostics.js';
import { parseText } from './parser.js';
import { emptyRange, type Range } from './position.js';

export interface Manifest {
  name: string;
  version: string;
  description?: string;
  dependencies: Record<string, string | { path: string; version?: string }>;
  /** The `source` declaration `kli run` reads transactions with. */
  source?: string;
  /** Where `kli run` finds sample data by default, relative to the manifest. */
  sample?: { transactions: string; customers?: string; as_of?: string };
}

export interface SourceFile {
  /** Absolute path. */
  path: string;
  text: string;
  ast: KliFile;
  /** Syntax errors; the checker adds the rest. */
  diagnostics: Diagnostic[];
  /** The library (manifest name) the file belongs to. */
  library: string;
  isDependency: boolean;
}

export interface Library {
  name: string;
  version: string;
  root: string;
  manifest: Manifest;
}

export interface Workspace {
  root: string;
  manifest: Manifest;
  /** The workspace's own files first, then its dependencies', dependencies before dependents. */
  files: SourceFile[];
  libraries: Library[];
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** Unsaved editor text by absolute path; wins over the disk. */
  overlay?: ReadonlyMap<string, string>;
  /**
   * Parses a file. The language server passes an in-memory cache so unchanged files are not parsed
   * again; `kli check` passes one kept on disk between processes (parse-cache.ts).
   */
  parse?: (path: string, text: string, library: string, isDependency: boolean) => SourceFile;
}

/** The standard library that ships with kli, found relative to this module (source or dist). */
export function standardLibraryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'library', 'std');
    if (existsSync(join(candidate, 'kli.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('the standard library (library/std) is missing from this installation');
}

export function parseSource(path: string, text: string, library = '', isDependency = false): SourceFile {
  const parsed = parseText(path, text);
  const diagnostics: Diagnostic[] = [];
  for (const error of parsed.lexErrors) {
    const range: Range = {
      start: { line: error.line, character: error.column },
      end: { line: error.line, character: error.column + error.length },
    };
    const character = text.slice(error.offset, error.offset + error.length);
    diagnostics.push(
      makeDiagnostic('syntax-error', path, range, `unexpected character ${JSON.stringify(character)}`),
    );
  }
  for (const error of parsed.parseErrors) {
    const token = error.token;
    const valid = !Number.isNaN(token.startOffset) && token.startLine !== undefined;
    const line = valid ? (token.startLine ?? 1) - 1 : lastLine(text);
    const character = valid ? (token.startColumn ?? 1) - 1 : 0;
    const length = valid ? token.image.length : 0;
    diagnostics.push(
      makeDiagnostic(
        'syntax-error',
        path,
        { start: { line, character }, end: { line, character: character + length } },
        syntaxMessage(error.message, valid ? token.image : ''),
      ),
    );
  }
  return { path, text, ast: parsed.ast, diagnostics, library, isDependency };
}

function lastLine(text: string): number {
  return text.split('\n').length - 1;
}

/** Chevrotain's messages list every alternative; keep the first line, which says what was expected. */
function syntaxMessage(message: string, found: string): string {
  const first = message.split('\n')[0] ?? message;
  if (first.startsWith('Expecting: one of these possible Token sequences')) {
    return found ? `unexpected ${JSON.stringify(found)}` : 'unexpected end of file';
  }
  const mismatch = /^Expecting (?:token of type )?--> (.*?) <-- but found --> '(.*)' <--$/.exec(first);
  if (mismatch) return `expected ${mismatch[1]}, found ${mismatch[2] ? mismatch[2] : 'the end of the file'}`;
  return first.replace(/but found: ''/, 'but found the end of the file');
}

export function readManifest(root: string): { manifest?: Manifest; diagnostics: Diagnostic[] } {
  const path = join(root, 'kli.json');
  const fail = (message: string) => ({
    diagnostics: [makeDiagnostic('manifest-error', path, emptyRange, message)],
  });
  if (!existsSync(path))
    return fail(`no kli.json in ${root}: a workspace is a folder with a kli.json manifest`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return fail(`kli.json is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null) return fail('kli.json must hold an object');
  const object = raw as Record<string, unknown>;
  if (typeof object['name'] !== 'string') return fail('kli.json needs a "name"');
  if (typeof object['version'] !== 'string' || !parseVersion(object['version'])) {
    return fail('kli.json needs a "version" such as "1.0.0"');
  }
  const manifest: Manifest = {
    ...(object as Partial<Manifest>),
    name: object['name'],
    version: object['version'],
    dependencies: (object['dependencies'] as Manifest['dependencies'] | undefined) ?? {},
  };
  return { manifest, diagnostics: [] };
}

const skippedFolders = new Set(['node_modules', 'dist', 'out']);

export function listKliFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith('.') || skippedFolders.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.kli')) found.push(full);
    }
  };
  walk(root);
  return found;
}

export function loadWorkspace(rootArgument: string, options: LoadOptions = {}): Workspace {
  const root = resolve(rootArgument);
  const { manifest, diagnostics } = readManifest(root);
  const fallback: Manifest = { name: 'workspace', version: '0.0.0', dependencies: {} };
  const workspace: Workspace = {
    root,
    manifest: manifest ?? fallback,
    files: [],
    libraries: [],
    diagnostics,
  };
  if (!manifest) return workspace;
  const loaded = new Map<string, Library>();
  const dependencyFiles: SourceFile[] = [];

  const loadLibrary = (
    libraryRoot: string,
    libraryManifest: Manifest,
    isDependency: boolean,
    chain: string[],
  ) => {
    for (const [name, spec] of Object.entries(libraryManifest.dependencies)) {
      const manifestPath = join(libraryRoot, 'kli.json');
      const { path: depPath, version: range } =
        typeof spec === 'string' ? { path: undefined, version: spec } : spec;
      let depRoot: string;
      if (depPath) depRoot = resolve(libraryRoot, depPath);
      else if (name === 'std') depRoot = standardLibraryRoot();
      else {
        workspace.diagnostics.push(
          makeDiagnostic('manifest-error', manifestPath, emptyRange, `dependency "${name}" needs a "path"`),
        );
        continue;
      }
      if (chain.includes(depRoot)) continue;
      const existing = [...loaded.values()].find((library) => library.root === depRoot);
      if (existing) continue;
      const dep = readManifest(depRoot);
      workspace.diagnostics.push(...dep.diagnostics);
      if (!dep.manifest) continue;
      if (range && !satisfies(dep.manifest.version, range)) {
        workspace.diagnostics.push(
          makeDiagnostic(
            'manifest-error',
            manifestPath,
            emptyRange,
            `dependency "${name}" is version ${dep.manifest.version}, which does not satisfy "${range}"`,
          ),
        );
      }
      loadLibrary(depRoot, dep.manifest, true, [...chain, depRoot]);
      loaded.set(dep.manifest.name, {
        name: dep.manifest.name,
        version: dep.manifest.version,
        root: depRoot,
        manifest: dep.manifest,
      });
      for (const path of listKliFiles(depRoot)) {
        dependencyFiles.push(readSource(path, dep.manifest.name, true, options));
      }
    }
    if (!isDependency) {
      for (const path of listKliFiles(libraryRoot)) {
        workspace.files.push(readSource(path, libraryManifest.name, false, options));
      }
    }
  };

  loadLibrary(root, manifest, false, [root]);
  workspace.files.push(...dependencyFiles);
  workspace.libraries = [
    { name: manifest.name, version: manifest.version, root, manifest },
    ...loaded.values(),
  ];
  return workspace;
}

function readSource(path: string, library: string, isDependency: boolean, options: LoadOptions): SourceFile {
  const text = options.overlay?.get(path) ?? readFileSync(path, 'utf8');
  return (options.parse ?? parseSource)(path, text, library, isDependency);
}

export function isWorkspaceRoot(dir: string): boolean {
  return existsSync(join(dir, 'kli.json')) && statSync(dir).isDirectory();
}

export function relativePath(workspace: Workspace, file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') && rel.split('/').length > 4 ? relative(workspace.root, file) : rel;
}

// Semantic versions: just what manifests need (x.y.z with ^, ~, >=, * and exact ranges).

export function parseVersion(text: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compareVersions(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  const spec = range.trim();
  if (!v) return false;
  if (spec === '*' || spec === '') return true;
  const operator = /^(\^|~|>=|=)?\s*(.*)$/.exec(spec);
  const base = parseVersion(operator?.[2] ?? '');
  if (!base) return false;
  switch (operator?.[1]) {
    case '^':
      if (compareVersions(v, base) < 0) return false;
      return base[0] > 0
        ? v[0] === base[0]
        : base[1] > 0
          ? v[0] === 0 && v[1] === base[1]
          : v[0] === 0 && v[1] === 0 && v[2] === base[2];
    case '~':
      return compareVersions(v, base) >= 0 && v[0] === base[0] && v[1] === base[1];
    case '>=':
      return compareVersions(v, base) >= 0;
    default:
      return compareVersions(v, base) === 0;
  }
}
