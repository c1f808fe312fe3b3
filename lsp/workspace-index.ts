import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, type CheckedModel } from '../language/check.js';
import type { Diagnostic } from '../language/diagnostics.js';
import {
  listKliFiles,
  loadWorkspace,
  readManifest,
  standardLibraryRoot,
  type SourceFile,
  type Workspace,
} from '../language/workspace.js';
import { ParseCache } from './incremental-parse.js';
import { buildOccurrences, type OccurrenceIndex } from './occurrences.js';

/** An open editor buffer: its text wins over the disk. */
export interface OpenDocument {
  uri: string;
  path: string;
  text: string;
  version: number;
}

/** A file's home: the folder with the nearest kli.json above it, or, without one, the file alone. */
type Scope = { kind: 'workspace'; root: string } | { kind: 'loose'; path: string };

const scopeKey = (scope: Scope) => (scope.kind === 'workspace' ? scope.root : `loose:${scope.path}`);

/** One check of a workspace: what every feature answers from. */
export class Analysis {
  private readonly filesByPath: Map<string, SourceFile>;
  private occurrenceIndex: OccurrenceIndex | undefined;

  constructor(
    /** Which workspace (or loose file) this is an analysis of; stable across re-checks. */
    readonly key: string,
    readonly workspace: Workspace,
    readonly model: CheckedModel,
    readonly diagnostics: Diagnostic[],
    /** Files whose diagnostics this analysis publishes: its own, not its dependencies'. */
    readonly ownFiles: ReadonlySet<string>,
    readonly manifestPath: string | undefined,
    /** The version of each open document this analysis read, so its diagnostics say which text they are about. */
    readonly documentVersions: ReadonlyMap<string, number>,
  ) {
    this.filesByPath = new Map(workspace.files.map((f) => [f.path, f]));
  }

  get root(): string {
    return this.workspace.root;
  }

  file(path: string): SourceFile | undefined {
    return this.filesByPath.get(path);
  }

  get files(): SourceFile[] {
    return this.workspace.files;
  }

  /** Every resolved name, declaration and built-in of every file, found by position or by target. */
  get occurrences(): OccurrenceIndex {
    this.occurrenceIndex ??= buildOccurrences(this.workspace.files, this.model);
    return this.occurrenceIndex;
  }

  /** Whether a file has syntax errors: completion then falls back to the last analysis without. */
  hasSyntaxErrors(path: string): boolean {
    return (this.file(path)?.diagnostics.length ?? 0) > 0;
  }
}

interface ScopeState {
  scope: Scope;
  stale: boolean;
  analysis?: Analysis;
  /** The last analysis in which every open file of the scope parsed without syntax errors. */
  lastGood?: Analysis;
}

/**
 * The one shared index: open documents, the workspaces they belong to, and their analyses. A change
 * marks every analysis that reads the changed file stale (a library's dependents included); stale
 * analyses are recomputed on demand, so a request always sees the text the editor has.
 */
export class WorkspaceIndex {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly states = new Map<string, ScopeState>();
  private readonly parseCache = new ParseCache();
  private readonly rootOfFolder = new Map<string, string | null>();

  /** An opened or edited buffer; its workspace is tracked from now on, so its diagnostics get published. */
  changeDocument(document: OpenDocument): void {
    this.documents.set(document.path, document);
    this.markChanged(document.path);
    this.stateFor(this.scopeOf(document.path));
  }

  closeDocument(path: string): void {
    this.documents.delete(path);
    this.markChanged(path);
  }

  document(path: string): OpenDocument | undefined {
    return this.documents.get(path);
  }

  /** The URI the editor uses for a file (it may spell it differently from `pathToUri`). */
  uriFor(path: string): string {
    return this.documents.get(path)?.uri ?? pathToUri(path);
  }

