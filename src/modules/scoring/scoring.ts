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
  netProfit: { axis: 'attractiveness', higherIsBetter: true, label: 'Net profit (gross profit − cost to serve), trailing 12 months' },
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
    revenue: '0.20',
    grossProfit: '0.15',
    netProfit: '0.15',
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
 * Ties share one rank; unknown values stay unknown.
 */
export function percentileRanks(values: readonly (number | null)[]): (number | null)[] {
  const known: number[] = [];
  for (let i = 0; i < values.length; i += 1) if (values[i] !== null) known.push(i);
  known.sort((x, y) => values[x]! - values[y]!);
  const ranks: (number | null)[] = new Array<number | null>(values.length).fill(null);
  // Walk runs of equal values in ascending order: each run shares one mid-rank.
  for (let start = 0; start < known.length; ) {
    let end = start + 1;
    while (end < known.length && values[known[end]!] === values[known[start]!]) end += 1;
    const rank = percentile(start, end - start, known.length);
    for (let j = start; j < end; j += 1) ranks[known[j]!] = rank;
    start = end;
  }
  return ranks;
}

export const percentile = (below: number, equal: number, count: number): number => (count === 0 ? 0 : ((below + equal / 2) / count) * 100);

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

/** A criterion's 0–100 value from its percentile rank: lower-is-better criteria count 100 − rank; unknown counts 0. */
export function normalise(key: CriterionKey, rank: number | null): number {
  if (rank === null) return 0;
  return round2(criteria[key].higherIsBetter ? rank : 100 - rank);
}

/**
 * Combines percentile ranks (of raw values where higher is better) into the account's score.
 * A criterion where lower is better counts 100 − its percentile; an unknown value counts 0.
 */
export function scoreAccount(raw: RawCriteria, percentiles: Record<CriterionKey, number | null>, model: ScoringModel): AccountScore {
  return scoreWith(weightsOf(model), raw, (key) => percentiles[key], model.thresholds);
}

interface Weight {
  key: CriterionKey;
  axis: Axis;
  text: string;
  value: number;
}

/** The model's criteria with a weight above zero, parsed once. */
const weightsOf = (model: ScoringModel): Weight[] =>
  criterionKeys
    .map((key) => ({ key, axis: criteria[key].axis, text: model.weights[key] ?? '0', value: Number(model.weights[key] ?? 0) }))
    .filter((weight) => weight.value > 0);

function scoreWith(weights: readonly Weight[], raw: RawCriteria, rankOf: (key: CriterionKey) => number | null, thresholds: ScoringModel['thresholds']): AccountScore {
  const scored = weights.map(({ key, axis, text, value }): CriterionScore => {
    const normalised = normalise(key, rankOf(key));
    return { key, axis, raw: raw[key], normalised, weight: text, contribution: round2(normalised * value) };
  });
  const normalised = Object.fromEntries(scored.map((c) => [c.key, c.normalised])) as Record<CriterionKey, number>;
  return { ...combine(weights, normalised, thresholds), criteria: scored };
}

/** The two axes (weighted sums of normalised criteria), their mean as the score, and the tier. */
function combine(weights: readonly Weight[], normalised: Record<CriterionKey, number>, thresholds: ScoringModel['thresholds']) {
  let attractiveness = 0;
  let strength = 0;
  for (const { key, axis, value } of weights) {
    if (axis === 'attractiveness') attractiveness += normalised[key] * value;
    else strength += normalised[key] * value;
  }
  attractiveness = round2(attractiveness);
  strength = round2(strength);
  // The mean of two values in hundredths, halves rounded up exactly (13.025 → 13.03, not 13.02).
  const score = Math.round((Math.round(attractiveness * 100) + Math.round(strength * 100)) / 2) / 100;
  return { score, tier: tierOf(attractiveness, strength, thresholds), attractiveness, strength };
}

export interface OrganisationScore {
  score: number;
  tier: Tier;
  attractiveness: number;
  strength: number;
  /** Every criterion's normalised value, weighted or not (kept so a later model change can explain it). */
  normalised: Record<CriterionKey, number>;
}

/** Scores every account of an organisation at once: each criterion ranked across all of them. */
export function scoreOrganisation(raws: readonly RawCriteria[], model: ScoringModel): OrganisationScore[] {
  const ranks = criterionKeys.map((key) => percentileRanks(raws.map((raw) => raw[key])));
  const weights = weightsOf(model);
  return raws.map((_, i) => {
    const normalised = {} as Record<CriterionKey, number>;
    criterionKeys.forEach((key, k) => (normalised[key] = normalise(key, ranks[k]![i] ?? null)));
    return { ...combine(weights, normalised, model.thresholds), normalised };
  });
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
