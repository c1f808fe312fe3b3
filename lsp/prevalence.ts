import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunReport } from '../compiler/run.js';
import type { Manifest } from '../language/workspace.js';

export type Prevalence = { report: RunReport } | { error: string };

/**
 * How common each KLI and segment is on the workspace's sample data (`"sample"` in kli.json): one
 * real run through DuckDB, on the saved files, computed when a lens first asks and kept until a
 * file changes on disk.
 */
export class PrevalenceCache {
  private readonly runs = new Map<string, Promise<Prevalence>>();

  forWorkspace(root: string, sample: NonNullable<Manifest['sample']>): Promise<Prevalence> {
    let pending = this.runs.get(root);
    if (!pending) {
      pending = runSample(root, sample);
      this.runs.set(root, pending);
    }
    return pending;
  }

  invalidate(): void {
    this.runs.clear();
  }
}

async function runSample(root: string, sample: NonNullable<Manifest['sample']>): Promise<Prevalence> {
  const out = join(mkdtempSync(join(tmpdir(), 'kli-lsp-sample-')), 'out');
  try {
    // Loaded on use, like the CLI does: the server should not pay for DuckDB until a lens asks.
    const { run } = await import('../compiler/run.js');
    const result = await run({
      workspace: root,
      transactions: [resolve(root, sample.transactions)],
      ...(sample.customers ? { customers: resolve(root, sample.customers) } : {}),
      ...(sample.as_of ? { asOf: sample.as_of } : {}),
      out,
      format: 'csv',
      threads: 1,
    });
    if (result.ok) return { report: result.report };
    return { error: result.error ?? 'the saved workspace has errors' };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    rmSync(resolve(out, '..'), { recursive: true, force: true });
  }
}

/** `12.3% · 246 of 2,000 customers`, for a KLI or a segment key. */
export function prevalenceText(report: RunReport, key: string): string | undefined {
  const total = report.customers;
  const count =
    report.klis.find((k) => k.name === key)?.customers ??
    report.segments.find((s) => s.segment === key)?.customers;
  if (count === undefined) return undefined;
  const pct = total === 0 ? 0 : Math.round((count / total) * 1000) / 10;
  return `${pct}% · ${count.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} customers`;
}
