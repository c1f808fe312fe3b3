import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KliDecl, MerchantDecl } from '../language/ast.js';
import { createKliLexer } from '../language/lexer.js';
import { createKliParser } from '../language/parser.js';
import { parseSource } from '../language/workspace.js';
import { markSource } from './helpers.js';

/** The design draft's full example, as the spec writes it. */
function specExample(): string {
  const spec = readFileSync(new URL('../../shared/spec/LANGUAGE.md', import.meta.url), 'utf8');
  const match = /```kli\n([\s\S]*?)```/.exec(spec);
  if (!match?.[1]) throw new Error('no kli example in the spec');
  return match[1];
}

describe('parser', () => {
  it("passes Chevrotain's grammar and token validations, which the shipped parser skips", () => {
    // Both throw on a definition error (an ambiguity, left recursion, an unreachable token…).
    expect(() => createKliParser({ validate: true })).not.toThrow();
    expect(() => createKliLexer({ validate: true })).not.toThrow();
  });

  it('parses every construct of the design draft without a diagnostic', () => {
    const file = parseSource('/spec.kli', specExample());
    expect(file.diagnostics).toEqual([]);
    expect(file.ast.decls.map((d) => d.kind)).toEqual([
      'category',
      'cleanse',
      'merchant',
      'mcc',
      'source',
      'kli',
      'segment',
      'segmentation',
      'test',
      'test',
    ]);
  });

  it('gives every node a 0-based, LSP-shaped range', () => {
    const { text, ranges } = markSource(
      'package p\n\nmerchant <|name:starbucks|> "Starbucks" {\n  match prefix <|pattern:"SBUX"|>\n}\n',
    );
    const merchant = parseSource('/a.kli', text).ast.decls[0] as MerchantDecl;
    expect(merchant.name.range).toEqual(ranges['name']);
    expect(merchant.matchers[0]?.range).toEqual(ranges['pattern']);
    expect(merchant.range.start).toEqual({ line: 2, character: 0 });
  });

  it('tells a regex from a division by what comes before the slash', () => {
    const file = parseSource(
      '/a.kli',
      'package p\nkli k { let a = sum(amount) / 2 let b = new_homeowner.score / 4 when description matches /A\\/B/i and a > b }',
    );
    expect(file.diagnostics).toEqual([]);
    const kli = file.ast.decls[0] as KliDecl;
    expect(kli.lets.map((l) => l.value.kind)).toEqual(['binary', 'binary']);
    expect(JSON.stringify(kli.when)).toContain('"pattern":"A\\\\/B","flags":"i"');
  });

  it('attaches /// doc comments to the next declaration', () => {
    const file = parseSource(
      '/a.kli',
      'package p\n/// First line.\n/// Second line.\nkli k { when true }\n// not a doc\nkli j { when true }',
    );
    const [k, j] = file.ast.decls as KliDecl[];
    expect(k?.meta.doc).toBe('First line.\nSecond line.');
    expect(j?.meta.doc).toBeUndefined();
  });

  it('recovers from a syntax error and keeps parsing the declarations after it', () => {
    const { text, ranges } = markSource(
      'package p\nkli broken { when count(where amount > <|err:)|> }\nkli fine "Fine" { window 30 days when count() > 1 }\nmerchant m { match prefix "M" }\n',
    );
    const file = parseSource('/a.kli', text);
    expect(file.diagnostics.map((d) => d.code)).toEqual(['syntax-error']);
    expect(file.diagnostics[0]?.range.start).toEqual(ranges['err']?.start);
    expect(file.ast.decls.map((d) => ('name' in d && d.name ? d.name.text : d.kind))).toContain('fine');
    expect(file.ast.decls.map((d) => ('name' in d && d.name ? d.name.text : d.kind))).toContain('m');
  });

  it('keeps what a broken declaration had parsed, so a typo does not undeclare it', () => {
    const file = parseSource(
      '/a.kli',
      [
        'package p',
        'kli k "K" {',
        '  description "kept"',
        '  let before = customer."x"',
        '  let after = 2',
        '  when before > after',
        '}',
        'merchant m { match prefix "A", =, "B" category c }',
        'kli last { description "also kept" when 1 > }',
      ].join('\n'),
    );
    expect(file.diagnostics.map((d) => d.code)).toEqual(['syntax-error', 'syntax-error', 'syntax-error']);
    const [k, m, last] = file.ast.decls as [KliDecl, MerchantDecl, KliDecl];
    expect(k.meta.description).toBe('kept');
    expect(k.lets.map((l) => [l.name.text, l.value.kind])).toEqual([
      ['before', 'error'],
      ['after', 'number'],
    ]);
    expect(k.when?.kind).toBe('binary');
    expect(m.matchers.map((matcher) => matcher.value)).toEqual(['A']);
    expect(m.category?.parts.map((part) => part.text)).toEqual(['c']);
    expect(last).toMatchObject({ kind: 'kli', name: { text: 'last' }, meta: { description: 'also kept' } });
    expect(last.when?.kind).toBe('error');
  });

  it('says what it expected and what it found, in the language of the file', () => {
    const { text, ranges } = markSource(
      'package a\nmerchant m {\n  match prefix "A", "B"\n  <|here:"C"|>\n}',
    );
    const file = parseSource('/a.kli', text);
    expect(file.diagnostics).toMatchObject([
      { code: 'syntax-error', message: `expected '}', found "C"`, range: ranges['here'] },
    ]);
  });

  it('reports an unknown character with its position', () => {
    const { text, ranges } = markSource('package p\nkli k { when <|bad:@|> }');
    const file = parseSource('/a.kli', text);
    expect(file.diagnostics[0]).toMatchObject({ code: 'syntax-error', range: ranges['bad'] });
  });

  it('reads windows in days, weeks, months and years', () => {
    const file = parseSource(
      '/a.kli',
      'package p\nkli a { window 2 weeks when true }\nkli b { window 3 months when true }\nkli c { window 1 year when true }',
    );
    expect((file.ast.decls as KliDecl[]).map((k) => k.window?.days)).toEqual([14, 90, 365]);
  });
});
