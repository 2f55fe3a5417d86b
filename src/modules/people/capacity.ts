/**
 * Capacity: a person's book weighed by tier against the capacity target of their role. A key
 * account asks more of its manager than a maintain account; the weights and targets are the
 * organisation's (people settings).
 */
import type { Tier } from '../scoring/scoring.ts';

/** Weight per tier; `unscored` is an account without a score yet. */
export type TierWeights = Record<Tier | 'unscored', number>;
/** Tier-weighted points a person of the role can carry at 100 %. */
export type CapacityTargets = Record<string, number>;

export const defaultTierWeights: TierWeights = { key: 4, strategic: 3, develop: 2, maintain: 1, unscored: 1 };
export const defaultCapacityTargets: CapacityTargets = { kam: 40, bd: 20, manager: 12 };

export type TierCounts = Partial<Record<Tier | 'unscored', number>>;

export const weightOf = (tier: Tier | null, weights: TierWeights): number => weights[tier ?? 'unscored'];

/** Tier-weighted account count. */
export function weightedLoad(counts: TierCounts, weights: TierWeights): number {
  return (Object.entries(counts) as [Tier | 'unscored', number][]).reduce((sum, [tier, n]) => sum + n * weights[tier], 0);
}

export interface Workload {
  load: number;
  target: number | null;
  /** load ÷ target (1 = full); null when the role has no target. */
  index: number | null;
  /** target − load (negative: over capacity); null without a target. */
  headroom: number | null;
}

export function workload(load: number, target: number | null | undefined): Workload {
  if (!target || target <= 0) return { load, target: null, index: null, headroom: null };
  return { load, target, index: round3(load / target), headroom: target - load };
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;
