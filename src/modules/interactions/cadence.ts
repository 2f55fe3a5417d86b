/**
 * Contact cadence (pure): how often each tier of account should be contacted, and whether an
 * account is overdue. Dates are calendar dates ('YYYY-MM-DD', UTC); an interaction counts on the
 * UTC date it occurred.
 *
 * Rules:
 * - The last contact is the latest interaction dated on or before today; future-dated (planned)
 *   interactions do not count until their day comes.
 * - Due date = last contact + the tier's cadence in days. An account never contacted is due on the
 *   day it was created (a new account should be contacted at once).
 * - Overdue when today is after the due date; `overdueDays` = today − due date (0 when not overdue).
 *   On the due date itself the account is due, not overdue.
 * - Accounts without a score (no tier yet) follow the `develop` cadence.
 */
import type { Tier } from '../scoring/scoring.ts';

export const interactionKinds = ['meeting', 'call', 'visit', 'email', 'note'] as const;
export type InteractionKind = (typeof interactionKinds)[number];

export const cadenceTiers = ['key', 'strategic', 'maintain', 'develop'] as const satisfies readonly Tier[];
export type CadenceDays = Record<Tier, number>;
export type KindMinutes = Record<InteractionKind, number>;

export const defaultCadence: CadenceDays = { key: 14, strategic: 21, maintain: 45, develop: 90 };
/** Time a person typically spends on each kind (minutes), used when an interaction gives none. */
export const defaultMinutes: KindMinutes = { meeting: 60, call: 20, visit: 180, email: 10, note: 5 };

export const MAX_CADENCE_DAYS = 3650;
export const MAX_MINUTES = 1440;

export interface FieldProblem {
  path: string;
  message: string;
}

export function validateCadence(days: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const tier of cadenceTiers) {
    const value = days[tier];
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_CADENCE_DAYS) {
      problems.push({ path: `cadence.${tier}`, message: `must be a whole number of days from 1 to ${MAX_CADENCE_DAYS}` });
    }
  }
  for (const key of Object.keys(days)) if (!(cadenceTiers as readonly string[]).includes(key)) problems.push({ path: `cadence.${key}`, message: 'is not a tier' });
  return problems;
}

export function validateMinutes(minutes: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const kind of interactionKinds) {
    const value = minutes[kind];
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_MINUTES) {
      problems.push({ path: `minutes.${kind}`, message: `must be a whole number of minutes from 0 to ${MAX_MINUTES}` });
    }
  }
  for (const key of Object.keys(minutes)) if (!(interactionKinds as readonly string[]).includes(key)) problems.push({ path: `minutes.${key}`, message: 'is not an interaction kind' });
  return problems;
}

const DAY_MS = 86_400_000;
const toUtc = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);

export function addDays(isoDate: string, days: number): string {
  return new Date(toUtc(isoDate) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The latest of the dates that is on or before today; null when there is none. */
export function lastContactOn(dates: readonly string[], today: string): string | null {
  let last: string | null = null;
  for (const day of dates) if (day <= today && (last === null || day > last)) last = day;
  return last;
}

export interface CadenceInput {
  today: string;
  /** The last contact (see `lastContactOn`): never in the future. */
  lastContactOn: string | null;
  /** The account's creation date: the due date of an account never contacted. */
  createdOn: string;
  tier: Tier | null;
  cadence: CadenceDays;
}

export interface CadenceStatus {
  tier: Tier;
  /** False when the account has no score yet and the develop cadence applies. */
  tierKnown: boolean;
  cadenceDays: number;
  lastContactOn: string | null;
  daysSinceContact: number | null;
  dueOn: string;
  overdue: boolean;
  overdueDays: number;
}

export function cadenceStatus(input: CadenceInput): CadenceStatus {
  const tier = input.tier ?? 'develop';
  const cadenceDays = input.cadence[tier];
  const last = input.lastContactOn !== null && input.lastContactOn <= input.today ? input.lastContactOn : null;
  const dueOn = last === null ? input.createdOn : addDays(last, cadenceDays);
  const late = daysBetween(dueOn, input.today);
  return {
    tier,
    tierKnown: input.tier !== null,
    cadenceDays,
    lastContactOn: last,
    daysSinceContact: last === null ? null : daysBetween(last, input.today),
    dueOn,
    overdue: late > 0,
    overdueDays: Math.max(0, late),
  };
}

const tierRank: Record<Tier, number> = { key: 0, strategic: 1, maintain: 2, develop: 3 };

/** Most urgent first: the longest overdue, then the more important tier, then the name. */
export function byUrgency<T extends { overdueDays: number; tier: Tier; name: string }>(a: T, b: T): number {
  return b.overdueDays - a.overdueDays || tierRank[a.tier] - tierRank[b.tier] || a.name.localeCompare(b.name);
}
