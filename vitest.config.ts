import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Database-backed suites share one PostgreSQL; files run in parallel but each test makes its own company.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
