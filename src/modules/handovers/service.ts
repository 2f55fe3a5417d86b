import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount, transferOwnership } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { notify } from '../notifications/service.ts';
import { scheduleReview } from '../reviews/service.ts';
import { findUser } from '../users/service.ts';
import type { Role } from '../users/tables.ts';
import { canApply, canHandOverFrom, checklistProblems, emptyChecklist, mergeChecklist, missingItems, stateAfter, type ChecklistInput, type HandoverAction, type HandoverEventKind } from './handover.ts';
import type { AccountHandoverListQuery, Handover, HandoverCreate, HandoverDetail, HandoverListQuery, HandoverReturn, HandoverUpdate } from './schemas.ts';
import * as store from './store.ts';
import type { HandoverRow, HandoverView } from './store.ts';

/** Who hands accounts over: business development, and the managers and admins behind them. */
export const SENDER_ROLES: readonly Role[] = ['admin', 'manager', 'bd'];

function toHandover(row: HandoverView): Handover {
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: row.accountName,
    fromUserId: row.fromUserId,
    fromUserName: row.fromUserName,
    toUserId: row.toUserId,
    toUserName: row.toUserName,
    state: row.state,
    checklist: row.checklist,
    missing: missingItems(row.checklist),
    notes: row.notes,
    returnReason: row.returnReason,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function detail(ex: Executor, actor: Actor, id: string): Promise<HandoverDetail> {
  const row = await store.findVisibleHandover(ex, { ...actor, via: 'system' }, id);
  if (!row) throw notFound('Handover');
  const events = await store.listEvents(ex, actor.orgId, id);
  return {
    ...toHandover(row),
    events: events.map((e) => ({ id: e.id, kind: e.kind, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, note: e.note })),
  };
}

async function visible(ex: Executor, actor: Actor, id: string): Promise<HandoverView> {
  const row = await store.findVisibleHandover(ex, actor, id);
  if (!row) throw notFound('Handover');
  return row;
}

async function event(ex: Executor, actor: Actor, handoverId: string, kind: HandoverEventKind, at: Date, note: string | null = null): Promise<void> {
  await store.insertEvent(ex, { orgId: actor.orgId, id: newId(), handoverId, at, actorId: actor.userId, kind, note });
}

// --- reads --------------------------------------------------------------------------------------------

export async function getHandover(ctx: AppContext, actor: Actor, id: string): Promise<HandoverDetail> {
  await visible(ctx.db, actor, id);
  return detail(ctx.db, actor, id);
}

export async function listHandovers(ctx: AppContext, actor: Actor, query: HandoverListQuery): Promise<Page<Handover>> {
  const limit = query.limit ?? 50;
  const rows = await store.listHandovers(ctx.db, actor, { state: query.state, mine: query.mine, limit, after: query.cursor ? decodeCursor(query.cursor, 2) : undefined });
  return toPage(rows, limit, toHandover, (row) => [row.createdAt.toISOString(), row.id]);
}

export async function listAccountHandovers(ctx: AppContext, actor: Actor, accountId: string, query: AccountHandoverListQuery): Promise<Page<Handover>> {
  await getVisibleAccount(ctx.db, actor, accountId);
  const limit = query.limit ?? 50;
  const rows = await store.listHandovers(ctx.db, { ...actor, via: 'system' }, { accountId, limit, after: query.cursor ? decodeCursor(query.cursor, 2) : undefined });
  return toPage(rows, limit, toHandover, (row) => [row.createdAt.toISOString(), row.id]);
}

/**
 * The home section "pending handovers": for a KAM the ones they receive, for a BD the ones they
 * sent, for managers and org-wide roles every pending one they can see; oldest first (most urgent).
 */
export async function pendingHandoversHome(ex: Executor, actor: Actor, _now: Date, limit = 10): Promise<HomeHandover[]> {
  const rows = await store.listHandovers(ex, actor, { state: 'pending', limit: 200 });
  return rows
    .filter((row) => (actor.role === 'kam' ? row.toUserId === actor.userId : actor.role === 'bd' ? row.fromUserId === actor.userId : true))
    .reverse()
    .slice(0, limit)
    .map((row) => ({
      id: row.id,
      title: `${row.fromUserName} → ${row.toUserName}`,
      accountId: row.accountId,
      accountName: row.accountName,
      dueOn: row.firstReviewOn,
      dueAt: row.createdAt.toISOString(),
      fromUserName: row.fromUserName,
      toUserName: row.toUserName,
      missing: missingItems(row.checklist).length,
    }));
}

export interface HomeHandover {
  id: string;
  title: string;
  accountId: string;
  accountName: string;
  dueOn: string | null;
  dueAt: string;
  fromUserName: string;
  toUserName: string;
  missing: number;
  [key: string]: unknown;
}

// --- start ---------------------------------------------------------------------------------------------

export async function startHandover(ctx: AppContext, actor: Actor, accountId: string, input: HandoverCreate): Promise<HandoverDetail> {
  return ctx.db.transaction(async (tx) => {
    const account = await getVisibleAccount(tx, actor, accountId);
    requireRole(actor, SENDER_ROLES, 'start handovers');
    if (!canHandOverFrom(account.stage)) throw new AppError('unprocessable', `Only prospects and onboarding accounts are handed over; this one is ${account.stage}`);
    const receiver = await findUser(tx, actor.orgId, input.toUserId);
    if (!receiver || !receiver.active) throw invalid('toUserId', 'is not an active user of this organisation');
    if (receiver.role !== 'kam') throw invalid('toUserId', `is a ${receiver.role}; accounts are handed over to key account managers`);
    if (receiver.id === account.ownerId) throw invalid('toUserId', 'owns the account already');
    const now = ctx.clock.now();
    const checklist = mergeChecklist(emptyChecklist(), input.checklist);
    const problems = checklistProblems(checklist, toIsoDate(now));
    if (problems.length > 0) throw new AppError('validation', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: problems });
    const row = await store.insertHandover(tx, {
      orgId: actor.orgId, id: newId(), accountId, fromUserId: actor.userId, toUserId: receiver.id, state: 'pending', checklist,
      firstReviewOn: checklist.firstReviewDate.date, notes: input.notes ?? null, createdAt: now, updatedAt: now,
    }).catch((error: unknown) => {
      if (/handovers_one_pending_key/.test(String((error as { cause?: unknown }).cause ?? error))) throw new AppError('conflict', 'The account has a pending handover already');
      throw error;
    });
    await event(tx, actor, row.id, 'started', now, input.notes ?? null);
    await recordChange(tx, actor, now, { action: 'create', entity: 'handover', entityId: row.id, after: row });
    await notify(tx, actor.orgId, [receiver.id], { kind: 'handover_received', accountId, params: { accountName: account.name }, at: now });
    return detail(tx, actor, row.id);
  });
}

