#!/usr/bin/env node
// The kli command. `npm run build` (the prepare script, run by `npm ci`) compiles the TypeScript to
// dist/ and bundles the CLI into dist/cli/kli.js, which starts several times faster.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/kli.js', import.meta.url);
const modules = new URL('../dist/compiler/cli/index.js', import.meta.url);
const entry = existsSync(bundle) ? bundle : modules;
if (!existsSync(entry)) {
  console.error('kli is not built yet: run `npm run build` in the kli folder');
  process.exit(2);
}
await import(entry.href);
