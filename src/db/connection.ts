import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema>;
/** Store functions take either the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** The embedded engine, when that is what runs (for dump/load and COPY from a blob). */
  readonly pglite: PGlite | null;
  /** The PostgreSQL pool, when that is what runs. */
  readonly pool: pg.Pool | null;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export class SchemaTooNewError extends Error {}

/** The newest migration this build knows (drizzle's journal stamps each with its creation time). */
function newestKnownMigration(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

/**
 * A database migrated by a newer Patron must not be served by an older one: its code would read
 * and write a schema it does not know.
 */
async function refuseNewerSchema(db: Db): Promise<void> {
  const [exists] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists?.present) return;
  const [latest] = await queryRows<{ created: string | number | null }>(db, sql`select max(created_at) as created from drizzle.__drizzle_migrations`);
  if (latest?.created && Number(latest.created) > newestKnownMigration()) {
    throw new SchemaTooNewError('The database was migrated by a newer version of Patron than this one. Upgrade Patron (or restore a backup made by this version).');
  }
}

export interface OpenOptions {
  databaseUrl?: string | null;
  dataDir?: string;
  /** An already opened embedded database (tests hand in a copy of a migrated template). */
  pglite?: PGlite;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  if (options.pglite) return wrapPglite(options.pglite, null);
  if (!options.dataDir) throw new Error('openDatabase needs a databaseUrl, a dataDir or a pglite instance');
  const lock = await acquireDataDirLock(options.dataDir);
  try {
    return wrapPglite(await PGlite.create({ dataDir: options.dataDir }), lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

function wrapPglite(client: PGlite, lock: DataDirLock | null): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    pool: null,
    async migrate() {
      await refuseNewerSchema(db);
      await migratePglite(db as never, { migrationsFolder });
    },
    async close() {
      await client.close();
      await lock?.release();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it on next use */
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pglite: null,
    pool,
    async migrate() {
      await refuseNewerSchema(db);
      await migratePg(db as never, { migrationsFolder });
    },
    close: () => pool.end(),
  };
}

/** Rows of a raw query, the same shape on both drivers. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function ping(database: Database): Promise<void> {
  await database.db.execute(sql`select 1`);
}
