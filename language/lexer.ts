import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

// Identifier is declared first so keywords can name it as their longer_alt:
// `window_days` must lex as one identifier, not the keyword `window` followed by `_days`.
export const Identifier = createToken({
  name: 'Identifier',
  label: 'a name',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
});

/** Every keyword belongs to this category: it drives highlighting and completion. */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });

const keywordsByText = new Map<string, TokenType>();

function keyword(text: string, extraPattern?: RegExp): TokenType {
  const token = createToken({
    name: `Kw_${text}`,
    pattern: extraPattern ?? new RegExp(text),
    longer_alt: Identifier,
    categories: [Keyword],
    label: `'${text}'`,
  });
  keywordsByText.set(text, token);
  return token;
}

export const Package = keyword('package');
export const Import = keyword('import');
export const Category = keyword('category');
export const List = keyword('list');
export const Cleanse = keyword('cleanse');
export const Merchant = keyword('merchant');
export const Mcc = keyword('mcc');
export const Source = keyword('source');
export const Customer = keyword('customer');
export const Let = keyword('let');
export const Kli = keyword('kli');
export const Segmentation = keyword('segmentation');
export const Segment = keyword('segment');
export const Test = keyword('test');

export const Description = keyword('description');
export const Owner = keyword('owner');
export const Since = keyword('since');
export const Deprecated = keyword('deprecated');
export const Tags = keyword('tags');

export const Uppercase = keyword('uppercase');
export const Strip = keyword('strip');
export const Replace = keyword('replace');
export const Collapse = keyword('collapse');
export const Trim = keyword('trim');
export const Prefix = keyword('prefix');
export const Suffix = keyword('suffix');
export const Pattern = keyword('pattern');
export const Location = keyword('location');
export const Cities = keyword('cities');
export const States = keyword('states');
export const With = keyword('with');
export const Spaces = keyword('spaces');

export const Match = keyword('match');
export const Exact = keyword('exact');
export const Contains = keyword('contains');
export const Regex = keyword('regex');

export const Sign = keyword('sign');
export const DebitPositive = keyword('debit_positive');
export const CreditPositive = keyword('credit_positive');
export const Delimiter = keyword('delimiter');
export const DateFormat = keyword('date_format');
export const Decimal = keyword('decimal');

export const Window = keyword('window');
export const When = keyword('when');
export const Where = keyword('where');
export const Score = keyword('score');
export const Between = keyword('between');
export const Ago = keyword('ago');
export const Over = keyword('over');
export const Unit = keyword('days', /(?:days?|weeks?|months?|years?)/);

export const And = keyword('and');
export const Or = keyword('or');
export const Not = keyword('not');
export const Is = keyword('is');
export const In = keyword('in');
export const Under = keyword('under');
export const Matches = keyword('matches');
export const True = keyword('true');
export const False = keyword('false');

export const Action = keyword('action');
export const Exclusive = keyword('exclusive');
export const Otherwise = keyword('otherwise');

export const Transaction = keyword('transaction');
export const AsOf = keyword('as_of');
export const Txn = keyword('txn');
export const Expect = keyword('expect');
export const Has = keyword('has');
export const Cleansed = keyword('cleansed');
export const Uncategorized = keyword('uncategorized');

export const DocComment = createToken({ name: 'DocComment', pattern: /\/\/\/[^\n\r]*/, group: 'docs' });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n\r]*/, group: 'comments' });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: 'comments',
  line_breaks: true,
});
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /\s+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

export const StringLiteral = createToken({
  name: 'StringLiteral',
  label: 'a string',
  pattern: /"(?:[^"\\\n\r]|\\.)*"/,
});
export const DateLiteral = createToken({
  name: 'DateLiteral',
  label: 'a date',
  pattern: /\d{4}-\d{2}-\d{2}/,
});
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  label: 'a number',
  pattern: /\d+(?:\.\d+)?/,
});

// A slash starts a regex only where a value cannot end: after `)`, a name or a number it divides.
const valueEnders = new Set([
  'Identifier',
  'NumberLiteral',
  'StringLiteral',
  'DateLiteral',
  'RParen',
  'RBracket',
]);
const regexBody = /\/(?:[^/\\\n\r]|\\.)+\/[a-z]*/y;