// --- sender side: change, cancel ------------------------------------------------------------------------

/** The sender side acts on a visible handover whose account it can see, with a sender role. */
async function asSender(ex: Executor, actor: Actor, id: string): Promise<HandoverView> {
  const row = await visible(ex, actor, id);
  requireRole(actor, SENDER_ROLES, 'change handovers');
  if (row.fromUserId !== actor.userId && !(await getVisibleAccount(ex, actor, row.accountId).catch(() => null))) {
    throw new AppError('forbidden', 'Only the sending side changes or cancels a handover');
  }
  return row;
}

/** The receiving side: the KAM, anyone they report to, or an admin. */
async function asReceiver(ex: Executor, actor: Actor, id: string): Promise<HandoverView> {
  const row = await visible(ex, actor, id);
  const allowed = actor.role === 'admin' || actor.userId === row.toUserId || (actor.role === 'manager' && (await store.reportsTo(ex, actor.orgId, row.toUserId, actor.userId)));
  if (!allowed) throw new AppError('forbidden', 'Only the receiving key account manager, their manager or an admin accepts or returns a handover');
  return row;
}

async function lockPending(ex: Executor, actor: Actor, id: string, version: number, action: HandoverAction): Promise<HandoverRow> {
  const row = await store.lockHandover(ex, actor.orgId, id);
  if (!row) throw notFound('Handover');
  checkVersion(row.version, version);
  if (!canApply(row.state, action)) throw new AppError('conflict', `The handover is ${row.state} already`);
  return row;
}

export async function updateHandover(ctx: AppContext, actor: Actor, id: string, version: number, input: HandoverUpdate): Promise<HandoverDetail> {
  return ctx.db.transaction(async (tx) => {
    await asSender(tx, actor, id);
    const before = await lockPending(tx, actor, id, version, 'change');
    const now = ctx.clock.now();
    const checklist = mergeChecklist(before.checklist, input.checklist);
    const problems = checklistProblems(checklist, toIsoDate(now));
    if (problems.length > 0) throw new AppError('validation', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: problems });
    const after = await store.updateHandover(tx, actor.orgId, id, { checklist, firstReviewOn: checklist.firstReviewDate.date, ...(input.notes !== undefined ? { notes: input.notes } : {}) }, now);
    await event(tx, actor, id, 'changed', now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'handover', entityId: id, before, after });
    return detail(tx, actor, id);
  });
}

export async function cancelHandover(ctx: AppContext, actor: Actor, id: string, version: number): Promise<HandoverDetail> {
  return ctx.db.transaction(async (tx) => {
    const view = await asSender(tx, actor, id);
    const before = await lockPending(tx, actor, id, version, 'cancel');
    const now = ctx.clock.now();
    const after = await store.updateHandover(tx, actor.orgId, id, { state: stateAfter.cancel, decidedBy: actor.userId, decidedAt: now }, now);
    await event(tx, actor, id, 'cancelled', now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'handover', entityId: id, before, after });
    await notify(tx, actor.orgId, [before.toUserId], { kind: 'handover_cancelled', accountId: before.accountId, params: { accountName: view.accountName }, at: now });
    return detail(tx, actor, id);
  });
}

