import type { ILexingError, ILexingResult, IToken, TokenType } from 'chevrotain';
import * as T from './lexer.js';

/**
 * A hand-written scanner for the tokens `lexer.ts` defines. Chevrotain's lexer is generic: it tries
 * each pattern that can start with the next character, and it spends most of a cold start (every
 * `kli` command is one) warming up. This does the same in one pass over the characters, a few times
 * faster cold. `test/lexer.test.ts` checks that it gives exactly what Chevrotain's lexer over the
 * token definitions gives (tokens, positions, comments and errors) on every `.kli` file of the
 * repository and on random text, so the definitions stay the one source of truth.
 */

const keywordTypes = new Map<string, TokenType>();
for (const type of T.keywordTokens) keywordTypes.set(type.name.slice('Kw_'.length), type);
for (const unit of ['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years'])
  keywordTypes.set(unit, T.Unit);

const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Digit0 = 48,
  Digit9 = 57,
  Less = 60,
  Equals = 61,
  Greater = 62,
  UpperA = 65,
  UpperZ = 90,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Underscore = 95,
  LowerA = 97,
  LowerZ = 122,
  LBrace = 123,
  RBrace = 125,
}

const isDigit = (c: number) => c >= Char.Digit0 && c <= Char.Digit9;
const isNameStart = (c: number) =>
  (c >= Char.LowerA && c <= Char.LowerZ) || (c >= Char.UpperA && c <= Char.UpperZ) || c === Char.Underscore;
const isNamePart = (c: number) => isNameStart(c) || isDigit(c);
const isLineBreak = (c: number) => c === Char.LineFeed || c === Char.CarriageReturn;
/** What a regex's `.` does not match. */
const isLineTerminator = (c: number) => isLineBreak(c) || c === 0x2028 || c === 0x2029;
/** JavaScript's `\s`, the WhiteSpace token's pattern. */
const isSpace = (c: number) =>
  c === Char.Space ||
  (c >= Char.Tab && c <= Char.CarriageReturn) ||
  (c > 127 && /\s/.test(String.fromCharCode(c)));

const punctuation = new Map<number, TokenType>([
  [Char.Comma, T.Comma],
  [Char.Plus, T.Plus],
  [Char.Minus, T.Minus],
  [Char.Star, T.Star],
  [Char.LParen, T.LParen],
  [Char.RParen, T.RParen],
  [Char.LBrace, T.LBrace],
  [Char.RBrace, T.RBrace],
  [Char.LBracket, T.LBracket],
  [Char.RBracket, T.RBracket],
]);

/**
 * The type of the token the last `matchAt` found. The matchers return only where it ends, so
 * scanning allocates nothing per token but the token itself.
 */
let matched: TokenType = T.WhiteSpace;

const found = (type: TokenType, end: number): number => {
  matched = type;
  return end;
};

function stringEnd(text: string, offset: number): number | undefined {
  for (let i = offset + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === Char.Quote) return i + 1;
    if (isLineBreak(c)) return undefined;
    if (c === Char.Backslash) {
      if (i + 1 >= text.length || isLineTerminator(text.charCodeAt(i + 1))) return undefined;
      i++;
    }
  }
  return undefined;
}

function digitsEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** `\d{4}-\d{2}-\d{2}`, else `\d+(?:\.\d+)?`. */
function numberOrDate(text: string, offset: number): number {
  const digits = (from: number, count: number) => {
    for (let i = from; i < from + count; i++)
      if (i >= text.length || !isDigit(text.charCodeAt(i))) return false;
    return true;
  };
  if (
    digits(offset, 4) &&
    text.charCodeAt(offset + 4) === Char.Minus &&
    digits(offset + 5, 2) &&
    text.charCodeAt(offset + 7) === Char.Minus &&
    digits(offset + 8, 2)
  )
    return found(T.DateLiteral, offset + 10);
  const end = digitsEnd(text, offset);
  if (text.charCodeAt(end) === Char.Dot && isDigit(text.charCodeAt(end + 1)))
    return found(T.NumberLiteral, digitsEnd(text, end + 1));
  return found(T.NumberLiteral, end);
}

function slash(text: string, offset: number, tokens: IToken[]): number {
  const next = text.charCodeAt(offset + 1);
  if (next === Char.Slash) {
    let end = offset + 2;
    while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
    return found(text.charCodeAt(offset + 2) === Char.Slash ? T.DocComment : T.LineComment, end);
  }
  if (next === Char.Star) {
    const close = text.indexOf('*/', offset + 2);
    if (close >= 0) return found(T.BlockComment, close + 2);
  }
  const regex = T.regexLiteralAt(text, offset, tokens);
  if (regex) return found(T.RegexLiteral, offset + regex[0].length);
  return found(T.Slash, offset + 1);
}

