import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node.js';
import { endLine, lexDocument, startLine } from './tokens.js';

/**
 * Folding from the tokens, so it works on text that does not parse: every `{ }` and `[ ]` that
 * spans lines, block comments, runs of line comments, and the imports.
 */
export function foldingRanges(text: string): FoldingRange[] {
  const { tokens, comments } = lexDocument(text);
  const ranges: FoldingRange[] = [];
  const open: { line: number; close: string }[] = [];
  const closers: Record<string, string> = { LBrace: 'RBrace', LBracket: 'RBracket' };
  for (const token of tokens) {
    const name = token.tokenType.name;
    const closer = closers[name];
    if (closer) open.push({ line: startLine(token), close: closer });
    else if (name === 'RBrace' || name === 'RBracket') {
      const index = open.map((o) => o.close).lastIndexOf(name);
      if (index === -1) continue;
      const [opened] = open.splice(index);
      // The closing line stays visible, as editors expect.
      if (opened && startLine(token) - 1 > opened.line)
        ranges.push({ startLine: opened.line, endLine: startLine(token) - 1 });
    }
  }
  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (run && run.end > run.start)
      ranges.push({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const comment of comments) {
    if (comment.tokenType.name === 'BlockComment') {
      flush();
      if (endLine(comment) > startLine(comment))
        ranges.push({
          startLine: startLine(comment),
          endLine: endLine(comment),
          kind: FoldingRangeKind.Comment,
        });
      continue;
    }
    const line = startLine(comment);
    if (run && line === run.end + 1) run.end = line;
    else {
      flush();
      run = { start: line, end: line };
    }
  }
  flush();
  const imports = tokens.filter((t) => t.tokenType.name === 'Kw_import').map(startLine);
  const [firstImport] = imports;
  const lastImport = imports[imports.length - 1];
  if (firstImport !== undefined && lastImport !== undefined && lastImport > firstImport)
    ranges.push({ startLine: firstImport, endLine: lastImport, kind: FoldingRangeKind.Imports });
  return ranges;
}
