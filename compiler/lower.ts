import { relative } from 'node:path';
import type * as A from '../language/ast.js';
import { matcherKey, refText, type CheckedModel, type Resolution } from '../language/check.js';
import type { KliSymbol } from '../language/symbols.js';
import type { Range } from '../language/position.js';
import type { Workspace } from '../language/workspace.js';
import {
  canonicalSource,
  type AggregateFunction,
  AggregatePlan,
  AttributeType,
  CleanseStepPlan,
  KliPlan,
  Plan,
  PlanExpr,
  SegmentPlan,
  SourcePlan,
} from './plan.js';

export interface LowerOptions {
  /** The `source` declaration to read transactions with; defaults to the manifest's. */
  source?: string;
}

export class LowerError extends Error {}

/** Turns a checked model (with no errors) into the plan the emitter reads. */
export function lower(workspace: Workspace, model: CheckedModel, options: LowerOptions = {}): Plan {
  return new Lowerer(workspace, model).plan(options);
}

class Lowerer {
  private readonly aggregates = new Map<string, AggregatePlan>();

  constructor(
    private readonly workspace: Workspace,
    private readonly model: CheckedModel,
  ) {}

  /** Each file's provenance path, worked out once: a 10,000-rule library asks for it 10,000 times. */
  private readonly paths = new Map<string, string>();

  /** Provenance as `library/path/in/library.kli:line`, stable across machines. */
  private location(file: string, range: Range): string {
    let path = this.paths.get(file);
    if (path === undefined) {
      const library = this.workspace.libraries.find((l) => file.startsWith(l.root + '/'));
      path = library
        ? `${library.name}/${relative(library.root, file)}`
        : relative(this.workspace.root, file);
      this.paths.set(file, path);
    }
    return `${path}:${range.start.line + 1}`;
  }

  plan(options: LowerOptions): Plan {
    const categories = [...this.model.categories.values()].map((c) => ({
      key: c.key,
      parent: c.parent?.key ?? null,
      displayName: c.meta.displayName ?? c.name,
    }));
    const merchants = [...this.model.merchants.values()].map((m) => {
      const decl = m.decl as A.MerchantDecl;
      return {
        name: m.name,
        displayName: m.meta.displayName ?? m.name,
        category: this.categoryKey(decl.category),
      };
    });
    const plan: Plan = {
      workspace: { name: this.workspace.manifest.name, version: this.workspace.manifest.version },
      categories,
      cleanse: this.cleanse(),
      merchants,
      ...this.matchRules(),
      mcc: this.model.mccRules.flatMap(({ decl, file }) => {
        const category = this.categoryKey(decl.category);
        if (!category) return [];
        return decl.codes.map((code) => ({
          low: code.low,
          high: code.high,
          category,
          rule: this.location(file, code.range),
        }));
      }),
      source: this.source(options.source ?? this.workspace.manifest.source),
      attributes: [...this.model.attributes.values()].map((a) => ({
        name: a.name,
        type: (a.decl as A.AttributeDecl).type.text as AttributeType,
      })),
      aggregates: [],
      klis: this.klis(),
      segments: this.model.segments.map((s) => this.segment(s.decl as A.SegmentDecl, s.name, s.file)),
      segmentations: this.model.segmentations.map((s) => {
        const decl = s.decl as A.SegmentationDecl;
        const members = decl.otherwise ? [...decl.members, decl.otherwise] : decl.members;
        return {
          name: s.name,
          displayName: s.meta.displayName ?? s.name,
          members: members.map((m) => this.segment(m, m.name.text, s.file)),
        };
      }),
    };
    plan.aggregates = [...this.aggregates.values()];
    return plan;
  }

  private categoryKey(ref: A.Ref | undefined): string | null {
    if (!ref) return null;
    const resolution = this.model.resolutions.get(ref);
    return resolution?.kind === 'symbol' ? resolution.symbol.key : null;
  }

  private cleanse(): CleanseStepPlan[] {
    const steps: CleanseStepPlan[] = [];
    for (const { decl, file } of this.model.cleanse) {
      for (const step of decl.steps) {
        const rule = this.location(file, step.range);
        switch (step.kind) {
          case 'uppercase':
          case 'trim':
          case 'collapse_spaces':
            steps.push({ kind: step.kind, rule });
            break;
          case 'strip_prefix':
          case 'strip_suffix':
            steps.push({ kind: step.kind, values: step.values.map((v) => v.value), rule });
            break;
          case 'strip_pattern':
            steps.push({
              kind: 'replace',
              pattern: step.regex.pattern,
              flags: step.regex.flags,
              replacement: '',
              rule,
            });
            break;
          case 'replace':
            steps.push({
              kind: 'replace',
              pattern: step.regex.pattern,
              flags: step.regex.flags,
              replacement: step.replacement,
              rule,
            });
            break;
          case 'strip_location':
            steps.push({
              kind: 'strip_location',
              states: this.listItems(step.states),
              cities: this.listItems(step.cities),
              rule,
            });
            break;
        }
      }
    }
    return steps;
  }

