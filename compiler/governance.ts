import { check, type CheckedModel } from '../language/check.js';
import { hasErrors, makeDiagnostic, type Diagnostic } from '../language/diagnostics.js';
import { snapshotLibrary } from '../language/diff.js';
import { baselineDiagnostics, verifyLock } from '../language/lock.js';
import { emptyRange } from '../language/position.js';
import { loadWorkspace, type Workspace } from '../language/workspace.js';
import { openRevision, RevisionError } from './revision.js';

/**
 * What `kli check` adds to the checker's diagnostics: kli.lock verified when present and, with
 * `--baseline <folder|git-ref>`, the library's own breaking changes against its version number.
 */
export function governanceDiagnostics(
  workspace: Workspace,
  model: CheckedModel,
  baseline?: string,
): Diagnostic[] {
  const diagnostics = verifyLock(workspace, model);
  if (baseline === undefined) return diagnostics;
  const manifest = `${workspace.root}/kli.json`;
  let revision;
  try {
    revision = openRevision(baseline, { cwd: workspace.root, defaultPath: workspace.root });
  } catch (error) {
    if (!(error instanceof RevisionError)) throw error;
    return [
      ...diagnostics,
      makeDiagnostic('manifest-error', manifest, emptyRange, `--baseline: ${error.message}`),
    ];
  }
  try {
    const old = loadWorkspace(revision.root);
    const checked = check(old);
    if (hasErrors(checked.diagnostics))
      return [
        ...diagnostics,
        makeDiagnostic(
          'manifest-error',
          manifest,
          emptyRange,
          `--baseline ${revision.label} has errors (\`kli check\` it): it cannot be compared`,
        ),
      ];
    return [...diagnostics, ...baselineDiagnostics(workspace, model, snapshotLibrary(old, checked.model))];
  } finally {
    revision.dispose();
  }
}
