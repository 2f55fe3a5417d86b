import { and, asc, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../core/actor.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { accountIsVisible } from '../../db/visibility.ts';
import { accounts } from '../accounts/tables.ts';
import { users } from '../users/tables.ts';
import type { Role } from '../users/tables.ts';
import type { CaseStatus, SlaHours } from './sla.ts';
import { caseEvents, cases, caseSettings } from './tables.ts';

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type CaseView = CaseRow & { accountName: string; ownerName: string | null };
export type CaseEventRow = typeof caseEvents.$inferSelect;

const owner = alias(users, 'case_owner');
const eventActor = alias(users, 'event_actor');

function selectCaseView(ex: Executor) {
  return ex
    .select({ c: cases, accountName: accounts.name, ownerName: owner.name })
    .from(cases)
    .innerJoin(accounts, and(eq(accounts.orgId, cases.orgId), eq(accounts.id, cases.accountId)))
    .leftJoin(owner, and(eq(owner.orgId, cases.orgId), eq(owner.id, cases.ownerId)));
}
const flatten = (row: { c: CaseRow; accountName: string; ownerName: string | null }): CaseView => ({ ...row.c, accountName: row.accountName, ownerName: row.ownerName });

/** The case (on a live account), whoever may see it: the service checks the account's visibility. */
export async function findCase(ex: Executor, orgId: string, id: string): Promise<CaseView | undefined> {
  const [row] = await selectCaseView(ex).where(and(eq(cases.orgId, orgId), eq(cases.id, id), sql`${accounts.deletedAt} is null`));
  return row && flatten(row);
}

export async function lockCase(ex: Executor, orgId: string, id: string): Promise<CaseRow | undefined> {
  const [row] = await ex.select().from(cases).where(and(eq(cases.orgId, orgId), eq(cases.id, id))).for('update');
  return row;
}

export interface CaseFilter {
  accountId?: string;
  status?: CaseStatus | 'active';
  severity?: number;
  /** Only severity 1 and 2. */
  severe?: boolean;
  escalated?: boolean;
  ownerId?: string;
  /** 'due': most urgent first (due time ascending); 'newest': opened, newest first. */
  order: 'due' | 'newest';
  after?: CursorValue[];
  limit: number;
}

export async function listCases(ex: Executor, actor: Actor, filter: CaseFilter): Promise<CaseView[]> {
  const conditions: SQL[] = [eq(cases.orgId, actor.orgId), sql`${accounts.deletedAt} is null`, accountIsVisible(actor, cases.accountId)];
  if (filter.accountId) conditions.push(eq(cases.accountId, filter.accountId));
  if (filter.status === 'active') conditions.push(inArray(cases.status, ['open', 'in_progress']));
  else if (filter.status) conditions.push(eq(cases.status, filter.status));
  if (filter.severity) conditions.push(eq(cases.severity, filter.severity));
  if (filter.severe) conditions.push(sql`${cases.severity} <= 2`);
  if (filter.escalated === true) conditions.push(gte(cases.escalationLevel, 1));
  if (filter.escalated === false) conditions.push(eq(cases.escalationLevel, 0));
  if (filter.ownerId) conditions.push(eq(cases.ownerId, filter.ownerId));
  const sortColumn = filter.order === 'due' ? cases.dueAt : cases.openedAt;
  const descending = filter.order === 'newest';
  if (filter.after) conditions.push(afterCursor(sortColumn, cases.id, [new Date(String(filter.after[0])).toISOString(), filter.after[1]!], descending));
  const rows = await selectCaseView(ex)
    .where(and(...conditions))
    .orderBy(...(descending ? [desc(sortColumn), desc(cases.id)] : [asc(sortColumn), asc(cases.id)]))
    .limit(filter.limit + 1);
  return rows.map(flatten);
}

export async function insertCase(ex: Executor, row: NewCaseRow): Promise<CaseRow> {
  const [created] = await ex.insert(cases).values(row).returning();
  return created!;
}

export async function updateCase(ex: Executor, orgId: string, id: string, changes: Partial<NewCaseRow>, at: Date): Promise<CaseRow> {
  const [row] = await ex
    .update(cases)
    .set({ ...changes, updatedAt: at, version: sql`${cases.version} + 1` })
    .where(and(eq(cases.orgId, orgId), eq(cases.id, id)))
    .returning();
  return row!;
}

/** Puts the sweep's next escalation time right; not a change anyone made (no new version). */
export async function setNextEscalation(ex: Executor, orgId: string, id: string, at: Date | null): Promise<CaseRow> {
  const [row] = await ex.update(cases).set({ nextEscalationAt: at }).where(and(eq(cases.orgId, orgId), eq(cases.id, id))).returning();
  return row!;
}

export async function insertEvent(ex: Executor, row: typeof caseEvents.$inferInsert): Promise<void> {
  await ex.insert(caseEvents).values(row);
}

export type CaseEventView = CaseEventRow & { actorName: string | null };

export async function listEvents(ex: Executor, orgId: string, caseId: string, filter: { after?: CursorValue[]; limit: number }): Promise<CaseEventView[]> {
  const conditions: SQL[] = [eq(caseEvents.orgId, orgId), eq(caseEvents.caseId, caseId)];
  if (filter.after) conditions.push(afterCursor(caseEvents.at, caseEvents.id, [new Date(String(filter.after[0])).toISOString(), filter.after[1]!], false));
  const rows = await ex
    .select({ e: caseEvents, actorName: eventActor.name })
    .from(caseEvents)
    .leftJoin(eventActor, and(eq(eventActor.orgId, caseEvents.orgId), eq(eventActor.id, caseEvents.actorId)))
    .where(and(...conditions))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id))
    .limit(filter.limit + 1);
  return rows.map((r) => ({ ...r.e, actorName: r.actorName }));
}

