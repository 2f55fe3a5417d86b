import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../core/actor.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { users } from '../users/tables.ts';
import { compAssignments, compCreditingRules, compCreditSplits, compPlans, compPlanVersions, compQuotaChanges, compQuotas } from './tables.ts';

export type PlanRow = typeof compPlans.$inferSelect;
export type PlanVersionRow = typeof compPlanVersions.$inferSelect;
export type AssignmentRow = typeof compAssignments.$inferSelect;
export type AssignmentView = AssignmentRow & { userName: string; planName: string };
export type QuotaRow = typeof compQuotas.$inferSelect;
export type QuotaChangeRow = typeof compQuotaChanges.$inferSelect;
export type SplitRow = typeof compCreditSplits.$inferSelect;

// --- people ----------------------------------------------------------------------------------------

/** The caller and everyone reporting to them, transitively (a manager's tree), as a subquery of ids. */
export const treeOf = (orgId: string, userId: string): SQL => sql`(with recursive tree(id) as (
    select ${userId}::uuid
    union
    select u.id from users u join tree t on u.manager_id = t.id where u.org_id = ${orgId}
  ) select id from tree)`;

/** Whose pay the caller may see: null = everyone's (admin, director, viewer), else a subquery of ids. */
export function payVisibleTo(actor: Actor): SQL | null {
  if (actor.role === 'admin' || actor.role === 'director' || actor.role === 'viewer' || actor.via === 'system') return null;
  return actor.role === 'manager' ? treeOf(actor.orgId, actor.userId) : sql`(select ${actor.userId}::uuid)`;
}

export async function isInTree(ex: Executor, orgId: string, managerId: string, userId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(ex, sql`select id from ${treeOf(orgId, managerId)} as t(id) where id = ${userId}`);
  return rows.length > 0;
}

export async function orgUsers(ex: Executor, orgId: string) {
  return ex.select({ id: users.id, name: users.name, role: users.role, managerId: users.managerId, active: users.active }).from(users).where(eq(users.orgId, orgId));
}

// --- plans -----------------------------------------------------------------------------------------

