import type * as A from '../language/ast.js';
import { functions, refText, type CheckedModel } from '../language/check.js';
import { comparePositions, containsPosition, type Position, type Range } from '../language/position.js';
import type { KliSymbol } from '../language/symbols.js';
import type { SourceFile } from '../language/workspace.js';
import { rootExpressions, visitExpr } from './ast-walk.js';

/** What a name stands for: a declared symbol, or a `let` local to one KLI. */
export type Target =
  { kind: 'symbol'; symbol: KliSymbol } | { kind: 'local'; decl: A.LetDecl; kli: A.KliDecl; file: string };

/** One place a target's name is written: its declaration, or a use the checker resolved. */
export interface Occurrence {
  file: string;
  range: Range;
  target: Target;
  declaration: boolean;
}

/** Names that are part of the language rather than declared: fields, functions, packages. */
export interface BuiltinMark {
  file: string;
  range: Range;
  kind: 'field' | 'function' | 'package' | 'uncategorized';
  name: string;
}

/** Identifies a target across analyses: by where it is declared. */
export function targetKey(target: Target): string {
  const [file, range] =
    target.kind === 'symbol'
      ? [target.symbol.file, target.symbol.range]
      : [target.file, target.decl.name.range];
  return `${file}\u0000${range.start.line}:${range.start.character}`;
}

export function targetName(target: Target): string {
  return target.kind === 'symbol' ? target.symbol.name : target.decl.name.text;
}

export function targetDeclaration(target: Target): { file: string; range: Range } {
  return target.kind === 'symbol'
    ? { file: target.symbol.file, range: target.symbol.range }
    : { file: target.file, range: target.decl.name.range };
}

/** The sorted reference list of a workspace, by file and by target. */
export class OccurrenceIndex {
  private readonly byTarget = new Map<string, Occurrence[]>();

  constructor(
    private readonly byFile: Map<string, Occurrence[]>,
    private readonly builtinsByFile: Map<string, BuiltinMark[]>,
  ) {
    for (const occurrences of byFile.values()) {
      for (const occurrence of occurrences) {
        const key = targetKey(occurrence.target);
        const list = this.byTarget.get(key);
        if (list) list.push(occurrence);
        else this.byTarget.set(key, [occurrence]);
      }
    }
  }

  at(file: string, position: Position): Occurrence | undefined {
    return findAt(this.byFile.get(file) ?? [], position);
  }

  builtinAt(file: string, position: Position): BuiltinMark | undefined {
    return findAt(this.builtinsByFile.get(file) ?? [], position);
  }

  inFile(file: string): readonly Occurrence[] {
    return this.byFile.get(file) ?? [];
  }

  builtinsInFile(file: string): readonly BuiltinMark[] {
    return this.builtinsByFile.get(file) ?? [];
  }

  of(target: Target): readonly Occurrence[] {
    return this.byTarget.get(targetKey(target)) ?? [];
  }
}

/** Binary search: the item whose range holds the position (its end included, where a cursor sits after a word). */
function findAt<T extends { range: Range }>(sorted: readonly T[], position: Position): T | undefined {
  let low = 0;
  let high = sorted.length - 1;
  let candidate: T | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = sorted[middle]!;
    if (comparePositions(item.range.start, position) <= 0) {
      candidate = item;
      low = middle + 1;
    } else high = middle - 1;
  }
  return candidate && containsPosition(candidate.range, position) ? candidate : undefined;
}

/** A range that spells exactly the name (the checker also records implied names, such as `strip location`'s lists). */
function spells(range: Range, name: string): boolean {
  return range.start.line === range.end.line && range.end.character - range.start.character === name.length;
}

