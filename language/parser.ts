import {
  EmbeddedActionsParser,
  isRecognitionException,
  type ILexingResult,
  type IOrAlt,
  type IRecognitionException,
  type IToken,
} from 'chevrotain';
import type * as A from './ast.js';
import * as T from './lexer.js';
import { parseValid } from './fast-parser.js';
import {
  finishDeclaration,
  regexLiteral,
  stringValue,
  unitDays,
  unquote,
  type MetaItem,
} from './literals.js';
import { kliLexer } from './scanner.js';
import { emptyRange, spanRanges, tokenRange, tokenSpan, type Range } from './position.js';

/**
 * A file without syntax errors is parsed by `fast-parser.ts`; this parser reads the rest, and gives
 * the formatter its layout.
 *
 * The kli grammar as a Chevrotain parser whose rules build the typed AST as they match: no
 * concrete syntax tree is built and walked again, which halves the cost of a parse. Recovery is
 * on, so one typo yields one diagnostic and the rest of the file still parses (the language
 * server relies on it): a clause the parser had to repair becomes one `error` node, and a
 * declaration it gave up on keeps what it had parsed.
 *
 * Rule bodies run twice over: once while Chevrotain records the grammar (tokens and sub-results
 * are placeholders then) and for every parse. So everything that reads a sub-result is inside
 * `ACTION`, which recording skips.
 */

/** What the formatter needs beyond the tokens; recorded only when `kli fmt` asks (see format.ts). */
export interface Layout {
  /** Tokens that start a clause: each begins a line. */
  clauseStarts: Set<IToken>;
  /** Braces of blocks (not of an inline `action { … }`). */
  blockOpens: Set<IToken>;
  blockCloses: Set<IToken>;
  /** The first token of each `package`, `import` and declaration, and which it is. */
  topLevel: Map<IToken, 'header' | 'import' | 'declaration'>;
  /** The last token of each top-level item. */
  topLevelEnds: Map<IToken, 'header' | 'declaration'>;
  /** `(` of a call, written against its function name: `sum(`. */
  callParens: Set<IToken>;
  /** A minus sign that negates, written against its operand: `-3`. */
  unaryMinus: Set<IToken>;
  /** A list's strings: a line of them sits at the block's indent, not one deeper. */
  listItems: Set<IToken>;
}

type CaseExpectation =
  | { key: 'merchant' | 'category'; ref: A.Ref }
  | { key: 'cleansed'; value: string }
  | { key: 'uncategorized' };

interface SegmentBody {
  items: (MetaItem | undefined)[];
  when?: A.Expr;
  where?: A.Expr;
  action: A.ActionField[];
}

/**
 * The exception that unwinds the rules the parser gave up in carries what each had parsed, innermost
 * first; the rule that recovers returns the last, its own (see `keep`).
 */
type Unwinding = IRecognitionException & { partials?: { value: () => unknown; declaration: boolean }[] };

function partialOf(e: IRecognitionException, declarationsOnly: boolean): unknown {
  const last = (e as Unwinding).partials?.at(-1);
  return last && (last.declaration || !declarationsOnly) ? last.value() : undefined;
}

/** The config of a rule that keeps what it had parsed when the parser recovers at it. */
const keepsPartial = { recoveryValueFunc: (e: IRecognitionException) => partialOf(e, false) as never };

/** The token, unless error recovery inserted it: an inserted token has no text and no place. */
const real = (token: IToken | undefined): IToken | undefined =>
  token && !token.isInsertedInRecovery ? token : undefined;

function nameOf(token: IToken | undefined, fallback: Range): A.Name {
  return token && real(token)
    ? { text: token.image, range: tokenRange(token) }
    : { text: '', range: fallback };
}

const error = (range: Range): A.Expr => ({ kind: 'error', range });

/** Where a rule gives up, the expression it stood for is an `error` at the token that stopped it. */
const asError = { recoveryValueFunc: (e: IRecognitionException): A.Expr => error(tokenRange(e.token)) };

function defined<V>(values: (V | undefined)[]): V[] {
  const found: V[] = [];
  for (const value of values) if (value !== undefined) found.push(value);
  return found;
}

export class KliParser extends EmbeddedActionsParser {
  /** Set by the formatter for one parse. */
  layout: Layout | undefined;
  /** The file being parsed: its doc comments by 0-based line, and its header and declarations so far. */
  private docComments = new Map<number, string>();
  private output: { packageName?: A.Ref; imports: A.Ref[]; decls: A.Decl[] } = { imports: [], decls: [] };

