import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { currencyDigits } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { notifyKeyTierMoves } from '../notifications/service.ts';
import { getOrganisationCurrency } from '../users/service.ts';
import {
  criteria,
  criterionKeys,
  defaultModel,
  paretoAccounts,
  percentile,
  scoreAccount,
  scoreOrganisation,
  tierChangeReason,
  validateModel,
  type CriterionKey,
  type CriterionScore,
  type ScoringModel,
  type Tier,
} from './scoring.ts';
import * as store from './store.ts';

export interface ModelView extends ScoringModel {
  id: string;
  number: number;
  createdAt: string;
  createdBy: string | null;
}

const toModelView = (row: store.ModelRow): ModelView => ({
  id: row.id,
  number: row.number,
  weights: row.weights,
  thresholds: row.thresholds,
  createdAt: row.createdAt.toISOString(),
  createdBy: row.createdBy,
});

/** The model in force; an organisation that never edited one scores with the default, kept as version 1. */
async function modelInForce(ex: Executor, orgId: string, at: Date): Promise<store.ModelRow> {
  return (await store.latestModel(ex, orgId)) ?? store.insertModel(ex, { orgId, id: newId(), number: 1, ...defaultModel, createdBy: null, createdAt: at });
}

async function scoringInputs(ex: Executor, orgId: string, at: Date, accountIds?: string[]): Promise<store.ScoringInputs> {
  const currencies = await store.organisationCurrencies(ex, orgId);
  return {
    orgId,
    asOf: toIsoDate(at),
    orgCurrency: await getOrganisationCurrency(ex, orgId),
    currencyDigits: Object.fromEntries(currencies.map((c) => [c, currencyDigits(c)])),
    accountIds,
  };
}

/** Full recompute of an organisation (`patron scores recompute`, a model change, the daily roll of the 12-month window). */
export async function recomputeScores(ex: Executor, orgId: string, at: Date): Promise<{ scored: number; tierChanges: number }> {
  const model = await modelInForce(ex, orgId, at);
  const inputs = await scoringInputs(ex, orgId, at);
  const raws = await store.rawCriteria(ex, inputs);
  const scores = scoreOrganisation(raws, model);
  const moves = await store.saveAllScores(ex, { orgId, modelId: model.id, asOf: inputs.asOf, computedAt: at }, raws.map((raw, i) => ({ raw, score: scores[i]! })));
  await store.insertTierChanges(
    ex,
    moves.map((move) => ({
      orgId,
      id: newId(),
      accountId: move.accountId,
      fromTier: move.fromTier,
      toTier: move.toTier,
      score: move.score,
      reason: move.oldCriteria ? tierChangeReason(explain(move.oldCriteria, model), explain(move.newCriteria, model)) : null,
      at,
    })),
  );
  await notifyKeyTierMoves(ex, orgId, moves, at);
  return { scored: raws.length, tierChanges: moves.length };
}

/** Above this many changed accounts, re-score the whole organisation at once instead. */
export const LIVE_REFRESH_LIMIT = 25;

/**
 * The live path: after a write that changes these accounts' criteria, re-score just them against
 * the stored criteria of every other account, in the writer's transaction. Other accounts'
 * percentiles shift by at most one rank; the next full recompute settles them.
 */
