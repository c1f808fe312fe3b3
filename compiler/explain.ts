import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as A from '../language/ast.js';
import type { CheckedModel } from '../language/check.js';
import type { Range } from '../language/position.js';
import type { KliSymbol } from '../language/symbols.js';
import { compileWorkspace, type Compiled } from './compile.js';
import { Engine } from './duckdb.js';
import type { AggregatePlan, Plan, PlanExpr, SegmentPlan } from './plan.js';
import { analysisStatements, RunError } from './run.js';
import { duckdb } from './sql/dialect.js';
import { descriptorWords, emit, sqlFragments, tables, type Statement } from './sql/emit.js';

/**
 * `kli explain`: why a customer has each KLI and is in each segment, and how one descriptor was
 * classified. Both run the statements `kli run` runs, on a real DuckDB, and then ask the tables
 * those statements built; nothing here re-implements the pipeline.
 */

/** A wrong customer, a missing file: a clear message, no stack. */
export class ExplainError extends Error {}

type Value = string | number | boolean | null;

export interface ConditionExplanation {
  /** The condition as written in the rule file. */
  text: string;
  holds: boolean;
  /** The values it compares, each with the text it stands for. */
  values: { text: string; value: Value }[];
}

export interface TransactionRow {
  date: string;
  raw_description: string;
  description: string;
  merchant: string | null;
  category: string;
  amount: number;
  mcc: number | null;
}

export interface AggregateExplanation {
  id: string;
  /** The aggregate as written, e.g. `count(where category is food_and_drink.coffee)`. */
  text: string;
  fn: string;
  /** Inclusive dates the window spans; `from` is null for all history. */
  window: { from: string | null; to: string };
  value: Value;
  /** How many transactions the filter and window select; `transactions` lists the first of them. */
  matching: number;
  transactions: TransactionRow[];
}

export interface KliExplanation {
  name: string;
  display_name: string;
  rule: string;
  fired: boolean;
  score: number;
  /** The `when`, split at its top-level `and`s. */
  conditions: ConditionExplanation[];
  aggregates: AggregateExplanation[];
}

export interface SegmentExplanation {
  /** `name`, or `segmentation.member`. */
  key: string;
  display_name: string;
  rule: string;
  member: boolean;
  /** For a member of a segmentation: chosen, its conditions failed, an earlier member took the customer, or the fallback. */
  status?: 'chosen' | 'conditions fail' | 'taken by an earlier member' | 'otherwise';
  conditions: (ConditionExplanation & { clause: 'when' | 'where' })[];
}

export interface CustomerExplanation {
  customer: string;
  as_of: string;
  transactions: number;
  klis: KliExplanation[];
  segments: SegmentExplanation[];
  segmentations: { name: string; display_name: string; chosen: string; members: SegmentExplanation[] }[];
}

export interface ExplainCustomerOptions {
  workspace: string;
  customer: string;
  transactions: string[];
  customers?: string;
  asOf?: string;
  source?: string;
  /** Most transactions listed per aggregate. */
  limit?: number;
}

/** A compiled workspace with no errors, or the errors as one message. */
function compiledPlan(compiled: Compiled): Plan {
  if (compiled.plan) return compiled.plan;
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  throw new ExplainError(
    `the workspace has ${errors.length} error${errors.length === 1 ? '' : 's'}; \`kli check\` shows them`,
  );
}

