import type { Range } from './position.js';

/** A name as written, with where it was written. */
export interface Name {
  text: string;
  range: Range;
}

/** A dotted reference: `food_and_drink.coffee`, `std.klis.new_homeowner`, `customer.avg_balance`. */
export interface Ref {
  parts: Name[];
  range: Range;
}

export interface Metadata {
  doc?: string;
  displayName?: string;
  description?: string;
  owner?: string;
  since?: string;
  deprecated?: string;
  tags: string[];
}

export interface Duration {
  /** Length in days: a month is 30 days and a year 365. */
  days: number;
  range: Range;
}

export type AggregateWindow =
  | { kind: 'between'; from: Duration; to: Duration; range: Range }
  | { kind: 'over'; length: Duration; range: Range };

export type BinaryOp =
  | 'and'
  | 'or'
  | '+'
  | '-'
  | '*'
  | '/'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'is'
  | 'is not'
  | 'in'
  | 'not in'
  | 'under'
  | 'matches'
  | 'contains';

export type Expr =
  | { kind: 'number'; value: number; range: Range }
  | { kind: 'string'; value: string; range: Range }
  | { kind: 'regex'; pattern: string; flags: string; range: Range }
  | { kind: 'date'; value: string; range: Range }
  | { kind: 'boolean'; value: boolean; range: Range }
  | { kind: 'list'; items: Expr[]; range: Range }
  | { kind: 'range'; low: number; high: number; range: Range }
  | { kind: 'ref'; ref: Ref; range: Range }
  | { kind: 'call'; callee: Name; args: Expr[]; where?: Expr; window?: AggregateWindow; range: Range }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; opRange: Range; range: Range }
  | { kind: 'unary'; op: 'not' | '-'; operand: Expr; range: Range }
  /** What the parser left where it recovered from a syntax error; typed `error` so it reports nothing more. */
  | { kind: 'error'; range: Range };

interface DeclBase {
  name: Name;
  meta: Metadata;
  range: Range;
}

export interface CategoryDecl extends DeclBase {
  kind: 'category';
  children: CategoryDecl[];
}

export interface ListDecl extends DeclBase {
  kind: 'list';
  items: { value: string; range: Range }[];
}

export type CleanseStep =
  | { kind: 'uppercase'; range: Range }
  | { kind: 'trim'; range: Range }
  | { kind: 'collapse_spaces'; range: Range }
  | { kind: 'strip_prefix' | 'strip_suffix'; values: { value: string; range: Range }[]; range: Range }
  | { kind: 'strip_pattern'; regex: RegexLiteral; range: Range }
  | { kind: 'replace'; regex: RegexLiteral; replacement: string; range: Range }
  | { kind: 'strip_location'; cities: Ref; states: Ref; range: Range };

export interface RegexLiteral {
  pattern: string;
  flags: string;
  range: Range;
}

export interface CleanseDecl {
  kind: 'cleanse';
  name?: Name;
  meta: Metadata;
  steps: CleanseStep[];
  range: Range;
}

export type MatcherKind = 'exact' | 'prefix' | 'contains' | 'regex';

export interface Matcher {
  kind: MatcherKind;
  value: string;
  flags: string;
  range: Range;
}

export interface MerchantDecl extends DeclBase {
  kind: 'merchant';
  matchers: Matcher[];
  category?: Ref;
}

export interface MccDecl {
  kind: 'mcc';
  codes: { low: number; high: number; range: Range }[];
  category: Ref;
  range: Range;
}

export type CanonicalColumn = 'txn_id' | 'customer_id' | 'posted_date' | 'amount' | 'description' | 'mcc';

export interface SourceMapping {
  target: Name;
  column: Name;
  sign?: 'debit_positive' | 'credit_positive';
  range: Range;
}

export interface SourceDecl extends DeclBase {
  kind: 'source';
  mappings: SourceMapping[];
  delimiter?: string;
  dateFormat?: string;
  decimal?: string;
  /** One customer for every row: a single account's statement export has no customer column. */
  customer?: string;
}

export interface AttributeDecl {
  name: Name;
  type: Name;
  description?: string;
  range: Range;
}

export interface CustomerDecl {
  kind: 'customer';
  attributes: AttributeDecl[];
  meta: Metadata;
  range: Range;
}

export interface LetDecl extends DeclBase {
  kind: 'let';
  value: Expr;
}

export interface KliDecl extends DeclBase {
  kind: 'kli';
  window?: Duration;
  lets: LetDecl[];
  when?: Expr;
  score?: Expr;
}

export interface ActionField {
  key: Name;
  value: string;
  range: Range;
}

export interface SegmentDecl extends DeclBase {
  kind: 'segment';
  when?: Expr;
  where?: Expr;
  action: ActionField[];
}

export interface SegmentationDecl extends DeclBase {
  kind: 'segmentation';
  exclusive: boolean;
  members: SegmentDecl[];
  otherwise?: SegmentDecl;
}

export interface DescriptorCase {
  descriptor: { value: string; range: Range };
  mcc?: number;
  merchant?: Ref;
  category?: Ref;
  cleansed?: string;
  uncategorized: boolean;
  range: Range;
}

export interface FixtureTxn {
  date: { value: string; range: Range };
  descriptor: string;
  amount: number;
  mcc?: number;
  range: Range;
}

export interface CustomerFixture {
  id: { value: string; range: Range };
  attributes: { name: Name; values: Expr[]; range: Range }[];
  txns: FixtureTxn[];
  range: Range;
}

export interface Expectation {
  customer: { value: string; range: Range };
  negated: boolean;
  relation: 'has' | 'in';
  target: Ref;
  range: Range;
}

export interface TestDecl {
  kind: 'test';
  title: { value: string; range: Range };
  asOf?: { value: string; range: Range };
  cases: DescriptorCase[];
  customers: CustomerFixture[];
  expectations: Expectation[];
  meta: Metadata;
  range: Range;
}

export type Decl =
  | CategoryDecl
  | ListDecl
  | CleanseDecl
  | MerchantDecl
  | MccDecl
  | SourceDecl
  | CustomerDecl
  | LetDecl
  | KliDecl
  | SegmentDecl
  | SegmentationDecl
  | TestDecl;

export interface KliFile {
  /** Path as given to the loader; diagnostics print it. */
  path: string;
  packageName?: Ref;
  imports: Ref[];
  decls: Decl[];
  range: Range;
}
