import type { IToken } from 'chevrotain';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type TextEdit,
} from 'vscode-languageserver/node.js';
import type * as A from '../language/ast.js';
import { attributeTypes, canonicalColumns, functions, rowFields } from '../language/check.js';
import type { KliSymbol, TypedExpr } from '../language/symbols.js';
import { callForms, describeSymbol, fieldDocs, functionDoc, letTypeText, symbolDetail } from './describe.js';
import { textBefore, tokenName } from './text-context.js';
import type { Analysis } from './workspace-index.js';

/** Where a `{` was opened: decides which clauses fit inside. */
type Block =
  | 'top'
  | 'category'
  | 'list'
  | 'cleanse'
  | 'merchant'
  | 'source'
  | 'customer'
  | 'kli'
  | 'segment'
  | 'segmentation'
  | 'test'
  | 'fixture'
  | 'action'
  | 'other';

const metadata = ['description', 'owner', 'since', 'deprecated', 'tags'];

/** The clause keywords of each block; a line that starts with one of these starts a clause. */
const clauseKeywords: Record<Block, string[]> = {
  top: [
    'package',
    'import',
    'category',
    'list',
    'cleanse',
    'merchant',
    'mcc',
    'source',
    'customer',
    'let',
    'kli',
    'segment',
    'segmentation',
    'test',
  ],
  category: [...metadata, 'category'],
  list: metadata,
  cleanse: [...metadata, 'uppercase', 'strip', 'replace', 'collapse', 'trim'],
  merchant: [...metadata, 'match', 'category'],
  source: [...metadata, 'delimiter', 'date_format', 'decimal', 'customer'],
  customer: metadata,
  kli: [...metadata, 'window', 'let', 'when', 'score'],
  segment: [...metadata, 'when', 'where', 'action'],
  segmentation: [...metadata, 'segment', 'otherwise'],
  test: [...metadata, 'as_of', 'transaction', 'customer', 'expect'],
  fixture: ['txn'],
  action: [],
  other: [],
};

const blockOpeners: Partial<Record<Block, Record<string, Block>>> = {
  top: {
    category: 'category',
    list: 'list',
    cleanse: 'cleanse',
    merchant: 'merchant',
    source: 'source',
    customer: 'customer',
    kli: 'kli',
    segment: 'segment',
    segmentation: 'segmentation',
    test: 'test',
  },
  category: { category: 'category' },
  segmentation: { segment: 'segment', otherwise: 'segment' },
  segment: { action: 'action' },
  test: { customer: 'fixture' },
};

interface Frame {
  block: Block;
  clause: IToken[];
}

const lineOf = (token: IToken) => token.startLine ?? 0;

/** Blocks and the clause being written, from the tokens before the cursor. */
function frames(tokens: IToken[]): Frame[] {
  const stack: Frame[] = [{ block: 'top', clause: [] }];
  let previous: IToken | undefined;
  for (const token of tokens) {
    const frame = stack[stack.length - 1]!;
    const name = tokenName(token);
    if (name === 'LBrace') {
      const opener = frame.clause[0]?.image ?? '';
      stack.push({ block: blockOpeners[frame.block]?.[opener] ?? 'other', clause: [] });
    } else if (name === 'RBrace') {
      if (stack.length > 1) stack.pop();
      stack[stack.length - 1]!.clause = [];
    } else {
      const startsClause =
        frame.clause.length === 0 ||
        (clauseKeywords[frame.block].includes(token.image) &&
          previous !== undefined &&
          lineOf(previous) < lineOf(token) &&
          parenDepth(frame.clause) === 0);
      if (startsClause) frame.clause = [token];
      else frame.clause.push(token);
    }
    previous = token;
  }
  return stack;
}

function parenDepth(tokens: IToken[]): number {
  let depth = 0;
  for (const token of tokens) {
    const name = tokenName(token);
    if (name === 'LParen' || name === 'LBracket') depth++;
    if ((name === 'RParen' || name === 'RBracket') && depth > 0) depth--;
  }
  return depth;
}

export interface CompletionOptions {
  snippets: boolean;
}

/** Everything completion reads: the analysis for names (maybe a little stale) and the text for context. */
interface Context {
  analyses: Analysis[];
  path: string;
  text: string;
  options: CompletionOptions;
  items: CompletionItem[];
  seen: Set<string>;
}

