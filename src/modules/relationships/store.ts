import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/connection.ts';
import { users } from '../users/tables.ts';
import { relationshipStages } from './tables.ts';

export type StageRow = typeof relationshipStages.$inferSelect & { setByName: string };

export async function listStages(ex: Executor, orgId: string, accountId: string): Promise<StageRow[]> {
  const rows = await ex
    .select({ stage: relationshipStages, setByName: users.name })
    .from(relationshipStages)
    .innerJoin(users, and(eq(users.orgId, relationshipStages.orgId), eq(users.id, relationshipStages.setBy)))
    .where(and(eq(relationshipStages.orgId, orgId), eq(relationshipStages.accountId, accountId)))
    .orderBy(desc(relationshipStages.since), desc(relationshipStages.id), asc(users.name));
  return rows.map((r) => ({ ...r.stage, setByName: r.setByName }));
}

export async function insertStage(ex: Executor, row: typeof relationshipStages.$inferInsert): Promise<void> {
  await ex.insert(relationshipStages).values(row);
}

/** Serialises stage changes of one account (the history count is the version). */
export async function lockAccountRow(ex: Executor, orgId: string, accountId: string): Promise<void> {
  await ex.execute(sql`select 1 from accounts where org_id = ${orgId} and id = ${accountId} for update`);
}

export async function tierOf(ex: Executor, orgId: string, accountId: string): Promise<string | null> {
  const [row] = await queryRows<{ tier: string }>(ex, sql`select tier from account_scores where org_id = ${orgId} and account_id = ${accountId}`);
  return row?.tier ?? null;
}

/** The current stage of each of the given accounts (for lists). */
export async function currentStages(ex: Executor, orgId: string, accountIds: string[], today: string): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await queryRows<{ accountId: string; stage: string }>(ex, sql`
    select distinct on (account_id) account_id as "accountId", stage from relationship_stages
    where org_id = ${orgId} and account_id in ${accountIds} and since <= ${today}::date
    order by account_id, since desc, id desc`);
  return new Map(rows.map((r) => [r.accountId, r.stage]));
}