export async function explainCustomer(options: ExplainCustomerOptions): Promise<CustomerExplanation> {
  const compiled = compileWorkspace(options.workspace, options.source ? { source: options.source } : {});
  const plan = compiledPlan(compiled);
  const engine = await Engine.open({ threads: 2 });
  const customer = duckdb.string(options.customer);
  try {
    const statements = await analysisStatements(engine, plan, options);
    let found = 0;
    let examples: string[] | undefined;
    for (const statement of statements) {
      await runStatement(engine, statement);
      // Once as_of is known from all the data, only this customer's rows go on: explaining is fast.
      if (statement.sql.startsWith('SET VARIABLE kli_as_of')) {
        examples = (
          await engine.rows<{ id: string }>(
            `SELECT DISTINCT customer_id AS id FROM ${tables.parsed} WHERE customer_id IS NOT NULL ORDER BY id LIMIT 3`,
          )
        ).map((r) => r.id);
        found = Number(
          await engine.value(`SELECT count(*) FROM ${tables.parsed} WHERE customer_id = ${customer}`),
        );
        await engine.exec(`DELETE FROM ${tables.parsed} WHERE customer_id IS DISTINCT FROM ${customer}`);
      }
      if (statement.sql.startsWith(`CREATE OR REPLACE TEMP TABLE ${tables.customers} `)) {
        const known = Number(
          await engine.value(`SELECT count(*) FROM ${tables.customers} WHERE customer_id = ${customer}`),
        );
        if (known === 0) throw new ExplainError(await unknownCustomer(engine, options, examples));
        await engine.exec(`DELETE FROM ${tables.customers} WHERE customer_id <> ${customer}`);
      }
    }
    const asOf = String(await engine.value(`SELECT getvariable('kli_as_of')::VARCHAR`));
    const state = (
      await engine.rows<Record<string, Value>>(
        `SELECT * FROM ${tables.state} WHERE customer_id = ${customer}`,
      )
    )[0];
    if (!state) throw new ExplainError(`no customer "${options.customer}"`);
    const explainer = new CustomerExplainer(
      engine,
      plan,
      compiled.model,
      customer,
      asOf,
      options.limit ?? 20,
    );
    return {
      customer: options.customer,
      as_of: asOf,
      transactions: found,
      klis: await explainer.klis(state),
      ...(await explainer.segments()),
    };
  } catch (error) {
    if (error instanceof RunError) throw new ExplainError(error.message);
    throw error;
  } finally {
    engine.close();
  }
}

async function runStatement(engine: Engine, statement: Statement): Promise<void> {
  try {
    await engine.exec(statement.sql);
  } catch (error) {
    throw new ExplainError(`${statement.phase} failed (${statement.title}): ${(error as Error).message}`);
  }
}

/** Called before this customer's rows are dropped from the customers table: a few real ids help. */
async function unknownCustomer(
  engine: Engine,
  options: ExplainCustomerOptions,
  seen: string[] | undefined,
): Promise<string> {
  const examples =
    seen ??
    (
      await engine.rows<{ customer_id: string }>(
        `SELECT customer_id FROM ${tables.customers} ORDER BY customer_id LIMIT 3`,
      )
    ).map((r) => r.customer_id);
  const where = [...options.transactions, ...(options.customers ? [options.customers] : [])].join(', ');
  const hint = examples.length
    ? `; customer ids look like ${examples.map((e) => `"${e}"`).join(', ')}`
    : '; the data has no customers at all';
  return `no customer "${options.customer}" in ${where}${hint}`;
}

/** The source text of a node, for showing a condition as the analyst wrote it. */
class SourceText {
  private readonly lines = new Map<string, string[]>();

  constructor(private readonly model: CheckedModel) {}

  of(file: string, range: Range): string {
    let lines = this.lines.get(file);
    if (!lines) {
      lines = (this.model.files.find((f) => f.path === file)?.text ?? '').split('\n');
      this.lines.set(file, lines);
    }
    const { start, end } = range;
    if (start.line === end.line) return (lines[start.line] ?? '').slice(start.character, end.character);
    const middle = lines.slice(start.line + 1, end.line);
    const text = [
      (lines[start.line] ?? '').slice(start.character),
      ...middle,
      (lines[end.line] ?? '').slice(0, end.character),
    ];
    return text.map((l) => l.trim()).join(' ');
  }
}

interface Located {
  expr: A.Expr;
  file: string;
}

/**
 * Walks the rule text and the plan it lowered to side by side, so each plan node gets the text it
 * came from: `let`s are inlined in the plan, so the walk follows them in the text too.
 */
class PlanSource {
  constructor(
    private readonly model: CheckedModel,
    private readonly text: SourceText,
  ) {}

  private unfold(node: Located): Located {
    if (node.expr.kind !== 'ref') return node;
    const resolution = this.model.resolutions.get(node.expr.ref);
    if (resolution?.kind === 'local') return this.unfold({ expr: resolution.decl.value, file: node.file });
    if (resolution?.kind === 'symbol' && resolution.symbol.kind === 'let')
      return this.unfold({
        expr: (resolution.symbol.decl as A.LetDecl).value,
        file: resolution.symbol.file,
      });
    return node;
  }

