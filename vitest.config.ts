import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The kli processes the tests start keep their parse cache here, not in the user's ~/.cache.
    env: { KLI_CACHE_DIR: mkdtempSync(join(tmpdir(), 'kli-test-cache-')) },
  },
});
