/**
 * Transaction writes, each beside the raw-SQL floor on the same database:
 *   1. importTransactionsBatch (the import module's write path: FX conversion, one bulk
 *      INSERT … SELECT FROM unnest … ON CONFLICT DO UPDATE … WHERE differs per batch, rollup
 *      triggers) for BENCH_TX_ROWS (default 200,000) generated lines, then the same file again
 *      (every line unchanged); floors: a plain INSERT … SELECT FROM unnest of the same lines, and
 *      on PGlite COPY FROM a blob.
 *   2. single-line insert latency through the API (POST /api/v1/transactions) and as one raw
 *      INSERT, with and without the rollup triggers (dropped and re-created in this scratch
 *      database, alternating rounds), for issue 2's "rollup upkeep adds ≤ 30 %".
 * Targets (issue 2, whole import path): ≥ 25,000 rows/s into PGlite, ≥ 60,000 rows/s into PostgreSQL.
 * Run: npx tsx bench/transactions-insert.ts [pglite|postgres]
 */
import { sql, type SQL } from 'drizzle-orm';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Actor } from '../src/core/actor.ts';
import { newId } from '../src/core/ids.ts';
import { plainArray, textArray } from '../src/db/arrays.ts';
import { queryRows, type Db } from '../src/db/connection.ts';
import { buildApp } from '../src/http/app.ts';
import { createApiToken } from '../src/modules/auth/service.ts';
import { toOrgCurrency } from '../src/modules/transactions/lines.ts';
import { importTransactionsBatch, type TransactionImportRow } from '../src/modules/transactions/service.ts';
import { openBenchDatabase, perSecond, printTable, seededRandom, seedOrganisation, type BenchDatabase } from './support.ts';

const ROWS = Number(process.env.BENCH_TX_ROWS ?? 200_000);
const BATCH = Number(process.env.BENCH_TX_BATCH ?? 5_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const PRODUCTS = 1_000;
const SINGLE = Number(process.env.BENCH_TX_SINGLE ?? 300);
const EUR_RATE = '1.0850';

/** The rollup triggers as the migrations made them (read back, so the bench follows any change of them). */
async function rollupTriggers(db: Db): Promise<{ drop: SQL[]; create: SQL[] }> {
  const rows = await queryRows<{ name: string; definition: string }>(db, sql`
    select tgname as name, pg_get_triggerdef(oid) as definition from pg_trigger
    where tgrelid = 'transactions'::regclass and not tgisinternal and tgname like 'transactions_rollup%'`);
  if (rows.length === 0) throw new Error('no rollup triggers on transactions');
  return { drop: rows.map((r) => sql.raw(`drop trigger ${r.name} on transactions`)), create: rows.map((r) => sql.raw(r.definition)) };
}

interface Setup {
  orgId: string;
  admin: Actor;
  accountIds: string[];
  productIds: string[];
}

async function setup(bench: BenchDatabase): Promise<Setup> {
  const { orgId, users } = await seedOrganisation(bench.ctx, ACCOUNTS);
  const db = bench.ctx.db;
  await db.execute(sql`
    insert into products (org_id, id, sku, name, family, currency)
    select ${orgId}::uuid, gen_random_uuid(), 'SKU-' || g, 'Product ' || g, (array['Furniture','Office Supplies','Technology'])[1 + g % 3], 'USD'
    from generate_series(1, ${PRODUCTS}) g`);
  await db.execute(sql`insert into fx_rates (org_id, currency, effective_on, rate) values (${orgId}, 'EUR', '2000-01-01', ${EUR_RATE})`);
  const accountIds = (await queryRows<{ id: string }>(db, sql`select id from accounts where org_id = ${orgId} order by id`)).map((r) => r.id);
  const productIds = (await queryRows<{ id: string }>(db, sql`select id from products where org_id = ${orgId} order by id`)).map((r) => r.id);
  await db.execute(sql`analyze`);
  return { orgId, admin: { orgId, userId: users['admin@patron.example']!, role: 'admin', via: 'token' }, accountIds, productIds };
}

/** Deterministic lines: 20 % in EUR, 3 % returns, 10 % without product, 40 % without cost, five years of dates. */
function generate(s: Setup, count: number, seed = 42): TransactionImportRow[] {
  const random = seededRandom(seed);
  const start = Date.UTC(2022, 0, 1);
  const rows: TransactionImportRow[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const refund = random() < 0.03;
    const amount = BigInt(Math.floor(100 + random() * 100_000)) * (refund ? -1n : 1n);
    rows[i] = {
      externalId: `BENCH-${i}`,
      accountId: s.accountIds[Math.floor(random() * s.accountIds.length)]!,
      productId: random() < 0.9 ? s.productIds[Math.floor(random() * s.productIds.length)]! : null,
      bookedOn: new Date(start + Math.floor(random() * 1826) * 86_400_000).toISOString().slice(0, 10),
      quantity: `${refund ? '-' : ''}${1 + Math.floor(random() * 10)}`,
      amount,
      cost: random() < 0.6 ? (amount * 6n) / 10n : null,
      currency: random() < 0.2 ? 'EUR' : 'USD',
    };
  }
  return rows;
}

const truncate = (db: Db) => db.execute(sql`truncate transactions, account_monthly, account_family_monthly`);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** The import module's write path: every batch through importTransactionsBatch, one transaction. */
async function viaImportBatch(db: Db, actor: Actor, rows: TransactionImportRow[]) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const { ms, result } = await timed(() =>
    db.transaction(async (tx) => {
      const totals = { created: 0, updated: 0, unchanged: 0 };
      const importId = newId();
      for (let i = 0; i < rows.length; i += BATCH) {
        const counts = await importTransactionsBatch(tx, actor, rows.slice(i, i + BATCH), new Date(), importId);
        totals.created += counts.created;
        totals.updated += counts.updated;
        totals.unchanged += counts.unchanged;
      }
      return totals;
    }),
  );
  loop.disable();
  return { ms, result, loopMaxMs: Math.round(loop.max / 1e6) };
}

