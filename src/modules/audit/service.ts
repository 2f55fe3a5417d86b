import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { newId } from '../../core/ids.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { visibleAccountIds } from '../../db/visibility.ts';
import { requireRole } from '../../core/permissions.ts';
import { AppError } from '../../core/errors.ts';
import { insertAuditRows, listAuditRows, type AuditRow } from './store.ts';

export type AuditAction = AuditRow['action'];

export interface Change {
  action: AuditAction;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Records changes in the caller's transaction, so the audit row exists exactly when the change does. */
export async function recordChanges(ex: Executor, actor: Actor, at: Date, changes: Change[]): Promise<void> {
  await insertAuditRows(
    ex,
    changes.map((change) => ({
      orgId: actor.orgId,
      id: newId(),
      at,
      actorId: actor.via === 'system' ? null : actor.userId,
      action: change.action,
      entity: change.entity,
      entityId: change.entityId,
      before: toJson(change.before),
      after: toJson(change.after),
    })),
  );
}

export const recordChange = (ex: Executor, actor: Actor, at: Date, change: Change) => recordChanges(ex, actor, at, [change]);

function toJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  action: AuditAction;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/**
 * Admins and directors read the whole log; other roles read the trail of accounts they can see
 * (the owner and the owner's management chain), which is why they must name an account.
 */
export async function listAudit(ctx: AppContext, actor: Actor, query: AuditQuery): Promise<Page<AuditEntry>> {
  const limit = query.limit ?? 50;
  const beforeId = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const orgWide = actor.role === 'admin' || actor.role === 'director';
  if (!orgWide) {
    requireRole(actor, ['manager', 'kam', 'bd'], 'read the audit log');
    if (query.entity !== 'account' || !query.entityId) {
      throw new AppError('forbidden', 'Your role reads the audit trail of one account at a time: pass entity=account&entityId=');
    }
  }
  const rows = await listAuditRows(ctx.db, {
    orgId: actor.orgId,
    entity: query.entity,
    entityId: query.entityId,
    actorId: query.actorId,
    from: query.from,
    to: query.to,
    entityIds: orgWide ? undefined : (visibleAccountIds(actor) ?? undefined),
    beforeId,
    limit,
  });
  return toPage(rows, limit, toAuditEntry, (row) => [row.id]);
}

const toAuditEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  actorId: row.actorId,
  action: row.action,
  entity: row.entity,
  entityId: row.entityId,
  before: row.before,
  after: row.after,
});