  private listItems(ref: A.Ref): string[] {
    const resolution = this.model.resolutions.get(ref);
    if (resolution?.kind !== 'symbol') return [];
    return (resolution.symbol.decl as A.ListDecl).items.map((i) => i.value.toUpperCase());
  }

  private matchRules(): Pick<Plan, 'rules' | 'regexRules'> {
    const rules: Plan['rules'] = [];
    const regexRules: Plan['regexRules'] = [];
    let id = 0;
    for (const merchant of this.model.merchants.values()) {
      const decl = merchant.decl as A.MerchantDecl;
      const category = this.categoryKey(decl.category);
      const seen = new Set<string>();
      for (const matcher of decl.matchers) {
        const pattern = matcherKey(matcher);
        const key = `${matcher.kind}:${pattern}`;
        if (seen.has(key) || pattern === '') continue;
        seen.add(key);
        id += 1;
        const rule = this.location(merchant.file, matcher.range);
        if (matcher.kind === 'regex')
          regexRules.push({
            id,
            pattern: matcher.value,
            flags: matcher.flags,
            merchant: merchant.name,
            category,
            rule,
          });
        else rules.push({ id, kind: matcher.kind, pattern, merchant: merchant.name, category, rule });
      }
    }
    return { rules, regexRules };
  }

  private source(name: string | undefined): SourcePlan {
    if (!name) return { ...canonicalSource, columns: { ...canonicalSource.columns } };
    const symbol = this.model.sources.get(name);
    if (!symbol) {
      const known = [...this.model.sources.keys()];
      throw new LowerError(
        `no source \`${name}\`${known.length ? `; the workspace declares ${known.join(', ')}` : ''}`,
      );
    }
    const decl = symbol.decl as A.SourceDecl;
    const columns: SourcePlan['columns'] = {};
    let creditPositive = false;
    for (const mapping of decl.mappings) {
      columns[mapping.target.text as keyof SourcePlan['columns']] = mapping.column.text;
      if (mapping.target.text === 'amount') creditPositive = mapping.sign === 'credit_positive';
    }
    return {
      name,
      columns,
      creditPositive,
      delimiter: decl.delimiter === '\\t' ? '\t' : (decl.delimiter ?? ','),
      dateFormat: decl.dateFormat ?? null,
      decimalComma: decl.decimal === ',',
      customer: decl.customer ?? null,
    };
  }

  private klis(): KliPlan[] {
    const levels = new Map<KliSymbol, number>();
    return this.model.kliOrder.map((symbol) => {
      const decl = symbol.decl as A.KliDecl;
      const dependencies = [...(this.model.kliDependencies.get(symbol) ?? [])];
      const level =
        dependencies.length === 0 ? 0 : Math.max(...dependencies.map((d) => (levels.get(d) ?? 0) + 1));
      levels.set(symbol, level);
      const locals = new Map(decl.lets.map((l) => [l.name.text, l.value]));
      return {
        name: symbol.name,
        displayName: symbol.meta.displayName ?? symbol.name,
        level,
        when: decl.when ? this.expr(decl.when, locals) : { kind: 'literal', type: 'boolean', value: false },
        score: decl.score ? this.expr(decl.score, locals) : null,
        rule: this.location(symbol.file, decl.range),
      };
    });
  }

  private segment(decl: A.SegmentDecl, name: string, file: string): SegmentPlan {
    const locals = new Map<string, A.Expr>();
    return {
      name,
      displayName: decl.meta.displayName ?? name,
      when: decl.when ? this.expr(decl.when, locals) : null,
      where: decl.where ? this.expr(decl.where, locals) : null,
      action: Object.fromEntries(decl.action.map((a) => [a.key.text, a.value])),
      rule: this.location(file, decl.range),
    };
  }

  /** `let`s are inlined: a name is only a name, the plan holds what it stands for. */
  private expr(expr: A.Expr, locals: Map<string, A.Expr>): PlanExpr {
    switch (expr.kind) {
      case 'number':
        return { kind: 'literal', type: 'number', value: expr.value };
      case 'string':
        return { kind: 'literal', type: 'text', value: expr.value };
      case 'date':
        return { kind: 'literal', type: 'date', value: expr.value };
      case 'boolean':
        return { kind: 'literal', type: 'boolean', value: expr.value };
      case 'ref':
        return this.ref(expr.ref, locals);
      case 'unary':
        return expr.op === 'not'
          ? { kind: 'not', operand: this.expr(expr.operand, locals) }
          : { kind: 'negate', operand: this.expr(expr.operand, locals) };
      case 'binary':
        return this.binary(expr, locals);
      case 'call':
        return this.call(expr, locals);
      default:
        throw new LowerError(`cannot lower ${expr.kind} expression: the checker should have reported it`);
    }
  }

