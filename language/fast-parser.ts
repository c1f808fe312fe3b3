import type { IToken, TokenType } from 'chevrotain';
import type * as A from './ast.js';
import * as T from './lexer.js';
import {
  finishDeclaration,
  regexLiteral,
  stringValue,
  unitDays,
  unquote,
  type MetaItem,
} from './literals.js';
import { emptyRange, spanRanges, tokenRange, tokenSpan, type Range } from './position.js';

/**
 * A recursive-descent parser for files without a syntax error: the grammar of `parser.ts`, building
 * the same AST, with no parser to build first (Chevrotain's takes ~45 ms of every cold start) and
 * no recovery machinery to carry. At the first token the grammar does not expect it gives up, and
 * `parseText` parses the file again with the Chevrotain parser, whose recovery and messages a file
 * with an error needs. `test/fast-parser.test.ts` holds the two to the same AST on every file of the
 * repository and on thousands of edited ones, and to giving up exactly where Chevrotain finds an error.
 *
 * Every node is built with its keys in the order `parser.ts` builds them, so that the two ASTs are
 * the same as JSON too (the parse cache and `kli diff` serialise them).
 */
export function parseValid(
  path: string,
  tokens: IToken[],
  docComments: Map<number, string>,
): A.KliFile | undefined {
  try {
    return new FastParser(tokens, docComments).file(path);
  } catch (e) {
    if (e === giveUp) return undefined;
    throw e;
  }
}

const giveUp = new Error('not a file without syntax errors');

/** What `LA` returns past the end in Chevrotain: a token with no place. */
const endOfFile = { image: '', startOffset: NaN, startLine: NaN, startColumn: NaN } as IToken;

const keywords = new Set<TokenType>(T.keywordTokens);
const metaKeys = new Set<TokenType>([T.Description, T.Owner, T.Since, T.Deprecated, T.Tags]);
const settingKeys = new Set<TokenType>([T.Delimiter, T.DateFormat, T.Decimal, T.Customer]);
const referenceHeads = new Set<TokenType>([
  T.Identifier,
  T.Category,
  T.Merchant,
  T.Description,
  T.Mcc,
  T.Customer,
  T.Uncategorized,
]);
const comparisons = new Set<TokenType>([
  T.Equals,
  T.NotEq,
  T.Less,
  T.LessEq,
  T.Greater,
  T.GreaterEq,
  T.Under,
  T.Matches,
  T.Contains,
  T.In,
]);

class FastParser {
  private at = 0;

  constructor(
    private readonly tokens: IToken[],
    private readonly docComments: Map<number, string>,
  ) {}

  // Tokens.

  private peek(ahead = 0): TokenType | undefined {
    return this.tokens[this.at + ahead]?.tokenType;
  }

  private is(type: TokenType): boolean {
    return this.tokens[this.at]?.tokenType === type;
  }

  private next(): IToken {
    const token = this.tokens[this.at];
    if (!token) throw giveUp;
    this.at++;
    return token;
  }

  private expect(type: TokenType): IToken {
    const token = this.tokens[this.at];
    if (token?.tokenType !== type) throw giveUp;
    this.at++;
    return token;
  }

  private accept(type: TokenType): IToken | undefined {
    return this.is(type) ? this.next() : undefined;
  }

  private first(): IToken {
    return this.tokens[this.at] ?? endOfFile;
  }

  /** From `first` (the token ahead when a rule began) to the last token consumed: every rule consumes one. */
  private rangeFrom(first: IToken): Range {
    return tokenSpan(first, this.tokens[this.at - 1] ?? endOfFile);
  }

  private name(token: IToken): A.Name {
    return { text: token.image, range: tokenRange(token) };
  }

  /** `keyword name "Display name"?`: how every named declaration begins. */
  private heading(keyword: TokenType): { first: IToken; name: A.Name; display: IToken | undefined } {
    const first = this.first();
    this.expect(keyword);
    const name = this.name(this.expect(T.Identifier));
    return { first, name, display: this.accept(T.StringLiteral) };
  }

  private finish<D extends A.Decl>(
    decl: D,
    first: IToken,
    items: (MetaItem | undefined)[],
    display?: IToken,
  ): D {
    const displayName = display && unquote(display.image);
    return finishDeclaration(decl, this.rangeFrom(first), this.docComments, items, displayName);
  }

