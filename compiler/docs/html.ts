import { tokenMatcher, type IToken } from 'chevrotain';
import { Keyword } from '../../language/lexer.js';
import { kliLexer } from '../../language/scanner.js';

/** Every name, description and pattern comes from rule files, which are untrusted: all text goes through here. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Part = Html | string | number | undefined | null | false | Part[];

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof Html) return part.text;
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

export const raw = (text: string) => new Html(text);

const tokenClass = (token: IToken): string | undefined => {
  const name = token.tokenType.name;
  if (name === 'DocComment' || name === 'LineComment' || name === 'BlockComment') return 'tok-comment';
  if (name === 'StringLiteral' || name === 'RegexLiteral') return 'tok-string';
  if (name === 'NumberLiteral' || name === 'DateLiteral') return 'tok-number';
  if (tokenMatcher(token, Keyword)) return 'tok-keyword';
  return undefined;
};

/** kli source with keywords, strings, numbers and comments marked, from the language's own lexer. */
export function highlightKli(source: string): Html {
  const lexed = kliLexer.tokenize(source);
  const tokens = [...lexed.tokens, ...Object.values(lexed.groups).flat()].sort(
    (a, b) => a.startOffset - b.startOffset,
  );
  let out = '';
  let at = 0;
  for (const token of tokens) {
    const cls = tokenClass(token);
    if (!cls || token.startOffset < at) continue;
    const end = (token.endOffset ?? token.startOffset) + 1;
    out += escapeHtml(source.slice(at, token.startOffset));
    out += `<span class="${cls}">${escapeHtml(source.slice(token.startOffset, end))}</span>`;
    at = end;
  }
  return raw(out + escapeHtml(source.slice(at)));
}

/** SQL with its comment lines dimmed (the emitter writes comments on lines of their own). */
export function highlightSql(sql: string): Html {
  return raw(
    sql
      .split('\n')
      .map((line) =>
        line.trimStart().startsWith('--')
          ? `<span class="tok-comment">${escapeHtml(line)}</span>`
          : escapeHtml(line),
      )
      .join('\n'),
  );
}
