import { ORG_WIDE_ROLES, type Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { convertMoney, formatMoney, parseMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { recordChange } from '../audit/service.ts';
import { parsePeriod, periodOf, shiftPeriod, type LabelledPeriod } from '../compensation/periods.ts';
import { loadRateBook } from '../fx/service.ts';
import { missingRateMessage } from '../fx/rates.ts';
import { opportunitiesForPeriod } from '../opportunities/service.ts';
import { revenueByOwnerMonth } from '../transactions/service.ts';
import { getOrganisationCurrency, reportingLines } from '../users/service.ts';
import {
  accuracy,
  addTotals,
  annualRange,
  expectedOf,
  isoWeek,
  rollUp,
  teamOf,
  totalsByOwner,
  TREND_MONTHS,
  zeroTotals,
  type CategoryTotals,
  type ForecastDeal,
} from './forecast.ts';
import type { AnnualForecast, AnnualQuery, CallCreate, CallListQuery, Forecast, ForecastCall, ForecastNumbers, ForecastQuery, ForecastSettings, ForecastSettingsPut, SnapshotHistory } from './schemas.ts';
import * as store from './store.ts';
import type { ActualsMeasure, PeriodType } from './tables.ts';

export { accuracy, annualRange, type CategoryTotals } from './forecast.ts';

const CALLERS = ['admin', 'director', 'manager'] as const;
const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';
const keyOf = (period: LabelledPeriod): store.PeriodKey => ({ periodType: period.type as PeriodType, periodStart: period.from });

// --- periods and scope ----------------------------------------------------------------------------

/** The period a label names; the quarter holding `today` when none is given. A bad label → 400. */
export function resolvePeriod(label: string | undefined, today: string): LabelledPeriod {
  if (label === undefined) return periodOf(today, 'quarter');
  const period = parsePeriod(label);
  if (!period) throw invalid('period', 'must be a month "2026-11", a quarter "2026-Q4" or a year "2026"');
  return period;
}

type PersonRow = Awaited<ReturnType<typeof reportingLines>>[number];

interface Scope {
  people: PersonRow[];
  /** The person whose team is asked for; null: the whole organisation. */
  rootId: string | null;
  members: Set<string>;
}

/**
 * Whose numbers the caller may read: a director, admin or viewer anyone's (default: the whole
 * organisation); a manager their own and anyone's below them (default: their team); a kam or bd
 * only their own. Someone else's → 403; not a user of the organisation → 404.
 */
export async function forecastScope(ex: Executor, actor: Actor, userId: string | undefined): Promise<Scope> {
  const people = await reportingLines(ex, actor.orgId);
  if (userId !== undefined && !people.some((p) => p.id === userId)) throw notFound('User');
  const orgWide = ORG_WIDE_ROLES.includes(actor.role) || actor.via === 'system';
  if (orgWide && userId === undefined) return { people, rootId: null, members: new Set(people.map((p) => p.id)) };
  const rootId = userId ?? actor.userId;
  if (!orgWide) {
    const allowed = actor.role === 'manager' ? teamOf(actor.userId, people) : [actor.userId];
    if (!allowed.includes(rootId)) throw new AppError('forbidden', actor.role === 'manager' ? 'Only your own and your team’s forecast' : 'Only your own forecast');
  }
  return { people, rootId, members: new Set(teamOf(rootId, people)) };
}

// --- numbers (for other modules too) --------------------------------------------------------------

/**
 * Converts deals to the organisation's currency: open deals at the rate in force on `today`, won
 * deals at the rate of their close date. A currency without a rate → 422 naming it.
 */
async function dealsInOrgCurrency(ex: Executor, orgId: string, from: string, to: string, today: string, outcomes: ('open' | 'won')[]): Promise<{ currency: string; deals: (ForecastDeal & { closeDate: string })[] }> {
  const currency = await getOrganisationCurrency(ex, orgId);
  const rows = await opportunitiesForPeriod(ex, orgId, { from, to, outcomes });
  const book = await loadRateBook(ex, orgId, rows.map((r) => r.currency), currency);
  const deals = rows.map((row) => {
    const on = row.outcome === 'won' ? row.closeDate : today;
    const rate = book.rateOn(row.currency, on);
    if (rate === undefined) throw new AppError('unprocessable', missingRateMessage(row.currency, currency, on));
    return { ownerId: row.ownerId, amount: convertMoney(row.amount, row.currency, currency, rate), probability: row.probability, forecastCategory: row.forecastCategory, outcome: row.outcome, closeDate: row.closeDate };
  });
  return { currency, deals };
}

/**
 * Every person's own numbers for a period (won, commit, best case, pipeline, weighted) in the
 * organisation's currency, by user id. No visibility filter: callers decide who sees what.
 */
export async function ownForecastTotals(ex: Executor, orgId: string, period: { from: string; to: string }, today: string): Promise<{ currency: string; totals: Map<string, CategoryTotals> }> {
  const { currency, deals } = await dealsInOrgCurrency(ex, orgId, period.from, period.to, today, ['open', 'won']);
  return { currency, totals: totalsByOwner(deals) };
}

/** Actual results per person for a period: won bookings, plus transaction revenue when `measure` says so. */
export async function periodActuals(ex: Executor, orgId: string, period: { from: string; to: string }, measure: ActualsMeasure): Promise<Map<string, bigint>> {
  const { deals } = await dealsInOrgCurrency(ex, orgId, period.from, period.to, period.to, ['won']);
  const actuals = new Map<string, bigint>();
  const add = (id: string | null, amount: bigint) => id && actuals.set(id, (actuals.get(id) ?? 0n) + amount);
  for (const deal of deals) add(deal.ownerId, deal.amount);
  if (measure === 'bookingsAndRevenue') for (const row of await revenueByOwnerMonth(ex, orgId, period.from, period.to)) add(row.ownerId, row.revenue);
  return actuals;
}

const numbersOf = (t: CategoryTotals, currency: string): ForecastNumbers => ({
  closed: formatMoney(t.closed, currency),
  commit: formatMoney(t.commit, currency),
  bestCase: formatMoney(t.bestCase, currency),
  pipeline: formatMoney(t.pipeline, currency),
  weighted: formatMoney(t.weighted, currency),
  expected: formatMoney(expectedOf(t), currency),
});

const toCall = (row: store.CallView): ForecastCall => ({
  id: row.id,
  userId: row.userId,
  scope: row.scope,
  period: periodOf(row.periodStart, row.periodType).label,
  amount: formatMoney(row.amount, row.currency),
  currency: row.currency,
  note: row.note,
  calledBy: row.calledBy,
  calledByName: row.calledByName,
  calledAt: row.calledAt.toISOString(),
});

const periodView = (period: LabelledPeriod, today: string) => ({ label: period.label, type: period.type, from: period.from, to: period.to, closed: period.to < today });

/** People in scope, depth-first under each top (by name), with their depth: the roll-up's rows. */
function treeOrder(scope: Scope, show: (p: PersonRow) => boolean): { person: PersonRow; depth: number; reports: number }[] {
  const byManager = new Map<string | null, PersonRow[]>();
  const ids = new Set(scope.people.map((p) => p.id));
  for (const p of scope.people) {
    const parent = p.managerId && ids.has(p.managerId) ? p.managerId : null;
    byManager.set(parent, [...(byManager.get(parent) ?? []), p]);
  }
  const out: { person: PersonRow; depth: number; reports: number }[] = [];
  const seen = new Set<string>();
  const visit = (p: PersonRow, depth: number) => {
    if (seen.has(p.id)) return;
    seen.add(p.id);
    if (show(p)) out.push({ person: p, depth, reports: (byManager.get(p.id) ?? []).length });
    for (const child of byManager.get(p.id) ?? []) visit(child, depth + 1);
  };
  const tops = scope.rootId ? scope.people.filter((p) => p.id === scope.rootId) : (byManager.get(null) ?? []);
  for (const top of tops) visit(top, 0);
  return out;
}

/** The roll-up the API answers: the scope's total, and every person in it with own and team numbers and calls. */
export async function getForecast(ctx: AppContext, actor: Actor, query: ForecastQuery): Promise<Forecast> {
  const today = toIsoDate(ctx.clock.now());
  const period = resolvePeriod(query.period, today);
  const scope = await forecastScope(ctx.db, actor, query.userId);
  const { currency, totals } = await ownForecastTotals(ctx.db, actor.orgId, period, today);
  const team = rollUp(scope.people, totals);
  const calls = await store.latestCalls(ctx.db, actor.orgId, keyOf(period), ctx.clock.now());
  const callRows = new Map(calls.map((c) => [`${c.userId}/${c.scope}`, c]));
  const callOf = (userId: string, scope: 'own' | 'team') => {
    const row = callRows.get(`${userId}/${scope}`);
    return row ? toCall(row) : null;
  };
  const hasNumbers = (id: string) => totals.has(id) || callRows.has(`${id}/own`) || callRows.has(`${id}/team`);
  const rows = treeOrder(scope, (p) => p.active || hasNumbers(p.id));
  const total = scope.rootId ? (team.get(scope.rootId) ?? zeroTotals()) : [...totals.entries()].filter(([id]) => scope.members.has(id)).reduce((sum, [, t]) => addTotals(sum, t), zeroTotals());
  return {
    period: periodView(period, today),
    currency,
    asOf: today,
    userId: scope.rootId,
    total: numbersOf(total, currency),
    call: scope.rootId ? callOf(scope.rootId, 'team') : null,
    people: rows.map(({ person, depth, reports }) => ({
      userId: person.id,
      name: person.name,
      role: person.role,
      managerId: person.managerId,
      depth,
      reports,
      own: numbersOf(totals.get(person.id) ?? zeroTotals(), currency),
      team: numbersOf(team.get(person.id) ?? zeroTotals(), currency),
      ownCall: callOf(person.id, 'own'),
      teamCall: callOf(person.id, 'team'),
    })),
  };
}

// --- calls ----------------------------------------------------------------------------------------

/**
 * A manager (for themselves or anyone below them), a director or an admin records a call: their
 * adjusted number for a person's own or team period, with a note. Calls are never changed; the
 * latest one is in force, the earlier ones are its history.
 */
export async function createCall(ctx: AppContext, actor: Actor, input: CallCreate): Promise<ForecastCall> {
  requireRole(actor, CALLERS, 'make a forecast call');
  const today = toIsoDate(ctx.clock.now());
  const period = resolvePeriod(input.period, today);
  const { people } = await forecastScope(ctx.db, actor, input.userId);
  const currency = await getOrganisationCurrency(ctx.db, actor.orgId);
  let amount: bigint;
  try {
    amount = parseMoney(input.amount, currency);
  } catch {
    throw invalid('amount', `is not an amount in ${currency}`);
  }
  if (amount < 0n) throw invalid('amount', 'must not be negative');
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row = await store.insertCall(tx, { orgId: actor.orgId, id: newId(), userId: input.userId, scope: input.scope, ...keyOf(period), amount, currency, note: input.note, calledBy: actor.userId, calledAt: now });
    const call = toCall({ ...row, calledByName: people.find((p) => p.id === actor.userId)?.name ?? '' });
    await recordChange(tx, actor, now, { action: 'create', entity: 'forecast_call', entityId: row.id, after: call });
    return call;
  });
}

