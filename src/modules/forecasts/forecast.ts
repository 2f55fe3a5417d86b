import Big from 'big.js';
import { weighted, type ForecastCategory, type Outcome } from '../opportunities/stages.ts';

/**
 * The forecast arithmetic, pure: category totals per person, the roll-up up the reporting lines,
 * forecast accuracy, and the annual range. Money is bigint minor units of the organisation's
 * currency throughout.
 */

/** One person's (or team's) numbers for a period. Categories are disjoint: a deal counts in one. */
export interface CategoryTotals {
  /** Won, closed in the period. */
  closed: bigint;
  /** Open deals in the commit category. */
  commit: bigint;
  /** Open deals in the best-case category. */
  bestCase: bigint;
  /** Open deals in the pipeline category. */
  pipeline: bigint;
  /** Σ amount × probability over every open deal not omitted, each rounded half-up on its own. */
  weighted: bigint;
}

export const zeroTotals = (): CategoryTotals => ({ closed: 0n, commit: 0n, bestCase: 0n, pipeline: 0n, weighted: 0n });

export function addTotals(a: CategoryTotals, b: CategoryTotals): CategoryTotals {
  return { closed: a.closed + b.closed, commit: a.commit + b.commit, bestCase: a.bestCase + b.bestCase, pipeline: a.pipeline + b.pipeline, weighted: a.weighted + b.weighted };
}

/** The system's forecast of a period: what is won plus what the open pipeline is worth weighted. */
export const expectedOf = (t: CategoryTotals): bigint => t.closed + t.weighted;

export interface ForecastDeal {
  ownerId: string | null;
  /** In the organisation's currency. */
  amount: bigint;
  probability: string;
  forecastCategory: ForecastCategory;
  outcome: Outcome;
}

/** Each owner's totals (deals without an owner are left out: nobody forecasts them). */
export function totalsByOwner(deals: readonly ForecastDeal[]): Map<string, CategoryTotals> {
  const byOwner = new Map<string, CategoryTotals>();
  for (const deal of deals) {
    if (!deal.ownerId || deal.outcome === 'lost') continue;
    let totals = byOwner.get(deal.ownerId);
    if (!totals) byOwner.set(deal.ownerId, (totals = zeroTotals()));
    if (deal.outcome === 'won') {
      totals.closed += deal.amount;
      continue;
    }
    if (deal.forecastCategory === 'omitted') continue;
    if (deal.forecastCategory === 'commit') totals.commit += deal.amount;
    else if (deal.forecastCategory === 'bestCase') totals.bestCase += deal.amount;
    else totals.pipeline += deal.amount;
    totals.weighted += weighted(deal.amount, deal.probability);
  }
  return byOwner;
}

export interface Person {
  id: string;
  managerId: string | null;
}

/**
 * Every person's team totals: their own plus everyone reporting to them, transitively. A cycle in
 * the reporting lines (refused by the users module, but never trusted) counts each person once.
 */
export function rollUp(people: readonly Person[], own: ReadonlyMap<string, CategoryTotals>): Map<string, CategoryTotals> {
  const reports = reportsOf(people);
  const team = new Map<string, CategoryTotals>();
  for (const person of people) {
    let sum = zeroTotals();
    for (const id of subtree(person.id, reports)) sum = addTotals(sum, own.get(id) ?? zeroTotals());
    team.set(person.id, sum);
  }
  return team;
}

function reportsOf(people: readonly Person[]): Map<string, string[]> {
  const reports = new Map<string, string[]>();
  for (const p of people) {
    if (!p.managerId) continue;
    const list = reports.get(p.managerId);
    if (list) list.push(p.id);
    else reports.set(p.managerId, [p.id]);
  }
  return reports;
}

/** The person and everyone below them, each once. */
export function subtree(rootId: string, reports: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set<string>([rootId]);
  const queue = [rootId];
  for (let i = 0; i < queue.length; i++) {
    for (const id of reports.get(queue[i]!) ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(id);
    }
  }
  return queue;
}

/** The ids of the person and everyone reporting to them (transitively). */
export const teamOf = (rootId: string, people: readonly Person[]): string[] => subtree(rootId, reportsOf(people));

// --- accuracy -------------------------------------------------------------------------------------

export interface ForecastActual {
  forecast: bigint;
  actual: bigint;
}

export interface Accuracy {
  /** Σ(F − A) / ΣA: positive means the forecast was too high. A fraction, 4 places. */
  bias: string | null;
  /** Σ|F − A| / ΣA: weighted absolute percentage error. A fraction, 4 places. */
  wape: string | null;
}

/**
 * Bias and WAPE over the lines of one snapshot week (one line per person: their forecast that
 * week and the period's actual). Null when the actuals sum to zero (no ratio to take). Rounded
 * half-up to 4 places (a hundredth of a percent).
 */