  /** `{ … }`, each clause read by `clause`, which gives up on a token no clause starts with. */
  private block(clause: (type: TokenType | undefined) => void): void {
    this.expect(T.LBrace);
    while (!this.is(T.RBrace)) clause(this.peek());
    this.next();
  }

  /** Separated by commas, at least one. */
  private commaList<V>(item: () => V): V[] {
    const items = [item()];
    while (this.accept(T.Comma)) items.push(item());
    return items;
  }

  // The file.

  file(path: string): A.KliFile {
    const first = this.first();
    let packageName: A.Ref | undefined;
    if (this.accept(T.Package)) packageName = this.qualifiedName();
    const imports: A.Ref[] = [];
    while (this.accept(T.Import)) imports.push(this.qualifiedName());
    const decls: A.Decl[] = [];
    while (this.at < this.tokens.length) decls.push(this.declaration());
    const file: A.KliFile = { path, imports, decls, range: this.rangeFrom(first) };
    if (packageName) file.packageName = packageName;
    return file;
  }

  private qualifiedName(): A.Ref {
    const first = this.first();
    const parts = [this.anyName()];
    while (this.accept(T.Dot)) parts.push(this.anyName());
    return { parts, range: this.rangeFrom(first) };
  }

  /** Where no keyword can be meant, a keyword is just a name. */
  private anyName(): A.Name {
    const token = this.next();
    if (token.tokenType !== T.Identifier && !keywords.has(token.tokenType)) throw giveUp;
    return this.name(token);
  }

  private declaration(): A.Decl {
    switch (this.peek()) {
      case T.Category:
        return this.categoryDecl();
      case T.List:
        return this.listDecl();
      case T.Cleanse:
        return this.cleanseDecl();
      case T.Merchant:
        return this.merchantDecl();
      case T.Mcc:
        return this.mccDecl();
      case T.Source:
        return this.sourceDecl();
      case T.Customer:
        return this.customerDecl();
      case T.Let:
        return this.letDecl();
      case T.Kli:
        return this.kliDecl();
      case T.Segment:
        return this.segmentOrOtherwise(T.Segment);
      case T.Segmentation:
        return this.segmentationDecl();
      case T.Test:
        return this.testDecl();
      default:
        throw giveUp;
    }
  }

  private metaItem(): MetaItem {
    const key = this.next();
    if (key.tokenType === T.Tags) {
      this.expect(T.LBracket);
      const tags: string[] = [];
      if (!this.is(T.RBracket)) for (const name of this.commaList(() => this.anyName())) tags.push(name.text);
      this.expect(T.RBracket);
      return { key: 'tags', tags };
    }
    if (!metaKeys.has(key.tokenType)) throw giveUp;
    const text = this.expect(T.StringLiteral);
    return { key: key.image as 'description' | 'owner' | 'since' | 'deprecated', value: unquote(text.image) };
  }

  // Declarations.

  private categoryDecl(): A.CategoryDecl {
    const { first, name, display } = this.heading(T.Category);
    const items: MetaItem[] = [];
    const decl: A.CategoryDecl = {
      kind: 'category',
      name,
      range: emptyRange,
      meta: { tags: [] },
      children: [],
    };
    if (this.is(T.LBrace))
      this.block((type) => {
        if (type === T.Category) decl.children.push(this.categoryDecl());
        else items.push(this.metaItem());
      });
    return this.finish(decl, first, items, display);
  }

  private listDecl(): A.ListDecl {
    const { first, name, display } = this.heading(T.List);
    const items: MetaItem[] = [];
    const decl: A.ListDecl = {
      kind: 'list',
      name,
      range: emptyRange,
      meta: { tags: [] },
      items: [],
    };
    this.expect(T.LBrace);
    while (metaKeys.has(this.peek() as TokenType)) items.push(this.metaItem());
    while (this.is(T.StringLiteral)) {
      decl.items.push(stringValue(this.next()));
      this.accept(T.Comma);
    }
    this.expect(T.RBrace);
    return this.finish(decl, first, items, display);
  }

