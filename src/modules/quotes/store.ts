import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../core/actor.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { accountIsVisible } from '../../db/visibility.ts';
import { accounts } from '../accounts/tables.ts';
import { products } from '../products/tables.ts';
import { users } from '../users/tables.ts';
import type { QuoteStatus } from './quote.ts';
import { quoteEvents, quoteLines, quotes, quoteSettings } from './tables.ts';

export type QuoteRow = typeof quotes.$inferSelect;
export type NewQuoteRow = typeof quotes.$inferInsert;
export type QuoteLineRow = typeof quoteLines.$inferSelect;
export type QuoteView = QuoteRow & { accountName: string; ownerName: string; decidedByName: string | null };
export type QuoteLineView = QuoteLineRow & { sku: string; productName: string };
export type QuoteEventRow = typeof quoteEvents.$inferSelect;

const owner = alias(users, 'quote_owner');
const decider = alias(users, 'quote_decider');

function selectQuoteView(ex: Executor) {
  return ex
    .select({ q: quotes, accountName: accounts.name, ownerName: owner.name, decidedByName: decider.name })
    .from(quotes)
    .innerJoin(accounts, and(eq(accounts.orgId, quotes.orgId), eq(accounts.id, quotes.accountId)))
    .innerJoin(owner, and(eq(owner.orgId, quotes.orgId), eq(owner.id, quotes.ownerId)))
    .leftJoin(decider, and(eq(decider.orgId, quotes.orgId), eq(decider.id, quotes.decidedBy)));
}
const flatten = (row: { q: QuoteRow; accountName: string; ownerName: string; decidedByName: string | null }): QuoteView => ({ ...row.q, accountName: row.accountName, ownerName: row.ownerName, decidedByName: row.decidedByName });

/** The quote on a live account, whoever may see it: the service checks the account's visibility. */
export async function findQuote(ex: Executor, orgId: string, id: string): Promise<QuoteView | undefined> {
  const [row] = await selectQuoteView(ex).where(and(eq(quotes.orgId, orgId), eq(quotes.id, id), sql`${accounts.deletedAt} is null`));
  return row && flatten(row);
}

export async function lockQuote(ex: Executor, orgId: string, id: string): Promise<QuoteRow | undefined> {
  const [row] = await ex.select().from(quotes).where(and(eq(quotes.orgId, orgId), eq(quotes.id, id))).for('update');
  return row;
}

/** Users whose quotes `approverId` approves as their manager: everyone reporting to them, transitively. */
const reportsOf = (orgId: string, approverId: string): SQL => sql`(with recursive reports(id) as (
    select u.id from users u where u.org_id = ${orgId} and u.manager_id = ${approverId}
    union
    select u.id from users u join reports r on u.manager_id = r.id where u.org_id = ${orgId}
  ) select id from reports)`;

export async function reportsTo(ex: Executor, orgId: string, userId: string, managerId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(ex, sql`select id from ${reportsOf(orgId, managerId)} r where r.id = ${userId}`);
  return rows.length > 0;
}

export interface QuoteFilter {
  status?: QuoteStatus;
  accountId?: string;
  ownerId?: string;
  /** Submitted quotes the caller may approve (not their own; their reports' unless director or admin). */
  awaitingApprovalBy?: Actor;
  after?: CursorValue[];
  limit: number;
}

