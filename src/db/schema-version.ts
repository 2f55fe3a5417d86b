import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from './connection.ts';

/**
 * Which migration a database (or a backup) is at. Drizzle records each applied migration with the
 * `when` stamp of its journal entry, so that stamp is the schema version; the tag names it for people.
 */
export interface SchemaVersion {
  tag: string;
  when: number;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

interface Journal {
  entries: (SchemaVersion & { idx: number })[];
}

const readJournal = (): Journal => JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;

export function knownMigrations(): SchemaVersion[] {
  return readJournal().entries.map(({ tag, when }) => ({ tag, when }));
}

/** The newest migration this build knows. */
export function latestSchema(): SchemaVersion {
  const known = knownMigrations();
  return known[known.length - 1]!;
}

/** The newest migration applied to the database, or null when it was never migrated. */
export async function appliedSchema(executor: Executor): Promise<{ when: number; tag: string | null } | null> {
  const exists = (await executor.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`)) as unknown as { rows: { present: boolean }[] };
  if (!exists.rows[0]?.present) return null;
  const latest = (await executor.execute(sql`select max(created_at) as created from drizzle.__drizzle_migrations`)) as unknown as { rows: { created: string | number | null }[] };
  const created = latest.rows[0]?.created;
  if (created === null || created === undefined) return null;
  const when = Number(created);
  return { when, tag: knownMigrations().find((migration) => migration.when === when)?.tag ?? null };
}

/**
 * A migrations folder that stops at `tag` (a copy of the journal up to it, beside the same SQL
 * files): migrating with it brings a database exactly to that schema, as a backup of it needs.
 */
export function migrationsFolderUpTo(tag: string): string {
  const journal = readJournal();
  const end = journal.entries.findIndex((entry) => entry.tag === tag);
  if (end < 0) throw new Error(`Unknown migration ${tag}`);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'patron-migrations-'));
  fs.mkdirSync(path.join(folder, 'meta'));
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, end + 1) }));
  for (const entry of journal.entries.slice(0, end + 1)) fs.copyFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return folder;
}
