import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../language/diagnostics.js';
import { checkFiles, codes, markSource, sampleRules } from './helpers.js';

const categories = `package base
category food "Food" { category coffee "Coffee" category groceries "Groceries" }
category home "Home" { category hardware "Hardware" }
customer { avg_balance money products products }
`;

/** Checks one marked file against the base package, and returns its diagnostics and ranges. */
function checkMarked(marked: string): {
  diagnostics: Diagnostic[];
  ranges: ReturnType<typeof markSource>['ranges'];
} {
  const { text, ranges } = markSource(marked);
  const { diagnostics } = checkFiles({ 'base.kli': categories, 'a.kli': text });
  return { diagnostics, ranges };
}

function expectOnly(marked: string, code: string, rangeName = 'here', message?: RegExp): Diagnostic {
  const { diagnostics, ranges } = checkMarked(marked);
  expect(codes(diagnostics)).toEqual([code]);
  const diagnostic = diagnostics[0]!;
  expect(diagnostic.range).toEqual(ranges[rangeName]);
  if (message) expect(diagnostic.message).toMatch(message);
  return diagnostic;
}

describe('checker', () => {
  it('accepts a complete, correct rule set', () => {
    expect(checkFiles({ 'rules.kli': sampleRules }).diagnostics).toEqual([]);
  });

  it('reports an unknown category with a suggestion', () => {
    const d = expectOnly(
      'package a\nimport base\nmerchant m { match prefix "M" category food.<|here:cofee|> }',
      'unknown-name',
      'here',
      /did you mean `coffee`/,
    );
    expect(d.data?.suggestion).toBe('coffee');
  });

  it('says which import is missing', () => {
    const d = expectOnly(
      'package a\nmerchant m { match prefix "M" category <|here:food|>.coffee }',
      'unknown-name',
      'here',
      /package `base`/,
    );
    expect(d.data?.missingImport).toBe('base');
  });

  it('resolves fully qualified names without an import', () => {
    expect(
      checkMarked('package a\nmerchant m { match prefix "M" category base.food.coffee }').diagnostics,
    ).toEqual([]);
  });

  it('reports duplicate names with the first declaration', () => {
    const d = expectOnly('package a\nkli k { when true }\nkli <|here:k|> { when false }', 'duplicate-name');
    expect(d.related?.[0]?.range.start.line).toBe(1);
  });

  it('reports comparing money with a count', () => {
    expectOnly(
      'package a\nkli k { when <|here:sum(amount) > count()|> }',
      'type-mismatch',
      'here',
      /money with a count/,
    );
  });

  it('reports a when that is not a condition', () => {
    expectOnly(
      'package a\nkli k { when <|here:count()|> }',
      'type-mismatch',
      'here',
      /must be a boolean, not a number/,
    );
  });

  it('reports a transaction field outside an aggregate', () => {
    expectOnly('package a\nkli k { when <|here:amount|> > 5 }', 'wrong-level', 'here', /inside an aggregate/);
  });

  it('reports cycles between KLIs on every KLI of the cycle', () => {
    const { diagnostics, ranges } = checkMarked(
      'package a\nkli <|a:a|> { when b }\nkli <|b:b|> { when c }\nkli <|c:c|> { when a }\nkli d { when a }',
    );
    expect(codes(diagnostics)).toEqual(['kli-cycle', 'kli-cycle', 'kli-cycle']);
    expect(diagnostics.map((d) => d.range)).toEqual([ranges['a'], ranges['b'], ranges['c']]);
    expect(diagnostics[0]?.message).toContain('a → b → c → a');
  });

  it('reports empty and inverted windows', () => {
    expectOnly('package a\nkli k { window <|here:0 days|> when count() > 1 }', 'empty-window');
    expectOnly(
      'package a\nkli k { when count() <|here:between 30 days ago and 90 days ago|> > 1 }',
      'inverted-window',
      'here',
      /between 90 days ago and 30 days ago/,
    );
  });

  it('reports two merchants claiming the same pattern, at both locations', () => {
    const { diagnostics, ranges } = checkMarked(
      'package a\nmerchant m1 { match prefix <|one:"ACME"|> }\nmerchant m2 { match prefix <|two:"acme"|> }',
    );
    expect(codes(diagnostics)).toEqual(['merchant-conflict', 'merchant-conflict']);
    expect(diagnostics.map((d) => d.range)).toEqual([ranges['two'], ranges['one']]);
    expect(diagnostics[0]?.related?.[0]?.range).toEqual(ranges['one']);
  });

  it('treats contains patterns that normalize alike as the same claim', () => {
    const { diagnostics } = checkMarked(
      'package a\nmerchant m1 { match contains "7-ELEVEN" }\nmerchant m2 { match contains "7 eleven" }',
    );
    expect(codes(diagnostics)).toEqual(['merchant-conflict', 'merchant-conflict']);
  });

  it('warns about an MCC rule that narrower rules always beat', () => {
    const d = expectOnly(
      'package a\nimport base\nmcc 5411 => food.groceries\nmcc 5412 => food.groceries\nmcc <|here:5411..5412|> => food',
      'shadowed-rule',
    );
    expect(d.severity).toBe('warning');
  });

  it('reports two MCC rules of the same width on one code', () => {
    expectOnly(
      'package a\nimport base\nmcc 5411 => food.groceries\nmcc <|here:5411|> => food',
      'mcc-conflict',
    );
  });

  it('reports invalid regexes, including what RE2 cannot do', () => {
    expectOnly('package a\nmerchant m { match regex <|here:/AB(/|> }', 'invalid-regex');
    expectOnly('package a\nmerchant m { match regex <|here:/A(?=B)/|> }', 'invalid-regex', 'here', /RE2/);
  });

  it('reports unknown and missing columns in a source', () => {
    const d = expectOnly(
      'package a\nsource s { customer_id = acct <|here:postd_date|> = dt posted_date = d amount = amt description = x }',
      'unknown-column',
      'here',
      /did you mean `posted_date`/,
    );
    expect(d.data?.suggestion).toBe('posted_date');
    expectOnly(
      'package a\nsource <|here:s|> { customer_id = acct posted_date = d description = x }',
      'missing-column',
      'here',
      /amount/,
    );
  });

  it('reports an unknown package import', () => {
    expectOnly('package a\nimport <|here:bse|>', 'unknown-package', 'here', /did you mean `base`/);
  });

  it('reports unknown functions and wrong arguments', () => {
    expectOnly(
      'package a\nkli k { when <|here:cnt|>() > 1 }',
      'unknown-function',
      'here',
      /did you mean `count`/,
    );
    expectOnly('package a\nkli k { when <|here:sum()|> > 1 }', 'wrong-arguments');
  });

  it('reports unknown customer attributes', () => {
    expectOnly(
      'package a\nsegment s { where customer.<|here:avg_balanse|> > 10 }',
      'unknown-name',
      'here',
      /avg_balance/,
    );
  });

  it('warns at every use of a deprecated KLI', () => {
    const d = expectOnly(
      'package a\nkli old { deprecated "use new" when true }\nkli k { when <|here:old|> }',
      'deprecated-use',
      'here',
      /use new/,
    );
    expect(d.severity).toBe('warning');
  });

  it('reports a segment whose KLI is unknown, with a suggestion across files', () => {
    const { diagnostics } = checkFiles({
      'klis.kli': 'package a\nkli new_homeowner { when true }',
      'seg.kli': 'package b\nimport a\nsegment s { when new_homeowmer }',
    });
    expect(diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      ['unknown-name', '/ws/seg.kli', 'unknown `new_homeowmer`; did you mean `new_homeowner`?'],
    ]);
  });

  it('reports a syntax error once and keeps checking the rest', () => {
    const { diagnostics } = checkMarked(
      'package a\nkli k { when count(where amount > ) }\nkli j { when <|here:nope|> }',
    );
    expect(codes(diagnostics)).toEqual(['syntax-error', 'unknown-name']);
  });

  it('resolves names from dependencies', () => {
    const { diagnostics } = checkFiles(
      { 'a.kli': 'package mine\nimport base\nsegment s { when count_coffee }' },
      { 'base.kli': `${categories}\nkli count_coffee { when count(where category is food.coffee) > 1 }` },
    );
    expect(diagnostics).toEqual([]);
  });
});
