import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../core/actor.ts';
import { plainArray, textArray } from '../../db/arrays.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { accountIsVisible } from '../../db/visibility.ts';
import { users } from '../users/tables.ts';
import { containsPattern } from '../../db/like.ts';
import { accounts, accountTeam, type Stage, type TeamRole } from './tables.ts';
import type { AccountSort } from './schemas.ts';

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccountRow = typeof accounts.$inferInsert;
export type AccountView = AccountRow & { parentName: string | null; ownerName: string | null };

const parent = alias(accounts, 'parent');
const owner = alias(users, 'owner');

function selectAccountView(ex: Executor) {
  return ex
    .select({ account: accounts, parentName: parent.name, ownerName: owner.name })
    .from(accounts)
    .leftJoin(parent, and(eq(parent.orgId, accounts.orgId), eq(parent.id, accounts.parentId)))
    .leftJoin(owner, and(eq(owner.orgId, accounts.orgId), eq(owner.id, accounts.ownerId)));
}

const flatten = (row: { account: AccountRow; parentName: string | null; ownerName: string | null }): AccountView => ({
  ...row.account,
  parentName: row.parentName,
  ownerName: row.ownerName,
});

export async function findVisibleAccount(ex: Executor, actor: Actor, id: string): Promise<AccountView | undefined> {
  const [row] = await selectAccountView(ex).where(
    and(eq(accounts.orgId, actor.orgId), eq(accounts.id, id), isNull(accounts.deletedAt), accountIsVisible(actor, accounts.id)),
  );
  return row && flatten(row);
}

export async function lockAccount(ex: Executor, orgId: string, id: string): Promise<AccountRow | undefined> {
  const [row] = await ex
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, id), isNull(accounts.deletedAt)))
    .for('update');
  return row;
}

export interface AccountFilter {
  q?: string;
  stage?: Stage;
  ownerId?: string;
  parentId?: string;
  sort: AccountSort;
  after?: CursorValue[];
  limit: number;
}

const SORT_COLUMNS = { name: accounts.name, createdAt: accounts.createdAt, updatedAt: accounts.updatedAt } as const;

export function sortKey(sort: AccountSort): { column: keyof typeof SORT_COLUMNS; descending: boolean } {
  const descending = sort.startsWith('-');
  return { column: sort.replace('-', '') as keyof typeof SORT_COLUMNS, descending };
}

export async function listAccounts(ex: Executor, actor: Actor, filter: AccountFilter): Promise<AccountView[]> {
  const { column, descending } = sortKey(filter.sort);
  const sortColumn = SORT_COLUMNS[column];
  const conditions: SQL[] = [eq(accounts.orgId, actor.orgId), isNull(accounts.deletedAt), accountIsVisible(actor, accounts.id)];
  if (filter.q) conditions.push(ilike(accounts.name, containsPattern(filter.q)));
  if (filter.stage) conditions.push(eq(accounts.stage, filter.stage));
  if (filter.ownerId) conditions.push(eq(accounts.ownerId, filter.ownerId));
  if (filter.parentId) conditions.push(eq(accounts.parentId, filter.parentId));
  if (filter.after) conditions.push(afterCursor(sortColumn, accounts.id, filter.after, descending));
  const order = descending ? [desc(sortColumn), desc(accounts.id)] : [asc(sortColumn), asc(accounts.id)];
  const rows = await selectAccountView(ex)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(filter.limit + 1);
  return rows.map(flatten);
}

export async function insertAccount(ex: Executor, row: NewAccountRow): Promise<AccountRow> {
  const [created] = await ex.insert(accounts).values(row).returning();
  return created!;
}

export async function updateAccount(ex: Executor, orgId: string, id: string, changes: Partial<NewAccountRow>, at: Date): Promise<AccountRow> {
  const [row] = await ex
    .update(accounts)
    .set({ ...changes, updatedAt: at, version: sql`${accounts.version} + 1` })
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, id)))
    .returning();
  return row!;
}

