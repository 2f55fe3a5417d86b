import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import zlib from 'node:zlib';
import { queryRows, type Database, type Executor } from './connection.ts';
import { appliedSchema, knownMigrations, latestSchema, type SchemaVersion } from './schema-version.ts';
import { foreignKeyOrder, parentsFirst, type ForeignKey } from './table-order.ts';

/**
 * Logical backups: every table of the schema, read in one snapshot, written as gzipped JSON lines.
 *
 *   line 1      the header: format, the schema version (migration tag and stamp), the organisation or null
 *   per table   {"table", "columns", "rows": n}, then n lines, one JSON object per row
 *   last line   {"end": true, "tables": n}: a file cut short is refused
 *
 * Tables, columns and foreign keys come from the database catalog, so a table added by a later
 * migration is backed up and restored without a change here. Rows are written in foreign-key order
 * and loaded back with triggers off (rollups and other derived rows are in the file already; the
 * audit log's append-only trigger guards updates, which a restore never makes).
 */

export const BACKUP_FORMAT = 'patron-backup';
export const BACKUP_FORMAT_VERSION = 1;
const BATCH_ROWS = 1000;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  schema: SchemaVersion;
  /** The organisation backed up, or null for the whole database. */
  orgId: string | null;
  createdAt: string;
}

interface TableSection {
  table: string;
  columns: string[];
  rows: number;
}

export interface BackupSummary {
  tables: number;
  rows: number;
}

/** The backup names a schema this Patron does not know (made by a newer version). */
export class BackupTooNewError extends Error {}
/** The file is not a complete Patron backup, or the target database is not empty. */
export class BackupRefusedError extends Error {}

interface Catalog {
  /** Tables in foreign-key order. */
  tables: string[];
  columns: Map<string, string[]>;
  primaryKeys: Map<string, string[]>;
  foreignKeys: ForeignKey[];
  /** Tables with triggers of their own (not the ones behind foreign keys). */
  triggered: string[];
}

async function readCatalog(executor: Executor): Promise<Catalog> {
  const tables = (await queryRows<{ name: string }>(executor, sql`
    select c.relname::text as name from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition`)).map((row) => row.name);
  const columns = new Map<string, string[]>();
  for (const row of await queryRows<{ table_name: string; column_name: string }>(executor, sql`
    select table_name::text, column_name::text from information_schema.columns
    where table_schema = current_schema() and is_generated = 'NEVER' order by table_name, ordinal_position`)) {
    columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), row.column_name]);
  }
  const primaryKeys = new Map<string, string[]>();
  for (const row of await queryRows<{ name: string; columns: string[] }>(executor, sql`
    select i.indrelid::regclass::text as name,
      array(select a.attname::text from unnest(i.indkey) with ordinality k(n, pos) join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n order by k.pos) as columns
    from pg_index i join pg_class c on c.oid = i.indrelid
    where i.indisprimary and c.relnamespace = current_schema()::regnamespace`)) {
    primaryKeys.set(row.name, row.columns);
  }
  const foreignKeys = (await queryRows<{ table: string; references: string; columns: string[]; referenced: string[] }>(executor, sql`
    select f.conrelid::regclass::text as table, f.confrelid::regclass::text as references,
      array(select a.attname::text from unnest(f.conkey) with ordinality k(n, pos) join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.n order by k.pos) as columns,
      array(select a.attname::text from unnest(f.confkey) with ordinality k(n, pos) join pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.n order by k.pos) as referenced
    from pg_constraint f where f.contype = 'f' and f.connamespace = current_schema()::regnamespace`)).map((row) => ({
    table: row.table,
    references: row.references,
    columns: row.columns,
    referencedColumns: row.referenced,
  }));
  const triggered = (await queryRows<{ name: string }>(executor, sql`
    select distinct t.tgrelid::regclass::text as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace`)).map((row) => row.name);
  return { tables: foreignKeyOrder(tables, foreignKeys), columns, primaryKeys, foreignKeys, triggered };
}

/** An organisation's rows of a table: by org_id, the organisation row by its id; tables of no organisation are left out. */
function orgFilter(table: string, columns: string[], orgId: string | null) {
  if (orgId === null) return sql``;
  if (table === 'organisations') return sql` where id = ${orgId}`;
  if (columns.includes('org_id')) return sql` where org_id = ${orgId}`;
  return null;
}

const columnList = (columns: string[]) => sql.join(columns.map((column) => sql.identifier(column)), sql`, `);

