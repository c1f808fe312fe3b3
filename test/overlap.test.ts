import { describe, expect, it } from 'vitest';
import { compileWorkspace } from '../compiler/compile.js';
import { check } from '../language/check.js';
import type { Diagnostic } from '../language/diagnostics.js';
import { findMerchantOverlaps, type OverlapMemo } from '../language/overlap.js';
import { loadWorkspace, standardLibraryRoot } from '../language/workspace.js';
import { checkFiles, codes, diskWorkspace, markSource, memoryWorkspace } from './helpers.js';

const base = `package base
category food "Food" { category coffee "Coffee" category groceries "Groceries" }
category shopping "Shopping" { category online "Online" category streaming "Streaming" }
`;

function checkMarked(marked: string, dependency?: string) {
  const { text, ranges } = markSource(marked);
  const { diagnostics, model } = checkFiles(
    { 'base.kli': base, 'a.kli': text },
    dependency ? { 'dep.kli': dependency } : {},
  );
  return { diagnostics, ranges, model };
}

describe('merchant overlaps', () => {
  it('keeps the report while the merchant rules stay as they were, and makes it again when one changes', () => {
    const stored = new Map<string, Diagnostic[]>();
    let computed = 0;
    const memo: OverlapMemo = {
      get: (key) => stored.get(key),
      set: (key, diagnostics) => {
        computed++;
        stored.set(key, diagnostics);
      },
    };
    const rules = (claim: string) => `package a
import base
merchant market { match prefix "MARKET" category food.groceries }
merchant market_street { match contains "${claim}" category food.groceries }
`;
    const kli = (threshold: number) =>
      `package k\nimport a\nkli k "K" { when count(where merchant is market) >= ${threshold} }\n`;
    const checked = (files: Record<string, string>) => {
      const workspace = memoryWorkspace({ 'base.kli': base, ...files });
      const fresh = check(workspace, { overlapMemo: { get: () => undefined, set: () => {} } });
      const memoised = check(workspace, { overlapMemo: memo });
      expect(memoised.diagnostics).toStrictEqual(fresh.diagnostics);
      return memoised.diagnostics;
    };
    const first = checked({ 'a.kli': rules('Market Street Grocer'), 'k.kli': kli(2) });
    expect(codes(first)).toEqual(['overlap-beaten']);
    expect(computed).toBe(1);
    // Edits to files that declare no merchant: the report is the kept one.
    checked({ 'a.kli': rules('Market Street Grocer'), 'k.kli': kli(3), 'b.kli': 'package b\n' });
    expect(computed).toBe(1);
    // A rule's text, a rule's place, anything else in a merchant's file, another file: each makes it again.
    expect(codes(checked({ 'a.kli': rules('Corner Shop'), 'k.kli': kli(3) }))).toEqual([]);
    const moved = checked({ 'a.kli': '\n' + rules('Market Street Grocer'), 'k.kli': kli(3) });
    expect(moved[0]?.range.start.line).toBe((first[0]?.range.start.line ?? 0) + 1);
    checked({ 'a.kli': '\n' + rules('Market Street Grocer') + '// a comment\n', 'k.kli': kli(3) });
    checked({ 'c.kli': rules('Market Street Grocer') });
    expect(computed).toBe(5);
    // --overlaps' full report of the same rules is another key.
    const { model } = check(memoryWorkspace({ 'base.kli': base, 'c.kli': rules('Market Street Grocer') }));
    findMerchantOverlaps(model, { all: true, memo });
    expect(computed).toBe(6);
    findMerchantOverlaps(model, { memo });
    expect(computed).toBe(6);
  });

  it('warns when another merchant wins the very text a rule claims, with both locations', () => {
    const { diagnostics, ranges } = checkMarked(`package a
import base
merchant market { match prefix <|winner:"MARKET"|> category food.groceries }
merchant market_street { match contains <|loser:"Market Street Grocer"|> category food.groceries }`);
    expect(codes(diagnostics)).toEqual(['overlap-beaten']);
    const [d] = diagnostics;
    expect(d?.severity).toBe('warning');
    expect(d?.range).toEqual(ranges['loser']);
    expect(d?.related?.[0]?.range).toEqual(ranges['winner']);
    expect(d?.message).toBe(
      'contains "Market Street Grocer" (`market_street`) loses its own text "MARKET STREET GROCER" to prefix "MARKET" (`market`): prefix beats contains',
    );
  });

  it("notes a regex that matches another merchant's pattern, and which one wins", () => {
    const { diagnostics, ranges } = checkMarked(`package a
import base
merchant wholefoods { match exact <|exact:"WHOLEFDS"|> category food.groceries }
merchant outlet { match regex <|regex:/^WHOLE ?F(OO)?DS/|> category food.groceries }`);
    expect(codes(diagnostics)).toEqual(['merchant-overlap']);
    expect(diagnostics[0]).toMatchObject({ severity: 'info', range: ranges['regex'] });
    expect(diagnostics[0]?.related?.[0]?.range).toEqual(ranges['exact']);
    expect(diagnostics[0]?.message).toContain('`wholefoods` wins there: exact beats regex');
  });

  it('leaves a deliberate specialisation to --overlaps: a longer pattern of another merchant', () => {
    const text = `package a
import base
merchant amazon { match contains "AMAZON" category shopping.online }
merchant amazon_prime { match prefix "AMAZON PRIME" category shopping.streaming }
merchant pizza { match contains "PIZZA" category food }
merchant pizza_hut { match contains "PIZZA HUT" category food }`;
    const { diagnostics, model } = checkMarked(text);
    expect(diagnostics).toEqual([]);
    const all = findMerchantOverlaps(model, { all: true });
    expect(all.map((d) => d.message)).toEqual([
      'contains "AMAZON" (`amazon`) also matches "AMAZON PRIME", which prefix "AMAZON PRIME" (`amazon_prime`) claims; `amazon_prime` wins there: prefix beats contains',
      'contains "PIZZA" (`pizza`) also matches "PIZZA HUT", which contains "PIZZA HUT" (`pizza_hut`) claims; `pizza_hut` wins there: the longer contains wins',
    ]);
  });

  it('finds every prefix of a text, including one before a closer pattern that is not a prefix', () => {
    // Sorted, "ABC" is the greatest pattern not after "ABD"; only "A" and "AB" start it.
    const { model } = checkMarked(`package a
import base
merchant a { match prefix "A" category food }
merchant ab { match prefix "AB" category food }
merchant abc { match prefix "ABC" category food }
merchant abd { match exact "ABD" category food }`);
    const claimsOfAbd = findMerchantOverlaps(model, { all: true })
      .map((d) => d.message)
      .filter((message) => message.includes('which exact "ABD"'));
    expect(claimsOfAbd).toEqual([
      'prefix "A" (`a`) also matches "ABD", which exact "ABD" (`abd`) claims; `abd` wins there: exact beats prefix',
      'prefix "AB" (`ab`) also matches "ABD", which exact "ABD" (`abd`) claims; `abd` wins there: exact beats prefix',
    ]);
  });

  it("reports nothing for one merchant's own rules, or for overlaps wholly inside a dependency", () => {
    const own = checkMarked(`package a
merchant market { match prefix "MARKET" match contains "MARKET STREET GROCER" }`);
    expect(own.diagnostics).toEqual([]);
    const dependency = `package dep
merchant market { match prefix "MARKET" }
merchant market_street { match contains "MARKET STREET GROCER" }`;
    expect(checkMarked('package a\nmerchant other { match exact "OTHER" }', dependency).diagnostics).toEqual(
      [],
    );
    // A rule of the workspace that loses to a dependency's rule is the workspace's problem.
    const mine = checkMarked('package a\nmerchant mine { match contains "MARKET HALL" }', dependency);
    expect(codes(mine.diagnostics)).toEqual(['overlap-beaten']);
  });

  it('finds std clean: no rule loses its own text, no segment repeats another', () => {
    const { diagnostics } = check(loadWorkspace(standardLibraryRoot()));
    const governance = diagnostics.filter((d) =>
      ['overlap-beaten', 'merchant-overlap', 'segment-identical', 'segment-subset'].includes(d.code),
    );
    expect(governance).toEqual([]);
  });
});

