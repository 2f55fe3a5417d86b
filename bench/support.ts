import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { systemClock } from '../src/core/clock.ts';
import type { AppContext } from '../src/core/context.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, queryRows, type Database } from '../src/db/connection.ts';
import { createDemoOrganisation } from '../src/modules/demo/service.ts';
import { createContext } from '../src/modules/wiring.ts';

/** Benchmarks run against a fresh PostgreSQL database and a fresh PGlite directory, dropped afterwards. */
export const adminUrl = process.env.PATRON_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: 'postgres' | 'pglite';
  ctx: AppContext;
  close(): Promise<void>;
}

export async function openBenchDatabase(kind: 'postgres' | 'pglite'): Promise<BenchDatabase> {
  let database: Database;
  let cleanup: () => Promise<void>;
  if (kind === 'postgres') {
    const name = `patron_bench_${Date.now().toString(36)}`;
    await adminQuery(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
    cleanup = () => adminQuery(`drop database if exists ${name} with (force)`);
  } else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'patron-bench-'));
    database = await openDatabase({ pglite: await PGlite.create({ dataDir: dir }) });
    cleanup = () => fs.rm(dir, { recursive: true, force: true });
  }
  await database.migrate();
  const ctx: AppContext = createContext({ database, db: database.db, clock: systemClock, config: { ...loadConfig({}), logLevel: 'silent' } });
  return {
    name: kind,
    ctx,
    async close() {
      await database.close();
      await cleanup();
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Mulberry32: a tiny deterministic PRNG, so every run benchmarks the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The benchmark organisation: the demo people, then `accounts` accounts spread over the four KAMs
 * (inserted by SQL: seeding is not what is measured).
 */
export async function seedOrganisation(ctx: AppContext, accounts: number) {
  const { orgId, users } = await createDemoOrganisation(ctx);
  const kams = ['kam1', 'kam2', 'kam3', 'kam4'].map((k) => users[`${k}@patron.example`]!);
  await ctx.db.execute(sql`
    insert into accounts (org_id, id, external_id, name, stage, industry, region, country, currency, strategic_fit, reference_value, wallet_estimate, owner_id)
    select ${orgId}::uuid, gen_random_uuid(), 'B-' || g, 'Account ' || lpad(g::text, 6, '0'), 'active',
           (array['Consumer','Corporate','Home Office'])[1 + g % 3], (array['East','West','Central','South'])[1 + g % 4], 'US', 'USD',
           g % 6, (g * 7) % 6, (g % 500) * 100000, (array[${kams[0]}::uuid, ${kams[1]}::uuid, ${kams[2]}::uuid, ${kams[3]}::uuid])[1 + g % 4]
    from generate_series(1, ${accounts}) g`);
  await ctx.db.execute(sql`insert into account_team (org_id, account_id, user_id, role) select org_id, id, owner_id, 'owner' from accounts where org_id = ${orgId}`);
  await ctx.db.execute(sql`analyze`);
  const [count] = await queryRows<{ n: number | string }>(ctx.db, sql`select count(*) as n from accounts where org_id = ${orgId}`);
  return { orgId, users, accounts: Number(count?.n) };
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n## ${title}`);
  console.table(rows);
}

export const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);
