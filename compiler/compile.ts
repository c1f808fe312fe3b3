import { check, type CheckedModel } from '../language/check.js';
import { hasErrors, makeDiagnostic, type Diagnostic } from '../language/diagnostics.js';
import { emptyRange } from '../language/position.js';
import { loadWorkspace, type LoadOptions, type Workspace } from '../language/workspace.js';
import { lower, LowerError } from './lower.js';
import { canonicalSource, type Plan } from './plan.js';

export interface Compiled {
  workspace: Workspace;
  model: CheckedModel;
  diagnostics: Diagnostic[];
  /** Present when there are no errors. */
  plan?: Plan;
}

/**
 * Load, check and lower a workspace: the front half every command that runs or emits SQL shares.
 * Those commands act on errors only, so the overlap analyses (warnings and notes) are left to
 * `kli check` and the editor.
 */
export function compileWorkspace(
  root: string,
  options: { source?: string; canonicalSource?: boolean } & LoadOptions = {},
): Compiled {
  const workspace = loadWorkspace(root, options);
  const { model, diagnostics } = check(workspace, { overlaps: false });
  if (hasErrors(diagnostics)) return { workspace, model, diagnostics };
  try {
    const plan = lower(
      workspace,
      model,
      options.canonicalSource ? {} : options.source ? { source: options.source } : {},
    );
    if (options.canonicalSource)
      plan.source = { ...canonicalSource, columns: { ...canonicalSource.columns } };
    return { workspace, model, diagnostics, plan };
  } catch (error) {
    if (error instanceof LowerError) {
      // Lowering fails only on a name the manifest or a flag gave (an unknown `source`).
      const unknown = makeDiagnostic('unknown-name', `${workspace.root}/kli.json`, emptyRange, error.message);
      return { workspace, model, diagnostics: [...diagnostics, unknown] };
    }
    throw error;
  }
}