/** The calls on a person's period (default: mine, this quarter), newest first. */
export async function listCalls(ctx: AppContext, actor: Actor, query: CallListQuery): Promise<{ items: ForecastCall[] }> {
  const period = resolvePeriod(query.period, toIsoDate(ctx.clock.now()));
  const scope = await forecastScope(ctx.db, actor, query.userId ?? actor.userId);
  return { items: (await store.callHistory(ctx.db, actor.orgId, scope.rootId!, keyOf(period))).map(toCall) };
}

// --- snapshots ------------------------------------------------------------------------------------

const SNAPSHOT_TAKERS = ['admin', 'director', 'manager'] as const;

/**
 * Snapshots the month, quarter and year holding `now` for the whole organisation: every person's
 * own numbers and own call in force. One per period and ISO week: a second run in the same week
 * leaves the first as it is (idempotent; two processes racing insert one).
 */
export async function snapshotOrganisation(ex: Executor, actor: Actor, now: Date): Promise<{ week: string; taken: string[]; existing: string[] }> {
  const today = toIsoDate(now);
  const week = isoWeek(today);
  const result = { week, taken: [] as string[], existing: [] as string[] };
  const people = await reportingLines(ex, actor.orgId);
  for (const type of ['month', 'quarter', 'year'] as const) {
    const period = periodOf(today, type);
    if (await store.findSnapshot(ex, actor.orgId, keyOf(period), week)) {
      result.existing.push(period.label);
      continue;
    }
    const { currency, totals } = await ownForecastTotals(ex, actor.orgId, period, today);
    const ownCalls = new Map((await store.latestCalls(ex, actor.orgId, keyOf(period), now)).filter((c) => c.scope === 'own').map((c) => [c.userId, c.amount]));
    const lines = people
      .filter((p) => p.active || totals.has(p.id))
      .map((p) => {
        const t = totals.get(p.id) ?? zeroTotals();
        const call = ownCalls.get(p.id) ?? null;
        return { userId: p.id, closed: t.closed, commit: t.commit, bestCase: t.bestCase, pipeline: t.pipeline, weighted: t.weighted, call, forecast: call ?? expectedOf(t) };
      });
    const id = newId();
    const takenBy = actor.via === 'system' ? null : actor.userId;
    const created = await store.insertSnapshot(ex, { orgId: actor.orgId, id, week, ...keyOf(period), currency, takenAt: now, takenBy }, lines);
    if (!created) {
      result.existing.push(period.label);
      continue;
    }
    await recordChange(ex, actor, now, { action: 'create', entity: 'forecast_snapshot', entityId: id, after: { week, period: period.label, people: lines.length } });
    result.taken.push(period.label);
  }
  return result;
}

