import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import fs from 'node:fs';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import { appliedSchema, latestSchema, migrationsFolder, migrationsFolderUpTo } from './schema-version.ts';
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
  /** Applies the migrations not yet applied: all of them, or up to and including `upTo` (a journal tag). */
  migrate(options?: { upTo?: string }): Promise<void>;
  close(): Promise<void>;
}

export { migrationsFolder };

export class SchemaTooNewError extends Error {}

/**
 * A database migrated by a newer Patron must not be served by an older one: its code would read
 * and write a schema it does not know.
 */
async function refuseNewerSchema(db: Db): Promise<void> {
  const applied = await appliedSchema(db);
  if (applied && applied.when > latestSchema().when) {
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
    async migrate(options = {}) {
      await refuseNewerSchema(db);
      await withMigrationsFolder(options.upTo, (folder) => migratePglite(db as never, { migrationsFolder: folder }));
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
    async migrate(options = {}) {
      await refuseNewerSchema(db);
      await withMigrationsFolder(options.upTo, (folder) => migratePg(db as never, { migrationsFolder: folder }));
    },
    close: () => pool.end(),
  };
}

async function withMigrationsFolder(upTo: string | undefined, run: (folder: string) => Promise<void>): Promise<void> {
  if (!upTo) return run(migrationsFolder);
  const folder = migrationsFolderUpTo(upTo);
  try {
    await run(folder);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Rows of a raw query, the same shape on both drivers. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function ping(database: Database): Promise<void> {
  await database.db.execute(sql`select 1`);
}
