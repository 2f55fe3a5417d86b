import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, invalid, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { formatMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount, requireWritableAccount } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { getContact, listContacts } from '../contacts/service.ts';
import { activePlanProgress, addAgreedActions } from '../plans/service.ts';
import { getAccountScore } from '../scoring/service.ts';
import { findUser, getOrganisationCurrency } from '../users/service.ts';
import { buildReviewPack } from './pack.ts';
import { addDays, addMonths, trailingKpis, type AgreedAction, type Attendee, type ReviewSnapshot } from './review.ts';
import type { AccountReviewListQuery, AgendaCreate, Review, ReviewCreate, ReviewHold, ReviewListQuery, ReviewSettings, ReviewSettingsUpdate, ReviewUpdate } from './schemas.ts';
import * as store from './store.ts';
import type { AgendaRow, ReviewRow } from './store.ts';

const system = (orgId: string): Actor => ({ orgId, userId: '00000000-0000-0000-0000-000000000000', role: 'admin', via: 'system' });
const fail = (errors: FieldError[]): never => {
  throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
};

function toReview(row: ReviewRow, accountName: string, agenda: AgendaRow[]): Review {
  return {
    id: row.id,
    accountId: row.accountId,
    accountName,
    status: row.status,
    scheduledOn: row.scheduledOn,
    heldOn: row.heldOn,
    source: row.source,
    attendees: row.attendees,
    discussion: row.discussion,
    risks: row.risks,
    decisions: row.decisions,
    agreedActions: row.agreedActions,
    agenda: agenda.filter((a) => a.reviewId === row.id).map((a) => ({ id: a.id, text: a.text, source: a.source, at: a.at.toISOString(), createdBy: a.createdBy })),
    snapshot: row.snapshot,
    nextReviewOn: row.nextReviewOn,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function reviewView(ex: Executor, row: ReviewRow, accountName: string): Promise<Review> {
  return toReview(row, accountName, await store.listAgenda(ex, row.orgId, [row.id]));
}

// --- settings -------------------------------------------------------------------------------------------

export async function cadenceMonths(ex: Executor, orgId: string): Promise<number> {
  return (await store.getSettings(ex, orgId))?.cadenceMonths ?? 3;
}

export async function getSettings(ctx: AppContext, actor: Actor): Promise<ReviewSettings> {
  const row = await store.getSettings(ctx.db, actor.orgId);
  return { cadenceMonths: row?.cadenceMonths ?? 3, version: row?.version ?? 1 };
}

export async function updateSettings(ctx: AppContext, actor: Actor, version: number, input: ReviewSettingsUpdate): Promise<ReviewSettings> {
  requireRole(actor, ['admin'], 'change review settings');
  return ctx.db.transaction(async (tx) => {
    const before = await store.getSettings(tx, actor.orgId);
    checkVersion(before?.version ?? 1, version);
    const now = ctx.clock.now();
    const after = await store.upsertSettings(tx, actor.orgId, input.cadenceMonths, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'review_settings', entityId: actor.orgId, before: before ?? { cadenceMonths: 3 }, after });
    return { cadenceMonths: after.cadenceMonths, version: after.version };
  });
}

// --- reads ----------------------------------------------------------------------------------------------

async function visibleReview(ex: Executor, actor: Actor, id: string, lock = false): Promise<{ review: ReviewRow; accountName: string }> {
  const review = await store.findReview(ex, actor.orgId, id, lock);
  if (!review) throw notFound('Review');
  const account = await getVisibleAccount(ex, actor, review.accountId).catch(() => {
    throw notFound('Review');
  });
  return { review, accountName: account.name };
}

export async function getReview(ctx: AppContext, actor: Actor, id: string): Promise<Review> {
  const { review, accountName } = await visibleReview(ctx.db, actor, id);
  return reviewView(ctx.db, review, accountName);
}

export async function listAccountReviews(ctx: AppContext, actor: Actor, accountId: string, query: AccountReviewListQuery): Promise<Page<Review>> {
  await getVisibleAccount(ctx.db, actor, accountId);
  return listWith(ctx.db, actor, { accountId, newestFirst: true }, query);
}

/** Reviews on accounts the caller sees, soonest first: `dueWithinDays` for the upcoming ones, `mine` for accounts the caller owns. */
export async function listReviews(ctx: AppContext, actor: Actor, query: ReviewListQuery): Promise<Page<Review>> {
  const today = toIsoDate(ctx.clock.now());
  return listWith(ctx.db, actor, {
    status: query.dueWithinDays !== undefined ? 'scheduled' : query.status,
    dueBy: query.dueWithinDays !== undefined ? addDays(today, query.dueWithinDays) : undefined,
    ownerId: query.mine ? actor.userId : undefined,
    newestFirst: false,
  }, query);
}

async function listWith(ex: Executor, actor: Actor, filter: Omit<store.ReviewFilter, 'limit' | 'after'>, query: { limit?: number; cursor?: string }): Promise<Page<Review>> {
  const limit = query.limit ?? 50;
  const rows = await store.listReviews(ex, actor, { ...filter, limit, after: query.cursor ? decodeCursor(query.cursor, 2) : undefined });
  const agenda = await store.listAgenda(ex, actor.orgId, rows.slice(0, limit).map((r) => r.id));
  return toPage(rows, limit, (row) => toReview(row, row.accountName, agenda), (row) => [row.scheduledOn, row.id]);
}

/** The home section "upcoming reviews": scheduled within 14 days (overdue included) on accounts the caller sees, soonest first. */
export async function upcomingReviewsHome(ex: Executor, actor: Actor, now: Date, days = 14, limit = 10): Promise<HomeReview[]> {
  const rows = await store.listReviews(ex, actor, { status: 'scheduled', dueBy: addDays(toIsoDate(now), days), newestFirst: false, limit });
  return rows.slice(0, limit).map((row) => ({ id: row.id, title: row.accountName, accountId: row.accountId, accountName: row.accountName, dueOn: row.scheduledOn, source: row.source }));
}

export interface HomeReview {
  id: string;
  title: string;
  accountId: string;
  accountName: string;
  dueOn: string;
  source: string;
  [key: string]: unknown;
}

// --- scheduling -----------------------------------------------------------------------------------------

/**
 * Schedules the account's next review on `date` in the caller's transaction (a handover's first
 * review): moves the already scheduled one if there is one, else creates it. A date in the past is
 * refused (422), which rolls the caller's whole change back.
 */
export async function scheduleReview(ex: Executor, actor: Actor, accountId: string, date: string, source: string, at: Date): Promise<ReviewRow> {
  const today = toIsoDate(at);
  if (date < today) throw new AppError('unprocessable', `The review date ${date} has passed (today is ${today}); choose a new one`);
  const existing = await store.findScheduledReview(ex, actor.orgId, accountId, true);
  if (existing) {
    if (existing.scheduledOn === date) return existing;
    const after = await store.updateReview(ex, actor.orgId, existing.id, { scheduledOn: date }, at);
    await recordChange(ex, actor, at, { action: 'update', entity: 'account_review', entityId: existing.id, before: existing, after });
    return after;
  }
  const row = await store.insertReview(ex, { orgId: actor.orgId, id: newId(), accountId, status: 'scheduled', scheduledOn: date, source, createdAt: at, updatedAt: at });
  await recordChange(ex, actor, at, { action: 'create', entity: 'account_review', entityId: row.id, after: row });
  return row;
}

export async function createReview(ctx: AppContext, actor: Actor, accountId: string, input: ReviewCreate): Promise<Review> {
  return ctx.db.transaction(async (tx) => {
    const account = await requireWritableAccount(tx, actor, accountId);
    const now = ctx.clock.now();
    if (await store.findScheduledReview(tx, actor.orgId, accountId)) throw new AppError('conflict', 'The account has a scheduled review already; move or hold it');
    const date = input.scheduledOn ?? addMonths(toIsoDate(now), await cadenceMonths(tx, actor.orgId));
    if (date < toIsoDate(now)) throw invalid('scheduledOn', 'is in the past');
    const row = await scheduleReview(tx, actor, accountId, date, 'manual', now);
    return reviewView(tx, row, account.name);
  });
}

/**
 * Adds an agenda item to the account's next (scheduled) review, scheduling one by the cadence when
 * there is none, in the caller's transaction. Cases call it when an SLA passes on a key account.
 */
export async function addReviewAgendaItem(ex: Executor, orgId: string, accountId: string, item: { text: string; source: string; at: Date }): Promise<string> {
  const actor = system(orgId);
  const review =
    (await store.findScheduledReview(ex, orgId, accountId, true)) ??
    (await scheduleReview(ex, actor, accountId, addMonths(toIsoDate(item.at), await cadenceMonths(ex, orgId)), item.source, item.at));
  const row = await store.insertAgendaItem(ex, { orgId, id: newId(), reviewId: review.id, text: item.text.slice(0, 2000), source: item.source, at: item.at, createdBy: null });
  await recordChange(ex, actor, item.at, { action: 'create', entity: 'review_agenda_item', entityId: row.id, after: row });
  return row.id;
}

export async function addAgendaItem(ctx: AppContext, actor: Actor, reviewId: string, input: AgendaCreate): Promise<Review> {
  return ctx.db.transaction(async (tx) => {
    const { review, accountName } = await visibleReview(tx, actor, reviewId, true);
    await requireWritableAccount(tx, actor, review.accountId);
    if (review.status !== 'scheduled') throw new AppError('conflict', `The review is ${review.status}; add the item to the next one`);
    const now = ctx.clock.now();
    const row = await store.insertAgendaItem(tx, { orgId: actor.orgId, id: newId(), reviewId, text: input.text, source: 'manual', at: now, createdBy: actor.userId });
    await recordChange(tx, actor, now, { action: 'create', entity: 'review_agenda_item', entityId: row.id, after: row });
    return reviewView(tx, review, accountName);
  });
}

// --- changes ----------------------------------------------------------------------------------------------

type Editable = Pick<ReviewUpdate, 'attendees' | 'discussion' | 'risks' | 'decisions' | 'agreedActions' | 'nextReviewOn'>;

/** Names of attendees (users of the organisation, contacts of the account), read before the transaction. */
async function resolveAttendees(ctx: AppContext, actor: Actor, accountId: string, input: Editable['attendees']): Promise<Attendee[] | undefined> {
  if (!input) return undefined;
  const errors: FieldError[] = [];
  const attendees: Attendee[] = [];
  const seen = new Set<string>();
  for (const [i, a] of input.entries()) {
    if (seen.has(`${a.kind}:${a.id}`)) continue;
    seen.add(`${a.kind}:${a.id}`);
    if (a.kind === 'user') {
      const user = await findUser(ctx.db, actor.orgId, a.id);
      if (user) attendees.push({ kind: 'user', id: a.id, name: user.name });
      else errors.push({ path: `attendees.${i}.id`, message: 'is not a user of this organisation' });
    } else {
      const contact = await getContact(ctx, actor, accountId, a.id).catch(() => null);
      if (contact) attendees.push({ kind: 'contact', id: a.id, name: contact.name });
      else errors.push({ path: `attendees.${i}.id`, message: 'is not a contact of this account' });
    }
  }
  if (errors.length > 0) fail(errors);
  return attendees;
}

async function editableValues(ex: Executor, actor: Actor, input: Editable, attendees: Attendee[] | undefined, after: string): Promise<Partial<store.NewReviewRow>> {
  const errors: FieldError[] = [];
  for (const [i, a] of (input.agreedActions ?? []).entries()) {
    if (a.ownerId && !(await findUser(ex, actor.orgId, a.ownerId))) errors.push({ path: `agreedActions.${i}.ownerId`, message: 'is not a user of this organisation' });
  }
  if (input.nextReviewOn && input.nextReviewOn <= after) errors.push({ path: 'nextReviewOn', message: `must be after ${after}` });
  if (errors.length > 0) fail(errors);
  const values: Partial<store.NewReviewRow> = {};
  if (attendees) values.attendees = attendees;
  if (input.discussion !== undefined) values.discussion = input.discussion;
  if (input.risks) values.risks = input.risks;
  if (input.decisions) values.decisions = input.decisions;
  if (input.agreedActions) values.agreedActions = input.agreedActions.map((a) => ({ title: a.title, ownerId: a.ownerId ?? null, dueOn: a.dueOn ?? null, planActionId: null }));
  if (input.nextReviewOn !== undefined) values.nextReviewOn = input.nextReviewOn;
  return values;
}

export async function updateReview(ctx: AppContext, actor: Actor, id: string, version: number, input: ReviewUpdate): Promise<Review> {
  const { review: current } = await visibleReview(ctx.db, actor, id);
  const attendees = await resolveAttendees(ctx, actor, current.accountId, input.attendees);
  return ctx.db.transaction(async (tx) => {
    const { review: before, accountName } = await visibleReview(tx, actor, id, true);
    await requireWritableAccount(tx, actor, before.accountId);
    checkVersion(before.version, version);
    if (before.status !== 'scheduled') throw new AppError('conflict', `The review is ${before.status}; it can no longer change`);
    const now = ctx.clock.now();
    if (input.scheduledOn && input.scheduledOn !== before.scheduledOn && input.scheduledOn < toIsoDate(now)) throw invalid('scheduledOn', 'is in the past');
    const scheduledOn = input.scheduledOn ?? before.scheduledOn;
    const values = await editableValues(tx, actor, input, attendees, scheduledOn);
    const after = await store.updateReview(tx, actor.orgId, id, { ...values, scheduledOn }, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'account_review', entityId: id, before, after });
    return reviewView(tx, after, accountName);
  });
}