  constructor(validate: boolean) {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  /** The AST of one file's tokens; the syntax errors are in `errors`. */
  parse(path: string, tokens: IToken[], docComments: Map<number, string>): A.KliFile {
    this.input = tokens;
    this.docComments = docComments;
    this.output = { imports: [], decls: [] };
    const first = this.LA(1);
    this.file();
    const file: A.KliFile = {
      path,
      imports: this.output.imports,
      decls: this.output.decls,
      range: this.rangeFrom(first),
    };
    if (this.output.packageName) file.packageName = this.output.packageName;
    return file;
  }

  // Ranges, doc comments and the formatter's layout.

  /** From `first` (the token ahead when a rule began) to the last token it consumed. */
  private rangeFrom(first: IToken): Range {
    const last = this.LA(0);
    if (last.startOffset < first.startOffset) return emptyRange; // the rule consumed nothing
    return tokenSpan(first, last);
  }

  /**
   * Parses `body`. If the parser gives up inside it, `partial` (what was parsed so far) goes with the
   * exception, so the rule that recovers can keep it: a declaration with a typo in it is still declared.
   */
  private keep<V>(partial: () => V, body: () => V, declaration = false): V {
    try {
      return body();
    } catch (e) {
      if (!this.RECORDING_PHASE && e instanceof Error && isRecognitionException(e))
        ((e as Unwinding).partials ??= []).push({ value: partial, declaration });
      throw e;
    }
  }

  /** Its range, doc comment and display name, once its last token is known. */
  private finish<D extends A.Decl>(
    decl: D,
    first: IToken,
    items: (MetaItem | undefined)[],
    display?: IToken,
  ): D {
    const displayName = real(display) ? unquote(display!.image) : undefined;
    return finishDeclaration(decl, this.rangeFrom(first), this.docComments, items, displayName);
  }

  /** `{ … }` with its clauses, one of `clauses` each: a block, whose clauses the formatter puts one per line. */
  private block(clauses: IOrAlt<unknown>[]): void {
    this.open(this.CONSUME(T.LBrace));
    this.MANY(() => {
      this.clause();
      this.OR(clauses);
    });
    this.close(this.CONSUME(T.RBrace));
  }

  /** A declaration's block. Where the parser gives up inside it, the declaration keeps what it had (`done`). */
  private declarationBlock<D>(done: () => D, clauses: IOrAlt<unknown>[]): D {
    return this.keep(
      done,
      () => {
        this.block(clauses);
        return this.ACTION(done);
      },
      true,
    );
  }

  /** The next token starts a clause of the block being parsed. */
  private clause(): void {
    if (this.layout) this.layout.clauseStarts.add(this.LA(1));
  }

  private open(brace: IToken): void {
    if (this.layout) this.layout.blockOpens.add(brace);
  }

  private close(brace: IToken): void {
    if (this.layout) this.layout.blockCloses.add(brace);
  }

  private topLevel(first: IToken, kind: 'header' | 'import' | 'declaration'): void {
    if (!this.layout) return;
    this.layout.topLevel.set(first, kind);
    this.layout.topLevelEnds.set(this.LA(0), kind === 'declaration' ? 'declaration' : 'header');
  }

  // The file.

  file = this.RULE(
    'file',
    () => {
      this.OPTION(() => {
        const first = this.LA(1);
        const name = this.SUBRULE(this.packageDecl);
        this.ACTION(() => {
          if (name) this.output.packageName = name;
          this.topLevel(first, 'header');
        });
      });
      this.MANY(() => {
        const first = this.LA(1);
        const name = this.SUBRULE(this.importDecl);
        this.ACTION(() => {
          if (name) this.output.imports.push(name);
          this.topLevel(first, 'import');
        });
      });
      this.MANY2(() => {
        const first = this.LA(1);
        const decl = this.SUBRULE(this.declaration);
        this.ACTION(() => {
          if (decl) this.output.decls.push(decl);
          this.topLevel(first, 'declaration');
        });
      });
    },
    {
      // Where the parser gives up on the file, the declaration it was in still counts.
      recoveryValueFunc: (e) => {
        const decl = partialOf(e, true) as A.Decl | undefined;
        if (decl) this.output.decls.push(decl);
      },
    },
  );

  packageDecl = this.RULE('packageDecl', () => {
    this.CONSUME(T.Package);
    return this.SUBRULE(this.qualifiedName);
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(T.Import);
    return this.SUBRULE(this.qualifiedName);
  });

  qualifiedName = this.RULE(
    'qualifiedName',
    (): A.Ref | undefined => {
      const first = this.LA(1);
      const parts: (A.Name | undefined)[] = [];
      const done = () => ({ parts: defined(parts), range: this.rangeFrom(first) });
      return this.keep(done, () => {
        parts.push(this.SUBRULE(this.anyName));
        this.MANY(() => {
          this.CONSUME(T.Dot);
          parts.push(this.SUBRULE2(this.anyName));
        });
        return this.ACTION(done);
      });
    },
    keepsPartial,
  );

  /** Where no keyword can be meant, a keyword is just a name: `customer.state`, `x.score`. */
  anyName = this.RULE(
    'anyName',
    (): A.Name | undefined => {
      const token = this.OR([
        { ALT: () => this.CONSUME(T.Identifier) },
        { ALT: () => this.CONSUME(T.Keyword) },
      ]);
      return this.ACTION(() => nameOf(token, emptyRange));
    },
    { recoveryValueFunc: () => nameOf(undefined, emptyRange) },
  );

  declaration = this.RULE(
    'declaration',
    (): A.Decl | undefined =>
      this.OR<A.Decl | undefined>([
        { ALT: () => this.SUBRULE(this.categoryDecl) },
        { ALT: () => this.SUBRULE(this.listDecl) },
        { ALT: () => this.SUBRULE(this.cleanseDecl) },
        { ALT: () => this.SUBRULE(this.merchantDecl) },
        { ALT: () => this.SUBRULE(this.mccDecl) },
        { ALT: () => this.SUBRULE(this.sourceDecl) },
        { ALT: () => this.SUBRULE(this.customerDecl) },
        { ALT: () => this.SUBRULE(this.letDecl) },
        { ALT: () => this.SUBRULE(this.kliDecl) },
        { ALT: () => this.SUBRULE(this.segmentDecl) },
        { ALT: () => this.SUBRULE(this.segmentationDecl) },
        { ALT: () => this.SUBRULE(this.testDecl) },
      ]),
    { recoveryValueFunc: (e) => partialOf(e, true) as A.Decl | undefined },
  );

  metaItem = this.RULE('metaItem', (): MetaItem | undefined =>
    this.OR<MetaItem | undefined>([
      {
        ALT: () => {
          const key = this.OR2([
            { ALT: () => this.CONSUME(T.Description) },
            { ALT: () => this.CONSUME(T.Owner) },
            { ALT: () => this.CONSUME(T.Since) },
            { ALT: () => this.CONSUME(T.Deprecated) },
          ]);
          const text = this.CONSUME(T.StringLiteral);
          return this.ACTION(() => ({
            key: key.image as 'description' | 'owner' | 'since' | 'deprecated',
            value: real(text) ? unquote(text.image) : '',
          }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Tags);
          this.CONSUME(T.LBracket);
          const tags: (A.Name | undefined)[] = [];
          this.MANY_SEP({ SEP: T.Comma, DEF: () => tags.push(this.SUBRULE(this.anyName)) });
          this.CONSUME(T.RBracket);
          return this.ACTION(() => ({ key: 'tags' as const, tags: defined(tags).map((name) => name.text) }));
        },
      },
    ]),
  );

  // Declarations. Each block's clauses go one per line (`clause()`); its braces are the block's.

  categoryDecl = this.RULE(
    'categoryDecl',
    (): A.CategoryDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.Category);
      const name = this.CONSUME(T.Identifier);
      const display = this.OPTION(() => this.CONSUME(T.StringLiteral));
      const items: (MetaItem | undefined)[] = [];
      const decl = this.ACTION((): A.CategoryDecl => ({
        kind: 'category',
        name: nameOf(name, emptyRange),
        range: emptyRange,
        meta: { tags: [] },
        children: [],
      }));
      const done = () => this.finish(decl, first, items, display);
      return this.keep(
        done,
        () => {
          this.OPTION2(() => {
            this.block([
              { ALT: () => items.push(this.SUBRULE(this.metaItem)) },
              {
                ALT: () => {
                  const child = this.SUBRULE(this.categoryDecl);
                  this.ACTION(() => child && decl.children.push(child));
                },
              },
            ]);
          });
          return this.ACTION(done);
        },
        true,
      );
    },
    keepsPartial,
  );

