import { CstParser, type CstNode, type IRecognitionException } from 'chevrotain';
import * as T from './lexer.js';

/**
 * The kli grammar as a Chevrotain CST parser. Rules are class properties of one instance;
 * `to-ast.ts` turns the CST into the typed AST. Recovery is on, so one typo yields one
 * diagnostic and the rest of the file still parses (the language server relies on it).
 */
export class KliParser extends CstParser {
  constructor(validate: boolean) {
    // Locations are tracked as nodes are built, so a node's range costs nothing (see to-ast.ts).
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'full',
      skipValidations: !validate,
    });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.OPTION(() => this.SUBRULE(this.packageDecl));
    this.MANY(() => this.SUBRULE(this.importDecl));
    this.MANY2(() => this.SUBRULE(this.declaration));
  });

  packageDecl = this.RULE('packageDecl', () => {
    this.CONSUME(T.Package);
    this.SUBRULE(this.qualifiedName);
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(T.Import);
    this.SUBRULE(this.qualifiedName);
  });

  qualifiedName = this.RULE('qualifiedName', () => {
    this.SUBRULE(this.anyName);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.anyName);
    });
  });

  /** Where no keyword can be meant, a keyword is just a name: `customer.state`, `x.score`. */
  anyName = this.RULE('anyName', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Keyword) }]);
  });

  declaration = this.RULE('declaration', () => {
    this.OR([
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
    ]);
  });

  metaItem = this.RULE('metaItem', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(T.Description) },
            { ALT: () => this.CONSUME(T.Owner) },
            { ALT: () => this.CONSUME(T.Since) },
            { ALT: () => this.CONSUME(T.Deprecated) },
          ]);
          this.CONSUME(T.StringLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Tags);
          this.CONSUME(T.LBracket);
          this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.anyName) });
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });

  categoryDecl = this.RULE('categoryDecl', () => {
    this.CONSUME(T.Category);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2(() => {
      this.CONSUME(T.LBrace);
      this.MANY(() =>
        this.OR([{ ALT: () => this.SUBRULE(this.metaItem) }, { ALT: () => this.SUBRULE(this.categoryDecl) }]),
      );
      this.CONSUME(T.RBrace);
    });
  });

  listDecl = this.RULE('listDecl', () => {
    this.CONSUME(T.List);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: 'display' }));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.metaItem));
    this.MANY2(() => {
      this.CONSUME2(T.StringLiteral, { LABEL: 'item' });
      this.OPTION2(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  cleanseDecl = this.RULE('cleanseDecl', () => {
    this.CONSUME(T.Cleanse);
    this.OPTION(() => this.CONSUME(T.Identifier));
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([{ ALT: () => this.SUBRULE(this.metaItem) }, { ALT: () => this.SUBRULE(this.cleanseStep) }]),
    );
    this.CONSUME(T.RBrace);
  });

  cleanseStep = this.RULE('cleanseStep', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Uppercase) },
      { ALT: () => this.CONSUME(T.Trim) },
      {
        ALT: () => {
          this.CONSUME(T.Collapse);
          this.CONSUME(T.Spaces);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Strip);
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.Prefix);
                this.SUBRULE(this.stringList);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Suffix);
                this.SUBRULE2(this.stringList);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Pattern);
                this.CONSUME(T.RegexLiteral);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Location);
                this.OPTION(() => {
                  this.CONSUME(T.Cities);
                  this.SUBRULE(this.qualifiedName, { LABEL: 'cities' });
                });
                this.OPTION2(() => {
                  this.CONSUME(T.States);
                  this.SUBRULE2(this.qualifiedName, { LABEL: 'states' });
                });
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Replace);
          this.CONSUME2(T.RegexLiteral);
          this.CONSUME(T.With);
          this.CONSUME(T.StringLiteral);
        },
      },
    ]);
  });

  stringList = this.RULE('stringList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.StringLiteral) });
  });

  merchantDecl = this.RULE('merchantDecl', () => {
    this.CONSUME(T.Merchant);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.metaItem) },
        { ALT: () => this.SUBRULE(this.matchClause) },
        {
          ALT: () => {
            this.CONSUME(T.Category);
            this.SUBRULE(this.qualifiedName);
          },
        },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  matchClause = this.RULE('matchClause', () => {
    this.CONSUME(T.Match);
    this.OR([
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(T.Exact) },
            { ALT: () => this.CONSUME(T.Prefix) },
            { ALT: () => this.CONSUME(T.Contains) },
          ]);
          this.SUBRULE(this.stringList);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Regex);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.RegexLiteral) });
        },
      },
    ]);
  });

  mccDecl = this.RULE('mccDecl', () => {
    this.CONSUME(T.Mcc);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.mccCode) });
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.qualifiedName);
  });

  mccCode = this.RULE('mccCode', () => {
    this.CONSUME(T.NumberLiteral);
    this.OPTION(() => {
      this.CONSUME(T.DotDot);
      this.CONSUME2(T.NumberLiteral);
    });
  });

  sourceDecl = this.RULE('sourceDecl', () => {
    this.CONSUME(T.Source);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.metaItem) },
        { ALT: () => this.SUBRULE(this.sourceSetting) },
        { ALT: () => this.SUBRULE(this.sourceMapping) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  sourceSetting = this.RULE('sourceSetting', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Delimiter) },
      { ALT: () => this.CONSUME(T.DateFormat) },
      { ALT: () => this.CONSUME(T.Decimal) },
      { ALT: () => this.CONSUME(T.Customer) },
    ]);
    this.CONSUME(T.StringLiteral);
  });

  sourceMapping = this.RULE('sourceMapping', () => {
    this.SUBRULE(this.anyName, { LABEL: 'target' });
    this.CONSUME(T.Equals);
    this.OR([
      { ALT: () => this.SUBRULE2(this.anyName, { LABEL: 'column' }) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
    ]);
    this.OPTION(() => {
      this.CONSUME(T.Sign);
      this.OR2([{ ALT: () => this.CONSUME(T.DebitPositive) }, { ALT: () => this.CONSUME(T.CreditPositive) }]);
    });
  });

  customerDecl = this.RULE('customerDecl', () => {
    this.CONSUME(T.Customer);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([{ ALT: () => this.SUBRULE(this.metaItem) }, { ALT: () => this.SUBRULE(this.attributeDecl) }]),
    );
    this.CONSUME(T.RBrace);
  });

  attributeDecl = this.RULE('attributeDecl', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME2(T.Identifier, { LABEL: 'type' });
    this.OPTION(() => this.CONSUME(T.StringLiteral));
  });

  letDecl = this.RULE('letDecl', () => {
    this.CONSUME(T.Let);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  kliDecl = this.RULE('kliDecl', () => {
    this.CONSUME(T.Kli);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.metaItem) },
        {
          ALT: () => {
            this.CONSUME(T.Window);
            this.SUBRULE(this.duration);
          },
        },
        { ALT: () => this.SUBRULE(this.letDecl) },
        { ALT: () => this.SUBRULE(this.whenClause) },
        { ALT: () => this.SUBRULE(this.scoreClause) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  whenClause = this.RULE('whenClause', () => {
    this.CONSUME(T.When);
    this.SUBRULE(this.expression);
  });

  whereClause = this.RULE('whereClause', () => {
    this.CONSUME(T.Where);
    this.SUBRULE(this.expression);
  });

  scoreClause = this.RULE('scoreClause', () => {
    this.CONSUME(T.Score);
    this.SUBRULE(this.expression);
  });

  duration = this.RULE('duration', () => {
    this.CONSUME(T.NumberLiteral);
    this.CONSUME(T.Unit);
  });

  segmentDecl = this.RULE('segmentDecl', () => {
    this.CONSUME(T.Segment);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2(() => this.SUBRULE(this.segmentBody));
  });

  segmentBody = this.RULE('segmentBody', () => {
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.metaItem) },
        { ALT: () => this.SUBRULE(this.whenClause) },
        { ALT: () => this.SUBRULE(this.whereClause) },
        { ALT: () => this.SUBRULE(this.actionBlock) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  actionBlock = this.RULE('actionBlock', () => {
    this.CONSUME(T.Action);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.anyName);
      this.CONSUME(T.StringLiteral);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  segmentationDecl = this.RULE('segmentationDecl', () => {
    this.CONSUME(T.Segmentation);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2(() => this.CONSUME(T.Exclusive));
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.metaItem) },
        { ALT: () => this.SUBRULE(this.segmentDecl) },
        { ALT: () => this.SUBRULE(this.otherwiseDecl) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  otherwiseDecl = this.RULE('otherwiseDecl', () => {
    this.CONSUME(T.Otherwise);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.OPTION2(() => this.SUBRULE(this.segmentBody));
  });

  testDecl = this.RULE('testDecl', () => {
    this.CONSUME(T.Test);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.metaItem) },
        {
          ALT: () => {
            this.CONSUME(T.AsOf);
            this.CONSUME(T.DateLiteral);
          },
        },
        { ALT: () => this.SUBRULE(this.descriptorCase) },
        { ALT: () => this.SUBRULE(this.customerFixture) },
        { ALT: () => this.SUBRULE(this.expectation) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  descriptorCase = this.RULE('descriptorCase', () => {
    this.CONSUME(T.Transaction);
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => {
      this.CONSUME(T.Mcc);
      this.CONSUME(T.NumberLiteral);
    });
    this.CONSUME(T.Arrow);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.caseExpectation) });
  });

  caseExpectation = this.RULE('caseExpectation', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Merchant);
          this.SUBRULE(this.qualifiedName, { LABEL: 'merchant' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Category);
          this.SUBRULE2(this.qualifiedName, { LABEL: 'category' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Cleansed);
          this.CONSUME(T.StringLiteral);
        },
      },
      { ALT: () => this.CONSUME(T.Uncategorized) },
    ]);
  });

  customerFixture = this.RULE('customerFixture', () => {
    this.CONSUME(T.Customer);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.fixtureTxn) },
        { ALT: () => this.SUBRULE(this.fixtureAttribute) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  fixtureAttribute = this.RULE('fixtureAttribute', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.unary) });
  });

  fixtureTxn = this.RULE('fixtureTxn', () => {
    this.CONSUME(T.Txn);
    this.CONSUME(T.DateLiteral);
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => this.CONSUME(T.Minus));
    this.CONSUME(T.NumberLiteral, { LABEL: 'amount' });
    this.OPTION2(() => {
      this.CONSUME(T.Mcc);
      this.CONSUME2(T.NumberLiteral, { LABEL: 'mcc' });
    });
  });

  expectation = this.RULE('expectation', () => {
    this.CONSUME(T.Expect);
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => this.CONSUME(T.Not));
    this.OR([{ ALT: () => this.CONSUME(T.Has) }, { ALT: () => this.CONSUME(T.In) }]);
    this.SUBRULE(this.qualifiedName);
  });

  // Expressions, loosest binding first.

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.andExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.Or, { LABEL: 'operators' });
      this.SUBRULE2(this.andExpr, { LABEL: 'operands' });
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.And, { LABEL: 'operators' });
      this.SUBRULE2(this.notExpr, { LABEL: 'operands' });
    });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.additive, { LABEL: 'left' });
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Equals, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.NotEq, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Less, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.LessEq, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Greater, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.GreaterEq, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Under, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Matches, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Contains, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.In, { LABEL: 'op' }) },
        {
          ALT: () => {
            this.CONSUME(T.Is, { LABEL: 'op' });
            this.OPTION2(() => this.CONSUME(T.Not, { LABEL: 'negation' }));
          },
        },
        {
          ALT: () => {
            this.CONSUME2(T.Not, { LABEL: 'negation' });
            this.CONSUME2(T.In, { LABEL: 'op' });
          },
        },
      ]);
      this.SUBRULE2(this.additive, { LABEL: 'right' });
    });
  });

  additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Plus, { LABEL: 'operators' }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: 'operators' }) },
      ]);
      this.SUBRULE2(this.multiplicative, { LABEL: 'operands' });
    });
  });

  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star, { LABEL: 'operators' }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: 'operators' }) },
      ]);
      this.SUBRULE2(this.unary, { LABEL: 'operands' });
    });
  });

  unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  primary = this.RULE('primary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral);
          this.OPTION(() => {
            this.CONSUME(T.DotDot);
            this.CONSUME2(T.NumberLiteral, { LABEL: 'high' });
          });
        },
      },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.RegexLiteral) },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE2(this.expression, { LABEL: 'items' }) });
          this.CONSUME(T.RBracket);
        },
      },
      { ALT: () => this.SUBRULE(this.reference) },
    ]);
  });

  /** A name, a dotted path, or a call: `home`, `customer.avg_balance`, `sum(amount where …) over 30 days`. */
  reference = this.RULE('reference', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'head' }) },
      { ALT: () => this.CONSUME(T.Category, { LABEL: 'head' }) },
      { ALT: () => this.CONSUME(T.Merchant, { LABEL: 'head' }) },
      { ALT: () => this.CONSUME(T.Description, { LABEL: 'head' }) },
      { ALT: () => this.CONSUME(T.Mcc, { LABEL: 'head' }) },
      { ALT: () => this.CONSUME(T.Customer, { LABEL: 'head' }) },
      { ALT: () => this.CONSUME(T.Uncategorized, { LABEL: 'head' }) },
    ]);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE(this.anyName, { LABEL: 'rest' });
    });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => this.SUBRULE(this.callArguments));
      this.CONSUME(T.RParen);
      this.OPTION3(() => this.SUBRULE(this.aggregateWindow));
    });
  });

  callArguments = this.RULE('callArguments', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.whereClause) },
      {
        ALT: () => {
          this.SUBRULE(this.expression, { LABEL: 'args' });
          this.OPTION(() => this.SUBRULE2(this.whereClause));
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.SUBRULE2(this.expression, { LABEL: 'args' });
          });
        },
      },
    ]);
  });

  aggregateWindow = this.RULE('aggregateWindow', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Between);
          this.SUBRULE(this.duration, { LABEL: 'from' });
          this.CONSUME(T.Ago);
          this.CONSUME(T.And);
          this.SUBRULE2(this.duration, { LABEL: 'to' });
          this.CONSUME2(T.Ago);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Over);
          this.SUBRULE3(this.duration, { LABEL: 'length' });
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
  cst: CstNode;
  lexErrors: { offset: number; line: number; column: number; length: number; message: string }[];
  parseErrors: IRecognitionException[];
  docComments: { line: number; text: string }[];
  comments: { line: number; text: string; offset: number }[];
}

export function parseText(text: string): ParseOutput {
  const lexed = T.kliLexer.tokenize(text);
  const parser = kliParser();
  parser.input = lexed.tokens;
  const cst = parser.file();
  return {
    cst,
    lexErrors: lexed.errors.map((error) => ({
      offset: error.offset,
      line: (error.line ?? 1) - 1,
      column: (error.column ?? 1) - 1,
      length: error.length,
      message: error.message,
    })),
    parseErrors: [...parser.errors],
    docComments: (lexed.groups['docs'] ?? []).map((token) => ({
      line: (token.startLine ?? 1) - 1,
      text: token.image.replace(/^\/\/\/ ?/, ''),
    })),
    comments: (lexed.groups['comments'] ?? []).map((token) => ({
      line: (token.startLine ?? 1) - 1,
      text: token.image,
      offset: token.startOffset,
    })),
  };
}
