import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { auditLog } from './tables.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

/** Rows per statement: 9 bind parameters each stays below PostgreSQL's 65,535 for import batches of any size. */
const AUDIT_ROWS_PER_STATEMENT = 5000;

export async function insertAuditRows(ex: Executor, rows: NewAuditRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += AUDIT_ROWS_PER_STATEMENT) {
    await ex.insert(auditLog).values(rows.slice(start, start + AUDIT_ROWS_PER_STATEMENT));
  }
}

export interface AuditFilter {
  orgId: string;
  entity?: string;
  entityId?: string;
  actorId?: string;
  /** Days (YYYY-MM-DD), both included, in UTC. */
  from?: string;
  to?: string;
  entityIds?: SQL;
  beforeId?: string;
  limit: number;
}

export async function listAuditRows(ex: Executor, filter: AuditFilter): Promise<AuditRow[]> {
  const conditions = [eq(auditLog.orgId, filter.orgId)];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.from) conditions.push(gte(auditLog.at, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) conditions.push(lt(auditLog.at, nextDay(filter.to)));
  // entity_id is text (ids of every kind of entity); the visible account ids are uuids.
  if (filter.entityIds) conditions.push(sql`${auditLog.entityId} in (select visible.id::text from (${filter.entityIds}) as visible(id))`);
  if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
  return ex
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
}

function nextDay(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}
