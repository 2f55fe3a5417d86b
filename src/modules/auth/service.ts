import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { recordChange } from '../audit/service.ts';
import { verifyPassword } from '../users/passwords.ts';
import { findLoginUser } from '../users/service.ts';
import type { ApiToken, LoginBody } from './schemas.ts';
import * as store from './store.ts';
import { LOGIN_POLICY, retryAfterSeconds } from './throttle.ts';

export const TOKEN_PREFIX = 'pat_';

const secret = (): string => randomBytes(32).toString('base64url');
export const hashSecret = (value: string): string => createHash('sha256').update(value).digest('hex');

export interface SessionActor extends Actor {
  csrfToken?: string;
}

export interface LoginOutcome {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

export async function login(ctx: AppContext, input: LoginBody, ip: string): Promise<LoginOutcome> {
  const now = ctx.clock.now();
  const emailKey = `email:${input.email.trim().toLowerCase()}`;
  const ipKey = `ip:${ip}`;
  await assertNotThrottled(ctx, emailKey, LOGIN_POLICY.perEmail, now);
  await assertNotThrottled(ctx, ipKey, LOGIN_POLICY.perIp, now);

  const user = await findLoginUser(ctx.db, input.email.trim());
  const valid = await verifyPassword(user?.active ? user.passwordHash : null, input.password);
  if (!user || !valid) {
    await store.insertLoginFailures(ctx.db, [emailKey, ipKey].map((key) => ({ id: newId(), key, at: now })));
    throw new AppError('invalid_credentials');
  }
  const sessionToken = secret();
  const csrfToken = secret();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3_600_000);
  const actor: Actor = { orgId: user.orgId, userId: user.id, role: user.role, via: 'session' };
  await ctx.db.transaction(async (tx) => {
    await store.clearLoginFailures(tx, emailKey);
    await store.insertSession(tx, { orgId: user.orgId, id: newId(), userId: user.id, tokenHash: hashSecret(sessionToken), csrfToken, createdAt: now, expiresAt });
    await recordChange(tx, actor, now, { action: 'login', entity: 'user', entityId: user.id });
  });
  return { sessionToken, csrfToken, expiresAt, actor };
}

async function assertNotThrottled(ctx: AppContext, key: string, limit: number, now: Date): Promise<void> {
  const since = new Date(now.getTime() - LOGIN_POLICY.windowMs);
  const retryAfter = retryAfterSeconds(await store.recentLoginFailures(ctx.db, key, since), limit, now);
  if (retryAfter !== null) {
    throw new AppError('rate_limited', `Too many failed logins; try again in ${retryAfter} seconds`, { headers: { 'retry-after': String(retryAfter) } });
  }
}

export async function logout(ctx: AppContext, sessionToken: string): Promise<void> {
  await store.deleteSession(ctx.db, hashSecret(sessionToken));
}

export async function actorFromSession(ctx: AppContext, sessionToken: string): Promise<SessionActor | null> {
  const row = await store.findSessionPrincipal(ctx.db, hashSecret(sessionToken), ctx.clock.now());
  return row ? { orgId: row.orgId, userId: row.userId, role: row.role, via: 'session', csrfToken: row.csrfToken } : null;
}

export async function actorFromToken(ctx: AppContext, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await store.findTokenPrincipal(ctx.db, hashSecret(token));
  if (!row) return null;
  // "Last used" is kept to the minute: a write per request would double the cost of every call.
  const now = ctx.clock.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) await store.touchApiToken(ctx.db, row.orgId, row.tokenId, now);
  return { orgId: row.orgId, userId: row.userId, role: row.role, via: 'token' };
}

export async function createApiToken(ctx: AppContext, actor: Actor, name: string): Promise<{ id: string; token: string; name: string }> {
  const token = `${TOKEN_PREFIX}${secret()}`;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await store.insertApiToken(tx, {
      orgId: actor.orgId,
      id: newId(),
      userId: actor.userId,
      name,
      tokenHash: hashSecret(token),
      prefix: token.slice(0, 10),
      createdAt: now,
    });
    await recordChange(tx, actor, now, { action: 'create', entity: 'api_token', entityId: row.id, after: { name, prefix: row.prefix } });
    return { id: row.id, token, name };
  });
}

export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<ApiToken[]> {
  return (await store.listApiTokens(ctx.db, actor.orgId, actor.userId)).map(toApiToken);
}

/** A user revokes their own tokens; an admin may revoke anyone's in the organisation. */
export async function revokeApiToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const token = await store.getApiToken(tx, actor.orgId, id);
    if (!token || (token.userId !== actor.userId && actor.role !== 'admin')) throw notFound('Token');
    if (token.revokedAt) return;
    const after = await store.revokeApiToken(tx, actor.orgId, id, ctx.clock.now());
    await recordChange(tx, actor, ctx.clock.now(), { action: 'update', entity: 'api_token', entityId: id, before: toApiToken(token), after: toApiToken(after) });
  });
}

const toApiToken = (row: store.ApiTokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** Housekeeping, run at start and periodically: expired sessions and old login failures. */
export async function pruneAuthData(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  await store.deleteExpiredSessions(ctx.db, now);
  await store.deleteOldLoginFailures(ctx.db, new Date(now.getTime() - LOGIN_POLICY.windowMs));
}
