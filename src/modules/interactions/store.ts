import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../core/actor.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { accountIsVisible } from '../../db/visibility.ts';
import { accounts } from '../accounts/tables.ts';
import { contacts } from '../contacts/tables.ts';
import { users } from '../users/tables.ts';
import type { Role } from '../users/tables.ts';
import type { CadenceDays } from './cadence.ts';
import { engagementSettings, interactionContacts, interactions, interactionUsers } from './tables.ts';

export type InteractionRow = typeof interactions.$inferSelect;
export type NewInteractionRow = typeof interactions.$inferInsert;
export interface Person {
  id: string;
  name: string;
}
export type InteractionView = InteractionRow & { createdByName: string; nextStepOwnerName: string | null; contacts: Person[]; users: Person[] };

const creator = alias(users, 'creator');
const stepOwner = alias(users, 'step_owner');

/** Interactions with names and participants (one query for the rows, one per participant kind). */
async function withPeople(ex: Executor, orgId: string, where: SQL, order: SQL[], limit: number): Promise<InteractionView[]> {
  const rows = await ex
    .select({ interaction: interactions, createdByName: creator.name, nextStepOwnerName: stepOwner.name })
    .from(interactions)
    .innerJoin(creator, and(eq(creator.orgId, interactions.orgId), eq(creator.id, interactions.createdBy)))
    .leftJoin(stepOwner, and(eq(stepOwner.orgId, interactions.orgId), eq(stepOwner.id, interactions.nextStepOwnerId)))
    .where(where)
    .orderBy(...order)
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.interaction.id);
  const contactRows = await ex
    .select({ interactionId: interactionContacts.interactionId, id: contacts.id, name: contacts.name })
    .from(interactionContacts)
    .innerJoin(contacts, and(eq(contacts.orgId, interactionContacts.orgId), eq(contacts.id, interactionContacts.contactId)))
    .where(and(eq(interactionContacts.orgId, orgId), inArray(interactionContacts.interactionId, ids)))
    .orderBy(asc(contacts.name));
  const userRows = await ex
    .select({ interactionId: interactionUsers.interactionId, id: users.id, name: users.name })
    .from(interactionUsers)
    .innerJoin(users, and(eq(users.orgId, interactionUsers.orgId), eq(users.id, interactionUsers.userId)))
    .where(and(eq(interactionUsers.orgId, orgId), inArray(interactionUsers.interactionId, ids)))
    .orderBy(asc(users.name));
  const group = (list: { interactionId: string; id: string; name: string }[], id: string) => list.filter((p) => p.interactionId === id).map(({ id: pid, name }) => ({ id: pid, name }));
  return rows.map((r) => ({
    ...r.interaction,
    createdByName: r.createdByName,
    nextStepOwnerName: r.nextStepOwnerName,
    contacts: group(contactRows, r.interaction.id),
    users: group(userRows, r.interaction.id),
  }));
}

export async function findInteraction(ex: Executor, orgId: string, id: string): Promise<InteractionView | undefined> {
  const [row] = await withPeople(ex, orgId, and(eq(interactions.orgId, orgId), eq(interactions.id, id), isNull(interactions.deletedAt))!, [], 1);
  return row;
}

export async function lockInteraction(ex: Executor, orgId: string, id: string): Promise<InteractionRow | undefined> {
  const [row] = await ex
    .select()
    .from(interactions)
    .where(and(eq(interactions.orgId, orgId), eq(interactions.id, id), isNull(interactions.deletedAt)))
    .for('update');
  return row;
}

export async function listInteractions(
  ex: Executor,
  orgId: string,
  accountId: string,
  filter: { kind?: string; after?: CursorValue[]; limit: number },
): Promise<InteractionView[]> {
  const conditions: SQL[] = [eq(interactions.orgId, orgId), eq(interactions.accountId, accountId), isNull(interactions.deletedAt)];
  if (filter.kind) conditions.push(eq(interactions.kind, filter.kind as InteractionRow['kind']));
  if (filter.after) conditions.push(afterCursor(interactions.occurredAt, interactions.id, [new Date(String(filter.after[0])).toISOString(), filter.after[1]!], true));
  return withPeople(ex, orgId, and(...conditions)!, [desc(interactions.occurredAt), desc(interactions.id)], filter.limit + 1);
}

export async function insertInteraction(ex: Executor, row: NewInteractionRow): Promise<InteractionRow> {
  const [created] = await ex.insert(interactions).values(row).returning();
  return created!;
}

export async function updateInteraction(ex: Executor, orgId: string, id: string, changes: Partial<NewInteractionRow>, at: Date): Promise<InteractionRow> {
  const [row] = await ex
    .update(interactions)
    .set({ ...changes, updatedAt: at, version: sql`${interactions.version} + 1` })
    .where(and(eq(interactions.orgId, orgId), eq(interactions.id, id)))
    .returning();
  return row!;
}