// --- escalation ---------------------------------------------------------------------------------

/**
 * Claims cases whose next escalation is due, locking them; rows another transaction holds are
 * skipped (SKIP LOCKED), so two sweeps never take the same case.
 */
export async function claimDueCases(ex: Executor, now: Date, scope: { orgId?: string; caseId?: string }, limit: number): Promise<CaseRow[]> {
  const org = scope.orgId ? sql`and org_id = ${scope.orgId}` : sql``;
  const one = scope.caseId ? sql`and id = ${scope.caseId}` : sql``;
  const claimed = await queryRows<{ orgId: string; id: string }>(ex, sql`
    select org_id as "orgId", id from cases
    where next_escalation_at <= ${now.toISOString()}::timestamptz ${org} ${one}
    order by next_escalation_at, id limit ${limit}
    for update skip locked`);
  const found: CaseRow[] = [];
  for (const c of claimed) {
    const [row] = await ex.select().from(cases).where(and(eq(cases.orgId, c.orgId), eq(cases.id, c.id)));
    if (row) found.push(row);
  }
  return found;
}

/** Who hears of an escalation: the account's name and owner, the case owner's manager, and the directors above them. */
export async function escalationAudience(ex: Executor, orgId: string, accountId: string, ownerId: string | null) {
  const [account] = await queryRows<{ name: string; ownerId: string | null; tier: string | null }>(ex, sql`
    select a.name, a.owner_id as "ownerId", s.tier from accounts a
    left join account_scores s on s.org_id = a.org_id and s.account_id = a.id
    where a.org_id = ${orgId} and a.id = ${accountId}`);
  const person = ownerId ?? account?.ownerId ?? null;
  let managerId: string | null = null;
  let directors: string[] = [];
  if (person) {
    const chain = await queryRows<{ id: string; role: Role; depth: number }>(ex, sql`
      with recursive up(id, depth) as (
        select manager_id, 1 from users where org_id = ${orgId} and id = ${person}
        union all
        select u.manager_id, up.depth + 1 from users u join up on u.id = up.id where u.org_id = ${orgId} and up.depth < 50
      ) select u.id, u.role, up.depth from up join users u on u.org_id = ${orgId} and u.id = up.id where u.active order by up.depth`);
    managerId = chain[0]?.id ?? null;
    directors = chain.filter((u) => u.role === 'director').map((u) => u.id).slice(0, 1);
  }
  if (directors.length === 0) {
    directors = (await queryRows<{ id: string }>(ex, sql`select id from users where org_id = ${orgId} and role = 'director' and active order by id limit 20`)).map((u) => u.id);
  }
  return { accountName: account?.name ?? '', tier: account?.tier ?? null, ownerId: person, managerId, directors };
}

// --- for other modules ----------------------------------------------------------------------------

/** Open severity-1 and -2 cases per account. */
export async function severeOpenCounts(ex: Executor, orgId: string, accountIds: readonly string[]): Promise<Map<string, { sev1: number; sev2: number }>> {
  const result = new Map<string, { sev1: number; sev2: number }>();
  if (accountIds.length === 0) return result;
  const rows = await ex
    .select({
      accountId: cases.accountId,
      sev1: sql<number>`count(*) filter (where ${cases.severity} = 1)`.mapWith(Number),
      sev2: sql<number>`count(*) filter (where ${cases.severity} = 2)`.mapWith(Number),
    })
    .from(cases)
    .where(and(eq(cases.orgId, orgId), inArray(cases.accountId, [...accountIds]), inArray(cases.status, ['open', 'in_progress']), sql`${cases.severity} <= 2`))
    .groupBy(cases.accountId);
  for (const row of rows) result.set(row.accountId, { sev1: row.sev1, sev2: row.sev2 });
  return result;
}

/** Minutes logged on an account's cases per month and role of whoever logged them. */
export async function timeSpent(ex: Executor, orgId: string, accountId: string, fromDay: string, toDayExclusive: string, now: Date) {
  return queryRows<{ month: string; role: Role; minutes: number }>(ex, sql`
    select to_char(e.at at time zone 'UTC', 'YYYY-MM') as month, u.role, sum(e.minutes)::int as minutes
    from case_events e
    join cases c on c.org_id = e.org_id and c.id = e.case_id
    join users u on u.org_id = e.org_id and u.id = e.actor_id
    where e.org_id = ${orgId} and c.account_id = ${accountId} and e.minutes <> 0
      and e.at >= ${fromDay}::date at time zone 'UTC' and e.at < ${toDayExclusive}::date at time zone 'UTC'
      and e.at <= ${now.toISOString()}::timestamptz
    group by 1, 2`);
}

// --- settings -----------------------------------------------------------------------------------

export type SettingsRow = typeof caseSettings.$inferSelect;

export async function getSettings(ex: Executor, orgId: string, lock = false): Promise<SettingsRow | undefined> {
  const query = ex.select().from(caseSettings).where(eq(caseSettings.orgId, orgId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveSettings(ex: Executor, row: { orgId: string; hours: SlaHours; categories: string[]; updatedAt: Date; version: number }): Promise<SettingsRow> {
  const [saved] = await ex
    .insert(caseSettings)
    .values(row)
    .onConflictDoUpdate({ target: caseSettings.orgId, set: { hours: row.hours, categories: row.categories, updatedAt: row.updatedAt, version: row.version } })
    .returning();
  return saved!;
}