export async function refreshAccountScores(ex: Executor, orgId: string, accountIds: string[], at: Date): Promise<void> {
  if (accountIds.length === 0) return;
  // Many accounts at once (an import batch): one set-based recompute beats a query chain per account.
  if (accountIds.length > LIVE_REFRESH_LIMIT || !(await store.hasScores(ex, orgId))) {
    await recomputeScores(ex, orgId, at);
    return;
  }
  const model = await modelInForce(ex, orgId, at);
  const inputs = await scoringInputs(ex, orgId, at, [...new Set(accountIds)]);
  const rows = await store.rawCriteria(ex, inputs);
  await store.deleteScores(ex, orgId, inputs.accountIds!.filter((id) => !rows.some((r) => r.accountId === id)));
  for (const raw of rows) {
    const counts = await store.rankCounts(ex, orgId, raw.accountId, raw);
    const percentiles = Object.fromEntries(
      criterionKeys.map((k) => [k, raw[k] === null ? null : percentile(counts[`${k}Below`]!, counts[`${k}Equal`]! + 1, counts[`${k}Known`]! + 1)]),
    ) as Record<CriterionKey, number | null>;
    const result = scoreAccount(raw, percentiles, model);
    const before = await store.getScore(ex, orgId, raw.accountId);
    await store.upsertScore(ex, {
      orgId,
      accountId: raw.accountId,
      modelId: model.id,
      asOf: inputs.asOf,
      ...Object.fromEntries(criterionKeys.map((k) => [k, raw[k]])),
      attractiveness: result.attractiveness.toFixed(2),
      strength: result.strength.toFixed(2),
      score: result.score.toFixed(2),
      tier: result.tier,
      criteria: Object.fromEntries(result.criteria.map((c) => [c.key, c.normalised])),
      computedAt: at,
    });
    if (before?.tier !== result.tier) {
      const reason = before ? tierChangeReason(explain(before.criteria, model), result.criteria) : null;
      await store.insertTierChanges(ex, [{ orgId, id: newId(), accountId: raw.accountId, fromTier: before?.tier ?? null, toTier: result.tier, score: result.score.toFixed(2), reason, at }]);
      await notifyKeyTierMoves(ex, orgId, [{ accountId: raw.accountId, fromTier: before?.tier ?? null, toTier: result.tier }], at);
    }
  }
}

/** Rebuilds the per-criterion explanation from stored normalised values and the model's weights. */
function explain(normalised: Record<string, number>, model: ScoringModel, raw?: Partial<Record<CriterionKey, number | null>>): CriterionScore[] {
  return criterionKeys
    .filter((k) => Number(model.weights[k] ?? 0) > 0)
    .map((key) => {
      const value = Number(normalised[key] ?? 0);
      const weight = model.weights[key]!;
      return { key, axis: criteria[key].axis, raw: raw?.[key] ?? null, normalised: value, weight, contribution: Math.round(value * Number(weight) * 100) / 100 };
    });
}

export interface AccountScoreView {
  accountId: string;
  score: number;
  tier: Tier;
  attractiveness: number;
  strength: number;
  asOf: string;
  computedAt: string;
  modelNumber: number;
  criteria: (CriterionScore & { label: string })[];
}

export async function getAccountScore(ctx: AppContext, actor: Actor, accountId: string): Promise<AccountScoreView> {
  await getVisibleAccount(ctx.db, actor, accountId);
  let row = await store.getScore(ctx.db, actor.orgId, accountId);
  if (!row) {
    await ctx.db.transaction((tx) => refreshAccountScores(tx, actor.orgId, [accountId], ctx.clock.now()));
    row = await store.getScore(ctx.db, actor.orgId, accountId);
  }
  if (!row) throw notFound('Score');
  const model = await store.getModelById(ctx.db, actor.orgId, row.modelId);
  const raw = Object.fromEntries(criterionKeys.map((k) => [k, row[k]])) as Record<CriterionKey, number | null>;
  return {
    accountId,
    score: Number(row.score),
    tier: row.tier,
    attractiveness: Number(row.attractiveness),
    strength: Number(row.strength),
    asOf: row.asOf,
    computedAt: row.computedAt.toISOString(),
    modelNumber: model?.number ?? 1,
    criteria: explain(row.criteria, model ?? defaultModel, raw).map((c) => ({ ...c, label: criteria[c.key].label })),
  };
}

export interface RankingQuery {
  limit?: number;
  cursor?: string;
  ownerId?: string;
  tier?: Tier;
  region?: string;
}

export interface RankedAccount {
  accountId: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  region: string | null;
  stage: string;
  score: number;
  tier: Tier;
  attractiveness: number;
  strength: number;
  revenue: number | null;
  grossProfit: number | null;
}