/**
 * Completion that knows where the cursor is: keywords that fit, category paths, merchants, KLIs,
 * `let`s, fields, attributes and functions. It works from the tokens before the cursor and the last
 * checked model, so half-written text that does not parse still gets answers.
 */
export function completion(
  analyses: Analysis[],
  path: string,
  text: string,
  offset: number,
  options: CompletionOptions,
): CompletionItem[] {
  const before = textBefore(text, offset);
  if (before.inCommentOrString) return [];
  const context: Context = { analyses, path, text, options, items: [], seen: new Set() };
  const stack = frames(before.tokens);
  const frame = stack[stack.length - 1]!;
  const clause = frame.clause;
  const last = clause[clause.length - 1];

  if (tokenName(last) === 'Dot') {
    afterDot(context, dottedPath(clause), frame);
    return context.items;
  }
  // A line that starts after `and`, `(` or `>` continues the expression; any other starts a clause.
  const continues = expectsOperand.has(tokenName(last));
  const atClauseStart = clause.length === 0 || (before.atLineStart && parenDepth(clause) === 0 && !continues);
  if (atClauseStart) clauseStart(context, frame.block);
  else insideClause(context, frame, before.tokens);
  return context.items;
}

/** `a.b.` before the cursor: the names `a`, `b`. */
function dottedPath(clause: IToken[]): string[] {
  const path: string[] = [];
  let index = clause.length - 1;
  while (tokenName(clause[index]) === 'Dot') {
    const name = clause[index - 1];
    if (!name || !(tokenName(name) === 'Identifier' || tokenName(name).startsWith('Kw_'))) break;
    path.unshift(name.image);
    index -= 2;
  }
  return path;
}

// Items.

function add(context: Context, item: CompletionItem): void {
  const key = `${item.kind ?? 0}:${item.label}`;
  if (context.seen.has(key)) return;
  context.seen.add(key);
  context.items.push(item);
}

function keyword(context: Context, word: string, detail?: string): void {
  // A snippet of the same name already covers the keyword.
  if (context.items.some((item) => item.label === word)) return;
  add(context, { label: word, kind: CompletionItemKind.Keyword, ...(detail ? { detail } : {}) });
}

function snippet(context: Context, label: string, body: string, detail: string, plain = label + ' '): void {
  add(context, {
    label,
    kind: context.options.snippets ? CompletionItemKind.Snippet : CompletionItemKind.Keyword,
    detail,
    insertText: context.options.snippets ? body : plain,
    insertTextFormat: context.options.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: `0${label}`,
  });
}

const symbolKinds: Record<KliSymbol['kind'], CompletionItemKind> = {
  category: CompletionItemKind.Module,
  list: CompletionItemKind.Enum,
  merchant: CompletionItemKind.Constant,
  source: CompletionItemKind.Interface,
  let: CompletionItemKind.Variable,
  kli: CompletionItemKind.Event,
  segment: CompletionItemKind.Struct,
  segmentation: CompletionItemKind.Struct,
  attribute: CompletionItemKind.Field,
};

/** Resolution fills in the documentation later, so a list of 800 merchants stays small on the wire. */
export interface ItemData {
  /** The document being completed: its analysis resolves the item. */
  document: string;
  file: string;
  line: number;
  character: number;
}

function symbolItem(
  context: Context,
  symbol: KliSymbol,
  label = symbol.name,
  extra: Partial<CompletionItem> = {},
): void {
  const data: ItemData = {
    document: context.path,
    file: symbol.file,
    line: symbol.range.start.line,
    character: symbol.range.start.character,
  };
  add(context, {
    label,
    kind: symbolKinds[symbol.kind],
    detail: symbolDetail(symbol),
    ...(symbol.meta.deprecated !== undefined ? { tags: [CompletionItemTag.Deprecated] } : {}),
    data,
    ...extra,
  });
}

/** Fills in an item's documentation: what hover would say, without the SQL. */
export function resolveCompletion(item: CompletionItem, analysis: Analysis): CompletionItem {
  const data = item.data as ItemData | undefined;
  if (!data) return item;
  const occurrence = analysis.occurrences.at(data.file, { line: data.line, character: data.character });
  if (occurrence?.target.kind !== 'symbol') return item;
  return {
    ...item,
    documentation: { kind: MarkupKind.Markdown, value: describeSymbol(occurrence.target.symbol, analysis) },
  };
}

// Names in scope.