/** Converted lines, ready for the floors (conversion is not part of what the floors measure). */
function converted(rows: TransactionImportRow[]) {
  return rows.map((row) => ({ ...row, id: newId(), ...toOrgCurrency(row.amount, row.cost, row.currency, 'USD', row.currency === 'USD' ? '1' : EUR_RATE) }));
}

/** Floor: a plain INSERT … SELECT FROM unnest per batch (no conflict handling, no FX, no checks), rollup triggers on. */
async function rawUnnest(db: Db, orgId: string, lines: ReturnType<typeof converted>) {
  return timed(() =>
    db.transaction(async (tx) => {
      for (let i = 0; i < lines.length; i += BATCH) {
        const batch = lines.slice(i, i + BATCH);
        const col = <K extends keyof (typeof batch)[number]>(key: K) => batch.map((line) => line[key]) as (string | bigint | null)[];
        await tx.execute(sql`
          insert into transactions (org_id, id, external_id, account_id, product_id, booked_on, quantity, amount, cost, currency, amount_org, cost_org)
          select ${orgId}::uuid, * from unnest(${plainArray(col('id'))}::uuid[], ${textArray(col('externalId') as string[])}::text[], ${plainArray(col('accountId'))}::uuid[],
            ${plainArray(col('productId'))}::uuid[], ${plainArray(col('bookedOn'))}::date[], ${plainArray(col('quantity'))}::numeric[], ${plainArray(col('amount'))}::int8[],
            ${plainArray(col('cost'))}::int8[], ${plainArray(col('currency'))}::text[], ${plainArray(col('amountOrg'))}::int8[], ${plainArray(col('costOrg'))}::int8[])`);
      }
    }),
  );
}

