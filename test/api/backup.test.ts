import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupRefusedError, BackupTooNewError, restoreBackup, writeBackupFile } from '../../src/db/backup.ts';
import { queryRows, type Database } from '../../src/db/connection.ts';
import { latestSchema } from '../../src/db/schema-version.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { runCli } from '../support/cli.ts';
import { createEmptyDatabase, onPostgres, tableDigests } from '../support/database.ts';
import { createRecords, multipart, PEOPLE, type Records } from '../support/records.ts';

/**
 * Backup and restore (issue 8): a backup restored into an empty database holds exactly the same
 * rows in every table, from PGlite to PostgreSQL and back; a newer backup is refused before
 * anything changes; an organisation's backup holds that organisation only.
 */

let api: TestApi;
let records: Records;
let dir: string;
const created: { drop(): Promise<void> }[] = [];

async function emptyDatabase(kind: 'pglite' | 'postgres') {
  const database = await createEmptyDatabase(kind);
  created.push(database);
  return database;
}

/** Some of everything: a hierarchy of accounts and contacts, lines with rollups, an import, plans, cases, audit rows. */
async function fillSource(): Promise<void> {
  const parent = await records.account({ owner: 'kam1', sourcingBd: 'bd1' });
  const kam1 = await records.as('kam1');
  const child = await kam1.post('/api/v1/accounts', { name: 'Backup Child GmbH', parentId: parent.id });
  expect(child.status).toBe(201);
  const boss = await records.contact(parent.id);
  const report = await kam1.post(`/api/v1/accounts/${parent.id}/contacts`, { name: 'Reports To Boss', reportsToId: boss.id });
  expect(report.status, JSON.stringify(report.body)).toBe(201);
  const product = await records.product('A');
  for (let i = 0; i < 3; i += 1) await records.transaction(parent.id, 'A', product.id);
  await records.transaction(child.body.id, 'A');
  await records.transaction((await records.accountOfKind('foreign')).id, 'B');
  const upload = multipart({ kind: 'accounts' }, { name: 'accounts.csv', content: 'externalId,name\nBK-1,Imported Ünïcødé “Ltd”\nBK-2,Second Imported\n' });
  expect((await (await records.as('admin')).request('POST', '/api/v1/imports', upload.body, upload.headers)).status).toBe(200);
  await records.planPart('own', 'objectives');
  await records.interaction('own');
  await records.serviceCase('own');
  await records.review('own');
  await records.handover('own');
  await records.notification('kam1');
}

