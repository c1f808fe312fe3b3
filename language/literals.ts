import type { IToken } from 'chevrotain';
import type * as A from './ast.js';
import { tokenRange, type Range } from './position.js';

/** What both parsers (`parser.ts`, `fast-parser.ts`) build from tokens the same way. */

export type MetaItem =
  { key: 'description' | 'owner' | 'since' | 'deprecated'; value: string } | { key: 'tags'; tags: string[] };

export function unquote(image: string): string {
  const text = image.slice(1, -1);
  if (!text.includes('\\')) return text;
  return text.replace(/\\(.)/g, (_, escaped: string) => ({ n: '\n', t: '\t' })[escaped] ?? escaped);
}

export function stringValue(token: IToken): { value: string; range: Range } {
  return { value: unquote(token.image), range: tokenRange(token) };
}

export function regexLiteral(token: IToken): A.RegexLiteral {
  const lastSlash = token.image.lastIndexOf('/');
  return {
    pattern: token.image.slice(1, lastSlash),
    flags: token.image.slice(lastSlash + 1),
    range: tokenRange(token),
  };
}

export const unitDays: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

/**
 * A declaration's range and metadata, once its last token is known: the doc comments on the lines
 * right above it, its display name, its items. A name that recovery left empty takes its range.
 */
export function finishDeclaration<D extends A.Decl>(
  decl: D,
  range: Range,
  docComments: Map<number, string>,
  items: (MetaItem | undefined)[],
  display: string | undefined,
): D {
  const target: A.Decl = decl;
  target.range = range;
  if ('name' in target && target.name?.text === '') target.name.range = range;
  if (!('meta' in target)) return decl;
  const meta: A.Metadata = { tags: [] };
  const lines: string[] = [];
  for (let line = range.start.line - 1; docComments.has(line); line--)
    lines.unshift(docComments.get(line) ?? '');
  if (lines.length) meta.doc = lines.join('\n');
  if (display !== undefined) meta.displayName = display;
  for (const item of items) {
    if (item?.key === 'tags') meta.tags.push(...item.tags);
    else if (item) meta[item.key] = item.value;
  }
  target.meta = meta;
  return decl;
}
