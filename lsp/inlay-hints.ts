import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver/node.js';
import type * as A from '../language/ast.js';
import { comparePositions } from '../language/position.js';
import { rootExpressions, visitExpr } from './ast-walk.js';
import { letTypeText } from './describe.js';
import type { Analysis } from './workspace-index.js';

/**
 * Inlay hints where they help: a window written in weeks, months or years shows its length in days
 * (a month is 30 days, a year 365), and each `let` shows what it holds.
 */
export function inlayHints(analysis: Analysis, path: string, range: Range): InlayHint[] {
  const file = analysis.file(path);
  if (!file) return [];
  const lines = file.text.split('\n');
  const hints: InlayHint[] = [];
  const inRange = (r: Range) =>
    comparePositions(r.end, range.start) >= 0 && comparePositions(r.start, range.end) <= 0;
  const duration = (d: A.Duration | undefined) => {
    if (!d || !inRange(d.range)) return;
    const written = (lines[d.range.end.line] ?? '').slice(0, d.range.end.character);
    if (/days?$/.test(written)) return;
    hints.push({
      position: d.range.end,
      label: `= ${d.days} days`,
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
    });
  };
  const letType = (decl: A.LetDecl) => {
    if (!decl.name.text || !inRange(decl.name.range)) return;
    const type = letTypeText(analysis.model.types.get(decl.value));
    if (type) hints.push({ position: decl.name.range.end, label: `: ${type}`, kind: InlayHintKind.Type });
  };
  for (const decl of file.ast.decls) {
    if (!inRange(decl.range)) continue;
    if (decl.kind === 'let') letType(decl);
    if (decl.kind === 'kli') {
      duration(decl.window);
      decl.lets.forEach(letType);
    }
    for (const root of rootExpressions(decl)) {
      visitExpr(root.expr, (expr) => {
        if (expr.kind !== 'call' || !expr.window) return;
        if (expr.window.kind === 'over') duration(expr.window.length);
        else {
          duration(expr.window.from);
          duration(expr.window.to);
        }
      });
    }
  }
  return hints;
}
