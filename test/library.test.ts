import { describe, expect, it } from 'vitest';
import { check } from '../language/check.js';
import { loadWorkspace, standardLibraryRoot } from '../language/workspace.js';
import { runTests } from '../compiler/test-runner.js';

describe('the standard library', () => {
  it('checks without a diagnostic', () => {
    const { diagnostics } = check(loadWorkspace(standardLibraryRoot()));
    expect(diagnostics.map((d) => `${d.file}:${d.range.start.line + 1}: ${d.code} ${d.message}`)).toEqual([]);
  });

  it('passes its own test blocks on a real DuckDB', async () => {
    const { results, diagnostics } = await runTests(standardLibraryRoot());
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(results.length).toBeGreaterThan(10);
    const failures = results
      .filter((r) => !r.passed)
      .map((r) => `${r.title}: ${r.failures.map((f) => f.message).join('; ')}`);
    expect(failures).toEqual([]);
  });

  it('gives every KLI and segment at least one test', () => {
    const { model } = check(loadWorkspace(standardLibraryRoot()));
    const tested = new Set(
      model.tests.flatMap(({ decl }) =>
        decl.expectations.map((e) => e.target.parts.map((p) => p.text).join('.')),
      ),
    );
    const untested = [
      ...model.klis,
      ...model.segments,
      ...model.segmentations.flatMap((s) => [...s.children.values()]),
    ]
      .map((s) => s.key)
      .filter((key) => ![...tested].some((t) => t === key || t.endsWith(`.${key}`)));
    expect(untested).toEqual([]);
  });
});
