/**
 * Key-account relationship stages (McDonald, Millman & Rogers, Cranfield): from a first,
 * transactional contact to a relationship where both sides plan together. Pure logic.
 */
import type { Tier } from '../scoring/scoring.ts';

export const relationshipStages = ['exploratory', 'basic', 'cooperative', 'interdependent', 'integrated'] as const;
export type RelationshipStage = (typeof relationshipStages)[number];

export const stageRank = (stage: RelationshipStage): number => relationshipStages.indexOf(stage);

/**
 * A finding worth a manager's attention: a key or strategic account whose relationship is still
 * exploratory or basic (the score says it matters; the relationship does not match).
 */
export function stageFinding(tier: Tier | null, stage: RelationshipStage | null): 'key_account_shallow' | null {
  if (tier !== 'key' && tier !== 'strategic') return null;
  if (stage === null || stageRank(stage) <= stageRank('basic')) return 'key_account_shallow';
  return null;
}

export interface StageEntry {
  id: string;
  stage: RelationshipStage;
  since: string;
}

/** The stage in force on `day`: the entry with the latest `since` on or before it (later entry wins a tie). */
export function stageOn<T extends StageEntry>(history: readonly T[], day: string): T | null {
  let current: T | null = null;
  for (const entry of history) {
    if (entry.since > day) continue;
    if (current === null || entry.since > current.since || (entry.since === current.since && entry.id > current.id)) current = entry;
  }
  return current;
}
