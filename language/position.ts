import type { IToken } from 'chevrotain';

/** 0-based, LSP-shaped positions: the one position type of the whole toolchain. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export const emptyRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Chevrotain's positions are 1-based and inclusive; this is the one place they are converted. */
export function tokenRange(token: IToken): Range {
  return tokenSpan(token, token);
}

/** From the start of `first` to the end of `last`: the two tokens' ranges joined, without building them. */
export function tokenSpan(first: IToken, last: IToken): Range {
  // A token error recovery inserted has no place.
  if (first.startLine === undefined || Number.isNaN(first.startOffset)) return emptyRange;
  if (last.startLine === undefined || Number.isNaN(last.startOffset)) return emptyRange;
  return {
    start: { line: first.startLine - 1, character: (first.startColumn ?? 1) - 1 },
    end: { line: (last.endLine ?? last.startLine) - 1, character: last.endColumn ?? last.startColumn ?? 0 },
  };
}

export function spanRanges(first: Range, last: Range): Range {
  return { start: first.start, end: last.end };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** `file:line:col` with 1-based numbers, the way compilers print locations for people. */
export function formatLocation(file: string, range: Range): string {
  return `${file}:${range.start.line + 1}:${range.start.character + 1}`;
}