/** Where the token that starts at `offset` ends (its type in `matched`), or -1 where none starts. */
function matchAt(text: string, offset: number, tokens: IToken[]): number {
  const c = text.charCodeAt(offset);
  if (isNameStart(c)) {
    let end = offset + 1;
    while (end < text.length && isNamePart(text.charCodeAt(end))) end++;
    return found(keywordTypes.get(text.slice(offset, end)) ?? T.Identifier, end);
  }
  if (isSpace(c)) {
    let end = offset + 1;
    while (end < text.length && isSpace(text.charCodeAt(end))) end++;
    return found(T.WhiteSpace, end);
  }
  if (isDigit(c)) return numberOrDate(text, offset);
  const single = punctuation.get(c);
  if (single) return found(single, offset + 1);
  const next = text.charCodeAt(offset + 1);
  switch (c) {
    case Char.Quote: {
      const end = stringEnd(text, offset);
      return end === undefined ? -1 : found(T.StringLiteral, end);
    }
    case Char.Slash:
      return slash(text, offset, tokens);
    case Char.Equals:
      return next === Char.Greater ? found(T.Arrow, offset + 2) : found(T.Equals, offset + 1);
    case Char.Dot:
      return next === Char.Dot ? found(T.DotDot, offset + 2) : found(T.Dot, offset + 1);
    case Char.Less:
      return next === Char.Equals ? found(T.LessEq, offset + 2) : found(T.Less, offset + 1);
    case Char.Greater:
      return next === Char.Equals ? found(T.GreaterEq, offset + 2) : found(T.Greater, offset + 1);
    case Char.Bang:
      return next === Char.Equals ? found(T.NotEq, offset + 2) : -1;
    default:
      return -1;
  }
}

/** Tokens, comments and doc comments, and the characters no token starts with, as Chevrotain reports them. */
export function scan(text: string): ILexingResult {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const docs: IToken[] = [];
  const errors: ILexingError[] = [];
  let offset = 0;
  let line = 1;
  let column = 1;
  while (offset < text.length) {
    const end = matchAt(text, offset, tokens);
    if (end < 0) {
      // Characters no token can start with are skipped together, up to where one can.
      const start = offset;
      do offset++;
      while (offset < text.length && matchAt(text, offset, tokens) < 0);
      const length = offset - start;
      errors.push({
        offset: start,
        line,
        column,
        length,
        message: `unexpected character: ->${text.charAt(start)}<- at offset: ${start}, skipped ${length} characters.`,
      });
      column += length;
      continue;
    }
    const type = matched;
    const length = end - offset;
    let token: IToken | undefined;
    if (type !== T.WhiteSpace) {
      token = {
        image: text.slice(offset, end),
        startOffset: offset,
        endOffset: end - 1,
        startLine: line,
        endLine: line,
        startColumn: column,
        endColumn: column + length - 1,
        tokenTypeIdx: type.tokenTypeIdx!,
        tokenType: type,
      };
      if (type === T.LineComment || type === T.BlockComment) comments.push(token);
      else if (type === T.DocComment) docs.push(token);
      else tokens.push(token);
    }
    // Only white space and block comments span lines; `\r\n` is one line break.
    let breaks = 0;
    let lastBreak = -1;
    if (type === T.WhiteSpace || type === T.BlockComment) {
      for (let i = offset; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === Char.LineFeed || c === Char.CarriageReturn) {
          if (c === Char.CarriageReturn && text.charCodeAt(i + 1) === Char.LineFeed && i + 1 < end) i++;
          breaks++;
          lastBreak = i - offset;
        }
      }
    }
    if (breaks === 0) column += length;
    else {
      line += breaks;
      column = length - lastBreak;
      if (token && !(breaks === 1 && lastBreak === length - 1)) {
        token.endLine = line;
        token.endColumn = column - 1;
      }
    }
    offset = end;
  }
  return { tokens, groups: { comments, docs }, errors };
}

/** The lexer every part of the toolchain uses: `kliLexer.tokenize(text)`, shaped like Chevrotain's. */
export const kliLexer: { tokenize(text: string): ILexingResult } = { tokenize: scan };
