import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

/**
 * Makes a fully written staging folder the output folder, so readers see the old outputs or the
 * new ones, never a mix: two renames, and the old folder is put back if the second one fails.
 */
export function swapIn(staging: string, out: string): void {
  const retired = `${staging}-previous`;
  const hadPrevious = existsSync(out);
  if (hadPrevious) renameSync(out, retired);
  try {
    renameSync(staging, out);
  } catch (error) {
    if (hadPrevious) renameSync(retired, out);
    throw error;
  }
  if (hadPrevious) rmSync(retired, { recursive: true, force: true });
}

/**
 * Why `out` must not be replaced wholesale, or undefined when it may: it has to be new, empty, or
 * hold `marker` from an earlier output of the same command, and must not contain the workspace.
 */
export function refusalToReplace(
  out: string,
  workspaceRoot: string,
  marker: string,
  earlier: string,
): string | undefined {
  const root = resolve(workspaceRoot);
  if (root === out || root.startsWith(out + sep)) return `--out ${out} would replace the workspace itself`;
  if (!existsSync(out)) return undefined;
  if (!statSync(out).isDirectory()) return `--out ${out} exists and is not a folder`;
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes(marker))
    return `refusing to replace ${out}: it is not empty and holds no ${earlier} (${marker}); choose another --out`;
  return undefined;
}
