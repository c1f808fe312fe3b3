import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/** One side of a diff or a baseline: a folder as it is, or a library as a git ref has it. */
export interface Revision {
  root: string;
  /** How to name it to people: the folder, or `ref:path`. */
  label: string;
  /** Removes what was extracted; a folder is left alone. */
  dispose(): void;
}

export class RevisionError extends Error {}

/**
 * `spec` is a folder, or a git ref (`main~3`, `v1.2.0`) optionally with a path inside the repository
 * (`v1.2.0:library/std`). A bare ref means the library at `defaultPath` (a folder), as the ref has it.
 * The whole tree is extracted, so dependencies by relative path resolve as they did at that ref.
 */
export function openRevision(spec: string, options: { cwd: string; defaultPath: string }): Revision {
  if (existsSync(spec) && statSync(spec).isDirectory())
    return { root: resolve(spec), label: spec, dispose: () => undefined };
  const colon = spec.indexOf(':');
  const ref = colon >= 0 ? spec.slice(0, colon) : spec;
  const git = (args: string[], cwd = options.cwd) =>
    execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel']).toString().trim();
  } catch {
    throw new RevisionError(
      `"${spec}" is not a folder, and ${options.cwd} is not in a git repository to read it as a ref from`,
    );
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new RevisionError(`"${spec}" is not a folder, and "${ref}" is not a known git ref in ${top}`);
  }
  const path =
    colon >= 0
      ? spec.slice(colon + 1).replace(/^\/+/, '')
      : relative(realpathSync(top), realpathSync(resolve(options.defaultPath)));
  const extracted = mkdtempSync(join(tmpdir(), 'kli-rev-'));
  try {
    const archive = git(['archive', '--format=tar', ref], top);
    execFileSync('tar', ['-x', '-C', extracted], { input: archive, stdio: ['pipe', 'ignore', 'pipe'] });
  } catch (error) {
    rmSync(extracted, { recursive: true, force: true });
    throw new RevisionError(`could not extract ${ref}: ${(error as Error).message.split('\n')[0]}`);
  }
  const root = join(extracted, path);
  if (!existsSync(join(root, 'kli.json'))) {
    rmSync(extracted, { recursive: true, force: true });
    throw new RevisionError(`${ref} has no kli.json at ${path || 'the repository root'}`);
  }
  return {
    root,
    label: `${ref}:${path}`,
    dispose: () => rmSync(extracted, { recursive: true, force: true }),
  };
}
