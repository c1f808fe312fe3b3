import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseValid } from '../language/fast-parser.js';
import { createKliParser, docCommentsOf } from '../language/parser.js';
import { scan } from '../language/scanner.js';
import { listKliFiles } from '../language/workspace.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const reference = createKliParser();

/**
 * Both parsers on one text: the fast parser's AST (undefined where it gave up) and Chevrotain's,
 * each as JSON, so key order counts too (the parse cache and `kli diff` serialise ASTs).
 */
function both(text: string) {
  const lexed = scan(text);
  const docs = docCommentsOf(lexed);
  const fast = lexed.errors.length === 0 ? parseValid('f.kli', lexed.tokens, docs) : undefined;
  const slow = reference.parse('f.kli', lexed.tokens, docs);
  const valid = lexed.errors.length === 0 && reference.errors.length === 0;
  return { fast: fast && JSON.stringify(fast), slow: JSON.stringify(slow), valid };
}

/** The same AST where Chevrotain finds no error, and giving up where it finds one. */
function agrees(text: string): boolean {
  const { fast, slow, valid } = both(text);
  return valid ? fast === slow : fast === undefined;
}

const files = [...listKliFiles(`${repo}/library`), ...listKliFiles(`${repo}/test/fixtures`)];

describe('fast parser', () => {
  it("builds exactly Chevrotain's AST for every .kli file of the repository", () => {
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const { fast, slow, valid } = both(readFileSync(file, 'utf8'));
      expect(valid, file).toBe(true);
      expect(fast, file).toBe(slow);
    }
  });

  it('agrees on constructs the library uses rarely', () => {
    for (const text of [
      '',
      '// only a comment\n/// and a doc comment',
      'package a.b.c\nimport std\nimport x.y',
      'source s "S" {\n  description "d"\n  description = "Description Col"\n  customer = customer_id sign debit_positive\n' +
        '  customer "acct"\n  delimiter ";"\n  date_format "%d/%m/%Y"\n  decimal ","\n  tags [a, b]\n  tags = t\n  amount = "Amt" sign credit_positive\n}',
      'cleanse c { owner "o" uppercase trim collapse spaces strip prefix "A", "B" strip suffix "Z" strip pattern /\\d+/g ' +
        'strip location strip location cities a.b strip location states s strip location cities c states d replace /x/i with "y" }',
      'cleanse { }',
      '/// Food\n/// and drink\ncategory food "Food" { description "d" category coffee { since "2024" } category tea }',
      'list l { tags [] "a", "b" "c", }',
      'merchant m "M" { match exact "A", "B" match regex /x/i, /y/ category a.b category c deprecated "d" }',
      'mcc 1, 2..5, 7 => a.b',
      'customer { description "c" age number "Age" state string }',
      'let x = -3\nlet y = - -2.5\nlet z = -(1 + 2) * 3 / 4 - 5',
      'kli k "K" { window 3 months let a = 1 when a is not b and not c in [1, 2] or d not in e when x score 2 score 3 }',
      'kli k { when count(where merchant is m) over 30 days >= sum(amount where category under food) between 90 days ago and 30 days ago }',
      'kli k { when avg(amount) > max(x where y, 2) and f() = g.h.i(1, 2) and description matches /a/ and description contains "b" }',
      'kli k { when customer.avg_balance >= 1..5 and mcc = 5411 and [] = [1] and true != false and 2024-01-01 < posted_date }',
      'segment s "S" { when a where b action { channel "email", offer "x" } owner "o" when c }',
      'segment bare',
      'segmentation g "G" exclusive { segment a { when x } segment b otherwise c "C" { action { x "y" } } otherwise d }',
      'test "t" { as_of 2024-01-01 as_of 2024-02-02 transaction "SQ *X" mcc 5411 => merchant m, category a.b, cleansed "X" ' +
        'transaction "Y" => uncategorized customer "c1" { txn 2024-01-01 "A" -12.5 mcc 1 txn 2024-01-02 "B" 3 age = 30 products = "a", "b" } ' +
        'expect "c1" has k expect "c1" not in s tags [x] }',
    ]) {
      const { fast, slow, valid } = both(text);
      expect(valid, text).toBe(true);
      expect(fast, text).toBe(slow);
    }
  });

  it("gives up exactly where Chevrotain's parser finds an error, on edited files", () => {
    // Each file edited one token at a time: the token deleted, or something inserted before it or put
    // in its place. Most edits break the file; some leave it valid, and then the ASTs must be the same.
    let seed = 3;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const junk = [
      '}',
      '{',
      'when',
      '=',
      ')',
      '(',
      'and',
      'not',
      '"x"',
      'kli',
      '42',
      '.',
      ',',
      '-',
      'is',
      'in',
    ];
    const more = ['not in', 'where', 'over 3 days', '[', ']', 'category', 'x', '/a/', 'merchant', '=>', '..'];
    const pieces = [...junk, ...more];
    let valid = 0;
    const disagreements: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const tokens = scan(text).tokens;
      for (let i = 0; i < 25 && tokens.length; i++) {
        const token = tokens[random(tokens.length)]!;
        const [start, end] = [token.startOffset, token.startOffset + token.image.length];
        const piece = pieces[random(pieces.length)]!;
        const edit = random(3);
        const edited =
          edit === 0
            ? text.slice(0, start) + text.slice(end)
            : edit === 1
              ? `${text.slice(0, start)}${piece} ${text.slice(start)}`
              : text.slice(0, start) + piece + text.slice(end);
        if (both(edited).valid) valid++;
        if (!agrees(edited))
          disagreements.push(`${file}:${token.startLine}: ${edited.slice(start - 30, start + 30)}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(valid).toBeGreaterThan(50);
  });
});
