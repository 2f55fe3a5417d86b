import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { apiTokens, loginFailures, sessions, users } from '../users/tables.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

const principal = { orgId: users.orgId, userId: users.id, role: users.role };

export async function insertSession(ex: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await ex.insert(sessions).values(row);
}

export async function findSessionPrincipal(ex: Executor, tokenHash: string, now: Date) {
  const [row] = await ex
    .select({ ...principal, sessionId: sessions.id, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.active, true)));
  return row;
}

export async function deleteSession(ex: Executor, tokenHash: string): Promise<void> {
  await ex.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(ex: Executor, now: Date): Promise<void> {
  await ex.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function insertApiToken(ex: Executor, row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [created] = await ex.insert(apiTokens).values(row).returning();
  return created!;
}

export async function findTokenPrincipal(ex: Executor, tokenHash: string) {
  const [row] = await ex
    .select({ ...principal, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(users.active, true)));
  return row;
}

export async function touchApiToken(ex: Executor, orgId: string, id: string, now: Date): Promise<void> {
  await ex.update(apiTokens).set({ lastUsedAt: now }).where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id)));
}

export async function listApiTokens(ex: Executor, orgId: string, userId: string): Promise<ApiTokenRow[]> {
  return ex
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.userId, userId)))
    .orderBy(desc(apiTokens.id))
    .limit(500);
}

export async function getApiToken(ex: Executor, orgId: string, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await ex.select().from(apiTokens).where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id)));
  return row;
}

export async function revokeApiToken(ex: Executor, orgId: string, id: string, now: Date): Promise<ApiTokenRow> {
  const [row] = await ex.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id))).returning();
  return row!;
}

export async function recentLoginFailures(ex: Executor, key: string, since: Date): Promise<Date[]> {
  const rows = await ex
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)));
  return rows.map((row) => row.at);
}

export async function insertLoginFailures(ex: Executor, rows: (typeof loginFailures.$inferInsert)[]): Promise<void> {
  await ex.insert(loginFailures).values(rows);
}

export async function clearLoginFailures(ex: Executor, key: string): Promise<void> {
  await ex.delete(loginFailures).where(eq(loginFailures.key, key));
}

export async function deleteOldLoginFailures(ex: Executor, before: Date): Promise<void> {
  await ex.delete(loginFailures).where(lt(loginFailures.at, before));
}