/** The packages this file can name without qualifying: its own and its imports (from the text, so it is current). */
function visiblePackages(context: Context): Set<string> {
  const visible = new Set<string>();
  const header = context.text.slice(0, 4000);
  const own = /^package\s+([\w.]+)/m.exec(header)?.[1];
  visible.add(own ?? '');
  for (const match of header.matchAll(/^import\s+([\w.]+)/gm)) if (match[1]) visible.add(match[1]);
  return visible;
}

/** Each analysis's top-level symbols by kind, with their package: built once, read by every completion. */
const byKind = new WeakMap<Analysis, Map<KliSymbol['kind'], KliSymbol[]>>();

function symbolsOf(analysis: Analysis, kind: KliSymbol['kind']): KliSymbol[] {
  let kinds = byKind.get(analysis);
  if (!kinds) {
    kinds = new Map();
    for (const scope of analysis.model.packages.values()) {
      for (const symbol of scope.values()) {
        const list = kinds.get(symbol.kind);
        if (list) list.push(symbol);
        else kinds.set(symbol.kind, [symbol]);
      }
    }
    byKind.set(analysis, kinds);
  }
  return kinds.get(kind) ?? [];
}

/** Every symbol of the given kinds; those of packages the file does not import come with the import. */
function symbolsOfKinds(
  context: Context,
  kinds: KliSymbol['kind'][],
  labelFor?: (s: KliSymbol) => string,
): void {
  const visible = visiblePackages(context);
  const seen = new Set<string>();
  const imports = new Map<string, TextEdit>();
  for (const analysis of context.analyses) {
    for (const symbol of kinds.flatMap((kind) => symbolsOf(analysis, kind))) {
      if (seen.has(symbol.key)) continue;
      seen.add(symbol.key);
      const label = labelFor?.(symbol) ?? symbol.name;
      const pkg = symbol.package;
      if (visible.has(pkg)) {
        symbolItem(context, symbol, label, { sortText: `1${label}` });
        continue;
      }
      let edit = imports.get(pkg);
      if (!edit) {
        edit = importEdit(context.text, pkg);
        imports.set(pkg, edit);
      }
      symbolItem(context, symbol, label, {
        sortText: `3${label}`,
        detail: `${symbolDetail(symbol)} (adds import ${pkg})`,
        additionalTextEdits: [edit],
      });
    }
  }
}

/** `import pkg` after the file's last import (or its `package` line). */
function importEdit(text: string, pkg: string): TextEdit {
  const lines = text.slice(0, 8000).split('\n');
  let after = -1;
  lines.forEach((line, index) => {
    if (/^(package|import)\s/.test(line)) after = index;
  });
  const position = { line: after + 1, character: 0 };
  return { range: { start: position, end: position }, newText: `import ${pkg}\n` };
}

function categories(context: Context, withUncategorized: boolean): void {
  symbolsOfKinds(context, ['category']);
  if (withUncategorized) keyword(context, 'uncategorized', 'built in: what nothing matched');
}

/** The children of a category path, or what a package path leads to. */
function afterDot(context: Context, path: string[], frame: Frame): void {
  const dotted = path.join('.');
  const first = frame.clause[0]?.image;
  if (frame.block === 'top' && (first === 'import' || first === 'package')) {
    for (const analysis of context.analyses)
      for (const pkg of analysis.model.packages.keys()) {
        if (!pkg.startsWith(dotted + '.')) continue;
        const next = pkg.slice(dotted.length + 1).split('.')[0];
        if (next)
          add(context, { label: next, kind: CompletionItemKind.Module, detail: `package ${dotted}.${next}` });
      }
    return;
  }
  if (dotted === 'customer') {
    for (const analysis of context.analyses)
      for (const attribute of analysis.model.attributes.values()) {
        symbolItem(context, attribute, attribute.name, {
          detail: `${(attribute.decl as A.AttributeDecl).type.text} · customer attribute`,
        });
      }
    return;
  }
  for (const analysis of context.analyses) {
    const model = analysis.model;
    const category = model.categories.get(dotted) ?? qualified(analysis, path, 'category');
    if (category) {
      for (const child of category.children.values()) symbolItem(context, child);
      continue;
    }
    const packageScope = model.packages.get(dotted);
    if (packageScope) {
      for (const symbol of packageScope.values()) symbolItem(context, symbol);
      continue;
    }
    for (const pkg of model.packages.keys()) {
      if (!pkg.startsWith(dotted + '.')) continue;
      const next = pkg.slice(dotted.length + 1).split('.')[0];
      if (next)
        add(context, { label: next, kind: CompletionItemKind.Module, detail: `package ${dotted}.${next}` });
    }
    const symbol = qualified(analysis, path);
    if (symbol?.kind === 'kli')
      add(context, {
        label: 'score',
        kind: CompletionItemKind.Property,
        detail: "number: the KLI's score, 0 when it does not fire",
      });
    if (symbol?.kind === 'segmentation')
      for (const member of symbol.children.values()) symbolItem(context, member);
  }
}

