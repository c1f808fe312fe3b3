#!/usr/bin/env node
// The kli command. The TypeScript is compiled to dist/ by `npm ci` (the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/compiler/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('kli is not built yet: run `npm run build` in the kli folder');
  process.exit(2);
}
await import(entry.href);
