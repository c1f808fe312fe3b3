/**
 * The plan: what the checker's model lowers to and the only thing the SQL emitter reads.
 * Plain, serializable data (tagged with `kind`), so another engine is a new emitter, not a new front end.
 */

export interface Plan {
  workspace: { name: string; version: string };
  categories: { key: string; parent: string | null; displayName: string }[];
  cleanse: CleanseStepPlan[];
  merchants: { name: string; displayName: string; category: string | null }[];
  /** Exact, prefix and contains rules: matched by joins, never by a per-row CASE. */
  rules: MatchRulePlan[];
  /** Regex rules, tried in declaration order on descriptors no other rule matched. */
  regexRules: RegexRulePlan[];
  mcc: { low: number; high: number; category: string; rule: string }[];
  source: SourcePlan;
  attributes: { name: string; type: AttributeType }[];
  aggregates: AggregatePlan[];
  /** In dependency order, grouped into levels: a KLI only uses KLIs of lower levels. */
  klis: KliPlan[];
  segments: SegmentPlan[];
  segmentations: SegmentationPlan[];
}

export type AttributeType = 'money' | 'number' | 'text' | 'date' | 'boolean' | 'products';

export type CleanseStepPlan = { rule: string } & (
  | { kind: 'uppercase' | 'trim' | 'collapse_spaces' }
  | { kind: 'strip_prefix' | 'strip_suffix'; values: string[] }
  | { kind: 'replace'; pattern: string; flags: string; replacement: string }
  | { kind: 'strip_location'; states: string[]; cities: string[] }
);

export interface MatchRulePlan {
  id: number;
  kind: 'exact' | 'prefix' | 'contains';
  /** Upper-cased; for `contains`, in whole-word normal form. */
  pattern: string;
  merchant: string;
  category: string | null;
  /** Provenance, `file:line`. */
  rule: string;
}

export interface RegexRulePlan {
  id: number;
  pattern: string;
  flags: string;
  merchant: string;
  category: string | null;
  rule: string;
}

export interface SourcePlan {
  name: string | null;
  /** Canonical column → the file's column. */
  columns: Partial<
    Record<'txn_id' | 'customer_id' | 'posted_date' | 'amount' | 'description' | 'mcc', string>
  >;
  creditPositive: boolean;
  delimiter: string;
  dateFormat: string | null;
  decimalComma: boolean;
  /** Every row's customer, when the file has no customer column. */
  customer: string | null;
}

export type AggregateFunction =
  'sum' | 'avg' | 'min' | 'max' | 'count' | 'count_distinct' | 'months_with' | 'days_since_last';

export interface AggregatePlan {
  id: string;
  fn: AggregateFunction;
  argument: PlanExpr | null;
  filter: PlanExpr | null;
  /** Inclusive window in days before as_of; null = from the first transaction. */
  fromDaysAgo: number | null;
  toDaysAgo: number;
}

export interface KliPlan {
  name: string;
  displayName: string;
  level: number;
  when: PlanExpr;
  score: PlanExpr | null;
  rule: string;
}

export interface SegmentPlan {
  name: string;
  displayName: string;
  when: PlanExpr | null;
  where: PlanExpr | null;
  action: Record<string, string>;
  rule: string;
}

export interface SegmentationPlan {
  name: string;
  displayName: string;
  /** First match wins; the last one is `otherwise`. */
  members: SegmentPlan[];
}

export type PlanExpr =
  | { kind: 'literal'; type: 'number' | 'text' | 'date' | 'boolean'; value: number | string | boolean }
  | {
      kind: 'field';
      name: 'amount' | 'description' | 'raw_description' | 'merchant' | 'category' | 'mcc' | 'posted_date';
    }
  | { kind: 'aggregate'; id: string }
  | { kind: 'kli'; name: string; field: 'flag' | 'score' }
  | { kind: 'attribute'; name: string }
  | { kind: 'has_product'; product: string }
  | { kind: 'member'; operand: PlanExpr; values: (string | number)[]; negated: boolean }
  | { kind: 'in_range'; operand: PlanExpr; low: number; high: number; negated: boolean }
  | {
      kind: 'binary';
      op: '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
      left: PlanExpr;
      right: PlanExpr;
    }
  | { kind: 'not'; operand: PlanExpr }
  | { kind: 'negate'; operand: PlanExpr }
  | { kind: 'matches'; operand: PlanExpr; pattern: string; flags: string }
  | { kind: 'contains_text'; operand: PlanExpr; text: string }
  | { kind: 'call'; fn: 'least' | 'greatest' | 'abs' | 'round'; args: PlanExpr[] };

/** The layout a file has when no `source` maps it: the canonical column names. */
export const canonicalSource: SourcePlan = {
  name: null,
  columns: {
    txn_id: 'txn_id',
    customer_id: 'customer_id',
    posted_date: 'posted_date',
    amount: 'amount',
    description: 'description',
    mcc: 'mcc',
  },
  creditPositive: false,
  delimiter: ',',
  dateFormat: null,
  decimalComma: false,
  customer: null,
};
