// `npm run build`, after tsc: the CLI as one esbuild bundle in dist/cli/. Importing chevrotain as
// unbundled ESM costs ~0.4 s of start-up; bundled, ~20 ms. Commands that load heavy modules (run,
// lsp, explain…) import them lazily: code splitting keeps each in its own chunk, loaded on use.
// @duckdb/node-api stays external: it loads a native addon.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = `${root}dist/cli`;
rmSync(outdir, { recursive: true, force: true });

// The parse cache (language/parse-cache.ts) keys entries on this too, so a changed front end (or
// Chevrotain) misses the cache even when the version in package.json stays the same.
const parserFingerprint = createHash('sha256');
const frontEnd = readdirSync(`${root}language`).filter((name) => name.endsWith('.ts'));
for (const file of frontEnd.sort())
  parserFingerprint.update(file).update(readFileSync(`${root}language/${file}`));
parserFingerprint.update(readFileSync(`${root}node_modules/chevrotain/package.json`));
await build({
  entryPoints: { kli: `${root}compiler/cli/index.ts` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@duckdb/node-api'],
  define: { KLI_PARSER_FINGERPRINT: JSON.stringify(parserFingerprint.digest('hex').slice(0, 16)) },
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as kliCreateRequire } from 'node:module'; const require = kliCreateRequire(import.meta.url);",
  },
  // Chunks sit beside kli.js: modules find package.json and library/std relative to themselves.
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});

// The check cache (compiler/check-cache.ts) keys entries on a hash of the whole bundle, so any change
// to the checker misses. Written last, and atomically: a failed build leaves none, and no cache.
const bundleFingerprint = createHash('sha256');
for (const name of readdirSync(outdir).sort())
  bundleFingerprint.update(name).update(readFileSync(`${outdir}/${name}`));
writeFileSync(`${outdir}/fingerprint.tmp`, bundleFingerprint.digest('hex').slice(0, 16));
renameSync(`${outdir}/fingerprint.tmp`, `${outdir}/fingerprint`);
