import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Db } from '../src/db/connection.ts';
import { buildApp } from '../src/http/app.ts';
import { createApiToken } from '../src/modules/auth/service.ts';
import { openBenchDatabase, printTable, seedOrganisation } from './support.ts';

/**
 * GET /api/v1/accounts?limit=50 under load (autocannon, token auth), beside the raw-SQL floor: the
 * same page query issued straight through the driver at the same concurrency.
 * Target (issue 2): ≥ 2,000 requests/s with p99 ≤ 25 ms on PostgreSQL, 10,000 accounts.
 */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;

export async function benchAccountsList(kind: 'postgres' | 'pglite') {
  const bench = await openBenchDatabase(kind);
  try {
    const { orgId, users } = await seedOrganisation(bench.ctx, ACCOUNTS);
    const actor = { orgId, userId: users['manager@patron.example']!, role: 'manager' as const, via: 'token' as const };
    const { token } = await createApiToken(bench.ctx, actor, 'bench');
    const app = await buildApp(bench.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const api = await loadFromAnotherProcess(`http://127.0.0.1:${port}/api/v1/accounts?limit=50`, token);
    loopDelay.disable();
    await app.close();
    const floor = await rawFloor(bench.ctx.db, orgId, actor.userId);
    return {
      database: kind,
      'api req/s': Math.round(api.requests.average),
      'api p50 ms': api.latency.p50,
      'api p99 ms': api.latency.p99,
      'api errors': api.errors + api.non2xx,
      'event loop max ms': Math.round(loopDelay.max / 1e6),
      'raw SQL q/s': floor.perSecond,
      'raw SQL p99 ms': floor.p99,
    };
  } finally {
    await bench.close();
  }
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}

/** autocannon in its own process, so the load generator does not share the server's event loop. */
async function loadFromAnotherProcess(url: string, token: string): Promise<AutocannonResult> {
  const cli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const { stdout } = await promisify(execFile)(process.execPath, [cli, '--json', '-c', String(CONNECTIONS), '-d', String(SECONDS), '-H', `authorization=Bearer ${token}`, url], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as AutocannonResult;
}

/** The page query a manager's list issues, run directly at the same concurrency for the same time. */
async function rawFloor(db: Db, orgId: string, managerId: string) {
  const query = sql`
    select a.*, p.name as parent_name, o.name as owner_name from accounts a
    left join accounts p on p.org_id = a.org_id and p.id = a.parent_id
    left join users o on o.org_id = a.org_id and o.id = a.owner_id
    where a.org_id = ${orgId} and a.deleted_at is null and a.id in (
      select t.account_id from account_team t where t.org_id = ${orgId} and t.user_id in (
        with recursive reports(id) as (select ${managerId}::uuid union select u.id from users u join reports r on u.manager_id = r.id where u.org_id = ${orgId})
        select id from reports))
    order by a.name, a.id limit 51`;
  const latencies: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const start = performance.now();
        await db.execute(query);
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: Math.round(latencies.length / SECONDS), p99: Number(latencies[Math.floor(latencies.length * 0.99)]?.toFixed(1)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = [];
  for (const kind of ['postgres', 'pglite'] as const) rows.push(await benchAccountsList(kind));
  printTable(`GET /api/v1/accounts?limit=50 — ${ACCOUNTS} accounts, ${CONNECTIONS} connections, ${SECONDS} s`, rows);
}
