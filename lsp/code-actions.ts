import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node.js';
import type * as A from '../language/ast.js';
import { refText } from '../language/check.js';
import { kliLexer } from '../language/scanner.js';
import { comparePositions, containsPosition } from '../language/position.js';
import { declarationAt, rootExpressions, visitExpr } from './ast-walk.js';
import type { Analysis } from './workspace-index.js';

/** What the checker puts in `data` for its fixes. */
interface FixData {
  suggestion?: string;
  missingImport?: string;
}

/**
 * Quick fixes for the checker's diagnostics ("did you mean", a missing import) and one refactoring:
 * a `where` filter written more than once becomes a `let`.
 */
export function codeActions(
  analysis: Analysis,
  path: string,
  uri: string,
  range: Range,
  diagnostics: LspDiagnostic[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  const file = analysis.file(path);
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'kli') continue;
    const data = (diagnostic.data ?? {}) as FixData;
    if (data.suggestion) {
      actions.push({
        title: `Change to \`${data.suggestion}\``,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: diagnostic.range, newText: data.suggestion }] } },
      });
    }
    if (data.missingImport && file) {
      actions.push({
        title: `Add \`import ${data.missingImport}\``,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [uri]: [addImport(file.ast, data.missingImport)] } },
      });
    }
  }
  if (file) {
    const extract = extractFilter(analysis, file.ast, file.text, range);
    if (extract) actions.push({ ...extract, edit: { changes: { [uri]: extract.edits } } });
  }
  return actions;
}

/** `import x` after the last import, else after `package`, else at the top. */
function addImport(file: A.KliFile, packageName: string): TextEdit {
  const anchor = file.imports[file.imports.length - 1] ?? file.packageName;
  if (!anchor)
    return {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      newText: `import ${packageName}\n`,
    };
  const end = anchor.range.end;
  return { range: { start: end, end }, newText: `\nimport ${packageName}` };
}

interface FilterUse {
  call: Extract<A.Expr, { kind: 'call' }>;
  where: A.Expr;
  /** The filter as written, parentheses included (an expression's range starts inside a leading `(`). */
  range: Range;
  decl: A.Decl;
  kli?: A.KliDecl;
}

/** The same filter, however it is spaced: its tokens. */
function filterKey(text: string): string {
  return kliLexer
    .tokenize(text)
    .tokens.map((t) => t.image)
    .join(' ');
}

/** From after `where` to the `)` that closes the call, found in the tokens of the call's text. */
function filterRange(lines: string[], call: Extract<A.Expr, { kind: 'call' }>): Range | undefined {
  const text = textOf(lines, call.range);
  let depth = 0;
  let start: number | undefined;
  for (const token of kliLexer.tokenize(text).tokens) {
    const name = token.tokenType.name;
    if (name === 'LParen') depth++;
    else if (name === 'RParen' && --depth === 0) {
      if (start === undefined) return undefined;
      return {
        start: positionIn(text, start, call.range.start),
        end: positionIn(text, token.startOffset, call.range.start),
      };
    } else if (name === 'Kw_where' && depth === 1 && start === undefined) {
      start = token.startOffset + token.image.length;
      while (/\s/.test(text[start] ?? '')) start++;
    }
  }
  return undefined;
}

function positionIn(text: string, offset: number, origin: Range['start']): Range['start'] {
  const before = text.slice(0, offset).split('\n');
  const line = origin.line + before.length - 1;
  const last = before[before.length - 1] ?? '';
  return { line, character: before.length === 1 ? origin.character + last.length : last.length };
}

function textOf(lines: string[], range: A.Expr['range']): string {
  if (range.start.line === range.end.line)
    return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  const parts = [(lines[range.start.line] ?? '').slice(range.start.character)];
  for (let line = range.start.line + 1; line < range.end.line; line++) parts.push(lines[line] ?? '');
  parts.push((lines[range.end.line] ?? '').slice(0, range.end.character));
  return parts.join('\n');
}

