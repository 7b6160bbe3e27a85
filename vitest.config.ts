import { defineConfig } from 'vitest/config';

// Two suites: `unit` needs nothing but Node and the npm packages (runs on a fresh machine
// without ../shared); `interop` checks our output with outside tools (pdfsig, qpdf, openssl,
// certutil) and fails — never skips — when one is missing.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // hoso verify over ../shared/corpus (third-party signed files); needs ../shared
          name: 'corpus',
          include: ['tests/corpus/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          // The registry suite again, on a real PostgreSQL server: HOSO_TEST_PG is an admin URL
          // (CI starts a cluster, .ci/run); fails, never skips, without it.
          name: 'postgres',
          include: ['tests/postgres/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // hoso serve seen by a real browser (Debian chromium, playwright-core); fails without it.
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'interop',
          include: ['tests/interop/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