/** Floor on PGlite: one COPY FROM a CSV blob (rollup triggers on: one statement, one rollup pass). */
async function rawCopy(bench: BenchDatabase, orgId: string, lines: ReturnType<typeof converted>) {
  const pglite = bench.ctx.database.pglite!;
  return timed(async () => {
    const csv = lines
      .map((l) => `${orgId},${l.id},${l.externalId},${l.accountId},${l.productId ?? ''},${l.bookedOn},${l.quantity},${l.amount},${l.cost ?? ''},${l.currency},${l.amountOrg},${l.costOrg}`)
      .join('\n');
    await pglite.query(
      `copy transactions (org_id, id, external_id, account_id, product_id, booked_on, quantity, amount, cost, currency, amount_org, cost_org) from '/dev/blob' with (format csv)`,
      [],
      { blob: new Blob([csv]) },
    );
  });
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { mean: samples.reduce((a, b) => a + b, 0) / samples.length, p50: at(0.5), p99: at(0.99) };
}

/** Single-line latency: API POST and one raw INSERT, alternating rounds with and without the triggers. */
async function singleInsertLatency(bench: BenchDatabase, s: Setup) {
  const { token } = await createApiToken(bench.ctx, s.admin, 'bench');
  const app = await buildApp(bench.ctx);
  const random = seededRandom(7);
  const body = () => ({
    accountId: s.accountIds[Math.floor(random() * s.accountIds.length)],
    productId: s.productIds[Math.floor(random() * s.productIds.length)],
    bookedOn: `2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`,
    amount: (10 + random() * 1000).toFixed(2),
    cost: '5.00',
  });
  const api = async (): Promise<number> => {
    const start = performance.now();
    const answer = await app.inject({ method: 'POST', url: '/api/v1/transactions', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body()) });
    const ms = performance.now() - start;
    if (answer.statusCode !== 201) throw new Error(`POST /transactions answered ${answer.statusCode}: ${answer.body}`);
    return ms;
  };
  const raw = async (): Promise<number> => {
    const b = body();
    const start = performance.now();
    await bench.ctx.db.execute(sql`
      insert into transactions (org_id, id, account_id, product_id, booked_on, amount, cost, currency, amount_org, cost_org, family)
      values (${s.orgId}, ${newId()}, ${b.accountId}, ${b.productId}, ${b.bookedOn}, ${Math.round(Number(b.amount) * 100)}, 500, 'USD', ${Math.round(Number(b.amount) * 100)}, 500, 'Technology')`);
    return performance.now() - start;
  };
  const samples = { apiWith: [] as number[], apiWithout: [] as number[], rawWith: [] as number[], rawWithout: [] as number[] };
  for (let i = 0; i < 50; i += 1) {
    await api();
    await raw();
  }
  // Short alternating rounds, so drift (table growth, a busy machine) falls on both sides alike.
  const triggers = await rollupTriggers(bench.ctx.db);
  const perRound = 10;
  const rounds = Math.max(2, Math.round(SINGLE / perRound) * 2);
  for (let round = 0; round < rounds; round += 1) {
    const withTriggers = round % 2 === 0;
    if (!withTriggers) for (const statement of triggers.drop) await bench.ctx.db.execute(statement);
    for (let i = 0; i < perRound; i += 1) {
      (withTriggers ? samples.apiWith : samples.apiWithout).push(await api());
      (withTriggers ? samples.rawWith : samples.rawWithout).push(await raw());
    }
    if (!withTriggers) for (const statement of triggers.create) await bench.ctx.db.execute(statement);
  }
  await app.close();
  const row = (what: string, withT: number[], withoutT: number[]) => {
    const a = stats(withT);
    const b = stats(withoutT);
    return {
      database: bench.name,
      insert: what,
      'mean ms (triggers)': a.mean.toFixed(2),
      'mean ms (none)': b.mean.toFixed(2),
      'p50 ms (triggers)': a.p50.toFixed(2),
      'p50 ms (none)': b.p50.toFixed(2),
      'p99 ms (triggers)': a.p99.toFixed(2),
      'p99 ms (none)': b.p99.toFixed(2),
      'upkeep +% (mean)': (((a.mean - b.mean) / b.mean) * 100).toFixed(1),
      'upkeep +% (p50)': (((a.p50 - b.p50) / b.p50) * 100).toFixed(1),
    };
  };
  return [row('API POST /transactions', samples.apiWith, samples.apiWithout), row('raw INSERT', samples.rawWith, samples.rawWithout)];
}

