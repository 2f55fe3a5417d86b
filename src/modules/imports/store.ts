import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { importRuns } from './tables.ts';

export type ImportRunRow = typeof importRuns.$inferSelect;
export type NewImportRunRow = typeof importRuns.$inferInsert;

export async function insertImportRun(ex: Executor, row: NewImportRunRow): Promise<void> {
  await ex.insert(importRuns).values(row);
}

export async function getImportRun(ex: Executor, orgId: string, id: string): Promise<ImportRunRow | undefined> {
  const [row] = await ex
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.orgId, orgId), eq(importRuns.id, id)));
  return row;
}

/** Newest first; ids are UUIDv7, so id order is time order. */
export async function listImportRuns(ex: Executor, orgId: string, beforeId: string | undefined, limit: number): Promise<ImportRunRow[]> {
  return ex
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.orgId, orgId), beforeId ? lt(importRuns.id, beforeId) : undefined))
    .orderBy(desc(importRuns.id))
    .limit(limit + 1);
}
