import { and, asc, count, eq, getTableColumns, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/connection.ts';
import { containsPattern } from '../../db/like.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { contacts } from './tables.ts';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContactRow = typeof contacts.$inferInsert;

const live = (orgId: string, accountId: string, id: string): SQL =>
  and(eq(contacts.orgId, orgId), eq(contacts.accountId, accountId), eq(contacts.id, id), isNull(contacts.deletedAt))!;

/** A live contact of the account. */
export async function findContact(ex: Executor, orgId: string, accountId: string, id: string, lock = false): Promise<ContactRow | undefined> {
  const query = ex.select().from(contacts).where(live(orgId, accountId, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export interface ContactFilter {
  q?: string;
  after?: CursorValue[];
  limit: number;
}

export async function listContacts(ex: Executor, orgId: string, accountId: string, filter: ContactFilter): Promise<ContactRow[]> {
  const conditions: SQL[] = [eq(contacts.orgId, orgId), eq(contacts.accountId, accountId), isNull(contacts.deletedAt)];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(or(ilike(contacts.name, pattern), ilike(contacts.title, pattern), ilike(contacts.email, pattern))!);
  }
  if (filter.after) conditions.push(afterCursor(contacts.name, contacts.id, filter.after, false));
  return ex
    .select()
    .from(contacts)
    .where(and(...conditions))
    .orderBy(asc(contacts.name), asc(contacts.id))
    .limit(filter.limit + 1);
}

export async function insertContact(ex: Executor, row: NewContactRow): Promise<ContactRow> {
  const [created] = await ex.insert(contacts).values(row).returning();
  return created!;
}

export async function updateContact(ex: Executor, orgId: string, id: string, changes: Partial<NewContactRow>, at: Date): Promise<ContactRow> {
  const [row] = await ex
    .update(contacts)
    .set({ ...changes, updatedAt: at, version: sql`${contacts.version} + 1` })
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)))
    .returning();
  return row!;
}

/** Any contact of the organisation with this external id, deleted ones too (the key is unique over all). */
export async function findContactIdByExternalId(ex: Executor, orgId: string, externalId: string): Promise<string | undefined> {
  const [row] = await ex
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.externalId, externalId)));
  return row?.id;
}

/** Ids of the managers above `contactId`, nearest first (to refuse reporting cycles). */
export async function managerChain(ex: Executor, orgId: string, contactId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(ex, sql`
    with recursive chain(id, depth) as (
      select reports_to_id, 1 from contacts where org_id = ${orgId} and id = ${contactId}
      union all
      select c.reports_to_id, ch.depth + 1 from contacts c join chain ch on c.id = ch.id
      where c.org_id = ${orgId} and ch.depth < 1000
    ) select id from chain where id is not null order by depth`);
  return rows.map((row) => row.id);
}

export async function countLiveReports(ex: Executor, orgId: string, id: string): Promise<number> {
  const [row] = await ex
    .select({ count: count().mapWith(Number) })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.reportsToId, id), isNull(contacts.deletedAt)));
  return row?.count ?? 0;
}

/** Contacts by external id; `includeDeleted` for the import, which brings deleted ones back. */
export async function contactsByExternalIds(ex: Executor, orgId: string, externalIds: string[], includeDeleted = false): Promise<ContactRow[]> {
  if (externalIds.length === 0) return [];
  const conditions = [eq(contacts.orgId, orgId), sql`${contacts.externalId} in (select jsonb_array_elements_text(${JSON.stringify(externalIds)}::jsonb))`];
  if (!includeDeleted) conditions.push(isNull(contacts.deletedAt));
  return ex.select().from(contacts).where(and(...conditions));
}

export interface ReportingLine {
  id: string;
  externalId: string | null;
  accountId: string;
  reportsToId: string | null;
  /** The manager's account and whether the manager is deleted; null when there is no manager. */
  managerAccountId: string | null;
  managerDeleted: boolean | null;
}

