import type { IToken } from 'chevrotain';
import { kliLexer } from '../language/scanner.js';

export interface LexedDocument {
  tokens: IToken[];
  /** Line, block and doc comments, in order. */
  comments: IToken[];
}

let last: { text: string; lexed: LexedDocument } | undefined;

/** The lexer's view of a whole document, comments included; the last one is kept for the next request. */
export function lexDocument(text: string): LexedDocument {
  if (last?.text === text) return last.lexed;
  const result = kliLexer.tokenize(text);
  const comments = [...(result.groups['comments'] ?? []), ...(result.groups['docs'] ?? [])].sort(
    (a, b) => a.startOffset - b.startOffset,
  );
  const lexed = { tokens: result.tokens, comments };
  last = { text, lexed };
  return lexed;
}

/** 0-based line of a token's first and last character. */
export const startLine = (token: IToken) => (token.startLine ?? 1) - 1;
export const endLine = (token: IToken) => (token.endLine ?? token.startLine ?? 1) - 1;
