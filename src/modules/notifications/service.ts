import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage } from '../../db/paging.ts';
import { recordChanges } from '../audit/service.ts';
import type { Notification, NotificationListQuery } from './schemas.ts';
import * as store from './store.ts';

export interface NewNotification {
  /** What happened; the UI has a message per kind (notifications.kind.<kind>). */
  kind: string;
  accountId?: string;
  /** Values the message needs (account name, tiers, due dates ...). */
  params: Record<string, string | number>;
  at: Date;
}

export const toNotification = (row: store.NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind,
  accountId: row.accountId,
  params: row.params,
  at: row.at.toISOString(),
  readAt: row.readAt ? row.readAt.toISOString() : null,
});

/**
 * Stores one notification per recipient, in the caller's transaction (it commits with the change
 * that caused it). Duplicate and empty user ids are dropped.
 */
export async function notify(ex: Executor, orgId: string, userIds: readonly (string | null | undefined)[], n: NewNotification): Promise<void> {
  const recipients = [...new Set(userIds.filter((id): id is string => !!id))];
  await store.insertNotifications(
    ex,
    recipients.map((userId) => ({ orgId, id: newId(), userId, kind: n.kind, accountId: n.accountId ?? null, params: n.params, at: n.at, createdAt: n.at })),
  );
}

/**
 * Notifies each account's owner and the owner's manager; `params` gets the account's name as
 * `accountName`. For other modules (tier changes, escalations ...).
 */
export async function notifyAccountOwners(
  ex: Executor,
  orgId: string,
  accountIds: readonly string[],
  n: (accountId: string) => Omit<NewNotification, 'accountId'>,
): Promise<void> {
  const rows = [];
  for (const account of await store.ownersAndManagers(ex, orgId, [...new Set(accountIds)])) {
    const made = n(account.accountId);
    for (const userId of new Set([account.ownerId, account.managerId])) {
      if (userId) rows.push({ orgId, id: newId(), userId, kind: made.kind, accountId: account.accountId, params: { accountName: account.name, ...made.params }, at: made.at, createdAt: made.at });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await store.insertNotifications(ex, rows.slice(i, i + 1000));
}

export async function listNotifications(ctx: AppContext, actor: Actor, query: NotificationListQuery) {
  const limit = query.limit ?? 50;
  const beforeId = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await store.listNotifications(ctx.db, actor.orgId, actor.userId, { unread: query.unread, beforeId, limit });
  const page = toPage(rows, limit, toNotification, (row) => [row.id]);
  return { ...page, unread: await store.countUnread(ctx.db, actor.orgId, actor.userId) };
}

export const countUnread = (ex: Executor, actor: Actor): Promise<number> => store.countUnread(ex, actor.orgId, actor.userId);

/** Marks one of my notifications read (reading it again changes nothing); another person's is 404. */
export async function markRead(ctx: AppContext, actor: Actor, id: string): Promise<Notification> {
  return ctx.db.transaction(async (tx) => {
    const before = await store.findNotification(tx, actor.orgId, actor.userId, id);
    if (!before) throw notFound('Notification');
    if (before.readAt) return toNotification(before);
    const now = ctx.clock.now();
    const [after] = await store.markRead(tx, actor.orgId, actor.userId, now, [id]);
    await recordChanges(tx, actor, now, [{ action: 'update', entity: 'notification', entityId: id, before, after }]);
    return toNotification(after!);
  });
}

export async function markAllRead(ctx: AppContext, actor: Actor): Promise<{ marked: number }> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const changed = await store.markRead(tx, actor.orgId, actor.userId, now);
    await recordChanges(tx, actor, now, changed.map((after) => ({ action: 'update' as const, entity: 'notification', entityId: after.id, before: { ...after, readAt: null }, after })));
    return { marked: changed.length };
  });
}

export interface TierMove {
  accountId: string;
  fromTier: string | null;
  toTier: string;
}

/**
 * Scoring calls this with the tier changes it records: a move into or out of `key` notifies the
 * account's owner and the owner's manager (`tier_into_key` / `tier_out_of_key`). An account's
 * first score (no previous tier) is not a change and notifies nobody.
 */
export async function notifyKeyTierMoves(ex: Executor, orgId: string, moves: readonly TierMove[], at: Date): Promise<void> {
  const relevant = moves.filter((m) => m.fromTier !== null && m.fromTier !== m.toTier && (m.fromTier === 'key' || m.toTier === 'key'));
  if (relevant.length === 0) return;
  const byAccount = new Map(relevant.map((m) => [m.accountId, m]));
  await notifyAccountOwners(ex, orgId, [...byAccount.keys()], (accountId) => {
    const move = byAccount.get(accountId)!;
    return { kind: move.toTier === 'key' ? 'tier_into_key' : 'tier_out_of_key', params: { fromTier: move.fromTier!, toTier: move.toTier }, at };
  });
}
