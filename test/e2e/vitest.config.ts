import { defineConfig } from 'vitest/config';

/**
 * The browser suite: Debian's Chromium driven by playwright-core against a real `patron serve`
 * on a fresh embedded database (see global-setup.ts). Run with `npm run test:e2e`.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    pool: 'forks',
    passWithNoTests: false,
  },
});