// --- receiver side: accept, return ------------------------------------------------------------------------

/**
 * Acceptance, in ONE transaction: the KAM becomes the owner, the sending BD stays on the team as
 * sourcing BD, the stage becomes active, the first review is scheduled, and the trail records it.
 * Any failure (a first review date that has passed meanwhile, a stale version) leaves all as it was.
 */
export async function acceptHandover(ctx: AppContext, actor: Actor, id: string, version: number): Promise<HandoverDetail> {
  return ctx.db.transaction(async (tx) => {
    const view = await asReceiver(tx, actor, id);
    const before = await lockPending(tx, actor, id, version, 'accept');
    const missing = missingItems(before.checklist);
    if (missing.length > 0) {
      throw new AppError('unprocessable', `The checklist is not complete: ${missing.join(', ')}; return the handover to ask for it`, {
        errors: missing.map((key) => ({ path: `checklist.${key}.done`, message: 'is not done' })),
      });
    }
    const now = ctx.clock.now();
    const account = await getVisibleAccount(tx, { ...actor, via: 'system' }, before.accountId);
    const sender = await findUser(tx, actor.orgId, before.fromUserId);
    await transferOwnership(tx, actor, before.accountId, before.toUserId, account.ownerId === before.fromUserId ? 'sourcing_bd' : null, {
      at: now,
      stage: 'active',
      members: sender?.role === 'bd' ? [{ userId: sender.id, role: 'sourcing_bd' }] : [],
    });
    if (before.firstReviewOn) await scheduleReview(tx, actor, before.accountId, before.firstReviewOn, 'handover', now);
    const after = await store.updateHandover(tx, actor.orgId, id, { state: stateAfter.accept, decidedBy: actor.userId, decidedAt: now }, now);
    await event(tx, actor, id, 'accepted', now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'handover', entityId: id, before, after });
    await notify(tx, actor.orgId, [before.fromUserId], { kind: 'handover_accepted', accountId: before.accountId, params: { accountName: view.accountName }, at: now });
    return detail(tx, actor, id);
  });
}

export async function returnHandover(ctx: AppContext, actor: Actor, id: string, version: number, input: HandoverReturn): Promise<HandoverDetail> {
  return ctx.db.transaction(async (tx) => {
    const view = await asReceiver(tx, actor, id);
    const before = await lockPending(tx, actor, id, version, 'return');
    const now = ctx.clock.now();
    const after = await store.updateHandover(tx, actor.orgId, id, { state: stateAfter.return, returnReason: input.reason, decidedBy: actor.userId, decidedAt: now }, now);
    await event(tx, actor, id, 'returned', now, input.reason);
    await recordChange(tx, actor, now, { action: 'update', entity: 'handover', entityId: id, before, after });
    await notify(tx, actor.orgId, [before.fromUserId], { kind: 'handover_returned', accountId: before.accountId, params: { accountName: view.accountName, reason: input.reason.slice(0, 200) }, at: now });
    return detail(tx, actor, id);
  });
}

// --- for other modules ------------------------------------------------------------------------------------

/**
 * The record of an owner change a manager decided (the people module's assignment), in the
 * caller's transaction: the ownership has moved already, so the handover is written accepted, with
 * the checklist as given (items still open stay open for the new owner to work through) and a
 * trail event. Refused (409) while the account has a pending handover: that one decides first.
 */
export async function recordReassignment(
  ex: Executor,
  actor: Actor,
  input: { accountId: string; fromUserId: string; toUserId: string; checklist?: ChecklistInput; notes?: string | null; at: Date },
): Promise<Handover> {
  const checklist = mergeChecklist(emptyChecklist(), input.checklist);
  const problems = checklistProblems(checklist, toIsoDate(input.at));
  if (problems.length > 0) throw new AppError('validation', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: problems });
  if (await store.hasPendingHandover(ex, actor.orgId, input.accountId)) throw new AppError('conflict', 'The account has a pending handover; accept, return or cancel it first');
  const row = await store.insertHandover(ex, {
    orgId: actor.orgId, id: newId(), accountId: input.accountId, fromUserId: input.fromUserId, toUserId: input.toUserId, state: 'accepted', checklist,
    firstReviewOn: checklist.firstReviewDate.date, notes: input.notes ?? null, decidedBy: actor.userId, decidedAt: input.at, createdAt: input.at, updatedAt: input.at,
  });
  await event(ex, actor, row.id, 'accepted', input.at, input.notes ?? 'Owner assigned by a manager');
  await recordChange(ex, actor, input.at, { action: 'create', entity: 'handover', entityId: row.id, after: row });
  await notify(ex, actor.orgId, [input.toUserId], { kind: 'handover_received', accountId: input.accountId, params: { accountName: (await getVisibleAccount(ex, { ...actor, via: 'system' }, input.accountId)).name }, at: input.at });
  const view = await store.findVisibleHandover(ex, { ...actor, via: 'system' }, row.id);
  return toHandover(view!);
}
