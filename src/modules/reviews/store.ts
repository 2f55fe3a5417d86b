import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../core/actor.ts';
import type { Executor } from '../../db/connection.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { accountIsVisible } from '../../db/visibility.ts';
import { accounts } from '../accounts/tables.ts';
import { accountMonthly } from '../transactions/tables.ts';
import type { ReviewStatus } from './review.ts';
import { accountReviews, reviewAgendaItems, reviewSettings } from './tables.ts';

export type ReviewRow = typeof accountReviews.$inferSelect;
export type NewReviewRow = typeof accountReviews.$inferInsert;
export type AgendaRow = typeof reviewAgendaItems.$inferSelect;
export type ReviewListRow = ReviewRow & { accountName: string };

export async function findReview(ex: Executor, orgId: string, id: string, lock = false): Promise<ReviewRow | undefined> {
  const query = ex.select().from(accountReviews).where(and(eq(accountReviews.orgId, orgId), eq(accountReviews.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findScheduledReview(ex: Executor, orgId: string, accountId: string, lock = false): Promise<ReviewRow | undefined> {
  const query = ex
    .select()
    .from(accountReviews)
    .where(and(eq(accountReviews.orgId, orgId), eq(accountReviews.accountId, accountId), eq(accountReviews.status, 'scheduled')));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertReview(ex: Executor, row: NewReviewRow): Promise<ReviewRow> {
  const [created] = await ex.insert(accountReviews).values(row).returning();
  return created!;
}

export async function updateReview(ex: Executor, orgId: string, id: string, changes: Partial<NewReviewRow>, at: Date): Promise<ReviewRow> {
  const [row] = await ex
    .update(accountReviews)
    .set({ ...changes, updatedAt: at, version: sql`${accountReviews.version} + 1` })
    .where(and(eq(accountReviews.orgId, orgId), eq(accountReviews.id, id)))
    .returning();
  return row!;
}

export interface ReviewFilter {
  accountId?: string;
  status?: ReviewStatus;
  dueBy?: string;
  ownerId?: string;
  after?: CursorValue[];
  limit: number;
  /** Account reviews list newest first; the organisation-wide list soonest first. */
  newestFirst: boolean;
}

export async function listReviews(ex: Executor, actor: Actor, filter: ReviewFilter): Promise<ReviewListRow[]> {
  const conditions: SQL[] = [eq(accountReviews.orgId, actor.orgId), accountIsVisible(actor, accountReviews.accountId), sql`${accounts.deletedAt} is null`];
  if (filter.accountId) conditions.push(eq(accountReviews.accountId, filter.accountId));
  if (filter.status) conditions.push(eq(accountReviews.status, filter.status));
  if (filter.dueBy) conditions.push(lte(accountReviews.scheduledOn, filter.dueBy));
  if (filter.ownerId) conditions.push(eq(accounts.ownerId, filter.ownerId));
  if (filter.after) conditions.push(afterCursor(accountReviews.scheduledOn, accountReviews.id, filter.after, filter.newestFirst));
  const order = filter.newestFirst ? [desc(accountReviews.scheduledOn), desc(accountReviews.id)] : [asc(accountReviews.scheduledOn), asc(accountReviews.id)];
  const rows = await ex
    .select({ review: accountReviews, accountName: accounts.name })
    .from(accountReviews)
    .innerJoin(accounts, and(eq(accounts.orgId, accountReviews.orgId), eq(accounts.id, accountReviews.accountId)))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(filter.limit + 1);
  return rows.map((r) => ({ ...r.review, accountName: r.accountName }));
}

export async function listAgenda(ex: Executor, orgId: string, reviewIds: string[]): Promise<AgendaRow[]> {
  if (reviewIds.length === 0) return [];
  return ex
    .select()
    .from(reviewAgendaItems)
    .where(and(eq(reviewAgendaItems.orgId, orgId), inArray(reviewAgendaItems.reviewId, reviewIds)))
    .orderBy(asc(reviewAgendaItems.at), asc(reviewAgendaItems.id));
}

export async function insertAgendaItem(ex: Executor, row: typeof reviewAgendaItems.$inferInsert): Promise<AgendaRow> {
  const [created] = await ex.insert(reviewAgendaItems).values(row).returning();
  return created!;
}

/** Monthly revenue and cost of the account (organisation currency, minor units) from `from` on. */
export async function monthlyFigures(ex: Executor, orgId: string, accountId: string, from: string): Promise<{ month: string; revenue: bigint; cost: bigint }[]> {
  return ex
    .select({ month: accountMonthly.month, revenue: accountMonthly.revenue, cost: accountMonthly.cost })
    .from(accountMonthly)
    .where(and(eq(accountMonthly.orgId, orgId), eq(accountMonthly.accountId, accountId), gte(accountMonthly.month, from)))
    .orderBy(asc(accountMonthly.month));
}

export async function getSettings(ex: Executor, orgId: string): Promise<typeof reviewSettings.$inferSelect | undefined> {
  const [row] = await ex.select().from(reviewSettings).where(eq(reviewSettings.orgId, orgId));
  return row;
}

export async function upsertSettings(ex: Executor, orgId: string, cadenceMonths: number, at: Date): Promise<typeof reviewSettings.$inferSelect> {
  const [row] = await ex
    .insert(reviewSettings)
    .values({ orgId, cadenceMonths, updatedAt: at, version: 2 }) // the default settings read as version 1
    .onConflictDoUpdate({ target: reviewSettings.orgId, set: { cadenceMonths, updatedAt: at, version: sql`${reviewSettings.version} + 1` } })
    .returning();
  return row!;
}