/** On demand (admin, director, manager): this week's snapshot of the caller's organisation. */
export async function takeSnapshot(ctx: AppContext, actor: Actor) {
  requireRole(actor, SNAPSHOT_TAKERS, 'take a forecast snapshot');
  return ctx.db.transaction((tx) => snapshotOrganisation(tx, actor, ctx.clock.now()));
}

/** The weekly job (`patron forecast snapshot`): every organisation, as the system. */
export async function snapshotAllOrganisations(ctx: AppContext): Promise<{ orgId: string; week: string; taken: string[] }[]> {
  const done = [];
  for (const orgId of await store.organisationIds(ctx.db)) {
    const system: Actor = { orgId, userId: SYSTEM_USER, role: 'admin', via: 'system' };
    const result = await ctx.db.transaction((tx) => snapshotOrganisation(tx, system, ctx.clock.now()));
    done.push({ orgId, week: result.week, taken: result.taken });
  }
  return done;
}

/**
 * A period's weekly snapshots for a scope: the numbers each week and, once the period has closed,
 * the actual A and the accuracy of that week's forecast (bias, WAPE over the people in scope).
 */
export async function snapshotHistory(ctx: AppContext, actor: Actor, query: ForecastQuery): Promise<SnapshotHistory> {
  const today = toIsoDate(ctx.clock.now());
  const period = resolvePeriod(query.period, today);
  const scope = await forecastScope(ctx.db, actor, query.userId);
  const currency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const { actuals: measure } = await forecastSettings(ctx.db, actor.orgId);
  const snapshots = await store.listSnapshots(ctx.db, actor.orgId, keyOf(period));
  const lines = await store.snapshotLines(ctx.db, actor.orgId, snapshots.map((s) => s.id));
  const closed = period.to < today;
  const actuals = closed ? await periodActuals(ctx.db, actor.orgId, period, measure) : null;
  const members = [...scope.members];
  const weeks = snapshots.map((snapshot) => {
    const mine = new Map(lines.filter((l) => l.snapshotId === snapshot.id && scope.members.has(l.userId)).map((l) => [l.userId, l]));
    const sum = [...mine.values()].reduce((s, l) => addTotals(s, l), zeroTotals());
    const forecast = [...mine.values()].reduce((s, l) => s + l.forecast, 0n);
    const pairs = actuals ? members.map((id) => ({ forecast: mine.get(id)?.forecast ?? 0n, actual: actuals.get(id) ?? 0n })) : [];
    const actual = pairs.reduce((s, p) => s + p.actual, 0n);
    const { bias, wape } = actuals ? accuracy(pairs) : { bias: null, wape: null };
    return {
      id: snapshot.id,
      week: snapshot.week,
      takenAt: snapshot.takenAt.toISOString(),
      numbers: numbersOf(sum, currency),
      forecast: formatMoney(forecast, currency),
      actual: actuals ? formatMoney(actual, currency) : null,
      bias,
      wape,
    };
  });
  return { period: periodView(period, today), currency, userId: scope.rootId, actuals: measure, weeks };
}