  textOf(node: Located): string {
    return this.text.of(node.file, node.expr.range);
  }

  /** The plan's top-level `and`s, each with its text. */
  conjuncts(node: Located | undefined, plan: PlanExpr): { plan: PlanExpr; node?: Located }[] {
    const source = node && this.unfold(node);
    if (plan.kind === 'binary' && plan.op === 'and') {
      const pair = source?.expr.kind === 'binary' && source.expr.op === 'and' ? source.expr : undefined;
      const file = source?.file ?? '';
      return [
        ...this.conjuncts(pair && { expr: pair.left, file }, plan.left),
        ...this.conjuncts(pair && { expr: pair.right, file }, plan.right),
      ];
    }
    return [source ? { plan, node: source } : { plan }];
  }

  /** Each aggregate id the plan expression reads, with the call it came from. */
  aggregates(node: Located | undefined, plan: PlanExpr, found = new Map<string, Located | undefined>()) {
    const source = node && this.unfold(node);
    const expr = source?.expr;
    const at = (e: A.Expr | undefined) => (e && source ? { expr: e, file: source.file } : undefined);
    switch (plan.kind) {
      case 'aggregate':
        if (!found.get(plan.id)) found.set(plan.id, source);
        break;
      case 'binary':
        this.aggregates(at(expr?.kind === 'binary' ? expr.left : undefined), plan.left, found);
        this.aggregates(at(expr?.kind === 'binary' ? expr.right : undefined), plan.right, found);
        break;
      case 'member':
      case 'in_range':
      case 'matches':
      case 'contains_text':
        this.aggregates(at(expr?.kind === 'binary' ? expr.left : undefined), plan.operand, found);
        break;
      case 'not':
      case 'negate':
        this.aggregates(at(expr?.kind === 'unary' ? expr.operand : undefined), plan.operand, found);
        break;
      case 'call':
        plan.args.forEach((arg, i) =>
          this.aggregates(at(expr?.kind === 'call' ? expr.args[i] : undefined), arg, found),
        );
        break;
      default:
        break;
    }
    return found;
  }
}

/** A printable stand-in when the text is not at hand (an expression from a `let` we could not follow). */
function planText(expr: PlanExpr): string {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' ? JSON.stringify(expr.value) : String(expr.value);
    case 'field':
      return expr.name;
    case 'aggregate':
      return expr.id;
    case 'kli':
      return expr.field === 'score' ? `${expr.name}.score` : expr.name;
    case 'attribute':
      return `customer.${expr.name}`;
    case 'has_product':
      return `has_product(${JSON.stringify(expr.product)})`;
    case 'member':
      return `${planText(expr.operand)} ${expr.negated ? 'not in' : 'in'} [${expr.values.join(', ')}]`;
    case 'in_range':
      return `${planText(expr.operand)} ${expr.negated ? 'not in' : 'in'} ${expr.low}..${expr.high}`;
    case 'binary':
      return `${planText(expr.left)} ${expr.op} ${planText(expr.right)}`;
    case 'not':
      return `not ${planText(expr.operand)}`;
    case 'negate':
      return `-${planText(expr.operand)}`;
    case 'matches':
      return `${planText(expr.operand)} matches /${expr.pattern}/${expr.flags}`;
    case 'contains_text':
      return `${planText(expr.operand)} contains ${JSON.stringify(expr.text)}`;
    case 'call':
      return `${expr.fn}(${expr.args.map(planText).join(', ')})`;
  }
}

const comparisons = new Set(['=', '!=', '<', '<=', '>', '>=']);

class CustomerExplainer {
  private readonly sql: ReturnType<typeof sqlFragments>;
  private readonly source: PlanSource;

  constructor(
    private readonly engine: Engine,
    private readonly plan: Plan,
    private readonly model: CheckedModel,
    private readonly customer: string,
    private readonly asOf: string,
    private readonly limit: number,
  ) {
    this.sql = sqlFragments(plan);
    this.source = new PlanSource(model, new SourceText(model));
  }