  /** The text the editor has, else the disk's. */
  text(path: string): string | undefined {
    const open = this.documents.get(path)?.text;
    if (open !== undefined) return open;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Files changed outside the editor (a save from elsewhere, a checkout): everything is re-read. */
  filesChangedOnDisk(): void {
    this.rootOfFolder.clear();
    for (const state of this.states.values()) state.stale = true;
  }

  /** Starts tracking a workspace folder, so its diagnostics and symbols are there before a file is opened. */
  addWorkspaceFolder(folder: string): void {
    if (!existsSync(join(folder, 'kli.json'))) return;
    this.stateFor({ kind: 'workspace', root: resolve(folder) });
  }

  /** The analysis for a file, recomputed first if anything it reads has changed. */
  analysisFor(path: string): Analysis {
    return this.fresh(this.stateFor(this.scopeOf(path)));
  }

  /**
   * The latest analysis without recomputing (completion must not wait for a check while the user
   * types), and the last one in which the file parsed cleanly, for names a syntax error hides.
   */
  recentAnalysisFor(path: string): { current: Analysis; lastGood?: Analysis } {
    const state = this.stateFor(this.scopeOf(path));
    const current = state.analysis ?? this.fresh(state);
    return state.lastGood && state.lastGood !== current ? { current, lastGood: state.lastGood } : { current };
  }

  /** Recomputes every stale analysis; the diagnostics publisher calls this after the debounce. */
  refreshStale(): Analysis[] {
    const refreshed: Analysis[] = [];
    for (const state of this.states.values()) if (state.stale) refreshed.push(this.fresh(state));
    this.retainParsedFiles();
    return refreshed;
  }

  /** Every analysis, fresh: workspace symbols and rename look across all of them. */
  allAnalyses(): Analysis[] {
    return [...this.states.values()].map((state) => this.fresh(state));
  }

  hasStale(): boolean {
    return [...this.states.values()].some((state) => state.stale);
  }

  private stateFor(scope: Scope): ScopeState {
    const key = scopeKey(scope);
    let state = this.states.get(key);
    if (!state) {
      state = { scope, stale: true };
      this.states.set(key, state);
    }
    return state;
  }

  private fresh(state: ScopeState): Analysis {
    if (state.analysis && !state.stale) return state.analysis;
    const analysis = this.analyze(state.scope);
    state.analysis = analysis;
    state.stale = false;
    const openFiles = [...analysis.ownFiles].filter((path) => this.documents.has(path));
    if (openFiles.every((path) => !analysis.hasSyntaxErrors(path))) state.lastGood = analysis;
    return analysis;
  }

  private markChanged(path: string): void {
    for (const state of this.states.values()) {
      const analysis = state.analysis;
      const reads = analysis?.file(path) !== undefined;
      const home =
        state.scope.kind === 'workspace'
          ? path.startsWith(state.scope.root + sep)
          : state.scope.path === path;
      if (!analysis || reads || home) state.stale = true;
    }
  }

  private overlay(): Map<string, string> {
    return new Map([...this.documents.values()].map((d) => [d.path, d.text]));
  }

  private analyze(scope: Scope): Analysis {
    const versions = new Map([...this.documents.values()].map((d) => [d.path, d.version]));
    const options = { overlay: this.overlay(), parse: this.parseCache.parse };
    let workspace: Workspace;
    let manifestPath: string | undefined;
    if (scope.kind === 'workspace') {
      workspace = loadWorkspace(scope.root, options);
      manifestPath = join(scope.root, 'kli.json');
      // An open buffer that is not saved yet belongs to the workspace too.
      const known = new Set(workspace.files.map((f) => f.path));
      const unsaved = [...this.documents.values()].filter(
        (d) => !known.has(d.path) && this.rootFor(d.path) === scope.root,
      );
      const own = workspace.files.filter((f) => !f.isDependency);
      const dependencies = workspace.files.filter((f) => f.isDependency);
      const added = unsaved.map((d) => this.parseCache.parse(d.path, d.text, workspace.manifest.name, false));
      workspace.files = [...own, ...added, ...dependencies];
    } else workspace = this.looseWorkspace(scope.path);
    const { model, diagnostics } = check(workspace);
    const ownFiles = new Set(workspace.files.filter((f) => !f.isDependency).map((f) => f.path));
    return new Analysis(scopeKey(scope), workspace, model, diagnostics, ownFiles, manifestPath, versions);
  }

  /** A file outside any workspace: checked alone, with the standard library as its dependency. */
  private looseWorkspace(path: string): Workspace {
    const root = isAbsolute(path) ? dirname(path) : '';
    const manifest = { name: 'untitled', version: '0.0.0', dependencies: { std: '*' } };
    const text = this.documents.get(path)?.text ?? this.text(path) ?? '';
    const files = [this.parseCache.parse(path, text, manifest.name, false)];
    const libraries: Workspace['libraries'] = [
      { name: manifest.name, version: manifest.version, root, manifest },
    ];
    try {
      const stdRoot = standardLibraryRoot();
      const std = readManifest(stdRoot).manifest;
      if (std) {
        libraries.push({ name: std.name, version: std.version, root: stdRoot, manifest: std });
        for (const file of listKliFiles(stdRoot)) {
          const stdText = this.text(file);
          if (stdText !== undefined) files.push(this.parseCache.parse(file, stdText, std.name, true));
        }
      }
    } catch {
      // Without the standard library the file is still checked, alone.
    }
    return { root, manifest, files, libraries, diagnostics: [] };
  }

  private scopeOf(path: string): Scope {
    const root = this.rootFor(path);
    return root ? { kind: 'workspace', root } : { kind: 'loose', path };
  }

  /** The folder with the nearest kli.json above a file. */
  rootFor(path: string): string | undefined {
    if (!isAbsolute(path)) return undefined;
    const folders: string[] = [];
    let found: string | null = null;
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const known = this.rootOfFolder.get(dir);
      if (known !== undefined) {
        found = known;
        break;
      }
      folders.push(dir);
      if (existsSync(join(dir, 'kli.json'))) {
        found = dir;
        break;
      }
      if (dirname(dir) === dir) break;
    }
    for (const folder of folders) this.rootOfFolder.set(folder, found);
    return found ?? undefined;
  }

  /** The parse cache keeps only files some analysis still reads, so memory follows what is open. */
  private retainParsedFiles(): void {
    const used = new Set<string>();
    for (const state of this.states.values()) {
      for (const analysis of [state.analysis, state.lastGood])
        for (const file of analysis?.files ?? []) used.add(file.path);
    }
    this.parseCache.retain(used);
  }
}

/** `file:` URIs become absolute paths; other schemes (`untitled:`) keep their URI as their name. */
export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

export function pathToUri(path: string): string {
  return isAbsolute(path) ? pathToFileURL(path).href : path;
}