/** Cancels a scheduled review (kept, status cancelled). */
export async function cancelReview(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { review: before } = await visibleReview(tx, actor, id, true);
    await requireWritableAccount(tx, actor, before.accountId);
    checkVersion(before.version, version);
    if (before.status !== 'scheduled') throw new AppError('conflict', `The review is ${before.status}`);
    const now = ctx.clock.now();
    const after = await store.updateReview(tx, actor.orgId, id, { status: 'cancelled' }, now);
    await recordChange(tx, actor, now, { action: 'delete', entity: 'account_review', entityId: id, before, after });
  });
}

/**
 * Holds the review: freezes the KPI snapshot, records what was discussed and decided, turns agreed
 * actions into actions of the account's active plan, and schedules the next review (the given
 * date, or the cadence after the held date) — all in one transaction.
 */
export async function holdReview(ctx: AppContext, actor: Actor, id: string, version: number, input: ReviewHold): Promise<Review> {
  const { review: current } = await visibleReview(ctx.db, actor, id);
  const attendees = await resolveAttendees(ctx, actor, current.accountId, input.attendees);
  // Read outside the transaction (they use their own connection); frozen as they are now.
  const score = await getAccountScore(ctx, actor, current.accountId).catch(() => null);
  const contacts = await listContacts(ctx, actor, current.accountId, { limit: 200 });
  const lastContacts = [...contacts.items]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, 5)
    .map((c) => ({ name: c.name, title: c.title, buyingRole: c.buyingRole }));
  return ctx.db.transaction(async (tx) => {
    const { review: before, accountName } = await visibleReview(tx, actor, id, true);
    await requireWritableAccount(tx, actor, before.accountId);
    checkVersion(before.version, version);
    if (before.status !== 'scheduled') throw new AppError('conflict', `The review is ${before.status} already`);
    const now = ctx.clock.now();
    const today = toIsoDate(now);
    const heldOn = input.heldOn ?? today;
    if (heldOn > today) throw invalid('heldOn', 'cannot be in the future');
    const values = await editableValues(tx, actor, input, attendees, heldOn);
    const nextReviewOn = values.nextReviewOn ?? (input.nextReviewOn === null ? null : addMonths(heldOn, await cadenceMonths(tx, actor.orgId)));

    const currency = await getOrganisationCurrency(tx, actor.orgId);
    const kpis = trailingKpis(await store.monthlyFigures(tx, actor.orgId, before.accountId, addMonths(`${heldOn.slice(0, 7)}-01`, -23)), heldOn);
    const snapshot: ReviewSnapshot = {
      asOf: heldOn,
      currency,
      revenue: formatMoney(kpis.revenue, currency),
      grossProfit: formatMoney(kpis.grossProfit, currency),
      margin: kpis.margin,
      growth: kpis.growth,
      score: score?.score ?? null,
      tier: score?.tier ?? null,
      plan: await activePlanProgress(tx, actor.orgId, before.accountId, heldOn),
      lastContacts,
    };
    const agreed: AgreedAction[] = values.agreedActions ?? before.agreedActions;
    const planActionIds = await addAgreedActions(tx, actor, before.accountId, agreed.filter((a) => !a.planActionId), { kind: 'review', id }, now);
    let next = 0;
    const agreedActions = agreed.map((a) => (a.planActionId ? a : { ...a, planActionId: planActionIds?.[next++] ?? null }));

    const after = await store.updateReview(tx, actor.orgId, id, { ...values, agreedActions, status: 'held', heldOn, snapshot, nextReviewOn }, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'account_review', entityId: id, before, after });
    if (nextReviewOn) {
      const scheduled = await store.insertReview(tx, { orgId: actor.orgId, id: newId(), accountId: before.accountId, status: 'scheduled', scheduledOn: nextReviewOn, source: 'previous_review', createdAt: now, updatedAt: now });
      await recordChange(tx, actor, now, { action: 'create', entity: 'account_review', entityId: scheduled.id, after: scheduled });
    }
    return reviewView(tx, after, accountName);
  });
}

// --- pack -------------------------------------------------------------------------------------------------

export async function reviewPack(ctx: AppContext, actor: Actor, id: string): Promise<{ fileName: string; content: Buffer }> {
  const review = await getReview(ctx, actor, id);
  const owners = new Map<string, string | null>();
  for (const a of review.agreedActions) {
    if (a.ownerId && !owners.has(a.ownerId)) owners.set(a.ownerId, (await findUser(ctx.db, actor.orgId, a.ownerId))?.name ?? null);
  }
  const workbook = buildReviewPack({
    ...review,
    agreedActions: review.agreedActions.map((a) => ({ ...a, ownerName: a.ownerId ? (owners.get(a.ownerId) ?? null) : null })),
  });
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  const safeName = review.accountName.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 60) || 'account';
  return { fileName: `review-${safeName}-${review.heldOn ?? review.scheduledOn}.xlsx`, content };
}
