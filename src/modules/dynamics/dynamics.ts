/**
 * Account dynamics over monthly rollups: pure functions, no I/O. Money is bigint minor units of the
 * organisation's currency; months are 'YYYY-MM'; quarters 'YYYY-Qn'.
 */
export interface MonthFigures {
  month: string;
  revenue: bigint;
  cost: bigint;
}

export interface Period {
  period: string;
  revenue: bigint;
  grossProfit: bigint;
  /** grossProfit / revenue; null without revenue. */
  margin: number | null;
  /** Revenue change against the same period a year earlier; null when that was zero or absent. */
  revenueYoy: number | null;
  grossProfitYoy: number | null;
}

const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number): string => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
export const addMonths = (month: string, delta: number): string => monthOf(monthIndex(month) + delta);
export const quarterOf = (month: string): string => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

/** Every month from `from` to `to` inclusive, with zeros where the rollup has no row. */
export function fillMonths(rows: readonly MonthFigures[], from: string, to: string): MonthFigures[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const out: MonthFigures[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) {
    const month = monthOf(i);
    out.push(byMonth.get(month) ?? { month, revenue: 0n, cost: 0n });
  }
  return out;
}

/** Sums months into calendar quarters, oldest first (a partial first or last quarter sums what it has). */
export function toQuarters(months: readonly MonthFigures[]): MonthFigures[] {
  const quarters = new Map<string, MonthFigures>();
  for (const m of months) {
    const key = quarterOf(m.month);
    const q = quarters.get(key);
    if (q) {
      q.revenue += m.revenue;
      q.cost += m.cost;
    } else quarters.set(key, { month: key, revenue: m.revenue, cost: m.cost });
  }
  return [...quarters.values()];
}

/** (now − before) / |before|, rounded to 4 decimals; null when before is zero. */
export function change(now: bigint, before: bigint | undefined): number | null {
  if (before === undefined || before === 0n) return null;
  return Math.round((Number(now - before) / Math.abs(Number(before))) * 10_000) / 10_000;
}

const ratio = (part: bigint, whole: bigint): number | null => (whole === 0n ? null : Math.round((Number(part) / Number(whole)) * 10_000) / 10_000);

/** Periods with gross profit, margin and the change against `lag` periods earlier (12 months, 4 quarters). */
export function withYearOverYear(periods: readonly MonthFigures[], lag: number): Period[] {
  return periods.map((p, i) => {
    const before = periods[i - lag];
    const grossProfit = p.revenue - p.cost;
    return {
      period: p.month,
      revenue: p.revenue,
      grossProfit,
      margin: ratio(grossProfit, p.revenue),
      revenueYoy: change(p.revenue, before?.revenue),
      grossProfitYoy: before ? change(grossProfit, before.revenue - before.cost) : null,
    };
  });
}

/**
 * Ordinary least-squares slope of `values` against 0, 1, 2, … (units per step). Fewer than two
 * points have no slope (0).
 */
export function leastSquaresSlope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

export interface Trend {
  /** Revenue change per month over the trailing 12 months, in minor units (rounded). */
  slopePerMonth: bigint;
  /** The slope relative to the average month of the window (0.02 = +2 % of an average month per month); null without revenue. */
  relativeSlope: number | null;
  direction: 'growing' | 'flat' | 'declining';
}

/** Trend over the last 12 months of `months` (which must be gap-free, oldest first). ±1 % of an average month per month counts as flat. */
export function trailingTrend(months: readonly MonthFigures[]): Trend {
  const window = months.slice(-12).map((m) => Number(m.revenue));
  const slope = leastSquaresSlope(window);
  const mean = window.length ? window.reduce((a, b) => a + b, 0) / window.length : 0;
  const relative = mean === 0 ? null : Math.round((slope / mean) * 10_000) / 10_000;
  const direction = relative === null || Math.abs(relative) < 0.01 ? 'flat' : relative > 0 ? 'growing' : 'declining';
  return { slopePerMonth: BigInt(Math.round(slope)), relativeSlope: relative, direction };
}

const nextQuarter = (quarter: string): string => {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
};

/**
 * Seasonal-naive forecast: each of the next `horizon` quarters repeats the same quarter a year
 * earlier (from the last four complete quarters). Fewer than four quarters of history: no forecast.
 */
export function seasonalNaiveForecast(quarters: readonly MonthFigures[], horizon = 4): { period: string; revenue: bigint; grossProfit: bigint }[] {
  if (quarters.length < 4) return [];
  const season = quarters.slice(-4);
  const out: { period: string; revenue: bigint; grossProfit: bigint }[] = [];
  let period = quarters.at(-1)!.month;
  for (let h = 0; h < horizon; h++) {
    period = nextQuarter(period);
    const same = season[h % 4]!;
    out.push({ period, revenue: same.revenue, grossProfit: same.revenue - same.cost });
  }
  return out;
}

export interface FamilyFigures {
  family: string;
  month: string;
  revenue: bigint;
}

/** Revenue share of each family per quarter (families with no revenue in a quarter are absent). */
export function productMix(rows: readonly FamilyFigures[]): { period: string; families: { family: string; revenue: bigint; share: number | null }[] }[] {
  const byQuarter = new Map<string, Map<string, bigint>>();
  for (const r of rows) {
    const q = quarterOf(r.month);
    let families = byQuarter.get(q);
    if (!families) byQuarter.set(q, (families = new Map()));
    families.set(r.family, (families.get(r.family) ?? 0n) + r.revenue);
  }
  return [...byQuarter.keys()].sort().map((period) => {
    const families = byQuarter.get(period)!;
    const total = [...families.values()].reduce((a, b) => a + b, 0n);
    return {
      period,
      families: [...families.entries()]
        .filter(([, revenue]) => revenue !== 0n)
        .sort((a, b) => (a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] > b[1] ? -1 : 1))
        .map(([family, revenue]) => ({ family, revenue, share: ratio(revenue, total) })),
    };
  });
}

/**
 * Share of wallet at each month end: trailing-12-month revenue over the annual wallet estimate
 * (both in the organisation's currency). Months before a full year of history use what there is.
 */
export function shareOfWallet(months: readonly MonthFigures[], wallet: bigint | null): { month: string; trailingRevenue: bigint; share: number | null }[] {
  let running = 0n;
  return months.map((m, i) => {
    running += m.revenue;
    if (i >= 12) running -= months[i - 12]!.revenue;
    return { month: m.month, trailingRevenue: running, share: wallet === null || wallet <= 0n ? null : ratio(running, wallet) };
  });
}
