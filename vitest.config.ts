import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    // The slowest files are listed before the default reporter's summary, which stays the last lines.
    reporters: ['./test/helpers/slowest-files.ts', 'default'],
  },
});
