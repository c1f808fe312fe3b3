import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { emptyRange, spanRanges, tokenRange, type Range } from './position.js';
import type { ParseOutput } from './parser.js';

// Helpers over Chevrotain's CST: children are keyed by token or rule name (or LABEL).

function isToken(element: CstElement): element is IToken {
  return (element as IToken).image !== undefined;
}

// Plain loops, not filter chains: these run several times per declaration of every file, and a
// chain allocates an array per call.

function tokens(node: CstNode, key: string): IToken[] {
  const found: IToken[] = [];
  for (const element of node.children[key] ?? [])
    if (isToken(element) && !element.isInsertedInRecovery) found.push(element);
  return found;
}

function token(node: CstNode, key: string): IToken | undefined {
  for (const element of node.children[key] ?? [])
    if (isToken(element) && !element.isInsertedInRecovery) return element;
  return undefined;
}

function nodes(node: CstNode, key: string): CstNode[] {
  const found: CstNode[] = [];
  for (const element of node.children[key] ?? []) if (!isToken(element)) found.push(element);
  return found;
}

function child(node: CstNode, key: string): CstNode | undefined {
  for (const element of node.children[key] ?? []) if (!isToken(element)) return element;
  return undefined;
}

function wasRecovered(node: CstNode): boolean {
  if (node.recoveredNode) return true;
  return Object.values(node.children).some((elements) =>
    elements.some((element) =>
      isToken(element) ? element.isInsertedInRecovery === true : wasRecovered(element),
    ),
  );
}

/**
 * The range from a node's first to its last token, whatever rule they came from. The parser
 * tracks each node's location as it builds it (tokens inserted by error recovery have no offset and
 * do not count), so this costs nothing however deep the tree.
 */
function nodeRange(node: CstNode): Range {
  const location = node.location;
  if (!location || Number.isNaN(location.startOffset) || location.startLine === undefined) return emptyRange;
  return {
    start: { line: location.startLine - 1, character: (location.startColumn ?? 1) - 1 },
    end: { line: (location.endLine ?? location.startLine) - 1, character: location.endColumn ?? 0 },
  };
}

export function unquote(image: string): string {
  const text = image.slice(1, -1);
  if (!text.includes('\\')) return text;
  return text.replace(/\\(.)/g, (_, escaped: string) => ({ n: '\n', t: '\t' })[escaped] ?? escaped);
}

function stringValue(tok: IToken): { value: string; range: Range } {
  return { value: unquote(tok.image), range: tokenRange(tok) };
}

function regexLiteral(tok: IToken): A.RegexLiteral {
  const lastSlash = tok.image.lastIndexOf('/');
  return {
    pattern: tok.image.slice(1, lastSlash),
    flags: tok.image.slice(lastSlash + 1),
    range: tokenRange(tok),
  };
}

function nameOf(tok: IToken | undefined, fallback: Range): A.Name {
  return tok ? { text: tok.image, range: tokenRange(tok) } : { text: '', range: fallback };
}

function anyName(node: CstNode): A.Name {
  const tok = token(node, 'Identifier') ?? token(node, 'Keyword');
  return nameOf(tok, nodeRange(node));
}

function qualifiedName(node: CstNode): A.Ref {
  const parts = nodes(node, 'anyName').map(anyName);
  return { parts, range: nodeRange(node) };
}

const unitDays: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

function duration(node: CstNode): A.Duration {
  const count = Number(token(node, 'NumberLiteral')?.image ?? 0);
  const unit = (token(node, 'Kw_days')?.image ?? 'days').replace(/s$/, '');
  return { days: count * (unitDays[unit] ?? 1), range: nodeRange(node) };
}

class AstBuilder {
  constructor(
    private readonly docComments: Map<number, string>,
    /** Without syntax errors nothing was repaired, so the search for repairs (a walk per clause) is skipped. */
    private readonly recovered: boolean,
  ) {}

  /** Doc comments on the lines right above a declaration, joined. */
  private docFor(range: Range): string | undefined {
    const lines: string[] = [];
    for (let line = range.start.line - 1; this.docComments.has(line); line--) {
      lines.unshift(this.docComments.get(line) ?? '');
    }
    return lines.length ? lines.join('\n') : undefined;
  }

