import type * as A from './ast.js';
import {
  makeDiagnostic,
  suggestName,
  type Diagnostic,
  type DiagnosticCode,
  type RelatedLocation,
} from './diagnostics.js';
import type { Range } from './position.js';
import type { KliSymbol, Level, SymbolKind, SymbolReference, TypedExpr, ValueType } from './symbols.js';
import type { SourceFile, Workspace } from './workspace.js';
import { regexProblem, normalizeWords } from './text.js';
import { findMerchantOverlaps, type OverlapMemo } from './overlap.js';
import { findSegmentOverlaps } from './segment-overlap.js';

export const canonicalColumns = [
  'txn_id',
  'customer_id',
  'posted_date',
  'amount',
  'description',
  'mcc',
] as const;
const requiredColumns = ['customer_id', 'posted_date', 'amount', 'description'];
export const attributeTypes = ['money', 'number', 'text', 'date', 'boolean', 'products'] as const;

/** Transaction fields, usable inside aggregates and `where` filters. */
export const rowFields: Record<string, ValueType> = {
  amount: 'money',
  description: 'text',
  raw_description: 'text',
  merchant: 'merchant',
  category: 'category',
  mcc: 'number',
  posted_date: 'date',
};

export interface FunctionSignature {
  kind: 'aggregate' | 'scalar';
  /** What the argument must be; `none` takes only a `where`. */
  argument: 'numeric' | 'any' | 'none' | 'text';
  result: ValueType | 'same';
  minArgs: number;
  maxArgs: number;
  doc: string;
}

export const functions: Record<string, FunctionSignature> = {
  sum: {
    kind: 'aggregate',
    argument: 'numeric',
    result: 'same',
    minArgs: 1,
    maxArgs: 1,
    doc: 'sum(amount where …): total of the matching transactions, 0 when none',
  },
  avg: {
    kind: 'aggregate',
    argument: 'numeric',
    result: 'same',
    minArgs: 1,
    maxArgs: 1,
    doc: 'avg(amount where …): mean of the matching transactions, 0 when none',
  },
  count: {
    kind: 'aggregate',
    argument: 'none',
    result: 'number',
    minArgs: 0,
    maxArgs: 0,
    doc: 'count(where …): number of matching transactions',
  },
  count_distinct: {
    kind: 'aggregate',
    argument: 'any',
    result: 'number',
    minArgs: 1,
    maxArgs: 1,
    doc: 'count_distinct(merchant where …): distinct values among the matching transactions',
  },
  months_with: {
    kind: 'aggregate',
    argument: 'none',
    result: 'number',
    minArgs: 0,
    maxArgs: 0,
    doc: 'months_with(where …): calendar months with at least one matching transaction',
  },
  days_since_last: {
    kind: 'aggregate',
    argument: 'none',
    result: 'number',
    minArgs: 0,
    maxArgs: 0,
    doc: 'days_since_last(where …): days from the last matching transaction to as_of; 99999 when none',
  },
  min: {
    kind: 'aggregate',
    argument: 'numeric',
    result: 'same',
    minArgs: 1,
    maxArgs: 1,
    doc: 'min(amount where …) over transactions, or min(a, b) of two values',
  },
  max: {
    kind: 'aggregate',
    argument: 'numeric',
    result: 'same',
    minArgs: 1,
    maxArgs: 1,
    doc: 'max(amount where …) over transactions, or max(a, b) of two values',
  },
  abs: {
    kind: 'scalar',
    argument: 'numeric',
    result: 'same',
    minArgs: 1,
    maxArgs: 1,
    doc: 'abs(x): absolute value',
  },
  round: {
    kind: 'scalar',
    argument: 'numeric',
    result: 'same',
    minArgs: 1,
    maxArgs: 2,
    doc: 'round(x) or round(x, digits)',
  },
  has_product: {
    kind: 'scalar',
    argument: 'text',
    result: 'boolean',
    minArgs: 1,
    maxArgs: 1,
    doc: 'has_product("heloc"): the customer holds the product',
  },
};

export type Resolution =
  | { kind: 'symbol'; symbol: KliSymbol; field?: 'score' }
  | { kind: 'field'; name: string }
  | { kind: 'local'; decl: A.LetDecl };

/** What lowering needs to know about each aggregate call. */
export interface AggregateInfo {
  fn: string;
  /** Window in days before as_of, inclusive; undefined = all history. */
  fromDaysAgo?: number;
  toDaysAgo: number;
}

export interface CheckedModel {
  files: SourceFile[];
  packages: Map<string, Map<string, KliSymbol>>;
  categories: Map<string, KliSymbol>;
  merchants: Map<string, KliSymbol>;
  lists: Map<string, KliSymbol>;
  sources: Map<string, KliSymbol>;
  attributes: Map<string, KliSymbol>;
  klis: KliSymbol[];
  /** KLIs in dependency order: each after every KLI it uses. */
  kliOrder: KliSymbol[];
  kliDependencies: Map<KliSymbol, Set<KliSymbol>>;
  segments: KliSymbol[];
  segmentations: KliSymbol[];
  cleanse: { decl: A.CleanseDecl; file: string }[];
  mccRules: { decl: A.MccDecl; file: string }[];
  tests: { decl: A.TestDecl; file: string }[];
  resolutions: Map<A.Ref, Resolution>;
  types: Map<A.Expr, TypedExpr>;
  aggregates: Map<A.Expr, AggregateInfo>;
  references: SymbolReference[];
}

export interface CheckResult {
  model: CheckedModel;
  diagnostics: Diagnostic[];
}

interface Scope {
  file: SourceFile;
  packageName: string;
  visiblePackages: string[];
  level: 'row' | 'customer';
  locals: Map<string, { decl: A.LetDecl; typed: TypedExpr; used: boolean }>;
  kli?: KliSymbol;
  window?: A.Duration;
}

const errorType: TypedExpr = { type: 'error', level: 'constant' };
const numeric = (type: ValueType) => type === 'money' || type === 'number';

/**
 * Resolves names across every file of a workspace and its dependencies, and reports what is wrong.
 * The one diagnostics function: the CLI, the tests and the language server all call it.
 */
export interface CheckOptions {
  /**
   * Whether to run the overlap analyses (merchant rules that overlap, segments that coincide). They
   * give warnings and notes, never errors, so commands that act only on errors (compile, run, test)
   * skip them: about half of checking the 10,000-rule library (95 of ~180 ms in a CPU profile).
   * Default true.
   */
  overlaps?: boolean;
  /** Where the merchant-overlap report is kept between checks; by default in this process. */
  overlapMemo?: OverlapMemo;
}

export function check(workspace: Workspace, options: CheckOptions = {}): CheckResult {
  return new Checker(workspace.files).run(workspace.diagnostics, options);
}

class Checker {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly model: CheckedModel;
  private readonly namesScopes = new Map<SourceFile, Scope>();

