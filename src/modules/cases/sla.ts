/**
 * Case SLAs and escalation (pure). Times are epoch milliseconds.
 *
 * Rules:
 * - A case's SLA period comes from its severity by the organisation's setting (hours per severity).
 * - Due time = opened at + period + time spent resolved (the clock stops while a case is resolved
 *   and the customer is checking the fix; a reopened case has the rest of its period left).
 * - The escalation level at a time: 0 before the due time; 1 from the due instant itself; +1 for
 *   each further whole period; capped at 3. A case that is resolved or closed stops its clock at
 *   the moment it was resolved: it escalates no further.
 * - The level never goes down (a reopened or re-graded case keeps the level it reached).
 * - Status flow: open → in_progress → resolved → closed; open → resolved directly; resolved → open
 *   (reopen). Resolving needs a resolution text.
 */

export const severities = [1, 2, 3, 4] as const;
export type Severity = (typeof severities)[number];

export const caseStatuses = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const defaultCategories = ['delivery', 'quality', 'billing', 'service', 'contract', 'other'] as const;

/** SLA hours per severity. */
export interface SlaHours {
  sev1: number;
  sev2: number;
  sev3: number;
  sev4: number;
}
export const defaultSlaHours: SlaHours = { sev1: 4, sev2: 24, sev3: 72, sev4: 168 };
export const MAX_SLA_HOURS = 24 * 365;
export const MAX_LEVEL = 3;

const HOUR = 3_600_000;

export function slaPeriodMs(severity: Severity, hours: SlaHours): number {
  return hours[`sev${severity}`] * HOUR;
}

/** The due time of a case that has spent `pausedMs` resolved since it opened. */
export function dueAt(openedAt: number, periodMs: number, pausedMs = 0): number {
  return openedAt + periodMs + pausedMs;
}

export interface SlaClock {
  dueAt: number;
  periodMs: number;
  /** When the clock stopped (the case was resolved), or null while it runs. */
  stoppedAt: number | null;
}

/** The escalation level the SLA calls for at `at` (0..3). */
export function levelAt(clock: SlaClock, at: number): number {
  const effective = clock.stoppedAt !== null && clock.stoppedAt < at ? clock.stoppedAt : at;
  if (effective < clock.dueAt) return 0;
  if (clock.periodMs <= 0) return MAX_LEVEL;
  return Math.min(MAX_LEVEL, 1 + Math.floor((effective - clock.dueAt) / clock.periodMs));
}

/** Breached: the SLA passed before the case was resolved (or before `at`, while it runs). */
export const isBreached = (clock: SlaClock, at: number): boolean => levelAt(clock, at) >= 1;

/** When a running case at `level` next escalates; null at the cap or while the clock is stopped. */
export function nextEscalationAt(clock: SlaClock, level: number): number | null {
  if (clock.stoppedAt !== null || level >= MAX_LEVEL) return null;
  return clock.dueAt + Math.max(0, level) * clock.periodMs;
}

/** Milliseconds from opening to (the last) resolution; null while unresolved. */
export function timeToResolveMs(openedAt: number, resolvedAt: number | null): number | null {
  return resolvedAt === null ? null : Math.max(0, resolvedAt - openedAt);
}

const allowed: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['in_progress', 'resolved'],
  in_progress: ['resolved'],
  resolved: ['closed', 'open'],
  closed: [],
};

export const allowedTransitions = (from: CaseStatus): readonly CaseStatus[] => allowed[from];

/** Null when `from → to` is allowed; otherwise why not, in words a person understands. */
export function transitionError(from: CaseStatus, to: CaseStatus): string | null {
  if (allowed[from].includes(to)) return null;
  if (from === to) return `The case is already ${from.replace('_', ' ')}`;
  if (from === 'closed') return 'A closed case cannot change any more; open a new case instead';
  const options = allowed[from].map((s) => s.replace('_', ' ')).join(' or ');
  return `A case that is ${from.replace('_', ' ')} can move to ${options}, not to ${to.replace('_', ' ')}`;
}

/** Open severity-1/2 cases weigh on the account (scoring's strength, health). */
export const isSevereOpen = (severity: number, status: CaseStatus): boolean => severity <= 2 && (status === 'open' || status === 'in_progress');

/** Errors in an SLA setting (hours per severity: whole hours, 1..8760, not shorter for a lower severity). */
export function validateSlaHours(hours: SlaHours): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  for (const key of ['sev1', 'sev2', 'sev3', 'sev4'] as const) {
    const value = hours[key];
    if (!Number.isInteger(value) || value < 1 || value > MAX_SLA_HOURS) errors.push({ path: `hours/${key}`, message: `must be a whole number of hours from 1 to ${MAX_SLA_HOURS}` });
  }
  if (errors.length > 0) return errors;
  if (hours.sev1 > hours.sev2) errors.push({ path: 'hours/sev2', message: 'cannot be shorter than severity 1' });
  if (hours.sev2 > hours.sev3) errors.push({ path: 'hours/sev3', message: 'cannot be shorter than severity 2' });
  if (hours.sev3 > hours.sev4) errors.push({ path: 'hours/sev4', message: 'cannot be shorter than severity 3' });
  return errors;
}

/** Errors in a category list: 1..30 distinct lower-case keys ([a-z0-9_], 1..40 characters). */
export function validateCategories(categories: readonly string[]): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (categories.length === 0) errors.push({ path: 'categories', message: 'needs at least one category' });
  const seen = new Set<string>();
  categories.forEach((c, i) => {
    if (!/^[a-z0-9_]{1,40}$/.test(c)) errors.push({ path: `categories/${i}`, message: 'must be 1–40 characters a–z, 0–9 or _' });
    else if (seen.has(c)) errors.push({ path: `categories/${i}`, message: `${c} is listed twice` });
    seen.add(c);
  });
  return errors;
}
