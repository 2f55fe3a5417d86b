import { batchPositions, noChanges, type ImportCounts } from '../../core/import-batch.ts';
import { WRITER_ROLES, type Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount, requireWritableAccount } from '../accounts/service.ts';
import { accountsChanged } from '../../core/events.ts';
import { recordChange, recordChanges } from '../audit/service.ts';
import { closesReportingCycle, contactsOnCycles } from './reporting.ts';
import type { Contact, ContactCreate, ContactListQuery, ContactUpdate } from './schemas.ts';
import * as store from './store.ts';
import type { ContactRow, NewContactRow } from './store.ts';
import type { BuyingRole } from './tables.ts';

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    accountId: row.accountId,
    externalId: row.externalId,
    name: row.name,
    title: row.title,
    email: row.email,
    phone: row.phone,
    buyingRole: row.buyingRole,
    reportsToId: row.reportsToId,
    relationshipStrength: row.relationshipStrength,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function listContacts(ctx: AppContext, actor: Actor, accountId: string, query: ContactListQuery): Promise<Page<Contact>> {
  await getVisibleAccount(ctx.db, actor, accountId);
  const limit = query.limit ?? 50;
  const rows = await store.listContacts(ctx.db, actor.orgId, accountId, {
    q: query.q,
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  return toPage(rows, limit, toContact, (row) => [row.name, row.id]);
}

export async function getContact(ctx: AppContext, actor: Actor, accountId: string, contactId: string): Promise<Contact> {
  await getVisibleAccount(ctx.db, actor, accountId);
  const row = await store.findContact(ctx.db, actor.orgId, accountId, contactId);
  if (!row) throw notFound('Contact');
  return toContact(row);
}

export async function createContact(ctx: AppContext, actor: Actor, accountId: string, input: ContactCreate): Promise<Contact> {
  return ctx.db.transaction(async (tx) => {
    await requireWritableAccount(tx, actor, accountId);
    await validate(tx, actor.orgId, accountId, null, input);
    const now = ctx.clock.now();
    const row = await store.insertContact(tx, {
      orgId: actor.orgId,
      id: newId(),
      accountId,
      name: input.name,
      ...optionalFields(input),
      createdAt: now,
      updatedAt: now,
    });
    await recordChange(tx, actor, now, { action: 'create', entity: 'contact', entityId: row.id, after: row });
    await accountsChanged(tx, actor.orgId, [accountId], now);
    return toContact(row);
  });
}

export async function updateContact(ctx: AppContext, actor: Actor, accountId: string, contactId: string, version: number, input: ContactUpdate): Promise<Contact> {
  return ctx.db.transaction(async (tx) => {
    await requireWritableAccount(tx, actor, accountId);
    if (input.reportsToId) await store.lockAccountContacts(tx, actor.orgId, accountId);
    const before = await store.findContact(tx, actor.orgId, accountId, contactId, true);
    if (!before) throw notFound('Contact');
    checkVersion(before.version, version);
    await validate(tx, actor.orgId, accountId, before, input);
    const now = ctx.clock.now();
    const after = await store.updateContact(tx, actor.orgId, contactId, { ...optionalFields(input), ...(input.name !== undefined ? { name: input.name } : {}) }, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'contact', entityId: contactId, before, after });
    await accountsChanged(tx, actor.orgId, [accountId], now);
    return toContact(after);
  });
}

/**
 * Soft delete (the row stays for history and the audit trail). Refused with 409 while live
 * contacts report to this one: move their reporting line first.
 */
export async function deleteContact(ctx: AppContext, actor: Actor, accountId: string, contactId: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await requireWritableAccount(tx, actor, accountId);
    await store.lockAccountContacts(tx, actor.orgId, accountId);
    const before = await store.findContact(tx, actor.orgId, accountId, contactId, true);
    if (!before) throw notFound('Contact');
    checkVersion(before.version, version);
    const reports = await store.countLiveReports(tx, actor.orgId, contactId);
    if (reports > 0) {
      throw new AppError('conflict', `${reports} contact${reports === 1 ? '' : 's'} report${reports === 1 ? 's' : ''} to this one; change their reporting line first`);
    }
    const now = ctx.clock.now();
    const after = await store.updateContact(tx, actor.orgId, contactId, { deletedAt: now }, now);
    await recordChange(tx, actor, now, { action: 'delete', entity: 'contact', entityId: contactId, before, after });
    await accountsChanged(tx, actor.orgId, [accountId], now);
  });
}

