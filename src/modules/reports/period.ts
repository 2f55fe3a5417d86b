/**
 * Report periods: a quarter (`2026-Q3`) or a calendar year (`2026`). Dates are ISO strings; a
 * period knows its months (first days, as the monthly rollups store them) and the same period a
 * year earlier, which every comparison uses.
 */
export interface Period {
  label: string;
  kind: 'quarter' | 'year';
  from: string;
  to: string;
  /** First day of each month in the period. */
  months: string[];
}

const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

const pad = (n: number): string => String(n).padStart(2, '0');
const monthStart = (year: number, month: number): string => `${year}-${pad(month)}-01`;
const lastDay = (year: number, month: number): string => `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;

function span(label: string, kind: Period['kind'], year: number, firstMonth: number, count: number): Period {
  const months = Array.from({ length: count }, (_, i) => monthStart(year, firstMonth + i));
  return { label, kind, from: months[0]!, to: lastDay(year, firstMonth + count - 1), months };
}

export function quarterOf(year: number, quarter: number): Period {
  return span(`${year}-Q${quarter}`, 'quarter', year, (quarter - 1) * 3 + 1, 3);
}

export function yearOf(year: number): Period {
  return span(String(year), 'year', year, 1, 12);
}

/** `2026-Q3` or `2026`; null when the text is neither (or the year is outside 1900–2999). */
export function parsePeriod(text: string): Period | null {
  const quarter = QUARTER.exec(text);
  if (quarter) return inRange(Number(quarter[1])) ? quarterOf(Number(quarter[1]), Number(quarter[2])) : null;
  const year = YEAR.exec(text);
  if (year) return inRange(Number(year[1])) ? yearOf(Number(year[1])) : null;
  return null;
}

const inRange = (year: number): boolean => year >= 1900 && year <= 2999;

export function currentQuarter(today: string): Period {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return quarterOf(year, Math.floor((month - 1) / 3) + 1);
}

export function currentYear(today: string): Period {
  return yearOf(Number(today.slice(0, 4)));
}

/** The same period one year earlier. */
export function lastYear(period: Period): Period {
  const year = Number(period.from.slice(0, 4)) - 1;
  return period.kind === 'year' ? yearOf(year) : quarterOf(year, Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1);
}

/** The quarters of a year, in order. */
export function quartersOf(year: number): Period[] {
  return [1, 2, 3, 4].map((q) => quarterOf(year, q));
}

/** The month start `n` months after `month` (negative: before). */
export function addMonths(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + n;
  return monthStart(Math.floor(index / 12), (index % 12) + 1);
}