  private cleanseDecl(): A.CleanseDecl {
    const first = this.first();
    this.expect(T.Cleanse);
    const name = this.accept(T.Identifier);
    const items: MetaItem[] = [];
    const decl: A.CleanseDecl = { kind: 'cleanse', meta: { tags: [] }, steps: [], range: emptyRange };
    if (name) decl.name = this.name(name);
    this.block((type) => {
      if (metaKeys.has(type as TokenType)) items.push(this.metaItem());
      else decl.steps.push(this.cleanseStep());
    });
    return this.finish(decl, first, items);
  }

  private cleanseStep(): A.CleanseStep {
    const first = this.first();
    const step = this.next().tokenType;
    if (step === T.Uppercase) return { kind: 'uppercase', range: this.rangeFrom(first) };
    if (step === T.Trim) return { kind: 'trim', range: this.rangeFrom(first) };
    if (step === T.Collapse) {
      this.expect(T.Spaces);
      return { kind: 'collapse_spaces', range: this.rangeFrom(first) };
    }
    if (step === T.Replace) {
      const regex = this.expect(T.RegexLiteral);
      this.expect(T.With);
      const replacement = this.expect(T.StringLiteral);
      return {
        kind: 'replace',
        regex: regexLiteral(regex),
        replacement: unquote(replacement.image),
        range: this.rangeFrom(first),
      };
    }
    if (step !== T.Strip) throw giveUp;
    const what = this.next().tokenType;
    if (what === T.Prefix || what === T.Suffix) {
      const values = this.commaList(() => stringValue(this.expect(T.StringLiteral)));
      const kind = what === T.Prefix ? 'strip_prefix' : 'strip_suffix';
      return { kind, values, range: this.rangeFrom(first) };
    }
    if (what === T.Pattern) {
      const regex = this.expect(T.RegexLiteral);
      return { kind: 'strip_pattern', regex: regexLiteral(regex), range: this.rangeFrom(first) };
    }
    if (what !== T.Location) throw giveUp;
    const cities = this.accept(T.Cities) && this.qualifiedName();
    const states = this.accept(T.States) && this.qualifiedName();
    const range = this.rangeFrom(first);
    const conventional = (name: string): A.Ref => ({ parts: [{ text: name, range }], range });
    return {
      kind: 'strip_location',
      states: states || conventional('us_states'),
      cities: cities || conventional('us_cities'),
      range,
    };
  }

  private merchantDecl(): A.MerchantDecl {
    const { first, name, display } = this.heading(T.Merchant);
    const items: MetaItem[] = [];
    const decl: A.MerchantDecl = {
      kind: 'merchant',
      name,
      range: emptyRange,
      meta: { tags: [] },
      matchers: [],
    };
    this.block((type) => {
      if (type === T.Match) this.matchClause(decl.matchers);
      else if (type === T.Category) {
        this.next();
        const category = this.qualifiedName();
        if (!decl.category) decl.category = category;
      } else items.push(this.metaItem());
    });
    return this.finish(decl, first, items, display);
  }

  private matchClause(matchers: A.Matcher[]): void {
    this.expect(T.Match);
    const kind = this.next();
    if (kind.tokenType === T.Regex) {
      do {
        const regex = regexLiteral(this.expect(T.RegexLiteral));
        matchers.push({ kind: 'regex', value: regex.pattern, flags: regex.flags, range: regex.range });
      } while (this.accept(T.Comma));
      return;
    }
    if (kind.tokenType !== T.Exact && kind.tokenType !== T.Prefix && kind.tokenType !== T.Contains)
      throw giveUp;
    do {
      const { value, range } = stringValue(this.expect(T.StringLiteral));
      matchers.push({ kind: kind.image as A.MatcherKind, value, flags: '', range });
    } while (this.accept(T.Comma));
  }

  private mccDecl(): A.MccDecl {
    const first = this.first();
    this.expect(T.Mcc);
    const decl: A.MccDecl = {
      kind: 'mcc',
      codes: [],
      category: { parts: [], range: emptyRange },
      range: emptyRange,
    };
    decl.codes = this.commaList(() => this.mccCode());
    this.expect(T.Arrow);
    const category = this.qualifiedName();
    decl.range = this.rangeFrom(first);
    decl.category = category;
    return decl;
  }

  private mccCode(): A.MccDecl['codes'][number] {
    const first = this.first();
    const low = Number(this.expect(T.NumberLiteral).image);
    const high = this.accept(T.DotDot) ? Number(this.expect(T.NumberLiteral).image) : low;
    return { low, high, range: this.rangeFrom(first) };
  }

