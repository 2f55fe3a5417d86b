import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { fixedClock } from '../../src/core/clock.ts';
import type { AppContext } from '../../src/core/context.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/connection.ts';
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
