import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, notFound, type FieldError } from '../../core/errors.ts';
import { accountsChanged } from '../../core/events.ts';
import { newId } from '../../core/ids.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount, requireWritableAccount } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { notify } from '../notifications/service.ts';
import { addPlanRisk } from '../plans/service.ts';
import { addReviewAgendaItem } from '../reviews/service.ts';
import { findUser } from '../users/service.ts';
import type { AccountCaseListQuery, Case, CaseCreate, CaseEvent, CaseListQuery, CaseSettings, CaseSettingsPut, CaseTransition, CaseUpdate } from './schemas.ts';
import {
  allowedTransitions,
  defaultCategories,
  defaultSlaHours,
  dueAt,
  isSevereOpen,
  levelAt,
  nextEscalationAt,
  slaPeriodMs,
  timeToResolveMs,
  transitionError,
  validateCategories,
  validateSlaHours,
  type CaseStatus,
  type Severity,
  type SlaClock,
  type SlaHours,
} from './sla.ts';
import * as store from './store.ts';

/** The escalation sweep and other automatic changes act as the system (audit rows without a person). */
const system = (orgId: string): Actor => ({ orgId, userId: '00000000-0000-0000-0000-000000000000', role: 'admin', via: 'system' });

const fail = (errors: FieldError[]): void => {
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
};

const isRunning = (status: CaseStatus): boolean => status === 'open' || status === 'in_progress';

