import type * as A from './ast.js';
import type { CheckedModel } from './check.js';
import { makeDiagnostic, type Diagnostic } from './diagnostics.js';
import { sha256 } from './parse-cache.js';
import type { KliSymbol } from './symbols.js';
import { normalizeWords, wordsOf } from './text.js';

/**
 * Merchant rules that overlap: one rule's pattern matches the very text another merchant's rule
 * claims. Each claimed text is run through every rule the way the classifier ranks them (exact >
 * longest prefix > longest contains > first regex), so the report says which one wins. Indexes
 * (exact text, prefixes in sorted order, contains by first word) keep this near linear in the
 * number of patterns instead of all pairs; only regexes are tried one by one, and libraries have few.
 */

interface Rule {
  merchant: KliSymbol;
  matcher: A.Matcher;
  /** Declaration order: the classifier's last tie-break. */
  order: number;
  /** Upper-cased, or the whole-word normal form for `contains`. */
  pattern: string;
  /** In characters, as the classifier measures a prefix or contains: the longer wins. */
  strength: number;
  tier: number;
  regex?: RegExp;
  dependency: boolean;
}

const tiers: Record<A.Matcher['kind'], number> = { exact: 1, prefix: 2, contains: 3, regex: 4 };

/** Whether `a` beats `b` on a descriptor both match, as the classifier decides. */
function beats(a: Rule, b: Rule): boolean {
  if (a.tier !== b.tier) return a.tier < b.tier;
  const strength = a.strength - b.strength;
  if (a.tier !== 4 && strength !== 0) return strength > 0;
  return a.order < b.order;
}

function rulesOf(model: CheckedModel): Rule[] {
  const dependencyFiles = new Set(model.files.filter((f) => f.isDependency).map((f) => f.path));
  const rules: Rule[] = [];
  for (const merchant of model.merchants.values()) {
    for (const matcher of (merchant.decl as A.MerchantDecl).matchers) {
      const pattern =
        matcher.kind === 'contains' ? normalizeWords(matcher.value) : matcher.value.toUpperCase();
      if (pattern === '') continue;
      const rule: Rule = {
        merchant,
        matcher,
        order: rules.length,
        pattern,
        strength: [...pattern].length,
        tier: tiers[matcher.kind],
        dependency: dependencyFiles.has(merchant.file),
      };
      if (matcher.kind === 'regex') {
        try {
          rule.regex = new RegExp(matcher.value, matcher.flags.includes('i') ? 'i' : '');
        } catch {
          continue; // `invalid-regex` already says why.
        }
      }
      rules.push(rule);
    }
  }
  return rules;
}

class RuleIndex {
  private readonly exact = new Map<string, Rule[]>();
  private readonly contains = new Map<string, Rule[]>();
  private readonly regexes: Rule[] = [];
  /**
   * Distinct prefix patterns in code-unit order, each with its rules and the index of its longest
   * proper prefix among them: every pattern that starts a text starts the greatest pattern ≤ it,
   * so one binary search and a walk up that pattern's own prefixes find them all.
   */
  private readonly prefixes: { pattern: string; rules: Rule[]; parent: number }[] = [];
  /** Which word counts to try, by a contains' first word. */
  private readonly containsCounts = new Map<string, number[]>();
  /**
   * The order `matching` lists candidates in, which orders the report: prefixes by the order their
   * lengths were first declared, contains by the order their word counts were.
   */
  private readonly prefixRank = new Map<number, number>();
  private readonly containsRank = new Map<number, number>();

