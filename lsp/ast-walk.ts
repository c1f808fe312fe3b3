import type * as A from '../language/ast.js';
import { containsPosition, type Position } from '../language/position.js';

/** An expression with the declaration it belongs to and the KLI whose `let`s are in scope. */
export interface ExprSite {
  expr: A.Expr;
  decl: A.Decl;
  kli?: A.KliDecl;
}

/** Every expression of a declaration that the checker types: `let` values, `when`, `score`, `where`. */
export function rootExpressions(decl: A.Decl): ExprSite[] {
  switch (decl.kind) {
    case 'let':
      return [{ expr: decl.value, decl }];
    case 'kli': {
      const exprs = [...decl.lets.map((l) => l.value), decl.when, decl.score];
      return exprs.filter((e): e is A.Expr => e !== undefined).map((expr) => ({ expr, decl, kli: decl }));
    }
    case 'segment':
      return segmentExpressions(decl, decl);
    case 'segmentation':
      return [...decl.members, ...(decl.otherwise ? [decl.otherwise] : [])].flatMap((member) =>
        segmentExpressions(member, decl),
      );
    case 'test':
      return decl.customers.flatMap((customer) =>
        customer.attributes.flatMap((attribute) => attribute.values.map((expr) => ({ expr, decl }))),
      );
    default:
      return [];
  }
}

function segmentExpressions(segment: A.SegmentDecl, decl: A.Decl): ExprSite[] {
  return [segment.when, segment.where]
    .filter((e): e is A.Expr => e !== undefined)
    .map((expr) => ({ expr, decl }));
}

/** Visits an expression and everything inside it, parents first. */
export function visitExpr(expr: A.Expr, visit: (expr: A.Expr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case 'list':
      for (const item of expr.items) visitExpr(item, visit);
      break;
    case 'call':
      for (const arg of expr.args) visitExpr(arg, visit);
      if (expr.where) visitExpr(expr.where, visit);
      break;
    case 'binary':
      visitExpr(expr.left, visit);
      visitExpr(expr.right, visit);
      break;
    case 'unary':
      visitExpr(expr.operand, visit);
      break;
    default:
      break;
  }
}

/** The top-level declaration whose range holds the position. */
export function declarationAt(file: A.KliFile, position: Position): A.Decl | undefined {
  return file.decls.find((decl) => containsPosition(decl.range, position));
}
