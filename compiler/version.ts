import { readFileSync } from 'node:fs';

/** The version in package.json, read once: one source of truth for `--version` and reports. */
export const kliVersion: string = (
  JSON.parse(
    readFileSync(
      new URL(import.meta.url.includes('/dist/') ? '../../package.json' : '../package.json', import.meta.url),
      'utf8',
    ),
  ) as {
    version: string;
  }
).version;
