import Big from 'big.js';

/**
 * Opportunity stages, probabilities and forecast categories: pure rules, no I/O.
 *
 * An organisation configures its stages (ordered); each has a default probability and forecast
 * category and an outcome: `open`, or closed as `won` / `lost`. Exactly one stage is won and one is
 * lost, so other modules (quotes) can name "the won stage" whatever the organisation calls it.
 */
export const forecastCategories = ['pipeline', 'bestCase', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof forecastCategories)[number];

export const outcomes = ['open', 'won', 'lost'] as const;
export type Outcome = (typeof outcomes)[number];

export interface StageDefinition {
  /** Machine value, e.g. `negotiate`; the UI translates the default keys and shows `label` for others. */
  key: string;
  label: string | null;
  /** Default probability as a fraction, decimal text ("0.25"). */
  probability: string;
  forecastCategory: ForecastCategory;
  outcome: Outcome;
}

export const defaultStages: readonly StageDefinition[] = [
  { key: 'qualify', label: null, probability: '0.1', forecastCategory: 'pipeline', outcome: 'open' },
  { key: 'develop', label: null, probability: '0.25', forecastCategory: 'pipeline', outcome: 'open' },
  { key: 'propose', label: null, probability: '0.5', forecastCategory: 'bestCase', outcome: 'open' },
  { key: 'negotiate', label: null, probability: '0.75', forecastCategory: 'commit', outcome: 'open' },
  { key: 'won', label: null, probability: '1', forecastCategory: 'closed', outcome: 'won' },
  { key: 'lost', label: null, probability: '0', forecastCategory: 'omitted', outcome: 'lost' },
];

export const MAX_STAGES = 12;
const STAGE_KEY = /^[a-z][a-z0-9_]{0,39}$/;
const FRACTION = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;

export interface Problem {
  path: string;
  message: string;
}

/** A probability as the API takes it: a fraction 0…1 with at most 4 decimals ("0.125"). */
export function probabilityProblem(text: string): string | null {
  return FRACTION.test(text) ? null : 'must be a fraction between 0 and 1 with at most 4 decimals, like "0.25"';
}

/** "0.2500" → "0.25"; "1.0" → "1". */
export const normalFraction = (text: string): string => new Big(text).toFixed();

/** Everything wrong with a stage list an admin wants to save. */
export function validateStages(stages: readonly StageDefinition[]): Problem[] {
  const problems: Problem[] = [];
  if (stages.length < 3 || stages.length > MAX_STAGES) problems.push({ path: 'stages', message: `needs between 3 and ${MAX_STAGES} stages` });
  const seen = new Set<string>();
  stages.forEach((stage, i) => {
    const at = `stages/${i}`;
    if (!STAGE_KEY.test(stage.key)) problems.push({ path: `${at}/key`, message: 'must be lower-case letters, digits and _ (starting with a letter), at most 40' });
    if (seen.has(stage.key)) problems.push({ path: `${at}/key`, message: `${stage.key} appears twice` });
    seen.add(stage.key);
    const probability = probabilityProblem(stage.probability);
    if (probability) problems.push({ path: `${at}/probability`, message: probability });
    else if (stage.outcome === 'won' && !new Big(stage.probability).eq(1)) problems.push({ path: `${at}/probability`, message: 'the won stage has probability 1' });
    else if (stage.outcome === 'lost' && !new Big(stage.probability).eq(0)) problems.push({ path: `${at}/probability`, message: 'the lost stage has probability 0' });
    if (stage.outcome === 'won' && stage.forecastCategory !== 'closed') problems.push({ path: `${at}/forecastCategory`, message: 'the won stage is forecast as closed' });
    if (stage.outcome === 'lost' && stage.forecastCategory !== 'omitted') problems.push({ path: `${at}/forecastCategory`, message: 'the lost stage is forecast as omitted' });
    if (stage.outcome === 'open' && stage.forecastCategory === 'closed') problems.push({ path: `${at}/forecastCategory`, message: 'an open stage cannot be forecast as closed' });
  });
  for (const outcome of ['won', 'lost'] as const) {
    const count = stages.filter((s) => s.outcome === outcome).length;
    if (count !== 1) problems.push({ path: 'stages', message: `needs exactly one ${outcome} stage (has ${count})` });
  }
  return problems;
}

