import { relative } from 'node:path';
import type * as A from './ast.js';
import type { CheckedModel } from './check.js';
import { formatText } from './format.js';
import type { KliSymbol } from './symbols.js';
import { parseVersion, type Library, type SourceFile, type Workspace } from './workspace.js';

/**
 * The semantic diff of two versions of a library, on the checked model: declarations are matched by
 * kind and key, and compared on their AST with ranges dropped and references replaced by what they
 * resolve to. Layout, comments and doc comments, declaration order and file moves change nothing.
 */

export const entityKinds = [
  'category',
  'merchant',
  'mcc',
  'cleanse',
  'list',
  'source',
  'kli',
  'segment',
  'segmentation',
] as const;
export type EntityKind = (typeof entityKinds)[number];

export type KliType = 'boolean' | 'numeric';

export interface Entity {
  kind: EntityKind;
  key: string;
  /** The declaration in canonical layout, for people. */
  definition: string;
  /** `file:line`, relative to the library root. */
  location: string;
  /** What the declaration does, as canonical JSON: compared, never shown. */
  body: string;
  meta: Omit<A.Metadata, 'doc'>;
  /** KLIs only: a KLI with a `score` clause is numeric, one without is a boolean flag. */
  kliType?: KliType;
}

export interface LibrarySnapshot {
  name: string;
  version: string;
  entities: Entity[];
}

export type ChangeLevel = 'major' | 'minor' | 'patch';

export interface Change {
  kind: EntityKind;
  key: string;
  change: 'added' | 'removed' | 'changed' | 'renamed';
  level: ChangeLevel;
  /** Why it has its level, one short phrase each. */
  reasons: string[];
  /** Renames only: the new key. */
  renamedTo?: string;
  before?: { definition: string; location: string };
  after?: { definition: string; location: string };
}

export interface ModelDiff {
  old: { name: string; version: string };
  new: { name: string; version: string };
  /** The highest level of any change; `none` when nothing changed. */
  level: ChangeLevel | 'none';
  summary: Record<ChangeLevel, number> & { added: number; removed: number; changed: number; renamed: number };
  changes: Change[];
}

