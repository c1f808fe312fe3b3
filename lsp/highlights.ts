import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver/node.js';
import type { Analysis } from './workspace-index.js';
import { targetKey } from './occurrences.js';

/** Every place in this file that names the same thing as the cursor; the declaration as a write. */
export function documentHighlights(
  analysis: Analysis,
  path: string,
  position: Position,
): DocumentHighlight[] {
  const occurrences = analysis.occurrences;
  const occurrence = occurrences.at(path, position);
  if (occurrence) {
    const key = targetKey(occurrence.target);
    return occurrences
      .inFile(path)
      .filter((o) => targetKey(o.target) === key)
      .map((o) => ({
        range: o.range,
        kind: o.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
      }));
  }
  const builtin = occurrences.builtinAt(path, position);
  if (!builtin) return [];
  return occurrences
    .builtinsInFile(path)
    .filter((b) => b.kind === builtin.kind && b.name === builtin.name)
    .map((b) => ({ range: b.range, kind: DocumentHighlightKind.Text }));
}