export const findStage = (stages: readonly StageDefinition[], key: string): StageDefinition | undefined => stages.find((s) => s.key === key);
export const wonStage = (stages: readonly StageDefinition[]): StageDefinition => stages.find((s) => s.outcome === 'won')!;
export const lostStage = (stages: readonly StageDefinition[]): StageDefinition => stages.find((s) => s.outcome === 'lost')!;

export interface Placement {
  stage: string;
  probability: string;
  forecastCategory: ForecastCategory;
}

/**
 * Where an opportunity stands after a create or change. A new stage brings its default probability
 * and forecast category unless the caller names them; a closed stage always fixes both (won: 1 and
 * closed; lost: 0 and omitted), so closed deals cannot sit in a forecast. Errors instead of a result
 * when the caller's explicit values contradict the stage.
 */
export function place(
  stages: readonly StageDefinition[],
  current: Placement | null,
  change: { stage?: string; probability?: string; forecastCategory?: ForecastCategory },
): { placement: Placement; problems: Problem[] } {
  const problems: Problem[] = [];
  const key = change.stage ?? current?.stage ?? '';
  const stage = findStage(stages, key);
  if (!stage) {
    problems.push({ path: 'stage', message: `must be one of ${stages.map((s) => s.key).join(', ')}` });
    return { placement: current ?? { stage: key, probability: '0', forecastCategory: 'pipeline' }, problems };
  }
  const moved = !current || current.stage !== stage.key;
  if (change.probability !== undefined) {
    const problem = probabilityProblem(change.probability);
    if (problem) problems.push({ path: 'probability', message: problem });
  }
  if (stage.outcome !== 'open') {
    if (change.probability !== undefined && !problems.length && !new Big(change.probability).eq(stage.probability)) {
      problems.push({ path: 'probability', message: `a ${stage.outcome} opportunity has probability ${stage.probability}` });
    }
    if (change.forecastCategory !== undefined && change.forecastCategory !== stage.forecastCategory) {
      problems.push({ path: 'forecastCategory', message: `a ${stage.outcome} opportunity is forecast as ${stage.forecastCategory}` });
    }
    return { placement: { stage: stage.key, probability: normalFraction(stage.probability), forecastCategory: stage.forecastCategory }, problems };
  }
  if (change.forecastCategory === 'closed') problems.push({ path: 'forecastCategory', message: 'only a won opportunity is forecast as closed' });
  const probability = change.probability ?? (moved ? stage.probability : current!.probability);
  const forecastCategory = change.forecastCategory ?? (moved ? stage.forecastCategory : current!.forecastCategory);
  return { placement: { stage: stage.key, probability: problems.length ? stage.probability : normalFraction(probability), forecastCategory }, problems };
}

/** amount × probability, rounded half-up to whole minor units. */
export function weighted(minor: bigint, probability: string): bigint {
  return BigInt(new Big(minor.toString()).times(probability).round(0, Big.roundHalfUp).toFixed(0));
}

export interface OwnerTotal {
  ownerId: string | null;
  count: number;
  /** Minor units of the organisation's currency. */
  amount: bigint;
  weightedAmount: bigint;
}

/**
 * Per-owner sums of opportunities already converted to one currency. Each opportunity is weighted
 * (and rounded) on its own, so an owner's weighted total is the sum of what their deals show.
 * Owners in order of weighted total, largest first; null owner last.
 */
export function ownerTotals(rows: readonly { ownerId: string | null; amount: bigint; probability: string }[]): OwnerTotal[] {
  const byOwner = new Map<string | null, OwnerTotal>();
  for (const row of rows) {
    let total = byOwner.get(row.ownerId);
    if (!total) byOwner.set(row.ownerId, (total = { ownerId: row.ownerId, count: 0, amount: 0n, weightedAmount: 0n }));
    total.count += 1;
    total.amount += row.amount;
    total.weightedAmount += weighted(row.amount, row.probability);
  }
  return [...byOwner.values()].sort((a, b) => {
    if ((a.ownerId === null) !== (b.ownerId === null)) return a.ownerId === null ? 1 : -1;
    return descending(a.weightedAmount, b.weightedAmount) || descending(a.amount, b.amount);
  });
}

const descending = (a: bigint, b: bigint): number => (a === b ? 0 : a > b ? -1 : 1);
