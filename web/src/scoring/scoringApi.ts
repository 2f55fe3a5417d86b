import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { components, paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;

export type Tier = components['schemas']['RankedAccount']['tier'];
export type RankedAccount = components['schemas']['RankedAccount'];
export type AccountScore = components['schemas']['AccountScore'];
export type Criterion = AccountScore['criteria'][number];
export type CriterionKey = Criterion['key'];
export type ScoringModel = components['schemas']['ScoringModel'];
export type Portfolio = Json<paths['/api/v1/scores/portfolio']['get']['responses'][200]>;
export type PortfolioItem = Portfolio['items'][number];
export type ScoreHistory = Json<paths['/api/v1/accounts/{id}/score/history']['get']['responses'][200]>;
export type RecomputeResult = Json<paths['/api/v1/scores/recompute']['post']['responses'][200]>;
export type RankingQuery = NonNullable<paths['/api/v1/scores/ranking']['get']['parameters']['query']>;
export type ModelPut = paths['/api/v1/scoring/model']['put']['requestBody']['content']['application/json'];

export const TIERS = ['key', 'strategic', 'maintain', 'develop'] as const satisfies readonly Tier[];

/** The criteria of each axis, in the order the server lists them. */
export const AXIS_CRITERIA = {
  attractiveness: ['revenue', 'grossProfit', 'netProfit', 'margin', 'growth', 'wallet', 'strategicFit', 'referenceValue'],
  strength: ['shareOfWallet', 'relationshipCoverage', 'severeCases', 'daysSinceContact'],
} as const satisfies Record<'attractiveness' | 'strength', readonly CriterionKey[]>;
export type Axis = keyof typeof AXIS_CRITERIA;
export const AXES = ['attractiveness', 'strength'] as const satisfies readonly Axis[];

export const scoringKeys = {
  all: ['scoring'] as const,
  ranking: (q: RankingQuery) => ['scoring', 'ranking', q] as const,
  portfolio: ['scoring', 'portfolio'] as const,
  score: (accountId: string) => ['scoring', 'score', accountId] as const,
  history: (accountId: string) => ['scoring', 'history', accountId] as const,
  model: ['scoring', 'model'] as const,
  models: ['scoring', 'models'] as const,
};

export function useRanking(query: RankingQuery) {
  return useQuery({
    queryKey: scoringKeys.ranking(query),
    queryFn: () => call(client.GET('/api/v1/scores/ranking', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePortfolio() {
  return useQuery({ queryKey: scoringKeys.portfolio, queryFn: () => call(client.GET('/api/v1/scores/portfolio')) });
}

export function useAccountScore(accountId: string) {
  return useQuery({ queryKey: scoringKeys.score(accountId), queryFn: () => call(client.GET('/api/v1/accounts/{id}/score', { params: { path: { id: accountId } } })) });
}

export function useScoreHistory(accountId: string) {
  return useQuery({ queryKey: scoringKeys.history(accountId), queryFn: () => call(client.GET('/api/v1/accounts/{id}/score/history', { params: { path: { id: accountId } } })) });
}

export function useScoringModel() {
  return useQuery({ queryKey: scoringKeys.model, queryFn: () => call(client.GET('/api/v1/scoring/model')) });
}

export function useScoringModels() {
  return useQuery({ queryKey: scoringKeys.models, queryFn: () => call(client.GET('/api/v1/scoring/models')) });
}

/** PUT the model with If-Match: the number it was edited from. Every score changes with it. */
export function useSaveScoringModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, number }: { body: ModelPut; number: number }) => call(client.PUT('/api/v1/scoring/model', { body, headers: ifMatch(number) })),
    onSuccess: (model) => {
      queryClient.setQueryData(scoringKeys.model, model);
      void queryClient.invalidateQueries({ queryKey: scoringKeys.all });
    },
  });
}

export function useRecompute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(client.POST('/api/v1/scores/recompute')),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: scoringKeys.all }),
  });
}
