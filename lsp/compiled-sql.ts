import { lower } from '../compiler/lower.js';
import { declarationSql } from '../compiler/sql/emit.js';
import type { CheckedModel } from '../language/check.js';
import { comparePositions, type Range } from '../language/position.js';
import type { KliSymbol } from '../language/symbols.js';
import type { Analysis } from './workspace-index.js';

export type CompiledSql = { sql: string } | { unavailable: string };

const cache = new WeakMap<Analysis, Map<KliSymbol, CompiledSql>>();

/**
 * The SQL a KLI or segment compiles to. Only that declaration (and the KLIs it uses) is lowered, so
 * an error elsewhere in the workspace does not hide it; an error inside it does.
 */
export function compiledSql(analysis: Analysis, symbol: KliSymbol): CompiledSql {
  let perAnalysis = cache.get(analysis);
  if (!perAnalysis) {
    perAnalysis = new Map();
    cache.set(analysis, perAnalysis);
  }
  let result = perAnalysis.get(symbol);
  if (!result) {
    result = compile(analysis, symbol);
    perAnalysis.set(symbol, result);
  }
  return result;
}

function compile(analysis: Analysis, symbol: KliSymbol): CompiledSql {
  const model = analysis.model;
  const declRange = (symbol.decl as { range: Range }).range;
  const broken = analysis.diagnostics.some(
    (d) => d.severity === 'error' && d.file === symbol.file && within(d.range, declRange),
  );
  if (broken) return { unavailable: `fix the errors in \`${symbol.key}\` to see its SQL` };
  let only: Pick<CheckedModel, 'kliOrder' | 'segments' | 'segmentations'>;
  if (symbol.kind === 'kli') {
    if (!model.kliOrder.includes(symbol)) return { unavailable: `\`${symbol.name}\` is part of a KLI cycle` };
    const needed = dependencyClosure(model, symbol);
    only = { kliOrder: model.kliOrder.filter((k) => needed.has(k)), segments: [], segmentations: [] };
  } else if (symbol.kind === 'segment' && symbol.parent) {
    only = { kliOrder: [], segments: [], segmentations: [symbol.parent] };
  } else if (symbol.kind === 'segment') {
    only = { kliOrder: [], segments: [symbol], segmentations: [] };
  } else return { unavailable: `${symbol.kind}s compile to rules, not to an expression` };
  try {
    // The manifest's `source` does not matter for one expression; leaving it out avoids its errors.
    const workspace = {
      ...analysis.workspace,
      manifest: { ...analysis.workspace.manifest, source: undefined },
    };
    const plan = lower(workspace, { ...model, ...only });
    const sql = declarationSql(plan, symbol.key);
    return sql ? { sql } : { unavailable: `\`${symbol.key}\` did not compile` };
  } catch (error) {
    return { unavailable: `\`${symbol.key}\` does not compile yet: ${(error as Error).message}` };
  }
}

function dependencyClosure(model: CheckedModel, kli: KliSymbol): Set<KliSymbol> {
  const seen = new Set<KliSymbol>();
  const visit = (current: KliSymbol) => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const dependency of model.kliDependencies.get(current) ?? []) visit(dependency);
  };
  visit(kli);
  return seen;
}

function within(inner: Range, outer: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}
