import { existsSync, statSync } from 'node:fs';
import { check } from '../language/check.js';
import { formatDiagnostic, hasErrors } from '../language/diagnostics.js';
import { diffSnapshots, snapshotLibrary, type LibrarySnapshot } from '../language/diff.js';
import { loadWorkspace } from '../language/workspace.js';
import { diffReport, type DiffReport } from './diff-format.js';
import { dataImpact, type ImpactOptions } from './impact.js';
import { openRevision, RevisionError } from './revision.js';

export class DiffError extends Error {}

/** A library folder, checked, as a snapshot; a version with errors cannot be compared. */
export function snapshotFolder(root: string, label: string): LibrarySnapshot {
  const workspace = loadWorkspace(root);
  const { model, diagnostics } = check(workspace);
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
    throw new DiffError(`${label} has errors:\n${errors.map((d) => formatDiagnostic(d)).join('\n')}`);
  }
  return snapshotLibrary(workspace, model);
}

/**
 * `kli diff`: each side a folder or a git ref. A bare ref reads the library at the other side's
 * folder (or the current folder), as the ref has it.
 */
export async function diffLibraries(
  oldSpec: string,
  newSpec: string,
  options: { cwd?: string; impact?: ImpactOptions } = {},
): Promise<DiffReport> {
  const cwd = options.cwd ?? process.cwd();
  const folder = (spec: string) => existsSync(spec) && statSync(spec).isDirectory();
  const defaultPath = folder(newSpec) ? newSpec : folder(oldSpec) ? oldSpec : cwd;
  const opened = [];
  try {
    const old = openRevision(oldSpec, { cwd, defaultPath });
    opened.push(old);
    const next = openRevision(newSpec, { cwd, defaultPath });
    opened.push(next);
    const diff = diffSnapshots(snapshotFolder(old.root, old.label), snapshotFolder(next.root, next.label));
    const impact = options.impact ? await dataImpact(old.root, next.root, options.impact) : null;
    return diffReport(diff, { old: old.label, new: next.label }, impact);
  } catch (error) {
    if (error instanceof RevisionError) throw new DiffError(error.message);
    throw error;
  } finally {
    for (const revision of opened) revision.dispose();
  }
}
