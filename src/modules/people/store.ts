import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/connection.ts';
import type { Tier } from '../scoring/scoring.ts';
import type { Role } from '../users/tables.ts';
import { developmentGoals, expectedPay, payBands, peopleSettings, personProfiles, skillRatings } from './tables.ts';

export type ProfileRow = typeof personProfiles.$inferSelect;
export type RatingRow = typeof skillRatings.$inferSelect;
export type SettingsRow = typeof peopleSettings.$inferSelect;
export type GoalRow = typeof developmentGoals.$inferSelect;
export type PayBandRow = typeof payBands.$inferSelect;
export type NewPayBandRow = typeof payBands.$inferInsert;
export type ExpectedPayRow = typeof expectedPay.$inferSelect;

// --- people and reporting lines (read from the users table) --------------------------------------

export interface PersonRef {
  id: string;
  name: string;
  email: string;
  role: Role;
  managerId: string | null;
  active: boolean;
}

export async function findPerson(ex: Executor, orgId: string, userId: string): Promise<PersonRef | undefined> {
  const [row] = await queryRows<PersonRef>(ex, sql`
    select id, name, email, role, manager_id as "managerId", active from users where org_id = ${orgId} and id = ${userId}`);
  return row;
}

/** Everyone reporting to `managerId`, directly or through others (not the manager). */
export async function reportIds(ex: Executor, orgId: string, managerId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(ex, sql`
    with recursive reports(id, depth) as (
      select id, 1 from users where org_id = ${orgId} and manager_id = ${managerId}
      union
      select u.id, r.depth + 1 from users u join reports r on u.manager_id = r.id where u.org_id = ${orgId} and r.depth < 100
    ) select distinct id from reports`);
  return rows.map((r) => r.id);
}

/** Whether `managerId` is above `userId` in the reporting lines. */
export async function isAbove(ex: Executor, orgId: string, managerId: string, userId: string): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(ex, sql`
    with recursive chain(id, depth) as (
      select manager_id, 1 from users where org_id = ${orgId} and id = ${userId}
      union all
      select u.manager_id, c.depth + 1 from users u join chain c on u.id = c.id where u.org_id = ${orgId} and c.depth < 100
    ) select exists(select 1 from chain where id = ${managerId}::uuid) as found`);
  return row?.found === true;
}

export async function listPeople(ex: Executor, orgId: string, ids: readonly string[] | null, roles?: readonly Role[]): Promise<PersonRef[]> {
  const idFilter = ids === null ? sql`` : ids.length === 0 ? sql`and false` : sql`and id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`;
  const roleFilter = roles ? sql`and role in (${sql.join(roles.map((r) => sql`${r}`), sql`, `)})` : sql``;
  return queryRows<PersonRef>(ex, sql`
    select id, name, email, role, manager_id as "managerId", active from users
    where org_id = ${orgId} ${idFilter} ${roleFilter} order by name, id`);
}

// --- profiles -----------------------------------------------------------------------------------------

