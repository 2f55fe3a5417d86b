import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { queryRows } from '../../src/db/connection.ts';
import { createApiToken } from '../../src/modules/auth/service.ts';
import { createOrganisation } from '../../src/modules/users/service.ts';
import { startServer, type RunningServer } from '../support/cli.ts';
import { testContext } from '../support/database.ts';
import { random, type Random } from '../support/fuzz.ts';

/**
 * Crash safety (issue 8): `patron serve` in its own process, writes and imports driven at it, a
 * SIGKILL at a random moment, a restart — many times over. Then the database, opened directly:
 *   - every write that was acknowledged is there (transactions, account changes, imports);
 *   - nothing is half-written: an import's lines are all there or none (its audit row says how
 *     many), every audited line creation exists, rollups equal a recomputation from the lines;
 *   - and the database opened on every restart (the server reached /readyz each time).
 * PATRON_CRASH_RUNS (default 50) kills per database; PATRON_CRASH_SEED picks the moments.
 */

export const RUNS = Number(process.env.PATRON_CRASH_RUNS ?? 50);
const SEED = Number(process.env.PATRON_CRASH_SEED ?? 8);
const ACCOUNTS = 3;
const IMPORT_ROWS = 60;

export interface Target {
  /** Environment for `patron serve`: PATRON_DATA_DIR or DATABASE_URL. */
  env: Record<string, string>;
  /** Opens the database in this process (the server must not be running on PGlite). */
  open(): Promise<Database>;
}

interface Acknowledged {
  lines: Map<string, { accountId: string; amount: string }>;
  imports: Map<string, number>;
  accountVersion: number;
  accountName: string;
}

export interface CrashReport {
  kills: number;
  acknowledgedLines: number;
  acknowledgedImports: number;
  accountVersion: number;
  meanStartMs: number;
}

/** An organisation, an admin's API token and accounts with external ids, written before the first start. */
async function prepare(target: Target): Promise<{ token: string; externalIds: string[] }> {
  const database = await target.open();
  try {
    await database.migrate();
    const ctx = testContext(database);
    const { orgId, user } = await createOrganisation(ctx, { orgName: 'Crash Test GmbH', name: 'Cora Crash', email: 'cora@crash.example', password: 'crash-test-password', currency: 'EUR' });
    const { token } = await createApiToken(ctx, { orgId, userId: user.id, role: 'admin', via: 'system' }, 'crash test');
    return { token, externalIds: Array.from({ length: ACCOUNTS }, (_, i) => `CRASH-ACC-${i}`) };
  } finally {
    await database.close();
  }
}