// --- annual forecast ------------------------------------------------------------------------------

/**
 * The annual forecast of a set of people (null: everyone): closed to date + weighted pipeline +
 * the revenue trend for the months left, as a low/expected/high range (forecast.ts annualRange).
 */
export async function annualForecast(ex: Executor, orgId: string, input: { year: number; members: ReadonlySet<string> | null; today: string }) {
  const yearPeriod = { from: `${input.year}-01-01`, to: `${input.year}-12-31` };
  const { currency, deals } = await dealsInOrgCurrency(ex, orgId, yearPeriod.from, yearPeriod.to, input.today, ['open', 'won']);
  const mine = deals.filter((d) => d.ownerId && (!input.members || input.members.has(d.ownerId)));
  const closedToDate = mine.filter((d) => d.outcome === 'won' && d.closeDate <= input.today).reduce((s, d) => s + d.amount, 0n);
  const open = mine.filter((d) => d.outcome === 'open');
  const thisMonth = periodOf(input.today, 'month');
  const first = shiftPeriod(thisMonth, -TREND_MONTHS);
  const last = shiftPeriod(thisMonth, -1);
  const revenue = await revenueByOwnerMonth(ex, orgId, first.from, last.to);
  const months = Array.from({ length: TREND_MONTHS }, (_, i) => shiftPeriod(first, i).from);
  const monthly = months.map((month) => revenue.filter((r) => r.month === month && r.ownerId && (!input.members || input.members.has(r.ownerId))).reduce((s, r) => s + r.revenue, 0n));
  const currentYear = Number(input.today.slice(0, 4));
  const currentMonth = Number(input.today.slice(5, 7));
  const remainingMonths = input.year < currentYear ? 0 : input.year > currentYear ? 12 : 12 - currentMonth + 1;
  const gapMonths = input.year > currentYear ? (input.year - currentYear) * 12 - (currentMonth - 1) : 0;
  const range = annualRange({ closedToDate, open, monthlyRevenue: monthly, remainingMonths, gapMonths });
  return { currency, remainingMonths, months: months.map((month, i) => ({ month: month.slice(0, 7), revenue: monthly[i]! })), ...range };
}

