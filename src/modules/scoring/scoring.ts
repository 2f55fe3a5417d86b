import Big from 'big.js';
import type { FieldError } from '../../core/errors.ts';

/**
 * Key-account scoring (DESIGN.md capability 2). Each criterion's raw value is normalised to 0–100
 * by its percentile rank across the organisation's accounts, so one giant account does not flatten
 * the rest; the weighted criteria of each axis give attractiveness and strength, and the two axes
 * give the tier (the attractiveness × strength portfolio matrix). Pure: no I/O.
 */
export const axes = ['attractiveness', 'strength'] as const;
export type Axis = (typeof axes)[number];

export const criteria = {
  revenue: { axis: 'attractiveness', higherIsBetter: true, label: 'Revenue, trailing 12 months' },
  grossProfit: { axis: 'attractiveness', higherIsBetter: true, label: 'Gross profit, trailing 12 months' },
  margin: { axis: 'attractiveness', higherIsBetter: true, label: 'Gross margin, trailing 12 months' },
  growth: { axis: 'attractiveness', higherIsBetter: true, label: 'Revenue growth vs the previous 12 months' },
  wallet: { axis: 'attractiveness', higherIsBetter: true, label: 'Estimated wallet (potential) per year' },
  strategicFit: { axis: 'attractiveness', higherIsBetter: true, label: 'Strategic fit (0–5)' },
  referenceValue: { axis: 'attractiveness', higherIsBetter: true, label: 'Reference value (0–5)' },
  shareOfWallet: { axis: 'strength', higherIsBetter: true, label: 'Share of wallet: our revenue ÷ estimated wallet' },
  relationshipCoverage: { axis: 'strength', higherIsBetter: true, label: 'Buying roles covered by a positive relationship' },
  severeCases: { axis: 'strength', higherIsBetter: false, label: 'Open severity 1–2 cases' },
  daysSinceContact: { axis: 'strength', higherIsBetter: false, label: 'Days since the last contact' },
} as const satisfies Record<string, { axis: Axis; higherIsBetter: boolean; label: string }>;

export type CriterionKey = keyof typeof criteria;
export const criterionKeys = Object.keys(criteria) as CriterionKey[];

export const tiers = ['key', 'strategic', 'maintain', 'develop'] as const;
export type Tier = (typeof tiers)[number];

export interface ScoringModel {
  /** Weight per criterion as a decimal string; the weights of each axis sum to exactly 1. */
  weights: Partial<Record<CriterionKey, string>>;
  /** An axis value at or above its threshold counts as "high". */
  thresholds: { attractiveness: number; strength: number };
}

export const defaultModel: ScoringModel = {
  weights: {
    revenue: '0.25',
    grossProfit: '0.25',
    margin: '0.10',
    growth: '0.15',
    wallet: '0.10',
    strategicFit: '0.10',
    referenceValue: '0.05',
    shareOfWallet: '0.30',
    relationshipCoverage: '0.30',
    severeCases: '0.15',
    daysSinceContact: '0.25',
  },
  thresholds: { attractiveness: 60, strength: 50 },
};

export function validateModel(model: ScoringModel): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, weight] of Object.entries(model.weights)) {
    if (!(key in criteria)) errors.push({ path: `weights.${key}`, message: 'is not a known criterion' });
    else if (!/^\d(\.\d{1,4})?$/.test(weight ?? '') || new Big(weight!).gt(1)) errors.push({ path: `weights.${key}`, message: 'must be a decimal from 0 to 1' });
  }
  if (errors.length > 0) return errors;
  for (const axis of axes) {
    const sum = criterionKeys.filter((k) => criteria[k].axis === axis).reduce((total, k) => total.plus(model.weights[k] ?? '0'), new Big(0));
    if (!sum.eq(1)) errors.push({ path: `weights`, message: `the ${axis} weights sum to ${sum.toString()}, not 1` });
  }
  for (const axis of axes) {
    const value = model.thresholds[axis];
    if (!Number.isFinite(value) || value < 0 || value > 100) errors.push({ path: `thresholds.${axis}`, message: 'must be from 0 to 100' });
  }
  return errors;
}