export async function benchTransactionsInsert(kind: 'postgres' | 'pglite') {
  const bench = await openBenchDatabase(kind);
  try {
    const s = await setup(bench);
    const db = bench.ctx.db;
    const rows = generate(s, ROWS);
    const throughput: Record<string, string | number>[] = [];
    const add = (what: string, ms: number, extra: Record<string, string | number> = {}) =>
      throughput.push({ database: kind, path: what, rows: ROWS, seconds: (ms / 1000).toFixed(2), 'rows/s': perSecond(ROWS, ms), ...extra });

    const lines = converted(rows);
    const triggers = await rollupTriggers(db);
    for (const statement of triggers.drop) await db.execute(statement);
    const bare = await rawUnnest(db, s.orgId, lines);
    add('floor: INSERT … SELECT unnest (plain, no rollup triggers)', bare.ms);
    await truncate(db);
    for (const statement of triggers.create) await db.execute(statement);
    const floor = await rawUnnest(db, s.orgId, lines);
    add('floor: INSERT … SELECT unnest (plain, triggers on)', floor.ms);
    await truncate(db);
    if (kind === 'pglite') {
      const copy = await rawCopy(bench, s.orgId, lines);
      add('floor: COPY FROM blob (triggers on)', copy.ms);
      await truncate(db);
    }
    const first = await viaImportBatch(db, s.admin, rows);
    add('importTransactionsBatch: new lines', first.ms, { created: first.result.created, 'event loop max ms': first.loopMaxMs });
    const again = await viaImportBatch(db, s.admin, rows);
    add('importTransactionsBatch: same file again', again.ms, { unchanged: again.result.unchanged, 'event loop max ms': again.loopMaxMs });
    const changedRows = rows.map((row, i) => (i % 10 === 0 ? { ...row, amount: row.amount + 1n } : row));
    const changed = await viaImportBatch(db, s.admin, changedRows);
    add('importTransactionsBatch: 10 % of lines changed', changed.ms, { updated: changed.result.updated, 'event loop max ms': changed.loopMaxMs });
    await checkRollups(db, s.orgId);
    // Lines inserted while the triggers are dropped are (rightly) missing from the rollups: check before.
    const latency = await singleInsertLatency(bench, s);
    return { throughput, latency };
  } finally {
    await bench.close();
  }
}

/** The bench double-checks what it measured: rollups equal a fresh GROUP BY. */
async function checkRollups(db: Db, orgId: string) {
  const [diff] = await queryRows<{ n: number | string }>(db, sql`
    select count(*) as n from (
      (select account_id, date_trunc('month', booked_on)::date as month, sum(amount_org)::bigint as revenue, sum(cost_org)::bigint as cost, count(*)::int as lines
       from transactions where org_id = ${orgId} group by 1, 2
       except select account_id, month, revenue, cost, lines from account_monthly where org_id = ${orgId})
      union all
      (select account_id, month, revenue, cost, lines from account_monthly where org_id = ${orgId}
       except select account_id, date_trunc('month', booked_on)::date, sum(amount_org)::bigint, sum(cost_org)::bigint, count(*)::int
       from transactions where org_id = ${orgId} group by 1, 2)) d`);
  if (Number(diff!.n) !== 0) throw new Error(`rollups differ from transactions in ${diff!.n} rows`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kinds = (process.argv[2] ? [process.argv[2]] : ['pglite', 'postgres']) as ('pglite' | 'postgres')[];
  const throughput = [];
  const latency = [];
  for (const kind of kinds) {
    const result = await benchTransactionsInsert(kind);
    throughput.push(...result.throughput);
    latency.push(...result.latency);
  }
  printTable(`Transaction import write path, ${ROWS.toLocaleString('en')} lines in batches of ${BATCH.toLocaleString('en')}, ${ACCOUNTS.toLocaleString('en')} accounts`, throughput);
  printTable(`Single-line insert latency, with and without the rollup triggers (${SINGLE} samples each)`, latency);
}