export async function getAnnualForecast(ctx: AppContext, actor: Actor, query: AnnualQuery): Promise<AnnualForecast> {
  const today = toIsoDate(ctx.clock.now());
  const year = query.year ?? Number(today.slice(0, 4));
  const scope = await forecastScope(ctx.db, actor, query.userId);
  const r = await annualForecast(ctx.db, actor.orgId, { year, members: scope.rootId ? scope.members : null, today });
  const money = (v: bigint) => formatMoney(v, r.currency);
  const band = (b: { low: bigint; expected: bigint; high: bigint }) => ({ low: money(b.low), expected: money(b.expected), high: money(b.high) });
  return {
    year,
    currency: r.currency,
    asOf: today,
    userId: scope.rootId,
    closedToDate: money(r.closedToDate),
    pipeline: band(r.pipeline),
    trend: band(r.trend),
    runRate: money(r.runRate),
    slope: money(r.slope),
    remainingMonths: r.remainingMonths,
    months: r.months.map((m) => ({ month: m.month, revenue: money(m.revenue) })),
    ...band(r),
  };
}

// --- settings -------------------------------------------------------------------------------------

const settingsOf = (row: Awaited<ReturnType<typeof store.getSettings>>): ForecastSettings => (row ? { actuals: row.actuals, version: row.version } : { actuals: 'bookings', version: 1 });

export const forecastSettings = async (ex: Executor, orgId: string): Promise<ForecastSettings> => settingsOf(await store.getSettings(ex, orgId));

export const getForecastSettings = (ctx: AppContext, actor: Actor) => forecastSettings(ctx.db, actor.orgId);

export async function putForecastSettings(ctx: AppContext, actor: Actor, version: number, input: ForecastSettingsPut): Promise<ForecastSettings> {
  requireRole(actor, ['admin'], 'change forecast settings');
  return ctx.db.transaction(async (tx) => {
    const before = settingsOf(await store.getSettings(tx, actor.orgId, true));
    checkVersion(before.version, version);
    const now = ctx.clock.now();
    const saved = await store.saveSettings(tx, { orgId: actor.orgId, actuals: input.actuals, updatedAt: now, version: before.version + 1 });
    const after = { actuals: saved.actuals, version: saved.version };
    await recordChange(tx, actor, now, { action: 'update', entity: 'forecast_settings', entityId: actor.orgId, before, after });
    return after;
  });
}