  private sourceDecl(): A.SourceDecl {
    const { first, name, display } = this.heading(T.Source);
    const items: MetaItem[] = [];
    const decl: A.SourceDecl = {
      kind: 'source',
      name,
      range: emptyRange,
      meta: { tags: [] },
      mappings: [],
    };
    this.block((type) => {
      // `description "…"` is metadata, `description = …` a mapping of the column: the second token says.
      const mapping = this.peek(1) === T.Equals;
      if (!mapping && metaKeys.has(type as TokenType)) items.push(this.metaItem());
      else if (!mapping && settingKeys.has(type as TokenType)) {
        const key = this.next();
        const value = unquote(this.expect(T.StringLiteral).image);
        if (key.tokenType === T.Delimiter) decl.delimiter = value;
        else if (key.tokenType === T.DateFormat) decl.dateFormat = value;
        else if (key.tokenType === T.Customer) decl.customer = value;
        else decl.decimal = value;
      } else decl.mappings.push(this.sourceMapping());
    });
    return this.finish(decl, first, items, display);
  }

  private sourceMapping(): A.SourceMapping {
    const first = this.first();
    const target = this.anyName();
    this.expect(T.Equals);
    let column: A.Name;
    if (this.is(T.StringLiteral)) {
      const quoted = this.next();
      column = { text: unquote(quoted.image), range: tokenRange(quoted) };
    } else column = this.anyName();
    let sign: IToken | undefined;
    if (this.accept(T.Sign)) {
      sign = this.next();
      if (sign.tokenType !== T.DebitPositive && sign.tokenType !== T.CreditPositive) throw giveUp;
    }
    const mapping: A.SourceMapping = { target, column, range: this.rangeFrom(first) };
    if (sign) mapping.sign = sign.image as 'debit_positive' | 'credit_positive';
    return mapping;
  }

  private customerDecl(): A.CustomerDecl {
    const first = this.first();
    this.expect(T.Customer);
    const items: MetaItem[] = [];
    const decl: A.CustomerDecl = { kind: 'customer', range: emptyRange, meta: { tags: [] }, attributes: [] };
    this.block((type) => {
      if (type === T.Identifier) decl.attributes.push(this.attributeDecl());
      else items.push(this.metaItem());
    });
    return this.finish(decl, first, items);
  }

  private attributeDecl(): A.AttributeDecl {
    const first = this.first();
    const name = this.expect(T.Identifier);
    const type = this.expect(T.Identifier);
    const description = this.accept(T.StringLiteral);
    const range = this.rangeFrom(first);
    const attribute: A.AttributeDecl = { name: this.name(name), type: this.name(type), range };
    if (description) attribute.description = unquote(description.image);
    return attribute;
  }

  private letDecl(): A.LetDecl {
    const first = this.first();
    this.expect(T.Let);
    const name = this.expect(T.Identifier);
    const decl: A.LetDecl = {
      kind: 'let',
      name: this.name(name),
      range: emptyRange,
      meta: { tags: [] },
      value: { kind: 'error', range: emptyRange },
    };
    this.expect(T.Equals);
    const value = this.expression();
    this.finish(decl, first, []);
    decl.value = value;
    return decl;
  }

  private kliDecl(): A.KliDecl {
    const { first, name, display } = this.heading(T.Kli);
    const items: MetaItem[] = [];
    const decl: A.KliDecl = {
      kind: 'kli',
      name,
      range: emptyRange,
      meta: { tags: [] },
      lets: [],
    };
    this.block((type) => {
      if (type === T.Window) {
        this.next();
        const window = this.duration();
        if (!decl.window) decl.window = window;
      } else if (type === T.Let) decl.lets.push(this.letDecl());
      else if (type === T.When) {
        const when = this.clauseExpression(T.When);
        if (!decl.when) decl.when = when;
      } else if (type === T.Score) {
        const score = this.clauseExpression(T.Score);
        if (!decl.score) decl.score = score;
      } else items.push(this.metaItem());
    });
    return this.finish(decl, first, items, display);
  }

  private clauseExpression(keyword: TokenType): A.Expr {
    this.expect(keyword);
    return this.expression();
  }