/**
 * Writes a backup of the whole database, or of one organisation, to `out` (gzipped). Everything is
 * read in one REPEATABLE READ transaction: the file is one consistent moment even while the server
 * keeps writing.
 */
export async function writeBackup(database: Database, out: Writable, options: { orgId?: string | null; now?: Date } = {}): Promise<BackupSummary> {
  const orgId = options.orgId ?? null;
  const gzip = zlib.createGzip();
  const done = pipeline(gzip, out);
  const write = (value: unknown) => new Promise<void>((resolve, reject) => {
    if (gzip.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`)) resolve();
    else gzip.once('drain', resolve).once('error', reject);
  });
  const summary = { tables: 0, rows: 0 };
  try {
    await database.db.transaction(
      async (tx) => {
        const applied = await appliedSchema(tx);
        if (!applied?.tag) throw new BackupRefusedError('The database has no Patron schema to back up (run patron migrate first).');
        if (orgId !== null) {
          const [found] = await queryRows<{ id: string }>(tx, sql`select id::text from organisations where id::text = ${orgId}`);
          if (!found) throw new BackupRefusedError(`No organisation ${orgId}`);
        }
        const header: BackupHeader = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, schema: { tag: applied.tag, when: applied.when }, orgId, createdAt: (options.now ?? new Date()).toISOString() };
        await write(header);
        const catalog = await readCatalog(tx);
        for (const table of catalog.tables) {
          const columns = catalog.columns.get(table)!;
          const filter = orgFilter(table, columns, orgId);
          if (filter === null) continue;
          const [count] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}${filter}`);
          const section: TableSection = { table, columns, rows: Number(count!.n) };
          await write(section);
          const order = catalog.primaryKeys.get(table) ?? columns;
          await tx.execute(sql`declare backup_rows no scroll cursor for
            select row_to_json(r)::text as row from (select ${columnList(columns)} from ${sql.identifier(table)}${filter} order by ${columnList(order)}) r`);
          for (;;) {
            const batch = await queryRows<{ row: string }>(tx, sql.raw(`fetch ${BATCH_ROWS} from backup_rows`));
            for (const { row } of batch) await write(row);
            if (batch.length < BATCH_ROWS) break;
          }
          await tx.execute(sql`close backup_rows`);
          summary.tables += 1;
          summary.rows += section.rows;
        }
        await write({ end: true, tables: summary.tables });
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await done;
  } catch (error) {
    gzip.destroy();
    await done.catch(() => undefined);
    throw error;
  }
  return summary;
}

export async function writeBackupFile(database: Database, file: string, options: { orgId?: string | null } = {}): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  try {
    const summary = await writeBackup(database, fs.createWriteStream(partial), options);
    fs.renameSync(partial, file);
    return summary;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

const isGzip = (file: string): boolean => {
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
};

/** Reads the lines of a backup one at a time: gzipped as `patron backup` writes it, or plain (release fixtures kept in the repository). */
async function* backupLines(file: string): AsyncGenerator<string> {
  const source: Readable = isGzip(file) ? fs.createReadStream(file).pipe(zlib.createGunzip()) : fs.createReadStream(file);
  const lines = readline.createInterface({ input: source.pipe(new PassThrough()), crlfDelay: Infinity });
  source.on('error', (error: Error) => lines.emit('error', error));
  try {
    for await (const line of lines) if (line) yield line;
  } catch (error) {
    throw new BackupRefusedError(`${file} is not a readable backup (${(error as Error).message})`);
  }
}

export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of backupLines(file)) return parseHeader(line, file);
  throw new BackupRefusedError(`${file} is empty`);
}

function parseHeader(line: string, file: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    throw new BackupRefusedError(`${file} is not a Patron backup`);
  }
  if (header.format !== BACKUP_FORMAT || typeof header.schema?.when !== 'number') throw new BackupRefusedError(`${file} is not a Patron backup`);
  if ((header.formatVersion ?? 0) > BACKUP_FORMAT_VERSION || header.schema.when > latestSchema().when) {
    throw new BackupTooNewError(
      `${file} was made by a newer version of Patron (schema ${header.schema.tag}; this version knows up to ${latestSchema().tag}). Restore it with that version or a later one.`,
    );
  }
  if (!knownMigrations().some((migration) => migration.when === header.schema!.when)) {
    throw new BackupRefusedError(`${file} names schema ${header.schema.tag}, which this version of Patron does not know`);
  }
  return header as BackupHeader;
}