export async function getProfile(ex: Executor, orgId: string, userId: string, lock = false): Promise<ProfileRow | undefined> {
  const query = ex.select().from(personProfiles).where(and(eq(personProfiles.orgId, orgId), eq(personProfiles.userId, userId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function listProfiles(ex: Executor, orgId: string, userIds: readonly string[]): Promise<ProfileRow[]> {
  if (userIds.length === 0) return [];
  return ex.select().from(personProfiles).where(and(eq(personProfiles.orgId, orgId), inArray(personProfiles.userId, [...userIds])));
}

export async function saveProfile(ex: Executor, row: typeof personProfiles.$inferInsert & { version: number }): Promise<ProfileRow> {
  const { orgId: _o, userId: _u, ...changes } = row;
  const [saved] = await ex.insert(personProfiles).values(row).onConflictDoUpdate({ target: [personProfiles.orgId, personProfiles.userId], set: changes }).returning();
  return saved!;
}

// --- skill ratings ----------------------------------------------------------------------------------------

export async function listRatings(ex: Executor, orgId: string, userIds: readonly string[]): Promise<RatingRow[]> {
  if (userIds.length === 0) return [];
  return ex.select().from(skillRatings).where(and(eq(skillRatings.orgId, orgId), inArray(skillRatings.userId, [...userIds]))).orderBy(asc(skillRatings.ratedAt), asc(skillRatings.id));
}

export type RatingHistoryRow = RatingRow & { ratedByName: string };

export async function ratingHistory(ex: Executor, orgId: string, userId: string, limit: number): Promise<RatingHistoryRow[]> {
  return queryRows<RatingHistoryRow>(ex, sql`
    select r.id, r.skill, r.kind, r.rating, r.note, r.rated_by as "ratedBy", r.rated_at as "ratedAt", u.name as "ratedByName"
    from skill_ratings r join users u on u.org_id = r.org_id and u.id = r.rated_by
    where r.org_id = ${orgId} and r.user_id = ${userId}
    order by r.rated_at desc, r.id desc limit ${limit}`);
}

export async function insertRatings(ex: Executor, rows: (typeof skillRatings.$inferInsert)[]): Promise<RatingRow[]> {
  if (rows.length === 0) return [];
  return ex.insert(skillRatings).values(rows).returning();
}

// --- settings ---------------------------------------------------------------------------------------------

export async function getSettings(ex: Executor, orgId: string, lock = false): Promise<SettingsRow | undefined> {
  const query = ex.select().from(peopleSettings).where(eq(peopleSettings.orgId, orgId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveSettings(ex: Executor, row: SettingsRow): Promise<SettingsRow> {
  const { orgId: _o, ...changes } = row;
  const [saved] = await ex.insert(peopleSettings).values(row).onConflictDoUpdate({ target: peopleSettings.orgId, set: changes }).returning();
  return saved!;
}

// --- development goals --------------------------------------------------------------------------------------

export async function listGoals(ex: Executor, orgId: string, userId: string): Promise<GoalRow[]> {
  return ex.select().from(developmentGoals).where(and(eq(developmentGoals.orgId, orgId), eq(developmentGoals.userId, userId))).orderBy(desc(developmentGoals.createdAt), desc(developmentGoals.id));
}

export async function findGoal(ex: Executor, orgId: string, id: string, lock = false): Promise<GoalRow | undefined> {
  const query = ex.select().from(developmentGoals).where(and(eq(developmentGoals.orgId, orgId), eq(developmentGoals.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertGoal(ex: Executor, row: typeof developmentGoals.$inferInsert): Promise<GoalRow> {
  const [created] = await ex.insert(developmentGoals).values(row).returning();
  return created!;
}

export async function updateGoal(ex: Executor, orgId: string, id: string, changes: Partial<typeof developmentGoals.$inferInsert>, at: Date): Promise<GoalRow> {
  const [row] = await ex.update(developmentGoals).set({ ...changes, updatedAt: at, version: sql`${developmentGoals.version} + 1` }).where(and(eq(developmentGoals.orgId, orgId), eq(developmentGoals.id, id))).returning();
  return row!;
}

// --- pay ------------------------------------------------------------------------------------------------------

export async function listPayBands(ex: Executor, orgId: string): Promise<PayBandRow[]> {
  return ex.select().from(payBands).where(eq(payBands.orgId, orgId)).orderBy(asc(payBands.role), desc(payBands.year), asc(payBands.id));
}

export async function findPayBand(ex: Executor, orgId: string, id: string, lock = false): Promise<PayBandRow | undefined> {
  const query = ex.select().from(payBands).where(and(eq(payBands.orgId, orgId), eq(payBands.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertPayBand(ex: Executor, row: NewPayBandRow): Promise<PayBandRow> {
  const [created] = await ex.insert(payBands).values(row).returning();
  return created!;
}

export async function updatePayBand(ex: Executor, orgId: string, id: string, changes: Partial<NewPayBandRow>, at: Date): Promise<PayBandRow> {
  const [row] = await ex.update(payBands).set({ ...changes, updatedAt: at, version: sql`${payBands.version} + 1` }).where(and(eq(payBands.orgId, orgId), eq(payBands.id, id))).returning();
  return row!;
}

export async function deletePayBand(ex: Executor, orgId: string, id: string): Promise<void> {
  await ex.delete(payBands).where(and(eq(payBands.orgId, orgId), eq(payBands.id, id)));
}

export async function roleYearTaken(ex: Executor, orgId: string, role: string, year: number, exceptId: string | null): Promise<boolean> {
  const rows = await ex.select({ id: payBands.id }).from(payBands).where(and(eq(payBands.orgId, orgId), eq(payBands.role, role), eq(payBands.year, year)));
  return rows.some((r) => r.id !== exceptId);
}

export async function getExpectedPay(ex: Executor, orgId: string, userId: string, lock = false): Promise<ExpectedPayRow | undefined> {
  const query = ex.select().from(expectedPay).where(and(eq(expectedPay.orgId, orgId), eq(expectedPay.userId, userId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function listExpectedPay(ex: Executor, orgId: string, userIds: readonly string[]): Promise<ExpectedPayRow[]> {
  if (userIds.length === 0) return [];
  return ex.select().from(expectedPay).where(and(eq(expectedPay.orgId, orgId), inArray(expectedPay.userId, [...userIds])));
}

export async function saveExpectedPay(ex: Executor, row: ExpectedPayRow): Promise<ExpectedPayRow> {
  const { orgId: _o, userId: _u, ...changes } = row;
  const [saved] = await ex.insert(expectedPay).values(row).onConflictDoUpdate({ target: [expectedPay.orgId, expectedPay.userId], set: changes }).returning();
  return saved!;
}

// --- books: a read model over accounts, scores, rollups, cases and interactions ----------------------------

export interface TierCountRow {
  ownerId: string;
  tier: Tier | null;
  accounts: number;
}

/** Owned live accounts per owner and tier (null: not scored yet). */
export async function tierCounts(ex: Executor, orgId: string, ownerIds: readonly string[]): Promise<TierCountRow[]> {
  if (ownerIds.length === 0) return [];
  return queryRows<TierCountRow>(ex, sql`
    select a.owner_id as "ownerId", s.tier, count(*)::int as accounts
    from accounts a left join account_scores s on s.org_id = a.org_id and s.account_id = a.id
    where a.org_id = ${orgId} and a.deleted_at is null and a.owner_id in (${sql.join(ownerIds.map((id) => sql`${id}::uuid`), sql`, `)})
    group by 1, 2`);
}

export interface BookFigures {
  ownerId: string;
  revenue: string;
  cost: string;
  openCases: number;
  escalatedCases: number;
  interactions: number;
}

/**
 * Per owner: revenue and cost of their accounts from the monthly rollups since `fromMonth`
 * (organisation currency, minor units), open and escalated cases, and interactions logged on
 * their accounts since `since`.
 */
export async function bookFigures(ex: Executor, orgId: string, ownerIds: readonly string[], fromMonth: string, since: Date): Promise<BookFigures[]> {
  if (ownerIds.length === 0) return [];
  const owners = sql.join(ownerIds.map((id) => sql`${id}::uuid`), sql`, `);
  return queryRows<BookFigures>(ex, sql`
    with book as (select id, owner_id from accounts where org_id = ${orgId} and deleted_at is null and owner_id in (${owners}))
    select b.owner_id as "ownerId",
      coalesce((select sum(m.revenue) from account_monthly m join book x on x.id = m.account_id where m.org_id = ${orgId} and x.owner_id = b.owner_id and m.month >= ${fromMonth}::date), 0)::text as revenue,
      coalesce((select sum(m.cost) from account_monthly m join book x on x.id = m.account_id where m.org_id = ${orgId} and x.owner_id = b.owner_id and m.month >= ${fromMonth}::date), 0)::text as cost,
      (select count(*) from cases c join book x on x.id = c.account_id where c.org_id = ${orgId} and x.owner_id = b.owner_id and c.status in ('open', 'in_progress'))::int as "openCases",
      (select count(*) from cases c join book x on x.id = c.account_id where c.org_id = ${orgId} and x.owner_id = b.owner_id and c.status in ('open', 'in_progress') and c.escalation_level > 0)::int as "escalatedCases",
      (select count(*) from interactions i join book x on x.id = i.account_id where i.org_id = ${orgId} and x.owner_id = b.owner_id and i.deleted_at is null and i.occurred_at >= ${since.toISOString()}::timestamptz)::int as interactions
    from (select distinct owner_id from book) b`);
}

export interface BookAccount {
  id: string;
  name: string;
  tier: Tier | null;
  industry: string | null;
  country: string | null;
  openEscalations: number;
  /** Open opportunities (the pipeline: deals being negotiated). */
  openNegotiations: number;
}

/** The accounts a person owns, with what assignment needs to know of each. */
export async function ownedAccounts(ex: Executor, orgId: string, ownerId: string): Promise<BookAccount[]> {
  return queryRows<BookAccount>(ex, sql`
    select a.id, a.name, s.tier, a.industry, a.country,
      (select count(*) from cases c where c.org_id = a.org_id and c.account_id = a.id and c.status in ('open', 'in_progress') and c.escalation_level > 0)::int as "openEscalations",
      (select count(*) from opportunities o where o.org_id = a.org_id and o.account_id = a.id and o.closed_at is null)::int as "openNegotiations"
    from accounts a left join account_scores s on s.org_id = a.org_id and s.account_id = a.id
    where a.org_id = ${orgId} and a.owner_id = ${ownerId} and a.deleted_at is null
    order by a.name, a.id`);
}

export async function accountNeeds(ex: Executor, orgId: string, accountId: string): Promise<BookAccount | undefined> {
  const [row] = await queryRows<BookAccount>(ex, sql`
    select a.id, a.name, s.tier, a.industry, a.country,
      (select count(*) from cases c where c.org_id = a.org_id and c.account_id = a.id and c.status in ('open', 'in_progress') and c.escalation_level > 0)::int as "openEscalations",
      (select count(*) from opportunities o where o.org_id = a.org_id and o.account_id = a.id and o.closed_at is null)::int as "openNegotiations"
    from accounts a left join account_scores s on s.org_id = a.org_id and s.account_id = a.id
    where a.org_id = ${orgId} and a.id = ${accountId} and a.deleted_at is null`);
  return row;
}

/**
 * Per account of `accountIds` and user: how many of its contacts (by e-mail) the user already
 * knows because the same person is a contact on another account whose team they are on.
 */
export async function knownContacts(ex: Executor, orgId: string, accountIds: readonly string[]): Promise<{ accountId: string; userId: string; known: number }[]> {
  if (accountIds.length === 0) return [];
  return queryRows(ex, sql`
    select c1.account_id as "accountId", t.user_id as "userId", count(distinct lower(c1.email))::int as known
    from contacts c1
    join contacts c2 on c2.org_id = c1.org_id and lower(c2.email) = lower(c1.email) and c2.account_id <> c1.account_id
      and c2.email is not null and c2.deleted_at is null
    join account_team t on t.org_id = c2.org_id and t.account_id = c2.account_id
    where c1.org_id = ${orgId} and c1.account_id in (${sql.join(accountIds.map((id) => sql`${id}::uuid`), sql`, `)})
      and c1.email is not null and c1.deleted_at is null
    group by 1, 2`);
}

/** Locks an account row for an owner change and answers its version and owner. */
export async function lockAccount(ex: Executor, orgId: string, accountId: string): Promise<{ version: number; ownerId: string | null } | undefined> {
  const [row] = await queryRows<{ version: number; ownerId: string | null }>(ex, sql`
    select version, owner_id as "ownerId" from accounts where org_id = ${orgId} and id = ${accountId} and deleted_at is null for update`);
  return row;
}
