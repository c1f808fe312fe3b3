import { existsSync, renameSync, rmSync } from 'node:fs';

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
