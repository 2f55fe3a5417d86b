import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { createAccount } from '../../src/modules/accounts/service.ts';
import { createCase, getCase } from '../../src/modules/cases/service.ts';
import { createOrganisation } from '../../src/modules/users/service.ts';
import { createContext } from '../../src/modules/wiring.ts';
import { onPostgres } from '../support/database.ts';
import { runCli } from '../support/cli.ts';

let dir: string | undefined;
afterAll(() => (dir ? fs.rm(dir, { recursive: true, force: true }) : undefined));

describe.skipIf(onPostgres)('patron cases escalate', { timeout: 120_000 }, () => {
  it('escalates a case whose SLA passed, once; exit code 0', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'patron-cases-cli-'));
    const dataDir = path.join(dir, 'data');
    const database = await openDatabase({ dataDir });
    await database.migrate();
    const ctx = createContext({ database, db: database.db, clock: fixedClock('2026-01-05T08:00:00Z'), config: loadConfig({}) });
    const { orgId, user } = await createOrganisation(ctx, { orgName: 'Escalation Works', name: 'Ann Admin', email: 'ann@escalation.example', password: 'long-enough-pw', currency: 'EUR' });
    const actor = { orgId, userId: user.id, role: 'admin' as const, via: 'token' as const };
    const account = await createAccount(ctx, actor, { name: 'Late Customer' });
    const opened = await createCase(ctx, actor, account.id, { title: 'Outage', category: 'service', severity: 1 });
    await database.close();

    const env = { PATRON_DATA_DIR: dataDir, DATABASE_URL: '' };
    const first = await runCli(['cases', 'escalate'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Escalated 1 case.');
    const second = await runCli(['cases', 'escalate'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Escalated 0 cases.');
    expect((await runCli(['cases', 'escalate', '--bogus'], env)).code).toBe(2);

    const reopened = await openDatabase({ dataDir });
    const later = createContext({ database: reopened, db: reopened.db, clock: fixedClock('2026-01-05T12:00:01Z'), config: loadConfig({}) });
    // stored level 3 (the CLI ran months after the due time), read at a time before: still 3, never lower
    expect((await getCase(later, actor, opened.id)).escalationLevel).toBe(3);
    await reopened.close();
  });
});
