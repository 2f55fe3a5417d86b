import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { containsPattern } from '../../db/like.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { organisations, users, type Role } from './tables.ts';

export type UserRow = typeof users.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;

export async function insertOrganisation(ex: Executor, row: typeof organisations.$inferInsert): Promise<OrganisationRow> {
  const [created] = await ex.insert(organisations).values(row).returning();
  return created!;
}

export async function getOrganisation(ex: Executor, orgId: string): Promise<OrganisationRow | undefined> {
  const [row] = await ex.select().from(organisations).where(eq(organisations.id, orgId));
  return row;
}

export async function insertUser(ex: Executor, row: typeof users.$inferInsert): Promise<UserRow> {
  const [created] = await ex.insert(users).values(row).returning();
  return created!;
}

export async function findUserByEmail(ex: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function getUser(ex: Executor, orgId: string, id: string, lock = false): Promise<UserRow | undefined> {
  const query = ex.select().from(users).where(and(eq(users.orgId, orgId), eq(users.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export interface UserFilter {
  q?: string;
  role?: Role;
  managerId?: string;
  active?: boolean;
  after?: CursorValue[];
  limit: number;
}

export async function listUsers(ex: Executor, orgId: string, filter: UserFilter): Promise<UserRow[]> {
  const conditions = [eq(users.orgId, orgId)];
  if (filter.q) conditions.push(or(ilike(users.name, containsPattern(filter.q)), ilike(users.email, containsPattern(filter.q)))!);
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.managerId) conditions.push(eq(users.managerId, filter.managerId));
  if (filter.active !== undefined) conditions.push(eq(users.active, filter.active));
  if (filter.after) conditions.push(afterCursor(users.name, users.id, filter.after, false));
  return ex
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.name), asc(users.id))
    .limit(filter.limit + 1);
}

export async function updateUser(ex: Executor, orgId: string, id: string, changes: Partial<typeof users.$inferInsert>, at: Date): Promise<UserRow> {
  const [row] = await ex
    .update(users)
    .set({ ...changes, updatedAt: at, version: sql`${users.version} + 1` })
    .where(and(eq(users.orgId, orgId), eq(users.id, id)))
    .returning();
  return row!;
}

/** Ids of everyone above `userId` in the reporting line, nearest first (to refuse cycles). */
export async function managerChain(ex: Executor, orgId: string, userId: string): Promise<string[]> {
  const result = (await ex.execute(sql`
    with recursive chain(id, depth) as (
      select manager_id, 1 from users where org_id = ${orgId} and id = ${userId}
      union all
      select u.manager_id, c.depth + 1 from users u join chain c on u.id = c.id
      where u.org_id = ${orgId} and c.depth < 100
    ) select id from chain where id is not null order by depth`)) as unknown as { rows: { id: string }[] };
  return result.rows.map((row) => row.id);
}


/** Everyone of the organisation with their manager: the reporting lines, for forecasts and roll-ups. */
export async function reportingLines(ex: Executor, orgId: string) {
  return ex
    .select({ id: users.id, name: users.name, role: users.role, managerId: users.managerId, active: users.active })
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(asc(users.name), asc(users.id));
}