export function accuracy(lines: readonly ForecastActual[]): Accuracy {
  const actual = lines.reduce((sum, l) => sum + l.actual, 0n);
  if (actual === 0n) return { bias: null, wape: null };
  const error = lines.reduce((sum, l) => sum + (l.forecast - l.actual), 0n);
  const absolute = lines.reduce((sum, l) => sum + (l.forecast > l.actual ? l.forecast - l.actual : l.actual - l.forecast), 0n);
  const ratio = (n: bigint) => new Big(n.toString()).div(actual.toString()).round(4, Big.roundHalfUp).toFixed(4);
  return { bias: ratio(error), wape: ratio(absolute) };
}

// --- annual range ---------------------------------------------------------------------------------

export interface AnnualInput {
  /** Won so far this year. */
  closedToDate: bigint;
  /** Open deals expected to close in the rest of the year. */
  open: readonly { amount: bigint; probability: string; forecastCategory: ForecastCategory }[];
  /** Revenue actuals of the last complete months, oldest first (at most 6 are used). */
  monthlyRevenue: readonly bigint[];
  /** Months to project: the rest of the year, the current month included. */
  remainingMonths: number;
  /** Months between the last actual month and the first projected one, less one (0: the next month). */
  gapMonths?: number;
}

export interface Band {
  low: bigint;
  expected: bigint;
  high: bigint;
}

export interface AnnualRange extends Band {
  closedToDate: bigint;
  pipeline: Band;
  trend: Band;
  /** Average of the last three months' revenue: the flat run-rate. */
  runRate: bigint;
  /** Change per month of the least-squares line through the last six months. */
  slope: bigint;
}

export const TREND_MONTHS = 6;
const RUN_RATE_MONTHS = 3;

/**
 * Closed to date + pipeline + revenue trend for the rest of the year, each as a band:
 * - pipeline: low = commit deals weighted; expected = every open deal weighted; high = commit and
 *   best-case deals at full amount, pipeline deals weighted;
 * - trend: two projections of the remaining months, the flat run-rate (mean of the last three
 *   months) and the least-squares line through the last six (never below zero per month);
 *   low = the smaller, high = the larger, expected = their mean.
 * low ≤ expected ≤ high always holds.
 */
export function annualRange(input: AnnualInput): AnnualRange {
  let commitWeighted = 0n;
  let all = 0n;
  let full = 0n;
  for (const deal of input.open) {
    if (deal.forecastCategory === 'omitted' || deal.forecastCategory === 'closed') continue;
    const w = weighted(deal.amount, deal.probability);
    all += w;
    if (deal.forecastCategory === 'pipeline') full += w;
    else {
      full += deal.amount;
      if (deal.forecastCategory === 'commit') commitWeighted += w;
    }
  }
  const pipeline: Band = { low: commitWeighted, expected: all, high: full };
  const { trend, runRate, slope } = revenueTrend(input.monthlyRevenue, input.remainingMonths, input.gapMonths ?? 0);
  const c = input.closedToDate;
  return {
    closedToDate: c,
    pipeline,
    trend,
    runRate,
    slope,
    low: c + pipeline.low + trend.low,
    expected: c + pipeline.expected + trend.expected,
    high: c + pipeline.high + trend.high,
  };
}

const roundBig = (value: Big): bigint => BigInt(value.round(0, Big.roundHalfUp).toFixed(0));

export function revenueTrend(monthly: readonly bigint[], remaining: number, gap = 0): { trend: Band; runRate: bigint; slope: bigint } {
  const months = monthly.slice(-TREND_MONTHS).map((m) => new Big(m.toString()));
  if (months.length === 0 || remaining <= 0) return { trend: { low: 0n, expected: 0n, high: 0n }, runRate: 0n, slope: 0n };
  const recent = months.slice(-RUN_RATE_MONTHS);
  const runRate = recent.reduce((a, b) => a.plus(b), new Big(0)).div(recent.length);
  const flat = runRate.times(remaining);
  const { intercept, slope } = leastSquares(months);
  let linear = new Big(0);
  for (let k = 1; k <= remaining; k++) {
    const value = intercept.plus(slope.times(months.length - 1 + gap + k));
    if (value.gt(0)) linear = linear.plus(value);
  }
  const [low, high] = flat.lt(linear) ? [flat, linear] : [linear, flat];
  const lowMinor = roundBig(low);
  const highMinor = roundBig(high);
  const expected = roundBig(low.plus(high).div(2));
  return { trend: { low: lowMinor, expected, high: highMinor }, runRate: roundBig(runRate), slope: roundBig(slope) };
}

/** y = intercept + slope·x over x = 0 … n−1. One point: a flat line. */
function leastSquares(ys: readonly Big[]): { intercept: Big; slope: Big } {
  const n = ys.length;
  const meanX = new Big(n - 1).div(2);
  const meanY = ys.reduce((a, b) => a.plus(b), new Big(0)).div(n);
  let covariance = new Big(0);
  let variance = new Big(0);
  ys.forEach((y, x) => {
    const dx = new Big(x).minus(meanX);
    covariance = covariance.plus(dx.times(y.minus(meanY)));
    variance = variance.plus(dx.times(dx));
  });
  const slope = variance.eq(0) ? new Big(0) : covariance.div(variance);
  return { intercept: meanY.minus(slope.times(meanX)), slope };
}

// --- weeks ----------------------------------------------------------------------------------------

/** The ISO 8601 week of a date, "2026-W48" (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