async function isEmpty(executor: Executor): Promise<boolean> {
  const catalog = await readCatalog(executor);
  if (catalog.tables.length === 0) return true;
  const probes = catalog.tables.map((table) => sql`select 1 from ${sql.identifier(table)}`);
  const [row] = await queryRows<{ any: boolean }>(executor, sql`select exists(${sql.join(probes, sql` union all `)}) as any`);
  return !row?.any;
}

/**
 * Restores a backup into an empty database: migrates it to the backup's schema, loads every row in
 * one transaction (all or nothing), then migrates on to this version's schema. So an older backup
 * restores into a newer Patron; a newer one is refused before anything changes.
 */
export async function restoreBackup(database: Database, file: string): Promise<BackupSummary & { header: BackupHeader }> {
  const header = await readBackupHeader(file);
  const applied = await appliedSchema(database.db);
  if (!(await isEmpty(database.db))) throw new BackupRefusedError('The database is not empty: restore into a new, empty database.');
  if (applied && applied.when > header.schema.when) {
    throw new BackupRefusedError(`The database is already at schema ${applied.tag ?? applied.when}, newer than the backup's ${header.schema.tag}: restore into a new, empty database.`);
  }
  await database.migrate({ upTo: header.schema.tag });
  const summary = await database.db.transaction(async (tx) => loadRows(tx, file));
  await database.migrate();
  return { ...summary, header };
}

async function loadRows(tx: Executor, file: string): Promise<BackupSummary> {
  const catalog = await readCatalog(tx);
  for (const table of catalog.triggered) await tx.execute(sql`alter table ${sql.identifier(table)} disable trigger user`);
  const summary = { tables: 0, rows: 0 };
  let section: TableSection | null = null;
  /** The section's foreign keys to itself: such a table is ordered as a whole, the others load in batches as they stream. */
  let selfKeys: ForeignKey[] = [];
  let received = 0;
  let rows: string[] = [];
  let ended = false;
  const flush = async () => {
    if (!section || rows.length === 0) return;
    if (selfKeys.length > 0) rows = parentsFirst(rows.map((row) => JSON.parse(row) as Record<string, unknown>), selfKeys).map((row) => JSON.stringify(row));
    const columns = columnList(section.columns);
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      const batch = `[${rows.slice(start, start + BATCH_ROWS).join(',')}]`;
      await tx.execute(sql`insert into ${sql.identifier(section.table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.identifier(section.table)}, ${batch}::json)`);
    }
    summary.rows += rows.length;
    rows = [];
  };
  let first = true;
  for await (const line of backupLines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (section && received < section.rows) {
      rows.push(line);
      received += 1;
      if (selfKeys.length === 0 && rows.length >= BATCH_ROWS) await flush();
      continue;
    }
    await flush();
    const next = parseSectionLine(line, file);
    if (next.end) {
      ended = true;
      break;
    }
    if (!next.table || !catalog.columns.has(next.table)) throw new BackupRefusedError(`The backup holds a table this schema does not have: ${next.table}`);
    const missing = (next.columns ?? []).filter((column) => !catalog.columns.get(next.table!)!.includes(column));
    if (missing.length > 0) throw new BackupRefusedError(`The backup's ${next.table} has columns this schema does not have: ${missing.join(', ')}`);
    section = next as TableSection;
    selfKeys = catalog.foreignKeys.filter((key) => key.table === section!.table && key.references === section!.table);
    received = 0;
    summary.tables += 1;
  }
  await flush();
  if (!ended) throw new BackupRefusedError(`${file} is cut short: restore refused, nothing was written`);
  for (const table of catalog.triggered) await tx.execute(sql`alter table ${sql.identifier(table)} enable trigger user`);
  return summary;
}

/** A table's header line (or the end line); anything else means the file is damaged, refused like a cut-short one. */
function parseSectionLine(line: string, file: string): Partial<TableSection> & { end?: boolean } {
  try {
    const next = JSON.parse(line) as Partial<TableSection> & { end?: boolean };
    if (next.end || (typeof next.table === 'string' && Array.isArray(next.columns) && Number.isInteger(next.rows))) return next;
  } catch {
    // falls through to the refusal
  }
  throw new BackupRefusedError(`${file} is damaged (a table header expected, found ${line.slice(0, 80)}): restore refused, nothing was written`);
}