export async function replaceParticipants(ex: Executor, orgId: string, interactionId: string, contactIds?: string[], userIds?: string[]): Promise<void> {
  if (contactIds) {
    await ex.delete(interactionContacts).where(and(eq(interactionContacts.orgId, orgId), eq(interactionContacts.interactionId, interactionId)));
    if (contactIds.length > 0) await ex.insert(interactionContacts).values(contactIds.map((contactId) => ({ orgId, interactionId, contactId })));
  }
  if (userIds) {
    await ex.delete(interactionUsers).where(and(eq(interactionUsers.orgId, orgId), eq(interactionUsers.interactionId, interactionId)));
    if (userIds.length > 0) await ex.insert(interactionUsers).values(userIds.map((userId) => ({ orgId, interactionId, userId })));
  }
}

/** The given ids that are live contacts of the account. */
export async function contactsOfAccount(ex: Executor, orgId: string, accountId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ex
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.accountId, accountId), isNull(contacts.deletedAt), inArray(contacts.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** The given ids that are users of the organisation. */
export async function usersOfOrg(ex: Executor, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ex.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), inArray(users.id, ids)));
  return new Set(rows.map((r) => r.id));
}

// --- next steps ---------------------------------------------------------------------------------

export interface NextStepRow {
  interactionId: string;
  accountId: string;
  accountName: string;
  kind: InteractionRow['kind'];
  occurredAt: Date;
  nextStep: string;
  dueOn: string;
  ownerId: string | null;
  ownerName: string | null;
  version: number;
}

export async function listNextSteps(
  ex: Executor,
  actor: Actor,
  filter: { dueBy?: string; dueBefore?: string; ownerId?: string; accountId?: string; after?: CursorValue[]; limit: number },
): Promise<NextStepRow[]> {
  const conditions: SQL[] = [
    eq(interactions.orgId, actor.orgId),
    isNull(interactions.deletedAt),
    isNull(interactions.nextStepDoneAt),
    sql`${interactions.nextStepDue} is not null`,
    sql`${interactions.nextStep} is not null`,
    isNull(accounts.deletedAt),
    accountIsVisible(actor, interactions.accountId),
  ];
  if (filter.dueBy) conditions.push(sql`${interactions.nextStepDue} <= ${filter.dueBy}::date`);
  if (filter.dueBefore) conditions.push(sql`${interactions.nextStepDue} < ${filter.dueBefore}::date`);
  if (filter.ownerId) conditions.push(eq(interactions.nextStepOwnerId, filter.ownerId));
  if (filter.accountId) conditions.push(eq(interactions.accountId, filter.accountId));
  if (filter.after) conditions.push(afterCursor(interactions.nextStepDue, interactions.id, filter.after, false));
  return (await ex
    .select({
      interactionId: interactions.id,
      accountId: interactions.accountId,
      accountName: accounts.name,
      kind: interactions.kind,
      occurredAt: interactions.occurredAt,
      nextStep: interactions.nextStep,
      dueOn: interactions.nextStepDue,
      ownerId: interactions.nextStepOwnerId,
      ownerName: stepOwner.name,
      version: interactions.version,
    })
    .from(interactions)
    .innerJoin(accounts, and(eq(accounts.orgId, interactions.orgId), eq(accounts.id, interactions.accountId)))
    .leftJoin(stepOwner, and(eq(stepOwner.orgId, interactions.orgId), eq(stepOwner.id, interactions.nextStepOwnerId)))
    .where(and(...conditions))
    .orderBy(asc(interactions.nextStepDue), asc(interactions.id))
    .limit(filter.limit + 1)) as NextStepRow[];
}

export async function countOpenNextSteps(ex: Executor, orgId: string, accountId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ex, sql`select count(*)::int as n from interactions
    where org_id = ${orgId} and account_id = ${accountId} and deleted_at is null and next_step_done_at is null and next_step_due is not null and next_step is not null`);
  return row?.n ?? 0;
}

// --- cadence ------------------------------------------------------------------------------------

export interface ContactStateRow {
  accountId: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  createdOn: string;
  lastContactOn: string | null;
  tier: 'key' | 'strategic' | 'maintain' | 'develop' | null;
  dueOn: string;
}

/**
 * Per visible live account: its last contact (UTC date of the latest interaction up to `now`), its
 * tier (null without a score) and its due date under the cadence. The same rules as `cadenceStatus`,
 * in SQL so that the overdue list of a large organisation is one indexed query.
 */