  private ref(ref: A.Ref, locals: Map<string, A.Expr>): PlanExpr {
    const resolution: Resolution | undefined = this.model.resolutions.get(ref);
    if (!resolution) throw new LowerError(`unresolved name ${refText(ref)}`);
    switch (resolution.kind) {
      case 'field':
        return { kind: 'field', name: resolution.name as Extract<PlanExpr, { kind: 'field' }>['name'] };
      case 'local': {
        const value = locals.get(resolution.decl.name.text) ?? resolution.decl.value;
        return this.expr(value, locals);
      }
      case 'symbol': {
        const symbol = resolution.symbol;
        if (symbol.kind === 'kli')
          return { kind: 'kli', name: symbol.name, field: resolution.field === 'score' ? 'score' : 'flag' };
        if (symbol.kind === 'attribute') return { kind: 'attribute', name: symbol.name };
        if (symbol.kind === 'let') return this.expr((symbol.decl as A.LetDecl).value, new Map());
        throw new LowerError(`${symbol.kind} ${symbol.key} is not a value`);
      }
    }
  }

  private binary(expr: Extract<A.Expr, { kind: 'binary' }>, locals: Map<string, A.Expr>): PlanExpr {
    const leftType = this.model.types.get(expr.left)?.type;
    const negated = expr.op === 'is not' || expr.op === 'not in';
    if (leftType === 'category' || leftType === 'merchant') {
      const operand = this.expr(expr.left, locals);
      const items = expr.right.kind === 'list' ? expr.right.items : [expr.right];
      const values = items.flatMap((item) => {
        if (item.kind !== 'ref') return [];
        if (leftType === 'category' && refText(item.ref) === 'uncategorized') return ['uncategorized'];
        const resolution = this.model.resolutions.get(item.ref);
        if (resolution?.kind !== 'symbol') return [];
        return expr.op === 'under' ? subtree(resolution.symbol) : [resolution.symbol.key];
      });
      return { kind: 'member', operand, values, negated };
    }
    const left = this.expr(expr.left, locals);
    switch (expr.op) {
      case 'in':
      case 'not in':
        if (expr.right.kind === 'range')
          return { kind: 'in_range', operand: left, low: expr.right.low, high: expr.right.high, negated };
        if (expr.right.kind === 'list') {
          const values = expr.right.items.flatMap((i) =>
            i.kind === 'number' || i.kind === 'string' ? [i.value] : [],
          );
          return { kind: 'member', operand: left, values, negated };
        }
        throw new LowerError('`in` takes a list or a range');
      case 'matches':
        if (expr.right.kind !== 'regex') throw new LowerError('`matches` takes a regex');
        return { kind: 'matches', operand: left, pattern: expr.right.pattern, flags: expr.right.flags };
      case 'contains':
        if (expr.right.kind !== 'string') throw new LowerError('`contains` takes a string');
        return { kind: 'contains_text', operand: left, text: expr.right.value };
      case 'under':
        throw new LowerError('`under` applies to category');
      case 'is':
        return { kind: 'binary', op: '=', left, right: this.expr(expr.right, locals) };
      case 'is not':
        return { kind: 'binary', op: '!=', left, right: this.expr(expr.right, locals) };
      default:
        return { kind: 'binary', op: expr.op, left, right: this.expr(expr.right, locals) };
    }
  }

  private call(expr: Extract<A.Expr, { kind: 'call' }>, locals: Map<string, A.Expr>): PlanExpr {
    const name = expr.callee.text;
    const info = this.model.aggregates.get(expr);
    if (info) {
      const argument = expr.args[0] ? this.expr(expr.args[0], locals) : null;
      const filter = expr.where ? this.expr(expr.where, locals) : null;
      const aggregate: Omit<AggregatePlan, 'id'> = {
        fn: name as AggregateFunction,
        argument,
        filter,
        fromDaysAgo: info.fromDaysAgo ?? null,
        toDaysAgo: info.toDaysAgo,
      };
      // The same aggregate in two KLIs is computed once.
      const key = JSON.stringify(aggregate);
      let existing = this.aggregates.get(key);
      if (!existing) {
        existing = { id: `agg_${this.aggregates.size + 1}`, ...aggregate };
        this.aggregates.set(key, existing);
      }
      return { kind: 'aggregate', id: existing.id };
    }
    if (name === 'has_product') {
      const arg = expr.args[0];
      return { kind: 'has_product', product: arg?.kind === 'string' ? arg.value : '' };
    }
    const fn = name === 'min' ? 'least' : name === 'max' ? 'greatest' : (name as 'abs' | 'round');
    return { kind: 'call', fn, args: expr.args.map((a) => this.expr(a, locals)) };
  }
}

function subtree(symbol: KliSymbol): string[] {
  return [symbol.key, ...[...symbol.children.values()].flatMap(subtree)];
}
