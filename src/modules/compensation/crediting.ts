/**
 * Who is credited with a revenue line or a won deal, and why. Pure: sources, manual splits, the
 * organisation's rules, reporting lines and handovers in; one credit share per payee out.
 *
 * - Default: the account's owner, revenue share 1.
 * - A manual split replaces the default (revenue splits total exactly 1; overlays add beyond).
 * - Rules add overlay credit: the manager of each revenue payee (`managerOverlay`), and the BD who
 *   handed the account over, for `months` after the handover was accepted (`sourcingOverlay`).
 */
import Big from 'big.js';

export type SourceType = 'transaction' | 'opportunity';
export type SplitType = 'revenue' | 'overlay';
export type CreditReason = 'owner' | 'split' | 'manager' | 'sourcing';

export interface StoredSplit {
  userId: string;
  type: SplitType;
  /** A fraction as a decimal string ("0.60"). */
  share: string;
}

export interface CreditingRules {
  managerOverlay: { share: string } | null;
  sourcingOverlay: { share: string; months: number } | null;
}

export const DEFAULT_RULES: CreditingRules = { managerOverlay: null, sourcingOverlay: null };

export interface CreditSource {
  sourceType: SourceType;
  sourceId: string;
  accountId: string;
  ownerId: string | null;
  /** Credit date, YYYY-MM-DD. */
  date: string;
}

export interface Handover {
  accountId: string;
  fromUserId: string;
  /** The day the receiving KAM accepted (YYYY-MM-DD). */
  acceptedOn: string;
}

export interface CreditShare {
  payeeId: string;
  type: SplitType;
  share: string;
  reason: CreditReason;
}

export interface CreditingContext {
  rules: CreditingRules;
  /** Manual splits by `${sourceType}:${sourceId}`. */
  splits: ReadonlyMap<string, readonly StoredSplit[]>;
  managerOf: ReadonlyMap<string, string | null>;
  /** Accepted handovers by account, any order. */
  handovers: ReadonlyMap<string, readonly Handover[]>;
}

export const splitKey = (sourceType: SourceType, sourceId: string): string => `${sourceType}:${sourceId}`;

/** Adds `months` calendar months to a date, clamped to the month's end (Jan 31 + 1 → Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The shares of one source: revenue first (in split order), then overlays. Empty when nobody is credited. */
export function creditShares(source: CreditSource, context: CreditingContext): CreditShare[] {
  const manual = context.splits.get(splitKey(source.sourceType, source.sourceId));
  const base: CreditShare[] = manual
    ? manual.map((s) => ({ payeeId: s.userId, type: s.type, share: s.share, reason: 'split' as const }))
    : source.ownerId
      ? [{ payeeId: source.ownerId, type: 'revenue', share: '1', reason: 'owner' }]
      : [];
  const overlays: CreditShare[] = [];
  const { managerOverlay, sourcingOverlay } = context.rules;
  if (managerOverlay) {
    for (const revenue of base.filter((s) => s.type === 'revenue')) {
      const manager = context.managerOf.get(revenue.payeeId);
      if (manager) overlays.push({ payeeId: manager, type: 'overlay', share: new Big(revenue.share).times(managerOverlay.share).toFixed(), reason: 'manager' });
    }
  }
  if (sourcingOverlay) {
    for (const handover of context.handovers.get(source.accountId) ?? []) {
      if (source.date >= handover.acceptedOn && source.date < addMonths(handover.acceptedOn, sourcingOverlay.months)) {
        overlays.push({ payeeId: handover.fromUserId, type: 'overlay', share: sourcingOverlay.share, reason: 'sourcing' });
      }
    }
  }
  return [...base, ...mergeOverlays(base, overlays)];
}

/** One overlay per payee: shares of the same payee add up (at most 1); manual overlays already in `base` absorb rule ones. */
function mergeOverlays(base: readonly CreditShare[], overlays: readonly CreditShare[]): CreditShare[] {
  const merged = new Map<string, CreditShare>();
  for (const overlay of overlays) {
    const manual = base.find((s) => s.type === 'overlay' && s.payeeId === overlay.payeeId);
    if (manual) continue;
    const seen = merged.get(overlay.payeeId);
    if (!seen) merged.set(overlay.payeeId, { ...overlay });
    else {
      const sum = new Big(seen.share).plus(overlay.share);
      seen.share = (sum.gt(1) ? new Big(1) : sum).toFixed();
    }
  }
  return [...merged.values()];
}

export interface SplitProblem {
  path: string;
  message: string;
}

const SHARE = /^\d(\.\d{1,12})?$/;

/** A manual split as COMP-PLANS.md wants it: revenue shares total exactly 1, each share in (0, 1], one entry per payee and type. */
export function splitProblems(splits: readonly StoredSplit[]): SplitProblem[] {
  const problems: SplitProblem[] = [];
  if (splits.length === 0) return [{ path: 'splits', message: 'must name at least one payee' }];
  let revenue = new Big(0);
  const seen = new Set<string>();
  splits.forEach((split, i) => {
    const key = `${split.type}:${split.userId}`;
    if (seen.has(key)) problems.push({ path: `splits[${i}]`, message: `this person already has a ${split.type} split on this deal` });
    seen.add(key);
    if (!SHARE.test(split.share) || new Big(split.share).gt(1) || new Big(split.share).eq(0)) {
      problems.push({ path: `splits[${i}].share`, message: 'must be a fraction greater than 0 and at most 1, like "0.60"' });
    } else if (split.type === 'revenue') {
      revenue = revenue.plus(split.share);
    }
  });
  if (problems.length === 0 && !revenue.eq(1)) {
    problems.push({ path: 'splits', message: `revenue splits total ${revenue.times(100).toFixed()} %; they must total exactly 100 % (overlays may add beyond it)` });
  }
  return problems;
}

export function rulesProblems(rules: CreditingRules): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const share = (value: string, path: string) => {
    if (!SHARE.test(value) || new Big(value).gt(1) || new Big(value).eq(0)) problems.push({ path, message: 'must be a fraction greater than 0 and at most 1, like "0.50"' });
  };
  if (rules.managerOverlay) share(rules.managerOverlay.share, 'managerOverlay.share');
  if (rules.sourcingOverlay) {
    share(rules.sourcingOverlay.share, 'sourcingOverlay.share');
    const { months } = rules.sourcingOverlay;
    if (!Number.isInteger(months) || months < 1 || months > 60) problems.push({ path: 'sourcingOverlay.months', message: 'must be a whole number of months from 1 to 60' });
  }
  return problems;
}
