import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    // Test files share a worker and its loaded modules (astro, ajv, the CLI) instead of one fresh
    // process each: no test relies on fresh module state (no mocks), and this saves a start per file.
    isolate: false,
    // The slowest files are listed before the default reporter's summary, which stays the last lines.
    reporters: ['./test/helpers/slowest-files.ts', 'default'],
  },
});