/** The declarations of one library, by default the workspace's own (not its dependencies), keyed for comparison. */
export function snapshotLibrary(
  workspace: Workspace,
  model: CheckedModel,
  library?: Library,
): LibrarySnapshot {
  const mine = library
    ? (f: SourceFile) => f.isDependency && f.library === library.name
    : (f: SourceFile) => !f.isDependency;
  const own = new Map(workspace.files.filter(mine).map((f) => [f.path, f]));
  const root = library?.root ?? workspace.root;
  const entities: Entity[] = [];
  const where = (file: string, range: A.Decl['range']) => `${relative(root, file)}:${range.start.line + 1}`;
  const definition = (file: string, range: A.Decl['range']) => {
    const source = own.get(file);
    return source ? canonicalText(sliceRange(source.text, range)) : '';
  };
  const canonical = (value: unknown) => JSON.stringify(canonicalize(value, model));
  const ofSymbol = (symbol: KliSymbol, body: unknown, extra: Partial<Entity> = {}): Entity => ({
    kind: symbol.kind as EntityKind,
    key: symbol.key,
    definition: definition(symbol.file, symbol.decl.range),
    location: where(symbol.file, symbol.decl.range),
    body: canonical(body),
    meta: withoutDoc(symbol.meta),
    ...extra,
  });
  const isOwn = (symbol: KliSymbol) => own.has(symbol.file);

  for (const symbol of model.categories.values()) {
    if (!isOwn(symbol)) continue;
    // Children are entities of their own: adding a subcategory does not change its parent.
    const entity = ofSymbol(symbol, { parent: symbol.parent?.key ?? null });
    entity.definition = categoryHeader(symbol);
    entities.push(entity);
  }
  for (const map of [model.merchants, model.lists, model.sources]) {
    for (const symbol of map.values()) if (isOwn(symbol)) entities.push(ofSymbol(symbol, symbol.decl));
  }
  for (const symbol of model.klis) {
    if (!isOwn(symbol)) continue;
    const decl = symbol.decl as A.KliDecl;
    entities.push(ofSymbol(symbol, decl, { kliType: decl.score ? 'numeric' : 'boolean' }));
  }
  for (const symbol of model.segments) if (isOwn(symbol)) entities.push(ofSymbol(symbol, symbol.decl));
  for (const symbol of model.segmentations) {
    if (!isOwn(symbol)) continue;
    const decl = symbol.decl as A.SegmentationDecl;
    const members = [...decl.members, ...(decl.otherwise ? [decl.otherwise] : [])];
    entities.push(
      ofSymbol(symbol, {
        exclusive: decl.exclusive,
        members: members.map((m) => m.name.text),
        otherwise: decl.otherwise?.name.text ?? null,
      }),
    );
    for (const member of members) {
      entities.push({
        kind: 'segment',
        key: `${symbol.key}.${member.name.text}`,
        definition: definition(symbol.file, member.range),
        location: where(symbol.file, member.range),
        body: canonical(member),
        meta: withoutDoc(member.meta),
      });
    }
  }
  for (const { decl, file } of model.mccRules) {
    if (!own.has(file)) continue;
    const codes = decl.codes.map((c) => (c.low === c.high ? `${c.low}` : `${c.low}..${c.high}`)).join(', ');
    entities.push({
      kind: 'mcc',
      key: codes,
      definition: definition(file, decl.range),
      location: where(file, decl.range),
      body: canonical(decl.category),
      meta: { tags: [] },
    });
  }
  let unnamedCleanse = 0;
  for (const { decl, file } of model.cleanse) {
    if (!own.has(file)) continue;
    const key = decl.name?.text ?? `#${++unnamedCleanse}`;
    entities.push({
      kind: 'cleanse',
      key,
      definition: definition(file, decl.range),
      location: where(file, decl.range),
      body: canonical(decl.steps),
      meta: withoutDoc(decl.meta),
    });
  }
  const manifest = library?.manifest ?? workspace.manifest;
  return { name: manifest.name, version: manifest.version, entities };
}

/** Compares two snapshots and classifies every change (see docs/governance.md for the rules). */
export function diffSnapshots(old: LibrarySnapshot, next: LibrarySnapshot): ModelDiff {
  const id = (e: Entity) => `${e.kind}\u0000${e.key}`;
  const before = new Map(old.entities.map((e) => [id(e), e]));
  const after = new Map(next.entities.map((e) => [id(e), e]));
  const removed = old.entities.filter((e) => !after.has(id(e)));
  const added = next.entities.filter((e) => !before.has(id(e)));
  const changes: Change[] = [];
  const show = (e: Entity) => ({ definition: e.definition, location: e.location });

  const renamedTo = new Set<Entity>();
  for (const gone of removed) {
    const successor = added.find(
      (a) =>
        a.kind === gone.kind &&
        !renamedTo.has(a) &&
        gone.meta.deprecated !== undefined &&
        new RegExp(`\\b${escapeRegExp(lastPart(a.key))}\\b`).test(gone.meta.deprecated),
    );
    if (successor) {
      renamedTo.add(successor);
      changes.push({
        kind: gone.kind,
        key: gone.key,
        change: 'renamed',
        renamedTo: successor.key,
        level: 'major',
        reasons: [`renamed to ${successor.key}, as its deprecation said: the old name no longer resolves`],
        before: show(gone),
        after: show(successor),
      });
    } else {
      const breaks = removedBreaksUsers.has(gone.kind);
      changes.push({
        kind: gone.kind,
        key: gone.key,
        change: 'removed',
        level: breaks ? 'major' : 'minor',
        reasons: [breaks ? 'removed: references to it no longer resolve' : 'removed'],
        before: show(gone),
      });
    }
  }
  for (const entity of added) {
    if (renamedTo.has(entity)) continue;
    changes.push({
      kind: entity.kind,
      key: entity.key,
      change: 'added',
      level: 'minor',
      reasons: ['added'],
      after: show(entity),
    });
  }
  for (const entity of next.entities) {
    const previous = before.get(id(entity));
    if (!previous) continue;
    const classified = classifyChange(previous, entity);
    if (classified)
      changes.push({
        kind: entity.kind,
        key: entity.key,
        change: 'changed',
        ...classified,
        before: show(previous),
        after: show(entity),
      });
  }
  changes.sort(
    (a, b) =>
      entityKinds.indexOf(a.kind) - entityKinds.indexOf(b.kind) ||
      a.key.localeCompare(b.key) ||
      a.change.localeCompare(b.change),
  );
  const count = (predicate: (c: Change) => boolean) => changes.filter(predicate).length;
  const summary = {
    major: count((c) => c.level === 'major'),
    minor: count((c) => c.level === 'minor'),
    patch: count((c) => c.level === 'patch'),
    added: count((c) => c.change === 'added'),
    removed: count((c) => c.change === 'removed'),
    changed: count((c) => c.change === 'changed'),
    renamed: count((c) => c.change === 'renamed'),
  };
  const level = summary.major ? 'major' : summary.minor ? 'minor' : summary.patch ? 'patch' : 'none';
  return {
    old: { name: old.name, version: old.version },
    new: { name: next.name, version: next.version },
    level,
    summary,
    changes,
  };
}

