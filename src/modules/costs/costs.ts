/**
 * Cost to serve (pure): the time people spend on an account, priced by the hourly rate of their
 * role, per month; and net profitability = gross profit − cost to serve. Money in integer minor
 * units of the organisation's currency; each month's cost is rounded half-up once, after summing.
 */
import type { Role } from '../users/tables.ts';

export const costRoles = ['admin', 'director', 'manager', 'kam', 'bd', 'viewer'] as const satisfies readonly Role[];
/** Hourly rate per role in minor units (decimal integer strings); a role without a rate costs nothing. */
export type RoleRates = Partial<Record<Role, string>>;

/** Time spent on an account: `minutes` by someone of `role` in `month` ('YYYY-MM'). */
export interface TimeSpent {
  month: string;
  role: Role;
  minutes: number;
}

/** Cost per month (minor units), for the months given; months without time cost 0. */
export function costByMonth(months: readonly string[], spent: readonly TimeSpent[], rates: RoleRates): Map<string, bigint> {
  const numerators = new Map<string, bigint>(months.map((m) => [m, 0n]));
  for (const entry of spent) {
    if (!numerators.has(entry.month)) continue;
    const rate = BigInt(rates[entry.role] ?? '0');
    numerators.set(entry.month, numerators.get(entry.month)! + BigInt(Math.round(entry.minutes)) * rate);
  }
  return new Map([...numerators].map(([month, n]) => [month, divideHalfUp(n, 60n)]));
}

function divideHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r * 2n >= d) return q + 1n;
  return q;
}

/** Minutes per month, summed over roles. */
export function minutesByMonth(months: readonly string[], spent: readonly TimeSpent[]): Map<string, number> {
  const result = new Map<string, number>(months.map((m) => [m, 0]));
  for (const entry of spent) if (result.has(entry.month)) result.set(entry.month, result.get(entry.month)! + entry.minutes);
  return result;
}

/** Every month from `from` to `to` inclusive ('YYYY-MM'); empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  while (year < toYear || (year === toYear && month <= toMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export interface MonthFigures {
  month: string;
  minutes: number;
  grossProfit: bigint;
  costToServe: bigint;
  netProfit: bigint;
}

export function netProfitability(months: readonly string[], grossProfit: ReadonlyMap<string, bigint>, spent: readonly TimeSpent[], rates: RoleRates): MonthFigures[] {
  const costs = costByMonth(months, spent, rates);
  const minutes = minutesByMonth(months, spent);
  return months.map((month) => {
    const gp = grossProfit.get(month) ?? 0n;
    const cost = costs.get(month) ?? 0n;
    return { month, minutes: minutes.get(month) ?? 0, grossProfit: gp, costToServe: cost, netProfit: gp - cost };
  });
}
