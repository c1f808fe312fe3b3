import type * as A from './ast.js';
import type { CheckedModel } from './check.js';
import { makeDiagnostic, type Diagnostic } from './diagnostics.js';
import type { KliSymbol } from './symbols.js';

/** A segment as a set of conditions that must all hold, each in a canonical text. */
export interface SegmentConditions {
  key: string;
  symbol: KliSymbol;
  /** Canonical text of each conjunct of `when` and `where`. */
  conditions: Set<string>;
}

/**
 * Every standalone segment with its conjuncts, in declaration order. Members of a segmentation are
 * left out: they partition customers for reporting, so they are disjoint from one another, and a
 * member that mirrors a campaign segment (std's `lifecycle.at_risk` and `reactivation`) is by design.
 */
export function segmentConditions(model: CheckedModel): SegmentConditions[] {
  return model.segments.map((symbol) => {
    const decl = symbol.decl as A.SegmentDecl;
    const conjuncts = [decl.when, decl.where].flatMap((e) => (e ? splitAnd(e) : []));
    return { key: symbol.name, symbol, conditions: new Set(conjuncts.map((e) => canonical(model, e))) };
  });
}

export function splitAnd(expr: A.Expr): A.Expr[] {
  return expr.kind === 'binary' && expr.op === 'and'
    ? [...splitAnd(expr.left), ...splitAnd(expr.right)]
    : [expr];
}

/** An expression's meaning as text: names by what they resolve to, `let`s inlined, windows in days. */
export function canonical(model: CheckedModel, expr: A.Expr): string {
  const walk = (e: A.Expr): string => {
    switch (e.kind) {
      case 'number':
      case 'boolean':
        return String(e.value);
      case 'string':
      case 'date':
        return JSON.stringify(e.value);
      case 'regex':
        return `/${e.pattern}/${e.flags}`;
      case 'list':
        return `[${e.items.map(walk).join(', ')}]`;
      case 'range':
        return `${e.low}..${e.high}`;
      case 'ref': {
        const resolution = model.resolutions.get(e.ref);
        if (!resolution) return e.ref.parts.map((p) => p.text).join('.');
        if (resolution.kind === 'field') return resolution.name;
        if (resolution.kind === 'local') return walk(resolution.decl.value);
        const symbol = resolution.symbol;
        if (symbol.kind === 'let') return walk((symbol.decl as A.LetDecl).value);
        return `${symbol.kind}:${symbol.package}.${symbol.key}${resolution.field ? `.${resolution.field}` : ''}`;
      }
      case 'call': {
        const info = model.aggregates.get(e);
        const window = info ? ` [${info.fromDaysAgo ?? '∞'}..${info.toDaysAgo}]` : '';
        const where = e.where ? ` where ${walk(e.where)}` : '';
        return `${e.callee.text}(${e.args.map(walk).join(', ')}${where})${window}`;
      }
      case 'binary':
        return `(${walk(e.left)} ${e.op} ${walk(e.right)})`;
      case 'unary':
        return `(${e.op} ${walk(e.operand)})`;
      case 'error':
        return '<error>';
    }
  };
  return walk(expr);
}

const isSubset = (small: Set<string>, large: Set<string>) => [...small].every((c) => large.has(c));

/** A pair where every customer of `small` is in `large`; `same` when they have the same customers. */
export interface SegmentPair {
  small: SegmentConditions;
  large: SegmentConditions;
  same: boolean;
}

/** Segments within or identical to another by their conditions: `A where x and y` is within `B where x`. */
export function segmentPairs(model: CheckedModel): SegmentPair[] {
  const segments = segmentConditions(model).filter(
    (s) => s.conditions.size > 0 && !s.conditions.has('<error>'),
  );
  const pairs: SegmentPair[] = [];
  for (const [i, small] of segments.entries()) {
    for (const [j, large] of segments.entries()) {
      if (i === j || !isSubset(large.conditions, small.conditions)) continue;
      const same = small.conditions.size === large.conditions.size;
      // An identical pair is reported once, at the later declaration.
      if (same && j > i) continue;
      pairs.push({ small, large, same });
    }
  }
  return pairs;
}

export function findSegmentOverlaps(model: CheckedModel): Diagnostic[] {
  const dependencyFiles = new Set(model.files.filter((f) => f.isDependency).map((f) => f.path));
  const diagnostics: Diagnostic[] = [];
  for (const { small, large, same } of segmentPairs(model)) {
    if (dependencyFiles.has(small.symbol.file) && dependencyFiles.has(large.symbol.file)) continue;
    const related = [{ file: large.symbol.file, range: large.symbol.range, message: `\`${large.key}\`` }];
    diagnostics.push(
      same
        ? makeDiagnostic(
            'segment-identical',
            small.symbol.file,
            small.symbol.range,
            `segment \`${small.key}\` has the same conditions as \`${large.key}\`: the same customers`,
            { related },
          )
        : makeDiagnostic(
            'segment-subset',
            small.symbol.file,
            small.symbol.range,
            `segment \`${small.key}\` is within \`${large.key}\`: it has all of its conditions, and more`,
            { related },
          ),
    );
  }
  return diagnostics;
}
