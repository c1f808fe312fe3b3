import type * as A from './ast.js';
import type { CheckedModel } from './check.js';
import { makeDiagnostic, type Diagnostic } from './diagnostics.js';
import type { KliSymbol } from './symbols.js';
import { normalizeWords } from './text.js';

/**
 * Merchant rules that overlap: one rule's pattern matches the very text another merchant's rule
 * claims. Each claimed text is run through every rule the way the classifier ranks them (exact >
 * longest prefix > longest contains > first regex), so the report says which one wins. Indexes
 * (exact text, prefix by length, contains by word n-gram) keep this linear in the number of
 * patterns instead of all pairs; only regexes are tried one by one, and libraries have few.
 */

interface Rule {
  merchant: KliSymbol;
  matcher: A.Matcher;
  /** Declaration order: the classifier's last tie-break. */
  order: number;
  /** Upper-cased, or the whole-word normal form for `contains`. */
  pattern: string;
  tier: number;
  regex?: RegExp;
  dependency: boolean;
}

const tiers: Record<A.Matcher['kind'], number> = { exact: 1, prefix: 2, contains: 3, regex: 4 };

/** Whether `a` beats `b` on a descriptor both match, as the classifier decides. */
function beats(a: Rule, b: Rule): boolean {
  if (a.tier !== b.tier) return a.tier < b.tier;
  const strength = [...a.pattern].length - [...b.pattern].length;
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
  private readonly prefixes = new Map<number, Map<string, Rule[]>>();
  private readonly contains = new Map<number, Map<string, Rule[]>>();
  private readonly regexes: Rule[] = [];

  constructor(rules: Rule[]) {
    const add = (map: Map<string, Rule[]>, key: string, rule: Rule) => {
      const list = map.get(key);
      if (list) list.push(rule);
      else map.set(key, [rule]);
    };
    const byLength = (map: Map<number, Map<string, Rule[]>>, length: number) => {
      let inner = map.get(length);
      if (!inner) map.set(length, (inner = new Map()));
      return inner;
    };
    for (const rule of rules) {
      if (rule.matcher.kind === 'exact') add(this.exact, rule.pattern, rule);
      else if (rule.matcher.kind === 'prefix')
        add(byLength(this.prefixes, rule.pattern.length), rule.pattern, rule);
      else if (rule.matcher.kind === 'contains')
        add(byLength(this.contains, rule.pattern.split(' ').length), rule.pattern, rule);
      else this.regexes.push(rule);
    }
  }

  /** Every rule that matches a descriptor whose matching key is `text`. */
  matching(text: string): Rule[] {
    const found = [...(this.exact.get(text) ?? [])];
    for (const [length, rules] of this.prefixes) {
      if (length <= text.length) found.push(...(rules.get(text.slice(0, length)) ?? []));
    }
    const words = normalizeWords(text).split(' ');
    for (const [count, rules] of this.contains) {
      for (let start = 0; start + count <= words.length; start++)
        found.push(...(rules.get(words.slice(start, start + count).join(' ')) ?? []));
    }
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
export function findMerchantOverlaps(model: CheckedModel, options: { all?: boolean } = {}): Diagnostic[] {
  const rules = rulesOf(model);
  const index = new RuleIndex(rules);
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const claimed of rules) {
    if (claimed.matcher.kind === 'regex') continue; // a regex claims no one text
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
