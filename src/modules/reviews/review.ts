/**
 * Account review rules (pure): cadence dates, the KPI figures frozen into a held review's
 * snapshot, and what counts as "upcoming".
 */

export const reviewStatuses = ['scheduled', 'held', 'cancelled'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export interface Attendee {
  kind: 'user' | 'contact';
  id: string;
  name: string;
}

export interface AgreedAction {
  title: string;
  ownerId: string | null;
  dueOn: string | null;
  /** The plan action it became (in the account's active plan), or null when there was no active plan. */
  planActionId: string | null;
}

export interface ReviewSnapshot {
  asOf: string;
  currency: string;
  /** Trailing twelve months up to the review date, in the organisation's currency (decimal strings). */
  revenue: string;
  grossProfit: string;
  /** Gross profit ÷ revenue, a decimal fraction; null without revenue. */
  margin: string | null;
  /** Revenue vs the twelve months before, a decimal fraction; null when there was none before. */
  growth: string | null;
  score: number | null;
  tier: string | null;
  plan: { planId: string; period: string; objectives: number; achieved: number; behind: number; average: number | null } | null;
  /** Open cases when the cases module is present. */
  openCases?: number;
  lastContacts: { name: string; title: string | null; buyingRole: string | null }[];
}

/** The same day `months` later (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addDays(isoDate: string, daysToAdd: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + daysToAdd * 86_400_000).toISOString().slice(0, 10);
}

/** A scheduled review counts as upcoming (home page) from today up to `days` ahead, overdue ones included. */
export function isUpcoming(status: ReviewStatus, scheduledOn: string, today: string, days = 14): boolean {
  return status === 'scheduled' && scheduledOn <= addDays(today, days);
}

export interface MonthFigures {
  /** First day of the month, YYYY-MM-01. */
  month: string;
  revenue: bigint;
  cost: bigint;
}

export interface Kpis {
  revenue: bigint;
  grossProfit: bigint;
  previousRevenue: bigint;
  /** Decimal fraction with 4 places, or null. */
  margin: string | null;
  growth: string | null;
}

const ratio = (numerator: bigint, denominator: bigint): string | null => {
  if (denominator === 0n) return null;
  // Four decimal places, rounded half away from zero, in integer arithmetic.
  const scaled = (numerator * 20_000n) / denominator;
  const rounded = scaled >= 0n ? (scaled + 1n) / 2n : (scaled - 1n) / 2n;
  const negative = rounded < 0n;
  const abs = negative ? -rounded : rounded;
  return `${negative ? '-' : ''}${abs / 10_000n}.${String(abs % 10_000n).padStart(4, '0')}`;
};

/**
 * Trailing-twelve-month figures as of a date: the month of `asOf` and the eleven before it, and
 * revenue of the twelve months before those for growth. Refunds (negative lines) are already net
 * in the monthly rollups; a negative gross profit gives a negative margin.
 */
export function trailingKpis(months: MonthFigures[], asOf: string): Kpis {
  const thisMonth = `${asOf.slice(0, 7)}-01`;
  const from = addMonths(thisMonth, -11);
  const previousFrom = addMonths(thisMonth, -23);
  let revenue = 0n;
  let cost = 0n;
  let previousRevenue = 0n;
  for (const m of months) {
    if (m.month >= from && m.month <= thisMonth) {
      revenue += m.revenue;
      cost += m.cost;
    } else if (m.month >= previousFrom && m.month < from) {
      previousRevenue += m.revenue;
    }
  }
  const grossProfit = revenue - cost;
  return {
    revenue,
    grossProfit,
    previousRevenue,
    margin: revenue > 0n ? ratio(grossProfit, revenue) : null,
    growth: previousRevenue > 0n ? ratio(revenue - previousRevenue, previousRevenue) : null,
  };
}