/** Names other libraries and `kli.json` refer to: removing one breaks them. */
const removedBreaksUsers = new Set<EntityKind>([
  'category',
  'merchant',
  'list',
  'source',
  'kli',
  'segment',
  'segmentation',
]);

const levelRank: Record<ChangeLevel, number> = { patch: 0, minor: 1, major: 2 };

export function higherLevel(a: ChangeLevel, b: ChangeLevel): ChangeLevel {
  return levelRank[a] >= levelRank[b] ? a : b;
}

function classifyChange(old: Entity, next: Entity): { level: ChangeLevel; reasons: string[] } | undefined {
  const reasons: string[] = [];
  let level: ChangeLevel | undefined;
  const note = (at: ChangeLevel, reason: string) => {
    level = level ? higherLevel(level, at) : at;
    reasons.push(reason);
  };
  if (old.kliType !== next.kliType) note('major', `type ${old.kliType} → ${next.kliType}`);
  else if (old.body !== next.body) note('minor', 'definition changed: results may differ');
  if (old.meta.deprecated === undefined && next.meta.deprecated !== undefined) note('minor', 'deprecated');
  const metadata = (['displayName', 'description', 'owner', 'since', 'tags', 'deprecated'] as const).filter(
    (field) => JSON.stringify(old.meta[field] ?? null) !== JSON.stringify(next.meta[field] ?? null),
  );
  const otherMetadata = metadata.filter((f) => f !== 'deprecated' || old.meta.deprecated !== undefined);
  if (otherMetadata.length) note('patch', `metadata: ${otherMetadata.join(', ')}`);
  return level ? { level, reasons } : undefined;
}

/** The bump a version number shows: `major` is the first non-zero part going up (0.x: the minor part). */
export function versionBump(oldVersion: string, newVersion: string): ChangeLevel | 'none' | 'downgrade' {
  const a = parseVersion(oldVersion);
  const b = parseVersion(newVersion);
  if (!a || !b) return 'none';
  const order = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  if (order > 0) return 'downgrade';
  if (order === 0) return 'none';
  if (b[0] !== a[0]) return 'major';
  if (b[1] !== a[1]) return a[0] === 0 ? 'major' : 'minor';
  return a[0] === 0 && a[1] === 0 ? 'major' : 'patch';
}

/** The names a user of a library relies on: what a lock file records and a major version protects. */
export interface PublicSurface {
  klis: { name: string; type: KliType }[];
  segments: string[];
  categories: string[];
}

/**
 * A dependency's public surface, read straight from the checked model: the same names a snapshot of
 * it holds, without formatting every definition, which `kli check` would otherwise pay on each run.
 */