type ContactFields = Omit<ContactUpdate, 'name'>;

/** Only the fields the caller sent: undefined leaves a column alone, null clears it. */
function optionalFields(input: ContactFields): Partial<NewContactRow> {
  const fields: Partial<NewContactRow> = {};
  for (const key of ['externalId', 'title', 'email', 'phone', 'buyingRole', 'reportsToId', 'relationshipStrength'] as const) {
    if (input[key] !== undefined) (fields as Record<string, unknown>)[key] = input[key];
  }
  return fields;
}

/** Rules the schema cannot express: unique external id, a manager in the same account, no cycles. */
async function validate(ex: Executor, orgId: string, accountId: string, current: ContactRow | null, input: ContactFields): Promise<void> {
  const errors: FieldError[] = [];
  if (input.externalId && input.externalId !== current?.externalId) {
    if (await store.findContactIdByExternalId(ex, orgId, input.externalId)) errors.push({ path: 'externalId', message: 'is already used by another contact' });
  }
  if (input.reportsToId && input.reportsToId !== current?.reportsToId) {
    const manager = await store.findContact(ex, orgId, accountId, input.reportsToId);
    if (!manager) errors.push({ path: 'reportsToId', message: 'is not a contact of this account' });
    else if (current && closesReportingCycle(current.id, manager.id, await store.managerChain(ex, orgId, manager.id))) {
      errors.push({ path: 'reportsToId', message: 'would make the contact report to themselves' });
    }
  }
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

// ---------------------------------------------------------------------------------------------
// For the imports module (and any module that refers to contacts by external id).

/** Live contacts by external id, in one query. */
export async function contactIdsByExternalIds(ex: Executor, orgId: string, externalIds: string[]): Promise<Map<string, { id: string; accountId: string }>> {
  const rows = await store.contactsByExternalIds(ex, orgId, [...new Set(externalIds)]);
  return new Map(rows.map((row) => [row.externalId!, { id: row.id, accountId: row.accountId }]));
}

/** One validated row of a contacts import; `accountId` already resolved from accountExternalId. */
export interface ContactImportRow {
  externalId: string;
  accountId: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  buyingRole: BuyingRole | null;
  /**
   * The external id of the contact this one reports to: a live contact already stored, or a row of
   * this same batch (ids of new contacts exist only once the batch assigns them), of the same account.
   */
  reportsToExternalId: string | null;
  relationshipStrength: number | null;
}

/**
 * Upserts a batch of contacts by external id inside the import's transaction: one multi-row
 * INSERT … ON CONFLICT … DO UPDATE … WHERE <a column differs>, so re-importing the same rows changes
 * nothing. A deleted contact named in the file is brought back. Reporting lines are checked after
 * the write (same account, live manager, no cycles); a violation throws a validation AppError
 * whose paths are `<row index in this batch>.<import file column>` (externalId,
 * reportsToExternalId, accountExternalId), and the caller's transaction rolls everything back.
 * Audit rows (one per created or updated contact) carry the import id in `after.importId`.
 */
export async function importContactsBatch(tx: Executor, actor: Actor, rows: ContactImportRow[], at: Date, importId: string): Promise<ImportCounts> {
  requireRole(actor, WRITER_ROLES, 'import contacts');
  if (rows.length === 0) return noChanges();
  const { positions: batchIndex, errors } = batchPositions(rows, (row) => row.externalId, 'externalId');
  if (errors.length > 0) throw new AppError('validation', 'Duplicate external ids in one import batch', { errors });

  const referenced = rows.flatMap((row) => (row.reportsToExternalId ? [row.externalId, row.reportsToExternalId] : [row.externalId]));
  const stored = new Map((await store.contactsByExternalIds(tx, actor.orgId, [...new Set(referenced)], true)).map((row) => [row.externalId!, row]));
  const idOf = new Map(rows.map((row) => [row.externalId, stored.get(row.externalId)?.id ?? newId()]));

  const values: store.ContactUpsert[] = rows.map((row, i) => {
    let reportsToId: string | null = null;
    if (row.reportsToExternalId) {
      const inBatch = batchIndex.get(row.reportsToExternalId);
      const manager = stored.get(row.reportsToExternalId);
      const target =
        inBatch !== undefined ? { id: idOf.get(row.reportsToExternalId)!, accountId: rows[inBatch]!.accountId }
        : manager && manager.deletedAt === null ? { id: manager.id, accountId: manager.accountId }
        : null;
      if (!target) errors.push({ path: `${i}.reportsToExternalId`, message: `${row.reportsToExternalId} is not a contact of this organisation` });
      else if (target.accountId !== row.accountId) errors.push({ path: `${i}.reportsToExternalId`, message: `${row.reportsToExternalId} is a contact of another account` });
      else reportsToId = target.id;
    }
    return {
      id: idOf.get(row.externalId)!,
      accountId: row.accountId,
      externalId: row.externalId,
      name: row.name,
      title: row.title,
      email: row.email,
      phone: row.phone,
      buyingRole: row.buyingRole,
      reportsToId,
      relationshipStrength: row.relationshipStrength,
    };
  });
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });

  const written = await store.upsertContacts(tx, actor.orgId, values, at);
  if (written.length > 0) {
    const accountIds = new Set(written.map((row) => row.accountId));
    for (const row of written) {
      const previous = stored.get(row.externalId!);
      if (previous) accountIds.add(previous.accountId);
    }
    await checkReportingLines(tx, actor.orgId, [...accountIds], new Map(values.map((value, i) => [value.id, i])));
    await accountsChanged(tx, actor.orgId, accountIds, at);
    await recordChanges(
      tx,
      actor,
      at,
      written.map(({ inserted, ...row }) => ({
        action: inserted ? 'create' : 'update',
        entity: 'contact',
        entityId: row.id,
        before: inserted ? undefined : stored.get(row.externalId!),
        after: { ...row, importId },
      })),
    );
  }
  const created = written.filter((row) => row.inserted).length;
  return { created, updated: written.length - created, unchanged: rows.length - written.length };
}

