import Big from 'big.js';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { convertMoney, currencyDigits, formatMoney, parseMoney, roundMoney, toDecimal } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { recordChange } from '../audit/service.ts';
import { loadRateBook } from '../fx/service.ts';
import { getOpportunity, opportunitiesForPeriod } from '../opportunities/service.ts';
import { getTransaction } from '../transactions/service.ts';
import { findUser, getOrganisationCurrency } from '../users/service.ts';
import type { Role } from '../users/tables.ts';
import { simulate, SimulationError, type SimulationInput, type SimulationResult } from './engine.ts';
import { periodsBetween } from './engine.ts';
import {
  creditShares,
  DEFAULT_RULES,
  rulesProblems,
  splitKey,
  splitProblems,
  type CreditingContext,
  type CreditingRules,
  type CreditShare,
  type SourceType,
  type StoredSplit,
} from './crediting.ts';
import { parsePeriod, periodOf, shiftPeriod, type LabelledPeriod } from './periods.ts';
import { validatePlan, type Plan } from './plan.ts';
import { allocate, allocationErrors, rampAmounts, rampErrors } from './quotas.ts';
import type {
  Assignment,
  AssignmentCreate,
  AssignmentListQuery,
  AssignmentUpdate,
  Attainment,
  CompPlan,
  CreditList,
  CreditListQuery,
  PlanListQuery,
  Quota,
  QuotaAllocate,
  QuotaChange,
  QuotaPut,
  QuotaRamp,
} from './schemas.ts';
import * as store from './store.ts';
import type { QuotaSource } from './tables.ts';

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

const todayOf = (ctx: AppContext): string => toIsoDate(ctx.clock.now());

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
  const rows = await store.listAssignments(ctx.db, actor, { userId: query.payee, planId: query.plan, on: query.on, after: query.cursor ? decodeCursor(query.cursor, 2) : undefined, limit });
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
  return (await currentPaysOf(ex, orgId, [userId], on)).get(userId) ?? null;
}

/** currentPayOf for many people in two queries (a team's pay overview), keyed by user; people on no plan are absent. */
export async function currentPaysOf(ex: Executor, orgId: string, userIds: readonly string[], on: string): Promise<Map<string, CurrentPay>> {
  const result = new Map<string, CurrentPay>();
  if (userIds.length === 0) return result;
  const system: Actor = { orgId, userId: userIds[0]!, role: 'admin', via: 'system' };
  const assignments = await store.listAssignments(ex, system, { userIds, on, limit: 100_000 });
  const plans = await planDocuments(ex, orgId, [...new Set(assignments.map((a) => a.planId))]);
  // newest first: the assignment starting last wins, as for one person
  for (const assignment of assignments) if (!result.has(assignment.userId)) result.set(assignment.userId, payAt100(assignment, plans.get(assignment.planId)!, on));
  return result;
}

