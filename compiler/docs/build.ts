import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../../language/diagnostics.js';
import { compileWorkspace } from '../compile.js';
import { refusalToReplace, swapIn } from '../swap.js';
import { assets } from './assets.js';
import { collectCatalog, type Catalog } from './catalog.js';
import { renderPages } from './pages.js';

/** Written into every catalog, so `--out` is only ever replaced when it holds an earlier one. */
const marker = '.kli-docs';

export interface DocsResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  error?: string;
  catalog?: Catalog;
  files?: number;
  bytes?: number;
}

/** Builds the static HTML catalog of a workspace into `out`: staged beside it, then swapped in. */
export function buildDocs(options: { workspace: string; out: string }): DocsResult {
  const compiled = compileWorkspace(options.workspace, { canonicalSource: true });
  if (!compiled.plan) return { ok: false, diagnostics: compiled.diagnostics };
  const out = resolve(options.out);
  const refusal = refusalToReplace(out, compiled.workspace.root, marker, 'earlier catalog');
  if (refusal) return { ok: false, diagnostics: compiled.diagnostics, error: refusal };
  const catalog = collectCatalog(compiled.workspace, compiled.model, compiled.plan);
  const pages = renderPages(catalog, [...assets, { path: marker, content: 'kli docs\n' }]);
  const staging = join(dirname(out), `.${basename(out)}.kli-docs-staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  let bytes = 0;
  try {
    for (const page of pages) {
      const path = join(staging, page.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, page.content);
      bytes += Buffer.byteLength(page.content);
    }
    swapIn(staging, out);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { ok: true, diagnostics: compiled.diagnostics, catalog, files: pages.length, bytes };
}
