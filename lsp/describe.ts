import { sep } from 'node:path';
import type * as A from '../language/ast.js';
import { functions, rowFields, type FunctionSignature } from '../language/check.js';
import type { KliSymbol, TypedExpr } from '../language/symbols.js';
import type { Analysis } from './workspace-index.js';

/**
 * How the editor talks about names: hover, completion and signature help share these words, so
 * a KLI reads the same wherever it shows up.
 */

export const fieldDocs: Record<string, string> = {
  amount: 'the amount; positive is money out of the account, negative money in',
  description: 'the descriptor after the cleanse pipeline',
  raw_description: 'the descriptor as the bank printed it',
  merchant: 'the merchant the descriptor matched: `merchant is starbucks`',
  category: 'the category: `category under food_and_drink`',
  mcc: 'the merchant category code: `mcc in 5811..5814`',
  posted_date: 'the date the transaction posted',
};

/** One way to call a function: its label, its parameters (substrings of the label) and a snippet. */
export interface CallForm {
  label: string;
  parameters: string[];
  snippet: string;
}

const aggregate = (name: string, argument?: string): CallForm =>
  argument
    ? {
        label: `${name}(${argument} where filter)`,
        parameters: [argument, 'where filter'],
        snippet: `${name}(\${1:${argument}} where \${2})`,
      }
    : { label: `${name}(where filter)`, parameters: ['where filter'], snippet: `${name}(where \${1})` };

/** How each function is called; `min` and `max` are both an aggregate and a function of two values. */
export const callForms: Record<string, CallForm[]> = {
  sum: [aggregate('sum', 'amount')],
  avg: [aggregate('avg', 'amount')],
  count: [aggregate('count')],
  count_distinct: [aggregate('count_distinct', 'merchant')],
  months_with: [aggregate('months_with')],
  days_since_last: [aggregate('days_since_last')],
  min: [
    aggregate('min', 'amount'),
    { label: 'min(a, b)', parameters: ['a', 'b'], snippet: 'min(${1:a}, ${2:b})' },
  ],
  max: [
    aggregate('max', 'amount'),
    { label: 'max(a, b)', parameters: ['a', 'b'], snippet: 'max(${1:a}, ${2:b})' },
  ],
  abs: [{ label: 'abs(x)', parameters: ['x'], snippet: 'abs(${1:x})' }],
  round: [
    { label: 'round(x)', parameters: ['x'], snippet: 'round(${1:x})' },
    { label: 'round(x, digits)', parameters: ['x', 'digits'], snippet: 'round(${1:x}, ${2:digits})' },
  ],
  has_product: [
    { label: 'has_product("product")', parameters: ['"product"'], snippet: 'has_product("${1:heloc}")' },
  ],
};

export const aggregateWindowDoc =
  'An aggregate may carry its own window: `… between 365 days ago and 91 days ago` or `… over 30 days`.';

export function resultText(signature: FunctionSignature): string {
  return signature.result === 'same' ? 'money or number, like its argument' : signature.result;
}

export function functionDoc(name: string): string | undefined {
  const signature = functions[name];
  if (!signature) return undefined;
  const forms = (callForms[name] ?? []).map((form) => `${form.label} → ${resultText(signature)}`);
  const kind =
    signature.kind === 'aggregate'
      ? `An aggregate over transactions. ${aggregateWindowDoc}`
      : 'A function of customer-level values.';
  return `${code(forms.join('\n'))}\n\n${signature.doc}\n\n${kind}`;
}

export function fieldDoc(name: string): string | undefined {
  const type = rowFields[name];
  if (!type) return undefined;
  return `${code(`${name}: ${type}`)}\n\ntransaction field: ${fieldDocs[name] ?? ''}. Use it inside an aggregate's \`where\`.`;
}

/** What a declaration's `let` holds, in words. */
export function letTypeText(typed: TypedExpr | undefined): string | undefined {
  if (!typed || typed.type === 'error') return undefined;
  if (typed.level === 'row')
    return typed.type === 'boolean' ? 'transaction filter' : `${typed.type} per transaction`;
  return typed.type;
}

const kindWords: Record<KliSymbol['kind'], string> = {
  category: 'category',
  list: 'word list',
  merchant: 'merchant',
  source: 'source',
  let: 'let',
  kli: 'KLI',
  segment: 'segment',
  segmentation: 'segmentation',
  attribute: 'customer attribute',
};

/** The one-line summary: `KLI · New homeowner`. */
export function symbolDetail(symbol: KliSymbol): string {
  return [kindWords[symbol.kind], symbol.meta.displayName].filter(Boolean).join(' · ');
}

function code(text: string, language = 'kli'): string {
  return '```' + language + '\n' + text + '\n```';
}

