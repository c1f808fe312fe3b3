import type { Location, Position } from 'vscode-languageserver/node.js';
import { refText } from '../language/check.js';
import { targetDeclaration } from './occurrences.js';
import type { Analysis } from './workspace-index.js';

/** Go to definition: a name's declaration; a package name's `package` lines. */
export function definition(
  analysis: Analysis,
  path: string,
  position: Position,
  uriFor: (path: string) => string,
): Location[] | null {
  const occurrence = analysis.occurrences.at(path, position);
  if (occurrence) {
    const declaration = targetDeclaration(occurrence.target);
    return [{ uri: uriFor(declaration.file), range: declaration.range }];
  }
  const builtin = analysis.occurrences.builtinAt(path, position);
  if (builtin?.kind !== 'package') return null;
  const declaring = analysis.files.filter(
    (f) => f.ast.packageName && refText(f.ast.packageName) === builtin.name,
  );
  return declaring.map((file) => ({ uri: uriFor(file.path), range: file.ast.packageName!.range }));
}
