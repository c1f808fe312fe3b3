import {
  ErrorCodes,
  ResponseError,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node.js';
import { keywordTexts } from '../language/lexer.js';
import { occurrencesEverywhere } from './references.js';
import { targetName, type Target } from './occurrences.js';
import type { Analysis } from './workspace-index.js';

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const keywords = new Set(keywordTexts);

/** Only declared names can be renamed; built-ins (fields, functions) cannot. */
export function prepareRename(
  analysis: Analysis,
  path: string,
  position: Position,
): { range: Range; placeholder: string } | null {
  const occurrence = analysis.occurrences.at(path, position);
  if (!occurrence) {
    if (analysis.occurrences.builtinAt(path, position))
      throw new ResponseError(ErrorCodes.InvalidRequest, 'built-in names cannot be renamed');
    return null;
  }
  return { range: occurrence.range, placeholder: targetName(occurrence.target) };
}

/**
 * Renames a declaration and every use of it, in the workspace and in every open workspace that
 * depends on it. Refuses names the grammar does not allow and names that are already taken.
 */
export function rename(
  analysis: Analysis,
  everyAnalysis: () => Analysis[],
  path: string,
  position: Position,
  newName: string,
  textOf: (path: string) => string | undefined,
  uriFor: (path: string) => string,
): WorkspaceEdit | null {
  const occurrence = analysis.occurrences.at(path, position);
  if (!occurrence) return null;
  const target = occurrence.target;
  const oldName = targetName(target);
  if (!namePattern.test(newName))
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `\`${newName}\` is not a name: use letters, digits and _`,
    );
  if (keywords.has(newName))
    throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is a keyword of the language`);
  if (newName === oldName) return { changes: {} };
  const clash = takenBy(target, newName, analysis);
  if (clash) throw new ResponseError(ErrorCodes.InvalidParams, clash);

  const analyses = target.kind === 'local' ? [analysis] : everyAnalysis();
  const changes: Record<string, TextEdit[]> = {};
  const lines = new Map<string, string[]>();
  for (const found of occurrencesEverywhere(target, analyses)) {
    // Only edit text that still spells the old name, so a stale range can never damage a file.
    let fileLines = lines.get(found.file);
    if (!fileLines) {
      fileLines = (textOf(found.file) ?? '').split('\n');
      lines.set(found.file, fileLines);
    }
    const line = fileLines[found.range.start.line] ?? '';
    if (line.slice(found.range.start.character, found.range.end.character) !== oldName) continue;
    const uri = uriFor(found.file);
    (changes[uri] ??= []).push({ range: found.range, newText: newName });
  }
  return { changes };
}

/** Why a new name would clash with a declaration already in the same scope, if it would. */
function takenBy(target: Target, newName: string, analysis: Analysis): string | undefined {
  if (target.kind === 'local') {
    const clash = target.kli.lets.some((l) => l.name.text === newName);
    return clash ? `\`${newName}\` is already a let in KLI \`${target.kli.name.text}\`` : undefined;
  }
  const symbol = target.symbol;
  if (symbol.kind === 'attribute')
    return analysis.model.attributes.has(newName)
      ? `customer attribute \`${newName}\` already exists`
      : undefined;
  if (symbol.parent) {
    return symbol.parent.children.has(newName)
      ? `\`${symbol.parent.key}\` already has a member \`${newName}\``
      : undefined;
  }
  const existing = analysis.model.packages.get(symbol.package)?.get(newName);
  if (existing)
    return `\`${newName}\` is already declared in package \`${symbol.package}\` (a ${existing.kind})`;
  const unique =
    symbol.kind === 'kli'
      ? analysis.model.klis
      : symbol.kind === 'merchant'
        ? [...analysis.model.merchants.values()]
        : symbol.kind === 'segment' || symbol.kind === 'segmentation'
          ? [...analysis.model.segments, ...analysis.model.segmentations]
          : [];
  // KLIs, merchants and segments name output columns and values, so they are unique across packages.
  const other = unique.find((s) => s.key === newName);
  return other ? `a ${other.kind} \`${newName}\` already exists in package \`${other.package}\`` : undefined;
}