  private metadata(owner: CstNode, range: Range, display?: IToken): A.Metadata {
    const meta: A.Metadata = { tags: [] };
    const doc = this.docFor(range);
    if (doc !== undefined) meta.doc = doc;
    if (display) meta.displayName = unquote(display.image);
    for (const item of nodes(owner, 'metaItem')) {
      const text = token(item, 'StringLiteral');
      const value = text ? unquote(text.image) : '';
      if (token(item, 'Kw_description')) meta.description = value;
      else if (token(item, 'Kw_owner')) meta.owner = value;
      else if (token(item, 'Kw_since')) meta.since = value;
      else if (token(item, 'Kw_deprecated')) meta.deprecated = value;
      else meta.tags.push(...nodes(item, 'anyName').map((n) => anyName(n).text));
    }
    return meta;
  }

  file(path: string, cst: CstNode): A.KliFile {
    const packageNode = child(cst, 'packageDecl');
    const packageRef = packageNode && child(packageNode, 'qualifiedName');
    const decls: A.Decl[] = [];
    for (const declaration of nodes(cst, 'declaration')) {
      const decl = this.declaration(declaration);
      if (decl) decls.push(decl);
    }
    const file: A.KliFile = {
      path,
      imports: nodes(cst, 'importDecl').flatMap((imp) => {
        const ref = child(imp, 'qualifiedName');
        return ref ? [qualifiedName(ref)] : [];
      }),
      decls,
      range: nodeRange(cst),
    };
    if (packageRef) file.packageName = qualifiedName(packageRef);
    return file;
  }

  private declaration(node: CstNode): A.Decl | undefined {
    const [key, elements] = Object.entries(node.children)[0] ?? [];
    const inner = elements?.[0];
    if (!key || !inner || isToken(inner)) return undefined;
    switch (key) {
      case 'categoryDecl':
        return this.category(inner);
      case 'listDecl':
        return this.list(inner);
      case 'cleanseDecl':
        return this.cleanse(inner);
      case 'merchantDecl':
        return this.merchant(inner);
      case 'mccDecl':
        return this.mcc(inner);
      case 'sourceDecl':
        return this.source(inner);
      case 'customerDecl':
        return this.customer(inner);
      case 'letDecl':
        return this.letDecl(inner);
      case 'kliDecl':
        return this.kli(inner);
      case 'segmentDecl':
        return this.segment(inner);
      case 'segmentationDecl':
        return this.segmentation(inner);
      case 'testDecl':
        return this.test(inner);
      default:
        return undefined;
    }
  }

  private named(node: CstNode): { name: A.Name; range: Range; display: IToken | undefined } {
    const range = nodeRange(node);
    return { name: nameOf(token(node, 'Identifier'), range), range, display: token(node, 'StringLiteral') };
  }

  private category(node: CstNode): A.CategoryDecl {
    const { name, range, display } = this.named(node);
    return {
      kind: 'category',
      name,
      range,
      meta: this.metadata(node, range, display),
      children: nodes(node, 'categoryDecl').map((c) => this.category(c)),
    };
  }

  private list(node: CstNode): A.ListDecl {
    const { name, range } = this.named(node);
    return {
      kind: 'list',
      name,
      range,
      meta: this.metadata(node, range, token(node, 'display')),
      items: tokens(node, 'item').map(stringValue),
    };
  }

  private cleanse(node: CstNode): A.CleanseDecl {
    const range = nodeRange(node);
    const decl: A.CleanseDecl = {
      kind: 'cleanse',
      meta: this.metadata(node, range),
      steps: nodes(node, 'cleanseStep').flatMap((step) => this.cleanseStep(step) ?? []),
      range,
    };
    const name = token(node, 'Identifier');
    if (name) decl.name = nameOf(name, range);
    return decl;
  }

