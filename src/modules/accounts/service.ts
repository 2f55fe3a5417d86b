import { noChanges, type ImportCounts } from '../../core/import-batch.ts';
import { WRITER_ROLES, type Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { isCountry } from '../../core/countries.ts';
import { AppError, invalid, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { formatMoney, isCurrency, parseMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { accountsChanged } from '../../core/events.ts';
import { recordChange, recordChanges, type Change } from '../audit/service.ts';
import { findUser, getOrganisationCurrency } from '../users/service.ts';
import { closesCycle } from './hierarchy.ts';
import type { Stage, TeamRole } from './tables.ts';
import type { Account, AccountCreate, AccountListQuery, AccountUpdate, TeamMember, TeamMemberAdd } from './schemas.ts';
import * as store from './store.ts';
import type { AccountRow, AccountView } from './store.ts';

export function toAccount(row: AccountView): Account {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    parentId: row.parentId,
    parentName: row.parentName,
    stage: row.stage,
    industry: row.industry,
    region: row.region,
    country: row.country,
    currency: row.currency,
    strategicFit: row.strategicFit,
    referenceValue: row.referenceValue,
    walletEstimate: row.walletEstimate === null ? null : formatMoney(row.walletEstimate, row.currency),
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function listAccounts(ctx: AppContext, actor: Actor, query: AccountListQuery): Promise<Page<Account>> {
  const limit = query.limit ?? 50;
  const sort = query.sort ?? 'name';
  const rows = await store.listAccounts(ctx.db, actor, {
    q: query.q,
    stage: query.stage,
    ownerId: query.ownerId,
    parentId: query.parentId,
    sort,
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  const { column } = store.sortKey(sort);
  return toPage(rows, limit, toAccount, (row) => [column === 'name' ? row.name : row[column].toISOString(), row.id]);
}

/** The account, if the caller may see it; otherwise 404 (never revealing that it exists). */
export async function getVisibleAccount(ex: Executor, actor: Actor, id: string): Promise<Account> {
  const row = await store.findVisibleAccount(ex, actor, id);
  if (!row) throw notFound('Account');
  return toAccount(row);
}

export const getAccount = (ctx: AppContext, actor: Actor, id: string): Promise<Account> => getVisibleAccount(ctx.db, actor, id);

/** For writes by other modules (contacts, team): visible, and the caller's role may write. */
export async function requireWritableAccount(ex: Executor, actor: Actor, id: string): Promise<Account> {
  const account = await getVisibleAccount(ex, actor, id);
  requireRole(actor, WRITER_ROLES, 'change accounts');
  return account;
}

export async function createAccount(ctx: AppContext, actor: Actor, input: AccountCreate): Promise<Account> {
  requireRole(actor, WRITER_ROLES, 'create accounts');
  return ctx.db.transaction(async (tx) => {
    const currency = input.currency ?? (await getOrganisationCurrency(tx, actor.orgId));
    const values = await validatedValues(tx, actor, null, { ...input, currency });
    const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
    const now = ctx.clock.now();
    const row = await store.insertAccount(tx, {
      orgId: actor.orgId,
      id: newId(),
      name: input.name,
      currency,
      ...values,
      ownerId,
      createdAt: now,
      updatedAt: now,
    });
    const team = [ownerId, actor.userId].filter((id, i, all): id is string => !!id && all.indexOf(id) === i);
    for (const userId of team) {
      await store.upsertTeamMember(tx, actor.orgId, row.id, userId, userId === ownerId ? 'owner' : actor.role === 'bd' ? 'sourcing_bd' : 'support', now);
    }
    await recordChange(tx, actor, now, { action: 'create', entity: 'account', entityId: row.id, after: row });
    await accountsChanged(tx, actor.orgId, [row.id], now);
    return getVisibleAccount(tx, actor, row.id);
  });
}

export async function updateAccount(ctx: AppContext, actor: Actor, id: string, version: number, input: AccountUpdate): Promise<Account> {
  return ctx.db.transaction(async (tx) => {
    await requireWritableAccount(tx, actor, id);
    const before = await store.lockAccount(tx, actor.orgId, id);
    if (!before) throw notFound('Account');
    checkVersion(before.version, version);
    const currency = input.currency ?? before.currency;
    const values = await validatedValues(tx, actor, before, { ...input, currency });
    const now = ctx.clock.now();
    const after = await store.updateAccount(tx, actor.orgId, id, { ...values, ...(input.name ? { name: input.name } : {}), currency }, now);
    if (input.ownerId !== undefined && input.ownerId !== before.ownerId) await moveOwnership(tx, actor.orgId, id, before.ownerId, input.ownerId, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'account', entityId: id, before, after });
    await accountsChanged(tx, actor.orgId, [id], now);
    return getVisibleAccount(tx, { ...actor, via: 'system' }, id);
  });
}

async function moveOwnership(ex: Executor, orgId: string, accountId: string, from: string | null, to: string | null, at: Date): Promise<void> {
  if (from) await store.deleteTeamMember(ex, orgId, accountId, from);
  if (to) await store.upsertTeamMember(ex, orgId, accountId, to, 'owner', at);
}

/**
 * Moves ownership for another module's use case (a handover's acceptance), in the caller's
 * transaction; the caller has decided that `actor` may do it. The new owner joins the team as
 * owner; the previous owner stays as `keepAsRole` (or leaves the team when null); `members` join
 * (or change role); `stage` is set when given. One audit row for the account and one for its
 * team; the version goes up once; scores follow.
 */
export async function transferOwnership(
  ex: Executor,
  actor: Actor,
  accountId: string,
  toUserId: string,
  keepAsRole: Exclude<TeamRole, 'owner'> | null,
  options: { at: Date; stage?: Stage; members?: { userId: string; role: Exclude<TeamRole, 'owner'> }[] },
): Promise<Account> {
  const before = await store.lockAccount(ex, actor.orgId, accountId);
  if (!before) throw notFound('Account');
  if (!(await findUser(ex, actor.orgId, toUserId))) throw invalid('toUserId', 'is not a user of this organisation');
  const teamBefore = await store.listTeam(ex, actor.orgId, accountId);
  const after = await store.updateAccount(ex, actor.orgId, accountId, { ownerId: toUserId, ...(options.stage ? { stage: options.stage } : {}) }, options.at);
  if (before.ownerId && before.ownerId !== toUserId) {
    if (keepAsRole) await store.upsertTeamMember(ex, actor.orgId, accountId, before.ownerId, keepAsRole, options.at);
    else await store.deleteTeamMember(ex, actor.orgId, accountId, before.ownerId);
  }
  for (const member of options.members ?? []) {
    if (member.userId !== toUserId) await store.upsertTeamMember(ex, actor.orgId, accountId, member.userId, member.role, options.at);
  }
  await store.upsertTeamMember(ex, actor.orgId, accountId, toUserId, 'owner', options.at);
  const teamAfter = await store.listTeam(ex, actor.orgId, accountId);
  await recordChanges(ex, actor, options.at, [
    { action: 'update', entity: 'account', entityId: accountId, before, after },
    { action: 'update', entity: 'account_team', entityId: accountId, before: teamBefore, after: teamAfter },
  ]);
  await accountsChanged(ex, actor.orgId, [accountId], options.at);
  return getVisibleAccount(ex, { ...actor, via: 'system' }, accountId);
}

export async function deleteAccount(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await requireWritableAccount(tx, actor, id);
    const before = await store.lockAccount(tx, actor.orgId, id);
    if (!before) throw notFound('Account');
    checkVersion(before.version, version);
    if ((await store.countLiveChildren(tx, actor.orgId, id)) > 0) {
      throw new AppError('conflict', 'This account has subsidiaries; move or delete them first');
    }
    const now = ctx.clock.now();
    const after = await store.updateAccount(tx, actor.orgId, id, { deletedAt: now }, now);
    await recordChange(tx, actor, now, { action: 'delete', entity: 'account', entityId: id, before, after });
    await accountsChanged(tx, actor.orgId, [id], now);
  });
}

type AccountFields = Omit<AccountUpdate, 'name'> & { currency: string };

/** Checks every field against stored data and turns API values into column values. */
async function validatedValues(ex: Executor, actor: Actor, current: AccountRow | null, input: AccountFields): Promise<Partial<store.NewAccountRow>> {
  const errors: FieldError[] = [];
  if (!isCurrency(input.currency)) errors.push({ path: 'currency', message: `${input.currency} is not an ISO 4217 currency` });
  if (input.country && !isCountry(input.country)) errors.push({ path: 'country', message: `${input.country} is not an ISO 3166 country code` });
  let walletEstimate: bigint | null | undefined;
  if (input.walletEstimate !== undefined) {
    try {
      walletEstimate = input.walletEstimate === null ? null : parseMoney(input.walletEstimate, input.currency);
      if (walletEstimate !== null && walletEstimate < 0n) errors.push({ path: 'walletEstimate', message: 'cannot be negative' });
    } catch (error) {
      errors.push({ path: 'walletEstimate', message: (error as Error).message });
    }
  } else if (current && input.currency !== current.currency && current.walletEstimate !== null) {
    errors.push({ path: 'walletEstimate', message: 'give the wallet estimate in the new currency too' });
  }
  if (input.ownerId && !(await findUser(ex, actor.orgId, input.ownerId))) errors.push({ path: 'ownerId', message: 'is not a user of this organisation' });
  if (input.parentId) {
    const parent = await store.findVisibleAccount(ex, { ...actor, via: 'system' }, input.parentId);
    if (!parent) errors.push({ path: 'parentId', message: 'is not an account of this organisation' });
    else if (current && closesCycle(current.id, input.parentId, await store.ancestorIds(ex, actor.orgId, input.parentId))) {
      errors.push({ path: 'parentId', message: 'would make the account its own ancestor' });
    }
  }
  if (input.externalId && input.externalId !== current?.externalId) {
    if (await store.findAccountIdByExternalId(ex, actor.orgId, input.externalId)) errors.push({ path: 'externalId', message: 'is already used by another account' });
  }
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  const { currency: _currency, walletEstimate: _wallet, ownerId: _owner, ...plain } = input;
  return { ...plain, ...(walletEstimate !== undefined ? { walletEstimate } : {}), ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}) };
}

export async function listTeam(ctx: AppContext, actor: Actor, accountId: string): Promise<TeamMember[]> {
  await getVisibleAccount(ctx.db, actor, accountId);
  return store.listTeam(ctx.db, actor.orgId, accountId);
}

/** Team changes are changes to the account: they bump its version and are audited on it. */
export async function addTeamMember(ctx: AppContext, actor: Actor, accountId: string, input: TeamMemberAdd): Promise<TeamMember[]> {
  return changeTeam(ctx, actor, accountId, null, async (tx, before, now) => {
    if (!(await findUser(tx, actor.orgId, input.userId))) throw invalid('userId', 'is not a user of this organisation');
    if (input.userId === before.ownerId) throw invalid('userId', 'is the owner; change the owner on the account instead');
    await store.upsertTeamMember(tx, actor.orgId, accountId, input.userId, input.role, now);
  });
}

export async function removeTeamMember(ctx: AppContext, actor: Actor, accountId: string, userId: string, version: number): Promise<TeamMember[]> {
  return changeTeam(ctx, actor, accountId, version, async (tx, before) => {
    if (userId === before.ownerId) throw new AppError('unprocessable', 'The owner cannot leave the team; give the account a new owner first');
    if (!(await store.deleteTeamMember(tx, actor.orgId, accountId, userId))) throw notFound('Team member');
  });
}

async function changeTeam(
  ctx: AppContext,
  actor: Actor,
  accountId: string,
  version: number | null,
  change: (tx: Executor, before: AccountRow, now: Date) => Promise<void>,
): Promise<TeamMember[]> {
  return ctx.db.transaction(async (tx) => {
    await requireWritableAccount(tx, actor, accountId);
    const before = await store.lockAccount(tx, actor.orgId, accountId);
    if (!before) throw notFound('Account');
    if (version !== null) checkVersion(before.version, version);
    const teamBefore = await store.listTeam(tx, actor.orgId, accountId);
    const now = ctx.clock.now();
    await change(tx, before, now);
    await store.updateAccount(tx, actor.orgId, accountId, {}, now);
    const teamAfter = await store.listTeam(tx, actor.orgId, accountId);
    await recordChange(tx, actor, now, { action: 'update', entity: 'account_team', entityId: accountId, before: teamBefore, after: teamAfter });
    return teamAfter;
  });
}

// --- Import (the imports module validates, resolves and orders the rows; these write them) ---

export interface AccountRef {
  id: string;
  currency: string;
}

/** Live accounts by external id, in batches of lookups: for contact and transaction imports. */
export async function accountIdsByExternalIds(ex: Executor, orgId: string, externalIds: readonly string[]): Promise<Map<string, AccountRef>> {
  const found = new Map<string, AccountRef>();
  const unique = [...new Set(externalIds)];
  for (let i = 0; i < unique.length; i += 5000) {
    for (const row of await store.accountsByExternalIds(ex, orgId, unique.slice(i, i + 5000))) {
      if (row.externalId && !row.deletedAt) found.set(row.externalId, { id: row.id, currency: row.currency });
    }
  }
  return found;
}

export interface StoredAccountRef extends AccountRef {
  parentId: string | null;
  walletEstimate: bigint | null;
  deleted: boolean;
}

/** Stored accounts by external id, deleted ones too (re-importing one restores it): for account imports. */
export async function storedAccountsByExternalIds(ex: Executor, orgId: string, externalIds: readonly string[]): Promise<Map<string, StoredAccountRef>> {
  const found = new Map<string, StoredAccountRef>();
  const unique = [...new Set(externalIds)];
  for (let i = 0; i < unique.length; i += 5000) {
    for (const row of await store.accountsByExternalIds(ex, orgId, unique.slice(i, i + 5000))) {
      if (row.externalId) found.set(row.externalId, { id: row.id, currency: row.currency, parentId: row.parentId, walletEstimate: row.walletEstimate, deleted: row.deletedAt !== null });
    }
  }
  return found;
}

/** child id → parent id over the whole organisation, for refusing hierarchy cycles before writing. */
export async function accountParentLinks(ex: Executor, orgId: string): Promise<Map<string, string>> {
  return new Map((await store.parentLinks(ex, orgId)).map((link) => [link.id, link.parentId]));
}

/**
 * A validated, resolved account line. An absent optional field keeps the stored value (an empty
 * cell is "not given"); a new account gets the defaults (stage active, the organisation's
 * currency, the importing user as owner).
 */
export interface AccountImportRow {
  externalId: string;
  name: string;
  /** Another account stored already or earlier in this batch (callers order parents first). */
  parentExternalId?: string;
  industry?: string;
  region?: string;
  country?: string;
  currency?: string;
  stage?: Stage;
  ownerId?: string;
  strategicFit?: number;
  referenceValue?: number;
  /** Minor units of the account's (resulting) currency. */
  walletEstimate?: bigint;
}

/**
 * Upserts one batch by external id in the caller's transaction: one multi-row INSERT … ON CONFLICT
 * DO UPDATE … WHERE the row differs. Owners join the account team as 'owner' (a previous owner
 * leaves it, as on the API); every created or updated account gets an audit row.
 * The caller has refused hierarchy cycles and ordered parents before their children.
 */
export async function importAccountsBatch(tx: Executor, actor: Actor, rows: readonly AccountImportRow[], at: Date, importId: string): Promise<ImportCounts> {
  if (rows.length === 0) return noChanges();
  const orgCurrency = await getOrganisationCurrency(tx, actor.orgId);
  const existing = new Map<string, AccountRow>();
  for (const row of await store.accountsByExternalIds(tx, actor.orgId, rows.map((r) => r.externalId), true)) existing.set(row.externalId!, row);
  const ids = new Map<string, string>();
  for (const row of rows) ids.set(row.externalId, existing.get(row.externalId)?.id ?? newId());
  const outsideParents = rows.map((r) => r.parentExternalId).filter((p): p is string => p !== undefined && !ids.has(p));
  for (const [externalId, ref] of await storedAccountsByExternalIds(tx, actor.orgId, outsideParents)) ids.set(externalId, ref.id);

  const values: store.NewAccountRow[] = rows.map((row) => {
    const before = existing.get(row.externalId);
    let parentId = before?.parentId ?? null;
    if (row.parentExternalId !== undefined) {
      parentId = ids.get(row.parentExternalId) ?? null;
      if (!parentId) throw new AppError('validation', `Account ${row.externalId}: parent ${row.parentExternalId} is not an account of this organisation`);
    }
    const pick = <K extends keyof AccountImportRow & keyof AccountRow>(key: K, fallback: AccountRow[K] | null): AccountRow[K] | null =>
      (row[key] !== undefined ? row[key] : before ? before[key] : fallback) as AccountRow[K] | null;
    return {
      orgId: actor.orgId,
      id: ids.get(row.externalId)!,
      externalId: row.externalId,
      name: row.name,
      parentId,
      stage: pick('stage', 'active') as Stage,
      industry: pick('industry', null),
      region: pick('region', null),
      country: pick('country', null),
      currency: pick('currency', orgCurrency) as string,
      strategicFit: pick('strategicFit', null),
      referenceValue: pick('referenceValue', null),
      walletEstimate: pick('walletEstimate', null),
      ownerId: row.ownerId ?? before?.ownerId ?? (before ? null : actor.userId),
      deletedAt: null,
      createdAt: at,
      updatedAt: at,
    };
  });
  const written = await store.upsertAccounts(tx, actor.orgId, values, at);
  const valuesByKey = new Map(values.map((value) => [value.externalId!, value]));
  const moved: { accountId: string; userId: string }[] = [];
  const owners: { accountId: string; userId: string }[] = [];
  const changes: Change[] = [];
  for (const row of written) {
    const before = row.inserted ? undefined : existing.get(row.externalId);
    const value = valuesByKey.get(row.externalId)!;
    if (before?.ownerId && before.ownerId !== value.ownerId) moved.push({ accountId: row.id, userId: before.ownerId });
    if (value.ownerId && value.ownerId !== before?.ownerId) owners.push({ accountId: row.id, userId: value.ownerId });
    const after = { ...value, id: row.id, createdAt: before?.createdAt ?? at, version: row.version, importId };
    changes.push({ action: row.inserted ? 'create' : 'update', entity: 'account', entityId: row.id, before, after });
  }
  await store.deleteTeamMembers(tx, actor.orgId, moved);
  await store.upsertOwners(tx, actor.orgId, owners, at);
  await recordChanges(tx, actor, at, changes);
  await accountsChanged(tx, actor.orgId, written.map((row) => row.id), at);
  const created = written.filter((row) => row.inserted).length;
  return { created, updated: written.length - created, unchanged: rows.length - written.length };
}

/** For imports by a manager: which of these stored accounts the caller may see (and so change). */
export async function visibleAccountIdsAmong(ex: Executor, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const visible = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 5000) for (const id of await store.visibleAmong(ex, actor, unique.slice(i, i + 5000))) visible.add(id);
  return visible;
}
