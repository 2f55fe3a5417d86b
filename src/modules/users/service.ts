import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { isCurrency } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { recordChange } from '../audit/service.ts';
import { hashPassword } from './passwords.ts';
import type { Me, MeUpdate, Signup, User, UserCreate, UserListQuery, UserUpdate } from './schemas.ts';
import * as store from './store.ts';
import type { UserRow } from './store.ts';
import type { Role } from './tables.ts';

export const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  managerId: row.managerId,
  locale: row.locale as User['locale'],
  active: row.active,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

/** Creates an organisation and its first admin (POST /signup, `patron org create`, the demo). */
export async function createOrganisation(ctx: AppContext, input: Signup): Promise<{ orgId: string; user: User }> {
  const currency = input.currency ?? 'EUR';
  if (!isCurrency(currency)) throw invalid('currency', `${currency} is not an ISO 4217 currency`);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    await assertEmailFree(tx, input.email);
    const now = ctx.clock.now();
    const org = await store.insertOrganisation(tx, { id: newId(), name: input.orgName, currency, locale: input.locale ?? 'en', createdAt: now, updatedAt: now });
    const actor: Actor = { orgId: org.id, userId: newId(), role: 'admin', via: 'system' };
    const user = await store.insertUser(tx, {
      orgId: org.id,
      id: actor.userId,
      email: input.email,
      name: input.name,
      role: 'admin',
      locale: input.locale ?? null,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    });
    await recordChange(tx, actor, now, { action: 'create', entity: 'organisation', entityId: org.id, after: org });
    await recordChange(tx, actor, now, { action: 'create', entity: 'user', entityId: user.id, after: publicUser(user) });
    return { orgId: org.id, user: toUser(user) };
  });
}

export async function createUser(ctx: AppContext, actor: Actor, input: UserCreate): Promise<User> {
  requireRole(actor, ['admin'], 'add users');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return ctx.db.transaction(async (tx) => {
    await assertEmailFree(tx, input.email);
    if (input.managerId) await requireUser(tx, actor.orgId, input.managerId, 'managerId');
    const now = ctx.clock.now();
    const user = await store.insertUser(tx, {
      orgId: actor.orgId,
      id: newId(),
      email: input.email,
      name: input.name,
      role: input.role,
      managerId: input.managerId ?? null,
      locale: input.locale ?? null,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    });
    await recordChange(tx, actor, now, { action: 'create', entity: 'user', entityId: user.id, after: publicUser(user) });
    return toUser(user);
  });
}

export async function listUsers(ctx: AppContext, actor: Actor, query: UserListQuery): Promise<Page<User>> {
  const limit = query.limit ?? 50;
  const rows = await store.listUsers(ctx.db, actor.orgId, {
    q: query.q,
    role: query.role,
    managerId: query.managerId,
    active: query.active,
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  return toPage(rows, limit, toUser, (row) => [row.name, row.id]);
}

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<User> {
  const row = await store.getUser(ctx.db, actor.orgId, id);
  if (!row) throw notFound('User');
  return toUser(row);
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, version: number, input: UserUpdate): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db.transaction(async (tx) => {
    const before = await store.getUser(tx, actor.orgId, id, true);
    if (!before) throw notFound('User');
    requireRole(actor, ['admin'], 'change users');
    checkVersion(before.version, version);
    if (input.managerId) {
      await requireUser(tx, actor.orgId, input.managerId, 'managerId');
      const chain = await store.managerChain(tx, actor.orgId, input.managerId);
      if (input.managerId === id || chain.includes(id)) throw invalid('managerId', 'A person cannot report to someone who reports to them');
    }
    if (id === actor.userId && (input.role && input.role !== 'admin' || input.active === false)) {
      throw new AppError('unprocessable', 'You cannot remove your own admin access; ask another admin');
    }
    const { password: _password, ...changes } = input;
    const after = await store.updateUser(tx, actor.orgId, id, { ...changes, ...(passwordHash ? { passwordHash } : {}) }, ctx.clock.now());
    await recordChange(tx, actor, ctx.clock.now(), { action: 'update', entity: 'user', entityId: id, before: publicUser(before), after: publicUser(after) });
    return toUser(after);
  });
}

export async function getMe(ctx: AppContext, actor: Actor): Promise<Me> {
  const [user, org] = await Promise.all([store.getUser(ctx.db, actor.orgId, actor.userId), store.getOrganisation(ctx.db, actor.orgId)]);
  if (!user || !org) throw new AppError('unauthenticated');
  return toMe(user, org);
}

export async function updateMe(ctx: AppContext, actor: Actor, version: number, input: MeUpdate): Promise<Me> {
  return ctx.db.transaction(async (tx) => {
    const before = await store.getUser(tx, actor.orgId, actor.userId, true);
    const org = await store.getOrganisation(tx, actor.orgId);
    if (!before || !org) throw new AppError('unauthenticated');
    checkVersion(before.version, version);
    const after = await store.updateUser(tx, actor.orgId, actor.userId, input, ctx.clock.now());
    await recordChange(tx, actor, ctx.clock.now(), { action: 'update', entity: 'user', entityId: actor.userId, before: publicUser(before), after: publicUser(after) });
    return toMe(after, org);
  });
}

const toMe = (user: UserRow, org: store.OrganisationRow): Me => ({
  id: user.id,
  orgId: org.id,
  orgName: org.name,
  orgCurrency: org.currency,
  email: user.email,
  name: user.name,
  role: user.role,
  locale: user.locale as Me['locale'],
  preferences: user.preferences,
  version: user.version,
});

/** What the audit log keeps of a user: never the password hash. */
function publicUser(row: UserRow): Omit<UserRow, 'passwordHash'> {
  const { passwordHash: _hash, ...rest } = row;
  return rest;
}

async function assertEmailFree(ex: Executor, email: string): Promise<void> {
  if (await store.findUserByEmail(ex, email)) throw new AppError('conflict', 'A user with this email already exists', { errors: [{ path: 'email', message: 'is already taken' }] });
}

async function requireUser(ex: Executor, orgId: string, id: string, path: string): Promise<UserRow> {
  const row = await store.getUser(ex, orgId, id);
  if (!row) throw invalid(path, 'is not a user of this organisation');
  return row;
}

/** For other modules: the user, if they belong to the organisation. */
export async function findUser(ex: Executor, orgId: string, id: string): Promise<User | null> {
  const row = await store.getUser(ex, orgId, id);
  return row ? toUser(row) : null;
}

export async function findUserIdByEmail(ex: Executor, orgId: string, email: string): Promise<string | null> {
  const row = await store.findUserByEmail(ex, email);
  return row && row.orgId === orgId ? row.id : null;
}

export async function getOrganisationCurrency(ex: Executor, orgId: string): Promise<string> {
  const org = await store.getOrganisation(ex, orgId);
  if (!org) throw notFound('Organisation');
  return org.currency;
}

/** For the auth module: the stored credentials of an email, if any. */
export async function findLoginUser(ex: Executor, email: string) {
  const row = await store.findUserByEmail(ex, email);
  return row ? { orgId: row.orgId, id: row.id, role: row.role, active: row.active, passwordHash: row.passwordHash } : undefined;
}

/** For other modules (forecasts, performance): every user of the organisation with their manager, by name. */
export async function reportingLines(ex: Executor, orgId: string): Promise<{ id: string; name: string; role: Role; managerId: string | null; active: boolean }[]> {
  return store.reportingLines(ex, orgId);
}
