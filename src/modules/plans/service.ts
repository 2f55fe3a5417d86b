import Big from 'big.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, invalid, notFound, type FieldError } from '../../core/errors.ts';
import { accountsChanged } from '../../core/events.ts';
import { newId } from '../../core/ids.ts';
import { currencyDigits, parseMoney } from '../../core/money.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount, requireWritableAccount } from '../accounts/service.ts';
import type { Account } from '../accounts/schemas.ts';
import { recordChange, recordChanges } from '../audit/service.ts';
import { findUser, getOrganisationCurrency } from '../users/service.ts';
import { canMovePlan, directionProblem, isPeriod, needChanges, periodRange, planProgress, progressOf, shiftPeriod, type PlanStatus } from './plan.ts';
import type {
  Action,
  ActionCreate,
  ActionUpdate,
  Need,
  NeedCreate,
  NeedUpdate,
  Objective,
  ObjectiveCreate,
  ObjectiveUpdate,
  Plan,
  PlanCopy,
  PlanCreate,
  PlanDetail,
  PlanListQuery,
  PlanUpdate,
  Risk,
  RiskCreate,
  Share,
  ShareCreate,
  ShareCreated,
  SharedPlan,
} from './schemas.ts';
import * as store from './store.ts';
import type { ActionRow, NeedChangeRow, NeedRow, ObjectiveRow, PlanRow, RiskRow, ShareRow } from './store.ts';

const system = (orgId: string): Actor => ({ orgId, userId: '00000000-0000-0000-0000-000000000000', role: 'admin', via: 'system' });
const fail = (errors: FieldError[]): never => {
  throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
};

// --- mapping -----------------------------------------------------------------------------------------

