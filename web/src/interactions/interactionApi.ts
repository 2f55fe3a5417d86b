import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

export type Interaction = Ok<paths['/api/v1/interactions/{id}']['get']>;
export type InteractionKind = Interaction['kind'];
export type InteractionCreateBody = Body<paths['/api/v1/accounts/{id}/interactions']['post']>;
export type InteractionPatchBody = Body<paths['/api/v1/interactions/{id}']['patch']>;
export type Engagement = Ok<paths['/api/v1/accounts/{id}/engagement']['get']>;
export type Tier = Engagement['tier'];
export type NextStep = Ok<paths['/api/v1/next-steps']['get']>['items'][number];
export type OverdueAccount = Ok<paths['/api/v1/engagement/overdue']['get']>['items'][number];
export type RelationshipStageView = Ok<paths['/api/v1/accounts/{id}/relationship-stage']['get']>;
export type RelationshipStage = NonNullable<RelationshipStageView['current']>['stage'];
export type CostToServe = Ok<paths['/api/v1/accounts/{id}/cost-to-serve']['get']>;
export type EngagementSettings = Ok<paths['/api/v1/settings/cadence']['get']>;
export type CostRates = Ok<paths['/api/v1/settings/cost-rates']['get']>;
export type Home = Ok<paths['/api/v1/me/home']['get']>;

export const INTERACTION_KINDS = ['meeting', 'call', 'visit', 'email', 'note'] as const satisfies readonly InteractionKind[];
export const TIERS = ['key', 'strategic', 'maintain', 'develop'] as const satisfies readonly Tier[];
export const RELATIONSHIP_STAGES = ['exploratory', 'basic', 'cooperative', 'interdependent', 'integrated'] as const satisfies readonly RelationshipStage[];
export const SENTIMENTS = [-2, -1, 0, 1, 2] as const;

export const engagementKeys = {
  interactions: (accountId: string) => ['interactions', accountId] as const,
  engagement: (accountId: string) => ['engagement', accountId] as const,
  stage: (accountId: string) => ['relationship-stage', accountId] as const,
  cost: (accountId: string, from: string, to: string) => ['cost-to-serve', accountId, from, to] as const,
  settings: ['settings', 'cadence'] as const,
  costRates: ['settings', 'cost-rates'] as const,
  home: ['me', 'home'] as const,
};

const PAGE = 20;

/** The account's interactions, newest first, a page at a time ("show more"). */
export function useInteractions(accountId: string) {
  return useInfiniteQuery({
    queryKey: engagementKeys.interactions(accountId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(client.GET('/api/v1/accounts/{id}/interactions', { params: { path: { id: accountId }, query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useEngagement(accountId: string) {
  return useQuery({ queryKey: engagementKeys.engagement(accountId), queryFn: () => call(client.GET('/api/v1/accounts/{id}/engagement', { params: { path: { id: accountId } } })) });
}

export function useRelationshipStage(accountId: string) {
  return useQuery({ queryKey: engagementKeys.stage(accountId), queryFn: () => call(client.GET('/api/v1/accounts/{id}/relationship-stage', { params: { path: { id: accountId } } })) });
}

export function useCostToServe(accountId: string, from: string, to: string) {
  return useQuery({
    queryKey: engagementKeys.cost(accountId, from, to),
    queryFn: () => call(client.GET('/api/v1/accounts/{id}/cost-to-serve', { params: { path: { id: accountId }, query: { from, to } } })),
    placeholderData: keepPreviousData,
  });
}

export function useEngagementSettings() {
  return useQuery({ queryKey: engagementKeys.settings, queryFn: () => call(client.GET('/api/v1/settings/cadence')) });
}

export function useCostRates() {
  return useQuery({ queryKey: engagementKeys.costRates, queryFn: () => call(client.GET('/api/v1/settings/cost-rates')) });
}

export function useHome() {
  return useQuery({ queryKey: engagementKeys.home, queryFn: () => call(client.GET('/api/v1/me/home')) });
}

/** After any change to an account's interactions: its timeline, cadence, cost, score and the home page. */
export function useInvalidateEngagement() {
  const queryClient = useQueryClient();
  return (accountId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: engagementKeys.interactions(accountId) }),
      queryClient.invalidateQueries({ queryKey: engagementKeys.engagement(accountId) }),
      queryClient.invalidateQueries({ queryKey: ['cost-to-serve', accountId] }),
      queryClient.invalidateQueries({ queryKey: engagementKeys.home }),
      queryClient.invalidateQueries({ queryKey: ['relationship-stage', accountId] }),
    ]);
}

export function useCreateInteraction(accountId: string) {
  const invalidate = useInvalidateEngagement();
  return useMutation({
    mutationFn: (body: InteractionCreateBody) => call(client.POST('/api/v1/accounts/{id}/interactions', { params: { path: { id: accountId } }, body })),
    onSuccess: () => invalidate(accountId),
  });
}

export function useUpdateInteraction(accountId: string) {
  const invalidate = useInvalidateEngagement();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: InteractionPatchBody }) =>
      call(client.PATCH('/api/v1/interactions/{id}', { params: { path: { id } }, body, headers: ifMatch(version) })),
    onSettled: () => invalidate(accountId),
  });
}

export function useDeleteInteraction(accountId: string) {
  const invalidate = useInvalidateEngagement();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => call(client.DELETE('/api/v1/interactions/{id}', { params: { path: { id } }, headers: ifMatch(version) })),
    onSettled: () => invalidate(accountId),
  });
}

/** Today's date in the browser ('YYYY-MM-DD', local calendar). */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