  private duration(): A.Duration {
    const first = this.first();
    const count = this.expect(T.NumberLiteral);
    const unit = this.expect(T.Unit);
    const singular = unit.image.replace(/s$/, '');
    return { days: Number(count.image) * (unitDays[singular] ?? 1), range: this.rangeFrom(first) };
  }

  /** `segment` and `otherwise` read alike: a name, a display name and an optional body. */
  private segmentOrOtherwise(keyword: TokenType): A.SegmentDecl {
    const { first, name, display } = this.heading(keyword);
    const decl: A.SegmentDecl = {
      kind: 'segment',
      name,
      range: emptyRange,
      meta: { tags: [] },
      action: [],
    };
    const items: MetaItem[] = [];
    let when: A.Expr | undefined;
    let where: A.Expr | undefined;
    const action: A.ActionField[] = [];
    const body = this.is(T.LBrace);
    if (body)
      this.block((type) => {
        if (type === T.When) {
          const clause = this.clauseExpression(T.When);
          when ??= clause;
        } else if (type === T.Where) {
          const clause = this.clauseExpression(T.Where);
          where ??= clause;
        } else if (type === T.Action) action.push(...this.actionBlock());
        else items.push(this.metaItem());
      });
    this.finish(decl, first, items, display);
    if (when) decl.when = when;
    if (where) decl.where = where;
    if (body) decl.action = action;
    return decl;
  }

  private actionBlock(): A.ActionField[] {
    this.expect(T.Action);
    this.expect(T.LBrace);
    const fields: A.ActionField[] = [];
    while (!this.is(T.RBrace)) {
      const key = this.anyName();
      const value = this.expect(T.StringLiteral);
      fields.push({ key, value: unquote(value.image), range: spanRanges(key.range, tokenRange(value)) });
      this.accept(T.Comma);
    }
    this.next();
    return fields;
  }

  private segmentationDecl(): A.SegmentationDecl {
    const { first, name, display } = this.heading(T.Segmentation);
    const exclusive = this.accept(T.Exclusive);
    const items: MetaItem[] = [];
    const decl: A.SegmentationDecl = {
      kind: 'segmentation',
      name,
      range: emptyRange,
      meta: { tags: [] },
      exclusive: exclusive !== undefined,
      members: [],
    };
    this.block((type) => {
      if (type === T.Segment) decl.members.push(this.segmentOrOtherwise(T.Segment));
      else if (type === T.Otherwise) {
        const otherwise = this.segmentOrOtherwise(T.Otherwise);
        if (!decl.otherwise) decl.otherwise = otherwise;
      } else items.push(this.metaItem());
    });
    return this.finish(decl, first, items, display);
  }

  private testDecl(): A.TestDecl {
    const first = this.first();
    this.expect(T.Test);
    const title = this.expect(T.StringLiteral);
    const decl: A.TestDecl = {
      kind: 'test',
      title: stringValue(title),
      meta: { tags: [] },
      range: emptyRange,
      cases: [],
      customers: [],
      expectations: [],
    };
    const items: MetaItem[] = [];
    this.block((type) => {
      if (type === T.AsOf) {
        this.next();
        const date = this.expect(T.DateLiteral);
        decl.asOf ??= { value: date.image, range: tokenRange(date) };
      } else if (type === T.Transaction) decl.cases.push(this.descriptorCase());
      else if (type === T.Customer) decl.customers.push(this.customerFixture());
      else if (type === T.Expect) decl.expectations.push(this.expectation());
      else items.push(this.metaItem());
    });
    return this.finish(decl, first, items);
  }

  private descriptorCase(): A.DescriptorCase {
    const first = this.first();
    this.expect(T.Transaction);
    const descriptor = this.expect(T.StringLiteral);
    const mcc = this.accept(T.Mcc) && this.expect(T.NumberLiteral);
    this.expect(T.Arrow);
    const expected = this.commaList(() => this.caseExpectation());
    const range = this.rangeFrom(first);
    const result: A.DescriptorCase = { descriptor: stringValue(descriptor), uncategorized: false, range };
    if (mcc) result.mcc = Number(mcc.image);
    for (const expectation of expected) {
      if (expectation.tokenType === T.Merchant) result.merchant = expectation.ref;
      else if (expectation.tokenType === T.Category) result.category = expectation.ref;
      else if (expectation.tokenType === T.Cleansed) result.cleansed = expectation.value;
      else result.uncategorized = true;
    }
    return result;
  }