function payAt100(assignment: store.AssignmentView, versions: Plan[], on: string): CurrentPay {
  const plan = versions.find((v) => v.effectiveFrom! <= on && (v.effectiveTo == null || v.effectiveTo >= on)) ?? versions.at(-1)!;
  const baseAnnual = formatMoney(assignment.baseAnnual, assignment.currency);
  const withBase = versions.map((v) => ({ ...v, base: { annual: baseAnnual } }));
  const periods = periodsBetween(on, on, plan.periodType);
  const yearEnd = new Date(Date.parse(`${periods[0]!.from}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10);
  const all = periodsBetween(periods[0]!.from, yearEnd, plan.periodType);
  const credits = all.map((p) => ({ id: `quota ${p.label}`, date: p.to, amount: plan.quota ?? '0' }));
  const result = simulate({ plan: withBase, payees: [{ id: assignment.userId }], periods: { from: all[0]!.from, to: all.at(-1)!.to }, credits });
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

// --- crediting -----------------------------------------------------------------------------------------

export interface CreditItem {
  sourceType: SourceType;
  sourceId: string;
  accountId: string;
  accountName: string;
  /** What the line or deal is called on a statement ("D-… Acme renewal", "Revenue 2027-02-10 · Acme"). */
  label: string;
  date: string;
  /** Organisation currency, minor units. */
  amount: bigint;
  grossProfit: bigint | null;
  shares: CreditShare[];
}

const rulesOf = (row: Awaited<ReturnType<typeof store.getRules>>): CreditingRules & { version: number } =>
  row ? { ...DEFAULT_RULES, ...row.rules, version: row.version } : { ...DEFAULT_RULES, version: 1 };

export const creditingRules = async (ex: Executor, orgId: string) => rulesOf(await store.getRules(ex, orgId));

export const getCreditingRules = (ctx: AppContext, actor: Actor) => creditingRules(ctx.db, actor.orgId);

export async function putCreditingRules(ctx: AppContext, actor: Actor, version: number, input: CreditingRules): Promise<CreditingRules & { version: number }> {
  requireRole(actor, PLAN_WRITERS, 'change crediting rules');
  const problems = rulesProblems(input);
  if (problems.length > 0) throw new AppError('validation', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: problems });
  return ctx.db.transaction(async (tx) => {
    const before = rulesOf(await store.getRules(tx, actor.orgId, true));
    checkVersion(before.version, version);
    const now = ctx.clock.now();
    const rules: CreditingRules = { managerOverlay: input.managerOverlay, sourcingOverlay: input.sourcingOverlay };
    const saved = await store.saveRules(tx, { orgId: actor.orgId, rules, updatedAt: now, version: before.version + 1 });
    const after = { ...saved.rules, version: saved.version };
    await recordChange(tx, actor, now, { action: 'update', entity: 'comp_crediting_rules', entityId: actor.orgId, before, after });
    return after;
  });
}

/** Who may split a deal's credit: admin, director, and a manager who sees the account. */
const SPLIT_WRITERS: readonly Role[] = ['admin', 'director', 'manager'];

/** Replaces the default credit of a revenue line or opportunity by a manual split (revenue shares total exactly 100 %). */
export async function putSplit(ctx: AppContext, actor: Actor, sourceType: SourceType, sourceId: string, version: number | null, input: { splits: StoredSplit[]; note?: string }) {
  if (sourceType === 'transaction') await getTransaction(ctx, actor, sourceId);
  else await getOpportunity(ctx, actor, sourceId);
  requireRole(actor, SPLIT_WRITERS, 'split credit');
  const problems = splitProblems(input.splits);
  if (problems.length > 0) throw new AppError('unprocessable', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: problems });
  return ctx.db.transaction(async (tx) => {
    for (const [i, split] of input.splits.entries()) {
      if (!(await findUser(tx, actor.orgId, split.userId))) throw new AppError('validation', `splits[${i}].userId: is not a user of this organisation`, { errors: [{ path: `splits[${i}].userId`, message: 'is not a user of this organisation' }] });
    }
    const before = await store.findSplit(tx, actor.orgId, sourceType, sourceId, true);
    if (before && version === null) throw new AppError('precondition_required');
    checkVersion(before?.version ?? 0, version ?? 0);
    const now = ctx.clock.now();
    const after = await store.saveSplit(tx, { orgId: actor.orgId, sourceType, sourceId, splits: input.splits, note: input.note ?? null, updatedBy: actor.userId, updatedAt: now, version: (before?.version ?? 0) + 1 });
    await recordChange(tx, actor, now, { action: before ? 'update' : 'create', entity: 'comp_credit_split', entityId: `${sourceType}/${sourceId}`, before, after });
    return { sourceType, sourceId, splits: after.splits, note: after.note, version: after.version };
  });
}

/**
 * Every credit of the organisation dated in [from, to]: revenue lines (booked on) and won
 * opportunities (closed on, converted to the organisation's currency at the rate of that day),
 * each with its payees' shares under the manual splits and the organisation's rules.
 */
export async function creditsBetween(ex: Executor, orgId: string, from: string, to: string): Promise<CreditItem[]> {
  const orgCurrency = await getOrganisationCurrency(ex, orgId);
  const [rules, splitRows, people, handoverRows, lines, won] = await Promise.all([
    creditingRules(ex, orgId),
    store.allSplits(ex, orgId),
    store.orgUsers(ex, orgId),
    store.acceptedHandovers(ex, orgId),
    store.revenueLines(ex, orgId, from, to),
    opportunitiesForPeriod(ex, orgId, { from, to, outcomes: ['won'] }),
  ]);
  const handovers = new Map<string, { accountId: string; fromUserId: string; acceptedOn: string }[]>();
  for (const h of handoverRows) handovers.set(h.accountId, [...(handovers.get(h.accountId) ?? []), h]);
  const context: CreditingContext = {
    rules,
    splits: new Map(splitRows.map((s) => [splitKey(s.sourceType, s.sourceId), s.splits])),
    managerOf: new Map(people.map((p) => [p.id, p.managerId])),
    handovers,
  };
  const items: CreditItem[] = lines.map((line) => ({
    sourceType: 'transaction',
    sourceId: line.id,
    accountId: line.accountId,
    accountName: line.accountName,
    label: `Revenue ${line.bookedOn} · ${line.accountName}`,
    date: line.bookedOn,
    amount: BigInt(line.amount),
    grossProfit: BigInt(line.amount) - BigInt(line.cost),
    shares: creditShares({ sourceType: 'transaction', sourceId: line.id, accountId: line.accountId, ownerId: line.ownerId, date: line.bookedOn }, context),
  }));
  const accounts = await store.accountNamesAndOwners(ex, orgId, won.map((o) => o.accountId));
  const book = await loadRateBook(ex, orgId, won.map((o) => o.currency), orgCurrency);
  for (const deal of won) {
    const date = deal.closedAt ? toIsoDate(deal.closedAt) : deal.closeDate;
    const rate = book.rateOn(deal.currency, date);
    if (rate === undefined) throw new AppError('unprocessable', `No ${deal.currency} rate effective on or before ${date} for won opportunity "${deal.name}"`);
    const account = accounts.get(deal.accountId);
    items.push({
      sourceType: 'opportunity',
      sourceId: deal.id,
      accountId: deal.accountId,
      accountName: account?.name ?? '',
      label: `${deal.name} · ${account?.name ?? ''}`,
      date,
      amount: convertMoney(deal.amount, deal.currency, orgCurrency, rate),
      grossProfit: null,
      shares: creditShares({ sourceType: 'opportunity', sourceId: deal.id, accountId: deal.accountId, ownerId: account?.ownerId ?? null, date }, context),
    });
  }
  return items;
}

const REASONS: Record<CreditShare['reason'], string> = {
  owner: "owner of the account",
  split: 'manual split',
  manager: "manager's overlay (crediting rule)",
  sourcing: 'sourcing BD after the handover (crediting rule)',
};

/** A payee's credits in a period, each with its source, share and why; 404 when the caller may not see that person's pay. */
export async function listCredits(ctx: AppContext, actor: Actor, query: CreditListQuery): Promise<CreditList> {
  const payeeId = query.payee ?? actor.userId;
  if (!(await maySeePay(ctx.db, actor, payeeId)) || !(await findUser(ctx.db, actor.orgId, payeeId))) throw notFound('Person');
  const period = requirePeriod(query.period);
  const currency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const credits: CreditList['credits'] = [];
  let revenueTotal = new Big(0);
  let bookingsTotal = new Big(0);
  for (const item of await creditsBetween(ctx.db, actor.orgId, period.from, period.to)) {
    for (const share of item.shares.filter((s) => s.payeeId === payeeId)) {
      const amount = toDecimal(item.amount, currency);
      const credited = amount.times(share.share);
      if (item.sourceType === 'transaction') revenueTotal = revenueTotal.plus(credited);
      else bookingsTotal = bookingsTotal.plus(credited);
      credits.push({
        source: item.sourceType === 'transaction' ? 'revenue' : 'booking',
        sourceId: item.sourceId,
        accountId: item.accountId,
        accountName: item.accountName,
        label: item.label,
        date: item.date,
        amount: formatMoney(item.amount, currency),
        type: share.type,
        share: share.share,
        reason: share.reason,
        credited: formatMoney(roundMoney(credited, currency), currency),
        explanation: `${item.label} · ${formatMoney(item.amount, currency)} × ${new Big(share.share).times(100).toFixed()} % ${share.type} (${REASONS[share.reason]})`,
      });
    }
  }
  return {
    payee: payeeId,
    period: { label: period.label, from: period.from, to: period.to },
    currency,
    revenue: formatMoney(roundMoney(revenueTotal, currency), currency),
    bookings: formatMoney(roundMoney(bookingsTotal, currency), currency),
    credits,
  };
}

function requirePeriod(label: string): LabelledPeriod {
  const period = parsePeriod(label);
  if (!period) throw new AppError('validation', 'period: must be a month (2027-03), a quarter (2027-Q1) or a year (2027)', { errors: [{ path: 'period', message: 'must be a month (2027-03), a quarter (2027-Q1) or a year (2027)' }] });
  return period;
}

// --- quotas ----------------------------------------------------------------------------------------------

const QUOTA_SETTERS: readonly Role[] = ['admin', 'director', 'manager'];

/** Who sets someone's quota: admin and director anyone's; a manager the people below them (not their own). */
async function requireQuotaSetter(ex: Executor, actor: Actor, userId: string): Promise<void> {
  if (!(await maySeePay(ex, actor, userId)) || !(await findUser(ex, actor.orgId, userId))) throw notFound('Person');
  if (actor.role === 'admin' || actor.role === 'director') return;
  if (actor.role === 'manager' && userId !== actor.userId) return;
  throw new AppError('forbidden', `The ${actor.role} role cannot set ${userId === actor.userId ? 'its own quota' : 'quotas'}`);
}

const toQuota = (row: store.QuotaRow, label: string): Quota => ({
  userId: row.userId,
  period: label,
  amount: formatMoney(row.amount, row.currency),
  currency: row.currency,
  source: row.source,
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

interface QuotaWrite {
  userId: string;
  period: LabelledPeriod;
  amount: bigint;
  /** The organisation's currency (read once by the caller, however many quotas it writes). */
  currency: string;
  source: QuotaSource;
  note: string | null;
  /** The If-Match; null when the caller replaces without one (allocation, ramp). */
  version: number | null;
}

async function writeQuota(tx: Executor, actor: Actor, now: Date, { userId, period, amount, currency, source, note, version }: QuotaWrite): Promise<Quota> {
  const before = await store.findQuota(tx, actor.orgId, userId, period.type, period.from, true);
  if (before && version !== null) checkVersion(before.version, version);
  if (before && before.amount === amount) return toQuota(before, period.label);
  const after = await store.saveQuota(tx, { orgId: actor.orgId, userId, periodType: period.type, periodStart: period.from, amount, currency, source, setBy: actor.userId, updatedAt: now });
  await store.insertQuotaChange(tx, { orgId: actor.orgId, id: newId(), userId, periodType: period.type, periodStart: period.from, before: before?.amount ?? null, after: amount, source, note, changedBy: actor.userId, changedAt: now });
  await recordChange(tx, actor, now, { action: before ? 'update' : 'create', entity: 'comp_quota', entityId: `${userId}/${period.label}`, before, after });
  return toQuota(after, period.label);
}

/** Sets one quota. If-Match (the quota's version) is needed to replace an existing one. */
export async function putQuota(ctx: AppContext, actor: Actor, userId: string, label: string, version: number | null, input: QuotaPut): Promise<Quota> {
  const period = requirePeriod(label);
  return ctx.db.transaction(async (tx) => {
    await requireQuotaSetter(tx, actor, userId);
    const existing = await store.findQuota(tx, actor.orgId, userId, period.type, period.from);
    if (existing && version === null) throw new AppError('precondition_required');
    const currency = await getOrganisationCurrency(tx, actor.orgId);
    const amount = money(input.amount, currency, 'amount');
    return writeQuota(tx, actor, ctx.clock.now(), { userId, period, amount, currency, source: 'manual', note: input.note ?? null, version });
  });
}

/** Splits a number across people by weights (parts sum exactly); with `apply`, sets each as their quota. */
export async function allocateQuotas(ctx: AppContext, actor: Actor, input: QuotaAllocate): Promise<{ period: string; currency: string; parts: { userId: string; amount: string }[] }> {
  requireRole(actor, QUOTA_SETTERS, 'allocate quotas');
  const period = requirePeriod(input.period);
  const currency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const total = money(input.amount, currency, 'amount');
  const weighted = input.weights.map((w) => ({ id: w.userId, weight: w.weight }));
  const problems = allocationErrors(total, weighted);
  if (problems.length > 0) throw new AppError('validation', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: problems });
  const parts = allocate(total, weighted);
  if (input.apply) {
    await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      for (const part of parts) {
        await requireQuotaSetter(tx, actor, part.id);
        await writeQuota(tx, actor, now, { userId: part.id, period, amount: part.amount, currency, source: 'allocation', note: input.note ?? `Allocated from ${formatMoney(total, currency)}`, version: null });
      }
    });
  }
  return { period: period.label, currency, parts: parts.map((p) => ({ userId: p.id, amount: formatMoney(p.amount, currency) })) };
}

/** A new starter's ramp: the full quota × each share of the schedule, over consecutive periods from `firstPeriod`. */
export async function rampQuotas(ctx: AppContext, actor: Actor, input: QuotaRamp): Promise<Quota[]> {
  requireRole(actor, QUOTA_SETTERS, 'set ramp quotas');
  const first = requirePeriod(input.firstPeriod);
  const problems = rampErrors(input.schedule);
  if (problems.length > 0) throw new AppError('validation', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: problems });
  return ctx.db.transaction(async (tx) => {
    await requireQuotaSetter(tx, actor, input.userId);
    const currency = await getOrganisationCurrency(tx, actor.orgId);
    const full = money(input.fullAmount, currency, 'fullAmount');
    const now = ctx.clock.now();
    const amounts = rampAmounts(full, input.schedule);
    const saved: Quota[] = [];
    for (const [i, amount] of amounts.entries()) {
      const note = `Ramp ${new Big(input.schedule[i]!).times(100).toFixed()} % of ${formatMoney(full, currency)} (period ${i + 1} of ${amounts.length})`;
      saved.push(await writeQuota(tx, actor, now, { userId: input.userId, period: shiftPeriod(first, i), amount, currency, source: 'ramp', note, version: null }));
    }
    return saved;
  });
}

export async function quotaHistory(ctx: AppContext, actor: Actor, userId: string, query: { limit?: number; cursor?: string }): Promise<Page<QuotaChange>> {
  if (!(await maySeePay(ctx.db, actor, userId)) || !(await findUser(ctx.db, actor.orgId, userId))) throw notFound('Person');
  const limit = query.limit ?? 50;
  const currency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const rows = await store.quotaChanges(ctx.db, actor.orgId, userId, { after: query.cursor ? decodeCursor(query.cursor, 2) : undefined, limit });
  return toPage(rows, limit, (row) => ({
    id: row.id,
    period: periodOf(row.periodStart, row.periodType).label,
    before: row.before === null ? null : formatMoney(row.before, currency),
    after: formatMoney(row.after, currency),
    source: row.source,
    note: row.note,
    changedBy: row.changedBy,
    changedByName: row.changedByName,
    changedAt: row.changedAt.toISOString(),
  }), (row) => [row.changedAt.toISOString(), row.id]);
}

/**
 * Quota, credit and attainment for a period of everyone the caller may see, with the team roll-up
 * (everyone below a person, transitively). Credit counts the measure of the person's plan in force
 * at the period's end (bookings: won deals; revenue or grossProfit: revenue lines); revenue without a plan.
 */
export async function attainment(ctx: AppContext, actor: Actor, query: { period: string }): Promise<Attainment> {
  const period = requirePeriod(query.period);
  const ex = ctx.db;
  const currency = await getOrganisationCurrency(ex, actor.orgId);
  const [people, quotas, items, assignments] = await Promise.all([
    store.orgUsers(ex, actor.orgId),
    store.quotasOfPeriod(ex, actor.orgId, period.type, period.from),
    creditsBetween(ex, actor.orgId, period.from, period.to),
    store.listAssignments(ex, { ...actor, role: 'admin', via: 'system' }, { on: period.to, limit: 100_000 }),
  ]);
  const plans = await planDocuments(ex, actor.orgId, [...new Set(assignments.map((a) => a.planId))]);
  const measureOf = new Map(assignments.map((a) => [a.userId, (plans.get(a.planId)?.at(-1)?.measure ?? 'revenue') as Plan['measure']]));
  const credit = new Map<string, Big>();
  for (const item of items) {
    for (const share of item.shares) {
      const measure = measureOf.get(share.payeeId) ?? 'revenue';
      const counts = measure === 'bookings' ? item.sourceType === 'opportunity' : item.sourceType === 'transaction';
      if (!counts) continue;
      const base = measure === 'grossProfit' ? (item.grossProfit ?? 0n) : item.amount;
      credit.set(share.payeeId, (credit.get(share.payeeId) ?? new Big(0)).plus(toDecimal(base, currency).times(share.share)));
    }
  }
  const quota = new Map(quotas.map((q) => [q.userId, q.amount]));
  const reports = new Map<string, string[]>();
  for (const p of people) if (p.managerId) reports.set(p.managerId, [...(reports.get(p.managerId) ?? []), p.id]);
  const team = (id: string, depth = 0): string[] => (depth > 50 ? [] : (reports.get(id) ?? []).flatMap((r) => [r, ...team(r, depth + 1)]));
  const visible = store.payVisibleTo(actor) === null ? null : new Set([actor.userId, ...(actor.role === 'manager' ? team(actor.userId) : [])]);
  const ratio = (c: Big, q: bigint | undefined) => (q && q > 0n ? c.div(toDecimal(q, currency)).toFixed(4) : null);
  const rows = people
    .filter((p) => p.active && p.role !== 'viewer' && (!visible || visible.has(p.id)))
    .map((p) => {
      const own = credit.get(p.id) ?? new Big(0);
      const below = team(p.id);
      const teamCredit = below.reduce((sum, id) => sum.plus(credit.get(id) ?? 0), new Big(0));
      const teamQuota = below.reduce((sum, id) => sum + (quota.get(id) ?? 0n), 0n);
      return {
        userId: p.id,
        name: p.name,
        role: p.role,
        managerId: p.managerId,
        measure: measureOf.get(p.id) ?? 'revenue',
        quota: quota.has(p.id) ? formatMoney(quota.get(p.id)!, currency) : null,
        credit: formatMoney(roundMoney(own, currency), currency),
        attainment: ratio(own, quota.get(p.id)),
        teamSize: below.length,
        teamQuota: formatMoney(teamQuota, currency),
        teamCredit: formatMoney(roundMoney(teamCredit, currency), currency),
        teamAttainment: ratio(teamCredit, teamQuota),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { period: { label: period.label, from: period.from, to: period.to }, currency, people: rows };
}