function contactStateSql(actor: Actor, now: Date, cadence: CadenceDays): SQL {
  return sql`
    select a.id as "accountId", a.name, a.owner_id as "ownerId", o.name as "ownerName",
           (a.created_at at time zone 'UTC')::date::text as "createdOn",
           l.last_on::text as "lastContactOn", s.tier,
           (case when l.last_on is null then (a.created_at at time zone 'UTC')::date
                 else l.last_on + (case coalesce(s.tier, 'develop')
                   when 'key' then ${cadence.key}::int when 'strategic' then ${cadence.strategic}::int
                   when 'maintain' then ${cadence.maintain}::int else ${cadence.develop}::int end) end)::text as "dueOn"
    from accounts a
    left join users o on o.org_id = a.org_id and o.id = a.owner_id
    left join account_scores s on s.org_id = a.org_id and s.account_id = a.id
    left join lateral (
      select (max(i.occurred_at) at time zone 'UTC')::date as last_on from interactions i
      where i.org_id = a.org_id and i.account_id = a.id and i.deleted_at is null and i.occurred_at <= ${now.toISOString()}::timestamptz
    ) l on true
    where a.org_id = ${actor.orgId} and a.deleted_at is null and ${accountIsVisible(actor, sql`a.id`)}`;
}

export async function contactState(ex: Executor, actor: Actor, now: Date, cadence: CadenceDays, accountId: string): Promise<ContactStateRow | undefined> {
  const [row] = await queryRows<ContactStateRow>(ex, sql`select * from (${contactStateSql(actor, now, cadence)}) c where c."accountId" = ${accountId}`);
  return row;
}

/** Overdue accounts (due before `today`), earliest due date first (= longest overdue). */
export async function listOverdue(
  ex: Executor,
  actor: Actor,
  now: Date,
  today: string,
  cadence: CadenceDays,
  filter: { ownerId?: string; after?: CursorValue[]; limit: number },
): Promise<ContactStateRow[]> {
  const owner = filter.ownerId ? sql`and c."ownerId" = ${filter.ownerId}` : sql``;
  const after = filter.after ? sql`and (c."dueOn", c."accountId") > (${filter.after[0]}::text, ${filter.after[1]}::uuid)` : sql``;
  return queryRows<ContactStateRow>(ex, sql`
    select * from (${contactStateSql(actor, now, cadence)}) c
    where c."dueOn" < ${today} ${owner} ${after}
    order by c."dueOn", c."accountId" limit ${filter.limit + 1}`);
}

// --- time spent (cost to serve) -----------------------------------------------------------------

/** Minutes per month and role: every interaction counts for whoever logged it and each of our participants. */
export async function timeSpent(ex: Executor, orgId: string, accountId: string, fromDay: string, toDayExclusive: string, now: Date) {
  return queryRows<{ month: string; role: Role; minutes: number }>(ex, sql`
    select to_char(i.occurred_at at time zone 'UTC', 'YYYY-MM') as month, u.role, sum(i.minutes)::int as minutes
    from interactions i
    join lateral (
      select iu.user_id from interaction_users iu where iu.org_id = i.org_id and iu.interaction_id = i.id
      union select i.created_by
    ) p on true
    join users u on u.org_id = i.org_id and u.id = p.user_id
    where i.org_id = ${orgId} and i.account_id = ${accountId} and i.deleted_at is null
      and i.occurred_at >= ${fromDay}::date at time zone 'UTC' and i.occurred_at < ${toDayExclusive}::date at time zone 'UTC'
      and i.occurred_at <= ${now.toISOString()}::timestamptz
    group by 1, 2`);
}

// --- settings -----------------------------------------------------------------------------------

export type SettingsRow = typeof engagementSettings.$inferSelect;

export async function getSettings(ex: Executor, orgId: string, lock = false): Promise<SettingsRow | undefined> {
  const query = ex.select().from(engagementSettings).where(eq(engagementSettings.orgId, orgId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveSettings(ex: Executor, row: typeof engagementSettings.$inferInsert & { version: number }): Promise<SettingsRow> {
  const [saved] = await ex
    .insert(engagementSettings)
    .values(row)
    .onConflictDoUpdate({ target: engagementSettings.orgId, set: { cadence: row.cadence, minutes: row.minutes, updatedAt: row.updatedAt, version: row.version } })
    .returning();
  return saved!;
}

/** Live accounts that have an owner (for the demo's engagement history). */
export async function ownedAccounts(ex: Executor, orgId: string): Promise<{ id: string; ownerId: string }[]> {
  return queryRows<{ id: string; ownerId: string }>(ex, sql`select id, owner_id as "ownerId" from accounts where org_id = ${orgId} and deleted_at is null and owner_id is not null order by id`);
}

export async function insertInteractions(ex: Executor, rows: NewInteractionRow[]): Promise<InteractionRow[]> {
  const created: InteractionRow[] = [];
  for (let i = 0; i < rows.length; i += 1000) created.push(...(await ex.insert(interactions).values(rows.slice(i, i + 1000)).returning()));
  return created;
}