  private cleanseStep(node: CstNode): A.CleanseStep | undefined {
    const range = nodeRange(node);
    if (token(node, 'Kw_uppercase')) return { kind: 'uppercase', range };
    if (token(node, 'Kw_trim')) return { kind: 'trim', range };
    if (token(node, 'Kw_collapse')) return { kind: 'collapse_spaces', range };
    const regex = token(node, 'RegexLiteral');
    if (token(node, 'Kw_replace')) {
      const replacement = token(node, 'StringLiteral');
      if (!regex || !replacement) return undefined;
      return { kind: 'replace', regex: regexLiteral(regex), replacement: unquote(replacement.image), range };
    }
    if (token(node, 'Kw_pattern'))
      return regex ? { kind: 'strip_pattern', regex: regexLiteral(regex), range } : undefined;
    const list = child(node, 'stringList');
    if (list) {
      const values = tokens(list, 'StringLiteral').map(stringValue);
      return { kind: token(node, 'Kw_prefix') ? 'strip_prefix' : 'strip_suffix', values, range };
    }
    if (token(node, 'Kw_location')) {
      // Without lists named, the conventional `us_cities` and `us_states` in scope.
      const conventional = (name: string): A.Ref => ({ parts: [{ text: name, range }], range });
      const states = child(node, 'states');
      const cities = child(node, 'cities');
      return {
        kind: 'strip_location',
        states: states ? qualifiedName(states) : conventional('us_states'),
        cities: cities ? qualifiedName(cities) : conventional('us_cities'),
        range,
      };
    }
    return undefined;
  }

  private merchant(node: CstNode): A.MerchantDecl {
    const { name, range, display } = this.named(node);
    const matchers: A.Matcher[] = [];
    for (const clause of nodes(node, 'matchClause')) {
      const list = child(clause, 'stringList');
      const kind: A.MatcherKind = token(clause, 'Kw_exact')
        ? 'exact'
        : token(clause, 'Kw_prefix')
          ? 'prefix'
          : token(clause, 'Kw_contains')
            ? 'contains'
            : 'regex';
      if (kind === 'regex') {
        for (const tok of tokens(clause, 'RegexLiteral')) {
          const regex = regexLiteral(tok);
          matchers.push({ kind, value: regex.pattern, flags: regex.flags, range: regex.range });
        }
      } else if (list) {
        for (const tok of tokens(list, 'StringLiteral')) {
          matchers.push({ kind, value: unquote(tok.image), flags: '', range: tokenRange(tok) });
        }
      }
    }
    const decl: A.MerchantDecl = {
      kind: 'merchant',
      name,
      range,
      meta: this.metadata(node, range, display),
      matchers,
    };
    const category = child(node, 'qualifiedName');
    if (category) decl.category = qualifiedName(category);
    return decl;
  }

  private mcc(node: CstNode): A.MccDecl {
    const range = nodeRange(node);
    const category = child(node, 'qualifiedName');
    return {
      kind: 'mcc',
      codes: nodes(node, 'mccCode').map((code) => {
        const numbers = tokens(code, 'NumberLiteral');
        const low = Number(numbers[0]?.image ?? 0);
        return { low, high: Number(numbers[1]?.image ?? low), range: nodeRange(code) };
      }),
      category: category ? qualifiedName(category) : { parts: [], range },
      range,
    };
  }

  private source(node: CstNode): A.SourceDecl {
    const { name, range, display } = this.named(node);
    const decl: A.SourceDecl = {
      kind: 'source',
      name,
      range,
      meta: this.metadata(node, range, display),
      mappings: [],
    };
    for (const setting of nodes(node, 'sourceSetting')) {
      const value = token(setting, 'StringLiteral');
      if (!value) continue;
      if (token(setting, 'Kw_delimiter')) decl.delimiter = unquote(value.image);
      else if (token(setting, 'Kw_date_format')) decl.dateFormat = unquote(value.image);
      else if (token(setting, 'Kw_customer')) decl.customer = unquote(value.image);
      else decl.decimal = unquote(value.image);
    }
    for (const mapping of nodes(node, 'sourceMapping')) {
      const target = child(mapping, 'target');
      const columnNode = child(mapping, 'column');
      const quoted = token(mapping, 'StringLiteral');
      if (!target || (!columnNode && !quoted)) continue;
      const column = columnNode
        ? anyName(columnNode)
        : { text: unquote(quoted?.image ?? '""'), range: quoted ? tokenRange(quoted) : range };
      const entry: A.SourceMapping = { target: anyName(target), column, range: nodeRange(mapping) };
      if (token(mapping, 'Kw_credit_positive')) entry.sign = 'credit_positive';
      else if (token(mapping, 'Kw_debit_positive')) entry.sign = 'debit_positive';
      decl.mappings.push(entry);
    }
    return decl;
  }

