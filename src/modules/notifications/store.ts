import { and, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { notifications } from './tables.ts';

export type NotificationRow = typeof notifications.$inferSelect;

export async function insertNotifications(ex: Executor, rows: (typeof notifications.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await ex.insert(notifications).values(rows);
}

export async function listNotifications(
  ex: Executor,
  orgId: string,
  userId: string,
  filter: { unread?: boolean; beforeId?: string; limit: number },
): Promise<NotificationRow[]> {
  return ex
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.orgId, orgId),
        eq(notifications.userId, userId),
        filter.unread ? isNull(notifications.readAt) : undefined,
        filter.beforeId ? lt(notifications.id, filter.beforeId) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(filter.limit + 1);
}

export async function countUnread(ex: Executor, orgId: string, userId: string): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.orgId, orgId), eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function findNotification(ex: Executor, orgId: string, userId: string, id: string): Promise<NotificationRow | undefined> {
  const [row] = await ex
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgId, orgId), eq(notifications.userId, userId), eq(notifications.id, id)));
  return row;
}

/** Marks unread ones read (all of the user's, or the given ids); answers the rows changed. */
export async function markRead(ex: Executor, orgId: string, userId: string, at: Date, ids?: string[]): Promise<NotificationRow[]> {
  return ex
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.orgId, orgId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    )
    .returning();
}

/** Owner and the owner's manager of each account (for notifications about accounts). */
export async function ownersAndManagers(ex: Executor, orgId: string, accountIds: string[]): Promise<{ accountId: string; ownerId: string | null; managerId: string | null; name: string }[]> {
  if (accountIds.length === 0) return [];
  const result = (await ex.execute(sql`
    select a.id as "accountId", a.owner_id as "ownerId", u.manager_id as "managerId", a.name
    from accounts a left join users u on u.org_id = a.org_id and u.id = a.owner_id
    where a.org_id = ${orgId} and a.id in ${accountIds}`)) as unknown as { rows: { accountId: string; ownerId: string | null; managerId: string | null; name: string }[] };
  return result.rows;
}
