import Big from 'big.js';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { currencyDigits, formatMoney, parseMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { recordChange } from '../audit/service.ts';
import { findUser } from '../users/service.ts';
import type { Role } from '../users/tables.ts';
import { simulate, SimulationError, type SimulationInput, type SimulationResult } from './engine.ts';
import { periodsBetween } from './engine.ts';
import { validatePlan, type Plan } from './plan.ts';
import type { Assignment, AssignmentCreate, AssignmentListQuery, AssignmentUpdate, CompPlan, PlanListQuery } from './schemas.ts';
import * as store from './store.ts';

/** Who writes plans and assignments (DESIGN.md: the admin runs comp plans). */
export const PLAN_WRITERS: readonly Role[] = ['admin'];

const unprocessable = (errors: FieldError[], fallback: string): AppError =>
  new AppError('unprocessable', errors.length === 1 ? `${errors[0]!.path}: ${errors[0]!.message}` : fallback, { errors });

/**
 * A what-if simulation: no reads, no writes, no audit. Every signed-in role may run one (a rep
 * tries "if I close this deal…", an admin previews a plan). Invalid plans or splits → 422.
 */
export function simulateCompensation(_ctx: AppContext, _actor: Actor, input: SimulationInput): SimulationResult {
  try {
    return simulate(input);
  } catch (error) {
    if (error instanceof SimulationError) throw unprocessable(error.errors, 'The plan or the credits are not valid');
    throw error;
  }
}

// --- plans -----------------------------------------------------------------------------------------

const dayBefore = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** A stored version's document with its effective dates as stored (a later version closes an earlier one). */
const versionDocument = (row: store.PlanVersionRow): Plan => ({ ...row.document, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo });

function toPlan(row: store.PlanRow, versions: readonly store.PlanVersionRow[], today: string): CompPlan {
  const own = versions.filter((v) => v.planId === row.id);
  const current = [...own].reverse().find((v) => v.effectiveFrom <= today && (v.effectiveTo === null || v.effectiveTo >= today)) ?? own.at(-1)!;
  return {
    id: row.id,
    name: row.name,
    currency: current.document.currency,
    periodType: current.document.periodType,
    currentVersion: current.number,
    document: versionDocument(current) as unknown as CompPlan['document'],
    versions: own.map((v) => ({
      number: v.number,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo,
      document: versionDocument(v) as unknown as CompPlan['document'],
      createdBy: v.createdBy,
      createdAt: v.createdAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const todayOf = (ctx: AppContext): string => ctx.clock.now().toISOString().slice(0, 10);

/** A plan document as the contract wants it, with a name and a first day in force (stored plans need both). */
function checkDocument(document: unknown): Plan {
  const errors = validatePlan(document);
  const plan = document as Plan;
  if (errors.length === 0) {
    if (typeof plan.name !== 'string' || plan.name.trim() === '' || plan.name.length > 200) errors.push({ path: 'name', message: 'is required (at most 200 characters) for a stored plan' });
    if (!plan.effectiveFrom) errors.push({ path: 'effectiveFrom', message: 'is required for a stored plan' });
  }
  if (errors.length > 0) throw unprocessable(errors.map((e) => ({ path: e.path ? `document.${e.path}` : 'document', message: e.message })), 'The plan document is not valid');
  return plan;
}

export async function listPlans(ctx: AppContext, actor: Actor, query: PlanListQuery): Promise<Page<CompPlan>> {
  const limit = query.limit ?? 50;
  const rows = await store.listPlans(ctx.db, actor.orgId, { after: query.cursor ? decodeCursor(query.cursor, 2) : undefined, limit });
  const versions = await store.planVersions(ctx.db, actor.orgId, rows.slice(0, limit).map((r) => r.id));
  const today = todayOf(ctx);
  return toPage(rows, limit, (row) => toPlan(row, versions, today), (row) => [row.name, row.id]);
}

export async function getPlan(ctx: AppContext, actor: Actor, id: string, ex: Executor = ctx.db): Promise<CompPlan> {
  const row = await store.findPlan(ex, actor.orgId, id);
  if (!row) throw notFound('Plan');
  return toPlan(row, await store.planVersions(ex, actor.orgId, [id]), todayOf(ctx));
}

export async function createPlan(ctx: AppContext, actor: Actor, input: { document: Record<string, unknown> }): Promise<CompPlan> {
  requireRole(actor, PLAN_WRITERS, 'create compensation plans');
  const plan = checkDocument(input.document);
  return ctx.db.transaction(async (tx) => {
    const name = plan.name!.trim();
    if (await store.findPlanByName(tx, actor.orgId, name)) throw new AppError('conflict', `A plan named "${name}" exists; add a version to it instead`);
    const now = ctx.clock.now();
    const row = await store.insertPlan(tx, { orgId: actor.orgId, id: newId(), name, createdBy: actor.userId, createdAt: now, updatedAt: now });
    await store.insertPlanVersion(tx, { orgId: actor.orgId, planId: row.id, number: 1, effectiveFrom: plan.effectiveFrom!, effectiveTo: plan.effectiveTo ?? null, document: plan, createdBy: actor.userId, createdAt: now });
    const created = await getPlan(ctx, actor, row.id, tx);
    await recordChange(tx, actor, now, { action: 'create', entity: 'comp_plan', entityId: row.id, after: created });
    return created;
  });
}

/**
 * A new effective-dated version. It must start after the latest version starts; the version in
 * force then is closed the day before (kept, never edited otherwise). Currency and period type
 * stay those of the plan.
 */
export async function addPlanVersion(ctx: AppContext, actor: Actor, id: string, version: number, input: { document: Record<string, unknown> }): Promise<CompPlan> {
  return ctx.db.transaction(async (tx) => {
    const row = await store.findPlan(tx, actor.orgId, id, true);
    if (!row) throw notFound('Plan');
    requireRole(actor, PLAN_WRITERS, 'change compensation plans');
    const plan = checkDocument(input.document);
    checkVersion(row.version, version);
    const before = await getPlan(ctx, actor, id, tx);
    const latest = before.versions.at(-1)!;
    const errors: FieldError[] = [];
    if (plan.effectiveFrom! <= latest.effectiveFrom) errors.push({ path: 'document.effectiveFrom', message: `must be after ${latest.effectiveFrom}, when version ${latest.number} starts` });
    if (plan.currency !== before.currency) errors.push({ path: 'document.currency', message: `must stay ${before.currency} (the plan's currency)` });
    if (plan.periodType !== before.periodType) errors.push({ path: 'document.periodType', message: `must stay "${before.periodType}"` });
    if (errors.length > 0) throw unprocessable(errors, 'The new version does not follow the last one');
    const name = plan.name!.trim();
    const other = await store.findPlanByName(tx, actor.orgId, name);
    if (other && other.id !== id) throw new AppError('conflict', `Another plan is named "${name}"`);
    if (latest.effectiveTo === null || latest.effectiveTo >= plan.effectiveFrom!) await store.closePlanVersion(tx, actor.orgId, id, latest.number, dayBefore(plan.effectiveFrom!));
    const now = ctx.clock.now();
    await store.insertPlanVersion(tx, { orgId: actor.orgId, planId: id, number: latest.number + 1, effectiveFrom: plan.effectiveFrom!, effectiveTo: plan.effectiveTo ?? null, document: plan, createdBy: actor.userId, createdAt: now });
    await store.touchPlan(tx, actor.orgId, id, name, now);
    const after = await getPlan(ctx, actor, id, tx);
    await recordChange(tx, actor, now, { action: 'update', entity: 'comp_plan', entityId: id, before, after });
    return after;
  });
}

/** The plan's versions as the engine takes them (effective dates from the columns). */
export async function planDocuments(ex: Executor, orgId: string, planIds: readonly string[]): Promise<Map<string, Plan[]>> {
  const result = new Map<string, Plan[]>();
  for (const row of await store.planVersions(ex, orgId, planIds)) {
    const list = result.get(row.planId) ?? [];
    list.push(versionDocument(row));
    result.set(row.planId, list);
  }
  return result;
}

// --- assignments -----------------------------------------------------------------------------------

const toAssignment = (row: store.AssignmentView): Assignment => ({
  id: row.id,
  userId: row.userId,
  userName: row.userName,
  planId: row.planId,
  planName: row.planName,
  effectiveFrom: row.effectiveFrom,
  effectiveTo: row.effectiveTo,
  baseAnnual: formatMoney(row.baseAnnual, row.currency),
  currency: row.currency,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

/** The assignment, if the caller may see that person's pay (themselves; a manager their tree; org-wide roles all). */
async function visibleAssignment(ex: Executor, actor: Actor, id: string): Promise<store.AssignmentView> {
  const row = await store.findAssignment(ex, actor.orgId, id);
  if (!row || !(await maySeePay(ex, actor, row.userId))) throw notFound('Assignment');
  return row;
}

export async function maySeePay(ex: Executor, actor: Actor, userId: string): Promise<boolean> {
  if (store.payVisibleTo(actor) === null || actor.userId === userId) return true;
  return actor.role === 'manager' && store.isInTree(ex, actor.orgId, actor.userId, userId);
}

export async function listAssignments(ctx: AppContext, actor: Actor, query: AssignmentListQuery): Promise<Page<Assignment>> {
  const limit = query.limit ?? 50;
  const rows = await store.listAssignments(ctx.db, actor, { userId: query.userId, planId: query.planId, on: query.on, after: query.cursor ? decodeCursor(query.cursor, 2) : undefined, limit });
  return toPage(rows, limit, toAssignment, (row) => [row.effectiveFrom, row.id]);
}

export async function getAssignment(ctx: AppContext, actor: Actor, id: string): Promise<Assignment> {
  return toAssignment(await visibleAssignment(ctx.db, actor, id));
}

function money(text: string, currency: string, path: string): bigint {
  try {
    const minor = parseMoney(text, currency);
    if (minor < 0n) throw new RangeError('must not be negative');
    return minor;
  } catch (error) {
    throw new AppError('validation', `${path}: ${(error as Error).message}`, { errors: [{ path, message: (error as Error).message }] });
  }
}

async function checkNoOverlap(ex: Executor, orgId: string, userId: string, from: string, to: string | null, exceptId?: string): Promise<void> {
  if (to !== null && to < from) throw new AppError('validation', 'effectiveTo: must not be before effectiveFrom', { errors: [{ path: 'effectiveTo', message: 'must not be before effectiveFrom' }] });
  const clash = await store.overlappingAssignment(ex, orgId, userId, from, to, exceptId);
  if (clash) throw new AppError('conflict', `This person is already on a plan from ${clash.effectiveFrom}${clash.effectiveTo ? ` to ${clash.effectiveTo}` : ''}; end that assignment first`);
}

export async function createAssignment(ctx: AppContext, actor: Actor, input: AssignmentCreate): Promise<Assignment> {
  requireRole(actor, PLAN_WRITERS, 'assign compensation plans');
  return ctx.db.transaction(async (tx) => {
    const user = await findUser(tx, actor.orgId, input.userId);
    if (!user) throw new AppError('validation', 'userId: is not a user of this organisation', { errors: [{ path: 'userId', message: 'is not a user of this organisation' }] });
    const plan = await store.findPlan(tx, actor.orgId, input.planId);
    if (!plan) throw new AppError('validation', 'planId: is not a plan of this organisation', { errors: [{ path: 'planId', message: 'is not a plan of this organisation' }] });
    const [first] = await store.planVersions(tx, actor.orgId, [plan.id]);
    const currency = first!.document.currency;
    const baseAnnual = money(input.baseAnnual ?? first!.document.base?.annual ?? '0', currency, 'baseAnnual');
    await checkNoOverlap(tx, actor.orgId, input.userId, input.effectiveFrom, input.effectiveTo ?? null);
    const now = ctx.clock.now();
    const row = await store.insertAssignment(tx, {
      orgId: actor.orgId, id: newId(), userId: input.userId, planId: plan.id, effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo ?? null,
      baseAnnual, currency, createdBy: actor.userId, createdAt: now, updatedAt: now,
    });
    await recordChange(tx, actor, now, { action: 'create', entity: 'comp_assignment', entityId: row.id, after: row });
    return toAssignment((await store.findAssignment(tx, actor.orgId, row.id))!);
  });
}

export async function updateAssignment(ctx: AppContext, actor: Actor, id: string, version: number, input: AssignmentUpdate): Promise<Assignment> {
  return ctx.db.transaction(async (tx) => {
    await visibleAssignment(tx, actor, id);
    requireRole(actor, PLAN_WRITERS, 'change plan assignments');
    const before = await store.lockAssignment(tx, actor.orgId, id);
    if (!before) throw notFound('Assignment');
    checkVersion(before.version, version);
    const changes: Partial<store.AssignmentRow> = {};
    if (input.effectiveFrom !== undefined) changes.effectiveFrom = input.effectiveFrom;
    if (input.effectiveTo !== undefined) changes.effectiveTo = input.effectiveTo;
    if (input.baseAnnual !== undefined) changes.baseAnnual = money(input.baseAnnual, before.currency, 'baseAnnual');
    await checkNoOverlap(tx, actor.orgId, before.userId, changes.effectiveFrom ?? before.effectiveFrom, changes.effectiveTo === undefined ? before.effectiveTo : changes.effectiveTo, id);
    const now = ctx.clock.now();
    const after = await store.updateAssignment(tx, actor.orgId, id, changes, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'comp_assignment', entityId: id, before, after });
    return toAssignment((await store.findAssignment(tx, actor.orgId, id))!);
  });
}

// --- for other modules -------------------------------------------------------------------------------

export interface CurrentPay {
  assignmentId: string;
  planId: string;
  planName: string;
  currency: string;
  periodType: Plan['periodType'];
  baseAnnual: string;
  /** Base plus variable pay for a year in which every period's credit is exactly its quota (100 % attainment). */
  expectedAnnualAt100: string;
}

/**
 * A person's plan assignment in force on `on` and their expected total pay over the year from the
 * period holding `on` at 100 % attainment (each period credited exactly its quota, computed by the
 * engine under the plan versions in force), or null when they are on no plan. No permission
 * check: the caller (e.g. the people module's pay bands) decides who may see it.
 */
export async function currentPayOf(ex: Executor, orgId: string, userId: string, on: string): Promise<CurrentPay | null> {
  const system: Actor = { orgId, userId, role: 'admin', via: 'system' };
  const [assignment] = await store.listAssignments(ex, system, { userId, on, limit: 1 });
  if (!assignment) return null;
  const versions = (await planDocuments(ex, orgId, [assignment.planId])).get(assignment.planId)!;
  const plan = versions.find((v) => v.effectiveFrom! <= on && (v.effectiveTo == null || v.effectiveTo >= on)) ?? versions.at(-1)!;
  const baseAnnual = formatMoney(assignment.baseAnnual, assignment.currency);
  const withBase = versions.map((v) => ({ ...v, base: { annual: baseAnnual } }));
  const periods = periodsBetween(on, on, plan.periodType);
  const yearEnd = new Date(Date.parse(`${periods[0]!.from}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10);
  const all = periodsBetween(periods[0]!.from, yearEnd, plan.periodType);
  const credits = all.map((p) => ({ id: `quota ${p.label}`, date: p.to, amount: plan.quota ?? '0' }));
  const result = simulate({ plan: withBase, payees: [{ id: userId }], periods: { from: all[0]!.from, to: all.at(-1)!.to }, credits });
  const total = result.statements.reduce((sum, s) => sum.plus(s.paid), new Big(0));
  return {
    assignmentId: assignment.id,
    planId: assignment.planId,
    planName: assignment.planName,
    currency: assignment.currency,
    periodType: plan.periodType,
    baseAnnual,
    expectedAnnualAt100: total.toFixed(currencyDigits(assignment.currency)),
  };
}
