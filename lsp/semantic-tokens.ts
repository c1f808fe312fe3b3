import type { IToken } from 'chevrotain';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver/node.js';
import type { KliSymbol } from '../language/symbols.js';
import { lexDocument } from './tokens.js';
import type { Analysis } from './workspace-index.js';

const tokenTypes = [
  'namespace',
  'enum',
  'class',
  'event',
  'struct',
  'variable',
  'property',
  'function',
  'keyword',
  'string',
  'number',
  'regexp',
  'comment',
  'operator',
  'interface',
  'enumMember',
  'type',
] as const;
const tokenModifiers = ['declaration', 'deprecated', 'documentation', 'readonly', 'defaultLibrary'] as const;

type TokenType = (typeof tokenTypes)[number];
type TokenModifier = (typeof tokenModifiers)[number];

export const semanticTokensLegend: SemanticTokensLegend = {
  tokenTypes: [...tokenTypes],
  tokenModifiers: [...tokenModifiers],
};

const symbolTypes: Record<KliSymbol['kind'], TokenType> = {
  category: 'enum',
  list: 'variable',
  merchant: 'class',
  source: 'interface',
  let: 'variable',
  kli: 'event',
  segment: 'struct',
  segmentation: 'struct',
  attribute: 'property',
};

const operators = new Set([
  'Arrow',
  'DotDot',
  'LessEq',
  'GreaterEq',
  'NotEq',
  'Less',
  'Greater',
  'Equals',
  'Plus',
  'Minus',
  'Star',
  'Slash',
]);

interface Classification {
  type: TokenType;
  modifiers: TokenModifier[];
}

/**
 * Semantic tokens: the lexer says what kind of token each is; the reference list says what each
 * name stands for (a KLI, a merchant, a category…), declarations and deprecated names marked.
 * For editors without a kli grammar, this is the highlighting.
 */
export function semanticTokens(analysis: Analysis, path: string, text: string): SemanticTokens {
  const names = nameClassifications(analysis, path);
  const { tokens, comments } = lexDocument(text);
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  const push = (line: number, character: number, length: number, classification: Classification) => {
    if (length <= 0) return;
    const deltaLine = line - previousLine;
    data.push(
      deltaLine,
      deltaLine === 0 ? character - previousCharacter : character,
      length,
      tokenTypes.indexOf(classification.type),
      classification.modifiers.reduce((bits, m) => bits | (1 << tokenModifiers.indexOf(m)), 0),
    );
    previousLine = line;
    previousCharacter = character;
  };
  const all = [...tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset);
  for (const token of all) {
    const classification = classify(token, names, analysis, path);
    if (!classification) continue;
    const line = (token.startLine ?? 1) - 1;
    const character = (token.startColumn ?? 1) - 1;
    // Tokens may not span lines in the protocol's default; a block comment is sent line by line.
    const lines = token.image.split('\n');
    lines.forEach((part, index) =>
      push(line + index, index === 0 ? character : 0, part.replace(/\r$/, '').length, classification),
    );
  }
  return { data };
}

function classify(
  token: IToken,
  names: Map<string, Classification>,
  analysis: Analysis,
  path: string,
): Classification | undefined {
  const type = token.tokenType.name;
  if (type === 'DocComment') return { type: 'comment', modifiers: ['documentation'] };
  if (type === 'LineComment' || type === 'BlockComment') return { type: 'comment', modifiers: [] };
  if (type === 'StringLiteral') return { type: 'string', modifiers: [] };
  if (type === 'NumberLiteral' || type === 'DateLiteral') return { type: 'number', modifiers: [] };
  if (type === 'RegexLiteral') return { type: 'regexp', modifiers: [] };
  if (operators.has(type)) return { type: 'operator', modifiers: [] };
  const isName = type === 'Identifier' || type.startsWith('Kw_');
  if (!isName) return undefined;
  const line = (token.startLine ?? 1) - 1;
  const character = (token.startColumn ?? 1) - 1;
  const named = names.get(`${line}:${character}`);
  if (named) return named;
  const builtin = analysis.occurrences.builtinAt(path, { line, character });
  if (builtin?.kind === 'package') return { type: 'namespace', modifiers: [] };
  return type.startsWith('Kw_') ? { type: 'keyword', modifiers: [] } : undefined;
}

/** What each name in the file stands for, by its start. */
function nameClassifications(analysis: Analysis, path: string): Map<string, Classification> {
  const names = new Map<string, Classification>();
  const at = (position: { line: number; character: number }) => `${position.line}:${position.character}`;
  for (const occurrence of analysis.occurrences.inFile(path)) {
    const modifiers: TokenModifier[] = occurrence.declaration ? ['declaration'] : [];
    const target = occurrence.target;
    if (target.kind === 'local') {
      names.set(at(occurrence.range.start), { type: 'variable', modifiers });
      continue;
    }
    if (target.symbol.meta.deprecated !== undefined) modifiers.push('deprecated');
    names.set(at(occurrence.range.start), { type: symbolTypes[target.symbol.kind], modifiers });
  }
  for (const builtin of analysis.occurrences.builtinsInFile(path)) {
    if (builtin.kind === 'field')
      names.set(at(builtin.range.start), { type: 'property', modifiers: ['defaultLibrary'] });
    if (builtin.kind === 'function')
      names.set(at(builtin.range.start), { type: 'function', modifiers: ['defaultLibrary'] });
    if (builtin.kind === 'uncategorized')
      names.set(at(builtin.range.start), { type: 'enumMember', modifiers: ['defaultLibrary'] });
  }
  const file = analysis.file(path);
  for (const decl of file?.ast.decls ?? []) {
    if (decl.kind === 'customer')
      for (const attribute of decl.attributes)
        names.set(at(attribute.type.range.start), { type: 'type', modifiers: [] });
    if (decl.kind === 'source')
      for (const mapping of decl.mappings)
        names.set(at(mapping.target.range.start), { type: 'property', modifiers: [] });
  }
  return names;
}
