import { and, asc, desc, eq, gte, ilike, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../core/actor.ts';
import type { Executor } from '../../db/connection.ts';
import { containsPattern } from '../../db/like.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { accountIsVisible } from '../../db/visibility.ts';
import { accounts } from '../accounts/tables.ts';
import { products } from '../products/tables.ts';
import { users } from '../users/tables.ts';
import type { ForecastCategory, StageDefinition } from './stages.ts';
import { negotiationEntries, opportunities, opportunitySettings, opportunityStageHistory } from './tables.ts';

export type OpportunityRow = typeof opportunities.$inferSelect;
export type NewOpportunityRow = typeof opportunities.$inferInsert;
export type OpportunityView = OpportunityRow & { accountName: string; ownerName: string | null };

const owner = alias(users, 'opportunity_owner');

function selectView(ex: Executor) {
  return ex
    .select({ o: opportunities, accountName: accounts.name, ownerName: owner.name })
    .from(opportunities)
    .innerJoin(accounts, and(eq(accounts.orgId, opportunities.orgId), eq(accounts.id, opportunities.accountId)))
    .leftJoin(owner, and(eq(owner.orgId, opportunities.orgId), eq(owner.id, opportunities.ownerId)));
}
const flatten = (row: { o: OpportunityRow; accountName: string; ownerName: string | null }): OpportunityView => ({ ...row.o, accountName: row.accountName, ownerName: row.ownerName });

/** The opportunity (on a live account), whoever may see it: the service checks visibility. */
export async function findOpportunity(ex: Executor, orgId: string, id: string): Promise<OpportunityView | undefined> {
  const [row] = await selectView(ex).where(and(eq(opportunities.orgId, orgId), eq(opportunities.id, id), sql`${accounts.deletedAt} is null`));
  return row && flatten(row);
}

export async function lockOpportunity(ex: Executor, orgId: string, id: string): Promise<OpportunityRow | undefined> {
  const [row] = await ex.select().from(opportunities).where(and(eq(opportunities.orgId, orgId), eq(opportunities.id, id))).for('update');
  return row;
}

export interface OpportunityFilter {
  ownerId?: string;
  accountId?: string;
  stage?: string;
  /** Stage keys of the wanted outcome (the service maps open/won/lost to the organisation's stages). */
  stages?: string[];
  forecastCategory?: ForecastCategory;
  closeFrom?: string;
  closeTo?: string;
  q?: string;
}

function conditionsOf(actor: Actor, filter: OpportunityFilter): SQL[] {
  const conditions: SQL[] = [eq(opportunities.orgId, actor.orgId), sql`${accounts.deletedAt} is null`, accountIsVisible(actor, opportunities.accountId)];
  if (filter.ownerId) conditions.push(eq(opportunities.ownerId, filter.ownerId));
  if (filter.accountId) conditions.push(eq(opportunities.accountId, filter.accountId));
  if (filter.stage) conditions.push(eq(opportunities.stage, filter.stage));
  if (filter.stages) conditions.push(filter.stages.length ? inArray(opportunities.stage, filter.stages) : sql`false`);
  if (filter.forecastCategory) conditions.push(eq(opportunities.forecastCategory, filter.forecastCategory));
  if (filter.closeFrom) conditions.push(gte(opportunities.closeDate, filter.closeFrom));
  if (filter.closeTo) conditions.push(lte(opportunities.closeDate, filter.closeTo));
  if (filter.q) conditions.push(ilike(opportunities.name, containsPattern(filter.q)));
  return conditions;
}

export const SORT_COLUMNS = { closeDate: opportunities.closeDate, updatedAt: opportunities.updatedAt, name: opportunities.name } as const;
export type SortColumn = keyof typeof SORT_COLUMNS;

export async function listOpportunities(
  ex: Executor,
  actor: Actor,
  filter: OpportunityFilter & { sort: { column: SortColumn; descending: boolean }; after?: CursorValue[]; limit: number },
): Promise<OpportunityView[]> {
  const sortColumn = SORT_COLUMNS[filter.sort.column];
  const conditions = conditionsOf(actor, filter);
  if (filter.after) conditions.push(afterCursor(sortColumn, opportunities.id, filter.after, filter.sort.descending));
  const order = filter.sort.descending ? [desc(sortColumn), desc(opportunities.id)] : [asc(sortColumn), asc(opportunities.id)];
  const rows = await selectView(ex).where(and(...conditions)).orderBy(...order).limit(filter.limit + 1);
  return rows.map(flatten);
}

/** Everything the totals need, without paging: one row per matching opportunity. */
export async function totalsRows(ex: Executor, actor: Actor, filter: OpportunityFilter) {
  return ex
    .select({ ownerId: opportunities.ownerId, ownerName: owner.name, amount: opportunities.amount, currency: opportunities.currency, probability: opportunities.probability })
    .from(opportunities)
    .innerJoin(accounts, and(eq(accounts.orgId, opportunities.orgId), eq(accounts.id, opportunities.accountId)))
    .leftJoin(owner, and(eq(owner.orgId, opportunities.orgId), eq(owner.id, opportunities.ownerId)))
    .where(and(...conditionsOf(actor, filter)));
}

export async function insertOpportunity(ex: Executor, row: NewOpportunityRow): Promise<OpportunityRow> {
  const [created] = await ex.insert(opportunities).values(row).returning();
  return created!;
}

export async function updateOpportunity(ex: Executor, orgId: string, id: string, changes: Partial<NewOpportunityRow>, at: Date): Promise<OpportunityRow> {
  const [row] = await ex
    .update(opportunities)
    .set({ ...changes, updatedAt: at, version: sql`${opportunities.version} + 1` })
    .where(and(eq(opportunities.orgId, orgId), eq(opportunities.id, id)))
    .returning();
  return row!;
}

/** Names and families of catalogue products, for display; ids of other organisations are absent. */
export async function productsByIds(ex: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return ex
    .select({ id: products.id, name: products.name, family: products.family })
    .from(products)
    .where(and(eq(products.orgId, orgId), inArray(products.id, [...ids])));
}

// --- stage history --------------------------------------------------------------------------------

export async function insertStageChange(ex: Executor, row: typeof opportunityStageHistory.$inferInsert): Promise<void> {
  await ex.insert(opportunityStageHistory).values(row);
}

const historyActor = alias(users, 'history_actor');

export async function listStageHistory(ex: Executor, orgId: string, opportunityId: string) {
  const rows = await ex
    .select({ h: opportunityStageHistory, actorName: historyActor.name })
    .from(opportunityStageHistory)
    .innerJoin(historyActor, and(eq(historyActor.orgId, opportunityStageHistory.orgId), eq(historyActor.id, opportunityStageHistory.actorId)))
    .where(and(eq(opportunityStageHistory.orgId, orgId), eq(opportunityStageHistory.opportunityId, opportunityId)))
    .orderBy(asc(opportunityStageHistory.at), asc(opportunityStageHistory.id));
  return rows.map((r) => ({ ...r.h, actorName: r.actorName }));
}

// --- negotiation log ------------------------------------------------------------------------------

export type NegotiationRow = typeof negotiationEntries.$inferSelect;
const author = alias(users, 'negotiation_author');

export async function listNegotiation(ex: Executor, orgId: string, opportunityId: string, filter: { after?: CursorValue[]; limit: number }) {
  const conditions: SQL[] = [eq(negotiationEntries.orgId, orgId), eq(negotiationEntries.opportunityId, opportunityId)];
  if (filter.after) conditions.push(afterCursor(negotiationEntries.occurredOn, negotiationEntries.id, filter.after, true));
  const rows = await ex
    .select({ e: negotiationEntries, authorName: author.name })
    .from(negotiationEntries)
    .innerJoin(author, and(eq(author.orgId, negotiationEntries.orgId), eq(author.id, negotiationEntries.authorId)))
    .where(and(...conditions))
    .orderBy(desc(negotiationEntries.occurredOn), desc(negotiationEntries.id))
    .limit(filter.limit + 1);
  return rows.map((r) => ({ ...r.e, authorName: r.authorName }));
}

export async function findNegotiationEntry(ex: Executor, orgId: string, opportunityId: string, id: string, lock = false) {
  const query = ex
    .select({ e: negotiationEntries, authorName: author.name })
    .from(negotiationEntries)
    .innerJoin(author, and(eq(author.orgId, negotiationEntries.orgId), eq(author.id, negotiationEntries.authorId)))
    .where(and(eq(negotiationEntries.orgId, orgId), eq(negotiationEntries.opportunityId, opportunityId), eq(negotiationEntries.id, id)));
  const [row] = lock ? await query.for('update', { of: negotiationEntries }) : await query;
  return row && { ...row.e, authorName: row.authorName };
}

export async function insertNegotiationEntry(ex: Executor, row: typeof negotiationEntries.$inferInsert): Promise<NegotiationRow> {
  const [created] = await ex.insert(negotiationEntries).values(row).returning();
  return created!;
}

export async function updateNegotiationEntry(ex: Executor, orgId: string, id: string, changes: Partial<typeof negotiationEntries.$inferInsert>, at: Date): Promise<NegotiationRow> {
  const [row] = await ex
    .update(negotiationEntries)
    .set({ ...changes, updatedAt: at, version: sql`${negotiationEntries.version} + 1` })
    .where(and(eq(negotiationEntries.orgId, orgId), eq(negotiationEntries.id, id)))
    .returning();
  return row!;
}

// --- settings -------------------------------------------------------------------------------------

export async function getSettings(ex: Executor, orgId: string, lock = false) {
  const query = ex.select().from(opportunitySettings).where(eq(opportunitySettings.orgId, orgId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveSettings(ex: Executor, row: { orgId: string; stages: StageDefinition[]; updatedAt: Date; version: number }) {
  const [saved] = await ex
    .insert(opportunitySettings)
    .values(row)
    .onConflictDoUpdate({ target: opportunitySettings.orgId, set: { stages: row.stages, updatedAt: row.updatedAt, version: row.version } })
    .returning();
  return saved!;
}

export async function countInStages(ex: Executor, orgId: string, stages: readonly string[]): Promise<Map<string, number>> {
  if (stages.length === 0) return new Map();
  const rows = await ex
    .select({ stage: opportunities.stage, n: sql<number>`count(*)`.mapWith(Number) })
    .from(opportunities)
    .where(and(eq(opportunities.orgId, orgId), inArray(opportunities.stage, [...stages])))
    .groupBy(opportunities.stage);
  return new Map(rows.map((r) => [r.stage, r.n]));
}

// --- for other modules ----------------------------------------------------------------------------

/** Opportunities closing (expected or actual close date) within [from, to], for compensation and forecasts. */
export async function opportunitiesClosingBetween(ex: Executor, orgId: string, filter: { from: string; to: string; ownerIds?: readonly string[]; stages?: readonly string[] }) {
  const conditions: SQL[] = [eq(opportunities.orgId, orgId), gte(opportunities.closeDate, filter.from), lte(opportunities.closeDate, filter.to), sql`${accounts.deletedAt} is null`];
  if (filter.ownerIds) conditions.push(filter.ownerIds.length ? inArray(opportunities.ownerId, [...filter.ownerIds]) : sql`false`);
  if (filter.stages) conditions.push(filter.stages.length ? inArray(opportunities.stage, [...filter.stages]) : sql`false`);
  return ex
    .select({ o: opportunities })
    .from(opportunities)
    .innerJoin(accounts, and(eq(accounts.orgId, opportunities.orgId), eq(accounts.id, opportunities.accountId)))
    .where(and(...conditions))
    .orderBy(asc(opportunities.closeDate), asc(opportunities.id))
    .then((rows) => rows.map((r) => r.o));
}
