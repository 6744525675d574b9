import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds dist/, which bin/chatlens.js runs (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    // Database-backed suites share one PostgreSQL; files run in parallel but each test makes its own company.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
