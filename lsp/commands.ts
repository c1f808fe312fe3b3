import { readFileSync } from 'node:fs';
import type { KliSymbol } from '../language/symbols.js';
import { compiledSql } from './compiled-sql.js';
import type { Analysis, WorkspaceIndex } from './workspace-index.js';

export interface TestOutcome {
  title: string;
  passed: boolean;
  failures: { message: string; line: number }[];
  /** Set when an open file has unsaved changes: the test ran on the saved files. */
  note?: string;
}

/** `kli.runTest`: runs one test of the workspace on DuckDB, as `kli test --filter` would. */
export async function runTest(
  index: WorkspaceIndex,
  analysis: Analysis,
  title: string,
): Promise<TestOutcome | { error: string }> {
  if (!analysis.manifestPath) return { error: 'tests run in a workspace: add a kli.json next to the file' };
  const { runTests } = await import('../compiler/test-runner.js');
  const outcome = await runTests(analysis.root, (t) => t === title);
  const result = outcome.results[0];
  if (!result) {
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
    return {
      error: errors.length
        ? `the workspace has ${errors.length} errors; fix them to run tests`
        : `no test "${title}"`,
    };
  }
  const unsaved = [...analysis.ownFiles].some((path) => {
    const open = index.document(path);
    if (!open) return false;
    try {
      return readFileSync(path, 'utf8') !== open.text;
    } catch {
      return true;
    }
  });
  return {
    title: result.title,
    passed: result.passed,
    failures: result.failures.map((f) => ({ message: f.message, line: f.range.start.line + 1 })),
    ...(unsaved ? { note: 'the test ran on the saved files; save to include your edits' } : {}),
  };
}

/** `kli.showSql`: the SQL a KLI, a segment or a `segmentation.member` compiles to. */
export function showSql(analysis: Analysis, key: string): string {
  const symbol = findRule(analysis, key);
  if (!symbol) return `-- no KLI or segment \`${key}\``;
  const compiled = compiledSql(analysis, symbol);
  return 'sql' in compiled ? compiled.sql : `-- ${compiled.unavailable}`;
}

function findRule(analysis: Analysis, key: string): KliSymbol | undefined {
  const model = analysis.model;
  const members = model.segmentations.flatMap((g) => [...g.children.values()]);
  return [...model.klis, ...model.segments, ...members].find((s) => s.key === key);
}