  private customer(node: CstNode): A.CustomerDecl {
    const range = nodeRange(node);
    return {
      kind: 'customer',
      range,
      meta: this.metadata(node, range),
      attributes: nodes(node, 'attributeDecl').map((attribute) => {
        const attributeRange = nodeRange(attribute);
        const decl: A.AttributeDecl = {
          name: nameOf(token(attribute, 'name'), attributeRange),
          type: nameOf(token(attribute, 'type'), attributeRange),
          range: attributeRange,
        };
        const description = token(attribute, 'StringLiteral');
        if (description) decl.description = unquote(description.image);
        return decl;
      }),
    };
  }

  private letDecl(node: CstNode): A.LetDecl {
    const range = nodeRange(node);
    return {
      kind: 'let',
      name: nameOf(token(node, 'Identifier'), range),
      range,
      meta: this.metadata(node, range),
      value: this.expression(child(node, 'expression'), range),
    };
  }

  private kli(node: CstNode): A.KliDecl {
    const { name, range, display } = this.named(node);
    const decl: A.KliDecl = {
      kind: 'kli',
      name,
      range,
      meta: this.metadata(node, range, display),
      lets: nodes(node, 'letDecl').map((l) => this.letDecl(l)),
    };
    const window = child(node, 'duration');
    if (window) decl.window = duration(window);
    const when = child(node, 'whenClause');
    if (when) decl.when = this.expression(child(when, 'expression'), nodeRange(when));
    const score = child(node, 'scoreClause');
    if (score) decl.score = this.expression(child(score, 'expression'), nodeRange(score));
    return decl;
  }

  private segment(node: CstNode): A.SegmentDecl {
    const { name, range, display } = this.named(node);
    return this.segmentWithBody(name, range, display, child(node, 'segmentBody'));
  }

  private segmentWithBody(
    name: A.Name,
    range: Range,
    display: IToken | undefined,
    body?: CstNode,
  ): A.SegmentDecl {
    const decl: A.SegmentDecl = {
      kind: 'segment',
      name,
      range,
      meta: body
        ? this.metadata(body, range, display)
        : this.metadata({ name: '', children: {} }, range, display),
      action: [],
    };
    if (!body) return decl;
    const when = child(body, 'whenClause');
    if (when) decl.when = this.expression(child(when, 'expression'), nodeRange(when));
    const where = child(body, 'whereClause');
    if (where) decl.where = this.expression(child(where, 'expression'), nodeRange(where));
    for (const action of nodes(body, 'actionBlock')) {
      const keys = nodes(action, 'anyName');
      const values = tokens(action, 'StringLiteral');
      keys.forEach((key, index) => {
        const value = values[index];
        if (!value) return;
        const keyName = anyName(key);
        decl.action.push({
          key: keyName,
          value: unquote(value.image),
          range: spanRanges(keyName.range, tokenRange(value)),
        });
      });
    }
    return decl;
  }

  private segmentation(node: CstNode): A.SegmentationDecl {
    const { name, range, display } = this.named(node);
    const decl: A.SegmentationDecl = {
      kind: 'segmentation',
      name,
      range,
      meta: this.metadata(node, range, display),
      exclusive: token(node, 'Kw_exclusive') !== undefined,
      members: nodes(node, 'segmentDecl').map((s) => this.segment(s)),
    };
    const otherwise = child(node, 'otherwiseDecl');
    if (otherwise) {
      const named = this.named(otherwise);
      decl.otherwise = this.segmentWithBody(
        named.name,
        named.range,
        named.display,
        child(otherwise, 'segmentBody'),
      );
    }
    return decl;
  }

  private test(node: CstNode): A.TestDecl {
    const range = nodeRange(node);
    const title = token(node, 'StringLiteral');
    const decl: A.TestDecl = {
      kind: 'test',
      title: title ? stringValue(title) : { value: '', range },
      meta: this.metadata(node, range),
      range,
      cases: nodes(node, 'descriptorCase').map((c) => this.descriptorCase(c)),
      customers: nodes(node, 'customerFixture').map((c) => this.fixture(c)),
      expectations: nodes(node, 'expectation').flatMap((e) => {
        const customer = token(e, 'StringLiteral');
        const target = child(e, 'qualifiedName');
        if (!customer || !target) return [];
        return [
          {
            customer: stringValue(customer),
            negated: token(e, 'Kw_not') !== undefined,
            relation: token(e, 'Kw_has') ? ('has' as const) : ('in' as const),
            target: qualifiedName(target),
            range: nodeRange(e),
          },
        ];
      }),
    };
    const asOf = token(node, 'DateLiteral');
    if (asOf) decl.asOf = { value: asOf.image, range: tokenRange(asOf) };
    return decl;
  }

