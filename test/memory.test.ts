import { describe, expect, it } from 'vitest';
import { Engine } from '../compiler/duckdb.js';
import { duckdbMemoryLimit, duckdbShare, parseSize } from '../compiler/memory.js';

describe('--memory-limit: the budget of the whole run, of which DuckDB gets a share', () => {
  it('reads sizes as DuckDB writes them, and nothing else', () => {
    expect(parseSize('4GB')).toBe(4e9);
    expect(parseSize('2.5gb')).toBe(2.5e9);
    expect(parseSize('4GiB')).toBe(4 * 2 ** 30);
    expect(parseSize(' 512 MiB ')).toBe(512 * 2 ** 20);
    expect(parseSize('100000b')).toBe(100_000);
    for (const bad of ['4', '4 gigs', 'GB', '-1GB', '0GB', '4GBs', '1e3MB', ''])
      expect(parseSize(bad), bad).toBeNull();
  });

  it("gives DuckDB's buffer pool its share of the budget", async () => {
    expect(duckdbShare).toBeGreaterThan(0);
    expect(duckdbShare).toBeLessThan(1);
    expect(duckdbMemoryLimit(4 * 2 ** 30)).toBe(`${Math.floor(4 * 1024 * duckdbShare)}MiB`);
    const engine = await Engine.open({ memoryLimit: duckdbMemoryLimit(parseSize('2GiB')!) });
    try {
      // DuckDB reports the limit back in its own units.
      const setting = await engine.value<string>(`SELECT current_setting('memory_limit')`);
      expect(setting).toBe(`${((2 * 1024 * duckdbShare) / 1024).toFixed(1)} GiB`);
    } finally {
      engine.close();
    }
  });
});