describe('segment overlaps', () => {
  const klis = `package k
customer { balance money }
kli coffee { when count(where amount > 0) >= 3 }
kli travel { when count(where amount > 100) >= 1 }
`;
  function segments(text: string) {
    const { text: clean, ranges } = markSource(text);
    const { diagnostics } = checkFiles({ 'k.kli': klis, 's.kli': clean });
    return { diagnostics, ranges };
  }

  it('warns about two segments with the same conditions, whatever their order and spelling', () => {
    const { diagnostics, ranges } = segments(`package s
import k
segment <|one:fans|> { when coffee and customer.balance >= 10 action { offer "a" } }
segment <|two:same|> { when k.coffee where customer.balance >= 10 action { offer "b" } }`);
    expect(codes(diagnostics)).toEqual(['segment-identical']);
    expect(diagnostics[0]?.range).toEqual(ranges['two']);
    expect(diagnostics[0]?.related?.[0]?.range).toEqual(ranges['one']);
  });

  it('notes a segment whose conditions include all of another one: a subset', () => {
    const { diagnostics, ranges } = segments(`package s
import k
segment <|large:fans|> { when coffee action { offer "a" } }
segment <|small:rich_fans|> { when coffee where customer.balance >= 1000 action { offer "b" } }
segment other { when travel action { offer "c" } }`);
    expect(codes(diagnostics)).toEqual(['segment-subset']);
    expect(diagnostics[0]).toMatchObject({ severity: 'info', range: ranges['small'] });
    expect(diagnostics[0]?.message).toBe(
      'segment `rich_fans` is within `fans`: it has all of its conditions, and more',
    );
    expect(diagnostics[0]?.related?.[0]?.range).toEqual(ranges['large']);
  });

  it('leaves members of a segmentation out: they partition customers for reporting', () => {
    const { diagnostics } = segments(`package s
import k
segment fans { when coffee action { offer "a" } }
segmentation tier exclusive {
  segment caffeine { when coffee action { offer "c" } }
  segment caffeine_too { when coffee and travel action { offer "d" } }
  otherwise rest { action { offer "e" } }
}`);
    expect(diagnostics).toEqual([]);
  });

  it('does not call segments with different windows or values the same', () => {
    const { diagnostics } = segments(`package s
import k
segment a { when count(where amount > 0) over 30 days >= 3 action { offer "a" } }
segment b { when count(where amount > 0) over 60 days >= 3 action { offer "b" } }
segment c { where customer.balance >= 10 action { offer "c" } }
segment d { where customer.balance >= 20 action { offer "d" } }`);
    expect(diagnostics).toEqual([]);
  });
});

describe('commands that act on errors only', () => {
  it('compile skips the overlap analyses, and is otherwise checked the same', () => {
    const root = diskWorkspace({
      'base.kli': base,
      'a.kli': `package a
import base
merchant market { match prefix "MARKET" category food.groceries }
merchant market_street { match contains "Market Street Grocer" category food.groceries }
merchant broken { match prefix "X" category food.nowhere }`,
    });
    const checked = check(loadWorkspace(root)).diagnostics;
    expect(codes(checked).sort()).toEqual(['overlap-beaten', 'unknown-name']);
    const compiled = compileWorkspace(root).diagnostics;
    expect(compiled).toEqual(checked.filter((d) => d.code !== 'overlap-beaten'));
  });
});