/**
 * Mid-rank percentile, 0–100: (values below + half the values equal, itself included) ÷ count.
 * Ties share one rank; unknown values stay unknown. The SQL recompute uses the same definition.
 */
export function percentileRanks(values: readonly (number | null)[]): (number | null)[] {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const n = known.length;
  return values.map((value) => {
    if (value === null) return null;
    const below = lowerBound(known, value);
    const equal = lowerBound(known, value, true) - below;
    return percentile(below, equal, n);
  });
}

export const percentile = (below: number, equal: number, count: number): number => (count === 0 ? 0 : ((below + equal / 2) / count) * 100);

function lowerBound(sorted: number[], value: number, inclusive = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inclusive ? sorted[mid]! <= value : sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type RawCriteria = Record<CriterionKey, number | null>;

export interface CriterionScore {
  key: CriterionKey;
  axis: Axis;
  raw: number | null;
  normalised: number;
  weight: string;
  contribution: number;
}

export interface AccountScore {
  score: number;
  tier: Tier;
  attractiveness: number;
  strength: number;
  criteria: CriterionScore[];
}

/**
 * Combines percentile ranks (of raw values where higher is better) into the account's score.
 * A criterion where lower is better counts 100 − its percentile; an unknown value counts 0.
 */
export function scoreAccount(raw: RawCriteria, percentiles: Record<CriterionKey, number | null>, model: ScoringModel): AccountScore {
  const scored = criterionKeys
    .filter((key) => model.weights[key] !== undefined && new Big(model.weights[key]!).gt(0))
    .map((key): CriterionScore => {
      const spec = criteria[key];
      const rank = percentiles[key];
      const normalised = rank === null ? 0 : spec.higherIsBetter ? rank : 100 - rank;
      const weight = model.weights[key]!;
      return { key, axis: spec.axis, raw: raw[key], normalised: round2(normalised), weight, contribution: round2(normalised * Number(weight)) };
    });
  const axisValue = (axis: Axis) => round2(scored.filter((c) => c.axis === axis).reduce((sum, c) => sum + c.normalised * Number(c.weight), 0));
  const attractiveness = axisValue('attractiveness');
  const strength = axisValue('strength');
  return { score: round2((attractiveness + strength) / 2), tier: tierOf(attractiveness, strength, model.thresholds), attractiveness, strength, criteria: scored };
}

export function tierOf(attractiveness: number, strength: number, thresholds: ScoringModel['thresholds']): Tier {
  const attractive = attractiveness >= thresholds.attractiveness;
  const strong = strength >= thresholds.strength;
  if (attractive) return strong ? 'key' : 'strategic';
  return strong ? 'maintain' : 'develop';
}

/** Why a tier changed: the criterion whose contribution moved the most, with its direction. */
export function tierChangeReason(before: CriterionScore[], after: CriterionScore[]): { key: CriterionKey; delta: number } | null {
  let best: { key: CriterionKey; delta: number } | null = null;
  for (const now of after) {
    const then = before.find((c) => c.key === now.key);
    const delta = round2(now.contribution - (then?.contribution ?? 0));
    if (!best || Math.abs(delta) > Math.abs(best.delta)) best = { key: now.key, delta };
  }
  return best && best.delta !== 0 ? best : null;
}

/** The accounts that together make `share` (80 %) of positive gross profit, biggest first. */
export function paretoAccounts<T extends { grossProfit: number }>(accounts: readonly T[], share = 0.8): T[] {
  const positive = accounts.filter((a) => a.grossProfit > 0).sort((a, b) => b.grossProfit - a.grossProfit);
  const total = positive.reduce((sum, a) => sum + a.grossProfit, 0);
  const chosen: T[] = [];
  let running = 0;
  for (const account of positive) {
    if (running >= total * share) break;
    chosen.push(account);
    running += account.grossProfit;
  }
  return chosen;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