export async function listRanking(ctx: AppContext, actor: Actor, query: RankingQuery): Promise<Page<RankedAccount>> {
  await ensureScored(ctx, actor.orgId);
  const limit = query.limit ?? 50;
  const rows = await store.ranking(ctx.db, actor, {
    ownerId: query.ownerId,
    tier: query.tier,
    region: query.region,
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  return toPage(
    rows,
    limit,
    (row) => ({
      accountId: row.score.accountId,
      name: row.name,
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      region: row.region,
      stage: row.stage,
      score: Number(row.score.score),
      tier: row.score.tier,
      attractiveness: Number(row.score.attractiveness),
      strength: Number(row.score.strength),
      revenue: row.score.revenue,
      grossProfit: row.score.grossProfit,
    }),
    (row) => [row.score.score, row.score.accountId],
  );
}

async function ensureScored(ctx: AppContext, orgId: string): Promise<void> {
  if (!(await store.hasScores(ctx.db, orgId))) await ctx.db.transaction((tx) => recomputeScores(tx, orgId, ctx.clock.now()));
}

export async function getScoreHistory(ctx: AppContext, actor: Actor, accountId: string) {
  await getVisibleAccount(ctx.db, actor, accountId);
  const from = toIsoDate(new Date(ctx.clock.now().getTime() - 400 * 86_400_000));
  const [points, changes] = await Promise.all([store.listHistory(ctx.db, actor.orgId, accountId, from), store.listTierChanges(ctx.db, actor.orgId, accountId)]);
  return {
    points: points.map((p) => ({ day: p.day, score: Number(p.score), attractiveness: Number(p.attractiveness), strength: Number(p.strength), tier: p.tier })),
    tierChanges: changes.map((c) => ({ fromTier: c.fromTier, toTier: c.toTier, score: Number(c.score), reason: c.reason, at: c.at.toISOString() })),
  };
}

export async function getPortfolio(ctx: AppContext, actor: Actor) {
  await ensureScored(ctx, actor.orgId);
  const model = await modelInForce(ctx.db, actor.orgId, ctx.clock.now());
  const rows = (await store.portfolio(ctx.db, actor)).map((r) => ({
    accountId: r.accountId,
    name: r.name,
    attractiveness: Number(r.attractiveness),
    strength: Number(r.strength),
    score: Number(r.score),
    tier: r.tier,
    revenue: r.revenue ?? 0,
    grossProfit: r.grossProfit ?? 0,
  }));
  const tierCounts = { key: 0, strategic: 0, maintain: 0, develop: 0 } as Record<Tier, number>;
  for (const row of rows) tierCounts[row.tier] += 1;
  return { thresholds: model.thresholds, items: rows, tierCounts, paretoAccountIds: paretoAccounts(rows).map((r) => r.accountId) };
}

export async function getModel(ctx: AppContext, actor: Actor): Promise<ModelView> {
  return toModelView(await ctx.db.transaction((tx) => modelInForce(tx, actor.orgId, ctx.clock.now())));
}

export async function listModelVersions(ctx: AppContext, actor: Actor): Promise<ModelView[]> {
  await modelInForce(ctx.db, actor.orgId, ctx.clock.now());
  return (await store.listModels(ctx.db, actor.orgId)).map(toModelView);
}

/** A model change is a new version (the old ones stay) and re-scores the organisation at once. */
export async function updateModel(ctx: AppContext, actor: Actor, expectedNumber: number, input: ScoringModel): Promise<ModelView> {
  requireRole(actor, ['admin'], 'change the scoring model');
  const errors = validateModel(input);
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const current = await modelInForce(tx, actor.orgId, now);
    if (current.number !== expectedNumber) throw new AppError('precondition_failed', `You edited model version ${expectedNumber}; version ${current.number} is in force`);
    const created = await store.insertModel(tx, { orgId: actor.orgId, id: newId(), number: current.number + 1, weights: input.weights, thresholds: input.thresholds, createdBy: actor.userId, createdAt: now });
    await recordChange(tx, actor, now, { action: 'update', entity: 'scoring_model', entityId: actor.orgId, before: toModelView(current), after: toModelView(created) });
    await recomputeScores(tx, actor.orgId, now);
    return toModelView(created);
  });
}

export async function recomputeForActor(ctx: AppContext, actor: Actor) {
  requireRole(actor, ['admin', 'director'], 'recompute scores');
  const started = performance.now();
  const result = await ctx.db.transaction((tx) => recomputeScores(tx, actor.orgId, ctx.clock.now()));
  return { ...result, milliseconds: Math.round(performance.now() - started) };
}

/**
 * The trailing-12-month window moves every day: re-score each organisation whose scores are from
 * an earlier day. Run hourly by `patron serve`; safe with several processes.
 */
export async function recomputeStaleScores(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let recomputed = 0;
  for (const orgId of await store.organisationsScoredBefore(ctx.db, toIsoDate(now))) {
    await ctx.db.transaction(async (tx) => {
      if (!(await store.tryLockOrganisationScores(tx, orgId))) return;
      await recomputeScores(tx, orgId, now);
      recomputed += 1;
    });
  }
  return recomputed;
}
