import type { IToken } from 'chevrotain';
import { kliLexer } from '../language/scanner.js';

const declarationStart =
  /^(?:package|import|category|list|cleanse|merchant|mcc|source|customer|let|kli|segmentation|segment|test)\b/;

/**
 * Where the top-level declaration around an offset starts: the nearest line above that begins, at
 * column 0, with a declaration keyword. Completion and signature help lex from there to the cursor,
 * which keeps them fast in a 20,000-line file and working in text that does not parse.
 */
function declarationStartOffset(text: string, offset: number): number {
  let lineStart = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  while (lineStart > 0) {
    if (declarationStart.test(text.slice(lineStart, lineStart + 13))) return lineStart;
    // The line above starts after the newline before the one that ends it.
    lineStart = lineStart >= 2 ? text.lastIndexOf('\n', lineStart - 2) + 1 : 0;
  }
  return 0;
}

export interface TextBefore {
  /** Tokens from the start of the declaration to the cursor, without the word being typed. */
  tokens: IToken[];
  /** The part of a name already typed before the cursor. */
  word: string;
  /** Whether the cursor is inside a comment or a string, where nothing is completed. */
  inCommentOrString: boolean;
  /** Whether only spaces precede the word on its line. */
  atLineStart: boolean;
}

export function textBefore(text: string, offset: number): TextBefore {
  const start = declarationStartOffset(text, offset);
  const slice = text.slice(start, offset);
  const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(slice)?.[0] ?? '';
  const lexed = kliLexer.tokenize(slice.slice(0, slice.length - word.length));
  const lineStart = slice.lastIndexOf('\n') + 1;
  const atLineStart = /^\s*$/.test(slice.slice(lineStart, slice.length - word.length));
  const end = slice.length - word.length;
  // A line comment that runs to the cursor, or a block comment opened and not yet closed.
  const lineComments = [...(lexed.groups['comments'] ?? []), ...(lexed.groups['docs'] ?? [])].filter(
    (c) => c.tokenType.name !== 'BlockComment',
  );
  const inComment =
    lineComments.some((c) => (c.endOffset ?? c.startOffset) + 1 >= end) ||
    slice.lastIndexOf('/*') > slice.lastIndexOf('*/');
  // An unclosed quote on the cursor's line is a string being typed.
  const lineText = slice.slice(lineStart);
  const quotes = (lineText.replace(/\\./g, '').match(/"/g) ?? []).length;
  return { tokens: lexed.tokens, word, inCommentOrString: inComment || quotes % 2 === 1, atLineStart };
}

export const tokenName = (token: IToken | undefined) => token?.tokenType.name ?? '';