function clockOf(row: store.CaseRow, now: Date): SlaClock {
  return {
    dueAt: row.dueAt.getTime(),
    periodMs: row.slaMinutes * 60_000,
    stoppedAt: isRunning(row.status) ? null : (row.resolvedAt ?? row.closedAt ?? now).getTime(),
  };
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Row → API. The level shown is what the SLA calls for at `now` even if no sweep has run yet (a
 * case held by a running sweep still reads right); it never goes below the stored level.
 */
export function toCase(row: store.CaseView, now: Date): Case {
  const clock = clockOf(row, now);
  const running = isRunning(row.status);
  const level = Math.max(row.escalationLevel, running ? levelAt(clock, now.getTime()) : 0);
  const next = running ? nextEscalationAt(clock, level) : null;
  const ttr = timeToResolveMs(row.openedAt.getTime(), row.resolvedAt ? row.resolvedAt.getTime() : null);
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: row.accountName,
    title: row.title,
    description: row.description,
    category: row.category,
    severity: row.severity,
    status: row.status,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    openedAt: row.openedAt.toISOString(),
    slaHours: row.slaMinutes / 60,
    dueAt: row.dueAt.toISOString(),
    breached: row.breachedAt !== null || (running && now.getTime() >= row.dueAt.getTime()),
    escalationLevel: level,
    escalatedAt: level > row.escalationLevel ? iso(new Date(clock.dueAt + (level - 1) * clock.periodMs)) : iso(row.escalatedAt),
    nextEscalationAt: next === null ? null : new Date(next).toISOString(),
    resolution: row.resolution,
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    timeToResolveMinutes: ttr === null ? null : Math.round(ttr / 60_000),
    minutesSpent: row.minutesSpent,
    allowedTransitions: [...allowedTransitions(row.status)],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const toEvent = (row: store.CaseEventView): CaseEvent => ({
  id: row.id,
  at: row.at.toISOString(),
  kind: row.kind,
  actorId: row.actorId,
  actorName: row.actorName,
  fromStatus: row.fromStatus,
  toStatus: row.toStatus,
  fromLevel: row.fromLevel,
  toLevel: row.toLevel,
  minutes: row.minutes,
  note: row.note,
  changes: row.changes ?? null,
});

// --- settings -----------------------------------------------------------------------------------

/** The organisation's SLA hours and categories; defaults (version 1) until an admin saves some. */
export async function caseSettings(ex: Executor, orgId: string): Promise<CaseSettings & { hours: SlaHours }> {
  const row = await store.getSettings(ex, orgId);
  return row
    ? { hours: { ...defaultSlaHours, ...row.hours }, categories: [...row.categories], version: row.version }
    : { hours: { ...defaultSlaHours }, categories: [...defaultCategories], version: 1 };
}

export const getCaseSettings = (ctx: AppContext, actor: Actor) => caseSettings(ctx.db, actor.orgId);

/** New hours apply to cases opened (or re-graded) afterwards; a removed category stays on the cases that have it. */
export async function putCaseSettings(ctx: AppContext, actor: Actor, version: number, input: CaseSettingsPut): Promise<CaseSettings> {
  requireRole(actor, ['admin'], 'change case SLAs');
  fail([...validateSlaHours(input.hours), ...validateCategories(input.categories)]);
  return ctx.db.transaction(async (tx) => {
    const stored = await store.getSettings(tx, actor.orgId, true);
    const before = await caseSettings(tx, actor.orgId);
    checkVersion(stored?.version ?? 1, version);
    const now = ctx.clock.now();
    const saved = await store.saveSettings(tx, { orgId: actor.orgId, hours: input.hours, categories: input.categories, updatedAt: now, version: before.version + 1 });
    const after = { hours: saved.hours, categories: saved.categories, version: saved.version };
    await recordChange(tx, actor, now, { action: 'update', entity: 'case_settings', entityId: actor.orgId, before, after });
    return after;
  });
}

// --- reads --------------------------------------------------------------------------------------

/** The case, if the caller may see its account; otherwise 404. */
async function visibleCase(ex: Executor, actor: Actor, id: string): Promise<store.CaseView> {
  const row = await store.findCase(ex, actor.orgId, id);
  if (!row) throw notFound('Case');
  await getVisibleAccount(ex, actor, row.accountId).catch(() => {
    throw notFound('Case');
  });
  return row;
}

export async function getCase(ctx: AppContext, actor: Actor, id: string): Promise<Case> {
  const now = ctx.clock.now();
  let row = await visibleCase(ctx.db, actor, id);
  if (row.nextEscalationAt && row.nextEscalationAt.getTime() <= now.getTime()) {
    await escalateDueCases(ctx, now, { orgId: actor.orgId, caseId: id });
    row = await visibleCase(ctx.db, actor, id);
  }
  return toCase(row, now);
}

function listFilter(query: AccountCaseListQuery) {
  return { status: query.status, severity: query.severity, escalated: query.escalated, after: query.cursor ? decodeCursor(query.cursor, 2) : undefined, limit: query.limit ?? 50 };
}

/** Cases on accounts I can see, most urgent (earliest due) first. Escalations due are made first. */
export async function listCases(ctx: AppContext, actor: Actor, query: CaseListQuery): Promise<Page<Case>> {
  const now = ctx.clock.now();
  await escalateDueCases(ctx, now, { orgId: actor.orgId });
  const filter = listFilter(query);
  const rows = await store.listCases(ctx.db, actor, { ...filter, ownerId: query.mine ? actor.userId : undefined, order: 'due' });
  return toPage(rows, filter.limit, (row) => toCase(row, now), (row) => [row.dueAt.toISOString(), row.id]);
}

/** An account's cases, newest first. */
export async function listAccountCases(ctx: AppContext, actor: Actor, accountId: string, query: AccountCaseListQuery): Promise<Page<Case>> {
  await getVisibleAccount(ctx.db, actor, accountId);
  const now = ctx.clock.now();
  await escalateDueCases(ctx, now, { orgId: actor.orgId });
  const filter = listFilter(query);
  const rows = await store.listCases(ctx.db, actor, { ...filter, accountId, order: 'newest' });
  return toPage(rows, filter.limit, (row) => toCase(row, now), (row) => [row.openedAt.toISOString(), row.id]);
}

export async function listCaseEvents(ctx: AppContext, actor: Actor, id: string, query: { limit?: number; cursor?: string }): Promise<Page<CaseEvent>> {
  await visibleCase(ctx.db, actor, id);
  const limit = query.limit ?? 50;
  const rows = await store.listEvents(ctx.db, actor.orgId, id, { after: query.cursor ? decodeCursor(query.cursor, 2) : undefined, limit });
  return toPage(rows, limit, toEvent, (row) => [row.at.toISOString(), row.id]);
}

// --- writes -------------------------------------------------------------------------------------

async function checkOwner(ex: Executor, orgId: string, ownerId: string | null | undefined, errors: FieldError[]): Promise<void> {
  if (!ownerId) return;
  const user = await findUser(ex, orgId, ownerId);
  if (!user) errors.push({ path: 'ownerId', message: 'is not a user of this organisation' });
  else if (user.role === 'viewer') errors.push({ path: 'ownerId', message: 'a viewer cannot own a case' });
}

export async function createCase(ctx: AppContext, actor: Actor, accountId: string, input: CaseCreate): Promise<Case> {
  return ctx.db.transaction(async (tx) => {
    const account = await requireWritableAccount(tx, actor, accountId);
    const settings = await caseSettings(tx, actor.orgId);
    const errors: FieldError[] = [];
    if (!settings.categories.includes(input.category)) errors.push({ path: 'category', message: `must be one of ${settings.categories.join(', ')}` });
    await checkOwner(tx, actor.orgId, input.ownerId, errors);
    fail(errors);
    const now = ctx.clock.now();
    const severity = input.severity as Severity;
    const periodMs = slaPeriodMs(severity, settings.hours);
    const due = dueAt(now.getTime(), periodMs);
    const ownerId = input.ownerId === undefined ? (account.ownerId ?? actor.userId) : input.ownerId;
    const row = await store.insertCase(tx, {
      orgId: actor.orgId,
      id: newId(),
      accountId,
      title: input.title,
      description: input.description ?? '',
      category: input.category,
      severity,
      status: 'open',
      ownerId,
      openedAt: now,
      slaMinutes: periodMs / 60_000,
      pausedMs: 0,
      dueAt: new Date(due),
      escalationLevel: 0,
      nextEscalationAt: new Date(due),
      minutesSpent: input.minutesSpent ?? 0,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await store.insertEvent(tx, { orgId: actor.orgId, id: newId(), caseId: row.id, at: now, kind: 'opened', actorId: actor.userId, toStatus: 'open', minutes: row.minutesSpent });
    await recordChange(tx, actor, now, { action: 'create', entity: 'case', entityId: row.id, after: row });
    if (isSevereOpen(row.severity, row.status)) await accountsChanged(tx, actor.orgId, [accountId], now);
    return toCase((await store.findCase(tx, actor.orgId, row.id))!, now);
  });
}

export async function updateCase(ctx: AppContext, actor: Actor, id: string, version: number, input: CaseUpdate): Promise<Case> {
  return ctx.db.transaction(async (tx) => {
    const current = await visibleCase(tx, actor, id);
    await requireWritableAccount(tx, actor, current.accountId);
    const before = await store.lockCase(tx, actor.orgId, id);
    if (!before) throw notFound('Case');
    checkVersion(before.version, version);
    const settings = await caseSettings(tx, actor.orgId);
    const errors: FieldError[] = [];
    if (input.category !== undefined && input.category !== before.category && !settings.categories.includes(input.category)) {
      errors.push({ path: 'category', message: `must be one of ${settings.categories.join(', ')}` });
    }
    await checkOwner(tx, actor.orgId, input.ownerId, errors);
    if (input.severity !== undefined && input.severity !== before.severity && before.status === 'closed') errors.push({ path: 'severity', message: 'a closed case cannot be re-graded' });
    fail(errors);
    const now = ctx.clock.now();
    const changes: Partial<store.NewCaseRow> = {};
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['title', 'description', 'category', 'ownerId', 'minutesSpent'] as const) {
      if (input[key] !== undefined && input[key] !== before[key]) {
        Object.assign(changes, { [key]: input[key] });
        changed[key] = { from: before[key], to: input[key] };
      }
    }
    if (input.severity !== undefined && input.severity !== before.severity) {
      const periodMs = slaPeriodMs(input.severity as Severity, settings.hours);
      const due = dueAt(before.openedAt.getTime(), periodMs, before.pausedMs);
      changes.severity = input.severity;
      changes.slaMinutes = periodMs / 60_000;
      changes.dueAt = new Date(due);
      if (isRunning(before.status)) {
        const next = nextEscalationAt({ dueAt: due, periodMs, stoppedAt: null }, before.escalationLevel);
        changes.nextEscalationAt = next === null ? null : new Date(next);
      }
      changed.severity = { from: before.severity, to: input.severity };
    }
    if (Object.keys(changed).length > 0) {
      const after = await store.updateCase(tx, actor.orgId, id, changes, now);
      const minutes = after.minutesSpent - before.minutesSpent;
      await store.insertEvent(tx, { orgId: actor.orgId, id: newId(), caseId: id, at: now, kind: 'updated', actorId: actor.userId, minutes, changes: changed });
      await recordChange(tx, actor, now, { action: 'update', entity: 'case', entityId: id, before, after });
      if (isSevereOpen(before.severity, before.status) !== isSevereOpen(after.severity, after.status)) await accountsChanged(tx, actor.orgId, [before.accountId], now);
      if (after.nextEscalationAt && after.nextEscalationAt.getTime() <= now.getTime()) await escalateRow(tx, after, now);
    }
    return toCase((await store.findCase(tx, actor.orgId, id))!, now);
  });
}

export async function transitionCase(ctx: AppContext, actor: Actor, id: string, version: number, input: CaseTransition): Promise<Case> {
  return ctx.db.transaction(async (tx) => {
    const current = await visibleCase(tx, actor, id);
    await requireWritableAccount(tx, actor, current.accountId);
    let before = await store.lockCase(tx, actor.orgId, id);
    if (!before) throw notFound('Case');
    checkVersion(before.version, version);
    const refused = transitionError(before.status, input.to);
    if (refused) throw new AppError('conflict', refused);
    if (input.to === 'resolved' && !input.resolution?.trim()) throw new AppError('validation', 'resolution: is needed to resolve a case', { errors: [{ path: 'resolution', message: 'is needed to resolve a case' }] });
    if (input.to !== 'resolved' && input.resolution !== undefined) throw new AppError('validation', 'resolution: is only taken when resolving', { errors: [{ path: 'resolution', message: 'is only taken when resolving' }] });
    const now = ctx.clock.now();
    // the SLA clock runs until this instant: an escalation due now is made before the case stops
    if (before.nextEscalationAt && before.nextEscalationAt.getTime() <= now.getTime()) before = await escalateRow(tx, before, now);
    const changes: Partial<store.NewCaseRow> = { status: input.to };
    if (input.to === 'resolved') Object.assign(changes, { resolution: input.resolution!.trim(), resolvedAt: now, nextEscalationAt: null });
    if (input.to === 'closed') Object.assign(changes, { closedAt: now, nextEscalationAt: null });
    if (before.status === 'resolved' && input.to === 'open') {
      const pausedMs = before.pausedMs + Math.max(0, now.getTime() - (before.resolvedAt ?? now).getTime());
      const periodMs = before.slaMinutes * 60_000;
      const due = dueAt(before.openedAt.getTime(), periodMs, pausedMs);
      const next = nextEscalationAt({ dueAt: due, periodMs, stoppedAt: null }, before.escalationLevel);
      Object.assign(changes, { pausedMs, dueAt: new Date(due), resolvedAt: null, resolution: null, nextEscalationAt: next === null ? null : new Date(next) });
    }
    const after = await store.updateCase(tx, actor.orgId, id, changes, now);
    await store.insertEvent(tx, {
      orgId: actor.orgId,
      id: newId(),
      caseId: id,
      at: now,
      kind: 'status',
      actorId: actor.userId,
      fromStatus: before.status,
      toStatus: input.to,
      note: input.to === 'resolved' ? after.resolution : before.status === 'resolved' && input.to === 'open' ? before.resolution : null,
    });
    await recordChange(tx, actor, now, { action: 'update', entity: 'case', entityId: id, before, after });
    if (isSevereOpen(before.severity, before.status) !== isSevereOpen(after.severity, after.status)) await accountsChanged(tx, actor.orgId, [before.accountId], now);
    return toCase((await store.findCase(tx, actor.orgId, id))!, now);
  });
}

// --- escalation ---------------------------------------------------------------------------------

/**
 * Raises a locked, running case to the level its SLA calls for at `now`: an event, an audit row
 * by the system, notifications (owner and their manager; the director too at level 3) and, on the
 * first breach of a key account's case, a risk on its active plan and an item on its next review's
 * agenda. Returns the row as stored afterwards. A case already at its level only gets its next
 * escalation time put right (idempotent).
 */
async function escalateRow(tx: Executor, row: store.CaseRow, now: Date): Promise<store.CaseRow> {
  if (!isRunning(row.status)) return store.setNextEscalation(tx, row.orgId, row.id, null);
  const clock = clockOf(row, now);
  const level = Math.max(row.escalationLevel, levelAt(clock, now.getTime()));
  const next = nextEscalationAt(clock, level);
  if (level <= row.escalationLevel) return store.setNextEscalation(tx, row.orgId, row.id, next === null ? null : new Date(next));
  const after = await store.updateCase(tx, row.orgId, row.id, {
    escalationLevel: level,
    escalatedAt: now,
    breachedAt: row.breachedAt ?? row.dueAt,
    nextEscalationAt: next === null ? null : new Date(next),
  }, now);
  const actor = system(row.orgId);
  await store.insertEvent(tx, { orgId: row.orgId, id: newId(), caseId: row.id, at: now, kind: 'escalated', actorId: null, fromLevel: row.escalationLevel, toLevel: level });
  await recordChange(tx, actor, now, { action: 'update', entity: 'case', entityId: row.id, before: row, after });
  const audience = await escalationAudience(tx, row);
  const params = { caseId: row.id, title: row.title, severity: row.severity, level, accountName: audience.accountName };
  await notify(tx, row.orgId, [audience.ownerId, audience.managerId], { kind: 'case_escalated', accountId: row.accountId, params, at: now });
  if (level >= 3 && row.escalationLevel < 3) await notify(tx, row.orgId, audience.directors, { kind: 'case_escalated', accountId: row.accountId, params, at: now });
  if (row.escalationLevel === 0 && audience.tier === 'key') {
    const text = `SLA breached: case "${row.title}" (severity ${row.severity}, ${row.category}) passed its due time ${row.dueAt.toISOString()}`;
    const riskId = await addPlanRisk(tx, row.orgId, row.accountId, { text, source: 'case', at: now });
    const agendaId = await addReviewAgendaItem(tx, row.orgId, row.accountId, { text, source: 'case', at: now });
    await store.insertEvent(tx, {
      orgId: row.orgId, id: newId(), caseId: row.id, at: now, kind: 'breach_effects', actorId: null,
      note: riskId ? 'Risk added to the account plan; item added to the next account review' : 'No active account plan; item added to the next account review',
      changes: { planRiskId: riskId, reviewAgendaItemId: agendaId },
    });
  }
  return after;
}

const escalationAudience = (tx: Executor, row: store.CaseRow) => store.escalationAudience(tx, row.orgId, row.accountId, row.ownerId);

/**
 * The escalation sweep: raises every running case whose next escalation is due at `now` (all
 * organisations, or one, or one case), in batches of 100, one transaction per batch. Cases are
 * claimed with FOR UPDATE SKIP LOCKED, so concurrent sweeps (several `patron serve` processes)
 * never escalate a case twice. Returns how many cases rose.
 */
export async function escalateDueCases(ctx: AppContext, now: Date, scope: { orgId?: string; caseId?: string } = {}): Promise<number> {
  let escalated = 0;
  for (let round = 0; round < 1000; round++) {
    const { claimed, raised } = await ctx.db.transaction(async (tx) => {
      const rows = await store.claimDueCases(tx, now, scope, 100);
      let count = 0;
      for (const row of rows) {
        const after = await escalateRow(tx, row, now);
        if (after.escalationLevel > row.escalationLevel) count++;
      }
      return { claimed: rows.length, raised: count };
    });
    escalated += raised;
    if (claimed < 100) break;
  }
  return escalated;
}

/** `POST`-less trigger for scripts and the CLI: the sweep as of the context's clock. */
export const runEscalationSweep = (ctx: AppContext): Promise<number> => escalateDueCases(ctx, ctx.clock.now());

// --- for other modules --------------------------------------------------------------------------

/** The home page's "open severe cases": open severity-1/2 cases on accounts the caller sees, earliest due first. */
export async function openSevereCasesForHome(ex: Executor, actor: Actor, now: Date) {
  const rows = await store.listCases(ex, actor, { status: 'active', severe: true, order: 'due', limit: 10 });
  return rows.slice(0, 10).map((row) => {
    const c = toCase(row, now);
    return { id: c.id, title: c.title, accountId: c.accountId, accountName: c.accountName, dueAt: c.dueAt, severity: c.severity, status: c.status, escalationLevel: c.escalationLevel, breached: c.breached };
  });
}

/** Open severity-1 and -2 cases per account (health). */
export const severeOpenCases = (ex: Executor, orgId: string, accountIds: readonly string[]) => store.severeOpenCounts(ex, orgId, accountIds);

/**
 * Minutes logged on an account's cases per month ('YYYY-MM') and role of whoever logged them, from
 * `fromMonth` to `toMonth` (inclusive), up to `now`: the same shape as interactionTimeSpent, for
 * the cost-to-serve computation.
 */
export async function caseTimeSpent(ex: Executor, orgId: string, accountId: string, fromMonth: string, toMonth: string, now: Date) {
  const [y, m] = toMonth.split('-').map(Number) as [number, number];
  const after = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return store.timeSpent(ex, orgId, accountId, `${fromMonth}-01`, after, now);
}