function toPlan(row: PlanRow, account: Pick<Account, 'name'>, currency: string): Plan {
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: account.name,
    period: row.period,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    status: row.status,
    strategy: row.strategy,
    copiedFromId: row.copiedFromId,
    currency,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function toNeed(row: NeedRow, changes: NeedChangeRow[]): Need {
  return {
    id: row.id,
    text: row.text,
    priority: row.priority,
    history: changes.map((c) => ({
      kind: c.kind, at: c.at.toISOString(), actorId: c.actorId, actorName: c.actorName, fromText: c.fromText, toText: c.toText, fromPriority: c.fromPriority, toPriority: c.toPriority,
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const toAction = (row: ActionRow): Action => ({
  id: row.id,
  title: row.title,
  ownerId: row.ownerId,
  ownerName: row.ownerName,
  dueOn: row.dueOn,
  status: row.status,
  agreed: row.agreed,
  source: row.source,
  sourceId: row.sourceId,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const toRisk = (row: RiskRow): Risk => ({ id: row.id, text: row.text, source: row.source, at: row.at.toISOString(), createdBy: row.createdBy });

function toShare(row: ShareRow, now: Date): Share {
  return {
    id: row.id,
    planId: row.planId,
    prefix: row.prefix,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    active: row.revokedAt === null && row.expiresAt > now,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Stored numerics ('1200.5000') as API decimals: money to its currency's digits, other values trimmed. */
const decimal = (value: string, digits: number | null): string => (digits === null ? new Big(value).toString() : new Big(value).toFixed(digits));

/** Objectives with their progress; revenue objectives read the account's revenue over the plan period so far. */
async function objectiveViews(ex: Executor, plan: PlanRow, rows: ObjectiveRow[], currency: string, today: string): Promise<Objective[]> {
  let revenue: string | null = null;
  if (rows.some((row) => row.metric === 'revenue')) {
    const minor = await store.revenueBetween(ex, plan.orgId, plan.accountId, plan.periodStart, plan.periodEnd < today ? plan.periodEnd : today);
    revenue = new Big(minor.toString()).div(10 ** currencyDigits(currency)).toFixed(currencyDigits(currency));
  }
  return rows.map((row) => {
    const digits = row.metric === 'revenue' ? currencyDigits(currency) : null;
    const baseline = decimal(row.baseline, digits);
    const target = decimal(row.target, digits);
    const current = row.metric === 'revenue' ? revenue : row.currentValue === null ? null : decimal(row.currentValue, null);
    return {
      id: row.id,
      title: row.title,
      metric: row.metric,
      unit: row.metric === 'revenue' ? currency : row.unit,
      direction: row.direction,
      baseline,
      target,
      current,
      dueOn: row.dueOn,
      progress: progressOf({ baseline, target, current, direction: row.direction, start: plan.periodStart, due: row.dueOn ?? plan.periodEnd, today }),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    };
  });
}

// --- access --------------------------------------------------------------------------------------------

/** The plan and its account, if the caller can see the account; otherwise 404. */
async function visiblePlan(ex: Executor, actor: Actor, id: string, lock = false): Promise<{ plan: PlanRow; account: Account }> {
  const plan = await store.findPlan(ex, actor.orgId, id, lock);
  if (!plan) throw notFound('Plan');
  const account = await getVisibleAccount(ex, actor, plan.accountId).catch(() => {
    throw notFound('Plan');
  });
  return { plan, account };
}

/** For changes: visible, the caller's role writes accounts, and (for its parts) the plan is not closed. */
async function writablePlan(ex: Executor, actor: Actor, id: string, options: { parts: boolean }): Promise<{ plan: PlanRow; account: Account }> {
  const { plan } = await visiblePlan(ex, actor, id);
  const account = await requireWritableAccount(ex, actor, plan.accountId);
  const locked = (await store.findPlan(ex, actor.orgId, id, true))!;
  if (options.parts && locked.status === 'closed') throw new AppError('conflict', 'The plan is closed; copy it to plan the next period');
  return { plan: locked, account };
}

// --- plans ----------------------------------------------------------------------------------------------

export async function listPlans(ctx: AppContext, actor: Actor, accountId: string, query: PlanListQuery): Promise<Page<Plan>> {
  const account = await getVisibleAccount(ctx.db, actor, accountId);
  const currency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const limit = query.limit ?? 50;
  const rows = await store.listPlans(ctx.db, actor.orgId, accountId, {
    status: query.status,
    period: query.period,
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  return toPage(rows, limit, (row) => toPlan(row, account, currency), (row) => [row.periodStart, row.id]);
}

export async function getPlan(ctx: AppContext, actor: Actor, id: string): Promise<PlanDetail> {
  const { plan, account } = await visiblePlan(ctx.db, actor, id);
  return planDetail(ctx.db, plan, account, ctx.clock.now());
}

async function planDetail(ex: Executor, plan: PlanRow, account: Pick<Account, 'name'>, now: Date): Promise<PlanDetail> {
  const currency = await getOrganisationCurrency(ex, plan.orgId);
  // One after another: `ex` may be a transaction, whose single connection runs one query at a time.
  const needs = await store.listNeeds(ex, plan.orgId, plan.id);
  const objectiveRows = await store.listObjectives(ex, plan.orgId, plan.id);
  const actions = await store.listActions(ex, plan.orgId, plan.id);
  const risks = await store.listRisks(ex, plan.orgId, plan.id);
  const changes = await store.listNeedChanges(ex, plan.orgId, needs.map((n) => n.id));
  const objectives = await objectiveViews(ex, plan, objectiveRows, currency, toIsoDate(now));
  return {
    ...toPlan(plan, account, currency),
    summary: planProgress(objectives.map((o) => o.progress)),
    needs: needs.map((need) => toNeed(need, changes.filter((c) => c.needId === need.id))),
    objectives,
    actions: actions.map(toAction),
    risks: risks.map(toRisk),
  };
}

export async function createPlan(ctx: AppContext, actor: Actor, accountId: string, input: PlanCreate): Promise<PlanDetail> {
  return ctx.db.transaction(async (tx) => {
    const account = await requireWritableAccount(tx, actor, accountId);
    const now = ctx.clock.now();
    const period = input.period ?? String(now.getUTCFullYear());
    if (!isPeriod(period)) throw invalid('period', `${period} is not a period like 2027, 2027-H1 or 2027-Q3`);
    if (await store.findOpenPlan(tx, actor.orgId, accountId, period)) throw new AppError('conflict', `The account has an open plan for ${period} already`);
    const range = periodRange(period);
    const row = await store.insertPlan(tx, {
      orgId: actor.orgId, id: newId(), accountId, period, periodStart: range.start, periodEnd: range.end, status: 'draft',
      strategy: input.strategy ?? null, createdBy: actor.userId, createdAt: now, updatedAt: now,
    });
    await recordChange(tx, actor, now, { action: 'create', entity: 'account_plan', entityId: row.id, after: row });
    return planDetail(tx, row, account, now);
  });
}

export async function updatePlan(ctx: AppContext, actor: Actor, id: string, version: number, input: PlanUpdate): Promise<PlanDetail> {
  return ctx.db.transaction(async (tx) => {
    const { plan: before, account } = await writablePlan(tx, actor, id, { parts: false });
    checkVersion(before.version, version);
    const status: PlanStatus = input.status ?? before.status;
    if (!canMovePlan(before.status, status)) throw new AppError('unprocessable', `A ${before.status} plan cannot become ${status}`);
    if (before.status === 'closed' && input.strategy !== undefined) throw new AppError('conflict', 'The plan is closed; copy it to plan the next period');
    if (status === 'active' && before.status !== 'active') {
      const [other] = await store.listPlans(tx, actor.orgId, before.accountId, { status: 'active', period: before.period, limit: 1 });
      if (other) throw new AppError('conflict', `Another plan for ${before.period} is active; close it first`);
    }
    const now = ctx.clock.now();
    const after = await store.updatePlan(tx, actor.orgId, id, { status, ...(input.strategy !== undefined ? { strategy: input.strategy } : {}) }, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'account_plan', entityId: id, before, after });
    if (status !== before.status) await accountsChanged(tx, actor.orgId, [before.accountId], now);
    return planDetail(tx, after, account, now);
  });
}

/** A new draft for another period (the next one by default) with the source's strategy, needs, objectives and open actions. */
export async function copyPlan(ctx: AppContext, actor: Actor, id: string, input: PlanCopy): Promise<PlanDetail> {
  return ctx.db.transaction(async (tx) => {
    const { plan: source, account } = await writablePlan(tx, actor, id, { parts: false });
    const period = input.period ?? shiftPeriod(source.period, 1);
    if (!isPeriod(period)) throw invalid('period', `${period} is not a period like 2027, 2027-H1 or 2027-Q3`);
    if (await store.findOpenPlan(tx, actor.orgId, source.accountId, period)) throw new AppError('conflict', `The account has an open plan for ${period} already`);
    const now = ctx.clock.now();
    const range = periodRange(period);
    const currency = await getOrganisationCurrency(tx, actor.orgId);
    const plan = await store.insertPlan(tx, {
      orgId: actor.orgId, id: newId(), accountId: source.accountId, period, periodStart: range.start, periodEnd: range.end, status: 'draft',
      strategy: source.strategy, copiedFromId: source.id, createdBy: actor.userId, createdAt: now, updatedAt: now,
    });
    const needs = await store.insertNeeds(tx, (await store.listNeeds(tx, actor.orgId, source.id)).map((n) => ({ orgId: actor.orgId, id: newId(), planId: plan.id, text: n.text, priority: n.priority, createdAt: now, updatedAt: now })));
    await store.insertNeedChanges(tx, needs.flatMap((n) => needChanges(null, n).map((c) => ({ orgId: actor.orgId, id: newId(), needId: n.id, at: now, actorId: actor.userId, ...c }))));
    // Where the old objectives ended is where the new ones start.
    const oldObjectives = await objectiveViews(tx, source, await store.listObjectives(tx, actor.orgId, source.id), currency, toIsoDate(now));
    await store.insertObjectives(tx, oldObjectives.map((o) => ({
      orgId: actor.orgId, id: newId(), planId: plan.id, title: o.title, metric: o.metric, unit: o.metric === 'revenue' ? null : o.unit, direction: o.direction,
      baseline: o.metric === 'revenue' ? o.baseline : (o.current ?? o.baseline), target: o.target, currentValue: o.metric === 'revenue' ? null : o.current, dueOn: null, createdAt: now, updatedAt: now,
    })));
    await store.insertActions(tx, (await store.listActions(tx, actor.orgId, source.id)).filter((a) => a.status === 'open').map((a) => ({
      orgId: actor.orgId, id: newId(), planId: plan.id, title: a.title, ownerId: a.ownerId, dueOn: a.dueOn && a.dueOn >= range.start ? a.dueOn : null,
      status: 'open' as const, agreed: a.agreed, source: 'copy', sourceId: a.id, createdAt: now, updatedAt: now,
    })));
    await recordChange(tx, actor, now, { action: 'create', entity: 'account_plan', entityId: plan.id, after: { ...plan, copiedFromId: source.id } });
    return planDetail(tx, plan, account, now);
  });
}

// --- needs ------------------------------------------------------------------------------------------------

export async function addNeed(ctx: AppContext, actor: Actor, planId: string, input: NeedCreate): Promise<Need> {
  return ctx.db.transaction(async (tx) => {
    await writablePlan(tx, actor, planId, { parts: true });
    const now = ctx.clock.now();
    const [row] = await store.insertNeeds(tx, [{ orgId: actor.orgId, id: newId(), planId, text: input.text, priority: input.priority, createdAt: now, updatedAt: now }]);
    await store.insertNeedChanges(tx, needChanges(null, input).map((c) => ({ orgId: actor.orgId, id: newId(), needId: row!.id, at: now, actorId: actor.userId, ...c })));
    await recordChange(tx, actor, now, { action: 'create', entity: 'plan_need', entityId: row!.id, after: row });
    return toNeed(row!, await store.listNeedChanges(tx, actor.orgId, [row!.id]));
  });
}

export async function updateNeed(ctx: AppContext, actor: Actor, planId: string, needId: string, version: number, input: NeedUpdate): Promise<Need> {
  return ctx.db.transaction(async (tx) => {
    await writablePlan(tx, actor, planId, { parts: true });
    const before = await store.findNeed(tx, actor.orgId, planId, needId, true);
    if (!before) throw notFound('Need');
    checkVersion(before.version, version);
    const now = ctx.clock.now();
    const next = { text: input.text ?? before.text, priority: input.priority ?? before.priority };
    const after = await store.updateNeed(tx, actor.orgId, needId, next, now);
    await store.insertNeedChanges(tx, needChanges(before, next).map((c) => ({ orgId: actor.orgId, id: newId(), needId, at: now, actorId: actor.userId, ...c })));
    await recordChange(tx, actor, now, { action: 'update', entity: 'plan_need', entityId: needId, before, after });
    return toNeed(after, await store.listNeedChanges(tx, actor.orgId, [needId]));
  });
}

/** Removing a need keeps it (and its timeline) for history; it leaves the plan. */
export async function removeNeed(ctx: AppContext, actor: Actor, planId: string, needId: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await writablePlan(tx, actor, planId, { parts: true });
    const before = await store.findNeed(tx, actor.orgId, planId, needId, true);
    if (!before) throw notFound('Need');
    checkVersion(before.version, version);
    const now = ctx.clock.now();
    const after = await store.updateNeed(tx, actor.orgId, needId, { removedAt: now }, now);
    await store.insertNeedChanges(tx, needChanges(before, null).map((c) => ({ orgId: actor.orgId, id: newId(), needId, at: now, actorId: actor.userId, ...c })));
    await recordChange(tx, actor, now, { action: 'delete', entity: 'plan_need', entityId: needId, before, after });
  });
}

// --- objectives ---------------------------------------------------------------------------------------------

type ObjectiveValues = Partial<Pick<ObjectiveRow, 'title' | 'metric' | 'unit' | 'direction' | 'baseline' | 'target' | 'currentValue' | 'dueOn'>>;

/** Checks an objective as it would be stored; revenue values are money in the organisation currency. */
function objectiveValues(merged: { metric: 'revenue' | 'custom'; baseline: string; target: string; direction: ObjectiveRow['direction']; current: string | null }, currency: string, input: ObjectiveCreate | ObjectiveUpdate): ObjectiveValues {
  const errors: FieldError[] = [];
  if (merged.metric === 'revenue') {
    for (const key of ['baseline', 'target'] as const) {
      try {
        if (parseMoney(merged[key], currency) < 0n) errors.push({ path: key, message: 'cannot be negative' });
      } catch (error) {
        errors.push({ path: key, message: (error as Error).message });
      }
    }
    if (input.current !== undefined && input.current !== null) errors.push({ path: 'current', message: 'revenue objectives take their current value from transactions' });
    if (input.unit !== undefined && input.unit !== null && input.unit !== currency) errors.push({ path: 'unit', message: `revenue is in the organisation currency, ${currency}` });
  }
  const problem = directionProblem(merged.baseline, merged.target, merged.direction);
  if (problem) errors.push({ path: 'direction', message: problem });
  if (errors.length > 0) fail(errors);
  const values: ObjectiveValues = {};
  if ('title' in input && input.title !== undefined) values.title = input.title;
  if ('metric' in input && input.metric !== undefined) values.metric = input.metric;
  if (input.unit !== undefined) values.unit = merged.metric === 'revenue' ? null : input.unit;
  if (input.direction !== undefined) values.direction = input.direction;
  if (input.baseline !== undefined) values.baseline = input.baseline;
  if (input.target !== undefined) values.target = input.target;
  if (input.current !== undefined) values.currentValue = merged.metric === 'revenue' ? null : input.current;
  if (input.dueOn !== undefined) values.dueOn = input.dueOn;
  return values;
}

export async function addObjective(ctx: AppContext, actor: Actor, planId: string, input: ObjectiveCreate): Promise<Objective> {
  return ctx.db.transaction(async (tx) => {
    const { plan } = await writablePlan(tx, actor, planId, { parts: true });
    const currency = await getOrganisationCurrency(tx, actor.orgId);
    const metric = input.metric ?? 'custom';
    const values = objectiveValues({ metric, baseline: input.baseline, target: input.target, direction: input.direction ?? null, current: input.current ?? null }, currency, input);
    const now = ctx.clock.now();
    const [row] = await store.insertObjectives(tx, [{ orgId: actor.orgId, id: newId(), planId, title: input.title, metric, baseline: input.baseline, target: input.target, ...values, createdAt: now, updatedAt: now }]);
    await recordChange(tx, actor, now, { action: 'create', entity: 'plan_objective', entityId: row!.id, after: row });
    await accountsChanged(tx, actor.orgId, [plan.accountId], now);
    return (await objectiveViews(tx, plan, [row!], currency, toIsoDate(now)))[0]!;
  });
}

export async function updateObjective(ctx: AppContext, actor: Actor, planId: string, objectiveId: string, version: number, input: ObjectiveUpdate): Promise<Objective> {
  return ctx.db.transaction(async (tx) => {
    const { plan } = await writablePlan(tx, actor, planId, { parts: true });
    const before = await store.findObjective(tx, actor.orgId, planId, objectiveId, true);
    if (!before) throw notFound('Objective');
    checkVersion(before.version, version);
    const currency = await getOrganisationCurrency(tx, actor.orgId);
    const merged = {
      metric: before.metric,
      baseline: input.baseline ?? new Big(before.baseline).toString(),
      target: input.target ?? new Big(before.target).toString(),
      direction: input.direction !== undefined ? input.direction : before.direction,
      current: input.current !== undefined ? input.current : before.currentValue,
    };
    const values = objectiveValues(merged, currency, input);
    const now = ctx.clock.now();
    const after = await store.updateObjective(tx, actor.orgId, objectiveId, values, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'plan_objective', entityId: objectiveId, before, after });
    await accountsChanged(tx, actor.orgId, [plan.accountId], now);
    return (await objectiveViews(tx, plan, [after], currency, toIsoDate(now)))[0]!;
  });
}

export async function deleteObjective(ctx: AppContext, actor: Actor, planId: string, objectiveId: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { plan } = await writablePlan(tx, actor, planId, { parts: true });
    const before = await store.findObjective(tx, actor.orgId, planId, objectiveId, true);
    if (!before) throw notFound('Objective');
    checkVersion(before.version, version);
    const now = ctx.clock.now();
    await store.deleteObjective(tx, actor.orgId, objectiveId);
    await recordChange(tx, actor, now, { action: 'delete', entity: 'plan_objective', entityId: objectiveId, before });
    await accountsChanged(tx, actor.orgId, [plan.accountId], now);
  });
}

// --- actions -----------------------------------------------------------------------------------------------

async function checkOwner(ex: Executor, orgId: string, ownerId: string | null | undefined): Promise<void> {
  if (ownerId && !(await findUser(ex, orgId, ownerId))) throw invalid('ownerId', 'is not a user of this organisation');
}

export async function addAction(ctx: AppContext, actor: Actor, planId: string, input: ActionCreate): Promise<Action> {
  return ctx.db.transaction(async (tx) => {
    await writablePlan(tx, actor, planId, { parts: true });
    await checkOwner(tx, actor.orgId, input.ownerId);
    const now = ctx.clock.now();
    const [row] = await store.insertActions(tx, [{
      orgId: actor.orgId, id: newId(), planId, title: input.title, ownerId: input.ownerId ?? actor.userId, dueOn: input.dueOn ?? null,
      status: input.status ?? 'open', agreed: input.agreed ?? false, source: 'plan', createdAt: now, updatedAt: now,
    }]);
    await recordChange(tx, actor, now, { action: 'create', entity: 'plan_action', entityId: row!.id, after: row });
    return toAction((await store.findAction(tx, actor.orgId, planId, row!.id))!);
  });
}

export async function updateAction(ctx: AppContext, actor: Actor, planId: string, actionId: string, version: number, input: ActionUpdate): Promise<Action> {
  return ctx.db.transaction(async (tx) => {
    await writablePlan(tx, actor, planId, { parts: true });
    const before = await store.findAction(tx, actor.orgId, planId, actionId, true);
    if (!before) throw notFound('Action');
    checkVersion(before.version, version);
    await checkOwner(tx, actor.orgId, input.ownerId);
    const now = ctx.clock.now();
    const { ownerName: _name, ...stored } = before;
    const after = await store.updateAction(tx, actor.orgId, actionId, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'plan_action', entityId: actionId, before: stored, after });
    return toAction((await store.findAction(tx, actor.orgId, planId, actionId))!);
  });
}

export async function deleteAction(ctx: AppContext, actor: Actor, planId: string, actionId: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await writablePlan(tx, actor, planId, { parts: true });
    const before = await store.findAction(tx, actor.orgId, planId, actionId, true);
    if (!before) throw notFound('Action');
    checkVersion(before.version, version);
    const now = ctx.clock.now();
    await store.deleteAction(tx, actor.orgId, actionId);
    const { ownerName: _name, ...stored } = before;
    await recordChange(tx, actor, now, { action: 'delete', entity: 'plan_action', entityId: actionId, before: stored });
  });
}

// --- risks -------------------------------------------------------------------------------------------------

export async function addRisk(ctx: AppContext, actor: Actor, planId: string, input: RiskCreate): Promise<Risk> {
  return ctx.db.transaction(async (tx) => {
    await writablePlan(tx, actor, planId, { parts: true });
    const now = ctx.clock.now();
    const row = await store.insertRisk(tx, { orgId: actor.orgId, id: newId(), planId, text: input.text, source: 'manual', at: now, createdBy: actor.userId, createdAt: now });
    await recordChange(tx, actor, now, { action: 'create', entity: 'plan_risk', entityId: row.id, after: row });
    return toRisk(row);
  });
}

// --- for other modules (cases, reviews) --------------------------------------------------------------------

/**
 * Adds a risk to the account's active plan (the one covering `at`, else the latest active one), in
 * the caller's transaction, with an audit row by the system. Returns the risk id, or null when the
 * account has no active plan. Cases call it when an SLA passes on a key account.
 */
export async function addPlanRisk(ex: Executor, orgId: string, accountId: string, risk: { text: string; source: string; at: Date }): Promise<string | null> {
  const plan = await store.findActivePlan(ex, orgId, accountId, toIsoDate(risk.at));
  if (!plan) return null;
  const row = await store.insertRisk(ex, { orgId, id: newId(), planId: plan.id, text: risk.text.slice(0, 2000), source: risk.source, at: risk.at, createdBy: null, createdAt: risk.at });
  await recordChange(ex, system(orgId), risk.at, { action: 'create', entity: 'plan_risk', entityId: row.id, after: row });
  return row.id;
}

/**
 * Adds actions agreed elsewhere (a held review) to the account's active plan, in the caller's
 * transaction. Returns the new action ids in order, or null when there is no active plan.
 */
export async function addAgreedActions(
  ex: Executor,
  actor: Actor,
  accountId: string,
  actions: { title: string; ownerId: string | null; dueOn: string | null }[],
  source: { kind: string; id: string },
  at: Date,
): Promise<string[] | null> {
  if (actions.length === 0) return [];
  const plan = await store.findActivePlan(ex, actor.orgId, accountId, toIsoDate(at));
  if (!plan) return null;
  for (const action of actions) await checkOwner(ex, actor.orgId, action.ownerId);
  const rows = await store.insertActions(ex, actions.map((a) => ({
    orgId: actor.orgId, id: newId(), planId: plan.id, title: a.title, ownerId: a.ownerId, dueOn: a.dueOn, status: 'open' as const, agreed: true,
    source: source.kind, sourceId: source.id, createdAt: at, updatedAt: at,
  })));
  await recordChanges(ex, actor, at, rows.map((row) => ({ action: 'create' as const, entity: 'plan_action', entityId: row.id, after: row })));
  return rows.map((row) => row.id);
}

export interface PlanSnapshot {
  planId: string;
  period: string;
  objectives: number;
  achieved: number;
  behind: number;
  average: number | null;
}

/** The active plan's progress as of a day, for review snapshots and health; null without an active plan. */
export async function activePlanProgress(ex: Executor, orgId: string, accountId: string, day: string): Promise<PlanSnapshot | null> {
  const plan = await store.findActivePlan(ex, orgId, accountId, day);
  if (!plan) return null;
  const currency = await getOrganisationCurrency(ex, orgId);
  const objectives = await objectiveViews(ex, plan, await store.listObjectives(ex, orgId, plan.id), currency, day);
  return { planId: plan.id, period: plan.period, ...planProgress(objectives.map((o) => o.progress)) };
}

// --- shares (the joint plan) ---------------------------------------------------------------------------------

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function listShares(ctx: AppContext, actor: Actor, planId: string): Promise<Share[]> {
  await visiblePlan(ctx.db, actor, planId);
  const now = ctx.clock.now();
  return (await store.listShares(ctx.db, actor.orgId, planId)).map((row) => toShare(row, now));
}

/** A read-only link to the customer-facing parts of the plan. The token is returned once; only its hash is kept. */
export async function createShare(ctx: AppContext, actor: Actor, planId: string, input: ShareCreate): Promise<ShareCreated> {
  return ctx.db.transaction(async (tx) => {
    await writablePlan(tx, actor, planId, { parts: false });
    const now = ctx.clock.now();
    const token = randomBytes(32).toString('base64url');
    const row = await store.insertShare(tx, {
      orgId: actor.orgId, id: newId(), planId, tokenHash: hashToken(token), prefix: token.slice(0, 6),
      expiresAt: new Date(now.getTime() + (input.expiresInDays ?? 30) * 86_400_000), createdBy: actor.userId, createdAt: now,
    });
    const { tokenHash: _hash, ...audited } = row;
    await recordChange(tx, actor, now, { action: 'create', entity: 'plan_share', entityId: row.id, after: audited });
    return { ...toShare(row, now), token, path: `/shared/plan/${token}` };
  });
}

export async function revokeShare(ctx: AppContext, actor: Actor, planId: string, shareId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await writablePlan(tx, actor, planId, { parts: false });
    const before = await store.findShare(tx, actor.orgId, planId, shareId);
    if (!before) throw notFound('Share');
    if (before.revokedAt) return;
    const now = ctx.clock.now();
    const after = await store.revokeShare(tx, actor.orgId, shareId, now);
    const strip = ({ tokenHash: _hash, ...rest }: ShareRow) => rest;
    await recordChange(tx, actor, now, { action: 'update', entity: 'plan_share', entityId: shareId, before: strip(before), after: strip(after) });
  });
}

/**
 * The joint plan behind a share token, for anyone holding the link: needs, objectives with their
 * progress (revenue objectives without their figures) and agreed actions. An unknown, revoked or
 * expired token is a plain 404.
 */
export async function getSharedPlan(ctx: AppContext, token: string): Promise<SharedPlan> {
  const share = await store.findShareByHash(ctx.db, hashToken(token));
  const now = ctx.clock.now();
  if (!share || share.revokedAt || share.expiresAt <= now) throw notFound('Shared plan');
  const plan = await store.findPlan(ctx.db, share.orgId, share.planId);
  if (!plan) throw notFound('Shared plan');
  const account = await getVisibleAccount(ctx.db, system(share.orgId), plan.accountId).catch(() => null);
  if (!account) throw notFound('Shared plan');
  const detail = await planDetail(ctx.db, plan, account, now);
  return {
    accountName: account.name,
    period: plan.period,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    needs: detail.needs.map((n) => ({ text: n.text, priority: n.priority })),
    objectives: detail.objectives.map((o) => {
      const figures = o.metric !== 'revenue';
      return {
        title: o.title,
        unit: figures ? o.unit : null,
        baseline: figures ? o.baseline : null,
        target: figures ? o.target : null,
        current: figures ? o.current : null,
        dueOn: o.dueOn,
        percent: o.progress.percent,
        achieved: o.progress.achieved,
      };
    }),
    actions: detail.actions.filter((a) => a.agreed && a.status !== 'dropped').map((a) => ({ title: a.title, dueOn: a.dueOn, status: a.status })),
    expiresAt: share.expiresAt.toISOString(),
  };
}
