import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver/node.js';
import type * as A from '../language/ast.js';
import { refText } from '../language/check.js';
import type { KliSymbol } from '../language/symbols.js';
import type { SourceFile } from '../language/workspace.js';
import type { Analysis } from './workspace-index.js';

const kinds: Record<KliSymbol['kind'], SymbolKind> = {
  category: SymbolKind.Namespace,
  list: SymbolKind.Array,
  merchant: SymbolKind.Class,
  source: SymbolKind.Interface,
  let: SymbolKind.Variable,
  kli: SymbolKind.Event,
  segment: SymbolKind.Struct,
  segmentation: SymbolKind.Enum,
  attribute: SymbolKind.Field,
};

/** The outline of one file: declarations, with subcategories, KLI `let`s and segmentation members inside. */
export function documentSymbols(file: SourceFile): DocumentSymbol[] {
  return file.ast.decls.flatMap((decl) => declSymbol(decl));
}

function symbol(
  name: string,
  kind: SymbolKind,
  range: A.Decl['range'],
  selectionRange: A.Decl['range'],
  detail?: string,
  children: DocumentSymbol[] = [],
): DocumentSymbol[] {
  // The protocol needs a name and a selection inside the range; a half-typed declaration may lack both.
  if (!name) return [];
  const inside =
    selectionRange.start.line >= range.start.line && selectionRange.end.line <= range.end.line
      ? selectionRange
      : range;
  return [{ name, kind, range, selectionRange: inside, ...(detail ? { detail } : {}), children }];
}

function named(
  decl: { name: A.Name; meta: A.Metadata; range: A.Decl['range'] },
  kind: SymbolKind,
  children: DocumentSymbol[] = [],
): DocumentSymbol[] {
  return symbol(decl.name.text, kind, decl.range, decl.name.range, decl.meta.displayName, children);
}

function declSymbol(decl: A.Decl): DocumentSymbol[] {
  switch (decl.kind) {
    case 'category':
      return named(decl, kinds.category, decl.children.flatMap(declSymbol));
    case 'kli':
      return named(
        decl,
        kinds.kli,
        decl.lets.flatMap((l) => named(l, kinds.let)),
      );
    case 'segmentation': {
      const members = [...decl.members, ...(decl.otherwise ? [decl.otherwise] : [])];
      return named(
        decl,
        kinds.segmentation,
        members.flatMap((m) => named(m, kinds.segment)),
      );
    }
    case 'customer':
      return symbol(
        'customer',
        SymbolKind.Object,
        decl.range,
        decl.range,
        'customer attributes',
        decl.attributes.flatMap((a) =>
          symbol(a.name.text, kinds.attribute, a.range, a.name.range, a.type.text),
        ),
      );
    case 'cleanse':
      return symbol(
        decl.name?.text ?? 'cleanse',
        SymbolKind.Function,
        decl.range,
        decl.name?.range ?? decl.range,
        'cleanse',
      );
    case 'mcc': {
      const codes = decl.codes.map((c) => (c.low === c.high ? `${c.low}` : `${c.low}..${c.high}`)).join(', ');
      return symbol(`mcc ${codes}`, SymbolKind.Constant, decl.range, decl.range, refText(decl.category));
    }
    case 'test':
      return symbol(decl.title.value || 'test', SymbolKind.Method, decl.range, decl.title.range, 'test');
    case 'list':
      return named(decl, kinds.list);
    case 'merchant':
      return named(decl, kinds.merchant);
    case 'source':
      return named(decl, kinds.source);
    case 'let':
      return named(decl, kinds.let);
    case 'segment':
      return named(decl, kinds.segment);
  }
}

/** Workspace symbols: every declared name of every open workspace whose name contains the query's letters in order. */
export function workspaceSymbols(
  analyses: Analysis[],
  query: string,
  uriFor: (path: string) => string,
  limit = 500,
): WorkspaceSymbol[] {
  const wanted = query.toLowerCase();
  const seen = new Set<string>();
  const results: WorkspaceSymbol[] = [];
  const visit = (symbol: KliSymbol): void => {
    const key = `${symbol.file}\u0000${symbol.range.start.line}:${symbol.range.start.character}`;
    if (results.length >= limit || seen.has(key)) return;
    seen.add(key);
    if (matchesInOrder(symbol.key.toLowerCase(), wanted)) {
      results.push({
        name: symbol.key,
        kind: kinds[symbol.kind],
        location: { uri: uriFor(symbol.file), range: symbol.range },
        containerName: symbol.package,
      });
    }
    for (const child of symbol.children.values()) visit(child);
  };
  for (const analysis of analyses) {
    for (const scope of analysis.model.packages.values()) for (const s of scope.values()) visit(s);
    for (const attribute of analysis.model.attributes.values()) visit(attribute);
  }
  return results;
}

function matchesInOrder(text: string, query: string): boolean {
  let index = 0;
  for (const char of text) if (char === query[index]) index++;
  return index === query.length;
}