export async function findPlan(ex: Executor, orgId: string, id: string, lock = false): Promise<PlanRow | undefined> {
  const query = ex.select().from(compPlans).where(and(eq(compPlans.orgId, orgId), eq(compPlans.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findPlanByName(ex: Executor, orgId: string, name: string): Promise<PlanRow | undefined> {
  const [row] = await ex.select().from(compPlans).where(and(eq(compPlans.orgId, orgId), eq(compPlans.name, name)));
  return row;
}

export async function listPlans(ex: Executor, orgId: string, filter: { after?: CursorValue[]; limit: number }): Promise<PlanRow[]> {
  const conditions: SQL[] = [eq(compPlans.orgId, orgId)];
  if (filter.after) conditions.push(afterCursor(compPlans.name, compPlans.id, filter.after, false));
  return ex.select().from(compPlans).where(and(...conditions)).orderBy(asc(compPlans.name), asc(compPlans.id)).limit(filter.limit + 1);
}

export async function insertPlan(ex: Executor, row: typeof compPlans.$inferInsert): Promise<PlanRow> {
  const [created] = await ex.insert(compPlans).values(row).returning();
  return created!;
}

export async function touchPlan(ex: Executor, orgId: string, id: string, name: string, at: Date): Promise<PlanRow> {
  const [row] = await ex.update(compPlans).set({ name, updatedAt: at, version: sql`${compPlans.version} + 1` }).where(and(eq(compPlans.orgId, orgId), eq(compPlans.id, id))).returning();
  return row!;
}

/** Versions of the given plans, oldest first. */
export async function planVersions(ex: Executor, orgId: string, planIds: readonly string[]): Promise<PlanVersionRow[]> {
  if (planIds.length === 0) return [];
  return ex
    .select()
    .from(compPlanVersions)
    .where(and(eq(compPlanVersions.orgId, orgId), inArray(compPlanVersions.planId, [...planIds])))
    .orderBy(asc(compPlanVersions.planId), asc(compPlanVersions.number));
}

export async function insertPlanVersion(ex: Executor, row: typeof compPlanVersions.$inferInsert): Promise<void> {
  await ex.insert(compPlanVersions).values(row);
}

export async function closePlanVersion(ex: Executor, orgId: string, planId: string, number: number, effectiveTo: string): Promise<void> {
  await ex.update(compPlanVersions).set({ effectiveTo }).where(and(eq(compPlanVersions.orgId, orgId), eq(compPlanVersions.planId, planId), eq(compPlanVersions.number, number)));
}

// --- assignments -----------------------------------------------------------------------------------

function selectAssignments(ex: Executor) {
  return ex
    .select({ a: compAssignments, userName: users.name, planName: compPlans.name })
    .from(compAssignments)
    .innerJoin(users, and(eq(users.orgId, compAssignments.orgId), eq(users.id, compAssignments.userId)))
    .innerJoin(compPlans, and(eq(compPlans.orgId, compAssignments.orgId), eq(compPlans.id, compAssignments.planId)));
}
const flatten = (row: { a: AssignmentRow; userName: string; planName: string }): AssignmentView => ({ ...row.a, userName: row.userName, planName: row.planName });

export async function findAssignment(ex: Executor, orgId: string, id: string): Promise<AssignmentView | undefined> {
  const [row] = await selectAssignments(ex).where(and(eq(compAssignments.orgId, orgId), eq(compAssignments.id, id)));
  return row && flatten(row);
}

export async function lockAssignment(ex: Executor, orgId: string, id: string): Promise<AssignmentRow | undefined> {
  const [row] = await ex.select().from(compAssignments).where(and(eq(compAssignments.orgId, orgId), eq(compAssignments.id, id))).for('update');
  return row;
}

export interface AssignmentFilter {
  userId?: string;
  userIds?: readonly string[];
  planId?: string;
  /** In force on this day. */
  on?: string;
  after?: CursorValue[];
  limit: number;
}

export async function listAssignments(ex: Executor, actor: Actor, filter: AssignmentFilter): Promise<AssignmentView[]> {
  const conditions: SQL[] = [eq(compAssignments.orgId, actor.orgId)];
  const visible = payVisibleTo(actor);
  if (visible) conditions.push(sql`${compAssignments.userId} in ${visible}`);
  if (filter.userId) conditions.push(eq(compAssignments.userId, filter.userId));
  if (filter.userIds) conditions.push(inArray(compAssignments.userId, [...filter.userIds]));
  if (filter.planId) conditions.push(eq(compAssignments.planId, filter.planId));
  if (filter.on) conditions.push(lte(compAssignments.effectiveFrom, filter.on), or(isNull(compAssignments.effectiveTo), gte(compAssignments.effectiveTo, filter.on))!);
  if (filter.after) conditions.push(afterCursor(compAssignments.effectiveFrom, compAssignments.id, filter.after, true));
  const rows = await selectAssignments(ex)
    .where(and(...conditions))
    .orderBy(desc(compAssignments.effectiveFrom), desc(compAssignments.id))
    .limit(filter.limit + 1);
  return rows.map(flatten);
}

/** Another assignment of the person overlapping [from, to] (to null: open-ended). */
export async function overlappingAssignment(ex: Executor, orgId: string, userId: string, from: string, to: string | null, exceptId?: string): Promise<AssignmentRow | undefined> {
  const conditions: SQL[] = [
    eq(compAssignments.orgId, orgId),
    eq(compAssignments.userId, userId),
    or(isNull(compAssignments.effectiveTo), gte(compAssignments.effectiveTo, from))!,
  ];
  if (to) conditions.push(lte(compAssignments.effectiveFrom, to));
  if (exceptId) conditions.push(sql`${compAssignments.id} <> ${exceptId}`);
  const [row] = await ex.select().from(compAssignments).where(and(...conditions)).limit(1);
  return row;
}

export async function insertAssignment(ex: Executor, row: typeof compAssignments.$inferInsert): Promise<AssignmentRow> {
  const [created] = await ex.insert(compAssignments).values(row).returning();
  return created!;
}

export async function updateAssignment(ex: Executor, orgId: string, id: string, changes: Partial<typeof compAssignments.$inferInsert>, at: Date): Promise<AssignmentRow> {
  const [row] = await ex
    .update(compAssignments)
    .set({ ...changes, updatedAt: at, version: sql`${compAssignments.version} + 1` })
    .where(and(eq(compAssignments.orgId, orgId), eq(compAssignments.id, id)))
    .returning();
  return row!;
}

// --- quotas ----------------------------------------------------------------------------------------

export async function findQuota(ex: Executor, orgId: string, userId: string, periodType: string, periodStart: string, lock = false): Promise<QuotaRow | undefined> {
  const query = ex
    .select()
    .from(compQuotas)
    .where(and(eq(compQuotas.orgId, orgId), eq(compQuotas.userId, userId), eq(compQuotas.periodType, periodType as QuotaRow['periodType']), eq(compQuotas.periodStart, periodStart)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function quotasOfPeriod(ex: Executor, orgId: string, periodType: string, periodStart: string): Promise<QuotaRow[]> {
  return ex.select().from(compQuotas).where(and(eq(compQuotas.orgId, orgId), eq(compQuotas.periodType, periodType as QuotaRow['periodType']), eq(compQuotas.periodStart, periodStart)));
}

export async function saveQuota(ex: Executor, row: typeof compQuotas.$inferInsert): Promise<QuotaRow> {
  const [saved] = await ex
    .insert(compQuotas)
    .values(row)
    .onConflictDoUpdate({
      target: [compQuotas.orgId, compQuotas.userId, compQuotas.periodType, compQuotas.periodStart],
      set: { amount: row.amount, currency: row.currency, source: row.source, setBy: row.setBy, updatedAt: row.updatedAt, version: sql`${compQuotas.version} + 1` },
    })
    .returning();
  return saved!;
}

export async function insertQuotaChange(ex: Executor, row: typeof compQuotaChanges.$inferInsert): Promise<void> {
  await ex.insert(compQuotaChanges).values(row);
}

export async function quotaChanges(ex: Executor, orgId: string, userId: string, filter: { after?: CursorValue[]; limit: number }): Promise<(QuotaChangeRow & { changedByName: string | null })[]> {
  const conditions: SQL[] = [eq(compQuotaChanges.orgId, orgId), eq(compQuotaChanges.userId, userId)];
  if (filter.after) conditions.push(afterCursor(compQuotaChanges.changedAt, compQuotaChanges.id, [new Date(String(filter.after[0])).toISOString(), filter.after[1]!], true));
  const rows = await ex
    .select({ c: compQuotaChanges, changedByName: users.name })
    .from(compQuotaChanges)
    .leftJoin(users, and(eq(users.orgId, compQuotaChanges.orgId), eq(users.id, compQuotaChanges.changedBy)))
    .where(and(...conditions))
    .orderBy(desc(compQuotaChanges.changedAt), desc(compQuotaChanges.id))
    .limit(filter.limit + 1);
  return rows.map((r) => ({ ...r.c, changedByName: r.changedByName }));
}

// --- crediting -------------------------------------------------------------------------------------

export async function getRules(ex: Executor, orgId: string, lock = false) {
  const query = ex.select().from(compCreditingRules).where(eq(compCreditingRules.orgId, orgId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveRules(ex: Executor, row: typeof compCreditingRules.$inferInsert & { version: number }) {
  const [saved] = await ex
    .insert(compCreditingRules)
    .values(row)
    .onConflictDoUpdate({ target: compCreditingRules.orgId, set: { rules: row.rules, updatedAt: row.updatedAt, version: row.version } })
    .returning();
  return saved!;
}

export async function findSplit(ex: Executor, orgId: string, sourceType: SplitRow['sourceType'], sourceId: string, lock = false): Promise<SplitRow | undefined> {
  const query = ex.select().from(compCreditSplits).where(and(eq(compCreditSplits.orgId, orgId), eq(compCreditSplits.sourceType, sourceType), eq(compCreditSplits.sourceId, sourceId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveSplit(ex: Executor, row: typeof compCreditSplits.$inferInsert & { version: number }): Promise<SplitRow> {
  const [saved] = await ex
    .insert(compCreditSplits)
    .values(row)
    .onConflictDoUpdate({ target: [compCreditSplits.orgId, compCreditSplits.sourceType, compCreditSplits.sourceId], set: { splits: row.splits, note: row.note, updatedBy: row.updatedBy, updatedAt: row.updatedAt, version: row.version } })
    .returning();
  return saved!;
}

/** Every manual split of the organisation (few: splits are the exception). */
export async function allSplits(ex: Executor, orgId: string): Promise<SplitRow[]> {
  return ex.select().from(compCreditSplits).where(eq(compCreditSplits.orgId, orgId));
}

// --- credit sources (read-only joins over other modules' tables, for speed over millions of lines) ---

export interface RevenueLine {
  id: string;
  accountId: string;
  accountName: string;
  ownerId: string | null;
  bookedOn: string;
  /** Organisation currency, minor units, as text (bigint-safe on both drivers). */
  amount: string;
  cost: string;
}

/** Revenue lines booked in [from, to] on live accounts, with the account's owner. */
export async function revenueLines(ex: Executor, orgId: string, from: string, to: string): Promise<RevenueLine[]> {
  return queryRows<RevenueLine>(ex, sql`
    select t.id, t.account_id as "accountId", a.name as "accountName", a.owner_id as "ownerId", t.booked_on::text as "bookedOn",
           t.amount_org::text as amount, t.cost_org::text as cost
    from transactions t join accounts a on a.org_id = t.org_id and a.id = t.account_id
    where t.org_id = ${orgId} and t.booked_on between ${from}::date and ${to}::date and a.deleted_at is null
    order by t.booked_on, t.id`);
}

export async function accountNamesAndOwners(ex: Executor, orgId: string, ids: readonly string[]): Promise<Map<string, { name: string; ownerId: string | null }>> {
  const result = new Map<string, { name: string; ownerId: string | null }>();
  if (ids.length === 0) return result;
  const rows = await queryRows<{ id: string; name: string; ownerId: string | null }>(ex, sql`
    select id, name, owner_id as "ownerId" from accounts where org_id = ${orgId} and id in (select unnest(${`{${[...new Set(ids)].join(',')}}`}::uuid[]))`);
  for (const row of rows) result.set(row.id, { name: row.name, ownerId: row.ownerId });
  return result;
}

/** Accepted handovers: who handed which account over, and the day it was accepted. */
export async function acceptedHandovers(ex: Executor, orgId: string): Promise<{ accountId: string; fromUserId: string; acceptedOn: string }[]> {
  return queryRows(ex, sql`
    select account_id as "accountId", from_user_id as "fromUserId", (decided_at at time zone 'UTC')::date::text as "acceptedOn"
    from handovers where org_id = ${orgId} and state = 'accepted' and decided_at is not null`);
}