  listDecl = this.RULE(
    'listDecl',
    (): A.ListDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.List);
      const name = this.CONSUME(T.Identifier);
      const display = this.OPTION(() => this.CONSUME(T.StringLiteral));
      const items: (MetaItem | undefined)[] = [];
      const decl = this.ACTION((): A.ListDecl => ({
        kind: 'list',
        name: nameOf(name, emptyRange),
        range: emptyRange,
        meta: { tags: [] },
        items: [],
      }));
      const done = () => this.finish(decl, first, items, display);
      return this.keep(
        done,
        () => {
          this.open(this.CONSUME(T.LBrace));
          this.MANY(() => {
            this.clause();
            items.push(this.SUBRULE(this.metaItem));
          });
          // The strings are one clause: the first starts a line, the rest flow as written.
          this.MANY2(() => {
            const item = this.CONSUME2(T.StringLiteral);
            this.ACTION(() => {
              if (this.layout && decl.items.length === 0) this.layout.clauseStarts.add(item);
              this.layout?.listItems.add(item);
              if (real(item)) decl.items.push(stringValue(item));
            });
            this.OPTION2(() => this.CONSUME(T.Comma));
          });
          this.close(this.CONSUME(T.RBrace));
          return this.ACTION(done);
        },
        true,
      );
    },
    keepsPartial,
  );

  cleanseDecl = this.RULE(
    'cleanseDecl',
    (): A.CleanseDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.Cleanse);
      const name = this.OPTION(() => this.CONSUME(T.Identifier));
      const items: (MetaItem | undefined)[] = [];
      const decl = this.ACTION(() => {
        const cleanse: A.CleanseDecl = { kind: 'cleanse', meta: { tags: [] }, steps: [], range: emptyRange };
        if (real(name)) cleanse.name = nameOf(name, emptyRange);
        return cleanse;
      });
      const done = () => this.finish(decl, first, items);
      return this.declarationBlock(done, [
        { ALT: () => items.push(this.SUBRULE(this.metaItem)) },
        {
          ALT: () => {
            const step = this.SUBRULE(this.cleanseStep);
            this.ACTION(() => step && decl.steps.push(step));
          },
        },
      ]);
    },
    keepsPartial,
  );

  cleanseStep = this.RULE('cleanseStep', (): A.CleanseStep | undefined => {
    const first = this.LA(1);
    return this.OR<A.CleanseStep | undefined>([
      {
        ALT: () => {
          this.CONSUME(T.Uppercase);
          return this.ACTION(() => ({ kind: 'uppercase', range: this.rangeFrom(first) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Trim);
          return this.ACTION(() => ({ kind: 'trim', range: this.rangeFrom(first) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Collapse);
          this.CONSUME(T.Spaces);
          return this.ACTION(() => ({ kind: 'collapse_spaces', range: this.rangeFrom(first) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Strip);
          return this.OR2<A.CleanseStep | undefined>([
            {
              ALT: () => {
                this.CONSUME(T.Prefix);
                const values = this.SUBRULE(this.stringList);
                return this.ACTION(() =>
                  values ? { kind: 'strip_prefix', values, range: this.rangeFrom(first) } : undefined,
                );
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Suffix);
                const values = this.SUBRULE2(this.stringList);
                return this.ACTION(() =>
                  values ? { kind: 'strip_suffix', values, range: this.rangeFrom(first) } : undefined,
                );
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Pattern);
                const regex = this.CONSUME(T.RegexLiteral);
                return this.ACTION(() =>
                  real(regex)
                    ? { kind: 'strip_pattern', regex: regexLiteral(regex), range: this.rangeFrom(first) }
                    : undefined,
                );
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Location);
                const cities = this.OPTION(() => {
                  this.CONSUME(T.Cities);
                  return this.SUBRULE(this.qualifiedName);
                });
                const states = this.OPTION2(() => {
                  this.CONSUME(T.States);
                  return this.SUBRULE2(this.qualifiedName);
                });
                return this.ACTION(() => {
                  const range = this.rangeFrom(first);
                  // Without lists named, the conventional `us_cities` and `us_states` in scope.
                  const conventional = (name: string): A.Ref => ({ parts: [{ text: name, range }], range });
                  return {
                    kind: 'strip_location',
                    states: states ?? conventional('us_states'),
                    cities: cities ?? conventional('us_cities'),
                    range,
                  };
                });
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Replace);
          const regex = this.CONSUME2(T.RegexLiteral);
          this.CONSUME(T.With);
          const replacement = this.CONSUME(T.StringLiteral);
          return this.ACTION(() =>
            real(regex) && real(replacement)
              ? {
                  kind: 'replace',
                  regex: regexLiteral(regex),
                  replacement: unquote(replacement.image),
                  range: this.rangeFrom(first),
                }
              : undefined,
          );
        },
      },
    ]);
  });

  stringList = this.RULE(
    'stringList',
    (): { value: string; range: Range }[] | undefined => {
      const strings: { value: string; range: Range }[] = [];
      return this.keep(
        () => strings,
        () => {
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const text = this.CONSUME(T.StringLiteral);
              this.ACTION(() => real(text) && strings.push(stringValue(text)));
            },
          });
          return strings;
        },
      );
    },
    keepsPartial,
  );

  merchantDecl = this.RULE(
    'merchantDecl',
    (): A.MerchantDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.Merchant);
      const name = this.CONSUME(T.Identifier);
      const display = this.OPTION(() => this.CONSUME(T.StringLiteral));
      const items: (MetaItem | undefined)[] = [];
      const decl = this.ACTION((): A.MerchantDecl => ({
        kind: 'merchant',
        name: nameOf(name, emptyRange),
        range: emptyRange,
        meta: { tags: [] },
        matchers: [],
      }));
      const done = () => this.finish(decl, first, items, display);
      return this.declarationBlock(done, [
        { ALT: () => items.push(this.SUBRULE(this.metaItem)) },
        {
          ALT: () => {
            const matchers = this.SUBRULE(this.matchClause);
            this.ACTION(() => matchers && decl.matchers.push(...matchers));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Category);
            const category = this.SUBRULE(this.qualifiedName);
            this.ACTION(() => {
              if (category && !decl.category) decl.category = category;
            });
          },
        },
      ]);
    },
    keepsPartial,
  );

  /** Its patterns are read here, not by `stringList`, so a typo in the list keeps the ones before it. */
  matchClause = this.RULE(
    'matchClause',
    (): A.Matcher[] | undefined => {
      this.CONSUME(T.Match);
      const matchers: A.Matcher[] = [];
      return this.keep(
        () => matchers,
        () => {
          this.OR([
            {
              ALT: () => {
                const kind = this.OR2([
                  { ALT: () => this.CONSUME(T.Exact) },
                  { ALT: () => this.CONSUME(T.Prefix) },
                  { ALT: () => this.CONSUME(T.Contains) },
                ]);
                this.AT_LEAST_ONE_SEP({
                  SEP: T.Comma,
                  DEF: () => {
                    const text = this.CONSUME(T.StringLiteral);
                    this.ACTION(() => {
                      if (!real(text)) return;
                      const { value, range } = stringValue(text);
                      matchers.push({ kind: kind.image as A.MatcherKind, value, flags: '', range });
                    });
                  },
                });
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Regex);
                this.AT_LEAST_ONE_SEP2({
                  SEP: T.Comma,
                  DEF: () => {
                    const token = this.CONSUME(T.RegexLiteral);
                    this.ACTION(() => {
                      if (!real(token)) return;
                      const regex = regexLiteral(token);
                      matchers.push({
                        kind: 'regex',
                        value: regex.pattern,
                        flags: regex.flags,
                        range: regex.range,
                      });
                    });
                  },
                });
              },
            },
          ]);
          return matchers;
        },
      );
    },
    keepsPartial,
  );

  mccDecl = this.RULE(
    'mccDecl',
    (): A.MccDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.Mcc);
      const decl = this.ACTION((): A.MccDecl => ({
        kind: 'mcc',
        codes: [],
        category: { parts: [], range: emptyRange },
        range: emptyRange,
      }));
      let category: A.Ref | undefined;
      const done = () => {
        decl.range = this.rangeFrom(first);
        decl.category = category ?? { parts: [], range: decl.range };
        return decl;
      };
      return this.keep(
        done,
        () => {
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const code = this.SUBRULE(this.mccCode);
              this.ACTION(() => code && decl.codes.push(code));
            },
          });
          this.CONSUME(T.Arrow);
          category = this.SUBRULE(this.qualifiedName);
          return this.ACTION(done);
        },
        true,
      );
    },
    keepsPartial,
  );

  mccCode = this.RULE('mccCode', () => {
    const first = this.LA(1);
    const low = this.CONSUME(T.NumberLiteral);
    const high = this.OPTION(() => {
      this.CONSUME(T.DotDot);
      return this.CONSUME2(T.NumberLiteral);
    });
    return this.ACTION(() => {
      const [from, to] = defined([real(low), real(high)]);
      const lowest = Number(from?.image ?? 0);
      return { low: lowest, high: Number(to?.image ?? lowest), range: this.rangeFrom(first) };
    });
  });

  sourceDecl = this.RULE(
    'sourceDecl',
    (): A.SourceDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.Source);
      const name = this.CONSUME(T.Identifier);
      const display = this.OPTION(() => this.CONSUME(T.StringLiteral));
      const items: (MetaItem | undefined)[] = [];
      const decl = this.ACTION((): A.SourceDecl => ({
        kind: 'source',
        name: nameOf(name, emptyRange),
        range: emptyRange,
        meta: { tags: [] },
        mappings: [],
      }));
      const done = () => this.finish(decl, first, items, display);
      return this.declarationBlock(done, [
        { ALT: () => items.push(this.SUBRULE(this.metaItem)) },
        {
          ALT: () => {
            const setting = this.SUBRULE(this.sourceSetting);
            this.ACTION(() => {
              if (setting?.key === 'delimiter') decl.delimiter = setting.value;
              else if (setting?.key === 'date_format') decl.dateFormat = setting.value;
              else if (setting?.key === 'customer') decl.customer = setting.value;
              else if (setting) decl.decimal = setting.value;
            });
          },
        },
        {
          ALT: () => {
            const mapping = this.SUBRULE(this.sourceMapping);
            this.ACTION(() => mapping && decl.mappings.push(mapping));
          },
        },
      ]);
    },
    keepsPartial,
  );

  sourceSetting = this.RULE('sourceSetting', () => {
    const key = this.OR([
      { ALT: () => this.CONSUME(T.Delimiter) },
      { ALT: () => this.CONSUME(T.DateFormat) },
      { ALT: () => this.CONSUME(T.Decimal) },
      { ALT: () => this.CONSUME(T.Customer) },
    ]);
    const value = this.CONSUME(T.StringLiteral);
    return this.ACTION(() => (real(value) ? { key: key.image, value: unquote(value.image) } : undefined));
  });

  sourceMapping = this.RULE('sourceMapping', (): A.SourceMapping | undefined => {
    const first = this.LA(1);
    const target = this.SUBRULE(this.anyName);
    this.CONSUME(T.Equals);
    const column = this.OR<A.Name | undefined>([
      { ALT: () => this.SUBRULE2(this.anyName) },
      {
        ALT: () => {
          const quoted = this.CONSUME(T.StringLiteral);
          return this.ACTION(() =>
            real(quoted) ? { text: unquote(quoted.image), range: tokenRange(quoted) } : undefined,
          );
        },
      },
    ]);
    const sign = this.OPTION(() => {
      this.CONSUME(T.Sign);
      return this.OR2([
        { ALT: () => this.CONSUME(T.DebitPositive) },
        { ALT: () => this.CONSUME(T.CreditPositive) },
      ]);
    });
    return this.ACTION(() => {
      if (!target || !column) return undefined;
      const mapping: A.SourceMapping = { target, column, range: this.rangeFrom(first) };
      if (real(sign)) mapping.sign = sign!.image as 'debit_positive' | 'credit_positive';
      return mapping;
    });
  });

  customerDecl = this.RULE(
    'customerDecl',
    (): A.CustomerDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.Customer);
      const items: (MetaItem | undefined)[] = [];
      const decl = this.ACTION((): A.CustomerDecl => ({
        kind: 'customer',
        range: emptyRange,
        meta: { tags: [] },
        attributes: [],
      }));
      const done = () => this.finish(decl, first, items);
      return this.declarationBlock(done, [
        { ALT: () => items.push(this.SUBRULE(this.metaItem)) },
        {
          ALT: () => {
            const attribute = this.SUBRULE(this.attributeDecl);
            this.ACTION(() => attribute && decl.attributes.push(attribute));
          },
        },
      ]);
    },
    keepsPartial,
  );

  attributeDecl = this.RULE('attributeDecl', (): A.AttributeDecl | undefined => {
    const first = this.LA(1);
    const name = this.CONSUME(T.Identifier);
    const type = this.CONSUME2(T.Identifier);
    const description = this.OPTION(() => this.CONSUME(T.StringLiteral));
    return this.ACTION(() => {
      const range = this.rangeFrom(first);
      const attribute: A.AttributeDecl = { name: nameOf(name, range), type: nameOf(type, range), range };
      if (real(description)) attribute.description = unquote(description!.image);
      return attribute;
    });
  });

  letDecl = this.RULE(
    'letDecl',
    (): A.LetDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.Let);
      const name = this.CONSUME(T.Identifier);
      const decl = this.ACTION((): A.LetDecl => ({
        kind: 'let',
        name: nameOf(name, emptyRange),
        range: emptyRange,
        meta: { tags: [] },
        value: error(emptyRange),
      }));
      let value: A.Expr | undefined;
      const done = () => {
        this.finish(decl, first, []);
        decl.value = value ?? error(decl.range);
        return decl;
      };
      return this.keep(
        done,
        () => {
          this.CONSUME(T.Equals);
          value = this.SUBRULE(this.expression);
          return this.ACTION(done);
        },
        true,
      );
    },
    keepsPartial,
  );

  kliDecl = this.RULE(
    'kliDecl',
    (): A.KliDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.Kli);
      const name = this.CONSUME(T.Identifier);
      const display = this.OPTION(() => this.CONSUME(T.StringLiteral));
      const items: (MetaItem | undefined)[] = [];
      const decl = this.ACTION((): A.KliDecl => ({
        kind: 'kli',
        name: nameOf(name, emptyRange),
        range: emptyRange,
        meta: { tags: [] },
        lets: [],
      }));
      const done = () => this.finish(decl, first, items, display);
      return this.declarationBlock(done, [
        { ALT: () => items.push(this.SUBRULE(this.metaItem)) },
        {
          ALT: () => {
            this.CONSUME(T.Window);
            const window = this.SUBRULE(this.duration);
            this.ACTION(() => {
              if (window && !decl.window) decl.window = window;
            });
          },
        },
        {
          ALT: () => {
            const value = this.SUBRULE(this.letDecl);
            this.ACTION(() => value && decl.lets.push(value));
          },
        },
        {
          ALT: () => {
            const when = this.SUBRULE(this.whenClause);
            this.ACTION(() => {
              if (when && !decl.when) decl.when = when;
            });
          },
        },
        {
          ALT: () => {
            const score = this.SUBRULE(this.scoreClause);
            this.ACTION(() => {
              if (score && !decl.score) decl.score = score;
            });
          },
        },
      ]);
    },
    keepsPartial,
  );

  whenClause = this.RULE('whenClause', (): A.Expr => this.clauseExpression(T.When), asError);

  whereClause = this.RULE('whereClause', (): A.Expr => this.clauseExpression(T.Where), asError);

  scoreClause = this.RULE('scoreClause', (): A.Expr => this.clauseExpression(T.Score), asError);

  /** `when`, `where` or `score` and its expression; an `error` over the clause if that is missing. */
  private clauseExpression(keyword: typeof T.When): A.Expr {
    const first = this.LA(1);
    this.CONSUME(keyword);
    const value = this.SUBRULE(this.expression);
    return this.ACTION(() => value ?? error(this.rangeFrom(first)));
  }

  duration = this.RULE('duration', (): A.Duration | undefined => {
    const first = this.LA(1);
    const count = this.CONSUME(T.NumberLiteral);
    const unit = this.CONSUME(T.Unit);
    return this.ACTION(() => {
      const singular = (real(unit)?.image ?? 'days').replace(/s$/, '');
      return {
        days: Number(real(count)?.image ?? 0) * (unitDays[singular] ?? 1),
        range: this.rangeFrom(first),
      };
    });
  });

  segmentDecl = this.RULE(
    'segmentDecl',
    (): A.SegmentDecl | undefined => this.segmentOrOtherwise(T.Segment),
    keepsPartial,
  );

  otherwiseDecl = this.RULE(
    'otherwiseDecl',
    (): A.SegmentDecl | undefined => this.segmentOrOtherwise(T.Otherwise),
    keepsPartial,
  );

  /** `segment` and `otherwise` read alike: a name, a display name and an optional body. */
  private segmentOrOtherwise(keyword: typeof T.Segment): A.SegmentDecl | undefined {
    const first = this.LA(1);
    this.CONSUME(keyword);
    const name = this.CONSUME(T.Identifier);
    const display = this.OPTION(() => this.CONSUME(T.StringLiteral));
    const decl = this.ACTION((): A.SegmentDecl => ({
      kind: 'segment',
      name: nameOf(name, emptyRange),
      range: emptyRange,
      meta: { tags: [] },
      action: [],
    }));
    let body: SegmentBody | undefined;
    const done = () => {
      this.finish(decl, first, body?.items ?? [], display);
      if (body?.when) decl.when = body.when;
      if (body?.where) decl.where = body.where;
      if (body) decl.action = body.action;
      return decl;
    };
    return this.keep(
      done,
      () => {
        body = this.OPTION2(() => this.SUBRULE(this.segmentBody));
        return this.ACTION(done);
      },
      true,
    );
  }

  segmentBody = this.RULE('segmentBody', (): SegmentBody | undefined => {
    const body: SegmentBody = { items: [], action: [] };
    this.block([
      { ALT: () => body.items.push(this.SUBRULE(this.metaItem)) },
      {
        ALT: () => {
          const when = this.SUBRULE(this.whenClause);
          this.ACTION(() => {
            if (when && !body.when) body.when = when;
          });
        },
      },
      {
        ALT: () => {
          const where = this.SUBRULE(this.whereClause);
          this.ACTION(() => {
            if (where && !body.where) body.where = where;
          });
        },
      },
      {
        ALT: () => {
          const fields = this.SUBRULE(this.actionBlock);
          this.ACTION(() => fields && body.action.push(...fields));
        },
      },
    ]);
    return body;
  });

  actionBlock = this.RULE('actionBlock', (): A.ActionField[] | undefined => {
    this.CONSUME(T.Action);
    this.CONSUME(T.LBrace);
    const fields: A.ActionField[] = [];
    this.MANY(() => {
      const key = this.SUBRULE(this.anyName);
      const value = this.CONSUME(T.StringLiteral);
      this.ACTION(() => {
        if (key && real(value))
          fields.push({ key, value: unquote(value.image), range: spanRanges(key.range, tokenRange(value)) });
      });
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
    return fields;
  });

  segmentationDecl = this.RULE(
    'segmentationDecl',
    (): A.SegmentationDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.Segmentation);
      const name = this.CONSUME(T.Identifier);
      const display = this.OPTION(() => this.CONSUME(T.StringLiteral));
      const exclusive = this.OPTION2(() => this.CONSUME(T.Exclusive));
      const items: (MetaItem | undefined)[] = [];
      const decl = this.ACTION((): A.SegmentationDecl => ({
        kind: 'segmentation',
        name: nameOf(name, emptyRange),
        range: emptyRange,
        meta: { tags: [] },
        exclusive: real(exclusive) !== undefined,
        members: [],
      }));
      const done = () => this.finish(decl, first, items, display);
      return this.declarationBlock(done, [
        { ALT: () => items.push(this.SUBRULE(this.metaItem)) },
        {
          ALT: () => {
            const member = this.SUBRULE(this.segmentDecl);
            this.ACTION(() => member && decl.members.push(member));
          },
        },
        {
          ALT: () => {
            const otherwise = this.SUBRULE(this.otherwiseDecl);
            this.ACTION(() => {
              if (otherwise && !decl.otherwise) decl.otherwise = otherwise;
            });
          },
        },
      ]);
    },
    keepsPartial,
  );

  testDecl = this.RULE(
    'testDecl',
    (): A.TestDecl | undefined => {
      const first = this.LA(1);
      this.CONSUME(T.Test);
      const title = this.CONSUME(T.StringLiteral);
      const decl = this.ACTION((): A.TestDecl => ({
        kind: 'test',
        title: real(title) ? stringValue(title) : { value: '', range: emptyRange },
        meta: { tags: [] },
        range: emptyRange,
        cases: [],
        customers: [],
        expectations: [],
      }));
      const items: (MetaItem | undefined)[] = [];
      const done = () => {
        this.finish(decl, first, items);
        if (!real(title)) decl.title.range = decl.range;
        return decl;
      };
      return this.declarationBlock(done, [
        { ALT: () => items.push(this.SUBRULE(this.metaItem)) },
        {
          ALT: () => {
            this.CONSUME(T.AsOf);
            const date = this.CONSUME(T.DateLiteral);
            this.ACTION(() => {
              if (real(date)) decl.asOf ??= { value: date.image, range: tokenRange(date) };
            });
          },
        },
        {
          ALT: () => {
            const example = this.SUBRULE(this.descriptorCase);
            this.ACTION(() => example && decl.cases.push(example));
          },
        },
        {
          ALT: () => {
            const customer = this.SUBRULE(this.customerFixture);
            this.ACTION(() => customer && decl.customers.push(customer));
          },
        },
        {
          ALT: () => {
            const expectation = this.SUBRULE(this.expectation);
            this.ACTION(() => expectation && decl.expectations.push(expectation));
          },
        },
      ]);
    },
    keepsPartial,
  );

  descriptorCase = this.RULE('descriptorCase', (): A.DescriptorCase | undefined => {
    const first = this.LA(1);
    this.CONSUME(T.Transaction);
    const descriptor = this.CONSUME(T.StringLiteral);
    const mcc = this.OPTION(() => {
      this.CONSUME(T.Mcc);
      return this.CONSUME(T.NumberLiteral);
    });
    this.CONSUME(T.Arrow);
    const expected: (CaseExpectation | undefined)[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => expected.push(this.SUBRULE(this.caseExpectation)) });
    return this.ACTION(() => {
      const range = this.rangeFrom(first);
      const result: A.DescriptorCase = {
        descriptor: real(descriptor) ? stringValue(descriptor) : { value: '', range },
        uncategorized: false,
        range,
      };
      if (real(mcc)) result.mcc = Number(mcc!.image);
      for (const expectation of defined(expected)) {
        if (expectation.key === 'merchant') result.merchant = expectation.ref;
        else if (expectation.key === 'category') result.category = expectation.ref;
        else if (expectation.key === 'cleansed') result.cleansed = expectation.value;
        else result.uncategorized = true;
      }
      return result;
    });
  });

  caseExpectation = this.RULE('caseExpectation', (): CaseExpectation | undefined =>
    this.OR<CaseExpectation | undefined>([
      {
        ALT: () => {
          this.CONSUME(T.Merchant);
          const ref = this.SUBRULE(this.qualifiedName);
          return this.ACTION(() => (ref ? { key: 'merchant' as const, ref } : undefined));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Category);
          const ref = this.SUBRULE2(this.qualifiedName);
          return this.ACTION(() => (ref ? { key: 'category' as const, ref } : undefined));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Cleansed);
          const text = this.CONSUME(T.StringLiteral);
          return this.ACTION(() =>
            real(text) ? { key: 'cleansed' as const, value: unquote(text.image) } : undefined,
          );
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Uncategorized);
          return { key: 'uncategorized' as const };
        },
      },
    ]),
  );

  customerFixture = this.RULE('customerFixture', (): A.CustomerFixture | undefined => {
    const first = this.LA(1);
    this.CONSUME(T.Customer);
    const id = this.CONSUME(T.StringLiteral);
    const fixture: A.CustomerFixture = {
      id: { value: '', range: emptyRange },
      range: emptyRange,
      attributes: [],
      txns: [],
    };
    this.block([
      {
        ALT: () => {
          const txn = this.SUBRULE(this.fixtureTxn);
          this.ACTION(() => txn && fixture.txns.push(txn));
        },
      },
      {
        ALT: () => {
          const attribute = this.SUBRULE(this.fixtureAttribute);
          this.ACTION(() => attribute && fixture.attributes.push(attribute));
        },
      },
    ]);
    return this.ACTION(() => {
      fixture.range = this.rangeFrom(first);
      fixture.id = real(id) ? stringValue(id) : { value: '', range: fixture.range };
      return fixture;
    });
  });

  fixtureAttribute = this.RULE('fixtureAttribute', () => {
    const first = this.LA(1);
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    const values: (A.Expr | undefined)[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => values.push(this.SUBRULE(this.unary)) });
    return this.ACTION(() => {
      const range = this.rangeFrom(first);
      return { name: nameOf(name, range), values: defined(values), range };
    });
  });

  fixtureTxn = this.RULE('fixtureTxn', (): A.FixtureTxn | undefined => {
    const first = this.LA(1);
    this.CONSUME(T.Txn);
    const date = this.CONSUME(T.DateLiteral);
    const descriptor = this.CONSUME(T.StringLiteral);
    const minus = this.OPTION(() => this.CONSUME(T.Minus));
    const amount = this.CONSUME(T.NumberLiteral);
    const mcc = this.OPTION2(() => {
      this.CONSUME(T.Mcc);
      return this.CONSUME2(T.NumberLiteral);
    });
    return this.ACTION(() => {
      if (minus) this.layout?.unaryMinus.add(minus);
      const range = this.rangeFrom(first);
      const value = Number(real(amount)?.image ?? 0);
      const txn: A.FixtureTxn = {
        date: real(date) ? { value: date.image, range: tokenRange(date) } : { value: '', range },
        descriptor: unquote(real(descriptor)?.image ?? '""'),
        amount: real(minus) ? -value : value,
        range,
      };
      if (real(mcc)) txn.mcc = Number(mcc!.image);
      return txn;
    });
  });

  expectation = this.RULE('expectation', (): A.Expectation | undefined => {
    const first = this.LA(1);
    this.CONSUME(T.Expect);
    const customer = this.CONSUME(T.StringLiteral);
    const not = this.OPTION(() => this.CONSUME(T.Not));
    const relation = this.OR([{ ALT: () => this.CONSUME(T.Has) }, { ALT: () => this.CONSUME(T.In) }]);
    const target = this.SUBRULE(this.qualifiedName);
    return this.ACTION(() => {
      if (!real(customer) || !target) return undefined;
      return {
        customer: stringValue(customer),
        negated: real(not) !== undefined,
        relation: relation.tokenType === T.Has ? ('has' as const) : ('in' as const),
        target,
        range: this.rangeFrom(first),
      };
    });
  });

  // Expressions, loosest binding first. A missing operand (the parser recovered) is an `error`.

  expression = this.RULE(
    'expression',
    (): A.Expr => {
      const first = this.LA(1);
      const errorsBefore = this.errors.length;
      let result = this.SUBRULE(this.andExpr);
      this.MANY(() => {
        const op = this.CONSUME(T.Or);
        const right = this.SUBRULE2(this.andExpr);
        result = this.ACTION(() => this.binary(result, op, right));
      });
      // A clause the parser had to repair is one `error`, so it causes no second diagnostic.
      return this.ACTION(() =>
        this.errors.length > errorsBefore
          ? error(this.rangeFrom(first))
          : (result ?? error(this.rangeFrom(first))),
      );
    },
    asError,
  );

  andExpr = this.RULE(
    'andExpr',
    (): A.Expr => {
      let result = this.SUBRULE(this.notExpr);
      this.MANY(() => {
        const op = this.CONSUME(T.And);
        const right = this.SUBRULE2(this.notExpr);
        result = this.ACTION(() => this.binary(result, op, right));
      });
      return result;
    },
    asError,
  );

  /** `left op right`, built as the operators are read, so `a - b - c` is `(a - b) - c`. */
  private binary(left: A.Expr | undefined, op: IToken, right: A.Expr | undefined): A.Expr {
    const opRange = tokenRange(op);
    const leftSide = left ?? error(opRange);
    const rightSide = right ?? error(opRange);
    return {
      kind: 'binary',
      op: op.image as A.BinaryOp,
      left: leftSide,
      right: rightSide,
      opRange,
      range: spanRanges(leftSide.range, rightSide.range),
    };
  }

  notExpr = this.RULE(
    'notExpr',
    (): A.Expr =>
      this.OR<A.Expr>([
        {
          ALT: () => {
            const not = this.CONSUME(T.Not);
            const operand = this.SUBRULE(this.notExpr);
            return this.ACTION(() => {
              const inner = operand ?? error(tokenRange(not));
              return {
                kind: 'unary',
                op: 'not',
                operand: inner,
                range: spanRanges(tokenRange(not), inner.range),
              };
            });
          },
        },
        { ALT: () => this.SUBRULE(this.comparison) },
      ]),
    asError,
  );

  comparison = this.RULE(
    'comparison',
    (): A.Expr => {
      const first = this.LA(1);
      const left = this.SUBRULE(this.additive);
      const rest = this.OPTION(() => {
        let negated = false;
        const op = this.OR([
          { ALT: () => this.CONSUME(T.Equals) },
          { ALT: () => this.CONSUME(T.NotEq) },
          { ALT: () => this.CONSUME(T.Less) },
          { ALT: () => this.CONSUME(T.LessEq) },
          { ALT: () => this.CONSUME(T.Greater) },
          { ALT: () => this.CONSUME(T.GreaterEq) },
          { ALT: () => this.CONSUME(T.Under) },
          { ALT: () => this.CONSUME(T.Matches) },
          { ALT: () => this.CONSUME(T.Contains) },
          { ALT: () => this.CONSUME(T.In) },
          {
            ALT: () => {
              const is = this.CONSUME(T.Is);
              this.OPTION2(() => {
                this.CONSUME(T.Not);
                negated = true;
              });
              return is;
            },
          },
          {
            ALT: () => {
              this.CONSUME2(T.Not);
              negated = true;
              return this.CONSUME2(T.In);
            },
          },
        ]);
        const right = this.SUBRULE2(this.additive);
        return { op, negated, right };
      });
      return this.ACTION(() => {
        const leftSide = left ?? error(this.rangeFrom(first));
        if (!rest) return leftSide;
        const opRange = tokenRange(rest.op);
        const rightSide = rest.right ?? error(opRange);
        let operator = rest.op.image as A.BinaryOp;
        if (rest.negated) operator = operator === 'is' ? 'is not' : 'not in';
        return {
          kind: 'binary',
          op: operator,
          left: leftSide,
          right: rightSide,
          opRange,
          range: spanRanges(leftSide.range, rightSide.range),
        };
      });
    },
    asError,
  );

  additive = this.RULE(
    'additive',
    (): A.Expr => {
      let result = this.SUBRULE(this.multiplicative);
      this.MANY(() => {
        const op = this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
        const right = this.SUBRULE2(this.multiplicative);
        result = this.ACTION(() => this.binary(result, op, right));
      });
      return result;
    },
    asError,
  );

  multiplicative = this.RULE(
    'multiplicative',
    (): A.Expr => {
      let result = this.SUBRULE(this.unary);
      this.MANY(() => {
        const op = this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Slash) }]);
        const right = this.SUBRULE2(this.unary);
        result = this.ACTION(() => this.binary(result, op, right));
      });
      return result;
    },
    asError,
  );

  unary = this.RULE(
    'unary',
    (): A.Expr =>
      this.OR<A.Expr>([
        {
          ALT: () => {
            const minus = this.CONSUME(T.Minus);
            const operand = this.SUBRULE(this.unary);
            return this.ACTION(() => {
              this.layout?.unaryMinus.add(minus);
              const inner = operand ?? error(tokenRange(minus));
              const range = spanRanges(tokenRange(minus), inner.range);
              if (inner.kind === 'number') return { ...inner, value: -inner.value, range };
              return { kind: 'unary', op: '-', operand: inner, range };
            });
          },
        },
        { ALT: () => this.SUBRULE(this.primary) },
      ]),
    asError,
  );

  primary = this.RULE(
    'primary',
    (): A.Expr => {
      const first = this.LA(1);
      return this.OR<A.Expr>([
        {
          ALT: () => {
            const low = this.CONSUME(T.NumberLiteral);
            const high = this.OPTION(() => {
              this.CONSUME(T.DotDot);
              return this.CONSUME2(T.NumberLiteral);
            });
            return this.ACTION(() => {
              const range = this.rangeFrom(first);
              return real(high)
                ? { kind: 'range', low: Number(low.image), high: Number(high!.image), range }
                : { kind: 'number', value: Number(low.image), range };
            });
          },
        },
        {
          ALT: () => {
            const text = this.CONSUME(T.StringLiteral);
            return this.ACTION(() => ({
              kind: 'string',
              value: unquote(text.image),
              range: tokenRange(text),
            }));
          },
        },
        {
          ALT: () => {
            const regex = this.CONSUME(T.RegexLiteral);
            return this.ACTION(() => {
              const literal = regexLiteral(regex);
              return { kind: 'regex', pattern: literal.pattern, flags: literal.flags, range: literal.range };
            });
          },
        },
        {
          ALT: () => {
            const date = this.CONSUME(T.DateLiteral);
            return this.ACTION(() => ({ kind: 'date', value: date.image, range: tokenRange(date) }));
          },
        },
        {
          ALT: () => {
            const value = this.CONSUME(T.True);
            return this.ACTION(() => ({ kind: 'boolean', value: true, range: tokenRange(value) }));
          },
        },
        {
          ALT: () => {
            const value = this.CONSUME(T.False);
            return this.ACTION(() => ({ kind: 'boolean', value: false, range: tokenRange(value) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            const inner = this.SUBRULE(this.expression);
            this.CONSUME(T.RParen);
            return this.ACTION(() => inner ?? error(this.rangeFrom(first)));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            const items: (A.Expr | undefined)[] = [];
            this.MANY_SEP({ SEP: T.Comma, DEF: () => items.push(this.SUBRULE2(this.expression)) });
            this.CONSUME(T.RBracket);
            return this.ACTION(() => {
              const range = this.rangeFrom(first);
              return { kind: 'list', items: items.map((item) => item ?? error(range)), range };
            });
          },
        },
        { ALT: () => this.SUBRULE(this.reference) },
      ]);
    },
    asError,
  );

  /** A name, a dotted path, or a call: `home`, `customer.avg_balance`, `sum(amount where …) over 30 days`. */
  reference = this.RULE(
    'reference',
    (): A.Expr => {
      const first = this.LA(1);
      const head = this.OR([
        { ALT: () => this.CONSUME(T.Identifier) },
        { ALT: () => this.CONSUME(T.Category) },
        { ALT: () => this.CONSUME(T.Merchant) },
        { ALT: () => this.CONSUME(T.Description) },
        { ALT: () => this.CONSUME(T.Mcc) },
        { ALT: () => this.CONSUME(T.Customer) },
        { ALT: () => this.CONSUME(T.Uncategorized) },
      ]);
      const rest: (A.Name | undefined)[] = [];
      this.MANY(() => {
        this.CONSUME(T.Dot);
        rest.push(this.SUBRULE(this.anyName));
      });
      const call = this.OPTION(() => {
        const paren = this.CONSUME(T.LParen);
        const args = this.OPTION2(() => this.SUBRULE(this.callArguments));
        this.CONSUME(T.RParen);
        const window = this.OPTION3(() => this.SUBRULE(this.aggregateWindow));
        return { paren, args, window };
      });
      return this.ACTION((): A.Expr => {
        const range = this.rangeFrom(first);
        const parts = [nameOf(head, range), ...defined(rest)];
        if (!call) return { kind: 'ref', ref: { parts, range }, range };
        this.layout?.callParens.add(call.paren);
        const callee = parts[parts.length - 1] ?? nameOf(undefined, range);
        const result: Extract<A.Expr, { kind: 'call' }> = { kind: 'call', callee, args: [], range };
        if (call.args) {
          result.args = call.args.args.map((arg) => arg ?? error(range));
          if (call.args.where) result.where = call.args.where;
        }
        if (call.window) result.window = call.window;
        return result;
      });
    },
    asError,
  );

  callArguments = this.RULE('callArguments', () => {
    const args: (A.Expr | undefined)[] = [];
    let where: A.Expr | undefined;
    this.OR([
      {
        ALT: () => {
          where = this.SUBRULE(this.whereClause);
        },
      },
      {
        ALT: () => {
          args.push(this.SUBRULE(this.expression));
          this.OPTION(() => {
            where = this.SUBRULE2(this.whereClause);
          });
          this.MANY(() => {
            this.CONSUME(T.Comma);
            args.push(this.SUBRULE2(this.expression));
          });
        },
      },
    ]);
    return { args, where };
  });

  aggregateWindow = this.RULE('aggregateWindow', (): A.AggregateWindow | undefined => {
    const first = this.LA(1);
    return this.OR<A.AggregateWindow | undefined>([
      {
        ALT: () => {
          this.CONSUME(T.Between);
          const from = this.SUBRULE(this.duration);
          this.CONSUME(T.Ago);
          this.CONSUME(T.And);
          const to = this.SUBRULE2(this.duration);
          this.CONSUME2(T.Ago);
          return this.ACTION(() =>
            from && to ? { kind: 'between', from, to, range: this.rangeFrom(first) } : undefined,
          );
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Over);
          const length = this.SUBRULE3(this.duration);
          return this.ACTION(() =>
            length ? { kind: 'over', length, range: this.rangeFrom(first) } : undefined,
          );
        },
      },
    ]);
  });
}

/**
 * A new parser. Validating the grammar (ambiguities, left recursion…) is for development:
 * `test/parser.test.ts` does it, so a grammar mistake still fails CI, and the shipped parser skips it,
 * as Chevrotain advises for production.
 */
export function createKliParser(options: { validate?: boolean } = {}): KliParser {
  return new KliParser(options.validate ?? false);
}

let sharedParser: KliParser | undefined;

/** The one parser instance, built on first use: building it is most of what start-up would cost. */
export function kliParser(): KliParser {
  return (sharedParser ??= createKliParser());
}

export interface ParseOutput {
  ast: A.KliFile;
  lexErrors: { offset: number; line: number; column: number; length: number; message: string }[];
  parseErrors: IRecognitionException[];
}

/** A lexed file's doc comments by 0-based line, their `///` taken off: both parsers attach them. */
export function docCommentsOf(lexed: ILexingResult): Map<number, string> {
  const docComments = new Map<number, string>();
  for (const token of lexed.groups['docs'] ?? [])
    docComments.set((token.startLine ?? 1) - 1, token.image.replace(/^\/\/\/ ?/, ''));
  return docComments;
}

export function parseText(path: string, text: string): ParseOutput {
  const lexed = kliLexer.tokenize(text);
  const docComments = docCommentsOf(lexed);
  // A file without errors needs no recovery: the fast parser, and no Chevrotain parser to build.
  const valid = lexed.errors.length === 0 ? parseValid(path, lexed.tokens, docComments) : undefined;
  if (valid) return { ast: valid, lexErrors: [], parseErrors: [] };
  const parser = kliParser();
  const ast = parser.parse(path, lexed.tokens, docComments);
  return {
    ast,
    lexErrors: lexed.errors.map((error) => ({
      offset: error.offset,
      line: (error.line ?? 1) - 1,
      column: (error.column ?? 1) - 1,
      length: error.length,
      message: error.message,
    })),
    parseErrors: parser.errors,
  };
}

/** Where the formatter breaks lines, for tokens that parse without an error; undefined otherwise. */
export function layoutOf(tokens: IToken[]): Layout | undefined {
  const parser = kliParser();
  const layout: Layout = {
    clauseStarts: new Set(),
    blockOpens: new Set(),
    blockCloses: new Set(),
    topLevel: new Map(),
    topLevelEnds: new Map(),
    callParens: new Set(),
    unaryMinus: new Set(),
    listItems: new Set(),
  };
  parser.layout = layout;
  try {
    parser.parse('', tokens, new Map());
  } finally {
    parser.layout = undefined;
  }
  return parser.errors.length > 0 ? undefined : layout;
}