  constructor(rules: Rule[]) {
    const add = (map: Map<string, Rule[]>, key: string, rule: Rule) => {
      const list = map.get(key);
      if (list) list.push(rule);
      else map.set(key, [rule]);
    };
    const rank = (ranks: Map<number, number>, size: number) => {
      if (!ranks.has(size)) ranks.set(size, ranks.size);
    };
    const prefixes = new Map<string, Rule[]>();
    for (const rule of rules) {
      if (rule.matcher.kind === 'exact') add(this.exact, rule.pattern, rule);
      else if (rule.matcher.kind === 'prefix') {
        add(prefixes, rule.pattern, rule);
        rank(this.prefixRank, rule.pattern.length);
      } else if (rule.matcher.kind === 'contains') {
        add(this.contains, rule.pattern, rule);
        const words = rule.pattern.split(' ');
        rank(this.containsRank, words.length);
        const counts = this.containsCounts.get(words[0] ?? '');
        if (!counts) this.containsCounts.set(words[0] ?? '', [words.length]);
        else if (!counts.includes(words.length)) counts.push(words.length);
      } else this.regexes.push(rule);
    }
    const ancestors: number[] = [];
    for (const pattern of [...prefixes.keys()].sort()) {
      // In sorted order, a pattern's prefixes are among the previous pattern and its prefixes.
      while (ancestors.length && !pattern.startsWith(this.prefixes[ancestors.at(-1) ?? 0]?.pattern ?? ''))
        ancestors.pop();
      this.prefixes.push({ pattern, rules: prefixes.get(pattern) ?? [], parent: ancestors.at(-1) ?? -1 });
      ancestors.push(this.prefixes.length - 1);
    }
  }

  /** Every rule that matches a descriptor whose matching key is `text`. */
  matching(text: string): Rule[] {
    const found = [...(this.exact.get(text) ?? [])];
    let low = 0;
    let high = this.prefixes.length - 1;
    let at = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.prefixes[middle]?.pattern ?? '') <= text) {
        at = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    const prefixes: { rules: Rule[]; rank: number }[] = [];
    for (let entry = this.prefixes[at]; entry; entry = this.prefixes[entry.parent]) {
      if (text.startsWith(entry.pattern))
        prefixes.push({ rules: entry.rules, rank: this.prefixRank.get(entry.pattern.length) ?? 0 });
    }
    for (const hit of prefixes.sort((a, b) => a.rank - b.rank)) found.push(...hit.rules);
    const words = wordsOf(text);
    const contains: { rules: Rule[]; rank: number; start: number }[] = [];
    for (let start = 0; start < words.length; start++) {
      for (const count of this.containsCounts.get(words[start] ?? '') ?? []) {
        if (start + count > words.length) continue;
        const rules = this.contains.get(words.slice(start, start + count).join(' '));
        if (rules) contains.push({ rules, rank: this.containsRank.get(count) ?? 0, start });
      }
    }
    contains.sort((a, b) => a.rank - b.rank || a.start - b.start);
    for (const hit of contains) found.push(...hit.rules);
    for (const rule of this.regexes) if (rule.regex?.test(text)) found.push(rule);
    return found;
  }
}

function describe(rule: Rule): string {
  return `${rule.matcher.kind} "${rule.matcher.value}" (\`${rule.merchant.name}\`)`;
}

/**
 * `overlap-beaten` (warning): another merchant's rule wins the very text this rule claims, so it
 * only decides descriptors that differ from its own pattern. `merchant-overlap` (info): a broader
 * rule also matches the text a more specific rule of another merchant claims, and the specific one
 * wins there. A regex is reported always (it cannot say what it is for); a shorter prefix or
 * contains only with `all`, since a longer pattern of another merchant is how a library
 * specialises on purpose (`PIZZA` for local pizzerias, `PIZZA HUT` for the chain) and std has
 * hundreds. Overlaps among one merchant's own rules are not reported, nor overlaps that lie
 * wholly inside dependencies.
 */
export function findMerchantOverlaps(
  model: CheckedModel,
  options: { all?: boolean; memo?: OverlapMemo } = {},
): Diagnostic[] {
  const memo = options.memo ?? lastReport;
  const key = overlapKey(model, options.all ?? false);
  let diagnostics = memo.get(key);
  if (!diagnostics) {
    diagnostics = reportOverlaps(model, options);
    memo.set(key, diagnostics);
  }
  return [...diagnostics];
}

/**
 * Merchant-overlap reports kept under the key of what they were computed from: most edits leave
 * every merchant rule as it was (a KLI, a segment, a test), and the report is half of checking std.
 */
