import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ILexingResult } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { createKliLexer } from '../language/lexer.js';
import { scan } from '../language/scanner.js';
import { listKliFiles } from '../language/workspace.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const reference = createKliLexer();

/** Everything a lexing result says, in plain data, so a difference shows where it is. */
function plain(result: ILexingResult) {
  const token = (t: ILexingResult['tokens'][number]) => ({
    type: t.tokenType.name,
    image: t.image,
    at: [t.startOffset, t.endOffset, t.startLine, t.startColumn, t.endLine, t.endColumn],
    typeIndex: t.tokenTypeIdx,
  });
  return {
    tokens: result.tokens.map(token),
    comments: (result.groups['comments'] ?? []).map(token),
    docs: (result.groups['docs'] ?? []).map(token),
    errors: result.errors,
  };
}

const sameAsReference = (text: string) => expect(plain(scan(text))).toEqual(plain(reference.tokenize(text)));

describe('scanner', () => {
  it("gives exactly what Chevrotain's lexer over the token definitions gives, on every .kli file", () => {
    const files = [...listKliFiles(`${repo}/library`), ...listKliFiles(`${repo}/test/fixtures`)];
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) sameAsReference(readFileSync(file, 'utf8'));
  });

  it('agrees on the corners: keywords in names, units, numbers and dates, regex or division, errors', () => {
    for (const text of [
      'matches match matchx _match in includes is_x as_of day days dayz weeks months5 years_ Match',
      '2024-01-15 2024-01-155 20240-01-15 1..5 1.5.3 12.x 5days 0007',
      'a / 2 x.score / 4 when d matches /A\\/B/i /x/ true / 2 f(x) / 2 [1] / 2 category.when /re/',
      '/// doc\n// line\r\n/* block\r\n over lines */ /* open',
      '"str @ é" "esc\\"aped" "bad\\\n" "open\n x @#$ é ü ! != !x ; : ? ~ ^ ` \' \\',
      '\t\u00a0\u2028x\ry\r\n\rz\u3000',
      '',
      'kli k { when sum(amount where merchant is x) over 30 days >= 2 and not y in [1, 2] }',
    ])
      sameAsReference(text);
  });

  it('agrees on random text made of the language’s pieces', () => {
    const pieces = [
      'kli',
      'x',
      ' ',
      '\n',
      '\r\n',
      '/',
      '//',
      '/*',
      '*/',
      '"',
      '\\',
      '1',
      '2024-01-01',
      '.',
      '..',
      '=',
      '>',
      '<',
      '!',
      '@',
      'é',
      'when',
      'days',
      'true',
      ')',
      '(',
      '[',
      ']',
      '{',
      '}',
      ',',
      '-',
      '*',
      'a_1',
    ];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      let text = '';
      for (let j = random(30); j > 0; j--) text += pieces[random(pieces.length)];
      sameAsReference(text);
    }
  });
});