  /** Evaluates each condition, and the two sides of each comparison, on the customer's row. */
  private async conditions(parts: { plan: PlanExpr; node?: Located }[]): Promise<ConditionExplanation[]> {
    if (parts.length === 0) return [];
    const columns: string[] = [];
    const sides = parts.map((part, i) => {
      columns.push(`coalesce(${this.sql.expr(part.plan)}, false) AS c${i}`);
      const values: { text: string; column: string }[] = [];
      const node = part.node?.expr;
      const operands =
        part.plan.kind === 'binary' && comparisons.has(part.plan.op)
          ? [part.plan.left, part.plan.right]
          : part.plan.kind === 'member' || part.plan.kind === 'in_range'
            ? [part.plan.operand]
            : part.plan.kind === 'not' && part.plan.operand.kind !== 'literal'
              ? [part.plan.operand]
              : [];
      operands.forEach((operand, j) => {
        if (operand.kind === 'literal') return;
        const astSide =
          node?.kind === 'binary'
            ? j === 0
              ? node.left
              : node.right
            : node?.kind === 'unary'
              ? node.operand
              : undefined;
        const text =
          astSide && part.node
            ? this.source.textOf({ expr: astSide, file: part.node.file })
            : planText(operand);
        columns.push(`${this.sql.expr(operand)} AS v${i}_${j}`);
        values.push({ text, column: `v${i}_${j}` });
      });
      return values;
    });
    const row =
      (
        await this.engine.rows<Record<string, Value>>(
          `SELECT ${columns.join(', ')} FROM ${tables.state} WHERE customer_id = ${this.customer}`,
        )
      )[0] ?? {};
    return parts.map((part, i) => ({
      text: part.node ? this.source.textOf(part.node) : planText(part.plan),
      holds: row[`c${i}`] === true,
      values: (sides[i] ?? []).map((side) => ({ text: side.text, value: row[side.column] ?? null })),
    }));
  }

