import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { fixedClock } from '../../src/core/clock.ts';
import type { AppContext } from '../../src/core/context.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, queryRows, type Database } from '../../src/db/connection.ts';
import { createContext } from '../../src/modules/wiring.ts';
import { seedFixtureOrganisations } from './fixtures.ts';

/**
 * Tests run on PGlite unless PATRON_TEST_DB=postgres, then on the PostgreSQL at
 * PATRON_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), in databases
 * named uniquely per run and dropped afterwards.
 */
export const onPostgres = process.env.PATRON_TEST_DB === 'postgres';
const adminUrl = process.env.PATRON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

const urlFor = (name: string): string => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function testContext(database: Database, now = '2026-11-23T10:00:00.000Z'): AppContext & { clock: ReturnType<typeof fixedClock> } {
  const clock = fixedClock(now);
  return { ...createContext({ database, db: database.db, clock, config: { ...loadConfig({}), signup: true } }), clock };
}

/** Returns where the template lives: a PGlite dump file, or a PostgreSQL database name. */
export async function createTemplate(): Promise<string> {
  if (onPostgres) {
    const name = `patron_test_${runId}_template`;
    await adminQuery(`create database ${name}`);
    const database = await openDatabase({ databaseUrl: urlFor(name), poolSize: 2 });
    await database.migrate();
    await seedFixtureOrganisations(testContext(database));
    await database.close();
    return name;
  }
  const pglite = new PGlite();
  const database = await openDatabase({ pglite });
  await database.migrate();
  await seedFixtureOrganisations(testContext(database));
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `patron-test-template-${runId}.tar`);
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  return file;
}

export async function dropTemplate(template: string): Promise<void> {
  if (onPostgres) await adminQuery(`drop database if exists ${template} with (force)`);
  else await fs.rm(template, { force: true });
}

/** A private copy of the template for one test file. */
export async function openTestDatabase(template: string): Promise<Database & { drop(): Promise<void> }> {
  if (onPostgres) {
    const name = `patron_test_${runId}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`create database ${name} template ${template}`);
    const database = await openDatabase({ databaseUrl: urlFor(name), poolSize: 5 });
    return Object.assign(database, {
      async drop() {
        await database.close();
        await adminQuery(`drop database if exists ${name} with (force)`);
      },
    });
  }
  const pglite = await PGlite.create({ loadDataDir: new Blob([await fs.readFile(template)]) });
  const database = await openDatabase({ pglite });
  return Object.assign(database, { drop: () => database.close() });
}

/** A new database with nothing in it (not even the schema), on PGlite or PostgreSQL whatever the run's default. */
export async function createEmptyDatabase(kind: 'pglite' | 'postgres'): Promise<Database & { drop(): Promise<void>; url?: string }> {
  if (kind === 'postgres') {
    const name = `patron_test_${runId}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    const database = await openDatabase({ databaseUrl: urlFor(name), poolSize: 5 });
    return Object.assign(database, {
      url: urlFor(name),
      async drop() {
        await database.close();
        await adminQuery(`drop database if exists ${name} with (force)`);
      },
    });
  }
  const database = await openDatabase({ pglite: new PGlite() });
  return Object.assign(database, { drop: () => database.close() });
}

/**
 * Every table's rows as a count and a digest (md5 of the rows as sorted JSON), read in one
 * snapshot with timestamps in UTC: two databases hold the same data when their digests are equal.
 * With an organisation, only its rows (tables without org_id are left out, the organisation row kept).
 */
export async function tableDigests(database: Database, orgId?: string): Promise<Record<string, string>> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone to 'UTC'`);
    const tables = await queryRows<{ name: string; has_org: boolean }>(
      tx,
      sql`select c.relname::text as name, exists(select 1 from information_schema.columns i where i.table_schema = current_schema() and i.table_name = c.relname and i.column_name = 'org_id') as has_org
          from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' order by 1`,
    );
    const digests: Record<string, string> = {};
    for (const { name, has_org } of tables) {
      const filter = !orgId ? sql`` : name === 'organisations' ? sql` where t.id = ${orgId}` : has_org ? sql` where t.org_id = ${orgId}` : null;
      if (filter === null) continue;
      const [row] = await queryRows<{ digest: string }>(
        tx,
        sql`select count(*)::text || ':' || md5(coalesce(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text), '')) as digest from ${sql.identifier(name)} t${filter}`,
      );
      digests[name] = row!.digest;
    }
    return digests;
  }, { isolationLevel: 'repeatable read' });
}