export function buildOccurrences(files: SourceFile[], model: CheckedModel): OccurrenceIndex {
  const occurrences = new Map<string, Occurrence>();
  const add = (occurrence: Occurrence) => {
    if (!spells(occurrence.range, targetName(occurrence.target))) return;
    const key = `${occurrence.file}\u0000${occurrence.range.start.line}:${occurrence.range.start.character}`;
    if (!occurrences.has(key) || occurrence.declaration) occurrences.set(key, occurrence);
  };
  const builtins: BuiltinMark[] = [];

  const declare = (symbol: KliSymbol): void => {
    add({ file: symbol.file, range: symbol.range, target: { kind: 'symbol', symbol }, declaration: true });
    for (const child of symbol.children.values()) declare(child);
  };
  for (const scope of model.packages.values()) for (const symbol of scope.values()) declare(symbol);
  for (const attribute of model.attributes.values()) declare(attribute);
  for (const reference of model.references)
    add({
      file: reference.file,
      range: reference.range,
      target: { kind: 'symbol', symbol: reference.symbol },
      declaration: false,
    });

  for (const file of files) {
    const path = file.path;
    const packageRefs = [...(file.ast.packageName ? [file.ast.packageName] : []), ...file.ast.imports];
    for (const ref of packageRefs)
      builtins.push({ file: path, range: ref.range, kind: 'package', name: refText(ref) });
    for (const decl of file.ast.decls) {
      if (decl.kind === 'kli') {
        for (const local of decl.lets)
          add({
            file: path,
            range: local.name.range,
            target: { kind: 'local', decl: local, kli: decl, file: path },
            declaration: true,
          });
      }
      if (decl.kind === 'test') {
        // The checker checks fixture attributes by name without recording them; rename needs them.
        for (const customer of decl.customers) {
          for (const attribute of customer.attributes) {
            const symbol = model.attributes.get(attribute.name.text);
            if (symbol)
              add({
                file: path,
                range: attribute.name.range,
                target: { kind: 'symbol', symbol },
                declaration: false,
              });
          }
        }
      }
      for (const root of rootExpressions(decl)) {
        visitExpr(root.expr, (expr) => {
          if (expr.kind === 'call' && functions[expr.callee.text])
            builtins.push({ file: path, range: expr.callee.range, kind: 'function', name: expr.callee.text });
          if (expr.kind !== 'ref') return;
          const resolution = model.resolutions.get(expr.ref);
          const head = expr.ref.parts[0];
          if (!head) return;
          if (!resolution) {
            if (expr.ref.parts.length === 1 && head.text === 'uncategorized')
              builtins.push({ file: path, range: head.range, kind: 'uncategorized', name: head.text });
            return;
          }
          if (resolution.kind === 'field')
            builtins.push({ file: path, range: head.range, kind: 'field', name: resolution.name });
          else if (resolution.kind === 'local' && root.kli)
            add({
              file: path,
              range: head.range,
              target: { kind: 'local', decl: resolution.decl, kli: root.kli, file: path },
              declaration: false,
            });
          else if (resolution.kind === 'symbol') {
            const qualifier = packagePrefix(expr.ref, resolution.symbol);
            if (qualifier) builtins.push({ file: path, ...qualifier, kind: 'package' });
          }
        });
      }
    }
  }

  const byFile = new Map<string, Occurrence[]>();
  for (const occurrence of occurrences.values()) {
    const list = byFile.get(occurrence.file);
    if (list) list.push(occurrence);
    else byFile.set(occurrence.file, [occurrence]);
  }
  const byStart = (a: { range: Range }, b: { range: Range }) =>
    comparePositions(a.range.start, b.range.start);
  for (const list of byFile.values()) list.sort(byStart);
  const builtinsByFile = new Map<string, BuiltinMark[]>();
  for (const mark of builtins) {
    const list = builtinsByFile.get(mark.file);
    if (list) list.push(mark);
    else builtinsByFile.set(mark.file, [mark]);
  }
  for (const list of builtinsByFile.values()) list.sort(byStart);
  return new OccurrenceIndex(byFile, builtinsByFile);
}

/** In `std.categories.food_and_drink.coffee`, the `std.categories` that names the package. */
function packagePrefix(ref: A.Ref, symbol: KliSymbol): { range: Range; name: string } | undefined {
  const packageParts = symbol.package.split('.');
  if (ref.parts.length <= packageParts.length) return undefined;
  const matches = packageParts.every((part, index) => ref.parts[index]?.text === part);
  const first = ref.parts[0];
  const last = ref.parts[packageParts.length - 1];
  if (!matches || !first || !last) return undefined;
  return { range: { start: first.range.start, end: last.range.end }, name: symbol.package };
}