/**
 * After an import wrote: every live contact of these accounts reports to a live contact of its own
 * account, without cycles. Errors name the batch row to blame (`<index>.<field>`) where there is one.
 */
async function checkReportingLines(ex: Executor, orgId: string, accountIds: string[], indexById: Map<string, number>): Promise<void> {
  const lines = await store.reportingLines(ex, orgId, accountIds);
  const errors: FieldError[] = [];
  const blame = (contactId: string, field: string, fallback: string | null): string => {
    const index = indexById.get(contactId);
    return index === undefined ? `contact ${fallback ?? contactId}` : `${index}.${field}`;
  };
  for (const line of lines) {
    if (line.reportsToId === null) continue;
    if (line.managerDeleted) errors.push({ path: blame(line.id, 'reportsToExternalId', line.externalId), message: 'reports to a deleted contact' });
    else if (line.managerAccountId !== line.accountId) {
      // Either this row names a manager elsewhere, or its manager was just moved to another account.
      if (indexById.has(line.id) || !indexById.has(line.reportsToId)) errors.push({ path: blame(line.id, 'reportsToExternalId', line.externalId), message: 'reports to a contact of another account' });
      else errors.push({ path: blame(line.reportsToId, 'accountExternalId', null), message: `moves the contact to another account while ${line.externalId ?? line.id} reports to them` });
    }
  }
  const onCycles = contactsOnCycles(new Map(lines.map((line) => [line.id, line.reportsToId])));
  const cycleRows = lines.filter((line) => onCycles.has(line.id) && indexById.has(line.id));
  for (const line of cycleRows.length > 0 ? cycleRows : lines.filter((l) => onCycles.has(l.id))) {
    errors.push({ path: blame(line.id, 'reportsToExternalId', line.externalId), message: 'is on a reporting cycle' });
  }
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}