  constructor(files: SourceFile[]) {
    this.model = {
      files,
      packages: new Map(),
      categories: new Map(),
      merchants: new Map(),
      lists: new Map(),
      sources: new Map(),
      attributes: new Map(),
      klis: [],
      kliOrder: [],
      kliDependencies: new Map(),
      segments: [],
      segmentations: [],
      cleanse: [],
      mccRules: [],
      tests: [],
      resolutions: new Map(),
      types: new Map(),
      aggregates: new Map(),
      references: [],
    };
  }

  run(initial: Diagnostic[], options: CheckOptions): CheckResult {
    this.diagnostics.push(...initial);
    // Dependencies first, so their cleanse steps and declarations come first.
    const ordered = [
      ...this.model.files.filter((f) => f.isDependency),
      ...this.model.files.filter((f) => !f.isDependency),
    ];
    this.model.files = ordered;
    for (const file of ordered) this.diagnostics.push(...file.diagnostics);
    for (const file of ordered) this.declare(file);
    for (const file of ordered) this.checkImports(file);
    for (const file of ordered) this.checkFile(file);
    this.checkKliCycles();
    this.checkMerchantConflicts();
    if (options.overlaps ?? true) {
      const memo = options.overlapMemo ? { memo: options.overlapMemo } : {};
      this.diagnostics.push(...findMerchantOverlaps(this.model, memo), ...findSegmentOverlaps(this.model));
    }
    this.checkMccRules();
    return { model: this.model, diagnostics: this.diagnostics };
  }

  private report(
    code: DiagnosticCode,
    file: string,
    range: Range,
    message: string,
    extra: Pick<Diagnostic, 'related' | 'data'> = {},
  ) {
    this.diagnostics.push(makeDiagnostic(code, file, range, message, extra));
  }

  // Pass 1: declare every name.

