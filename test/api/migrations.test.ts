import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../src/db/backup.ts';
import { queryRows } from '../../src/db/connection.ts';
import { appliedSchema, knownMigrations, latestSchema } from '../../src/db/schema-version.ts';
import { createEmptyDatabase, onPostgres } from '../support/database.ts';

/**
 * Migrations run forward on the data of every earlier release (issue 8). Each release keeps a
 * fixture database in test/fixtures/releases/<version>.jsonl (`npm run release:fixture` writes it;
 * see docs/reliability.md). Restoring one migrates an empty database to that release's schema,
 * loads its rows, and then applies every later migration: the data must come through whole.
 */

const folder = fileURLToPath(new URL('../fixtures/releases/', import.meta.url));
const fixtures = fs.readdirSync(folder).filter((name) => name.endsWith('.jsonl')).sort();
const dropped: { drop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const database of dropped) await database.drop();
});

interface Section {
  table?: string;
  rows?: number;
  schema?: { tag: string };
}

function sectionsOf(file: string): { schema: string; rows: Record<string, number> } {
  const lines = fs.readFileSync(path.join(folder, file), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Section);
  const rows: Record<string, number> = {};
  for (const line of lines) if (line.table) rows[line.table] = line.rows!;
  return { schema: lines[0]!.schema!.tag, rows };
}

describe('release fixtures', { timeout: 120_000 }, () => {
  it('exist, one per release, each at a schema this version knows', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const fixture of fixtures) expect(knownMigrations().map((m) => m.tag)).toContain(sectionsOf(fixture).schema);
  });

  it.each(fixtures)('%s restores and migrates forward to the latest schema with every row kept', async (fixture) => {
    const { schema, rows } = sectionsOf(fixture);
    const database = await createEmptyDatabase(onPostgres ? 'postgres' : 'pglite');
    dropped.push(database);
    await restoreBackup(database, path.join(folder, fixture));
    expect((await appliedSchema(database.db))?.tag).toBe(latestSchema().tag);
    for (const [table, count] of Object.entries(rows)) {
      const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
      expect(row!.n, `${table} after migrating ${fixture} from ${schema}`).toBe(count);
    }
    // Derived data still agrees with what it is derived from.
    const recomputed = sql`select org_id, account_id, date_trunc('month', booked_on)::date as month, sum(amount_org)::bigint as revenue, count(*)::int as lines from transactions group by 1, 2, 3`;
    const stored = sql`select org_id, account_id, month, revenue, lines from account_monthly`;
    expect(await queryRows(database.db, sql`(${recomputed} except ${stored}) union all (${stored} except ${recomputed})`)).toEqual([]);
    // And the fixture's facts read back: its hierarchy and its people.
    const [facts] = await queryRows<{ children: number; admins: number }>(
      database.db,
      sql`select (select count(*)::int from accounts where parent_id is not null) as children, (select count(*)::int from users where role = 'admin') as admins`,
    );
    expect(facts).toEqual({ children: 1, admins: 1 });
  });
});
