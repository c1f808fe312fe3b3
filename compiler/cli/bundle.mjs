// `npm run build`, after tsc: the CLI as one esbuild bundle in dist/cli/. Importing chevrotain as
// unbundled ESM costs ~0.4 s of start-up; bundled, ~20 ms. Commands that load heavy modules (run,
// lsp, explain…) import them lazily: code splitting keeps each in its own chunk, loaded on use.
// @duckdb/node-api stays external: it loads a native addon.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = `${root}dist/cli`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { kli: `${root}compiler/cli/index.ts` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@duckdb/node-api'],
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as kliCreateRequire } from 'node:module'; const require = kliCreateRequire(import.meta.url);",
  },
  // Chunks sit beside kli.js: modules find package.json and library/std relative to themselves.
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});
