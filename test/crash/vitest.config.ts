import { defineConfig } from 'vitest/config';

/**
 * The crash suite (`npm run test:crash`): `patron serve` killed with SIGKILL at random moments,
 * on PGlite and on PostgreSQL (PATRON_TEST_DATABASE_URL), then the database checked. Slow by
 * nature, so it runs apart from `npm test`; CI runs it and counts its results.
 */
export default defineConfig({
  test: {
    name: 'crash',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/crash/**/*.crash.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    passWithNoTests: false,
  },
});
