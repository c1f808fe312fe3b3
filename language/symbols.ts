import type * as A from './ast.js';
import type { Range } from './position.js';

export type SymbolKind =
  'category' | 'list' | 'merchant' | 'source' | 'let' | 'kli' | 'segment' | 'segmentation' | 'attribute';

/** A declared name, resolved. */
export interface KliSymbol {
  kind: SymbolKind;
  name: string;
  /** The package it is declared in. */
  package: string;
  /** How outputs and other packages spell it: categories and segmentation members are dotted paths. */
  key: string;
  file: string;
  /** The range of the name in its declaration. */
  range: Range;
  decl: A.Decl | A.AttributeDecl;
  meta: A.Metadata;
  parent?: KliSymbol;
  children: Map<string, KliSymbol>;
}

/** Every resolved use of a name: definition, references, rename and hover answer from these. */
export interface SymbolReference {
  file: string;
  range: Range;
  symbol: KliSymbol;
}

export type ValueType =
  | 'money'
  | 'number'
  | 'boolean'
  | 'date'
  | 'text'
  | 'category'
  | 'merchant'
  | 'regex'
  | 'list'
  | 'range'
  | 'products'
  | 'error';

/** Where a value lives: per transaction, per customer, or a constant that fits both. */
export type Level = 'row' | 'customer' | 'constant';

export interface TypedExpr {
  type: ValueType;
  level: Level;
  /** A bare number literal fits wherever money is expected. */
  literal?: boolean;
}
