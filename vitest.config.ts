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
    // Vitest's default, stated because the suites rely on it: beforeAll hooks run one after another
    // in order, afterAll hooks in reverse, so a suite's own setup declared after useTestServer
    // (test/helpers/app.ts) finds the server up, and its teardown runs before the server closes.
    sequence: { hooks: 'stack' },
  },
});
