import { periodsBetween, type Period } from './engine.ts';
import type { PeriodType } from './plan.ts';

/**
 * Period labels as the API and the CLI name them: "2027-03" (a month), "2027-Q1" (a quarter),
 * "2027" (a year). Pure.
 */
export type { Period } from './engine.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

export interface LabelledPeriod extends Period {
  type: PeriodType;
}

/** The period a label names, or null when it is not a label of one of the three forms. */
export function parsePeriod(label: string): LabelledPeriod | null {
  const month = MONTH.exec(label);
  if (month) return withType(`${month[1]}-${month[2]}-01`, 'month');
  const quarter = QUARTER.exec(label);
  if (quarter) return withType(`${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`, 'quarter');
  const year = YEAR.exec(label);
  if (year && Number(year[1]) >= 1900) return withType(`${year[1]}-01-01`, 'year');
  return null;
}

/** The period of `type` holding `date`. */
export function periodOf(date: string, type: PeriodType): LabelledPeriod {
  return withType(date, type);
}

/** The period `n` periods after (or before, n < 0) the given one. */
export function shiftPeriod(period: LabelledPeriod, n: number): LabelledPeriod {
  const months = (period.type === 'month' ? 1 : period.type === 'quarter' ? 3 : 12) * n;
  const [y, m] = period.from.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return withType(`${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`, period.type);
}

function withType(date: string, type: PeriodType): LabelledPeriod {
  return { ...periodsBetween(date, date, type)[0]!, type };
}