export function librarySurface(workspace: Workspace, model: CheckedModel, library: Library): PublicSurface {
  const own = new Set(
    workspace.files.filter((f) => f.isDependency && f.library === library.name).map((f) => f.path),
  );
  const isOwn = (symbol: KliSymbol) => own.has(symbol.file);
  const segments = model.segments.filter(isOwn).map((s) => s.key);
  for (const symbol of model.segmentations.filter(isOwn)) {
    const decl = symbol.decl as A.SegmentationDecl;
    const members = [...decl.members, ...(decl.otherwise ? [decl.otherwise] : [])];
    segments.push(symbol.key, ...members.map((m) => `${symbol.key}.${m.name.text}`));
  }
  return {
    klis: model.klis
      .filter(isOwn)
      .map((s) => ({
        name: s.key,
        type: (s.decl as A.KliDecl).score ? ('numeric' as const) : ('boolean' as const),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    segments: segments.sort(),
    categories: [...model.categories.values()]
      .filter(isOwn)
      .map((s) => s.key)
      .sort(),
  };
}

/** Breaking changes between two public surfaces: removed names and changed KLI types. */
export function surfaceBreaks(old: PublicSurface, next: PublicSurface): string[] {
  const breaks: string[] = [];
  const types = new Map(next.klis.map((k) => [k.name, k.type]));
  for (const kli of old.klis) {
    const type = types.get(kli.name);
    if (type === undefined) breaks.push(`KLI ${kli.name} removed`);
    else if (type !== kli.type) breaks.push(`KLI ${kli.name} changed type ${kli.type} → ${type}`);
  }
  for (const [label, before, after] of [
    ['segment', old.segments, next.segments],
    ['category', old.categories, next.categories],
  ] as const) {
    const present = new Set(after);
    for (const name of before) if (!present.has(name)) breaks.push(`${label} ${name} removed`);
  }
  return breaks;
}

function canonicalize(value: unknown, model: CheckedModel): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalize(item, model));
  if (value === null || typeof value !== 'object') return value;
  const resolution = model.resolutions.get(value as A.Ref);
  if (resolution?.kind === 'symbol')
    return { ref: resolution.symbol.key, ...(resolution.field ? { field: resolution.field } : {}) };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'range' || key === 'opRange' || key === 'meta' || key === 'children') continue;
    out[key] = canonicalize(item, model);
  }
  return out;
}

function withoutDoc(meta: A.Metadata): Omit<A.Metadata, 'doc'> {
  const { doc: _doc, ...rest } = meta;
  return rest;
}

function categoryHeader(symbol: KliSymbol): string {
  const meta = symbol.meta;
  const lines = [`category ${symbol.key}${meta.displayName ? ` ${JSON.stringify(meta.displayName)}` : ''}`];
  for (const field of ['description', 'owner', 'since', 'deprecated'] as const) {
    const value = meta[field];
    if (value !== undefined) lines.push(`  ${field} ${JSON.stringify(value)}`);
  }
  if (meta.tags.length) lines.push(`  tags [${meta.tags.join(', ')}]`);
  return lines.length > 1 ? `${lines[0]} {\n${lines.slice(1).join('\n')}\n}` : (lines[0] ?? '');
}

function sliceRange(text: string, range: A.Decl['range']): string {
  const lines = text.split('\n');
  const picked = lines.slice(range.start.line, range.end.line + 1);
  if (picked.length === 0) return '';
  // The end first: on a one-line range, cutting the start would shift it.
  picked[picked.length - 1] = (picked[picked.length - 1] ?? '').slice(0, range.end.character);
  picked[0] = (picked[0] ?? '').slice(range.start.character);
  return picked.join('\n');
}

/** The formatter's layout when the slice parses on its own (a member `otherwise` does not): else dedented. */
function canonicalText(slice: string): string {
  const formatted = formatText(slice);
  if (formatted !== undefined) return formatted.trimEnd();
  const lines = slice.split('\n');
  const indent = Math.min(
    ...lines
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.length - l.trimStart().length),
  );
  return lines.map((l, i) => (i === 0 || !Number.isFinite(indent) ? l : l.slice(indent))).join('\n');
}

function lastPart(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
