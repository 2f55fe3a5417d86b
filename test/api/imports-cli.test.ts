import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

// `patron import` as a user runs it, on its own embedded data directory.
describe('patron import', () => {
  let dir: string;
  let env: Record<string, string>;
  const file = async (name: string, text: string) => {
    const target = path.join(dir, name);
    await fs.writeFile(target, text);
    return target;
  };
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'patron-import-cli-'));
    env = { PATRON_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' };
    const created = await runCli(['org', 'create', '--name', 'Import Test AG', '--admin-email', 'root@import.example', '--admin-name', 'Ira Root', '--password', 'long-enough-pw', '--currency', 'EUR'], env);
    expect(created.code).toBe(0);
  }, 60_000);
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('imports accounts and products first, then transactions, and says what it did (exit 0)', async () => {
    const accounts = await file('accounts.csv', 'externalId,name,country\nCLI-1,Cli One,DE\nCLI-2,Cli Two,AT\n');
    const products = await file('products.csv', 'sku;name;listPrice\nCLI-P;Pump;10.00\n');
    const lines = await file('lines.csv', 'externalId,accountExternalId,productSku,bookedOn,amount\nL-1,CLI-1,CLI-P,2026-01-05,100.00\nL-2,CLI-2,,2026-01-06,50.00\n');
    const result = await runCli(['import', 'transactions', lines, '--accounts', accounts, '--products', products], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('accounts.csv (accounts): applied — read 2, created 2, updated 0, unchanged 0, rejected 0');
    expect(result.stdout).toContain('products.csv (products): applied — read 1, created 1');
    expect(result.stdout).toContain('lines.csv (transactions): applied — read 2, created 2');
    const again = await runCli(['import', 'accounts', accounts], env);
    expect(again.stdout).toContain('created 0, updated 0, unchanged 2');
  }, 60_000);

  it('lists each rejected row and exits 1; writes the rest with --skip-invalid', async () => {
    const bad = await file('bad.csv', 'externalId,name,stage\nCLI-3,Three,active\nCLI-4,Four,sleeping\nCLI-5,,\n');
    const rejected = await runCli(['import', 'accounts', bad], env);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toContain('bad.csv (accounts): rejected — read 3, created 0, updated 0, unchanged 0, rejected 2');
    expect(rejected.stdout).toContain('row 3, stage "sleeping": is not one of prospect, onboarding, active, at_risk, churned');
    expect(rejected.stdout).toContain('row 4, name: is required');
    expect(rejected.stderr).toMatch(/rejected: nothing from bad.csv was written/);
    const skipped = await runCli(['import', 'accounts', bad, '--skip-invalid'], env);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('applied — read 3, created 1, updated 0, unchanged 0, rejected 2');
  }, 60_000);

  it('answers usage errors with exit 2 and lists the columns in --help', async () => {
    expect((await runCli(['import', 'widgets', 'x.csv'], env)).code).toBe(2);
    expect((await runCli(['import', 'accounts'], env)).code).toBe(2);
    const missing = await runCli(['import', 'accounts', path.join(dir, 'nope.csv')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No file');
    const pdf = await file('doc.pdf', '%PDF');
    expect((await runCli(['import', 'accounts', pdf], env)).code).toBe(2);
    const help = await runCli(['import', '--help'], env);
    expect(help.code).toBe(0);
    for (const column of ['parentExternalId', 'reportsToExternalId', 'listPrice', 'bookedOn']) expect(help.stdout).toContain(column);
  }, 60_000);
});