beforeAll(async () => {
  api = await createTestApi();
  records = createRecords(api);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patron-backup-'));
  await fillSource();
}, 120_000);
afterAll(async () => {
  for (const database of created) await database.drop();
  await api?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (name: string) => path.join(dir, name);

function backupLines(backup: string): string[] {
  return zlib.gunzipSync(fs.readFileSync(backup)).toString('utf8').trim().split('\n');
}

describe('a whole-database backup', { timeout: 120_000 }, () => {
  it('is gzipped JSON lines headed by the schema version', async () => {
    const summary = await writeBackupFile(api.database, file('whole.patron.gz'));
    const lines = backupLines(file('whole.patron.gz'));
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: 'patron-backup', formatVersion: 1, orgId: null, schema: latestSchema() });
    expect(JSON.parse(lines.at(-1)!)).toEqual({ end: true, tables: summary.tables });
    const tables = lines.map((line) => JSON.parse(line)).filter((line) => line.table).map((line) => line.table);
    // Every table of the schema, a referenced table before the tables referencing it.
    expect(tables).toEqual(expect.arrayContaining(['organisations', 'users', 'accounts', 'transactions', 'account_monthly', 'audit_log', 'login_failures']));
    expect(tables.indexOf('organisations')).toBeLessThan(tables.indexOf('users'));
    expect(tables.indexOf('accounts')).toBeLessThan(tables.indexOf('transactions'));
    expect(summary.rows).toBeGreaterThan(100);
  });

  it('restores into an empty database with every table equal, PGlite → PostgreSQL → PGlite', async () => {
    const source = await tableDigests(api.database);
    expect(Number(source.account_monthly!.split(':')[0])).toBeGreaterThan(0);
    const first = await emptyDatabase(onPostgres ? 'pglite' : 'postgres');
    const restored = await restoreBackup(first, file('whole.patron.gz'));
    expect(restored.rows).toBeGreaterThan(100);
    expect(await tableDigests(first)).toEqual(source);

    await writeBackupFile(first, file('second.patron.gz'));
    const back = await emptyDatabase(onPostgres ? 'postgres' : 'pglite');
    await restoreBackup(back, file('second.patron.gz'));
    expect(await tableDigests(back)).toEqual(source);
  });

  it('leaves the rollup triggers working after a restore (and did not double the rollups)', async () => {
    const target = await emptyDatabase(onPostgres ? 'postgres' : 'pglite');
    await restoreBackup(target, file('whole.patron.gz'));
    const recomputed = sql`select org_id, account_id, date_trunc('month', booked_on)::date as month, sum(amount_org)::bigint as revenue, count(*)::int as lines from transactions group by 1, 2, 3`;
    const stored = sql`select org_id, account_id, month, revenue, lines from account_monthly`;
    const difference = async (db: Database) => queryRows(db.db, sql`(${recomputed} except ${stored}) union all (${stored} except ${recomputed})`);
    expect(await difference(target)).toEqual([]);
    const [line] = await queryRows<{ org_id: string; account_id: string }>(target.db, sql`select org_id, account_id from transactions limit 1`);
    await target.db.execute(sql`insert into transactions (org_id, id, account_id, booked_on, currency, amount, amount_org, cost, cost_org, created_at, updated_at)
      select org_id, gen_random_uuid(), account_id, '2026-01-05', currency, 500, 500, 100, 100, now(), now() from transactions where account_id = ${line!.account_id} limit 1`);
    expect(await difference(target)).toEqual([]);
  });

  it('keeps the audit log append-only after a restore', async () => {
    const target = await emptyDatabase(onPostgres ? 'postgres' : 'pglite');
    await restoreBackup(target, file('whole.patron.gz'));
    await expect(target.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});

describe('an organisation backup', { timeout: 120_000 }, () => {
  it('holds that organisation only, and restores to exactly its rows', async () => {
    const orgA = (await records.as('admin')).actor.orgId;
    const orgB = (await records.as('rivalAdmin')).actor.orgId;
    await writeBackupFile(api.database, file('org-a.patron.gz'), { orgId: orgA });
    const lines = backupLines(file('org-a.patron.gz')).map((line) => JSON.parse(line));
    expect(lines[0].orgId).toBe(orgA);
    expect(lines.some((line) => line.org_id === orgB || line.id === orgB)).toBe(false);
    expect(lines.some((line) => line.table === 'login_failures')).toBe(false);

    const target = await emptyDatabase(onPostgres ? 'postgres' : 'pglite');
    await restoreBackup(target, file('org-a.patron.gz'));
    expect(await tableDigests(target, orgA)).toEqual(await tableDigests(api.database, orgA));
    const [others] = await queryRows<{ n: number }>(target.db, sql`select count(*)::int as n from organisations where id <> ${orgA}`);
    expect(others!.n).toBe(0);
    // The restored organisation works: its people log in.
    const [user] = await queryRows<{ email: string }>(target.db, sql`select email from users where email = ${PEOPLE.kam1}`);
    expect(user?.email).toBe(PEOPLE.kam1);
  });

  it('refuses an organisation that does not exist', async () => {
    await expect(writeBackupFile(api.database, file('nobody.patron.gz'), { orgId: '00000000-0000-7000-8000-00000000dead' })).rejects.toThrow(BackupRefusedError);
    expect(fs.existsSync(file('nobody.patron.gz'))).toBe(false);
  });
});

describe('restore refuses what it cannot restore exactly, and changes nothing', { timeout: 120_000 }, () => {
  const rewrite = (from: string, to: string, change: (lines: string[]) => string[]) =>
    fs.writeFileSync(file(to), zlib.gzipSync(change(backupLines(file(from))).join('\n') + '\n'));

  it('a backup from a newer schema', async () => {
    rewrite('org-a.patron.gz', 'newer.patron.gz', ([header, ...rest]) => [JSON.stringify({ ...JSON.parse(header!), schema: { tag: '0999_future', when: latestSchema().when + 1 } }), ...rest]);
    const target = await emptyDatabase('pglite');
    await expect(restoreBackup(target, file('newer.patron.gz'))).rejects.toThrow(BackupTooNewError);
    await expect(restoreBackup(target, file('newer.patron.gz'))).rejects.toThrow(/made by a newer version of Patron \(schema 0999_future/);
    const [schema] = await queryRows<{ present: boolean }>(target.db, sql`select to_regclass('public.accounts') is not null as present`);
    expect(schema!.present).toBe(false);
  });

  it('a file cut short: nothing is written', async () => {
    rewrite('org-a.patron.gz', 'cut.patron.gz', (lines) => lines.slice(0, -40));
    const target = await emptyDatabase('pglite');
    await expect(restoreBackup(target, file('cut.patron.gz'))).rejects.toThrow(/cut short/);
    const [rows] = await queryRows<{ n: number }>(target.db, sql`select count(*)::int as n from organisations`);
    expect(rows!.n).toBe(0);
  });

  it('a database that is not empty', async () => {
    await expect(restoreBackup(api.database, file('org-a.patron.gz'))).rejects.toThrow(/not empty/);
  });

  it('a file that is not a backup', async () => {
    const target = await emptyDatabase('pglite');
    fs.writeFileSync(file('not-a-backup.gz'), zlib.gzipSync('{"hello":"world"}\n'));
    await expect(restoreBackup(target, file('not-a-backup.gz'))).rejects.toThrow(/not a Patron backup/);
    fs.writeFileSync(file('plain.txt'), 'plain text');
    await expect(restoreBackup(target, file('plain.txt'))).rejects.toThrow(/not a Patron backup/);
    fs.writeFileSync(file('broken.gz'), zlib.gzipSync('x'.repeat(10_000)).subarray(0, 20));
    await expect(restoreBackup(target, file('broken.gz'))).rejects.toThrow(/not a readable backup/);
  });
});

describe('a backup taken while writes go on', { timeout: 120_000 }, () => {
  it('is one consistent moment: rollups in the file equal the lines in the file', async () => {
    const accountId = (await records.accountOfKind('own')).id;
    const admin = await records.as('admin');
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing && n < 30) {
        const answer = await admin.post('/api/v1/transactions', { accountId, bookedOn: `2026-0${1 + (n % 9)}-1${n % 10}`, amount: '10.00', cost: '4.00' });
        expect(answer.status).toBe(201);
        n += 1;
      }
      return n;
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writeBackupFile(api.database, file('live.patron.gz'));
    writing = false;
    expect(await writer).toBeGreaterThan(0);
    const target = await emptyDatabase(onPostgres ? 'postgres' : 'pglite');
    await restoreBackup(target, file('live.patron.gz'));
    const [mismatch] = await queryRows<{ n: number }>(
      target.db,
      sql`select count(*)::int as n from (
        select org_id, account_id, date_trunc('month', booked_on)::date as month, sum(amount_org)::bigint as revenue, count(*)::int as lines from transactions group by 1, 2, 3
        except select org_id, account_id, month, revenue, lines from account_monthly) d`,
    );
    expect(mismatch!.n).toBe(0);
  });
});

describe('patron backup and patron restore', { timeout: 120_000 }, () => {
  it('restore into an empty database and back up again through the command line; a newer backup exits 2', async () => {
    const target = { PATRON_DATA_DIR: file('cli-target'), DATABASE_URL: '' };
    const restore = await runCli(['restore', file('org-a.patron.gz')], target);
    expect(restore.stderr).toBe('');
    expect(restore.stdout).toMatch(/Restored \d+ rows of \d+ tables \(backup of organisation [0-9a-f-]{36}, schema \d{4}_\w+/);
    const orgA = (await records.as('admin')).actor.orgId;
    const backup = await runCli(['backup', file('cli.patron.gz'), '--org', orgA], target);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/Backed up \d+ rows of \d+ tables of organisation .* to .*cli\.patron\.gz/);
    const rows = (name: string) => backupLines(file(name)).slice(1);
    expect(rows('cli.patron.gz')).toEqual(rows('org-a.patron.gz'));

    const newer = await runCli(['restore', file('newer.patron.gz')], { PATRON_DATA_DIR: file('cli-newer'), DATABASE_URL: '' });
    expect(newer.code).toBe(2);
    expect(newer.stderr).toMatch(/made by a newer version of Patron/);
    expect(fs.existsSync(file('cli-newer'))).toBe(false);
  });
});
