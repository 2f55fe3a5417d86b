import { configDefaults, defineConfig } from 'vitest/config';

// CI asks for a JSON report as well, to print one closing "N passed, N failed" line over all suites.
const jsonReport = process.env.PATRON_TEST_REPORT;

export default defineConfig({
  test: {
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          // Files about the embedded data directory itself run on PGlite only.
          exclude: [...configDefaults.exclude, ...(process.env.PATRON_TEST_DB === 'postgres' ? ['test/api/cli.test.ts', 'test/api/reports-cli.test.ts'] : [])],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
    passWithNoTests: false,
  },
});
