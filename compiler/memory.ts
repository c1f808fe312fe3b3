/**
 * `kli run --memory-limit` is the budget of the whole process. DuckDB's own `memory_limit` bounds
 * only its buffer pool: at 50M rows a run peaked 1.0–1.7 GB above the pool (bench/README.md), in
 * memory the pool does not count (RE2's caches, writers' buffers) and in Node's. So the pool gets
 * a share of the budget and DuckDB spills to disk beyond it.
 */
export const duckdbShare = 0.5;

const units: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** A size as DuckDB writes them (`4GB` is 4·10⁹ bytes, `4GiB` 4·2³⁰), in bytes; null when it is not one. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)\s*$/i.exec(text);
  if (!match) return null;
  const bytes = Number(match[1]) * units[match[2]!.toLowerCase()]!;
  return bytes > 0 ? bytes : null;
}

/** DuckDB's `memory_limit` for a process budget: its share, in whole MiB. */
export function duckdbMemoryLimit(budgetBytes: number): string {
  return `${Math.max(1, Math.floor((budgetBytes * duckdbShare) / 2 ** 20))}MiB`;
}
