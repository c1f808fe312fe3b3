import type { TextEdit } from 'vscode-languageserver/node.js';
import { formatText } from '../language/format.js';

/**
 * Formatting: the formatter `kli fmt` uses, as one edit over the part that changed (so the cursor
 * and folds outside it stay put). Text with syntax errors gets no edit.
 */
export function formatDocument(text: string): TextEdit[] {
  const formatted = formatText(text);
  if (formatted === undefined || formatted === text) return [];
  let prefix = 0;
  const shorter = Math.min(text.length, formatted.length);
  while (prefix < shorter && text.charCodeAt(prefix) === formatted.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    text.charCodeAt(text.length - 1 - suffix) === formatted.charCodeAt(formatted.length - 1 - suffix)
  )
    suffix++;
  return [
    {
      range: { start: positionAt(text, prefix), end: positionAt(text, text.length - suffix) },
      newText: formatted.slice(prefix, formatted.length - suffix),
    },
  ];
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < offset;
    index = text.indexOf('\n', index + 1)
  ) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}
