import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { createEmptyDatabase } from '../support/database.ts';
import { crashRuns, RUNS } from './harness.ts';

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
beforeAll(async () => {
  database = await createEmptyDatabase('postgres');
});
afterAll(() => database?.drop());

describe('PostgreSQL behind patron serve survives SIGKILL', () => {
  it(`keeps every acknowledged write and nothing half-written over ${RUNS} kills`, async () => {
    const url = database.url!;
    const report = await crashRuns({ env: { DATABASE_URL: url }, open: () => openDatabase({ databaseUrl: url, poolSize: 2 }) });
    console.log(`crash postgres: ${JSON.stringify(report)}`);
    expect(report.acknowledgedLines).toBeGreaterThan(0);
    expect(report.acknowledgedImports).toBeGreaterThan(0);
  });
});
