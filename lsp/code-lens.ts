import type { CodeLens } from 'vscode-languageserver/node.js';
import type * as A from '../language/ast.js';
import type { Manifest } from '../language/workspace.js';
import { PrevalenceCache, prevalenceText } from './prevalence.js';
import type { Analysis } from './workspace-index.js';

export const commands = {
  runTest: 'kli.runTest',
  showSql: 'kli.showSql',
} as const;

interface PrevalenceLensData {
  root: string;
  key: string;
  sample: NonNullable<Manifest['sample']>;
}

/**
 * Lenses above KLIs, segments and tests: run the test, show the compiled SQL, and how common the
 * KLI or segment is on the workspace's sample data (resolved later: it needs a run).
 */
export function codeLenses(analysis: Analysis, path: string, uri: string): CodeLens[] {
  const file = analysis.file(path);
  if (!file) return [];
  const sample = analysis.workspace.manifest.sample;
  const lenses: CodeLens[] = [];
  const forRule = (key: string, range: A.Decl['range']) => {
    lenses.push({ range, command: { title: 'Show SQL', command: commands.showSql, arguments: [uri, key] } });
    if (sample?.transactions) {
      const data: PrevalenceLensData = { root: analysis.root, key, sample };
      lenses.push({ range, data });
    } else lenses.push({ range, command: { title: 'prevalence: configure sample data', command: '' } });
  };
  for (const decl of file.ast.decls) {
    if ((decl.kind === 'kli' || decl.kind === 'segment') && decl.name.text)
      forRule(decl.name.text, decl.name.range);
    if (decl.kind === 'segmentation' && decl.name.text) {
      for (const member of [...decl.members, ...(decl.otherwise ? [decl.otherwise] : [])])
        if (member.name.text) forRule(`${decl.name.text}.${member.name.text}`, member.name.range);
    }
    if (decl.kind === 'test' && decl.title.value)
      lenses.push({
        range: decl.title.range,
        command: { title: '▶ Run test', command: commands.runTest, arguments: [uri, decl.title.value] },
      });
  }
  return lenses;
}

export async function resolveCodeLens(lens: CodeLens, prevalence: PrevalenceCache): Promise<CodeLens> {
  const data = lens.data as PrevalenceLensData | undefined;
  if (lens.command || !data?.sample) return lens;
  const result = await prevalence.forWorkspace(data.root, data.sample);
  const title =
    'report' in result
      ? `prevalence ${prevalenceText(result.report, data.key) ?? 'unknown (save the file)'}`
      : `prevalence: ${result.error}`;
  return { ...lens, command: { title, command: '' } };
}