  private caseExpectation(): { tokenType: TokenType; ref?: A.Ref; value?: string } {
    const key = this.next().tokenType;
    if (key === T.Merchant || key === T.Category) return { tokenType: key, ref: this.qualifiedName() };
    if (key === T.Cleansed) return { tokenType: key, value: unquote(this.expect(T.StringLiteral).image) };
    if (key === T.Uncategorized) return { tokenType: key };
    throw giveUp;
  }

  private customerFixture(): A.CustomerFixture {
    const first = this.first();
    this.expect(T.Customer);
    const id = this.expect(T.StringLiteral);
    const fixture: A.CustomerFixture = {
      id: { value: '', range: emptyRange },
      range: emptyRange,
      attributes: [],
      txns: [],
    };
    this.block((type) => {
      if (type === T.Txn) fixture.txns.push(this.fixtureTxn());
      else if (type === T.Identifier) fixture.attributes.push(this.fixtureAttribute());
      else throw giveUp;
    });
    fixture.range = this.rangeFrom(first);
    fixture.id = stringValue(id);
    return fixture;
  }

  private fixtureAttribute(): A.CustomerFixture['attributes'][number] {
    const first = this.first();
    const name = this.expect(T.Identifier);
    this.expect(T.Equals);
    const values = this.commaList(() => this.unary());
    const range = this.rangeFrom(first);
    return { name: this.name(name), values, range };
  }

  private fixtureTxn(): A.FixtureTxn {
    const first = this.first();
    this.expect(T.Txn);
    const date = this.expect(T.DateLiteral);
    const descriptor = this.expect(T.StringLiteral);
    const minus = this.accept(T.Minus);
    const amount = Number(this.expect(T.NumberLiteral).image);
    const mcc = this.accept(T.Mcc) && this.expect(T.NumberLiteral);
    const range = this.rangeFrom(first);
    const txn: A.FixtureTxn = {
      date: { value: date.image, range: tokenRange(date) },
      descriptor: unquote(descriptor.image),
      amount: minus ? -amount : amount,
      range,
    };
    if (mcc) txn.mcc = Number(mcc.image);
    return txn;
  }

  private expectation(): A.Expectation {
    const first = this.first();
    this.expect(T.Expect);
    const customer = this.expect(T.StringLiteral);
    const not = this.accept(T.Not);
    const relation = this.next().tokenType;
    if (relation !== T.Has && relation !== T.In) throw giveUp;
    const target = this.qualifiedName();
    return {
      customer: stringValue(customer),
      negated: not !== undefined,
      relation: relation === T.Has ? 'has' : 'in',
      target,
      range: this.rangeFrom(first),
    };
  }

  // Expressions, loosest binding first.

  private expression(): A.Expr {
    let result = this.andExpr();
    while (this.is(T.Or)) result = this.binary(result, this.next(), this.andExpr());
    return result;
  }

  private andExpr(): A.Expr {
    let result = this.notExpr();
    while (this.is(T.And)) result = this.binary(result, this.next(), this.notExpr());
    return result;
  }

  private binary(left: A.Expr, op: IToken, right: A.Expr): A.Expr {
    return {
      kind: 'binary',
      op: op.image as A.BinaryOp,
      left,
      right,
      opRange: tokenRange(op),
      range: spanRanges(left.range, right.range),
    };
  }

  private notExpr(): A.Expr {
    if (!this.is(T.Not)) return this.comparison();
    const not = this.next();
    const operand = this.notExpr();
    return { kind: 'unary', op: 'not', operand, range: spanRanges(tokenRange(not), operand.range) };
  }

  private comparison(): A.Expr {
    const left = this.additive();
    const type = this.peek();
    let negated = false;
    let op: IToken;
    if (comparisons.has(type as TokenType)) op = this.next();
    else if (type === T.Is) {
      op = this.next();
      negated = this.accept(T.Not) !== undefined;
    } else if (type === T.Not && this.peek(1) === T.In) {
      this.next();
      negated = true;
      op = this.next();
    } else return left;
    const right = this.additive();
    let operator = op.image as A.BinaryOp;
    if (negated) operator = operator === 'is' ? 'is not' : 'not in';
    return {
      kind: 'binary',
      op: operator,
      left,
      right,
      opRange: tokenRange(op),
      range: spanRanges(left.range, right.range),
    };
  }

