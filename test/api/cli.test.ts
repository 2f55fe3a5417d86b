import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { runCli, startServer } from '../support/cli.ts';

// The CLI on the embedded data directory; the PostgreSQL run leaves this file out (vitest.config.ts).
describe('patron command line', { timeout: 120_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'patron-cli-'));
    env = { PATRON_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' };
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('creates an organisation and users, with usage errors as exit code 2', async () => {
    const created = await runCli(['org', 'create', '--name', 'Acme Industrial', '--admin-email', 'root@acme.example', '--admin-name', 'Ann Root', '--password', 'long-enough-pw', '--currency', 'EUR'], env);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created organisation .* with admin root@acme.example/);
    const added = await runCli(['user', 'add', '--email', 'k@acme.example', '--name', 'Kim', '--role', 'kam', '--manager', 'root@acme.example'], env);
    expect(added.code).toBe(0);
    expect((await runCli(['user', 'add', '--email', 'x@acme.example', '--name', 'X', '--role', 'emperor'], env)).code).toBe(2);
    expect((await runCli(['org', 'create', '--name', 'Missing options'], env)).code).toBe(2);
    expect((await runCli(['no-such-command'], env)).code).toBe(2);
    const duplicate = await runCli(['user', 'add', '--email', 'k@acme.example', '--name', 'Kim again', '--role', 'kam'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);
  });

  it('refuses a database migrated by a newer Patron', async () => {
    const newer = { ...env, PATRON_DATA_DIR: path.join(dir, 'newer') };
    expect((await runCli(['migrate'], newer)).code).toBe(0);
    const database = await openDatabase({ dataDir: newer.PATRON_DATA_DIR });
    await database.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', ${Date.now() + 365 * 86_400_000})`);
    await database.close();
    const refused = await runCli(['migrate'], newer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/migrated by a newer version of Patron/);
  });

  it('refuses a bad configuration value with a clear message', async () => {
    const result = await runCli(['migrate'], { ...env, PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT must be an integer');
  });

  it('serves; a second server on the same data directory refuses; SIGTERM stops cleanly', async () => {
    const server = await startServer([], env);
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'root@acme.example', password: 'long-enough-pw' }),
      });
      expect(login.status).toBe(200);
      const second = await runCli(['migrate'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/in use by another Patron process/);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    await expect(fs.access(`${env.PATRON_DATA_DIR}.lock`)).rejects.toThrow();
    expect((await runCli(['migrate'], env)).code).toBe(0);
  });
});
