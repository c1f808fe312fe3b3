import type { Location, Position } from 'vscode-languageserver/node.js';
import type { Range } from '../language/position.js';
import type { Occurrence, Target } from './occurrences.js';
import type { Analysis } from './workspace-index.js';

/**
 * Every occurrence of a target in every analysis that sees it: a library's KLI is found in the
 * library and in each open workspace that depends on it. Deduplicated by place.
 */
export function occurrencesEverywhere(target: Target, analyses: Analysis[]): Occurrence[] {
  const found = new Map<string, Occurrence>();
  for (const analysis of analyses) {
    for (const occurrence of analysis.occurrences.of(target)) {
      const key = placeKey(occurrence.file, occurrence.range);
      const existing = found.get(key);
      if (!existing || occurrence.declaration) found.set(key, occurrence);
    }
  }
  return [...found.values()];
}

function placeKey(file: string, range: Range): string {
  return `${file}\u0000${range.start.line}:${range.start.character}`;
}

/** Find references, from the reference list the checker recorded. */
export function references(
  analysis: Analysis,
  everyAnalysis: () => Analysis[],
  path: string,
  position: Position,
  includeDeclaration: boolean,
  uriFor: (path: string) => string,
): Location[] | null {
  const occurrence = analysis.occurrences.at(path, position);
  if (!occurrence) return null;
  const analyses = occurrence.target.kind === 'local' ? [analysis] : everyAnalysis();
  return occurrencesEverywhere(occurrence.target, analyses)
    .filter((o) => includeDeclaration || !o.declaration)
    .map((o) => ({ uri: uriFor(o.file), range: o.range }));
}
