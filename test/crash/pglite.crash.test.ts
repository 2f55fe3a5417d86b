import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { crashRuns, RUNS } from './harness.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patron-crash-'));
const dataDir = path.join(dir, 'data');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the embedded database (PGlite) survives SIGKILL', () => {
  it(`keeps every acknowledged write and nothing half-written over ${RUNS} kills`, async () => {
    const report = await crashRuns({ env: { PATRON_DATA_DIR: dataDir, DATABASE_URL: '' }, open: () => openDatabase({ dataDir }) });
    console.log(`crash pglite: ${JSON.stringify(report)}`);
    expect(report.acknowledgedLines).toBeGreaterThan(0);
    expect(report.acknowledgedImports).toBeGreaterThan(0);
  });
});
