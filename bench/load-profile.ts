import { sql } from 'drizzle-orm';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../src/http/app.ts';
import { createApiToken } from '../src/modules/auth/service.ts';
import { queryRows } from '../src/db/connection.ts';
import { openBenchDatabase, printTable, seedOrganisation } from './support.ts';

/**
 * A KAM team's day as load (issue 8): 80 % reads (account list, account page, ranking, home) and
 * 20 % writes (log an interaction, book a transaction line, change an account with If-Match) from
 * LOAD_CONNECTIONS clients for LOAD_SECONDS, generated in a worker thread. Printed beside the raw
 * floor: the same mix of reads and inserts issued straight through the driver.
 */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 2_000);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);

/** The load generator: plain JavaScript, run in a worker so it does not share the server's event loop. */
const generator = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, accountIds, seconds, connections } = workerData;
const latencies = []; let errors = 0; const statuses = {};
const pick = (items) => items[Math.floor(Math.random() * items.length)];
const headers = { authorization: 'Bearer ' + token, 'content-type': 'application/json' };
async function one() {
  const accountId = pick(accountIds);
  const roll = Math.random();
  if (roll < 0.25) return fetch(url + '/api/v1/accounts?limit=50', { headers });
  if (roll < 0.55) return fetch(url + '/api/v1/accounts/' + accountId, { headers });
  if (roll < 0.70) return fetch(url + '/api/v1/scores/ranking?limit=50', { headers });
  if (roll < 0.80) return fetch(url + '/api/v1/me/home', { headers });
  if (roll < 0.88) return fetch(url + '/api/v1/accounts/' + accountId + '/interactions', { method: 'POST', headers, body: JSON.stringify({ kind: 'call', occurredAt: new Date().toISOString(), summary: 'Load profile call' }) });
  if (roll < 0.96) return fetch(url + '/api/v1/transactions', { method: 'POST', headers, body: JSON.stringify({ accountId, bookedOn: '2026-10-15', amount: '125.00', cost: '80.00' }) });
  const current = await fetch(url + '/api/v1/accounts/' + accountId, { headers });
  const account = await current.json();
  return fetch(url + '/api/v1/accounts/' + accountId, { method: 'PATCH', headers: { ...headers, 'if-match': '"' + account.version + '"' }, body: JSON.stringify({ strategicFit: Math.floor(Math.random() * 6) }) });
}
(async () => {
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < deadline) {
      const start = performance.now();
      try {
        const response = await one();
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] || 0) + 1;
        // A 412 is the product working (someone changed the account between read and write).
        if (response.status >= 400 && response.status !== 412) errors += 1;
      } catch { errors += 1; }
      latencies.push(performance.now() - start);
    }
  }));
  parentPort.postMessage({ latencies, errors, statuses });
})();
`;

const percentile = (sorted: number[], p: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(1));

export async function benchLoadProfile(kind: 'postgres' | 'pglite') {
  const bench = await openBenchDatabase(kind);
  try {
    const { orgId, users } = await seedOrganisation(bench.ctx, ACCOUNTS);
    const actor = { orgId, userId: users['admin@patron.example']!, role: 'admin' as const, via: 'token' as const };
    const { token } = await createApiToken(bench.ctx, actor, 'load profile');
    const accountIds = (await queryRows<{ id: string }>(bench.ctx.db, sql`select id from accounts where org_id = ${orgId} limit 500`)).map((row) => row.id);
    const app = await buildApp(bench.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 200);
    const result = await new Promise<{ latencies: number[]; errors: number; statuses: Record<string, number> }>((resolve, reject) => {
      const worker = new Worker(generator, { eval: true, workerData: { url: `http://127.0.0.1:${port}`, token, accountIds, seconds: SECONDS, connections: CONNECTIONS } });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    clearInterval(sampler);
    await app.close();
    const latencies = result.latencies.sort((a, b) => a - b);
    const floor = await rawFloor(bench, orgId, accountIds, actor.userId);
    return {
      database: kind,
      'api req/s': Math.round(latencies.length / SECONDS),
      'p50 ms': percentile(latencies, 0.5),
      'p99 ms': percentile(latencies, 0.99),
      'p99.9 ms': percentile(latencies, 0.999),
      errors: result.errors,
      '412s': result.statuses['412'] ?? 0,
      'peak RSS MB': Math.round(peakRss / 1024 / 1024),
      'raw SQL q/s': floor.perSecond,
      'raw p99 ms': floor.p99,
    };
  } finally {
    await bench.close();
  }
}

/** The floor: the same 80/20 mix as single SQL statements (a page of accounts, one account, the ranking, an insert). */
async function rawFloor(bench: Awaited<ReturnType<typeof openBenchDatabase>>, orgId: string, accountIds: string[], userId: string) {
  const db = bench.ctx.db;
  const latencies: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  const one = (accountId: string) => {
    const roll = Math.random();
    if (roll < 0.25) return db.execute(sql`select * from accounts where org_id = ${orgId} and deleted_at is null order by name, id limit 51`);
    if (roll < 0.8) return db.execute(sql`select a.*, s.score from accounts a left join account_scores s on s.org_id = a.org_id and s.account_id = a.id where a.org_id = ${orgId} and a.id = ${accountId}`);
    return db.execute(sql`insert into audit_log (org_id, id, at, actor_id, action, entity, entity_id) values (${orgId}, gen_random_uuid(), now(), ${userId}, 'bench', 'account', ${accountId})`);
  };
  await Promise.all(
    Array.from({ length: Math.min(CONNECTIONS, 20) }, async () => {
      while (Date.now() < deadline) {
        const start = performance.now();
        await one(accountIds[Math.floor(Math.random() * accountIds.length)]!);
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: Math.round(latencies.length / SECONDS), p99: percentile(latencies, 0.99) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = [];
  for (const kind of ['postgres', 'pglite'] as const) rows.push(await benchLoadProfile(kind));
  printTable(`Load profile: 80 % reads, 20 % writes — ${ACCOUNTS} accounts, ${CONNECTIONS} clients, ${SECONDS} s`, rows);
}
