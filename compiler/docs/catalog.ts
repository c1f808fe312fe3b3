import { relative } from 'node:path';
import type * as A from '../../language/ast.js';
import { type CheckedModel } from '../../language/check.js';
import type { Range } from '../../language/position.js';
import type { KliSymbol, SymbolKind } from '../../language/symbols.js';
import type { Workspace } from '../../language/workspace.js';
import type { Plan } from '../plan.js';
import { declarationSql } from '../sql/emit.js';

/** What the catalog shows, gathered once from the checked model and the plan; pages only render it. */
export interface Catalog {
  library: { name: string; version: string; description?: string };
  owners: string[];
  categories: CategoryEntry[];
  merchants: MerchantEntry[];
  klis: DeclarationEntry[];
  /** Standalone segments and the members of segmentations (keyed `segmentation.member`). */
  segments: DeclarationEntry[];
  segmentations: SegmentationEntry[];
  tests: number;
}

export interface Located {
  /** `library/path/in/library.kli:line`, as the run's provenance columns spell it. */
  location: string;
}

export interface CategoryEntry extends Located {
  key: string;
  name: string;
  displayName: string;
  description?: string;
  parent?: string;
  depth: number;
  merchants: number;
  mccCodes: number;
  usedBy: string[];
}

export interface MerchantEntry extends Located {
  name: string;
  displayName: string;
  matchers: { kind: A.MatcherKind; value: string; flags: string }[];
  category?: string;
  since?: string;
  deprecated?: string;
}

/** What a use or a lineage node is: the checker's own kinds of symbol. */
export type NodeKind = SymbolKind;

export interface UseEntry {
  kind: NodeKind;
  key: string;
}

export interface TestEntry extends Located {
  title: string;
  source: string;
  /** The expectations that name this declaration, as written. */
  expectations: string[];
}

export interface DeclarationEntry extends Located {
  kind: 'kli' | 'segment';
  key: string;
  displayName: string;
  doc?: string;
  description?: string;
  owner?: string;
  since?: string;
  deprecated?: string;
  tags: string[];
  /** KLIs: the window; segments: the segmentation it belongs to. */
  window?: string;
  segmentation?: string;
  hasScore: boolean;
  source: string;
  sql: string;
  tests: TestEntry[];
  uses: UseEntry[];
  usedBy: UseEntry[];
}

