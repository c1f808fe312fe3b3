import type { IToken } from 'chevrotain';
import { kliLexer } from './scanner.js';
import { layoutOf, type Layout } from './parser.js';

/**
 * The canonical layout of kli source, shared by `kli fmt` and the language server: 2-space indent,
 * one clause per line, a blank line between top-level declarations, single spaces between tokens.
 * Line breaks inside a clause (a long `when`, a list of prefixes) and single blank lines between
 * clauses are the author's and are kept; comments stay where they are, re-indented.
 *
 * It only ever changes whitespace: the output is lexed again and must give the same tokens and
 * comments, in the same order, or nothing is returned. A file with syntax errors is not formatted.
 */
export function formatText(text: string): string | undefined {
  const lexed = kliLexer.tokenize(text);
  if (lexed.errors.length > 0) return undefined;
  const layout = layoutOf(lexed.tokens);
  if (!layout) return undefined;
  const comments = [...(lexed.groups['comments'] ?? []), ...(lexed.groups['docs'] ?? [])];
  const all = [...lexed.tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset);
  const formatted = print(text, all, layout);
  return sameTokens(all, formatted) ? formatted : undefined;
}

const isComment = (token: IToken) => token.tokenType.name.endsWith('Comment');
const endsLine = (token: IToken) =>
  token.tokenType.name === 'LineComment' || token.tokenType.name === 'DocComment';
const noSpaceBefore = new Set(['Comma', 'RParen', 'RBracket', 'Dot', 'DotDot']);
const noSpaceAfter = new Set(['LParen', 'LBracket', 'Dot', 'DotDot']);

function lineBreaksBetween(text: string, previous: IToken, next: IToken): number {
  let breaks = 0;
  for (let i = (previous.endOffset ?? previous.startOffset) + 1; i < next.startOffset; i++)
    if (text.charCodeAt(i) === 10) breaks++;
  return breaks;
}

type Gap = { lines: number; continuation: boolean } | 'space' | 'tight';

function print(text: string, tokens: IToken[], layout: Layout): string {
  let out = '';
  let depth = 0;
  /** Set at the end of a top-level item; comments trailing on its line keep it. */
  let afterTopLevel: 'header' | 'declaration' | undefined;
  let previous: IToken | undefined;

  const gap = (previous: IToken, token: IToken): Gap => {
    const written = lineBreaksBetween(text, previous, token);
    const lines = (wanted: number): Gap => {
      let count = Math.max(1, Math.min(wanted, 2));
      // No blank line just inside a block's braces; exactly one after a top-level declaration.
      if (layout.blockOpens.has(previous) || layout.blockCloses.has(token)) count = 1;
      else if (depth === 0 && afterTopLevel === 'declaration') count = 2;
      else if (depth === 0 && afterTopLevel === 'header')
        count = layout.topLevel.get(token) === 'import' ? 1 : 2;
      return { lines: count, continuation: false };
    };
    if (isComment(token)) return written === 0 && !endsLine(previous) ? 'space' : lines(written);
    if (layout.blockOpens.has(previous) && layout.blockCloses.has(token)) return 'tight';
    const startsLine =
      endsLine(previous) ||
      layout.topLevel.has(token) ||
      layout.clauseStarts.has(token) ||
      layout.blockCloses.has(token) ||
      layout.blockOpens.has(previous);
    if (startsLine) return lines(written);
    // A line break inside a clause is the author's: kept, one indent deeper.
    if (written > 0) return { lines: 1, continuation: !layout.listItems.has(token) };
    const tight =
      noSpaceBefore.has(token.tokenType.name) ||
      noSpaceAfter.has(previous.tokenType.name) ||
      layout.callParens.has(token) ||
      layout.unaryMinus.has(previous);
    return tight ? 'tight' : 'space';
  };

  for (const token of tokens) {
    if (token.tokenType.name === 'RBrace') depth = Math.max(0, depth - 1);
    const spacing = previous ? gap(previous, token) : 'tight';
    if (spacing === 'tight') out += token.image;
    else if (spacing === 'space') out += ' ' + token.image;
    else
      out += '\n'.repeat(spacing.lines) + '  '.repeat(depth + (spacing.continuation ? 1 : 0)) + token.image;
    if (token.tokenType.name === 'LBrace') depth++;
    const ended = layout.topLevelEnds.get(token);
    if (ended) afterTopLevel = ended;
    else if (typeof spacing === 'object') afterTopLevel = undefined;
    previous = token;
  }
  return out.length ? out + '\n' : '';
}

/** Whether the formatted text has exactly the tokens and comments of the original, in order. */
function sameTokens(original: IToken[], formatted: string): boolean {
  const lexed = kliLexer.tokenize(formatted);
  if (lexed.errors.length > 0) return false;
  const again = [...lexed.tokens, ...(lexed.groups['comments'] ?? []), ...(lexed.groups['docs'] ?? [])].sort(
    (a, b) => a.startOffset - b.startOffset,
  );
  return (
    again.length === original.length &&
    again.every(
      (token, i) => token.image === original[i]?.image && token.tokenType === original[i]?.tokenType,
    )
  );
}
