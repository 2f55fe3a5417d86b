import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { auditLog } from './tables.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export async function insertAuditRows(ex: Executor, rows: NewAuditRow[]): Promise<void> {
  if (rows.length > 0) await ex.insert(auditLog).values(rows);
}

export interface AuditFilter {
  orgId: string;
  entity?: string;
  entityId?: string;
  entityIds?: SQL;
  beforeId?: string;
  limit: number;
}

export async function listAuditRows(ex: Executor, filter: AuditFilter): Promise<AuditRow[]> {
  const conditions = [eq(auditLog.orgId, filter.orgId)];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.entityIds) conditions.push(sql`${auditLog.entityId} in (${filter.entityIds})`);
  if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
  return ex
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
}
