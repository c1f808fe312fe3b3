// Bundles the client (dist/extension.js) and the language server of the repository (dist/server.js) into one
// CommonJS file each, and copies the standard library beside them: the .vsix needs no node_modules at run time.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const kliVersion = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).version;

rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  external: ['vscode'],
});

await build({
  ...common,
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.js',
  // DuckDB is a native addon: features that need it (running tests, sample data) go through the kli CLI.
  external: ['@duckdb/node-api'],
  // The sources are ESM and find the standard library from import.meta.url.
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
  plugins: [
    {
      // compiler/version.ts reads the root package.json at load time; the bundle carries the version instead.
      name: 'kli-version',
      setup(b) {
        b.onLoad({ filter: /compiler[\\/]version\.ts$/ }, () => ({
          contents: `export const kliVersion = ${JSON.stringify(kliVersion)};`,
          loader: 'ts',
        }));
      },
    },
  ],
});

// standardLibraryRoot() looks for library/std next to the module, then in its parents.
cpSync(new URL('library/std', root), 'dist/library/std', { recursive: true });
// The packaged README (vsce --readme-path): links into the repository do not resolve inside a .vsix.
const readme = readFileSync('README.md', 'utf8')
  .replace(/^!\[[^\]]*\]\(\.\.\/[^)]*\)\n\n/gm, '')
  .replace(/\[([^\]]*)\]\(\.\.\/[^)]*\)/g, '$1');
writeFileSync('dist/README.md', readme);

console.log(`built dist/extension.js, dist/server.js (kli ${kliVersion}) and dist/library/std`);
