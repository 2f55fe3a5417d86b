import Big from 'big.js';

/**
 * Account plan rules (pure): periods, status moves, objective progress and the need timeline.
 */

export const planStatuses = ['draft', 'active', 'closed'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const actionStatuses = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const objectiveMetrics = ['revenue', 'custom'] as const;
export type ObjectiveMetric = (typeof objectiveMetrics)[number];
export const objectiveDirections = ['increase', 'decrease'] as const;
export type ObjectiveDirection = (typeof objectiveDirections)[number];
export const needChangeKinds = ['created', 'reworded', 'reprioritised', 'removed'] as const;
export type NeedChangeKind = (typeof needChangeKinds)[number];

// --- periods ------------------------------------------------------------------------------------

/** A year ('2027'), a half ('2027-H1') or a quarter ('2027-Q3'). */
export const PERIOD_PATTERN = '^\\d{4}(-(Q[1-4]|H[12]))?$';
const PERIOD = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/;

export interface PeriodRange {
  start: string;
  end: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

function parsePeriod(period: string): { year: number; unit: 'Y' | 'H' | 'Q'; index: number } {
  const match = PERIOD.exec(period);
  if (!match) throw new Error(`${period} is not a period like 2027, 2027-H1 or 2027-Q3`);
  const year = Number(match[1]);
  if (!match[2]) return { year, unit: 'Y', index: 1 };
  return { year, unit: match[2][0] as 'H' | 'Q', index: Number(match[2][1]) };
}

export const isPeriod = (period: string): boolean => PERIOD.test(period) && Number(period.slice(0, 4)) >= 1900;

/** First and last day of the period, inclusive. */
export function periodRange(period: string): PeriodRange {
  const { year, unit, index } = parsePeriod(period);
  const months = unit === 'Y' ? 12 : unit === 'H' ? 6 : 3;
  const firstMonth = (index - 1) * months + 1;
  const endMonth = firstMonth + months - 1;
  return { start: `${year}-${pad(firstMonth)}-01`, end: `${year}-${pad(endMonth)}-${pad(lastDay(year, endMonth))}` };
}

/** The period of the same kind that follows (or precedes, with step -1). */
export function shiftPeriod(period: string, step = 1): string {
  const { year, unit, index } = parsePeriod(period);
  if (unit === 'Y') return String(year + step);
  const per = unit === 'H' ? 2 : 4;
  const zeroBased = year * per + (index - 1) + step;
  return `${Math.floor(zeroBased / per)}-${unit}${(zeroBased % per) + 1}`;
}

// --- status ------------------------------------------------------------------------------------

const MOVES: Record<PlanStatus, PlanStatus[]> = { draft: ['active', 'closed'], active: ['closed'], closed: [] };

export const canMovePlan = (from: PlanStatus, to: PlanStatus): boolean => from === to || MOVES[from].includes(to);

// --- objectives ----------------------------------------------------------------------------------

export const objectiveStatuses = ['achieved', 'on_track', 'behind', 'no_data'] as const;
export type ObjectiveStatus = (typeof objectiveStatuses)[number];

export interface ProgressInput {
  baseline: string;
  target: string;
  current: string | null;
  direction?: ObjectiveDirection | null;
  /** For the schedule: where the plan starts, when the objective is due, and today (YYYY-MM-DD). */
  start?: string;
  due?: string | null;
  today?: string;
}

export interface Progress {
  direction: ObjectiveDirection;
  /** (current − baseline) ÷ (target − baseline): 0 at the baseline, 1 at the target, above 1 on overshoot, below 0 when going backwards. */
  ratio: number | null;
  /** The ratio as a whole percentage clamped to 0–100, for progress bars. */
  percent: number | null;
  achieved: boolean;
  /** The share of the way the schedule expects by today (linear from start to due date), when known. */
  expected: number | null;
  status: ObjectiveStatus;
}

/** The direction an objective moves: explicit, or from baseline to target (increase when they are equal). */
export function directionOf(baseline: string, target: string, direction?: ObjectiveDirection | null): ObjectiveDirection {
  if (direction) return direction;
  return new Big(target).lt(baseline) ? 'decrease' : 'increase';
}

/** An explicit direction that contradicts baseline → target. */
export function directionProblem(baseline: string, target: string, direction?: ObjectiveDirection | null): string | null {
  if (!direction) return null;
  const cmp = new Big(target).cmp(baseline);
  if (cmp > 0 && direction === 'decrease') return 'the target is above the baseline, so the objective cannot be a decrease';
  if (cmp < 0 && direction === 'increase') return 'the target is below the baseline, so the objective cannot be an increase';
  return null;
}

const DAY = 86_400_000;
const days = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;

/** The share of the time from start to due that has passed by today, 0–1; null without a due date. */
export function expectedShare(start: string, due: string | null | undefined, today: string): number | null {
  if (!due) return null;
  const span = days(start, due);
  if (span <= 0) return today >= due ? 1 : 0;
  return Math.min(1, Math.max(0, days(start, today) / span));
}

export function progressOf(input: ProgressInput): Progress {
  const direction = directionOf(input.baseline, input.target, input.direction);
  const expected = input.start && input.today ? expectedShare(input.start, input.due, input.today) : null;
  if (input.current === null) return { direction, ratio: null, percent: null, achieved: false, expected, status: 'no_data' };
  const baseline = new Big(input.baseline);
  const target = new Big(input.target);
  const current = new Big(input.current);
  const achieved = direction === 'increase' ? current.gte(target) : current.lte(target);
  const ratio = target.eq(baseline) ? (achieved ? 1 : 0) : Number(current.minus(baseline).div(target.minus(baseline)).round(4));
  const percent = Math.min(100, Math.max(0, Math.round(ratio * 100)));
  const status: ObjectiveStatus = achieved ? 'achieved' : expected === null || ratio >= expected ? 'on_track' : 'behind';
  return { direction, ratio, percent, achieved, expected: expected === null ? null : Math.round(expected * 10_000) / 10_000, status };
}

/** A plan's overall progress: the mean of its objectives' clamped progress, 0–1 (null without data). */
export function planProgress(progresses: Progress[]): { objectives: number; achieved: number; behind: number; average: number | null } {
  const known = progresses.filter((p) => p.percent !== null);
  const average = known.length === 0 ? null : Math.round((known.reduce((sum, p) => sum + p.percent!, 0) / known.length) * 100) / 10_000;
  return { objectives: progresses.length, achieved: progresses.filter((p) => p.achieved).length, behind: progresses.filter((p) => p.status === 'behind').length, average };
}

// --- needs -------------------------------------------------------------------------------------

export interface NeedState {
  text: string;
  priority: number;
}
export interface NeedChange {
  kind: NeedChangeKind;
  fromText: string | null;
  toText: string | null;
  fromPriority: number | null;
  toPriority: number | null;
}

/** What changed between two states of a need, as timeline entries (none when nothing changed). */
export function needChanges(before: NeedState | null, after: NeedState | null): NeedChange[] {
  if (!before && !after) return [];
  if (!before) return [{ kind: 'created', fromText: null, toText: after!.text, fromPriority: null, toPriority: after!.priority }];
  if (!after) return [{ kind: 'removed', fromText: before.text, toText: null, fromPriority: before.priority, toPriority: null }];
  const changes: NeedChange[] = [];
  if (before.text !== after.text) changes.push({ kind: 'reworded', fromText: before.text, toText: after.text, fromPriority: null, toPriority: null });
  if (before.priority !== after.priority) changes.push({ kind: 'reprioritised', fromText: null, toText: null, fromPriority: before.priority, toPriority: after.priority });
  return changes;
}

/** Needs by priority (1 first), then oldest first: the ranking shown everywhere. */
export function rankNeeds<T extends { priority: number; createdAt: string | Date; id: string }>(needs: T[]): T[] {
  const time = (v: string | Date): number => (typeof v === 'string' ? Date.parse(v) : v.getTime());
  return [...needs].sort((a, b) => a.priority - b.priority || time(a.createdAt) - time(b.createdAt) || a.id.localeCompare(b.id));
}
