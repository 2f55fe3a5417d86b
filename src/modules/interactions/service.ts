import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, notFound, type FieldError } from '../../core/errors.ts';
import { accountsChanged } from '../../core/events.ts';
import { newId } from '../../core/ids.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount, requireWritableAccount } from '../accounts/service.ts';
import { recomputeScores } from '../scoring/service.ts';
import { recordChange, recordChanges } from '../audit/service.ts';
import { demoInteractionPlan } from './demo.ts';
import { addDays, cadenceStatus, defaultCadence, defaultMinutes, validateCadence, validateMinutes, type CadenceDays, type CadenceStatus, type KindMinutes } from './cadence.ts';
import type {
  EngagementSettings,
  EngagementSettingsPut,
  Interaction,
  InteractionCreate,
  InteractionListQuery,
  InteractionUpdate,
  NextStep,
  NextStepQuery,
  OverdueAccount,
  OverdueQuery,
} from './schemas.ts';
import * as store from './store.ts';

export function toInteraction(row: store.InteractionView): Interaction {
  return {
    id: row.id,
    accountId: row.accountId,
    kind: row.kind,
    occurredAt: row.occurredAt.toISOString(),
    summary: row.summary,
    sentiment: row.sentiment,
    minutes: row.minutes,
    contacts: row.contacts,
    users: row.users,
    nextStep: row.nextStep,
    nextStepDue: row.nextStepDue,
    nextStepOwnerId: row.nextStepOwnerId,
    nextStepOwnerName: row.nextStepOwnerName,
    nextStepDone: row.nextStepDoneAt !== null,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

// --- settings -----------------------------------------------------------------------------------

/** The organisation's cadence and default minutes; defaults (version 1) until an admin saves some. */
export async function engagementSettings(ex: Executor, orgId: string): Promise<EngagementSettings & { cadence: CadenceDays; minutes: KindMinutes }> {
  const row = await store.getSettings(ex, orgId);
  return row ? { cadence: { ...defaultCadence, ...row.cadence }, minutes: { ...defaultMinutes, ...row.minutes }, version: row.version } : { cadence: { ...defaultCadence }, minutes: { ...defaultMinutes }, version: 1 };
}

export const getEngagementSettings = (ctx: AppContext, _actor: Actor) => engagementSettings(ctx.db, _actor.orgId);

export async function putEngagementSettings(ctx: AppContext, actor: Actor, version: number, input: EngagementSettingsPut): Promise<EngagementSettings> {
  requireRole(actor, ['admin'], 'change the contact cadence');
  const errors = [...validateCadence(input.cadence), ...validateMinutes(input.minutes)];
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  return ctx.db.transaction(async (tx) => {
    const stored = await store.getSettings(tx, actor.orgId, true);
    const before = await engagementSettings(tx, actor.orgId);
    checkVersion(stored?.version ?? 1, version);
    const now = ctx.clock.now();
    const saved = await store.saveSettings(tx, { orgId: actor.orgId, cadence: input.cadence as CadenceDays, minutes: input.minutes as KindMinutes, updatedAt: now, version: before.version + 1 });
    const after = { cadence: saved.cadence, minutes: saved.minutes, version: saved.version };
    await recordChange(tx, actor, now, { action: 'update', entity: 'engagement_settings', entityId: actor.orgId, before, after });
    return after;
  });
}

// --- interactions -------------------------------------------------------------------------------

export async function listInteractions(ctx: AppContext, actor: Actor, accountId: string, query: InteractionListQuery): Promise<Page<Interaction>> {
  await getVisibleAccount(ctx.db, actor, accountId);
  const limit = query.limit ?? 50;
  const rows = await store.listInteractions(ctx.db, actor.orgId, accountId, { kind: query.kind, after: query.cursor ? decodeCursor(query.cursor, 2) : undefined, limit });
  return toPage(rows, limit, toInteraction, (row) => [row.occurredAt.toISOString(), row.id]);
}

/** The interaction, if the caller may see its account; otherwise 404. */
async function visibleInteraction(ex: Executor, actor: Actor, id: string): Promise<store.InteractionView> {
  const row = await store.findInteraction(ex, actor.orgId, id);
  if (!row) throw notFound('Interaction');
  await getVisibleAccount(ex, actor, row.accountId).catch(() => {
    throw notFound('Interaction');
  });
  return row;
}

export async function getInteraction(ctx: AppContext, actor: Actor, id: string): Promise<Interaction> {
  return toInteraction(await visibleInteraction(ctx.db, actor, id));
}

/** Interactions may be dated up to a year ahead (planned); earlier than 1990 is a typo. */
function checkOccurredAt(value: string, now: Date, errors: FieldError[]): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) errors.push({ path: 'occurredAt', message: 'is not a date-time' });
  else if (at.getTime() > now.getTime() + 366 * 86_400_000) errors.push({ path: 'occurredAt', message: 'is more than a year ahead' });
  else if (at.getUTCFullYear() < 1990) errors.push({ path: 'occurredAt', message: 'is before 1990' });
  return at;
}