/** A symbol named by a path: `food_and_drink.coffee`, `std.categories.food_and_drink`, `lifestyle`. */
function qualified(analysis: Analysis, path: string[], kind?: KliSymbol['kind']): KliSymbol | undefined {
  for (let split = path.length - 1; split >= 0; split--) {
    const pkg = path.slice(0, split).join('.');
    const head = path[split];
    const scope = split === 0 ? undefined : analysis.model.packages.get(pkg);
    let symbol =
      head === undefined ? undefined : split === 0 ? findAnywhere(analysis, head) : scope?.get(head);
    if (!symbol) continue;
    for (const part of path.slice(split + 1)) symbol = symbol?.children.get(part);
    if (symbol && (!kind || symbol.kind === kind)) return symbol;
  }
  return undefined;
}

function findAnywhere(analysis: Analysis, name: string): KliSymbol | undefined {
  for (const scope of analysis.model.packages.values()) {
    const symbol = scope.get(name);
    if (symbol) return symbol;
  }
  return undefined;
}

// Clause starts.

function clauseStart(context: Context, block: Block): void {
  switch (block) {
    case 'top':
      snippet(
        context,
        'kli',
        'kli ${1:name} "${2:Display name}" {\n  description "${3}"\n  window ${4:90} days\n  when ${0}\n}',
        'a KLI: a behavioural indicator',
      );
      snippet(
        context,
        'segment',
        'segment ${1:name} "${2:Display name}" {\n  when ${0}\n}',
        'a segment of customers',
      );
      snippet(
        context,
        'merchant',
        'merchant ${1:name} "${2:Display name}" {\n  match prefix "${3:PATTERN}"\n  category ${0}\n}',
        'a merchant and its patterns',
      );
      snippet(
        context,
        'test',
        'test "${1:what it checks}" {\n  transaction "${2:DESCRIPTOR}" => ${0}\n}',
        'a test',
      );
      snippet(context, 'category', 'category ${1:name} "${2:Display name}" {\n  ${0}\n}', 'a category');
      snippet(context, 'let', 'let ${1:name} = ${0}', 'a named filter or value');
      snippet(context, 'mcc', 'mcc ${1:5411} => ${0}', 'an MCC fallback rule');
      snippet(
        context,
        'segmentation',
        'segmentation ${1:name} "${2:Display name}" exclusive {\n  segment ${3:first} {\n    when ${0}\n  }\n  otherwise ${4:rest}\n}',
        'exclusive segments',
      );
      for (const word of clauseKeywords.top) keyword(context, word);
      return;
    case 'kli':
      snippet(context, 'window', 'window ${1:90} days', 'how far back the KLI looks');
      snippet(context, 'let', 'let ${1:name} = ${0}', 'a value local to this KLI');
      snippet(context, 'when', 'when ${0}', 'when the KLI fires');
      snippet(context, 'score', 'score ${0}', 'a number, 0 when it does not fire');
      break;
    case 'source':
      for (const column of canonicalColumns)
        add(context, {
          label: column,
          kind: CompletionItemKind.Field,
          detail: 'canonical column',
          insertText: `${column} = `,
          sortText: `0${column}`,
        });
      break;
    case 'fixture':
      for (const analysis of context.analyses)
        for (const attribute of analysis.model.attributes.values())
          symbolItem(context, attribute, attribute.name, { insertText: `${attribute.name} = ` });
      break;
    case 'merchant':
      snippet(
        context,
        'match',
        'match ${1|prefix,exact,contains,regex|} ${0}',
        'a pattern the merchant matches',
        'match ',
      );
      break;
    default:
      break;
  }
  for (const word of clauseKeywords[block]) keyword(context, word);
}

// Inside a clause.