  private descriptorCase(node: CstNode): A.DescriptorCase {
    const range = nodeRange(node);
    const descriptor = token(node, 'StringLiteral');
    const result: A.DescriptorCase = {
      descriptor: descriptor ? stringValue(descriptor) : { value: '', range },
      uncategorized: false,
      range,
    };
    const mcc = token(node, 'NumberLiteral');
    if (mcc) result.mcc = Number(mcc.image);
    for (const expectation of nodes(node, 'caseExpectation')) {
      const merchant = child(expectation, 'merchant');
      const category = child(expectation, 'category');
      const cleansed = token(expectation, 'StringLiteral');
      if (merchant) result.merchant = qualifiedName(merchant);
      else if (category) result.category = qualifiedName(category);
      else if (cleansed) result.cleansed = unquote(cleansed.image);
      else if (token(expectation, 'Kw_uncategorized')) result.uncategorized = true;
    }
    return result;
  }

  private fixture(node: CstNode): A.CustomerFixture {
    const range = nodeRange(node);
    const id = token(node, 'StringLiteral');
    return {
      id: id ? stringValue(id) : { value: '', range },
      range,
      attributes: nodes(node, 'fixtureAttribute').map((attribute) => ({
        name: nameOf(token(attribute, 'Identifier'), nodeRange(attribute)),
        values: nodes(attribute, 'unary').map((u) => this.unary(u)),
        range: nodeRange(attribute),
      })),
      txns: nodes(node, 'fixtureTxn').map((txn) => {
        const date = token(txn, 'DateLiteral');
        const amount = Number(token(txn, 'amount')?.image ?? 0);
        const mcc = token(txn, 'mcc');
        const fixture: A.FixtureTxn = {
          date: date ? { value: date.image, range: tokenRange(date) } : { value: '', range },
          descriptor: unquote(token(txn, 'StringLiteral')?.image ?? '""'),
          amount: token(txn, 'Minus') ? -amount : amount,
          range: nodeRange(txn),
        };
        if (mcc) fixture.mcc = Number(mcc.image);
        return fixture;
      }),
    };
  }

  // Expressions. A missing piece (the parser recovered) becomes an `error` node.

  expression(node: CstNode | undefined, fallback: Range): A.Expr {
    if (!node) return { kind: 'error', range: fallback };
    // A clause the parser had to repair is one `error`, so it causes no second diagnostic.
    if (this.recovered && wasRecovered(node)) return { kind: 'error', range: nodeRange(node) };
    return this.leftAssociative(node, (n) => this.andExpr(n));
  }

  private leftAssociative(node: CstNode, operand: (n: CstNode) => A.Expr): A.Expr {
    const operands = nodes(node, 'operands');
    const operators = tokens(node, 'operators');
    const first = operands[0];
    if (!first) return { kind: 'error', range: nodeRange(node) };
    let result = operand(first);
    operators.forEach((op, index) => {
      const next = operands[index + 1];
      const right: A.Expr = next ? operand(next) : { kind: 'error', range: tokenRange(op) };
      result = {
        kind: 'binary',
        op: op.image as A.BinaryOp,
        left: result,
        right,
        opRange: tokenRange(op),
        range: spanRanges(result.range, right.range),
      };
    });
    return result;
  }

  private andExpr(node: CstNode): A.Expr {
    return this.leftAssociative(node, (n) => this.notExpr(n));
  }

  private notExpr(node: CstNode): A.Expr {
    const inner = child(node, 'notExpr');
    const not = token(node, 'Kw_not');
    if (not) {
      const operand = inner ? this.notExpr(inner) : ({ kind: 'error', range: tokenRange(not) } as const);
      return { kind: 'unary', op: 'not', operand, range: spanRanges(tokenRange(not), operand.range) };
    }
    const comparison = child(node, 'comparison');
    return comparison ? this.comparison(comparison) : { kind: 'error', range: nodeRange(node) };
  }