export interface SegmentationEntry extends Located {
  key: string;
  displayName: string;
  doc?: string;
  description?: string;
  owner?: string;
  exclusive: boolean;
  members: string[];
  source: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function collectCatalog(workspace: Workspace, model: CheckedModel, plan: Plan): Catalog {
  const texts = new Map(workspace.files.map((f) => [f.path, f.text]));
  const location = (file: string, range: Range) => {
    const library = workspace.libraries.find((l) => file.startsWith(l.root + '/'));
    const path = library ? `${library.name}/${relative(library.root, file)}` : relative(workspace.root, file);
    return `${path}:${range.start.line + 1}`;
  };
  const sourceOf = (file: string, range: Range) => sliceRange(texts.get(file) ?? '', range);

  const { uses, usedBy } = dependencies(model);
  const useList = (symbols: Set<KliSymbol> | undefined): UseEntry[] =>
    [...(symbols ?? [])]
      .map((s) => ({ kind: s.kind, key: s.key }))
      .sort((a, b) => byText(a.kind, b.kind) || byText(a.key, b.key));

  const merchantsPerCategory = new Map<string, number>();
  for (const merchant of plan.merchants)
    if (merchant.category)
      merchantsPerCategory.set(merchant.category, (merchantsPerCategory.get(merchant.category) ?? 0) + 1);
  const mccPerCategory = effectiveMccCodes(plan);

  const categories: CategoryEntry[] = [];
  const visitCategory = (symbol: KliSymbol, depth: number) => {
    categories.push({
      key: symbol.key,
      name: symbol.name,
      displayName: symbol.meta.displayName ?? symbol.name,
      ...(symbol.meta.description ? { description: symbol.meta.description } : {}),
      ...(symbol.parent ? { parent: symbol.parent.key } : {}),
      depth,
      merchants: merchantsPerCategory.get(symbol.key) ?? 0,
      mccCodes: mccPerCategory.get(symbol.key) ?? 0,
      usedBy: useList(usedBy.get(symbol)).map((u) => u.key),
      location: location(symbol.file, symbol.range),
    });
    for (const child of symbol.children.values())
      if (child.kind === 'category') visitCategory(child, depth + 1);
  };
  for (const symbol of model.categories.values()) if (!symbol.parent) visitCategory(symbol, 0);

  const plannedMerchants = new Map(plan.merchants.map((m) => [m.name, m]));
  const merchants: MerchantEntry[] = [...model.merchants.values()]
    .map((symbol) => {
      const decl = symbol.decl as A.MerchantDecl;
      const planned = plannedMerchants.get(symbol.name);
      return {
        name: symbol.key,
        displayName: symbol.meta.displayName ?? symbol.name,
        matchers: decl.matchers.map((m) => ({ kind: m.kind, value: m.value, flags: m.flags })),
        ...(planned?.category ? { category: planned.category } : {}),
        ...(symbol.meta.since ? { since: symbol.meta.since } : {}),
        ...(symbol.meta.deprecated ? { deprecated: symbol.meta.deprecated } : {}),
        location: location(symbol.file, symbol.range),
      };
    })
    .sort((a, b) => byText(a.name, b.name));

  const testsOf = (symbol: KliSymbol): TestEntry[] =>
    model.tests
      .map(({ decl, file }) => {
        const named = decl.expectations.filter((e) => {
          const resolution = model.resolutions.get(e.target);
          return resolution?.kind === 'symbol' && resolution.symbol === symbol;
        });
        if (!named.length) return undefined;
        return {
          title: decl.title.value,
          location: location(file, decl.range),
          source: sourceOf(file, decl.range),
          expectations: named.map((e) => sourceOf(file, e.range)),
        };
      })
      .filter((t): t is TestEntry => t !== undefined);

  const declaration = (symbol: KliSymbol, kind: 'kli' | 'segment'): DeclarationEntry => {
    const decl = symbol.decl as A.KliDecl | A.SegmentDecl;
    const meta = symbol.meta;
    return {
      kind,
      key: symbol.key,
      displayName: meta.displayName ?? symbol.name,
      ...(meta.doc ? { doc: meta.doc } : {}),
      ...(meta.description ? { description: meta.description } : {}),
      ...(meta.owner ? { owner: meta.owner } : {}),
      ...(meta.since ? { since: meta.since } : {}),
      ...(meta.deprecated ? { deprecated: meta.deprecated } : {}),
      tags: [...meta.tags],
      ...(decl.kind === 'kli' && decl.window ? { window: `${decl.window.days} days` } : {}),
      ...(symbol.parent?.kind === 'segmentation' ? { segmentation: symbol.parent.key } : {}),
      hasScore: decl.kind === 'kli' && decl.score !== undefined,
      source: sourceOf(symbol.file, decl.range),
      sql: declarationSql(plan, symbol.key) ?? '',
      tests: testsOf(symbol),
      uses: useList(uses.get(symbol)),
      usedBy: useList(usedBy.get(symbol)),
      location: location(symbol.file, symbol.range),
    };
  };

  const klis = model.klis.map((s) => declaration(s, 'kli')).sort((a, b) => byText(a.key, b.key));
  const members = model.segmentations.flatMap((g) =>
    [...g.children.values()].filter((c) => c.kind === 'segment'),
  );
  const segments = [...model.segments, ...members]
    .map((s) => declaration(s, 'segment'))
    .sort((a, b) => byText(a.key, b.key));
  const segmentations: SegmentationEntry[] = model.segmentations
    .map((symbol) => {
      const decl = symbol.decl as A.SegmentationDecl;
      return {
        key: symbol.key,
        displayName: symbol.meta.displayName ?? symbol.name,
        ...(symbol.meta.doc ? { doc: symbol.meta.doc } : {}),
        ...(symbol.meta.description ? { description: symbol.meta.description } : {}),
        ...(symbol.meta.owner ? { owner: symbol.meta.owner } : {}),
        exclusive: decl.exclusive,
        members: [...symbol.children.values()].filter((c) => c.kind === 'segment').map((c) => c.key),
        source: sourceOf(symbol.file, decl.range),
        location: location(symbol.file, symbol.range),
      };
    })
    .sort((a, b) => byText(a.key, b.key));

  const owners = new Set<string>();
  for (const entry of [...klis, ...segments, ...segmentations]) if (entry.owner) owners.add(entry.owner);

  return {
    library: {
      name: workspace.manifest.name,
      version: workspace.manifest.version,
      ...(workspace.manifest.description ? { description: workspace.manifest.description } : {}),
    },
    owners: [...owners].sort(byText),
    categories,
    merchants,
    klis,
    segments,
    segmentations,
    tests: model.tests.length,
  };
}

/**
 * Who uses whom, from the references the checker recorded: a reference inside a KLI's or a
 * segment's declaration is a use by that declaration (the innermost one, for segmentation members).
 */
function dependencies(model: CheckedModel) {
  const owners = [
    ...model.klis,
    ...model.segments,
    ...model.segmentations.flatMap((g) => [...g.children.values()].filter((c) => c.kind === 'segment')),
  ];
  const ownersByFile = new Map<string, KliSymbol[]>();
  for (const owner of owners) {
    const list = ownersByFile.get(owner.file) ?? [];
    list.push(owner);
    ownersByFile.set(owner.file, list);
  }
  const uses = new Map<KliSymbol, Set<KliSymbol>>();
  const usedBy = new Map<KliSymbol, Set<KliSymbol>>();
  const add = (map: Map<KliSymbol, Set<KliSymbol>>, key: KliSymbol, value: KliSymbol) => {
    const set = map.get(key) ?? new Set();
    set.add(value);
    map.set(key, set);
  };
  // `food.coffee` records a reference to `food` too; only the last part is what is used.
  const startsAt = new Map<string, KliSymbol>();
  for (const r of model.references)
    startsAt.set(`${r.file}|${r.range.start.line}|${r.range.start.character}`, r.symbol);
  const isPrefix = (r: (typeof model.references)[number]) =>
    startsAt.get(`${r.file}|${r.range.end.line}|${r.range.end.character + 1}`)?.parent === r.symbol;
  for (const reference of model.references) {
    if (isPrefix(reference)) continue;
    const candidates = (ownersByFile.get(reference.file) ?? []).filter((o) =>
      within(reference.range, (o.decl as { range: Range }).range),
    );
    // Members sit inside their segmentation: the innermost declaration is the user.
    const owner = candidates.sort((a, b) => rangeSize(a) - rangeSize(b))[0];
    if (!owner || owner === reference.symbol) continue;
    add(uses, owner, reference.symbol);
    add(usedBy, reference.symbol, owner);
  }
  return { uses, usedBy };
}

function rangeSize(symbol: KliSymbol): number {
  const range = (symbol.decl as { range: Range }).range;
  return (range.end.line - range.start.line) * 100_000 + range.end.character - range.start.character;
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** How many MCC codes end up in each category: the narrowest range wins, as in the emitted SQL. */
function effectiveMccCodes(plan: Plan): Map<string, number> {
  const winner = new Map<number, { width: number; category: string }>();
  for (const rule of plan.mcc) {
    const width = rule.high - rule.low;
    for (let code = rule.low; code <= rule.high; code++) {
      const current = winner.get(code);
      if (!current || width < current.width) winner.set(code, { width, category: rule.category });
    }
  }
  const counts = new Map<string, number>();
  for (const { category } of winner.values()) counts.set(category, (counts.get(category) ?? 0) + 1);
  return counts;
}

/** The text of a declaration, from the start of its first line, so its indentation reads right. */
export function sliceRange(text: string, range: Range): string {
  const lines = text.split('\n');
  const selected = lines.slice(range.start.line, range.end.line + 1);
  if (selected.length === 0) return '';
  const last = selected.length - 1;
  selected[last] = (selected[last] ?? '').slice(0, range.end.character);
  return selected.join('\n').replace(/\s+$/, '');
}
