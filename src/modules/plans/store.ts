import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { accountMonthly } from '../transactions/tables.ts';
import { users } from '../users/tables.ts';
import type { PlanStatus } from './plan.ts';
import { accountPlans, planActions, planNeedChanges, planNeeds, planObjectives, planRisks, planShares } from './tables.ts';

export type PlanRow = typeof accountPlans.$inferSelect;
export type NewPlanRow = typeof accountPlans.$inferInsert;
export type NeedRow = typeof planNeeds.$inferSelect;
export type NeedChangeRow = typeof planNeedChanges.$inferSelect & { actorName: string | null };
export type ObjectiveRow = typeof planObjectives.$inferSelect;
export type ActionRow = typeof planActions.$inferSelect & { ownerName: string | null };
export type RiskRow = typeof planRisks.$inferSelect;
export type ShareRow = typeof planShares.$inferSelect;

// --- plans ---------------------------------------------------------------------------------------

export async function findPlan(ex: Executor, orgId: string, id: string, lock = false): Promise<PlanRow | undefined> {
  const query = ex.select().from(accountPlans).where(and(eq(accountPlans.orgId, orgId), eq(accountPlans.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export interface PlanFilter {
  status?: PlanStatus;
  period?: string;
  after?: CursorValue[];
  limit: number;
}

/** An account's plans, latest period first. */
export async function listPlans(ex: Executor, orgId: string, accountId: string, filter: PlanFilter): Promise<PlanRow[]> {
  const conditions: SQL[] = [eq(accountPlans.orgId, orgId), eq(accountPlans.accountId, accountId)];
  if (filter.status) conditions.push(eq(accountPlans.status, filter.status));
  if (filter.period) conditions.push(eq(accountPlans.period, filter.period));
  if (filter.after) conditions.push(afterCursor(accountPlans.periodStart, accountPlans.id, filter.after, true));
  return ex
    .select()
    .from(accountPlans)
    .where(and(...conditions))
    .orderBy(desc(accountPlans.periodStart), desc(accountPlans.id))
    .limit(filter.limit + 1);
}

/** A draft or active plan of the account for the period, if any (one open plan per period). */
export async function findOpenPlan(ex: Executor, orgId: string, accountId: string, period: string, exceptId?: string): Promise<PlanRow | undefined> {
  const conditions: SQL[] = [eq(accountPlans.orgId, orgId), eq(accountPlans.accountId, accountId), eq(accountPlans.period, period), ne(accountPlans.status, 'closed')];
  if (exceptId) conditions.push(ne(accountPlans.id, exceptId));
  const [row] = await ex.select().from(accountPlans).where(and(...conditions)).limit(1);
  return row;
}

/** The active plan covering `day`, or else the latest active plan of the account. */
export async function findActivePlan(ex: Executor, orgId: string, accountId: string, day: string): Promise<PlanRow | undefined> {
  const [row] = await ex
    .select()
    .from(accountPlans)
    .where(and(eq(accountPlans.orgId, orgId), eq(accountPlans.accountId, accountId), eq(accountPlans.status, 'active')))
    .orderBy(sql`(${accountPlans.periodStart} <= ${day} and ${accountPlans.periodEnd} >= ${day}) desc`, desc(accountPlans.periodStart), desc(accountPlans.id))
    .limit(1);
  return row;
}

export async function insertPlan(ex: Executor, row: NewPlanRow): Promise<PlanRow> {
  const [created] = await ex.insert(accountPlans).values(row).returning();
  return created!;
}

export async function updatePlan(ex: Executor, orgId: string, id: string, changes: Partial<NewPlanRow>, at: Date): Promise<PlanRow> {
  const [row] = await ex
    .update(accountPlans)
    .set({ ...changes, updatedAt: at, version: sql`${accountPlans.version} + 1` })
    .where(and(eq(accountPlans.orgId, orgId), eq(accountPlans.id, id)))
    .returning();
  return row!;
}

// --- needs ---------------------------------------------------------------------------------------

export async function listNeeds(ex: Executor, orgId: string, planId: string): Promise<NeedRow[]> {
  return ex
    .select()
    .from(planNeeds)
    .where(and(eq(planNeeds.orgId, orgId), eq(planNeeds.planId, planId), isNull(planNeeds.removedAt)))
    .orderBy(asc(planNeeds.priority), asc(planNeeds.createdAt), asc(planNeeds.id));
}

export async function findNeed(ex: Executor, orgId: string, planId: string, id: string, lock = false): Promise<NeedRow | undefined> {
  const query = ex.select().from(planNeeds).where(and(eq(planNeeds.orgId, orgId), eq(planNeeds.planId, planId), eq(planNeeds.id, id), isNull(planNeeds.removedAt)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertNeeds(ex: Executor, rows: (typeof planNeeds.$inferInsert)[]): Promise<NeedRow[]> {
  if (rows.length === 0) return [];
  return ex.insert(planNeeds).values(rows).returning();
}

export async function updateNeed(ex: Executor, orgId: string, id: string, changes: Partial<typeof planNeeds.$inferInsert>, at: Date): Promise<NeedRow> {
  const [row] = await ex
    .update(planNeeds)
    .set({ ...changes, updatedAt: at, version: sql`${planNeeds.version} + 1` })
    .where(and(eq(planNeeds.orgId, orgId), eq(planNeeds.id, id)))
    .returning();
  return row!;
}

export async function insertNeedChanges(ex: Executor, rows: (typeof planNeedChanges.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await ex.insert(planNeedChanges).values(rows);
}

export async function listNeedChanges(ex: Executor, orgId: string, needIds: string[]): Promise<NeedChangeRow[]> {
  if (needIds.length === 0) return [];
  const rows = await ex
    .select({ change: planNeedChanges, actorName: users.name })
    .from(planNeedChanges)
    .leftJoin(users, and(eq(users.orgId, planNeedChanges.orgId), eq(users.id, planNeedChanges.actorId)))
    .where(and(eq(planNeedChanges.orgId, orgId), inArray(planNeedChanges.needId, needIds)))
    .orderBy(asc(planNeedChanges.at), asc(planNeedChanges.id));
  return rows.map((r) => ({ ...r.change, actorName: r.actorName }));
}

// --- objectives -----------------------------------------------------------------------------------

export async function listObjectives(ex: Executor, orgId: string, planId: string): Promise<ObjectiveRow[]> {
  return ex
    .select()
    .from(planObjectives)
    .where(and(eq(planObjectives.orgId, orgId), eq(planObjectives.planId, planId)))
    .orderBy(asc(planObjectives.createdAt), asc(planObjectives.id));
}

export async function findObjective(ex: Executor, orgId: string, planId: string, id: string, lock = false): Promise<ObjectiveRow | undefined> {
  const query = ex.select().from(planObjectives).where(and(eq(planObjectives.orgId, orgId), eq(planObjectives.planId, planId), eq(planObjectives.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertObjectives(ex: Executor, rows: (typeof planObjectives.$inferInsert)[]): Promise<ObjectiveRow[]> {
  if (rows.length === 0) return [];
  return ex.insert(planObjectives).values(rows).returning();
}

export async function updateObjective(ex: Executor, orgId: string, id: string, changes: Partial<typeof planObjectives.$inferInsert>, at: Date): Promise<ObjectiveRow> {
  const [row] = await ex
    .update(planObjectives)
    .set({ ...changes, updatedAt: at, version: sql`${planObjectives.version} + 1` })
    .where(and(eq(planObjectives.orgId, orgId), eq(planObjectives.id, id)))
    .returning();
  return row!;
}

export async function deleteObjective(ex: Executor, orgId: string, id: string): Promise<void> {
  await ex.delete(planObjectives).where(and(eq(planObjectives.orgId, orgId), eq(planObjectives.id, id)));
}

/** Revenue of the account (organisation currency, minor units) over whole months from `from` to `to`. */
export async function revenueBetween(ex: Executor, orgId: string, accountId: string, from: string, to: string): Promise<bigint> {
  const [row] = await ex
    .select({ revenue: sql<string | null>`sum(${accountMonthly.revenue})` })
    .from(accountMonthly)
    .where(and(eq(accountMonthly.orgId, orgId), eq(accountMonthly.accountId, accountId), gte(accountMonthly.month, from), lte(accountMonthly.month, to)));
  return BigInt(row?.revenue ?? 0);
}

// --- actions ---------------------------------------------------------------------------------------

const actionView = (ex: Executor) =>
  ex
    .select({ action: planActions, ownerName: users.name })
    .from(planActions)
    .leftJoin(users, and(eq(users.orgId, planActions.orgId), eq(users.id, planActions.ownerId)));

export async function listActions(ex: Executor, orgId: string, planId: string): Promise<ActionRow[]> {
  const rows = await actionView(ex)
    .where(and(eq(planActions.orgId, orgId), eq(planActions.planId, planId)))
    .orderBy(sql`${planActions.dueOn} asc nulls last`, asc(planActions.createdAt), asc(planActions.id));
  return rows.map((r) => ({ ...r.action, ownerName: r.ownerName }));
}

export async function findAction(ex: Executor, orgId: string, planId: string, id: string, lock = false): Promise<ActionRow | undefined> {
  if (lock) await ex.select({ id: planActions.id }).from(planActions).where(and(eq(planActions.orgId, orgId), eq(planActions.id, id))).for('update');
  const [row] = await actionView(ex).where(and(eq(planActions.orgId, orgId), eq(planActions.planId, planId), eq(planActions.id, id)));
  return row && { ...row.action, ownerName: row.ownerName };
}

export async function insertActions(ex: Executor, rows: (typeof planActions.$inferInsert)[]): Promise<(typeof planActions.$inferSelect)[]> {
  if (rows.length === 0) return [];
  return ex.insert(planActions).values(rows).returning();
}

export async function updateAction(ex: Executor, orgId: string, id: string, changes: Partial<typeof planActions.$inferInsert>, at: Date): Promise<typeof planActions.$inferSelect> {
  const [row] = await ex
    .update(planActions)
    .set({ ...changes, updatedAt: at, version: sql`${planActions.version} + 1` })
    .where(and(eq(planActions.orgId, orgId), eq(planActions.id, id)))
    .returning();
  return row!;
}

export async function deleteAction(ex: Executor, orgId: string, id: string): Promise<void> {
  await ex.delete(planActions).where(and(eq(planActions.orgId, orgId), eq(planActions.id, id)));
}

// --- risks -----------------------------------------------------------------------------------------

export async function listRisks(ex: Executor, orgId: string, planId: string): Promise<RiskRow[]> {
  return ex
    .select()
    .from(planRisks)
    .where(and(eq(planRisks.orgId, orgId), eq(planRisks.planId, planId)))
    .orderBy(desc(planRisks.at), desc(planRisks.id));
}

export async function insertRisk(ex: Executor, row: typeof planRisks.$inferInsert): Promise<RiskRow> {
  const [created] = await ex.insert(planRisks).values(row).returning();
  return created!;
}

// --- shares ----------------------------------------------------------------------------------------

export async function listShares(ex: Executor, orgId: string, planId: string): Promise<ShareRow[]> {
  return ex
    .select()
    .from(planShares)
    .where(and(eq(planShares.orgId, orgId), eq(planShares.planId, planId)))
    .orderBy(desc(planShares.createdAt), desc(planShares.id));
}

export async function insertShare(ex: Executor, row: typeof planShares.$inferInsert): Promise<ShareRow> {
  const [created] = await ex.insert(planShares).values(row).returning();
  return created!;
}

export async function findShare(ex: Executor, orgId: string, planId: string, id: string): Promise<ShareRow | undefined> {
  const [row] = await ex
    .select()
    .from(planShares)
    .where(and(eq(planShares.orgId, orgId), eq(planShares.planId, planId), eq(planShares.id, id)))
    .for('update');
  return row;
}

export async function revokeShare(ex: Executor, orgId: string, id: string, at: Date): Promise<ShareRow> {
  const [row] = await ex
    .update(planShares)
    .set({ revokedAt: at })
    .where(and(eq(planShares.orgId, orgId), eq(planShares.id, id)))
    .returning();
  return row!;
}

/** The share with this token hash, in any organisation (the public route knows nothing else). */
export async function findShareByHash(ex: Executor, tokenHash: string): Promise<ShareRow | undefined> {
  const [row] = await ex.select().from(planShares).where(eq(planShares.tokenHash, tokenHash));
  return row;
}