/** Who reports to whom among the live contacts of these accounts. */
export async function reportingLines(ex: Executor, orgId: string, accountIds: string[]): Promise<ReportingLine[]> {
  if (accountIds.length === 0) return [];
  const rows = await queryRows<{ id: string; external_id: string | null; account_id: string; reports_to_id: string | null; manager_account_id: string | null; manager_deleted: boolean | null }>(
    ex,
    sql`select c.id, c.external_id, c.account_id, c.reports_to_id, m.account_id as manager_account_id, (m.deleted_at is not null) as manager_deleted
        from contacts c
        left join contacts m on m.org_id = c.org_id and m.id = c.reports_to_id
        where c.org_id = ${orgId} and c.deleted_at is null
          and c.account_id in (select jsonb_array_elements_text(${JSON.stringify(accountIds)}::jsonb)::uuid)`,
  );
  return rows.map((r) => ({
    id: r.id,
    externalId: r.external_id,
    accountId: r.account_id,
    reportsToId: r.reports_to_id,
    managerAccountId: r.manager_account_id,
    managerDeleted: r.reports_to_id === null ? null : r.manager_deleted,
  }));
}

/** The fields of a contact the import writes. */
export type ContactUpsert = Pick<
  ContactRow,
  'id' | 'accountId' | 'externalId' | 'name' | 'title' | 'email' | 'phone' | 'buyingRole' | 'reportsToId' | 'relationshipStrength'
>;

/**
 * Inserts new contacts and updates existing ones by (org, external id) in ONE statement, whatever
 * the batch size: the rows travel as one jsonb parameter (`jsonb_to_recordset`), which binds and
 * parses several times faster than thousands of bind parameters and never meets PostgreSQL's 65,535
 * limit. A row is updated (version + 1, updated_at) only when a column differs or it was deleted
 * (the import brings it back); rows not returned were unchanged. Reporting lines between rows of
 * the same statement are fine: foreign keys are checked at the end of the statement.
 * The select lists every column of `contacts` in table order (INSERT … SELECT names them all).
 */
export async function upsertContacts(ex: Executor, orgId: string, rows: ContactUpsert[], at: Date): Promise<(ContactRow & { inserted: boolean })[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(
    rows.map((row) => ({
      id: row.id, account_id: row.accountId, external_id: row.externalId, name: row.name, title: row.title, email: row.email,
      phone: row.phone, buying_role: row.buyingRole, reports_to_id: row.reportsToId, relationship_strength: row.relationshipStrength,
    })),
  );
  return ex
    .insert(contacts)
    .select(sql`
      select ${orgId}::uuid, r.id, r.account_id, r.external_id, r.name, r.title, r.email, r.phone, r.buying_role, r.reports_to_id,
             r.relationship_strength, ${at}::timestamptz, ${at}::timestamptz, null::timestamptz, 1
      from jsonb_to_recordset(${json}::jsonb) as r(id uuid, account_id uuid, external_id text, name text, title text, email text, phone text,
                                                   buying_role text, reports_to_id uuid, relationship_strength smallint)`)
    .onConflictDoUpdate({
      target: [contacts.orgId, contacts.externalId],
      set: {
        accountId: sql.raw('excluded.account_id'),
        name: sql.raw('excluded.name'),
        title: sql.raw('excluded.title'),
        email: sql.raw('excluded.email'),
        phone: sql.raw('excluded.phone'),
        buyingRole: sql.raw('excluded.buying_role'),
        reportsToId: sql.raw('excluded.reports_to_id'),
        relationshipStrength: sql.raw('excluded.relationship_strength'),
        deletedAt: sql`null`,
        updatedAt: at,
        version: sql`${contacts.version} + 1`,
      },
      setWhere: sql`${contacts.deletedAt} is not null or
        (${contacts.accountId}, ${contacts.name}, ${contacts.title}, ${contacts.email}, ${contacts.phone}, ${contacts.buyingRole}, ${contacts.reportsToId}, ${contacts.relationshipStrength})
        is distinct from (excluded.account_id, excluded.name, excluded.title, excluded.email, excluded.phone, excluded.buying_role, excluded.reports_to_id, excluded.relationship_strength)`,
    })
    .returning({ ...getTableColumns(contacts), inserted: sql<boolean>`(xmax = 0)` });
}

/** Locks the live contacts of an account, so two concurrent changes of reporting lines cannot make a cycle. */
export async function lockAccountContacts(ex: Executor, orgId: string, accountId: string): Promise<void> {
  await ex
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.accountId, accountId), isNull(contacts.deletedAt)))
    .for('update');
}