/** The regex literal at `offset`, if one can start there after `tokens`. */
export function regexLiteralAt(text: string, offset: number, tokens: IToken[]): RegExpExecArray | null {
  const previous = tokens[tokens.length - 1];
  if (previous) {
    const name = previous.tokenType.name;
    const afterDot = tokens[tokens.length - 2]?.tokenType.name === 'Dot';
    if (valueEnders.has(name) || name === 'Kw_true' || name === 'Kw_false') return null;
    if (afterDot && name.startsWith('Kw_')) return null;
  }
  regexBody.lastIndex = offset;
  return regexBody.exec(text);
}

export const RegexLiteral = createToken({
  name: 'RegexLiteral',
  label: 'a regex /…/',
  line_breaks: false,
  start_chars_hint: ['/'],
  pattern: { exec: regexLiteralAt },
});

export const DotDot = createToken({ name: 'DotDot', label: "'..'", pattern: /\.\./ });
export const Dot = createToken({ name: 'Dot', label: "'.'", pattern: /\./ });
export const Comma = createToken({ name: 'Comma', label: "','", pattern: /,/ });
export const Arrow = createToken({ name: 'Arrow', label: "'=>'", pattern: /=>/ });
export const LessEq = createToken({ name: 'LessEq', label: "'<='", pattern: /<=/ });
export const GreaterEq = createToken({ name: 'GreaterEq', label: "'>='", pattern: />=/ });
export const NotEq = createToken({ name: 'NotEq', label: "'!='", pattern: /!=/ });
export const Less = createToken({ name: 'Less', label: "'<'", pattern: /</ });
export const Greater = createToken({ name: 'Greater', label: "'>'", pattern: />/ });
export const Equals = createToken({ name: 'Equals', label: "'='", pattern: /=/ });
export const Plus = createToken({ name: 'Plus', label: "'+'", pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', label: "'-'", pattern: /-/ });
export const Star = createToken({ name: 'Star', label: "'*'", pattern: /\*/ });
export const Slash = createToken({ name: 'Slash', label: "'/'", pattern: /\// });
export const LParen = createToken({ name: 'LParen', label: "'('", pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', label: "')'", pattern: /\)/ });
export const LBrace = createToken({ name: 'LBrace', label: "'{'", pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', label: "'}'", pattern: /\}/ });
export const LBracket = createToken({ name: 'LBracket', label: "'['", pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', label: "']'", pattern: /\]/ });

// Longest first, so `matches` is not lexed as `match` followed by `es`.
export const keywordTokens: TokenType[] = [...keywordsByText.entries()]
  .sort(([a], [b]) => b.length - a.length)
  .map(([, token]) => token);
export const keywordTexts: string[] = [...keywordsByText.keys()].filter((text) => text !== 'days');
keywordTexts.push('day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years');

// Order matters: the lexer takes the first pattern that matches, so comments precede Slash,
// DateLiteral precedes NumberLiteral, and keywords precede Identifier.
export const allTokens: TokenType[] = [
  WhiteSpace,
  DocComment,
  LineComment,
  BlockComment,
  StringLiteral,
  RegexLiteral,
  DateLiteral,
  NumberLiteral,
  Arrow,
  DotDot,
  Dot,
  Comma,
  LessEq,
  GreaterEq,
  NotEq,
  Less,
  Greater,
  Equals,
  Plus,
  Minus,
  Star,
  Slash,
  LParen,
  RParen,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  Keyword,
  ...keywordTokens,
  Identifier,
];

/**
 * Chevrotain's lexer over these definitions. The toolchain lexes with `scanner.ts`, which gives the
 * same result faster; this one is the reference `test/lexer.test.ts` holds it to, and validating the
 * definitions is for development (`test/parser.test.ts` does it once, so a mistake fails CI).
 */
export function createKliLexer(options: { validate?: boolean } = {}): Lexer {
  return new Lexer(allTokens, {
    ensureOptimizations: true,
    positionTracking: 'full',
    skipValidations: !options.validate,
  });
}