const expectsOperand = new Set([
  'Kw_and',
  'Kw_or',
  'Kw_not',
  'Kw_where',
  'Kw_is',
  'Kw_under',
  'Kw_in',
  'Equals',
  'NotEq',
  'Less',
  'LessEq',
  'Greater',
  'GreaterEq',
  'Plus',
  'Minus',
  'Star',
  'Slash',
  'LParen',
  'LBracket',
  'Comma',
]);
const operandEnders = new Set([
  'Identifier',
  'NumberLiteral',
  'StringLiteral',
  'DateLiteral',
  'RegexLiteral',
  'RParen',
  'RBracket',
  'Kw_true',
  'Kw_false',
]);
const fieldKeywords = new Set(['Kw_category', 'Kw_merchant', 'Kw_description', 'Kw_mcc']);
const units = ['days', 'weeks', 'months', 'years'];

function insideClause(context: Context, frame: Frame, allTokens: IToken[]): void {
  const clause = frame.clause;
  const first = clause[0]?.image ?? '';
  const last = clause[clause.length - 1];
  const lastName = tokenName(last);
  const before = clause[clause.length - 2];
  switch (frame.block) {
    case 'top':
      if (first === 'import') return packagesFor(context);
      if (first === 'mcc' && clause.some((t) => tokenName(t) === 'Arrow')) return categories(context, false);
      if (first === 'let' && clause.some((t) => tokenName(t) === 'Equals'))
        return expression(
          context,
          clause.slice(clause.findIndex((t) => tokenName(t) === 'Equals') + 1),
          'any',
          allTokens,
        );
      return;
    case 'merchant':
      if (first === 'category') return categories(context, false);
      if (first === 'match' && clause.length === 1)
        for (const kind of ['prefix', 'exact', 'contains', 'regex']) keyword(context, kind);
      return;
    case 'cleanse':
      if (first === 'strip' && clause.length === 1)
        for (const word of ['prefix', 'suffix', 'pattern', 'location']) keyword(context, word);
      if (first === 'strip' && clause[1]?.image === 'location') {
        if (lastName === 'Kw_cities' || lastName === 'Kw_states') return symbolsOfKinds(context, ['list']);
        for (const word of ['cities', 'states']) keyword(context, word);
      }
      if (first === 'collapse' && clause.length === 1) keyword(context, 'spaces');
      if (first === 'replace' && lastName === 'RegexLiteral') keyword(context, 'with');
      return;
    case 'source':
      if (lastName === 'Kw_sign')
        for (const word of ['debit_positive', 'credit_positive']) keyword(context, word);
      else if (clause.length >= 3 && tokenName(clause[1]) === 'Equals') keyword(context, 'sign');
      return;
    case 'customer':
      if (clause.length === 1 && tokenName(last) === 'Identifier')
        for (const type of attributeTypes)
          add(context, { label: type, kind: CompletionItemKind.TypeParameter, detail: 'attribute type' });
      return;
    case 'kli':
      if (first === 'window') {
        if (lastName === 'NumberLiteral')
          for (const unit of units) add(context, { label: unit, kind: CompletionItemKind.Unit });
        return;
      }
      if (first === 'when' || first === 'score')
        return expression(context, clause.slice(1), 'customer', allTokens);
      if (first === 'let') {
        const equals = clause.findIndex((t) => tokenName(t) === 'Equals');
        if (equals >= 0) return expression(context, clause.slice(equals + 1), 'customer', allTokens);
      }
      return;
    case 'segment':
      if (first === 'when' || first === 'where')
        return expression(context, clause.slice(1), 'customer', allTokens);
      return;
    case 'test':
      if (first === 'transaction') {
        if (lastName === 'Arrow' || lastName === 'Comma')
          for (const word of ['merchant', 'category', 'cleansed', 'uncategorized']) keyword(context, word);
        if (lastName === 'Kw_merchant') symbolsOfKinds(context, ['merchant']);
        if (lastName === 'Kw_category') categories(context, false);
        if (lastName === 'StringLiteral' && before?.image === 'transaction') keyword(context, 'mcc');
        return;
      }
      if (first === 'expect') {
        if (lastName === 'StringLiteral') for (const word of ['has', 'in', 'not']) keyword(context, word);
        if (lastName === 'Kw_not') for (const word of ['has', 'in']) keyword(context, word);
        if (lastName === 'Kw_has') symbolsOfKinds(context, ['kli']);
        if (lastName === 'Kw_in') segments(context);
      }
      return;
    default:
      return;
  }
}