export async function findAccountIdByExternalId(ex: Executor, orgId: string, externalId: string): Promise<string | undefined> {
  const [row] = await ex
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.externalId, externalId)));
  return row?.id;
}

/** Ids from `accountId` up to the root, nearest first. */
export async function ancestorIds(ex: Executor, orgId: string, accountId: string): Promise<string[]> {
  const result = (await ex.execute(sql`
    with recursive chain(id, depth) as (
      select parent_id, 1 from accounts where org_id = ${orgId} and id = ${accountId}
      union all
      select a.parent_id, c.depth + 1 from accounts a join chain c on a.id = c.id
      where a.org_id = ${orgId} and c.depth < 100
    ) select id from chain where id is not null order by depth`)) as unknown as { rows: { id: string }[] };
  return result.rows.map((row) => row.id);
}

export async function countLiveChildren(ex: Executor, orgId: string, id: string): Promise<number> {
  const [row] = await ex
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.parentId, id), isNull(accounts.deletedAt)));
  return row?.count ?? 0;
}

export async function listTeam(ex: Executor, orgId: string, accountId: string) {
  return ex
    .select({ userId: accountTeam.userId, role: accountTeam.role, name: users.name, email: users.email, userRole: users.role })
    .from(accountTeam)
    .innerJoin(users, and(eq(users.orgId, accountTeam.orgId), eq(users.id, accountTeam.userId)))
    .where(and(eq(accountTeam.orgId, orgId), eq(accountTeam.accountId, accountId)))
    .orderBy(asc(accountTeam.role), asc(users.name));
}

export async function upsertTeamMember(ex: Executor, orgId: string, accountId: string, userId: string, role: TeamRole, at: Date): Promise<void> {
  await ex
    .insert(accountTeam)
    .values({ orgId, accountId, userId, role, createdAt: at })
    .onConflictDoUpdate({ target: [accountTeam.orgId, accountTeam.accountId, accountTeam.userId], set: { role } });
}

export async function insertTeamMembers(ex: Executor, rows: (typeof accountTeam.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await ex.insert(accountTeam).values(rows).onConflictDoNothing();
}

export async function deleteTeamMember(ex: Executor, orgId: string, accountId: string, userId: string): Promise<boolean> {
  const deleted = await ex
    .delete(accountTeam)
    .where(and(eq(accountTeam.orgId, orgId), eq(accountTeam.accountId, accountId), eq(accountTeam.userId, userId)))
    .returning({ userId: accountTeam.userId });
  return deleted.length > 0;
}

// --- Import (batched; called by the imports module through the accounts service) ---

/** Stored accounts by external id, deleted ones too (an import restores them). */
export async function accountsByExternalIds(ex: Executor, orgId: string, externalIds: readonly string[], lock = false): Promise<AccountRow[]> {
  if (externalIds.length === 0) return [];
  const query = ex
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), inArray(accounts.externalId, [...externalIds])));
  return lock ? query.for('update') : query;
}

/** Every account's parent in the organisation (child id → parent id): the input of cycle checks. */
export async function parentLinks(ex: Executor, orgId: string): Promise<{ id: string; parentId: string }[]> {
  return (await ex
    .select({ id: accounts.id, parentId: accounts.parentId })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), isNotNull(accounts.parentId)))) as { id: string; parentId: string }[];
}

/**
 * One multi-row upsert by (org_id, external_id), one bind parameter per column (unnest): rows that
 * differ from the stored ones are updated (version + 1), identical ones are left alone and not
 * returned. `inserted` tells new from updated.
 */