  private additive(): A.Expr {
    let result = this.multiplicative();
    while (this.is(T.Plus) || this.is(T.Minus))
      result = this.binary(result, this.next(), this.multiplicative());
    return result;
  }

  private multiplicative(): A.Expr {
    let result = this.unary();
    while (this.is(T.Star) || this.is(T.Slash)) result = this.binary(result, this.next(), this.unary());
    return result;
  }

  private unary(): A.Expr {
    if (!this.is(T.Minus)) return this.primary();
    const minus = this.next();
    const operand = this.unary();
    const range = spanRanges(tokenRange(minus), operand.range);
    if (operand.kind === 'number') return { ...operand, value: -operand.value, range };
    return { kind: 'unary', op: '-', operand, range };
  }

  private primary(): A.Expr {
    const first = this.first();
    switch (first.tokenType) {
      case T.NumberLiteral: {
        const low = Number(this.next().image);
        if (!this.accept(T.DotDot)) return { kind: 'number', value: low, range: this.rangeFrom(first) };
        const high = Number(this.expect(T.NumberLiteral).image);
        return { kind: 'range', low, high, range: this.rangeFrom(first) };
      }
      case T.StringLiteral: {
        const text = this.next();
        return { kind: 'string', value: unquote(text.image), range: tokenRange(text) };
      }
      case T.RegexLiteral: {
        const literal = regexLiteral(this.next());
        return { kind: 'regex', pattern: literal.pattern, flags: literal.flags, range: literal.range };
      }
      case T.DateLiteral: {
        const date = this.next();
        return { kind: 'date', value: date.image, range: tokenRange(date) };
      }
      case T.True:
      case T.False: {
        const value = this.next();
        return { kind: 'boolean', value: value.tokenType === T.True, range: tokenRange(value) };
      }
      case T.LParen: {
        this.next();
        const inner = this.expression();
        this.expect(T.RParen);
        return inner;
      }
      case T.LBracket: {
        this.next();
        const items = this.is(T.RBracket) ? [] : this.commaList(() => this.expression());
        this.expect(T.RBracket);
        return { kind: 'list', items, range: this.rangeFrom(first) };
      }
      default:
        return this.reference();
    }
  }

  /** A name, a dotted path, or a call: `home`, `customer.avg_balance`, `sum(amount where …) over 30 days`. */
  private reference(): A.Expr {
    const first = this.first();
    const head = this.next();
    if (!referenceHeads.has(head.tokenType)) throw giveUp;
    const rest: A.Name[] = [];
    while (this.accept(T.Dot)) rest.push(this.anyName());
    if (!this.accept(T.LParen)) {
      const range = this.rangeFrom(first);
      return { kind: 'ref', ref: { parts: [this.name(head), ...rest], range }, range };
    }
    let args: A.Expr[] | undefined;
    let where: A.Expr | undefined;
    if (this.is(T.Where)) where = this.clauseExpression(T.Where);
    else if (!this.is(T.RParen)) {
      args = [this.expression()];
      if (this.is(T.Where)) where = this.clauseExpression(T.Where);
      while (this.accept(T.Comma)) args.push(this.expression());
    }
    this.expect(T.RParen);
    const window = this.is(T.Between) || this.is(T.Over) ? this.aggregateWindow() : undefined;
    const range = this.rangeFrom(first);
    const parts = [this.name(head), ...rest];
    const callee = parts[parts.length - 1] ?? this.name(head);
    const result: Extract<A.Expr, { kind: 'call' }> = { kind: 'call', callee, args: [], range };
    if (args || where) {
      result.args = args ?? [];
      if (where) result.where = where;
    }
    if (window) result.window = window;
    return result;
  }

  private aggregateWindow(): A.AggregateWindow {
    const first = this.first();
    if (this.accept(T.Over)) {
      const length = this.duration();
      return { kind: 'over', length, range: this.rangeFrom(first) };
    }
    this.expect(T.Between);
    const from = this.duration();
    this.expect(T.Ago);
    this.expect(T.And);
    const to = this.duration();
    this.expect(T.Ago);
    return { kind: 'between', from, to, range: this.rangeFrom(first) };
  }
}