export interface OverlapMemo {
  get(key: string): Diagnostic[] | undefined;
  set(key: string, diagnostics: Diagnostic[]): void;
}

/** In a long-lived process (the language server checks after every edit): the last report. */
const lastReport: OverlapMemo = (() => {
  let last: { key: string; diagnostics: Diagnostic[] } | undefined;
  return {
    get: (key) => (last?.key === key ? last.diagnostics : undefined),
    set: (key, diagnostics) => {
      last = { key, diagnostics };
    },
  };
})();

/**
 * What the report is computed from: the files that declare the merchants, in the order their rules
 * are ranked, with their texts and whether each is a dependency's. The same texts parse to the same
 * rules in the same places, so equal keys give equal reports; the texts are not parsed or walked
 * again to make the key.
 */
export function overlapKey(model: CheckedModel, all: boolean): string {
  const files = new Map(model.files.map((file) => [file.path, file]));
  const parts: string[] = [all ? 'all' : 'specific'];
  let last: string | undefined;
  // A file's merchants are declared one after another: each run of them names its file once.
  for (const merchant of model.merchants.values()) {
    if (merchant.file === last) continue;
    last = merchant.file;
    const file = files.get(merchant.file);
    parts.push(merchant.file, file?.isDependency ? 'dependency' : 'own', file?.text ?? '');
  }
  // Hashed part by part, lengths first: the texts run to half a megabyte in std.
  return sha256(parts);
}

function reportOverlaps(model: CheckedModel, options: { all?: boolean }): Diagnostic[] {
  const rules = rulesOf(model);
  const index = new RuleIndex(rules);
  // A dependency's text matters only where one of the workspace's own rules matches it too: asking
  // this small index first skips most of std when a workspace builds on it.
  const own = rules.filter((rule) => !rule.dependency);
  const ownIndex = own.length < rules.length ? new RuleIndex(own) : index;
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const claimed of rules) {
    if (claimed.matcher.kind === 'regex') continue; // a regex claims no one text
    if (claimed.dependency && ownIndex.matching(claimed.pattern).length === 0) continue;
    const candidates = index.matching(claimed.pattern);
    let winner = claimed;
    for (const candidate of candidates) if (beats(candidate, winner)) winner = candidate;
    for (const other of candidates) {
      if (other.merchant === claimed.merchant) continue;
      if (other.dependency && claimed.dependency) continue;
      // Equal patterns with equal matchers are a `merchant-conflict` already.
      if (other.matcher.kind === claimed.matcher.kind && other.pattern === claimed.pattern) continue;
      const key = `${other.order}|${claimed.order}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (winner === other) {
        diagnostics.push(
          makeDiagnostic(
            'overlap-beaten',
            claimed.merchant.file,
            claimed.matcher.range,
            `${describe(claimed)} loses its own text "${claimed.pattern}" to ${describe(other)}: ${why(other, claimed)}`,
            { related: [{ file: other.merchant.file, range: other.matcher.range, message: 'wins here' }] },
          ),
        );
      } else if (winner.merchant === claimed.merchant && (options.all || other.matcher.kind === 'regex')) {
        diagnostics.push(
          makeDiagnostic(
            'merchant-overlap',
            other.merchant.file,
            other.matcher.range,
            `${describe(other)} also matches "${claimed.pattern}", which ${describe(claimed)} claims; \`${claimed.merchant.name}\` wins there: ${why(winner, other)}`,
            {
              related: [
                { file: claimed.merchant.file, range: claimed.matcher.range, message: 'claims it, and wins' },
              ],
            },
          ),
        );
      }
    }
  }
  return diagnostics;
}

function why(winner: Rule, loser: Rule): string {
  if (winner.tier !== loser.tier) return `${winner.matcher.kind} beats ${loser.matcher.kind}`;
  if (winner.tier !== 4 && winner.pattern.length !== loser.pattern.length)
    return `the longer ${winner.matcher.kind} wins`;
  return 'the one declared first wins';
}