export async function upsertAccounts(ex: Executor, orgId: string, rows: readonly NewAccountRow[], at: Date): Promise<{ id: string; externalId: string; version: number; inserted: boolean }[]> {
  if (rows.length === 0) return [];
  const column = <K extends keyof NewAccountRow>(key: K) => rows.map((row) => row[key] as string | number | bigint | null | undefined);
  const text = <K extends keyof NewAccountRow>(key: K) => textArray(column(key) as (string | null)[]);
  const stamp = at.toISOString();
  return queryRows<{ id: string; externalId: string; version: number; inserted: boolean }>(ex, sql`
    insert into accounts as a (org_id, id, external_id, name, parent_id, stage, industry, region, country, currency, strategic_fit, reference_value, wallet_estimate, owner_id, deleted_at, created_at, updated_at)
    select ${orgId}::uuid, u.id, u.external_id, u.name, u.parent_id, u.stage, u.industry, u.region, u.country, u.currency, u.strategic_fit, u.reference_value, u.wallet_estimate, u.owner_id, null, ${stamp}::timestamptz, ${stamp}::timestamptz
    from unnest(
      ${plainArray(column('id'))}::uuid[], ${text('externalId')}::text[], ${text('name')}::text[], ${plainArray(column('parentId'))}::uuid[],
      ${text('stage')}::text[], ${text('industry')}::text[], ${text('region')}::text[], ${text('country')}::text[], ${text('currency')}::text[],
      ${plainArray(column('strategicFit'))}::int2[], ${plainArray(column('referenceValue'))}::int2[], ${plainArray(column('walletEstimate'))}::int8[], ${plainArray(column('ownerId'))}::uuid[]
    ) as u(id, external_id, name, parent_id, stage, industry, region, country, currency, strategic_fit, reference_value, wallet_estimate, owner_id)
    on conflict (org_id, external_id) do update set
      name = excluded.name, parent_id = excluded.parent_id, stage = excluded.stage, industry = excluded.industry, region = excluded.region,
      country = excluded.country, currency = excluded.currency, strategic_fit = excluded.strategic_fit, reference_value = excluded.reference_value,
      wallet_estimate = excluded.wallet_estimate, owner_id = excluded.owner_id, deleted_at = null, updated_at = excluded.updated_at, version = a.version + 1
    where (a.name, a.parent_id, a.stage, a.industry, a.region, a.country, a.currency, a.strategic_fit, a.reference_value, a.wallet_estimate, a.owner_id, a.deleted_at)
      is distinct from (excluded.name, excluded.parent_id, excluded.stage, excluded.industry, excluded.region, excluded.country, excluded.currency,
                        excluded.strategic_fit, excluded.reference_value, excluded.wallet_estimate, excluded.owner_id, null::timestamptz)
    returning a.id, a.external_id as "externalId", a.version, (xmax = 0) as inserted`);
}

/** Makes each user the owner on the account's team (adding them, or changing their team role). */
export async function upsertOwners(ex: Executor, orgId: string, owners: readonly { accountId: string; userId: string }[], at: Date): Promise<void> {
  if (owners.length === 0) return;
  await ex.execute(sql`
    insert into account_team (org_id, account_id, user_id, role, created_at)
    select ${orgId}::uuid, u.account_id, u.user_id, 'owner', ${at.toISOString()}::timestamptz
    from unnest(${plainArray(owners.map((o) => o.accountId))}::uuid[], ${plainArray(owners.map((o) => o.userId))}::uuid[]) as u(account_id, user_id)
    on conflict (org_id, account_id, user_id) do update set role = excluded.role`);
}

/** Removes (account, user) pairs from account teams: previous owners when ownership moves. */
export async function deleteTeamMembers(ex: Executor, orgId: string, pairs: readonly { accountId: string; userId: string }[]): Promise<void> {
  if (pairs.length === 0) return;
  await ex.execute(sql`
    delete from account_team t using unnest(${plainArray(pairs.map((p) => p.accountId))}::uuid[], ${plainArray(pairs.map((p) => p.userId))}::uuid[]) as u(account_id, user_id)
    where t.org_id = ${orgId} and t.account_id = u.account_id and t.user_id = u.user_id`);
}

/** Which of these account ids the caller may see (all of them for org-wide roles). */
export async function visibleAmong(ex: Executor, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(ex, sql`
    select a.id from accounts a where a.org_id = ${actor.orgId} and a.id = any(${plainArray(ids)}::uuid[]) and ${accountIsVisible(actor, sql`a.id`)}`);
  return new Set(rows.map((row) => row.id));
}
