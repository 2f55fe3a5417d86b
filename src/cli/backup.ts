import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/connection.ts';
import { readBackupHeader, restoreBackup, writeBackupFile } from '../db/backup.ts';

/** The configured database as it is: a backup reads it without migrating, a restore migrates it itself. */
async function withDatabase<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

export async function backupCommand(file: string, options: { org?: string }): Promise<void> {
  const started = performance.now();
  const summary = await withDatabase((database) => writeBackupFile(database, file, { orgId: options.org ?? null }));
  console.log(`Backed up ${summary.rows} rows of ${summary.tables} tables${options.org ? ` of organisation ${options.org}` : ''} to ${file} in ${Math.round(performance.now() - started)} ms.`);
}

export async function restoreCommand(file: string): Promise<void> {
  const started = performance.now();
  await readBackupHeader(file); // a file this version cannot restore is refused before the database is opened
  const summary = await withDatabase((database) => restoreBackup(database, file));
  console.log(
    `Restored ${summary.rows} rows of ${summary.tables} tables (backup of ${summary.header.orgId ? `organisation ${summary.header.orgId}` : 'the whole database'}, schema ${summary.header.schema.tag}, made ${summary.header.createdAt}) in ${Math.round(performance.now() - started)} ms.`,
  );
}