function client(url: string, token: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> => {
    const isText = typeof body === 'string';
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && !isText ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}

function importBody(kind: string, csv: string): { body: string; headers: Record<string, string> } {
  const boundary = '----patron-crash';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A request that never got its answer: the server died with it in flight. */
const isConnectionLoss = (error: unknown): boolean => error instanceof TypeError || (error as Error)?.name === 'AbortError' || (error as Error)?.name === 'TimeoutError';

/** Writers that run until the server dies, recording what it acknowledged; any other surprise goes to `failures`. */
function drive(call: ReturnType<typeof client>, accountIds: string[], externalIds: string[], acked: Acknowledged, r: Random, run: number, failures: string[], onAck: () => void): Promise<void>[] {
  const loop = async (step: () => Promise<void>) => {
    for (;;) {
      try {
        await step();
        onAck();
      } catch (error) {
        if (!isConnectionLoss(error)) failures.push(`run ${run}: ${(error as Error).message}`);
        return; // whatever was in flight is not acknowledged
      }
    }
  };
  let lineSerial = 0;
  let importSerial = 0;
  const postLine = async () => {
    const accountId = r.pick(accountIds);
    const amount = `${r.int(1, 99999)}.${String(r.int(0, 99)).padStart(2, '0')}`;
    const answer = await call('POST', '/api/v1/transactions', { accountId, bookedOn: `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`, amount, cost: '1.00' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    acked.lines.set(answer.body.id, { accountId, amount });
    lineSerial += 1;
  };
  const renameAccount = async () => {
    const name = `Renamed ${run}.${lineSerial}`;
    const answer = await call('PATCH', `/api/v1/accounts/${accountIds[0]}`, { name }, { 'if-match': `"${acked.accountVersion}"` });
    if (answer.status === 412) {
      // A change in flight when the server died was committed without its answer: take the stored state.
      const stored = await call('GET', `/api/v1/accounts/${accountIds[0]}`);
      acked.accountVersion = stored.body.version;
      acked.accountName = stored.body.name;
      return;
    }
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    acked.accountVersion = answer.body.version;
    acked.accountName = name;
  };
  const importLines = async () => {
    importSerial += 1;
    const rows = Array.from({ length: IMPORT_ROWS }, (_, i) => `CRASH-${run}-${importSerial}-${i},${r.pick(externalIds)},2026-0${r.int(1, 9)}-1${r.int(0, 9)},${r.int(1, 5000)}.00,2.00`);
    const upload = importBody('transactions', `externalId,accountExternalId,bookedOn,amount,cost\n${rows.join('\n')}\n`);
    const answer = await call('POST', '/api/v1/imports', upload.body, upload.headers);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
    acked.imports.set(answer.body.id, IMPORT_ROWS);
  };
  return [loop(postLine), loop(postLine), loop(postLine), loop(renameAccount), loop(importLines)];
}

export async function crashRuns(target: Target): Promise<CrashReport> {
  const r = random(SEED);
  const { token, externalIds } = await prepare(target);
  const acked: Acknowledged = { lines: new Map(), imports: new Map(), accountVersion: 1, accountName: '' };
  const accountIds: string[] = [];
  let startMs = 0;
  const failures: string[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const server: RunningServer = await startServer([], { ...target.env, LOG_LEVEL: 'silent' }, 240_000);
    startMs += performance.now() - started;
    const call = client(server.url, token);
    if (accountIds.length === 0) {
      for (const externalId of externalIds) {
        const created = await call('POST', '/api/v1/accounts', { name: externalId, externalId });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        accountIds.push(created.body.id);
      }
      acked.accountVersion = 1;
      acked.accountName = externalIds[0]!;
    }
    // The moment of the kill: after a random number of acknowledged writes (so that it does not
    // depend on the machine's speed), plus a random delay that lands it mid-request or mid-import.
    const killAfter = r.int(1, 15);
    let acknowledged = 0;
    let reached!: () => void;
    const enough = new Promise<void>((resolve) => (reached = resolve));
    // The first run waits for an import to be acknowledged, so that imports are always among the checked writes.
    const killNow = () => (run === 0 ? acked.imports.size > 0 : ++acknowledged >= killAfter);
    const writers = drive(call, accountIds, externalIds, acked, r, run, failures, () => killNow() && reached());
    await Promise.race([enough, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    await new Promise((resolve) => setTimeout(resolve, r.int(0, 400)));
    server.child.kill('SIGKILL');
    await server.exited;
    await Promise.allSettled(writers);
  }
  expect(failures, 'answers other than the expected ones').toEqual([]);
  await verify(target, acked, accountIds);
  return { kills: RUNS, acknowledgedLines: acked.lines.size, acknowledgedImports: acked.imports.size, accountVersion: acked.accountVersion, meanStartMs: Math.round(startMs / RUNS) };
}

async function verify(target: Target, acked: Acknowledged, accountIds: string[]): Promise<void> {
  const database = await target.open();
  try {
    const db = database.db;
    // Every acknowledged line, with its amount.
    const lines = new Map(
      (await queryRows<{ id: string; account_id: string; amount: string }>(db, sql`select id::text, account_id::text, (amount / 100.0)::numeric(18, 2)::text as amount from transactions`)).map((row) => [row.id, row]),
    );
    const missing = [...acked.lines].filter(([id, line]) => lines.get(id)?.account_id !== line.accountId || Number(lines.get(id)?.amount) !== Number(line.amount));
    expect(missing, 'acknowledged transaction lines missing or changed').toEqual([]);

    // Every acknowledged import is there whole, recorded as applied.
    for (const [importId, rows] of acked.imports) {
      const [count] = await queryRows<{ n: number; runs: number }>(db, sql`select (select count(*)::int from transactions where import_id = ${importId}) as n, (select count(*)::int from import_runs where id = ${importId} and status = 'applied') as runs`);
      expect(count, `import ${importId}`).toEqual({ n: rows, runs: 1 });
    }
    // No import is half there: each batch of lines holds as many lines as its audit row says it created.
    const batches = await queryRows<{ import_id: string; lines: number; created: number | null }>(
      db,
      sql`select t.import_id::text, count(*)::int as lines, (select (a.after ->> 'created')::int from audit_log a where a.entity = 'import' and a.entity_id = t.import_id::text) as created
          from transactions t where t.import_id is not null group by t.import_id`,
    );
    expect(batches.filter((batch) => batch.created !== batch.lines), 'imports written in part').toEqual([]);

    // Audit rows match changes: every line made through the API has its creation audited, and no audited creation is missing its line.
    const [audit] = await queryRows<{ unaudited: number; phantom: number }>(
      db,
      sql`select
        (select count(*)::int from transactions t where t.import_id is null and not exists (select 1 from audit_log a where a.entity = 'transaction' and a.entity_id = t.id::text and a.action = 'create')) as unaudited,
        (select count(*)::int from audit_log a where a.entity = 'transaction' and a.action = 'create' and not exists (select 1 from transactions t where t.id::text = a.entity_id)) as phantom`,
    );
    expect(audit).toEqual({ unaudited: 0, phantom: 0 });

    // The renamed account: at least the acknowledged version, and one audited update per version.
    const [account] = await queryRows<{ version: number; name: string; updates: number }>(
      db,
      sql`select a.version, a.name, (select count(*)::int from audit_log l where l.entity = 'account' and l.entity_id = a.id::text and l.action = 'update') as updates from accounts a where a.id = ${accountIds[0]}`,
    );
    expect(account!.version).toBeGreaterThanOrEqual(acked.accountVersion);
    if (account!.version === acked.accountVersion) expect(account!.name).toBe(acked.accountName);
    expect(account!.updates).toBe(account!.version - 1);

    // Rollups equal a recomputation from the lines.
    const recomputed = sql`select org_id, account_id, date_trunc('month', booked_on)::date as month, sum(amount_org)::bigint as revenue, sum(cost_org)::bigint as cost, count(*)::int as lines from transactions group by 1, 2, 3`;
    const stored = sql`select org_id, account_id, month, revenue, cost, lines from account_monthly`;
    expect(await queryRows(db, sql`(${recomputed} except ${stored}) union all (${stored} except ${recomputed})`), 'account_monthly differs from the lines').toEqual([]);
    const recomputedFamily = sql`select org_id, account_id, coalesce(family, '') as family, date_trunc('month', booked_on)::date as month, sum(amount_org)::bigint as revenue, count(*)::int as lines from transactions group by 1, 2, 3, 4`;
    const storedFamily = sql`select org_id, account_id, family, month, revenue, lines from account_family_monthly`;
    expect(await queryRows(db, sql`(${recomputedFamily} except ${storedFamily}) union all (${storedFamily} except ${recomputedFamily})`), 'account_family_monthly differs from the lines').toEqual([]);
  } finally {
    await database.close();
  }
}