/** The declaration's first line, the way it is written. */
function signatureLine(symbol: KliSymbol, analysis: Analysis): string {
  const display = symbol.meta.displayName ? ` "${symbol.meta.displayName}"` : '';
  switch (symbol.kind) {
    case 'attribute':
      return `customer.${symbol.name}: ${(symbol.decl as A.AttributeDecl).type.text}`;
    case 'let': {
      const type = letTypeText(analysis.model.types.get((symbol.decl as A.LetDecl).value));
      return `let ${symbol.key}${type ? `: ${type}` : ''}`;
    }
    case 'segment':
      return `segment ${symbol.key}${display}`;
    default:
      return `${symbol.kind} ${symbol.key}${display}`;
  }
}

/** Markdown for a declared name: documentation, owner, version, type, and what it compiles to. */
export function describeSymbol(symbol: KliSymbol, analysis: Analysis, sql?: string): string {
  const meta = symbol.meta;
  const parts = [code(signatureLine(symbol, analysis))];
  if (meta.doc) parts.push(meta.doc);
  const description = meta.description ?? (symbol.decl as A.AttributeDecl).description;
  if (description && description !== meta.doc) parts.push(`*${description}*`);
  if (meta.deprecated !== undefined) parts.push(`**Deprecated:** ${meta.deprecated}`);
  const facts: string[] = [];
  if (meta.owner) facts.push(`owner: ${meta.owner}`);
  if (meta.since) facts.push(`since ${meta.since}`);
  const library = analysis.workspace.libraries.find((l) => symbol.file.startsWith(l.root + sep));
  facts.push(
    `package \`${symbol.package || '(none)'}\`${library ? ` in ${library.name} ${library.version}` : ''}`,
  );
  if (meta.tags.length) facts.push(`tags: ${meta.tags.join(', ')}`);
  parts.push(facts.join(' · '));
  parts.push(...kindFacts(symbol, analysis));
  if (sql) parts.push(code(sql, 'sql'));
  return parts.join('\n\n');
}

function kindFacts(symbol: KliSymbol, analysis: Analysis): string[] {
  switch (symbol.kind) {
    case 'kli': {
      const decl = symbol.decl as A.KliDecl;
      const window = decl.window
        ? `looks back ${decl.window.days} days from as_of`
        : 'looks at all history up to as_of';
      return [`type: \`boolean\` (fires or not); \`${symbol.name}.score\`: \`number\` · ${window}`];
    }
    case 'category': {
      const { direct, total } = merchantCounts(analysis, symbol);
      const children = symbol.children.size ? ` · ${symbol.children.size} subcategories` : '';
      const mapped =
        total === 0
          ? 'no merchant maps to it'
          : `${total} merchant${total === 1 ? '' : 's'} map${total === 1 ? 's' : ''} to it${direct !== total ? ` (${direct} directly, the rest to subcategories)` : ''}`;
      return [`${mapped}${children}`];
    }
    case 'merchant': {
      const decl = symbol.decl as A.MerchantDecl;
      const category = decl.category
        ? decl.category.parts.map((p) => p.text).join('.')
        : 'from the MCC fallback';
      const patterns = decl.matchers
        .slice(0, 5)
        .map((m) => `${m.kind} ${m.kind === 'regex' ? `/${m.value}/${m.flags}` : JSON.stringify(m.value)}`);
      const more = decl.matchers.length > 5 ? `, … (${decl.matchers.length} in all)` : '';
      return [`category: \`${category}\` · matches ${patterns.join(', ')}${more}`];
    }
    case 'list':
      return [`${(symbol.decl as A.ListDecl).items.length} entries`];
    case 'segmentation':
      return [`members: ${[...symbol.children.keys()].map((m) => `\`${m}\``).join(', ')}`];
    case 'source':
      return [
        (symbol.decl as A.SourceDecl).mappings.map((m) => `${m.target.text} = ${m.column.text}`).join(' · '),
      ];
    default:
      return [];
  }
}

/** Merchants whose category is this category (direct) or anywhere below it (total). */
function merchantCounts(analysis: Analysis, category: KliSymbol): { direct: number; total: number } {
  let direct = 0;
  let total = 0;
  const prefix = `${category.key}.`;
  for (const merchant of analysis.model.merchants.values()) {
    const ref = (merchant.decl as A.MerchantDecl).category;
    const resolution = ref && analysis.model.resolutions.get(ref);
    if (resolution?.kind !== 'symbol') continue;
    const key = resolution.symbol.key;
    if (key === category.key) direct++;
    if (key === category.key || key.startsWith(prefix)) total++;
  }
  return { direct, total };
}

/** Markdown for a KLI's own `let`. */
export function describeLocal(decl: A.LetDecl, kli: A.KliDecl, analysis: Analysis): string {
  const type = letTypeText(analysis.model.types.get(decl.value));
  return `${code(`let ${decl.name.text}${type ? `: ${type}` : ''}`)}\n\nlocal to KLI \`${kli.name.text}\``;
}
