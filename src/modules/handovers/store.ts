import { and, asc, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../core/actor.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { visibleAccountIds } from '../../db/visibility.ts';
import { accounts } from '../accounts/tables.ts';
import { users } from '../users/tables.ts';
import type { HandoverState } from './handover.ts';
import { handoverEvents, handovers } from './tables.ts';

export type HandoverRow = typeof handovers.$inferSelect;
export type NewHandoverRow = typeof handovers.$inferInsert;
export type HandoverView = HandoverRow & { accountName: string; fromUserName: string; toUserName: string };
export type EventRow = typeof handoverEvents.$inferSelect & { actorName: string | null };

const fromUser = alias(users, 'from_user');
const toUser = alias(users, 'to_user');

/** The people whose handovers the caller sees besides their accounts': themselves, and a manager's reports. */
function people(actor: Actor): SQL {
  return actor.role === 'manager'
    ? sql`(with recursive reports(id) as (
           select ${actor.userId}::uuid
           union
           select u.id from users u join reports r on u.manager_id = r.id where u.org_id = ${actor.orgId}
         ) select id from reports)`
    : sql`(select ${actor.userId}::uuid)`;
}

/**
 * A handover is visible with its account, and to both sides: the receiving KAM is not on the
 * account's team until they accept, yet must see what they are offered (so must their manager).
 */
function handoverVisible(actor: Actor): SQL {
  const visible = visibleAccountIds(actor);
  if (!visible) return sql`true`;
  const who = people(actor);
  return sql`(${handovers.accountId} in (${visible}) or ${handovers.toUserId} in ${who} or ${handovers.fromUserId} in ${who})`;
}

const selectView = (ex: Executor) =>
  ex
    .select({ handover: handovers, accountName: accounts.name, fromUserName: fromUser.name, toUserName: toUser.name })
    .from(handovers)
    .innerJoin(accounts, and(eq(accounts.orgId, handovers.orgId), eq(accounts.id, handovers.accountId)))
    .innerJoin(fromUser, and(eq(fromUser.orgId, handovers.orgId), eq(fromUser.id, handovers.fromUserId)))
    .innerJoin(toUser, and(eq(toUser.orgId, handovers.orgId), eq(toUser.id, handovers.toUserId)));

type ViewRecord = { handover: HandoverRow; accountName: string; fromUserName: string; toUserName: string };
const flatten = (r: ViewRecord): HandoverView => ({ ...r.handover, accountName: r.accountName, fromUserName: r.fromUserName, toUserName: r.toUserName });

export async function findVisibleHandover(ex: Executor, actor: Actor, id: string): Promise<HandoverView | undefined> {
  const [row] = await selectView(ex).where(and(eq(handovers.orgId, actor.orgId), eq(handovers.id, id), sql`${accounts.deletedAt} is null`, handoverVisible(actor)));
  return row && flatten(row);
}

export async function lockHandover(ex: Executor, orgId: string, id: string): Promise<HandoverRow | undefined> {
  const [row] = await ex.select().from(handovers).where(and(eq(handovers.orgId, orgId), eq(handovers.id, id))).for('update');
  return row;
}

export interface HandoverFilter {
  accountId?: string;
  state?: HandoverState;
  mine?: boolean;
  after?: CursorValue[];
  limit: number;
}

export async function listHandovers(ex: Executor, actor: Actor, filter: HandoverFilter): Promise<HandoverView[]> {
  const conditions: SQL[] = [eq(handovers.orgId, actor.orgId), sql`${accounts.deletedAt} is null`, handoverVisible(actor)];
  if (filter.accountId) conditions.push(eq(handovers.accountId, filter.accountId));
  if (filter.state) conditions.push(eq(handovers.state, filter.state));
  if (filter.mine) conditions.push(or(eq(handovers.fromUserId, actor.userId), eq(handovers.toUserId, actor.userId))!);
  if (filter.after) conditions.push(afterCursor(handovers.createdAt, handovers.id, filter.after, true));
  const rows = await selectView(ex)
    .where(and(...conditions))
    .orderBy(desc(handovers.createdAt), desc(handovers.id))
    .limit(filter.limit + 1);
  return rows.map(flatten);
}

export async function insertHandover(ex: Executor, row: NewHandoverRow): Promise<HandoverRow> {
  const [created] = await ex.insert(handovers).values(row).returning();
  return created!;
}

export async function updateHandover(ex: Executor, orgId: string, id: string, changes: Partial<NewHandoverRow>, at: Date): Promise<HandoverRow> {
  const [row] = await ex
    .update(handovers)
    .set({ ...changes, updatedAt: at, version: sql`${handovers.version} + 1` })
    .where(and(eq(handovers.orgId, orgId), eq(handovers.id, id)))
    .returning();
  return row!;
}

export async function insertEvent(ex: Executor, row: typeof handoverEvents.$inferInsert): Promise<void> {
  await ex.insert(handoverEvents).values(row);
}

export async function listEvents(ex: Executor, orgId: string, handoverId: string): Promise<EventRow[]> {
  const rows = await ex
    .select({ event: handoverEvents, actorName: users.name })
    .from(handoverEvents)
    .leftJoin(users, and(eq(users.orgId, handoverEvents.orgId), eq(users.id, handoverEvents.actorId)))
    .where(and(eq(handoverEvents.orgId, orgId), eq(handoverEvents.handoverId, handoverId)))
    .orderBy(asc(handoverEvents.at), asc(handoverEvents.id));
  return rows.map((r) => ({ ...r.event, actorName: r.actorName }));
}

/** Whether `userId` reports to `managerId`, directly or through others. */
export async function reportsTo(ex: Executor, orgId: string, userId: string, managerId: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(ex, sql`
    with recursive chain(id, depth) as (
      select manager_id, 1 from users where org_id = ${orgId} and id = ${userId}
      union all
      select u.manager_id, c.depth + 1 from users u join chain c on u.id = c.id where u.org_id = ${orgId} and c.depth < 100
    ) select exists(select 1 from chain where id = ${managerId}::uuid) as found`);
  return rows[0]?.found === true;
}

export async function hasPendingHandover(ex: Executor, orgId: string, accountId: string): Promise<boolean> {
  const [row] = await ex.select({ id: handovers.id }).from(handovers).where(and(eq(handovers.orgId, orgId), eq(handovers.accountId, accountId), eq(handovers.state, 'pending'))).limit(1);
  return row !== undefined;
}