async function checkPeople(ex: Executor, orgId: string, accountId: string, input: { contactIds?: string[]; userIds?: string[]; nextStepOwnerId?: string | null }, errors: FieldError[]): Promise<void> {
  if (input.contactIds?.length) {
    const found = await store.contactsOfAccount(ex, orgId, accountId, input.contactIds);
    input.contactIds.forEach((id, i) => {
      if (!found.has(id)) errors.push({ path: `contactIds/${i}`, message: 'is not a contact of this account' });
    });
  }
  const userIds = [...(input.userIds ?? []), ...(input.nextStepOwnerId ? [input.nextStepOwnerId] : [])];
  if (userIds.length > 0) {
    const found = await store.usersOfOrg(ex, orgId, userIds);
    input.userIds?.forEach((id, i) => {
      if (!found.has(id)) errors.push({ path: `userIds/${i}`, message: 'is not a user of this organisation' });
    });
    if (input.nextStepOwnerId && !found.has(input.nextStepOwnerId)) errors.push({ path: 'nextStepOwnerId', message: 'is not a user of this organisation' });
  }
}

function fail(errors: FieldError[]): void {
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

export async function createInteraction(ctx: AppContext, actor: Actor, accountId: string, input: InteractionCreate): Promise<Interaction> {
  return ctx.db.transaction(async (tx) => {
    await requireWritableAccount(tx, actor, accountId);
    const now = ctx.clock.now();
    const errors: FieldError[] = [];
    const occurredAt = checkOccurredAt(input.occurredAt, now, errors);
    await checkPeople(tx, actor.orgId, accountId, input, errors);
    const nextStep = input.nextStep ?? null;
    if (nextStep === null && (input.nextStepDue || input.nextStepOwnerId)) errors.push({ path: 'nextStep', message: 'is needed when a due date or owner is given' });
    if (nextStep !== null && !input.nextStepDue) errors.push({ path: 'nextStepDue', message: 'is needed with a next step' });
    fail(errors);
    const settings = await engagementSettings(tx, actor.orgId);
    const row = await store.insertInteraction(tx, {
      orgId: actor.orgId,
      id: newId(),
      accountId,
      kind: input.kind,
      occurredAt,
      summary: input.summary,
      sentiment: input.sentiment ?? null,
      minutes: input.minutes ?? settings.minutes[input.kind],
      nextStep,
      nextStepDue: nextStep === null ? null : input.nextStepDue!,
      nextStepOwnerId: nextStep === null ? null : (input.nextStepOwnerId ?? actor.userId),
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await store.replaceParticipants(tx, actor.orgId, row.id, input.contactIds ?? [], (input.userIds ?? []).filter((id) => id !== actor.userId));
    const view = (await store.findInteraction(tx, actor.orgId, row.id))!;
    await recordChange(tx, actor, now, { action: 'create', entity: 'interaction', entityId: row.id, after: toInteraction(view) });
    await accountsChanged(tx, actor.orgId, [accountId], now);
    return toInteraction(view);
  });
}

export async function updateInteraction(ctx: AppContext, actor: Actor, id: string, version: number, input: InteractionUpdate): Promise<Interaction> {
  return ctx.db.transaction(async (tx) => {
    const current = await visibleInteraction(tx, actor, id);
    await requireWritableAccount(tx, actor, current.accountId);
    const locked = await store.lockInteraction(tx, actor.orgId, id);
    if (!locked) throw notFound('Interaction');
    checkVersion(locked.version, version);
    const now = ctx.clock.now();
    const errors: FieldError[] = [];
    const changes: Partial<store.NewInteractionRow> = {};
    if (input.occurredAt !== undefined) changes.occurredAt = checkOccurredAt(input.occurredAt, now, errors);
    await checkPeople(tx, actor.orgId, current.accountId, input, errors);
    if (input.kind !== undefined) changes.kind = input.kind;
    if (input.summary !== undefined) changes.summary = input.summary;
    if (input.sentiment !== undefined) changes.sentiment = input.sentiment;
    if (input.minutes !== undefined) changes.minutes = input.minutes;
    if (input.nextStep !== undefined) changes.nextStep = input.nextStep;
    if (input.nextStepDue !== undefined) changes.nextStepDue = input.nextStepDue;
    if (input.nextStepOwnerId !== undefined) changes.nextStepOwnerId = input.nextStepOwnerId;
    const nextStep = changes.nextStep !== undefined ? changes.nextStep : locked.nextStep;
    if (nextStep === null) {
      changes.nextStep = null;
      changes.nextStepDue = null;
      changes.nextStepOwnerId = null;
      changes.nextStepDoneAt = null;
      if (input.nextStepDue || input.nextStepOwnerId) errors.push({ path: 'nextStep', message: 'is needed when a due date or owner is given' });
      if (input.nextStepDone) errors.push({ path: 'nextStepDone', message: 'there is no next step to mark done' });
    } else {
      const due = changes.nextStepDue !== undefined ? changes.nextStepDue : locked.nextStepDue;
      if (!due) errors.push({ path: 'nextStepDue', message: 'is needed with a next step' });
      if ((changes.nextStepOwnerId === undefined ? locked.nextStepOwnerId : changes.nextStepOwnerId) === null) changes.nextStepOwnerId = actor.userId;
      if (input.nextStepDone !== undefined) changes.nextStepDoneAt = input.nextStepDone ? (locked.nextStepDoneAt ?? now) : null;
    }
    fail(errors);
    await store.updateInteraction(tx, actor.orgId, id, changes, now);
    await store.replaceParticipants(tx, actor.orgId, id, input.contactIds, input.userIds?.filter((u) => u !== current.createdBy));
    const after = (await store.findInteraction(tx, actor.orgId, id))!;
    await recordChange(tx, actor, now, { action: 'update', entity: 'interaction', entityId: id, before: toInteraction(current), after: toInteraction(after) });
    await accountsChanged(tx, actor.orgId, [current.accountId], now);
    return toInteraction(after);
  });
}

export async function deleteInteraction(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await visibleInteraction(tx, actor, id);
    await requireWritableAccount(tx, actor, current.accountId);
    const locked = await store.lockInteraction(tx, actor.orgId, id);
    if (!locked) throw notFound('Interaction');
    checkVersion(locked.version, version);
    const now = ctx.clock.now();
    await store.updateInteraction(tx, actor.orgId, id, { deletedAt: now }, now);
    await recordChange(tx, actor, now, { action: 'delete', entity: 'interaction', entityId: id, before: toInteraction(current) });
    await accountsChanged(tx, actor.orgId, [current.accountId], now);
  });
}

// --- next steps ---------------------------------------------------------------------------------

const toNextStep = (today: string) => (row: store.NextStepRow): NextStep => ({
  interactionId: row.interactionId,
  accountId: row.accountId,
  accountName: row.accountName,
  kind: row.kind,
  occurredAt: row.occurredAt.toISOString(),
  nextStep: row.nextStep,
  dueOn: row.dueOn,
  overdueDays: Math.max(0, Math.round((Date.parse(today) - Date.parse(row.dueOn)) / 86_400_000)),
  ownerId: row.ownerId,
  ownerName: row.ownerName,
  version: row.version,
});

/** Open next steps on accounts I can see, earliest due first. */
export async function listNextSteps(ex: Executor, actor: Actor, now: Date, query: NextStepQuery): Promise<Page<NextStep>> {
  const limit = query.limit ?? 50;
  const today = toIsoDate(now);
  if (query.accountId) await getVisibleAccount(ex, actor, query.accountId);
  const rows = await store.listNextSteps(ex, actor, {
    dueBefore: query.due === 'overdue' ? today : undefined,
    dueBy: query.due === 'week' ? addDays(today, 7) : undefined,
    ownerId: query.mine ? actor.userId : undefined,
    accountId: query.accountId,
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  return toPage(rows, limit, toNextStep(today), (row) => [row.dueOn, row.interactionId]);
}

// --- cadence ------------------------------------------------------------------------------------

function statusOf(row: store.ContactStateRow, today: string, cadence: CadenceDays): CadenceStatus {
  return cadenceStatus({ today, lastContactOn: row.lastContactOn, createdOn: row.createdOn, tier: row.tier, cadence });
}

export async function getEngagement(ctx: AppContext, actor: Actor, accountId: string) {
  await getVisibleAccount(ctx.db, actor, accountId);
  const now = ctx.clock.now();
  const { cadence } = await engagementSettings(ctx.db, actor.orgId);
  const row = await store.contactState(ctx.db, actor, now, cadence, accountId);
  if (!row) throw notFound('Account');
  const recent = await store.listInteractions(ctx.db, actor.orgId, accountId, { limit: 4 });
  return {
    accountId,
    ...statusOf(row, toIsoDate(now), cadence),
    openNextSteps: await store.countOpenNextSteps(ctx.db, actor.orgId, accountId),
    recent: recent.map(toInteraction),
  };
}

/** Accounts I can see whose last contact is older than their tier's cadence, longest overdue first. */
export async function listOverdueAccounts(ex: Executor, actor: Actor, now: Date, query: OverdueQuery): Promise<Page<OverdueAccount>> {
  const limit = query.limit ?? 50;
  const today = toIsoDate(now);
  const { cadence } = await engagementSettings(ex, actor.orgId);
  const rows = await store.listOverdue(ex, actor, now, today, cadence, {
    ownerId: query.mine ? actor.userId : undefined,
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  return toPage(
    rows,
    limit,
    (row) => ({ accountId: row.accountId, name: row.name, ownerId: row.ownerId, ownerName: row.ownerName, ...statusOf(row, today, cadence) }),
    (row) => [row.dueOn, row.accountId],
  );
}

// --- for other modules --------------------------------------------------------------------------

/**
 * Time spent on an account per month ('YYYY-MM') and role, from interactions up to `now`: each
 * interaction's minutes count for whoever logged it and for each of our participants. The cost
 * module prices it (registered in wiring.ts).
 */
export async function interactionTimeSpent(ex: Executor, orgId: string, accountId: string, fromMonth: string, toMonth: string, now: Date) {
  const [y, m] = toMonth.split('-').map(Number) as [number, number];
  const after = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return store.timeSpent(ex, orgId, accountId, `${fromMonth}-01`, after, now);
}


/**
 * The demo organisation's engagement history (`patron demo`, first start): interactions on owned
 * accounts over the last months, written in one batch with their audit rows; then the whole
 * organisation is re-scored once (contact recency is a criterion).
 */
export async function seedDemoEngagement(ex: Executor, actor: Actor, now: Date): Promise<number> {
  const today = toIsoDate(now);
  const settings = await engagementSettings(ex, actor.orgId);
  const plan = demoInteractionPlan(await store.ownedAccounts(ex, actor.orgId), today);
  const rows = plan.map((p) => ({
    orgId: actor.orgId,
    id: newId(),
    accountId: p.accountId,
    kind: p.kind,
    occurredAt: new Date(`${p.occurredOn}T10:00:00Z`),
    summary: p.summary,
    sentiment: p.sentiment,
    minutes: settings.minutes[p.kind],
    nextStep: p.nextStep,
    nextStepDue: p.nextStepDue,
    nextStepOwnerId: p.nextStep ? p.createdBy : null,
    createdBy: p.createdBy,
    createdAt: now,
    updatedAt: now,
  }));
  const created = await store.insertInteractions(ex, rows);
  for (let i = 0; i < created.length; i += 1000) {
    await recordChanges(ex, actor, now, created.slice(i, i + 1000).map((row) => ({ action: 'create' as const, entity: 'interaction', entityId: row.id, after: { ...row, demo: true } })));
  }
  // Hundreds of accounts at once: one full recompute is far cheaper than re-scoring each in turn.
  await recomputeScores(ex, actor.orgId, now);
  return created.length;
}