  private declare(file: SourceFile): void {
    const ast = file.ast;
    if (!ast.packageName) {
      const anyDeclaration = ast.decls.length > 0;
      if (anyDeclaration || file.diagnostics.length === 0) {
        this.report(
          'missing-package',
          file.path,
          { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          'a .kli file starts with `package name`, e.g. `package acme.rules`',
        );
      }
    }
    const packageName = packageOf(file);
    const scope = this.packageScope(packageName);
    for (const decl of ast.decls) {
      switch (decl.kind) {
        case 'category':
          this.declareCategory(file, packageName, decl, undefined, scope);
          break;
        case 'merchant':
          this.declareGlobal(
            this.model.merchants,
            'merchant',
            this.add(scope, file, packageName, 'merchant', decl, decl.name),
          );
          break;
        case 'list':
          this.add(scope, file, packageName, 'list', decl, decl.name);
          break;
        case 'source': {
          const symbol = this.add(scope, file, packageName, 'source', decl, decl.name);
          this.declareGlobal(this.model.sources, 'source', symbol);
          break;
        }
        case 'let':
          this.add(scope, file, packageName, 'let', decl, decl.name);
          break;
        case 'kli': {
          const symbol = this.add(scope, file, packageName, 'kli', decl, decl.name);
          if (symbol) {
            this.assertGloballyUnique(symbol, this.model.klis);
            this.model.klis.push(symbol);
          }
          break;
        }
        case 'segment': {
          const symbol = this.add(scope, file, packageName, 'segment', decl, decl.name);
          if (symbol) {
            this.assertGloballyUnique(symbol, [...this.model.segments, ...this.model.segmentations]);
            this.model.segments.push(symbol);
          }
          break;
        }
        case 'segmentation':
          this.declareSegmentation(file, packageName, decl, scope);
          break;
        case 'customer':
          for (const attribute of decl.attributes) {
            const symbol = this.makeSymbol(file, packageName, 'attribute', attribute, attribute.name, {
              tags: [],
            });
            const existing = this.model.attributes.get(attribute.name.text);
            if (existing) this.duplicate(symbol, existing);
            else this.model.attributes.set(attribute.name.text, symbol);
          }
          break;
        case 'cleanse':
          this.model.cleanse.push({ decl, file: file.path });
          break;
        case 'mcc':
          this.model.mccRules.push({ decl, file: file.path });
          break;
        case 'test':
          if (!file.isDependency) this.model.tests.push({ decl, file: file.path });
          break;
      }
    }
  }

  private packageScope(name: string): Map<string, KliSymbol> {
    let scope = this.model.packages.get(name);
    if (!scope) {
      scope = new Map();
      this.model.packages.set(name, scope);
    }
    return scope;
  }

  private makeSymbol(
    file: SourceFile,
    pkg: string,
    kind: SymbolKind,
    decl: A.Decl | A.AttributeDecl,
    name: A.Name,
    meta: A.Metadata,
    key = name.text,
  ): KliSymbol {
    return {
      kind,
      name: name.text,
      package: pkg,
      key,
      file: file.path,
      range: name.range,
      decl,
      meta,
      children: new Map(),
    };
  }

  private add(
    scope: Map<string, KliSymbol>,
    file: SourceFile,
    pkg: string,
    kind: SymbolKind,
    decl: A.Decl,
    name: A.Name,
  ): KliSymbol | undefined {
    if (!name.text) return undefined;
    const symbol = this.makeSymbol(file, pkg, kind, decl, name, 'meta' in decl ? decl.meta : { tags: [] });
    const existing = scope.get(name.text);
    if (existing) {
      this.duplicate(symbol, existing);
      return undefined;
    }
    scope.set(name.text, symbol);
    return symbol;
  }

  private duplicate(symbol: KliSymbol, existing: KliSymbol): void {
    this.report(
      'duplicate-name',
      symbol.file,
      symbol.range,
      `${existing.kind} \`${symbol.key}\` is already declared`,
      {
        related: [{ file: existing.file, range: existing.range, message: 'first declared here' }],
      },
    );
  }

  /** Merchants, KLIs and segments name output columns and values, so they are unique across packages. */
  private assertGloballyUnique(symbol: KliSymbol, others: KliSymbol[]): boolean {
    const clash = others.find((other) => other.key === symbol.key && other !== symbol);
    if (clash) this.duplicate(symbol, clash);
    return !clash;
  }

  private declareGlobal(map: Map<string, KliSymbol>, _kind: SymbolKind, symbol: KliSymbol | undefined): void {
    if (!symbol) return;
    const existing = map.get(symbol.key);
    if (existing && existing.package !== symbol.package) this.duplicate(symbol, existing);
    else if (!existing) map.set(symbol.key, symbol);
  }

  private declareCategory(
    file: SourceFile,
    pkg: string,
    decl: A.CategoryDecl,
    parent: KliSymbol | undefined,
    scope: Map<string, KliSymbol>,
  ): void {
    if (!decl.name.text) return;
    const key = parent ? `${parent.key}.${decl.name.text}` : decl.name.text;
    const symbol = this.makeSymbol(file, pkg, 'category', decl, decl.name, decl.meta, key);
    if (parent) {
      symbol.parent = parent;
      const existing = parent.children.get(decl.name.text);
      if (existing) return this.duplicate(symbol, existing);
      parent.children.set(decl.name.text, symbol);
    } else {
      const existing = scope.get(decl.name.text);
      if (existing) return this.duplicate(symbol, existing);
      const clash = this.model.categories.get(key);
      if (clash) return this.duplicate(symbol, clash);
      scope.set(decl.name.text, symbol);
    }
    if (key === 'uncategorized') {
      this.report(
        'duplicate-name',
        file.path,
        decl.name.range,
        '`uncategorized` is built in: it is what nothing matched',
      );
    }
    this.model.categories.set(key, symbol);
    for (const childDecl of decl.children) this.declareCategory(file, pkg, childDecl, symbol, scope);
  }

  private declareSegmentation(
    file: SourceFile,
    pkg: string,
    decl: A.SegmentationDecl,
    scope: Map<string, KliSymbol>,
  ): void {
    const symbol = this.add(scope, file, pkg, 'segmentation', decl, decl.name);
    if (!symbol) return;
    this.assertGloballyUnique(symbol, [...this.model.segments, ...this.model.segmentations]);
    this.model.segmentations.push(symbol);
    if (!decl.exclusive) {
      this.report(
        'missing-clause',
        file.path,
        decl.name.range,
        'a segmentation is `exclusive`: every customer lands in exactly one of its segments; use separate `segment`s for overlapping audiences',
      );
    }
    const members = decl.otherwise ? [...decl.members, decl.otherwise] : decl.members;
    for (const member of members) {
      if (!member.name.text) continue;
      const memberSymbol = this.makeSymbol(
        file,
        pkg,
        'segment',
        member,
        member.name,
        member.meta,
        `${symbol.name}.${member.name.text}`,
      );
      memberSymbol.parent = symbol;
      const existing = symbol.children.get(member.name.text);
      if (existing) this.duplicate(memberSymbol, existing);
      else symbol.children.set(member.name.text, memberSymbol);
    }
    if (!decl.otherwise) {
      this.report(
        'missing-clause',
        file.path,
        decl.name.range,
        'an exclusive segmentation needs `otherwise name`, so every customer lands somewhere',
      );
    }
  }

  private checkImports(file: SourceFile): void {
    for (const imported of file.ast.imports) {
      const name = refText(imported);
      if (!this.model.packages.has(name)) {
        const suggestion = suggestName(name, this.model.packages.keys());
        this.report(
          'unknown-package',
          file.path,
          imported.range,
          `no package \`${name}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
          suggestion ? { data: { suggestion } } : {},
        );
      }
    }
  }

  // Pass 2: check each declaration.

  /**
   * A file's customer-level scope for resolving names only (a merchant's category, an MCC rule's,
   * a cleanse step's lists), made once per file: std has a thousand merchants, and making a scope
   * for each took 5–8 ms of a ~150 ms cold check (CPU profile). Never given to code that declares
   * locals.
   */
  private namesScope(file: SourceFile): Scope {
    let scope = this.namesScopes.get(file);
    if (!scope) this.namesScopes.set(file, (scope = this.scopeFor(file, 'customer')));
    return scope;
  }

  private scopeFor(file: SourceFile, level: 'row' | 'customer'): Scope {
    const packageName = packageOf(file);
    return {
      file,
      packageName,
      visiblePackages: [packageName, ...file.ast.imports.map(refText)],
      level,
      locals: new Map(),
    };
  }

  private checkFile(file: SourceFile): void {
    for (const decl of file.ast.decls) {
      switch (decl.kind) {
        case 'category':
          break;
        case 'list':
          break;
        case 'cleanse':
          this.checkCleanse(file, decl);
          break;
        case 'merchant':
          this.checkMerchant(file, decl);
          break;
        case 'mcc': {
          const target = this.resolve(decl.category, this.namesScope(file), ['category']);
          void target;
          for (const code of decl.codes) {
            if (code.low < 0 || code.high > 9999 || code.low > code.high) {
              this.report(
                'invalid-value',
                file.path,
                code.range,
                code.low > code.high
                  ? `MCC range ${code.low}..${code.high} is inverted`
                  : 'an MCC is a number from 0 to 9999',
              );
            }
          }
          break;
        }
        case 'source':
          this.checkSource(file, decl);
          break;
        case 'customer':
          for (const attribute of decl.attributes) {
            if (!(attributeTypes as readonly string[]).includes(attribute.type.text)) {
              const suggestion = suggestName(attribute.type.text, attributeTypes);
              this.report(
                'type-mismatch',
                file.path,
                attribute.type.range,
                `unknown attribute type \`${attribute.type.text}\`; types are ${attributeTypes.join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
                suggestion ? { data: { suggestion } } : {},
              );
            }
          }
          break;
        case 'let': {
          const scope = this.scopeFor(file, 'customer');
          this.model.types.set(decl.value, this.typeLet(decl.value, scope));
          break;
        }
        case 'kli':
          this.checkKli(file, decl);
          break;
        case 'segment':
          this.checkSegment(file, decl);
          break;
        case 'segmentation':
          for (const member of [...decl.members, ...(decl.otherwise ? [decl.otherwise] : [])])
            this.checkSegment(file, member, member === decl.otherwise);
          break;
        case 'test':
          this.checkTest(file, decl);
          break;
      }
    }
  }

  /** A top-level let is a transaction filter or a customer value: try the row level first. */
  private typeLet(expr: A.Expr, scope: Scope): TypedExpr {
    return this.typeExpr(expr, { ...scope, level: this.isRowLevel(expr, scope) ? 'row' : 'customer' });
  }

  /** Whether an expression reads a transaction field outside any aggregate. */
  private isRowLevel(expr: A.Expr, scope: Scope): boolean {
    switch (expr.kind) {
      case 'ref': {
        const head = expr.ref.parts[0]?.text ?? '';
        if (expr.ref.parts.length === 1 && rowFields[head]) return true;
        const local = scope.locals.get(head);
        if (local) return local.typed.level === 'row';
        const symbol = scope.visiblePackages
          .map((p) => this.model.packages.get(p)?.get(head))
          .find((s) => s?.kind === 'let');
        return symbol ? this.isRowLevel((symbol.decl as A.LetDecl).value, scope) : false;
      }
      case 'call':
        return functions[expr.callee.text]?.kind === 'aggregate' &&
          !((expr.callee.text === 'min' || expr.callee.text === 'max') && expr.args.length >= 2)
          ? false
          : expr.args.some((a) => this.isRowLevel(a, scope));
      case 'binary':
        return this.isRowLevel(expr.left, scope) || this.isRowLevel(expr.right, scope);
      case 'unary':
        return this.isRowLevel(expr.operand, scope);
      default:
        return false;
    }
  }

  private checkCleanse(file: SourceFile, decl: A.CleanseDecl): void {
    const scope = this.namesScope(file);
    for (const step of decl.steps) {
      if (step.kind === 'strip_pattern' || step.kind === 'replace')
        this.checkRegex(file, step.regex.pattern, step.regex.flags, step.regex.range);
      if (step.kind === 'strip_location') {
        this.resolve(step.states, scope, ['list']);
        this.resolve(step.cities, scope, ['list']);
      }
    }
  }

  private checkRegex(file: SourceFile, pattern: string, flags: string, range: Range): boolean {
    const problem = regexProblem(pattern, flags);
    if (problem) this.report('invalid-regex', file.path, range, problem);
    return !problem;
  }

  private checkMerchant(file: SourceFile, decl: A.MerchantDecl): void {
    if (decl.category) this.resolve(decl.category, this.namesScope(file), ['category']);
    if (decl.matchers.length === 0) {
      this.report(
        'missing-clause',
        file.path,
        decl.name.range,
        `merchant \`${decl.name.text}\` has no \`match\` rule, so nothing can match it`,
      );
    }
    for (const matcher of decl.matchers) {
      if (matcher.kind === 'regex') this.checkRegex(file, matcher.value, matcher.flags, matcher.range);
      else if (matcher.kind === 'contains' && normalizeWords(matcher.value) === '') {
        this.report(
          'shadowed-rule',
          file.path,
          matcher.range,
          'this pattern has no letters or digits, so it can never match a whole word',
        );
      } else if (matcher.value.trim() === '') {
        this.report('shadowed-rule', file.path, matcher.range, 'an empty pattern can never match');
      }
    }
  }

  private checkSource(file: SourceFile, decl: A.SourceDecl): void {
    const seen = new Map<string, A.SourceMapping>();
    for (const mapping of decl.mappings) {
      const target = mapping.target.text;
      if (!(canonicalColumns as readonly string[]).includes(target)) {
        const suggestion = suggestName(target, canonicalColumns);
        this.report(
          'unknown-column',
          file.path,
          mapping.target.range,
          `\`${target}\` is not a canonical column; they are ${canonicalColumns.join(', ')}${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
          suggestion ? { data: { suggestion } } : {},
        );
        continue;
      }
      const previous = seen.get(target);
      if (previous) {
        this.report('duplicate-name', file.path, mapping.target.range, `\`${target}\` is mapped twice`, {
          related: [{ file: file.path, range: previous.range, message: 'first mapped here' }],
        });
      }
      seen.set(target, mapping);
      if (mapping.sign && target !== 'amount') {
        this.report('type-mismatch', file.path, mapping.range, '`sign` applies only to `amount`');
      }
    }
    for (const required of requiredColumns) {
      if (required === 'customer_id' && decl.customer !== undefined) continue;
      if (!seen.has(required))
        this.report(
          'missing-column',
          file.path,
          decl.name.range,
          `source \`${decl.name.text}\` does not map \`${required}\``,
        );
    }
    if (decl.delimiter !== undefined && decl.delimiter.length !== 1 && decl.delimiter !== '\\t') {
      this.report('invalid-value', file.path, decl.range, 'a delimiter is one character');
    }
  }

  private checkKli(file: SourceFile, decl: A.KliDecl): void {
    const symbol = this.model.packages.get(packageOf(file))?.get(decl.name.text);
    const scope: Scope = { ...this.scopeFor(file, 'customer') };
    if (symbol?.decl === decl) {
      scope.kli = symbol;
      this.model.kliDependencies.set(symbol, new Set());
    }
    if (decl.window) {
      scope.window = decl.window;
      if (decl.window.days <= 0)
        this.report('empty-window', file.path, decl.window.range, 'a window of 0 days holds no transactions');
    }
    for (const letDecl of decl.lets) {
      if (scope.locals.has(letDecl.name.text)) {
        this.report(
          'duplicate-name',
          file.path,
          letDecl.name.range,
          `\`${letDecl.name.text}\` is already defined in this KLI`,
        );
      }
      const typed = this.typeLet(letDecl.value, scope);
      this.model.types.set(letDecl.value, typed);
      scope.locals.set(letDecl.name.text, { decl: letDecl, typed, used: false });
    }
    if (!decl.when) {
      this.report(
        'missing-clause',
        file.path,
        decl.name.range,
        `KLI \`${decl.name.text}\` needs a \`when\` condition`,
      );
    } else {
      this.expectType(this.typeExpr(decl.when, scope), 'boolean', decl.when, file, 'a `when` condition');
    }
    if (decl.score) {
      const typed = this.typeExpr(decl.score, scope);
      if (typed.type !== 'error' && !numeric(typed.type)) {
        this.report(
          'type-mismatch',
          file.path,
          decl.score.range,
          `a score is a number, not ${article(typed.type)}`,
        );
      }
    }
    for (const [name, local] of scope.locals) {
      if (!local.used)
        this.report('unused-let', file.path, local.decl.name.range, `\`${name}\` is never used`);
    }
  }

  private checkSegment(file: SourceFile, decl: A.SegmentDecl, isOtherwise = false): void {
    const scope = this.scopeFor(file, 'customer');
    if (!decl.when && !decl.where && !isOtherwise) {
      this.report(
        'missing-clause',
        file.path,
        decl.name.range,
        `segment \`${decl.name.text}\` needs a \`when\` or a \`where\``,
      );
    }
    if (isOtherwise && (decl.when || decl.where)) {
      this.report(
        'type-mismatch',
        file.path,
        decl.name.range,
        '`otherwise` takes everyone left over: it has no `when` or `where`',
      );
    }
    if (decl.when)
      this.expectType(this.typeExpr(decl.when, scope), 'boolean', decl.when, file, 'a `when` condition');
    if (decl.where)
      this.expectType(this.typeExpr(decl.where, scope), 'boolean', decl.where, file, 'a `where` condition');
  }

  private checkTest(file: SourceFile, decl: A.TestDecl): void {
    const scope = this.scopeFor(file, 'customer');
    for (const testCase of decl.cases) {
      if (testCase.merchant) this.resolve(testCase.merchant, scope, ['merchant']);
      if (testCase.category) this.resolve(testCase.category, scope, ['category']);
    }
    const ids = new Set<string>();
    for (const customer of decl.customers) {
      ids.add(customer.id.value);
      for (const attribute of customer.attributes) {
        if (!this.model.attributes.has(attribute.name.text)) {
          const suggestion = suggestName(attribute.name.text, this.model.attributes.keys());
          this.report(
            'unknown-name',
            file.path,
            attribute.name.range,
            `no customer attribute \`${attribute.name.text}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
            suggestion ? { data: { suggestion } } : {},
          );
        }
      }
      for (const txn of customer.txns) {
        if (!isValidDate(txn.date.value))
          this.report('invalid-value', file.path, txn.date.range, `${txn.date.value} is not a calendar date`);
      }
    }
    if ((decl.customers.length > 0 || decl.expectations.length > 0) && !decl.asOf) {
      this.report(
        'missing-clause',
        file.path,
        decl.title.range,
        'a customer test needs `as_of YYYY-MM-DD`, so its windows do not move with the calendar',
      );
    }
    for (const expectation of decl.expectations) {
      if (!ids.has(expectation.customer.value)) {
        this.report(
          'unknown-name',
          file.path,
          expectation.customer.range,
          `no customer "${expectation.customer.value}" in this test`,
        );
      }
      this.resolve(
        expectation.target,
        scope,
        expectation.relation === 'has' ? ['kli'] : ['segment', 'segmentation'],
      );
    }
  }

  private expectType(typed: TypedExpr, type: ValueType, expr: A.Expr, file: SourceFile, what: string): void {
    if (typed.type !== 'error' && typed.type !== type) {
      this.report(
        'type-mismatch',
        file.path,
        expr.range,
        `${what} must be ${article(type)}, not ${article(typed.type)}`,
      );
    }
  }

  // Expressions.

  private typeExpr(expr: A.Expr, scope: Scope): TypedExpr {
    const typed = this.computeType(expr, scope);
    this.model.types.set(expr, typed);
    return typed;
  }

  private computeType(expr: A.Expr, scope: Scope): TypedExpr {
    switch (expr.kind) {
      case 'error':
        return errorType;
      case 'number':
        return { type: 'number', level: 'constant', literal: true };
      case 'string':
        return { type: 'text', level: 'constant' };
      case 'regex':
        this.checkRegex(scope.file, expr.pattern, expr.flags, expr.range);
        return { type: 'regex', level: 'constant' };
      case 'date':
        if (!isValidDate(expr.value))
          this.report('invalid-value', scope.file.path, expr.range, `${expr.value} is not a calendar date`);
        return { type: 'date', level: 'constant' };
      case 'boolean':
        return { type: 'boolean', level: 'constant' };
      case 'range':
        return { type: 'range', level: 'constant' };
      case 'list':
        for (const item of expr.items) this.typeExpr(item, scope);
        return { type: 'list', level: 'constant' };
      case 'ref':
        return this.typeRef(expr.ref, scope);
      case 'unary': {
        const operand = this.typeExpr(expr.operand, scope);
        if (expr.op === 'not') {
          this.expectType(operand, 'boolean', expr.operand, scope.file, '`not` takes a condition, which');
          return { type: 'boolean', level: operand.level };
        }
        if (operand.type !== 'error' && !numeric(operand.type))
          this.report('type-mismatch', scope.file.path, expr.range, `cannot negate ${article(operand.type)}`);
        return operand;
      }
      case 'binary':
        return this.typeBinary(expr, scope);
      case 'call':
        return this.typeCall(expr, scope);
    }
  }

  private combineLevels(a: Level, b: Level, range: Range, scope: Scope): Level {
    if (a === 'constant') return b;
    if (b === 'constant' || a === b) return a;
    this.report(
      'wrong-level',
      scope.file.path,
      range,
      'this mixes a transaction field with a customer value: put the transaction part inside an aggregate, e.g. count(where …)',
    );
    return a;
  }

  private typeBinary(expr: Extract<A.Expr, { kind: 'binary' }>, scope: Scope): TypedExpr {
    const file = scope.file.path;
    const op = expr.op;
    // The right side of these names a category or merchant, not a value.
    if (op === 'under' || op === 'is' || op === 'is not' || op === 'in' || op === 'not in') {
      const left = this.typeExpr(expr.left, scope);
      if (left.type === 'category' || left.type === 'merchant') {
        if (op === 'under' && left.type !== 'category')
          this.report('type-mismatch', file, expr.opRange, '`under` applies to `category`');
        const items = expr.right.kind === 'list' ? expr.right.items : [expr.right];
        if ((op === 'in' || op === 'not in') && expr.right.kind !== 'list') {
          this.report('type-mismatch', file, expr.right.range, '`in` takes a list: `[a, b]`');
        }
        for (const item of items) {
          if (item.kind !== 'ref') {
            if (item.kind !== 'error')
              this.report('type-mismatch', file, item.range, `expected ${article(left.type)} name`);
            continue;
          }
          if (
            left.type === 'category' &&
            item.ref.parts.length === 1 &&
            item.ref.parts[0]?.text === 'uncategorized'
          ) {
            this.model.types.set(item, { type: 'category', level: 'constant' });
            continue;
          }
          this.resolve(item.ref, scope, [left.type]);
          this.model.types.set(item, { type: left.type, level: 'constant' });
        }
        if (expr.right.kind === 'list') this.model.types.set(expr.right, { type: 'list', level: 'constant' });
        return { type: 'boolean', level: left.level };
      }
      const right = this.typeExpr(expr.right, scope);
      if (op === 'under') {
        if (left.type !== 'error')
          this.report('type-mismatch', file, expr.opRange, '`under` applies to `category`');
        return { type: 'boolean', level: left.level };
      }
      if (op === 'in' || op === 'not in') {
        if (right.type !== 'list' && right.type !== 'range' && right.type !== 'error') {
          this.report(
            'type-mismatch',
            file,
            expr.right.range,
            '`in` takes a list `[a, b]` or a range `5811..5814`',
          );
        }
        return { type: 'boolean', level: this.combineLevels(left.level, right.level, expr.range, scope) };
      }
      return this.typeComparison(left, right, expr, scope);
    }
    const left = this.typeExpr(expr.left, scope);
    const right = this.typeExpr(expr.right, scope);
    const level = this.combineLevels(left.level, right.level, expr.range, scope);
    if (left.type === 'error' || right.type === 'error') {
      return { type: op === 'and' || op === 'or' ? 'boolean' : 'error', level };
    }
    switch (op) {
      case 'and':
      case 'or':
        this.expectType(left, 'boolean', expr.left, scope.file, `each side of \`${op}\``);
        this.expectType(right, 'boolean', expr.right, scope.file, `each side of \`${op}\``);
        return { type: 'boolean', level };
      case 'matches':
        if (left.type !== 'text')
          this.report(
            'type-mismatch',
            file,
            expr.left.range,
            '`matches` applies to text, such as `description`',
          );
        if (right.type !== 'regex')
          this.report('type-mismatch', file, expr.right.range, '`matches` takes a regex: /…/');
        return { type: 'boolean', level };
      case 'contains':
        if (left.type !== 'text')
          this.report(
            'type-mismatch',
            file,
            expr.left.range,
            '`contains` applies to text, such as `description`',
          );
        if (right.type !== 'text')
          this.report('type-mismatch', file, expr.right.range, '`contains` takes a string');
        return { type: 'boolean', level };
      case '+':
      case '-':
      case '*':
      case '/':
        return { ...this.typeArithmetic(op, left, right, expr, scope), level };
      default:
        return this.typeComparison(left, right, expr, scope);
    }
  }

  private typeArithmetic(
    op: string,
    left: TypedExpr,
    right: TypedExpr,
    expr: Extract<A.Expr, { kind: 'binary' }>,
    scope: Scope,
  ): TypedExpr {
    const level: Level = 'customer';
    if (!numeric(left.type) || !numeric(right.type)) {
      const bad = numeric(left.type) ? expr.right : expr.left;
      const badType = numeric(left.type) ? right.type : left.type;
      this.report(
        'type-mismatch',
        scope.file.path,
        bad.range,
        `\`${op}\` works on numbers and money, not ${article(badType)}`,
      );
      return { type: 'error', level };
    }
    const money = (t: TypedExpr) => t.type === 'money';
    const plain = (t: TypedExpr) => t.type === 'number' && !t.literal;
    if (op === '+' || op === '-') {
      if ((money(left) && plain(right)) || (plain(left) && money(right))) {
        this.report(
          'type-mismatch',
          scope.file.path,
          expr.range,
          `cannot ${op === '+' ? 'add' : 'subtract'} money and a count`,
        );
        return { type: 'error', level };
      }
      return {
        type: money(left) || money(right) ? 'money' : 'number',
        level,
        literal: !!(left.literal && right.literal),
      };
    }
    if (op === '*') {
      if (money(left) && money(right)) {
        this.report('type-mismatch', scope.file.path, expr.range, 'money times money is not meaningful');
        return { type: 'error', level };
      }
      return { type: money(left) || money(right) ? 'money' : 'number', level };
    }
    // Division: money / money is a ratio, money / number is money.
    return { type: money(left) && !money(right) ? 'money' : 'number', level };
  }

  private typeComparison(
    left: TypedExpr,
    right: TypedExpr,
    expr: Extract<A.Expr, { kind: 'binary' }>,
    scope: Scope,
  ): TypedExpr {
    const level = this.combineLevels(left.level, right.level, expr.range, scope);
    if (left.type === 'error' || right.type === 'error') return { type: 'boolean', level };
    const op = expr.op === 'is' ? '=' : expr.op === 'is not' ? '!=' : expr.op;
    const compatible =
      (numeric(left.type) &&
        numeric(right.type) &&
        (left.type === right.type || left.literal || right.literal)) ||
      (left.type === right.type && ['date', 'text', 'boolean'].includes(left.type));
    if (!compatible) {
      const describe = (t: TypedExpr) => (t.type === 'number' && !t.literal ? 'a count' : article(t.type));
      this.report(
        'type-mismatch',
        scope.file.path,
        expr.range,
        `cannot compare ${describe(left)} with ${describe(right)}`,
      );
    } else if ((left.type === 'text' || left.type === 'boolean') && op !== '=' && op !== '!=') {
      this.report(
        'type-mismatch',
        scope.file.path,
        expr.opRange,
        `\`${expr.op}\` does not order ${left.type}`,
      );
    }
    return { type: 'boolean', level };
  }

  private typeCall(expr: Extract<A.Expr, { kind: 'call' }>, scope: Scope): TypedExpr {
    const name = expr.callee.text;
    const file = scope.file.path;
    const signature = functions[name];
    if (!signature) {
      const suggestion = suggestName(name, Object.keys(functions));
      this.report(
        'unknown-function',
        file,
        expr.callee.range,
        `no function \`${name}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
        suggestion ? { data: { suggestion } } : {},
      );
      for (const arg of expr.args) this.typeExpr(arg, scope);
      return errorType;
    }
    const scalarMinMax = (name === 'min' || name === 'max') && expr.args.length >= 2;
    if (signature.kind === 'scalar' || scalarMinMax) {
      if (expr.where || expr.window)
        this.report(
          'wrong-arguments',
          file,
          (expr.where ?? expr.window)?.range ?? expr.range,
          `\`${name}\` is not an aggregate: it takes no \`where\` or window`,
        );
      const args = expr.args.map((arg) => this.typeExpr(arg, scope));
      if (!scalarMinMax && (args.length < signature.minArgs || args.length > signature.maxArgs)) {
        this.report(
          'wrong-arguments',
          file,
          expr.range,
          `\`${name}\` takes ${signature.minArgs === signature.maxArgs ? signature.minArgs : `${signature.minArgs} or ${signature.maxArgs}`} argument${signature.maxArgs > 1 ? 's' : ''}`,
        );
        return errorType;
      }
      let level: Level = 'constant';
      for (const [index, arg] of args.entries()) {
        level = this.combineLevels(level, arg.level, expr.args[index]?.range ?? expr.range, scope);
        const wanted = signature.argument === 'text' ? 'text' : 'numeric';
        const ok = arg.type === 'error' || (wanted === 'text' ? arg.type === 'text' : numeric(arg.type));
        if (!ok)
          this.report(
            'type-mismatch',
            file,
            expr.args[index]?.range ?? expr.range,
            `\`${name}\` takes ${wanted === 'text' ? 'a string' : 'numbers'}, not ${article(arg.type)}`,
          );
      }
      if (name === 'has_product') {
        const products = [...this.model.attributes.values()].some(
          (a) => (a.decl as A.AttributeDecl).type.text === 'products',
        );
        if (!products)
          this.report(
            'unknown-name',
            file,
            expr.callee.range,
            '`has_product` needs a customer attribute of type `products`; declare one in a `customer { … }` block',
          );
        return { type: 'boolean', level: 'customer' };
      }
      const first = args[0] ?? errorType;
      const anyMoney = args.some((a) => a.type === 'money');
      return {
        type: anyMoney ? 'money' : first.type === 'error' ? 'error' : 'number',
        level: level === 'constant' ? 'constant' : level,
      };
    }
    // An aggregate: its argument and filter are per transaction, its value per customer.
    if (scope.level === 'row') {
      this.report(
        'wrong-level',
        file,
        expr.range,
        `\`${name}\` is an aggregate and cannot be used inside a transaction filter`,
      );
    }
    if (expr.args.length < signature.minArgs || expr.args.length > signature.maxArgs) {
      const usage =
        signature.argument === 'none'
          ? `\`${name}\` takes only a filter: ${name}(where …)`
          : `\`${name}\` takes one transaction field, e.g. ${name}(amount where …)`;
      this.report('wrong-arguments', file, expr.range, usage);
    }
    const rowScope: Scope = { ...scope, level: 'row' };
    const args = expr.args.map((arg) => this.typeExpr(arg, rowScope));
    const argument = args[0];
    if (
      argument &&
      signature.argument === 'numeric' &&
      argument.type !== 'error' &&
      !numeric(argument.type)
    ) {
      this.report(
        'type-mismatch',
        file,
        expr.args[0]?.range ?? expr.range,
        `\`${name}\` needs numbers or money, not ${article(argument.type)}`,
      );
    }
    if (expr.where)
      this.expectType(
        this.typeExpr(expr.where, rowScope),
        'boolean',
        expr.where,
        scope.file,
        'a `where` filter',
      );
    const info: AggregateInfo = { fn: name, toDaysAgo: 0 };
    if (expr.window?.kind === 'between') {
      if (expr.window.from.days < expr.window.to.days) {
        this.report(
          'inverted-window',
          file,
          expr.window.range,
          `the older bound comes first: between ${expr.window.to.days} days ago and ${expr.window.from.days} days ago`,
        );
      }
      info.fromDaysAgo = Math.max(expr.window.from.days, expr.window.to.days);
      info.toDaysAgo = Math.min(expr.window.from.days, expr.window.to.days);
    } else if (expr.window?.kind === 'over') {
      if (expr.window.length.days <= 0)
        this.report('empty-window', file, expr.window.range, 'a window of 0 days holds no transactions');
      info.fromDaysAgo = expr.window.length.days;
    } else if (scope.window) {
      info.fromDaysAgo = scope.window.days;
    }
    this.model.aggregates.set(expr, info);
    const result: ValueType =
      signature.result === 'same' ? (argument?.type === 'money' ? 'money' : 'number') : signature.result;
    return { type: result, level: 'customer' };
  }

  private typeRef(ref: A.Ref, scope: Scope): TypedExpr {
    const [head, ...rest] = ref.parts;
    if (!head) return errorType;
    const file = scope.file.path;
    if (rest.length === 0) {
      const fieldType = rowFields[head.text];
      if (fieldType) {
        this.model.resolutions.set(ref, { kind: 'field', name: head.text });
        if (scope.level !== 'row') {
          this.report(
            'wrong-level',
            file,
            ref.range,
            `\`${head.text}\` is a transaction field: use it inside an aggregate, e.g. ${head.text === 'amount' ? 'sum(amount where …)' : `count(where ${head.text} …)`}`,
          );
        }
        return { type: fieldType, level: 'row' };
      }
      const local = scope.locals.get(head.text);
      if (local) {
        local.used = true;
        this.model.resolutions.set(ref, { kind: 'local', decl: local.decl });
        return local.typed;
      }
    }
    if (head.text === 'customer') {
      const attributeName = rest[0];
      if (!attributeName || rest.length > 1) {
        this.report(
          'unknown-name',
          file,
          ref.range,
          'write `customer.attribute`, e.g. `customer.avg_balance`',
        );
        return errorType;
      }
      const attribute = this.model.attributes.get(attributeName.text);
      if (!attribute) {
        const suggestion = suggestName(attributeName.text, this.model.attributes.keys());
        this.report(
          'unknown-name',
          file,
          attributeName.range,
          `no customer attribute \`${attributeName.text}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
          suggestion ? { data: { suggestion } } : {},
        );
        return errorType;
      }
      this.model.resolutions.set(ref, { kind: 'symbol', symbol: attribute });
      this.model.references.push({ file, range: attributeName.range, symbol: attribute });
      if (scope.level === 'row') {
        this.report(
          'wrong-level',
          file,
          ref.range,
          'a customer attribute cannot filter transactions: use it in `when`, `where` or a `let` outside the aggregate',
        );
      }
      const type = (attribute.decl as A.AttributeDecl).type.text;
      return {
        type:
          type === 'products'
            ? 'products'
            : (((attributeTypes as readonly string[]).includes(type) ? type : 'error') as ValueType),
        level: 'customer',
      };
    }
    const resolution = this.resolve(ref, scope, ['kli', 'let']);
    if (!resolution) return errorType;
    const symbol = resolution.symbol;
    if (symbol.kind === 'kli') {
      if (scope.kli) this.model.kliDependencies.get(scope.kli)?.add(symbol);
      if (scope.level === 'row')
        this.report(
          'wrong-level',
          file,
          ref.range,
          'a KLI is a customer value: it cannot filter transactions',
        );
      return { type: resolution.field === 'score' ? 'number' : 'boolean', level: 'customer' };
    }
    if (symbol.kind === 'let') {
      const letDecl = symbol.decl as A.LetDecl;
      let typed = this.model.types.get(letDecl.value);
      if (!typed) {
        typed = this.typeLet(letDecl.value, this.scopeFor(this.fileOf(symbol), 'customer'));
        this.model.types.set(letDecl.value, typed);
      }
      if (typed.level === 'row' && scope.level !== 'row') {
        this.report(
          'wrong-level',
          file,
          ref.range,
          `\`${symbol.name}\` is a transaction filter: use it inside an aggregate, e.g. count(where ${symbol.name})`,
        );
      }
      return typed;
    }
    this.report('type-mismatch', file, ref.range, `${article(symbol.kind)} is not a value here`);
    return errorType;
  }

  private fileOf(symbol: KliSymbol): SourceFile {
    return this.model.files.find((f) => f.path === symbol.file) ?? this.model.files[0]!;
  }

  // Name resolution.

  private resolve(
    ref: A.Ref,
    scope: Scope,
    kinds: SymbolKind[],
  ): { symbol: KliSymbol; field?: 'score' } | undefined {
    const parts = ref.parts;
    if (parts.length === 0 || parts.some((p) => !p.text)) return undefined;
    const file = scope.file.path;
    let found: { symbol: KliSymbol; consumed: number } | undefined;
    // Fully qualified: the longest prefix that names a package.
    for (let split = parts.length - 1; split >= 1 && !found; split--) {
      let pkg = parts[0]!.text;
      for (let i = 1; i < split; i++) pkg += `.${parts[i]!.text}`;
      const symbol = this.model.packages.get(pkg)?.get(parts[split]!.text);
      if (symbol) found = { symbol, consumed: split + 1 };
    }
    if (!found) {
      const head = parts[0]!;
      const unique: KliSymbol[] = [];
      for (const pkg of scope.visiblePackages) {
        const s = this.model.packages.get(pkg)?.get(head.text);
        if (s && kinds.includes(s.kind) && !unique.includes(s)) unique.push(s);
      }
      if (unique.length > 1) {
        this.report(
          'unknown-name',
          file,
          head.range,
          `\`${head.text}\` is ambiguous: it is declared in ${unique.map((s) => s.package).join(' and ')}; qualify it`,
        );
        return undefined;
      }
      if (unique[0]) found = { symbol: unique[0], consumed: 1 };
    }
    if (!found) {
      this.reportUnknown(ref, scope, kinds);
      return undefined;
    }
    let symbol = found.symbol;
    this.model.references.push({ file, range: parts[found.consumed - 1]!.range, symbol });
    let field: 'score' | undefined;
    for (const part of parts.slice(found.consumed)) {
      const childSymbol = symbol.children.get(part.text);
      if (childSymbol) {
        symbol = childSymbol;
        this.model.references.push({ file, range: part.range, symbol });
        continue;
      }
      if (symbol.kind === 'kli' && part.text === 'score' && !field) {
        field = 'score';
        continue;
      }
      const suggestion = suggestName(part.text, symbol.children.keys());
      const what =
        symbol.kind === 'category' ? 'subcategory' : symbol.kind === 'segmentation' ? 'segment' : 'member';
      this.report(
        'unknown-name',
        file,
        part.range,
        `${symbol.kind} \`${symbol.key}\` has no ${what} \`${part.text}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
        suggestion ? { data: { suggestion } } : {},
      );
      return undefined;
    }
    const kind = symbol.kind;
    if (!kinds.includes(kind)) {
      this.report(
        'type-mismatch',
        file,
        ref.range,
        `\`${refText(ref)}\` is ${article(kind)}, but ${kinds.map(article).join(' or ')} is expected here`,
      );
      return undefined;
    }
    if (symbol.meta.deprecated !== undefined) {
      this.report(
        'deprecated-use',
        file,
        ref.range,
        `\`${symbol.key}\` is deprecated: ${symbol.meta.deprecated}`,
      );
    }
    this.model.resolutions.set(ref, field ? { kind: 'symbol', symbol, field } : { kind: 'symbol', symbol });
    return field ? { symbol, field } : { symbol };
  }

  private reportUnknown(ref: A.Ref, scope: Scope, kinds: SymbolKind[]): void {
    const head = ref.parts[0]!;
    const file = scope.file.path;
    // Declared, but in a package this file does not import: say which import fixes it.
    for (const [pkg, symbols] of this.model.packages) {
      const symbol = symbols.get(head.text);
      if (symbol && kinds.includes(symbol.kind) && !scope.visiblePackages.includes(pkg)) {
        this.report(
          'unknown-name',
          file,
          head.range,
          `\`${head.text}\` is declared in package \`${pkg}\`, which this file does not import`,
          { data: { missingImport: pkg } },
        );
        return;
      }
    }
    const visible = new Set<string>();
    for (const pkg of scope.visiblePackages) {
      for (const [name, symbol] of this.model.packages.get(pkg) ?? [])
        if (kinds.includes(symbol.kind)) visible.add(name);
    }
    if (kinds.includes('kli') || kinds.includes('let')) {
      for (const name of scope.locals.keys()) visible.add(name);
      for (const name of Object.keys(rowFields)) if (scope.level === 'row') visible.add(name);
    }
    const suggestion = suggestName(head.text, visible);
    const kindText = kinds.length === 1 ? `${kinds[0]} ` : '';
    this.report(
      'unknown-name',
      file,
      head.range,
      `unknown ${kindText}\`${head.text}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
      suggestion ? { data: { suggestion } } : {},
    );
  }

  // Whole-workspace checks.

  private checkKliCycles(): void {
    const state = new Map<KliSymbol, 'visiting' | 'done'>();
    const order: KliSymbol[] = [];
    const reported = new Set<KliSymbol>();
    const visit = (kli: KliSymbol, path: KliSymbol[]): void => {
      const current = state.get(kli);
      if (current === 'done') return;
      if (current === 'visiting') {
        const cycle = path.slice(path.indexOf(kli));
        for (const member of cycle) {
          if (reported.has(member)) continue;
          reported.add(member);
          const names = [...cycle, kli].map((k) => k.name).join(' → ');
          const related: RelatedLocation[] = cycle
            .filter((c) => c !== member)
            .map((c) => ({ file: c.file, range: c.range, message: `\`${c.name}\` is part of the cycle` }));
          this.report(
            'kli-cycle',
            member.file,
            member.range,
            `KLIs depend on each other in a cycle: ${names}`,
            { related },
          );
        }
        return;
      }
      state.set(kli, 'visiting');
      for (const dependency of this.model.kliDependencies.get(kli) ?? []) visit(dependency, [...path, kli]);
      state.set(kli, 'done');
      order.push(kli);
    };
    for (const kli of this.model.klis) visit(kli, []);
    this.model.kliOrder = order.filter((k) => !reported.has(k));
  }

  /** Two merchants claiming the same normalized pattern with the same matcher can never be told apart. */
  private checkMerchantConflicts(): void {
    const claims = new Map<string, { merchant: KliSymbol; matcher: A.Matcher }>();
    for (const merchant of this.model.merchants.values()) {
      const decl = merchant.decl as A.MerchantDecl;
      for (const matcher of decl.matchers) {
        const key = `${matcher.kind}\u0000${matcherKey(matcher)}`;
        const previous = claims.get(key);
        if (!previous) {
          claims.set(key, { merchant, matcher });
          continue;
        }
        if (previous.merchant === merchant) {
          this.report(
            'shadowed-rule',
            merchant.file,
            matcher.range,
            `this ${matcher.kind} pattern repeats one of \`${merchant.name}\`'s own`,
            {
              related: [{ file: merchant.file, range: previous.matcher.range, message: 'the same pattern' }],
            },
          );
          continue;
        }
        const message = (other: KliSymbol) =>
          `merchants \`${merchant.name}\` and \`${previous.merchant.name}\` both claim ${matcher.kind} "${matcher.value}"; ${other === merchant ? 'this' : 'the other'} one can never be told apart`;
        this.report('merchant-conflict', merchant.file, matcher.range, message(merchant), {
          related: [
            {
              file: previous.merchant.file,
              range: previous.matcher.range,
              message: `also claimed by \`${previous.merchant.name}\``,
            },
          ],
        });
        this.report(
          'merchant-conflict',
          previous.merchant.file,
          previous.matcher.range,
          `merchants \`${previous.merchant.name}\` and \`${merchant.name}\` both claim ${matcher.kind} "${previous.matcher.value}"`,
          {
            related: [
              { file: merchant.file, range: matcher.range, message: `also claimed by \`${merchant.name}\`` },
            ],
          },
        );
      }
    }
  }

  /** The narrowest MCC rule wins a code; equal widths conflict, and a rule that wins no code is shadowed. */
  private checkMccRules(): void {
    interface Claim {
      width: number;
      rule: A.MccDecl;
      file: string;
      codeRange: Range;
    }
    const best = new Map<number, Claim[]>();
    const all: Claim[] = [];
    for (const { decl, file } of this.model.mccRules) {
      for (const code of decl.codes) {
        if (code.low < 0 || code.high > 9999 || code.low > code.high) continue;
        const claim = { width: code.high - code.low, rule: decl, file, codeRange: code.range };
        all.push(claim);
        for (let mcc = code.low; mcc <= code.high; mcc++) {
          const current = best.get(mcc);
          if (!current || current[0]!.width > claim.width) best.set(mcc, [claim]);
          else if (current[0]!.width === claim.width) current.push(claim);
        }
      }
    }
    const conflicts = new Set<string>();
    const winners = new Set<Claim>();
    for (const [mcc, claims] of best) {
      for (const claim of claims) winners.add(claim);
      if (claims.length < 2) continue;
      const [first, second] = claims as [Claim, Claim];
      const key = `${first.file}:${first.codeRange.start.line}|${second.file}:${second.codeRange.start.line}`;
      if (conflicts.has(key)) continue;
      conflicts.add(key);
      this.report(
        'mcc-conflict',
        second.file,
        second.codeRange,
        `MCC ${mcc} is claimed by two rules of the same width`,
        { related: [{ file: first.file, range: first.codeRange, message: 'the other rule' }] },
      );
    }
    for (const claim of all) {
      if (!winners.has(claim)) {
        this.report(
          'shadowed-rule',
          claim.file,
          claim.codeRange,
          'narrower MCC rules cover every code of this one, so it never applies',
        );
      }
    }
  }
}

export function matcherKey(matcher: A.Matcher): string {
  if (matcher.kind === 'contains') return normalizeWords(matcher.value);
  if (matcher.kind === 'regex') return `${matcher.flags}/${matcher.value}`;
  return matcher.value.toUpperCase();
}

export function packageOf(file: SourceFile): string {
  return file.ast.packageName ? refText(file.ast.packageName) : '';
}

export function refText(ref: A.Ref): string {
  return ref.parts.map((p) => p.text).join('.');
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

export function isValidDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