function extractFilter(
  analysis: Analysis,
  file: A.KliFile,
  text: string,
  range: Range,
): { title: string; kind: string; edits: TextEdit[] } | undefined {
  const decl = declarationAt(file, range.start);
  if (!decl) return undefined;
  const lines = text.split('\n');
  // Code actions are asked for at every cursor move: compare filters by their spaced-out text first,
  // and find the exact extent (a leading `(` included) only of those that match.
  const calls: { call: Extract<A.Expr, { kind: 'call' }>; where: A.Expr; decl: A.Decl; kli?: A.KliDecl }[] =
    [];
  for (const declaration of file.decls) {
    for (const root of rootExpressions(declaration)) {
      visitExpr(root.expr, (expr) => {
        if (expr.kind === 'call' && expr.where && expr.where.kind !== 'error')
          calls.push({
            call: expr,
            where: expr.where,
            decl: declaration,
            ...(root.kli ? { kli: root.kli } : {}),
          });
      });
    }
  }
  const roughly = (where: A.Expr) => textOf(lines, where.range).replace(/\s+/g, ' ');
  const around = calls
    .filter((c) => c.decl === decl && containsPosition(c.call.range, range.start))
    .sort((a, b) => comparePositions(b.call.range.start, a.call.range.start))[0];
  if (!around) return undefined;
  const rough = roughly(around.where);
  const uses: FilterUse[] = [];
  for (const candidate of calls) {
    if (roughly(candidate.where) !== rough) continue;
    const extent = filterRange(lines, candidate.call);
    if (extent) uses.push({ ...candidate, range: extent });
  }
  const chosen = uses.find((u) => u.call === around.call && containsPosition(u.range, range.start));
  if (!chosen) return undefined;
  const key = filterKey(textOf(lines, chosen.range));
  const same = uses.filter((u) => filterKey(textOf(lines, u.range)) === key);
  if (same.length < 2) return undefined;

  const oneKli = same.every((u) => u.kli && u.kli === chosen.kli) ? chosen.kli : undefined;
  const readsLocals = same.some((u) => {
    let local = false;
    visitExpr(u.where, (e) => {
      if (e.kind === 'ref' && analysis.model.resolutions.get(e.ref)?.kind === 'local') local = true;
    });
    return local;
  });
  if (readsLocals && !oneKli) return undefined;
  const packageScope = analysis.model.packages.get(file.packageName ? refText(file.packageName) : '');
  const taken = (name: string) =>
    (packageScope?.has(name) ?? false) ||
    same.some((u) => u.kli?.lets.some((l) => l.name.text === name)) ||
    (oneKli?.lets.some((l) => l.name.text === name) ?? false);
  const name = uniqueName(suggestedName(chosen.where), taken);

  const edits: TextEdit[] = same.map((u) => ({ range: u.range, newText: name }));
  // The let reads as the filter was first written.
  const first = [...same].sort((a, b) => comparePositions(a.range.start, b.range.start))[0]!;
  const oneLine = textOf(lines, first.range).replace(/\s*\n\s*/g, ' ');
  if (oneKli) {
    const firstLine = Math.min(...same.map((u) => u.range.start.line));
    const clause = [...oneKli.lets.map((l) => l.range), oneKli.when?.range, oneKli.score?.range]
      .filter((r): r is A.Expr['range'] => r !== undefined)
      .filter((r) => r.start.line <= firstLine)
      .sort((a, b) => b.start.line - a.start.line)[0];
    const line = clause ? clause.start.line : firstLine;
    const indent = /^\s*/.exec(lines[line] ?? '')?.[0] ?? '  ';
    edits.push({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      newText: `${indent}let ${name} = ${oneLine}\n`,
    });
  } else {
    const firstDecl = same
      .map((u) => u.decl)
      .sort((a, b) => comparePositions(a.range.start, b.range.start))[0]!;
    let line = firstDecl.range.start.line;
    while (line > 0 && /^\s*\/\/\//.test(lines[line - 1] ?? '')) line--;
    edits.push({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      newText: `let ${name} = ${oneLine}\n\n`,
    });
  }
  return {
    title: `Extract the repeated filter into \`let ${name}\` (${same.length} uses)`,
    kind: CodeActionKind.RefactorExtract,
    edits,
  };
}

/** A name from what the filter is about: `category under home` → `home_txns`. */
function suggestedName(filter: A.Expr): string {
  let subject: string | undefined;
  visitExpr(filter, (expr) => {
    if (subject || expr.kind !== 'binary' || expr.left.kind !== 'ref') return;
    const field = expr.left.ref.parts[0]?.text;
    const right = expr.right.kind === 'list' ? expr.right.items[0] : expr.right;
    if ((field === 'category' || field === 'merchant') && right?.kind === 'ref')
      subject = right.ref.parts[right.ref.parts.length - 1]?.text;
  });
  return `${subject ?? 'matching'}_txns`;
}

function uniqueName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}_${n}`)) return `${base}_${n}`;
}
