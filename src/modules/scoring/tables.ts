import { date, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn } from '../../db/columns.ts';
import type { ScoringModel, Tier } from './scoring.ts';

/** Every version of an organisation's scoring model is kept; the highest number is in force. */
export const scoringModels = pgTable(
  'scoring_models',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    number: integer('number').notNull(),
    weights: jsonb('weights').$type<ScoringModel['weights']>().notNull(),
    thresholds: jsonb('thresholds').$type<ScoringModel['thresholds']>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('scoring_models_number_idx').on(t.orgId, t.number)],
);

/**
 * The current score of each account with its raw criteria (as columns, so one account can be
 * re-ranked against all others without recomputing them) and its explanation.
 */
export const accountScores = pgTable(
  'account_scores',
  {
    orgId: orgIdColumn(),
    accountId: uuid('account_id').notNull(),
    modelId: uuid('model_id').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    revenue: doublePrecision('revenue'),
    grossProfit: doublePrecision('gross_profit'),
    netProfit: doublePrecision('net_profit'),
    margin: doublePrecision('margin'),
    growth: doublePrecision('growth'),
    wallet: doublePrecision('wallet'),
    strategicFit: doublePrecision('strategic_fit'),
    referenceValue: doublePrecision('reference_value'),
    shareOfWallet: doublePrecision('share_of_wallet'),
    relationshipCoverage: doublePrecision('relationship_coverage'),
    severeCases: doublePrecision('severe_cases'),
    daysSinceContact: doublePrecision('days_since_contact'),
    attractiveness: numeric('attractiveness', { precision: 5, scale: 2 }).notNull(),
    strength: numeric('strength', { precision: 5, scale: 2 }).notNull(),
    score: numeric('score', { precision: 5, scale: 2 }).notNull(),
    tier: text('tier').$type<Tier>().notNull(),
    /** Normalised value (0–100) per criterion; weights and contributions come from the model. */
    criteria: jsonb('criteria').$type<Record<string, number>>().notNull(),
    computedAt: timestampColumn('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.accountId] }), index('account_scores_rank_idx').on(t.orgId, t.score, t.accountId)],
);

/** Tier moves, kept forever: from, to, when, and the criterion that moved most. */
export const tierChanges = pgTable(
  'tier_changes',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    fromTier: text('from_tier').$type<Tier>(),
    toTier: text('to_tier').$type<Tier>().notNull(),
    score: numeric('score', { precision: 5, scale: 2 }).notNull(),
    reason: jsonb('reason').$type<{ key: string; delta: number } | null>(),
    at: timestampColumn('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('tier_changes_account_idx').on(t.orgId, t.accountId, t.at)],
);

/** One point per account and day, for the score-over-time chart. */
export const scoreHistory = pgTable(
  'score_history',
  {
    orgId: orgIdColumn(),
    accountId: uuid('account_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    score: numeric('score', { precision: 5, scale: 2 }).notNull(),
    attractiveness: numeric('attractiveness', { precision: 5, scale: 2 }).notNull(),
    strength: numeric('strength', { precision: 5, scale: 2 }).notNull(),
    tier: text('tier').$type<Tier>().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.accountId, t.day] })],
);