function packagesFor(context: Context): void {
  for (const analysis of context.analyses)
    for (const pkg of analysis.model.packages.keys())
      if (pkg) add(context, { label: pkg, kind: CompletionItemKind.Module, detail: 'package' });
}

function segments(context: Context): void {
  symbolsOfKinds(context, ['segment']);
  for (const analysis of context.analyses)
    for (const segmentation of analysis.model.segmentations)
      for (const member of segmentation.children.values()) symbolItem(context, member, member.key);
}

interface OpenParen {
  callee?: string;
  bracket: boolean;
  sawWhere: boolean;
  /** The tokens before the `[` of a list: `merchant in [`. */
  opener: IToken[];
}

/**
 * Inside an expression: after `category under` the categories, after `merchant is` the merchants,
 * after a value the operators, else the values that fit the level (transaction fields inside an
 * aggregate's `where`, KLIs, `let`s and functions outside).
 */
function expression(
  context: Context,
  tokens: IToken[],
  level: 'customer' | 'any',
  allTokens: IToken[],
): void {
  const open: OpenParen[] = [];
  tokens.forEach((token, index) => {
    const name = tokenName(token);
    if (name === 'LParen' || name === 'LBracket') {
      const previous = tokens[index - 1];
      open.push({
        ...(name === 'LParen' && previous && functions[previous.image] ? { callee: previous.image } : {}),
        bracket: name === 'LBracket',
        sawWhere: false,
        opener: tokens.slice(Math.max(0, index - 2), index),
      });
    } else if (name === 'RParen' || name === 'RBracket') open.pop();
    else if (name === 'Kw_where' && open.length) open[open.length - 1]!.sawWhere = true;
  });
  const last = tokens[tokens.length - 1];
  const lastName = tokenName(last);
  const previous = tokens[tokens.length - 2];
  const innermost = open[open.length - 1];

  // `category is`, `merchant in [a, `: names of that kind.
  const subject =
    lastName === 'Kw_is' || lastName === 'Kw_under' || (lastName === 'Kw_not' && previous?.image === 'is')
      ? tokens[tokens.length - (lastName === 'Kw_not' ? 3 : 2)]
      : lastName === 'Kw_in'
        ? previous
        : innermost?.bracket && (lastName === 'LBracket' || lastName === 'Comma')
          ? innermost.opener[0]
          : undefined;
  if (subject?.image === 'category') return categories(context, true);
  if (subject?.image === 'merchant') return symbolsOfKinds(context, ['merchant']);
  if (lastName === 'Kw_in' && previous?.image !== 'category' && previous?.image !== 'merchant') return;

  // Windows: `… ) between 365 days ago and 91 days ago`, `… ) over 30 days`.
  if (lastName === 'NumberLiteral' && ['Kw_between', 'Kw_over', 'Kw_and'].includes(tokenName(previous))) {
    const afterAgo = tokenName(previous) === 'Kw_and' && tokenName(tokens[tokens.length - 3]) === 'Kw_ago';
    if (tokenName(previous) !== 'Kw_and' || afterAgo) {
      for (const unit of units) add(context, { label: unit, kind: CompletionItemKind.Unit });
      return;
    }
  }
  if (
    lastName === 'Kw_days' &&
    tokens.some((t) => tokenName(t) === 'Kw_between') &&
    tokenName(tokens[tokens.length - 4]) !== 'Kw_ago'
  ) {
    keyword(context, 'ago');
    return;
  }

  const afterValue =
    operandEnders.has(lastName) ||
    fieldKeywords.has(lastName) ||
    (lastName === 'Kw_ago' && tokenName(previous) === 'Kw_days');
  if (afterValue) {
    operators(context, last, tokens);
    return;
  }
  if (
    lastName === 'Kw_matches' ||
    lastName === 'Kw_contains' ||
    lastName === 'Kw_between' ||
    lastName === 'Kw_over'
  )
    return;

  const inWhere = open.some((o) => o.sawWhere);
  const aggregateArgument =
    innermost?.callee !== undefined &&
    functions[innermost.callee]?.kind === 'aggregate' &&
    !innermost.sawWhere;
  if (aggregateArgument) {
    if (functions[innermost?.callee ?? '']?.argument !== 'none') fields(context);
    keyword(context, 'where', 'filter the transactions');
    if (functions[innermost?.callee ?? '']?.argument === 'none') return;
    if (innermost?.callee !== 'min' && innermost?.callee !== 'max') return;
  }
  if (inWhere || level === 'any') {
    fields(context);
    lets(context, 'row', allTokens);
  }
  if (!inWhere) {
    symbolsOfKinds(context, ['kli']);
    lets(context, 'customer', allTokens);
    functionItems(context);
    add(context, {
      label: 'customer',
      kind: CompletionItemKind.Module,
      detail: 'customer attributes: customer.avg_balance',
      insertText: 'customer.',
    });
  }
  for (const word of ['not', 'true', 'false']) keyword(context, word);
}