  private comparison(node: CstNode): A.Expr {
    const leftNode = child(node, 'left');
    const left = leftNode ? this.additive(leftNode) : ({ kind: 'error', range: nodeRange(node) } as const);
    const op = token(node, 'op');
    if (!op) return left;
    const rightNode = child(node, 'right');
    const right: A.Expr = rightNode ? this.additive(rightNode) : { kind: 'error', range: tokenRange(op) };
    const negated = token(node, 'negation') !== undefined;
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

  private additive(node: CstNode): A.Expr {
    return this.leftAssociative(node, (n) => this.leftAssociative(n, (u) => this.unary(u)));
  }

  unary(node: CstNode): A.Expr {
    const minus = token(node, 'Minus');
    const inner = child(node, 'unary');
    if (minus) {
      const operand = inner ? this.unary(inner) : ({ kind: 'error', range: tokenRange(minus) } as const);
      if (operand.kind === 'number')
        return { ...operand, value: -operand.value, range: spanRanges(tokenRange(minus), operand.range) };
      return { kind: 'unary', op: '-', operand, range: spanRanges(tokenRange(minus), operand.range) };
    }
    const primary = child(node, 'primary');
    return primary ? this.primary(primary) : { kind: 'error', range: nodeRange(node) };
  }

  private primary(node: CstNode): A.Expr {
    const range = nodeRange(node);
    const number = token(node, 'NumberLiteral');
    if (number) {
      const high = token(node, 'high');
      if (high) return { kind: 'range', low: Number(number.image), high: Number(high.image), range };
      return { kind: 'number', value: Number(number.image), range };
    }
    const string = token(node, 'StringLiteral');
    if (string) return { kind: 'string', value: unquote(string.image), range };
    const regex = token(node, 'RegexLiteral');
    if (regex) {
      const literal = regexLiteral(regex);
      return { kind: 'regex', pattern: literal.pattern, flags: literal.flags, range };
    }
    const date = token(node, 'DateLiteral');
    if (date) return { kind: 'date', value: date.image, range };
    if (token(node, 'Kw_true')) return { kind: 'boolean', value: true, range };
    if (token(node, 'Kw_false')) return { kind: 'boolean', value: false, range };
    if (token(node, 'LBracket')) {
      return { kind: 'list', items: nodes(node, 'items').map((item) => this.expression(item, range)), range };
    }
    const parenthesized = child(node, 'expression');
    if (parenthesized) return this.expression(parenthesized, range);
    const reference = child(node, 'reference');
    return reference ? this.reference(reference) : { kind: 'error', range };
  }

  private reference(node: CstNode): A.Expr {
    const range = nodeRange(node);
    const head = token(node, 'head');
    const parts: A.Name[] = head ? [nameOf(head, range)] : [];
    parts.push(...nodes(node, 'rest').map(anyName));
    if (!token(node, 'LParen')) {
      return { kind: 'ref', ref: { parts, range }, range };
    }
    const callee = parts[parts.length - 1] ?? nameOf(undefined, range);
    const call: Extract<A.Expr, { kind: 'call' }> = { kind: 'call', callee, args: [], range };
    const args = child(node, 'callArguments');
    if (args) {
      call.args = nodes(args, 'args').map((a) => this.expression(a, range));
      const where = child(args, 'whereClause');
      if (where) call.where = this.expression(child(where, 'expression'), nodeRange(where));
    }
    const window = child(node, 'aggregateWindow');
    if (window) {
      const from = child(window, 'from');
      const to = child(window, 'to');
      const length = child(window, 'length');
      const windowRange = nodeRange(window);
      if (from && to)
        call.window = { kind: 'between', from: duration(from), to: duration(to), range: windowRange };
      else if (length) call.window = { kind: 'over', length: duration(length), range: windowRange };
    }
    return call;
  }
}

export function toAst(path: string, parsed: ParseOutput): A.KliFile {
  const docs = new Map(parsed.docComments.map((doc) => [doc.line, doc.text]));
  return new AstBuilder(docs, parsed.parseErrors.length > 0).file(path, parsed.cst);
}