/** Quotes on accounts the caller sees, newest first. */
export async function listQuotes(ex: Executor, actor: Actor, filter: QuoteFilter): Promise<QuoteView[]> {
  const conditions: SQL[] = [eq(quotes.orgId, actor.orgId), sql`${accounts.deletedAt} is null`, accountIsVisible(actor, quotes.accountId)];
  if (filter.status) conditions.push(eq(quotes.status, filter.status));
  if (filter.accountId) conditions.push(eq(quotes.accountId, filter.accountId));
  if (filter.ownerId) conditions.push(eq(quotes.ownerId, filter.ownerId));
  const approver = filter.awaitingApprovalBy;
  if (approver) {
    conditions.push(eq(quotes.status, 'submitted'), sql`${quotes.ownerId} <> ${approver.userId}`);
    if (approver.role === 'manager') conditions.push(sql`${quotes.ownerId} in ${reportsOf(approver.orgId, approver.userId)}`);
    else if (approver.role !== 'director' && approver.role !== 'admin') conditions.push(sql`false`);
  }
  if (filter.after) conditions.push(afterCursor(quotes.createdAt, quotes.id, [new Date(String(filter.after[0])).toISOString(), filter.after[1]!], true));
  const rows = await selectQuoteView(ex)
    .where(and(...conditions))
    .orderBy(desc(quotes.createdAt), desc(quotes.id))
    .limit(filter.limit + 1);
  return rows.map(flatten);
}

export async function quoteLinesOf(ex: Executor, orgId: string, quoteId: string): Promise<QuoteLineView[]> {
  const rows = await ex
    .select({ l: quoteLines, sku: products.sku, productName: products.name })
    .from(quoteLines)
    .innerJoin(products, and(eq(products.orgId, quoteLines.orgId), eq(products.id, quoteLines.productId)))
    .where(and(eq(quoteLines.orgId, orgId), eq(quoteLines.quoteId, quoteId)))
    .orderBy(asc(quoteLines.position));
  return rows.map((r) => ({ ...r.l, sku: r.sku, productName: r.productName }));
}

export async function insertQuote(ex: Executor, row: NewQuoteRow): Promise<QuoteRow> {
  const [created] = await ex.insert(quotes).values(row).returning();
  return created!;
}

export async function updateQuote(ex: Executor, orgId: string, id: string, changes: Partial<NewQuoteRow>, at: Date): Promise<QuoteRow> {
  const [row] = await ex
    .update(quotes)
    .set({ ...changes, updatedAt: at, version: sql`${quotes.version} + 1` })
    .where(and(eq(quotes.orgId, orgId), eq(quotes.id, id)))
    .returning();
  return row!;
}

export async function replaceLines(ex: Executor, orgId: string, quoteId: string, lines: (typeof quoteLines.$inferInsert)[]): Promise<void> {
  await ex.delete(quoteLines).where(and(eq(quoteLines.orgId, orgId), eq(quoteLines.quoteId, quoteId)));
  if (lines.length > 0) await ex.insert(quoteLines).values(lines);
}

export async function insertEvent(ex: Executor, row: typeof quoteEvents.$inferInsert): Promise<void> {
  await ex.insert(quoteEvents).values(row);
}

export type QuoteEventView = QuoteEventRow & { actorName: string };

export async function listEvents(ex: Executor, orgId: string, quoteId: string): Promise<QuoteEventView[]> {
  const actor = alias(users, 'event_actor');
  const rows = await ex
    .select({ e: quoteEvents, actorName: actor.name })
    .from(quoteEvents)
    .innerJoin(actor, and(eq(actor.orgId, quoteEvents.orgId), eq(actor.id, quoteEvents.actorId)))
    .where(and(eq(quoteEvents.orgId, orgId), eq(quoteEvents.quoteId, quoteId)))
    .orderBy(asc(quoteEvents.at), asc(quoteEvents.id));
  return rows.map((r) => ({ ...r.e, actorName: r.actorName }));
}

// --- settings -----------------------------------------------------------------------------------

export type QuoteSettingsRow = typeof quoteSettings.$inferSelect;

export async function getSettings(ex: Executor, orgId: string, lock = false): Promise<QuoteSettingsRow | undefined> {
  const query = ex.select().from(quoteSettings).where(eq(quoteSettings.orgId, orgId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveSettings(ex: Executor, row: typeof quoteSettings.$inferInsert): Promise<QuoteSettingsRow> {
  const [saved] = await ex
    .insert(quoteSettings)
    .values(row)
    .onConflictDoUpdate({ target: quoteSettings.orgId, set: { discountThreshold: row.discountThreshold, marginFloor: row.marginFloor, updatedAt: row.updatedAt, version: row.version } })
    .returning();
  return saved!;
}