function operators(context: Context, last: IToken | undefined, tokens: IToken[]): void {
  const image = last?.image;
  if (image === 'category') for (const op of ['is', 'under', 'in']) keyword(context, op);
  else if (image === 'merchant') for (const op of ['is', 'in']) keyword(context, op);
  else if (image === 'description' || image === 'raw_description')
    for (const op of ['contains', 'matches']) keyword(context, op);
  else if (image === 'mcc') for (const op of ['is', 'in']) keyword(context, op);
  if (tokenName(last) === 'RParen') {
    // Right after an aggregate's `)`: its own window.
    let depth = 0;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const name = tokenName(tokens[i]);
      if (name === 'RParen') depth++;
      if (name === 'LParen' && --depth === 0) {
        const callee = tokens[i - 1]?.image ?? '';
        if (functions[callee]?.kind === 'aggregate')
          for (const word of ['between', 'over']) keyword(context, word);
        break;
      }
    }
  }
  for (const op of ['and', 'or']) keyword(context, op);
}

function fields(context: Context): void {
  for (const [name, type] of Object.entries(rowFields))
    add(context, {
      label: name,
      kind: CompletionItemKind.Property,
      detail: `${type} · transaction field`,
      documentation: fieldDocs[name] ?? '',
      sortText: `0${name}`,
    });
}

function functionItems(context: Context): void {
  for (const [name, signature] of Object.entries(functions)) {
    const [form] = callForms[name] ?? [];
    add(context, {
      label: name,
      kind: CompletionItemKind.Function,
      detail: form?.label ?? name,
      documentation: { kind: MarkupKind.Markdown, value: functionDoc(name) ?? signature.doc },
      insertText: context.options.snippets && form ? form.snippet : `${name}(`,
      insertTextFormat: context.options.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      sortText: `2${name}`,
    });
  }
}

/**
 * `let`s in scope at the wanted level: the top-level ones of visible packages (typed by the last
 * check) and those written earlier in this KLI (from the text, typed when the last check knew them).
 */
function lets(context: Context, level: 'row' | 'customer', allTokens: IToken[]): void {
  const fits = (typed: { level: string } | undefined) =>
    !typed || (level === 'row' ? typed.level !== 'customer' : typed.level !== 'row');
  const visible = visiblePackages(context);
  for (const analysis of context.analyses) {
    for (const [pkg, scope] of analysis.model.packages) {
      if (!visible.has(pkg)) continue;
      for (const symbol of scope.values())
        if (symbol.kind === 'let' && fits(analysis.model.types.get((symbol.decl as A.LetDecl).value)))
          symbolItem(context, symbol, symbol.name, { sortText: `1${symbol.name}` });
    }
  }
  const kliName = allTokens[0]?.image === 'kli' ? allTokens[1]?.image : undefined;
  if (!kliName) return;
  const known = knownLocals(context, kliName);
  allTokens.forEach((token, index) => {
    if (token.image !== 'let' || tokenName(allTokens[index + 2]) !== 'Equals') return;
    const name = allTokens[index + 1]?.image;
    if (!name) return;
    const typed = known.get(name);
    if (!fits(typed)) return;
    add(context, {
      label: name,
      kind: CompletionItemKind.Variable,
      detail: `let in ${kliName}${typed ? ` · ${letTypeText(typed) ?? ''}` : ''}`,
      sortText: `0${name}`,
    });
  });
}

function knownLocals(context: Context, kliName: string): Map<string, TypedExpr> {
  const found = new Map<string, TypedExpr>();
  for (const analysis of context.analyses) {
    const decl = analysis
      .file(context.path)
      ?.ast.decls.find((d): d is A.KliDecl => d.kind === 'kli' && d.name.text === kliName);
    for (const local of decl?.lets ?? []) {
      const typed = analysis.model.types.get(local.value);
      if (typed && !found.has(local.name.text)) found.set(local.name.text, typed);
    }
  }
  return found;
}