  private daysBefore(days: number): string {
    const date = new Date(`${this.asOf}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - days);
    return date.toISOString().slice(0, 10);
  }

  private async aggregate(
    aggregate: AggregatePlan,
    node: Located | undefined,
    value: Value,
  ): Promise<AggregateExplanation> {
    const where = `customer_id = ${this.customer} AND posted_date <= getvariable('kli_as_of') AND (${this.sql.aggregateFilter(aggregate)})`;
    const matching = Number(
      await this.engine.value(`SELECT count(*) FROM ${tables.transactions} WHERE ${where}`),
    );
    const transactions = await this.engine.rows<TransactionRow>(
      `SELECT posted_date::VARCHAR AS date, raw_description, description, merchant, category, amount::DOUBLE AS amount, mcc FROM ${tables.transactions} WHERE ${where} ORDER BY posted_date DESC, txn_id LIMIT ${this.limit}`,
    );
    return {
      id: aggregate.id,
      text: node ? this.source.textOf(node) : `${aggregate.fn}(…)`,
      fn: aggregate.fn,
      window: {
        from: aggregate.fromDaysAgo === null ? null : this.daysBefore(aggregate.fromDaysAgo),
        to: this.daysBefore(aggregate.toDaysAgo),
      },
      value,
      matching,
      transactions,
    };
  }

  async klis(state: Record<string, Value>): Promise<KliExplanation[]> {
    const out: KliExplanation[] = [];
    for (const kli of this.plan.klis) {
      const symbol = this.model.klis.find((k) => k.name === kli.name);
      const decl = symbol?.decl as A.KliDecl | undefined;
      const at = (expr: A.Expr | undefined) => (expr && symbol ? { expr, file: symbol.file } : undefined);
      const found = this.source.aggregates(at(decl?.when), kli.when);
      if (kli.score) this.source.aggregates(at(decl?.score), kli.score, found);
      const aggregates: AggregateExplanation[] = [];
      for (const [id, node] of found) {
        const aggregate = this.plan.aggregates.find((a) => a.id === id);
        if (!aggregate) continue;
        // Aggregates are numbers; DuckDB hands BIGINT and DECIMAL over as text to stay exact.
        const value = state[id];
        aggregates.push(
          await this.aggregate(aggregate, node, value === null || value === undefined ? null : Number(value)),
        );
      }
      out.push({
        name: kli.name,
        display_name: kli.displayName,
        rule: kli.rule,
        fired: state[`kli_${kli.name}`] === true,
        score: Number(state[`kli_${kli.name}__score`] ?? 0),
        conditions: await this.conditions(this.source.conjuncts(at(decl?.when), kli.when)),
        aggregates,
      });
    }
    return out;
  }

  private async segment(
    segment: SegmentPlan,
    key: string,
    decl: A.SegmentDecl | undefined,
    file: string | undefined,
    member: boolean,
  ): Promise<SegmentExplanation> {
    const at = (expr: A.Expr | undefined) => (expr && file ? { expr, file } : undefined);
    const clauses = (['when', 'where'] as const).flatMap((clause) => {
      const plan = segment[clause];
      return plan ? this.source.conjuncts(at(decl?.[clause]), plan).map((part) => ({ ...part, clause })) : [];
    });
    const conditions = await this.conditions(clauses);
    return {
      key,
      display_name: segment.displayName,
      rule: segment.rule,
      member,
      conditions: conditions.map((c, i) => ({ ...c, clause: clauses[i]?.clause ?? 'when' })),
    };
  }

  async segments(): Promise<Pick<CustomerExplanation, 'segments' | 'segmentations'>> {
    const memberships = new Set(
      (
        await this.engine.rows<{ segment: string }>(
          `SELECT segment FROM ${tables.segments} WHERE customer_id = ${this.customer}`,
        )
      ).map((r) => r.segment),
    );
    const segments: SegmentExplanation[] = [];
    for (const segment of this.plan.segments) {
      const symbol = this.model.segments.find((s) => s.name === segment.name);
      segments.push(
        await this.segment(
          segment,
          segment.name,
          symbol?.decl as A.SegmentDecl | undefined,
          symbol?.file,
          memberships.has(segment.name),
        ),
      );
    }
    const segmentations: CustomerExplanation['segmentations'] = [];
    for (const segmentation of this.plan.segmentations) {
      const symbol: KliSymbol | undefined = this.model.segmentations.find(
        (s) => s.name === segmentation.name,
      );
      const decl = symbol?.decl as A.SegmentationDecl | undefined;
      const declared = decl ? [...decl.members, ...(decl.otherwise ? [decl.otherwise] : [])] : [];
      const members: SegmentExplanation[] = [];
      let chosen = '';
      for (const [index, member] of segmentation.members.entries()) {
        const key = `${segmentation.name}.${member.name}`;
        const explanation = await this.segment(
          member,
          key,
          declared[index],
          symbol?.file,
          memberships.has(key),
        );
        const isOtherwise = index === segmentation.members.length - 1 && decl?.otherwise !== undefined;
        if (explanation.member) {
          chosen = key;
          explanation.status = isOtherwise ? 'otherwise' : 'chosen';
        } else if (chosen) explanation.status = 'taken by an earlier member';
        else explanation.status = 'conditions fail';
        members.push(explanation);
      }
      segmentations.push({
        name: segmentation.name,
        display_name: segmentation.displayName,
        chosen,
        members,
      });
    }
    return { segments, segmentations };
  }
}

// One descriptor

export interface RuleCandidate {
  kind: 'exact' | 'prefix' | 'contains' | 'regex';
  pattern: string;
  merchant: string;
  category: string | null;
  rule: string;
  won: boolean;
  /** Why it won or lost, against the winner. */
  why: string;
}

export interface DescriptorExplanation {
  raw: string;
  mcc: number | null;
  /** Each cleanse step that changed the text, with the text after it. */
  steps: { kind: string; rule: string; text: string }[];
  description: string;
  /** What exact and prefix rules compare with, and the words `contains` rules look for. */
  match_key: string;
  words: string[];
  candidates: RuleCandidate[];
  merchant: string | null;
  category: string;
  match_kind: string;
  matched_rule: string | null;
  mcc_rules: { low: number; high: number; category: string; rule: string; won: boolean }[];
}

const tierOf = { exact: 1, prefix: 2, contains: 3, regex: 4 } as const;

/** Orders candidates as the classifier does: exact > longest prefix > longest contains > first regex. */
function rank(a: { kind: RuleCandidate['kind']; strength: number; id: number }, b: typeof a): number {
  return tierOf[a.kind] - tierOf[b.kind] || b.strength - a.strength || a.id - b.id;
}

function why(
  candidate: { kind: RuleCandidate['kind']; strength: number; id: number },
  winner: typeof candidate,
) {
  if (candidate === winner) {
    if (candidate.kind === 'regex')
      return 'no exact, prefix or contains rule matched; the first matching regex wins';
    return `${candidate.kind} is the strongest kind that matched, and the longest of its kind`;
  }
  if (candidate.kind === 'regex' && winner.kind !== 'regex')
    return 'regexes are tried only when no exact, prefix or contains rule matched';
  if (candidate.kind !== winner.kind) return `${winner.kind} beats ${candidate.kind}`;
  if (candidate.strength !== winner.strength && candidate.kind !== 'regex')
    return `a longer ${candidate.kind} wins (${winner.strength} characters against ${candidate.strength})`;
  return 'an earlier declared rule wins';
}

/** Explains many descriptors in one pipeline run: the CLI asks for one, the tests for hundreds. */
export async function explainDescriptors(
  workspace: string,
  inputs: { descriptor: string; mcc?: number }[],
): Promise<DescriptorExplanation[]> {
  const compiled = compileWorkspace(workspace, { canonicalSource: true });
  const plan = compiledPlan(compiled);
  const folder = mkdtempSync(join(tmpdir(), 'kli-explain-'));
  const engine = await Engine.open({ threads: 2 });
  try {
    const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const lines = inputs.map(
      (input, i) => `d${i},explain,2000-01-01,1,${quote(input.descriptor)},${input.mcc ?? ''}`,
    );
    const path = join(folder, 'descriptors.csv');
    writeFileSync(
      path,
      ['txn_id,customer_id,posted_date,amount,description,mcc', ...lines].join('\n') + '\n',
    );
    const statements = emit(plan, {
      transactions: [path],
      outDir: folder,
      format: 'csv',
      writeOutputs: false,
    });
    for (const statement of statements.filter((s) => ['read', 'cleanse', 'classify'].includes(s.phase)))
      await runStatement(engine, statement);
    const classified = new Map(
      (
        await engine.rows<{
          txn_id: string;
          raw_description: string;
          description: string;
          merchant: string | null;
          category: string;
          match_kind: string;
          matched_rule: string | null;
        }>(
          `SELECT txn_id, raw_description, description, merchant, category, match_kind, matched_rule FROM ${tables.transactions}`,
        )
      ).map((r) => [r.txn_id, r]),
    );
    const keys = new Map(
      (
        await engine.rows<{ raw_description: string; match_key: string; words: string[] }>(
          `SELECT raw_description, match_key, ${descriptorWords('match_key')} AS words FROM ${tables.descriptors}`,
        )
      ).map((r) => [r.raw_description, r]),
    );
    const steps = await cleanseTrace(engine, plan);
    const candidates = await candidatesOf(engine, plan);
    const winners = new Map(
      (
        await engine.rows<{ raw_description: string; rule_id: number | null }>(
          `SELECT raw_description, rule_id FROM ${tables.matches}`,
        )
      ).map((r) => [r.raw_description, r.rule_id]),
    );
    return inputs.map((input, i) => {
      const row = classified.get(`d${i}`);
      if (!row)
        throw new ExplainError(`the descriptor ${JSON.stringify(input.descriptor)} could not be read`);
      const found = (candidates.get(row.raw_description) ?? []).sort(rank);
      const joined = found.filter((c) => c.kind !== 'regex');
      const best = joined[0] ?? found[0];
      const winnerId = winners.get(row.raw_description) ?? null;
      if ((best?.id ?? null) !== winnerId)
        throw new Error(`internal error: explain ranks rule ${best?.id} first but the run chose ${winnerId}`);
      const mccRules = plan.mcc
        .filter((m) => input.mcc !== undefined && m.low <= input.mcc && input.mcc <= m.high)
        .sort((a, b) => a.high - a.low - (b.high - b.low));
      return {
        raw: input.descriptor,
        mcc: input.mcc ?? null,
        steps: steps.get(row.raw_description) ?? [],
        description: row.description,
        match_key: keys.get(row.raw_description)?.match_key ?? '',
        words: keys.get(row.raw_description)?.words ?? [],
        candidates: found.map((c) => ({
          kind: c.kind,
          pattern: c.pattern,
          merchant: c.merchant,
          category: c.category,
          rule: c.rule,
          won: c === best,
          why: best ? why(c, best) : '',
        })),
        merchant: row.merchant,
        category: row.category,
        match_kind: row.match_kind,
        matched_rule: row.matched_rule,
        mcc_rules: mccRules.map((m, index) => ({ ...m, won: index === 0 && row.match_kind === 'mcc' })),
      };
    });
  } finally {
    engine.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Each distinct descriptor after every cleanse step, with the very SQL of each step. */
async function cleanseTrace(
  engine: Engine,
  plan: Plan,
): Promise<Map<string, DescriptorExplanation['steps']>> {
  const sql = sqlFragments(plan);
  const ctes = [`s0 AS (SELECT raw_description, raw_description AS d0 FROM ${tables.descriptors})`];
  plan.cleanse.forEach((step, i) => {
    ctes.push(`s${i + 1} AS (SELECT *, ${sql.cleanseStep(step, `d${i}`)} AS d${i + 1} FROM s${i})`);
  });
  const rows = await engine.rows<Record<string, string>>(
    `WITH ${ctes.join(',\n')} SELECT * FROM s${plan.cleanse.length}`,
  );
  const out = new Map<string, DescriptorExplanation['steps']>();
  for (const row of rows) {
    const changed: DescriptorExplanation['steps'] = [];
    plan.cleanse.forEach((step, i) => {
      const before = row[`d${i}`];
      const after = row[`d${i + 1}`] ?? '';
      if (after !== before) changed.push({ kind: step.kind, rule: step.rule, text: after });
    });
    out.set(row['raw_description'] ?? '', changed);
  }
  return out;
}

interface Candidate {
  id: number;
  kind: RuleCandidate['kind'];
  pattern: string;
  strength: number;
  merchant: string;
  category: string | null;
  rule: string;
}

/** Every rule that matches each descriptor, not just the winner: the same tests the joins make. */
async function candidatesOf(engine: Engine, plan: Plan): Promise<Map<string, Candidate[]>> {
  const regexes = plan.regexRules.map(
    (r) =>
      `SELECT raw_description, ${r.id} AS rule_id FROM ${tables.descriptors} WHERE ${duckdb.regexMatches('match_key', r.pattern, r.flags)}`,
  );
  const rows = await engine.rows<Candidate & { raw_description: string }>(
    [
      `WITH descriptors AS (`,
      `  SELECT raw_description, match_key, ' ' || array_to_string(${descriptorWords('match_key')}, ' ') || ' ' AS spaced_words FROM ${tables.descriptors}`,
      `), joined AS (`,
      `  SELECT d.raw_description, r.rule_id FROM descriptors d JOIN ${tables.rules} r ON`,
      `    (r.kind = 'exact' AND r.pattern = d.match_key)`,
      `    OR (r.kind = 'prefix' AND starts_with(d.match_key, r.pattern))`,
      `    OR (r.kind = 'contains' AND contains(d.spaced_words, ' ' || r.pattern || ' '))`,
      `)${regexes.length ? `, regex AS (${regexes.join(' UNION ALL ')})` : ''}`,
      `SELECT m.raw_description, r.rule_id AS id, r.kind, r.pattern, r.pattern_length AS strength, r.merchant, r.category, r.rule`,
      `FROM (SELECT * FROM joined${regexes.length ? ' UNION ALL SELECT * FROM regex' : ''}) m JOIN ${tables.rules} r USING (rule_id)`,
    ].join('\n'),
  );
  const out = new Map<string, Candidate[]>();
  for (const row of rows) {
    const list = out.get(row.raw_description) ?? [];
    list.push({ ...row, strength: row.kind === 'regex' ? 0 : row.strength });
    out.set(row.raw_description, list);
  }
  return out;
}

// Text for a terminal

const show = (value: Value) => (value === null ? 'null' : typeof value === 'string' ? value : String(value));

function conditionLine(c: ConditionExplanation, prefix = ''): string {
  const values = c.values.length
    ? `   (${c.values.map((v) => `${v.text} = ${show(v.value)}`).join(', ')})`
    : '';
  return `    ${c.holds ? '✓' : '✗'} ${prefix}${c.text}${values}`;
}

export function formatCustomerExplanation(explanation: CustomerExplanation, onlyFired = false): string {
  const lines = [
    `customer ${explanation.customer} · as_of ${explanation.as_of} · ${explanation.transactions} transactions`,
    '',
    'KLIs',
  ];
  for (const kli of explanation.klis) {
    if (onlyFired && !kli.fired) continue;
    lines.push(
      `  ${kli.fired ? '●' : '○'} ${kli.name} ${kli.fired ? `fired, score ${kli.score}` : 'did not fire'}   ${kli.rule}`,
    );
    for (const condition of kli.conditions) lines.push(conditionLine(condition));
    for (const aggregate of kli.aggregates) {
      const window = aggregate.window.from
        ? `${aggregate.window.from} … ${aggregate.window.to}`
        : `all history to ${aggregate.window.to}`;
      lines.push(
        `      ${aggregate.text} = ${show(aggregate.value)}   [${window}; ${aggregate.matching} transaction${aggregate.matching === 1 ? '' : 's'}]`,
      );
      for (const t of aggregate.transactions) {
        lines.push(
          `        ${t.date}  ${String(t.amount).padStart(10)}  ${t.description.padEnd(32).slice(0, 32)}  ${t.merchant ?? '-'} · ${t.category}`,
        );
      }
      if (aggregate.matching > aggregate.transactions.length)
        lines.push(`        … ${aggregate.matching - aggregate.transactions.length} more`);
    }
  }
  lines.push('', 'segments');
  for (const segment of explanation.segments) {
    lines.push(
      `  ${segment.member ? '●' : '○'} ${segment.key} ${segment.member ? 'in' : 'not in'}   ${segment.rule}`,
    );
    for (const c of segment.conditions) lines.push(conditionLine(c, `${c.clause} `));
  }
  for (const segmentation of explanation.segmentations) {
    lines.push('', `segmentation ${segmentation.name}: ${segmentation.chosen || 'none'}`);
    for (const member of segmentation.members) {
      lines.push(`  ${member.member ? '●' : '○'} ${member.key}: ${member.status}   ${member.rule}`);
      for (const c of member.conditions) lines.push(conditionLine(c, `${c.clause} `));
    }
  }
  return lines.join('\n');
}

export function formatDescriptorExplanation(e: DescriptorExplanation): string {
  const lines = [`raw          ${e.raw}${e.mcc !== null ? `   (MCC ${e.mcc})` : ''}`];
  for (const step of e.steps) lines.push(`  ${step.kind.padEnd(16)} → ${step.text}   ${step.rule}`);
  lines.push(`cleansed     ${e.description}`);
  lines.push(`match key    ${e.match_key}`);
  lines.push(`words        ${e.words.join(' ')}`);
  lines.push(e.candidates.length ? 'rules that match' : 'no merchant rule matches');
  for (const c of e.candidates) {
    lines.push(
      `  ${c.won ? '★' : ' '} ${c.kind.padEnd(8)} ${JSON.stringify(c.pattern)} → ${c.merchant} (${c.category ?? 'no category'})   ${c.rule}`,
    );
    lines.push(`      ${c.won ? 'wins' : 'loses'}: ${c.why}`);
  }
  for (const m of e.mcc_rules)
    lines.push(
      `  ${m.won ? '★' : ' '} mcc      ${m.low === m.high ? m.low : `${m.low}..${m.high}`} → ${m.category}   ${m.rule}`,
    );
  if (e.mcc_rules.length && e.match_kind !== 'mcc')
    lines.push('      the MCC decides only when no merchant rule gives a category');
  lines.push(
    `result       merchant ${e.merchant ?? '(none)'} · category ${e.category} · by ${e.match_kind}${e.matched_rule ? ` (${e.matched_rule})` : ''}`,
  );
  return lines.join('\n');
}
