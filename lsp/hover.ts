import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node.js';
import { compiledSql } from './compiled-sql.js';
import { describeLocal, describeSymbol, fieldDoc, functionDoc } from './describe.js';
import type { Analysis } from './workspace-index.js';

/** Hover: what a name is, from the reference list the checker recorded. */
export function hover(analysis: Analysis, path: string, position: Position): Hover | null {
  const occurrence = analysis.occurrences.at(path, position);
  if (occurrence) {
    const target = occurrence.target;
    let value: string;
    if (target.kind === 'local') value = describeLocal(target.decl, target.kli, analysis);
    else {
      const symbol = target.symbol;
      const compiled =
        symbol.kind === 'kli' || symbol.kind === 'segment' ? compiledSql(analysis, symbol) : undefined;
      value = describeSymbol(symbol, analysis, compiled && 'sql' in compiled ? compiled.sql : undefined);
      if (compiled && 'unavailable' in compiled) value += `\n\n_SQL: ${compiled.unavailable}_`;
    }
    return { contents: { kind: MarkupKind.Markdown, value }, range: occurrence.range };
  }
  const builtin = analysis.occurrences.builtinAt(path, position);
  if (!builtin) return null;
  let value: string | undefined;
  switch (builtin.kind) {
    case 'field':
      value = fieldDoc(builtin.name);
      break;
    case 'function':
      value = functionDoc(builtin.name);
      break;
    case 'uncategorized':
      value =
        '```kli\ncategory uncategorized\n```\n\nBuilt in: what neither a merchant nor the MCC fallback matched.';
      break;
    case 'package': {
      const files = analysis.files.filter(
        (f) => f.ast.packageName?.parts.map((p) => p.text).join('.') === builtin.name,
      );
      const names = analysis.model.packages.get(builtin.name)?.size ?? 0;
      value = `\`\`\`kli\npackage ${builtin.name}\n\`\`\`\n\n${names} declarations in ${files.length} file${files.length === 1 ? '' : 's'}`;
      break;
    }
  }
  return value ? { contents: { kind: MarkupKind.Markdown, value }, range: builtin.range } : null;
}
