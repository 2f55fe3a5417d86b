import { addMonths, quartersOf } from './period.ts';

/**
 * The annual forecast from actuals alone (until opportunities and the manager's call exist):
 * closed to date, plus the rest of the year projected two ways —
 *   run rate: the average of the last 3 complete months, for every remaining month;
 *   trend:    a least-squares line through the last 12 complete months, extended.
 * The lower of the two is the low end of the range, the higher the high end. Projections never go
 * below zero. The current month counts as closed (to date); projection starts with the next month.
 * Amounts are minor units.
 */
export interface ForecastInput {
  year: number;
  /** The first day of the current month. */
  currentMonth: string;
  /** Revenue per month start, for the year and at least the 12 months before the current month. */
  actuals: Map<string, bigint>;
  lastYear: Map<string, bigint>;
}

export interface QuarterForecast {
  quarter: string;
  closed: bigint;
  runRate: bigint;
  trend: bigint;
  low: bigint;
  high: bigint;
  lastYear: bigint;
}

export interface Forecast {
  closedToDate: bigint;
  monthlyRunRate: bigint;
  quarters: QuarterForecast[];
  total: Omit<QuarterForecast, 'quarter'>;
}

const actual = (input: ForecastInput, month: string): bigint => input.actuals.get(month) ?? 0n;

/** Slope and intercept of the least-squares line through (0, y0) … (n−1, yn−1). */
export function leastSquares(ys: readonly number[]): { slope: number; intercept: number } {
  const n = ys.length;
  if (n === 0) return { slope: 0, intercept: 0 };
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = den === 0 ? 0 : num / den;
  return { slope, intercept: meanY - slope * meanX };
}

const clamp = (value: number): bigint => (value > 0 ? BigInt(Math.round(value)) : 0n);

export function forecastYear(input: ForecastInput): Forecast {
  const complete = Array.from({ length: 12 }, (_, i) => addMonths(input.currentMonth, i - 12));
  const history = complete.map((m) => Number(actual(input, m)));
  const last3 = history.slice(-3);
  const monthlyRunRate = clamp(last3.reduce((a, b) => a + b, 0) / 3);
  const line = leastSquares(history);
  // Month index relative to the history: the current month is 12, the next 13, …
  const indexOf = (month: string): number => monthsBetween(complete[0]!, month);

  const quarters = quartersOf(input.year).map((q) => {
    let closed = 0n;
    let runRate = 0n;
    let trend = 0n;
    for (const month of q.months) {
      if (month <= input.currentMonth) {
        closed += actual(input, month);
      } else {
        runRate += monthlyRunRate;
        trend += clamp(line.intercept + line.slope * indexOf(month));
      }
    }
    const lastYear = q.months.reduce((sum, m) => sum + (input.lastYear.get(addMonths(m, -12)) ?? 0n), 0n);
    const withRunRate = closed + runRate;
    const withTrend = closed + trend;
    return { quarter: q.label, closed, runRate: withRunRate, trend: withTrend, low: min(withRunRate, withTrend), high: max(withRunRate, withTrend), lastYear };
  });
  const sum = (key: keyof Omit<QuarterForecast, 'quarter'>) => quarters.reduce((total, q) => total + q[key], 0n);
  const total = { closed: sum('closed'), runRate: sum('runRate'), trend: sum('trend'), lastYear: sum('lastYear'), low: 0n, high: 0n };
  total.low = min(total.runRate, total.trend);
  total.high = max(total.runRate, total.trend);
  return { closedToDate: total.closed, monthlyRunRate, quarters, total };
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
