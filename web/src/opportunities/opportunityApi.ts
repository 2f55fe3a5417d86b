import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { paths } from '../api/schema';
import { usePagedQuery } from '../common/usePagedQuery';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

export type Opportunity = Ok<paths['/api/v1/opportunities/{id}']['get']>;
export type ForecastCategory = Opportunity['forecastCategory'];
export type Outcome = Opportunity['outcome'];
export type OpportunityCreateBody = Body<paths['/api/v1/opportunities']['post']>;
export type OpportunityPatchBody = Body<paths['/api/v1/opportunities/{id}']['patch']>;
export type OpportunityListQuery = NonNullable<paths['/api/v1/opportunities']['get']['parameters']['query']>;
export type OpportunityFilters = Omit<OpportunityListQuery, 'limit' | 'cursor' | 'sort'>;
export type OpportunityTotals = Ok<paths['/api/v1/opportunities/totals']['get']>;
export type StageChange = Ok<paths['/api/v1/opportunities/{id}/history']['get']>[number];
export type NegotiationEntry = Ok<paths['/api/v1/opportunities/{id}/negotiation']['get']>['items'][number];
export type NegotiationBody = Body<paths['/api/v1/opportunities/{id}/negotiation']['post']>;
export type NegotiationPatchBody = Body<paths['/api/v1/opportunities/{id}/negotiation/{entryId}']['patch']>;
export type StageSetting = Ok<paths['/api/v1/settings/opportunity-stages']['get']>['stages'][number];

export const FORECAST_CATEGORIES = ['pipeline', 'bestCase', 'commit', 'closed', 'omitted'] as const satisfies readonly ForecastCategory[];

export const opportunityKeys = {
  all: ['opportunities'] as const,
  list: (query: object) => ['opportunities', 'list', query] as const,
  board: (query: object) => ['opportunities', 'board', query] as const,
  totals: (query: object) => ['opportunities', 'totals', query] as const,
  one: (id: string) => ['opportunities', 'one', id] as const,
  history: (id: string) => ['opportunities', 'history', id] as const,
  negotiation: (id: string) => ['opportunities', 'negotiation', id] as const,
  stages: ['settings', 'opportunity-stages'] as const,
};

export function useOpportunities(query: OpportunityFilters & { sort?: OpportunityListQuery['sort'] }, pageSize = 25) {
  return usePagedQuery(opportunityKeys.list({ ...query, pageSize }), (cursor) =>
    call(client.GET('/api/v1/opportunities', { params: { query: { ...query, limit: pageSize, ...(cursor ? { cursor } : {}) } } })),
  );
}

/** The board: every matching opportunity (up to 500, soonest close first) in one request. */
export function useBoard(query: OpportunityFilters) {
  return useQuery({
    queryKey: opportunityKeys.board(query),
    queryFn: () => call(client.GET('/api/v1/opportunities', { params: { query: { ...query, limit: 500 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useTotals(query: OpportunityFilters) {
  return useQuery({ queryKey: opportunityKeys.totals(query), queryFn: () => call(client.GET('/api/v1/opportunities/totals', { params: { query } })), placeholderData: keepPreviousData });
}

export function useOpportunity(id: string) {
  return useQuery({ queryKey: opportunityKeys.one(id), queryFn: () => call(client.GET('/api/v1/opportunities/{id}', { params: { path: { id } } })) });
}

export function useStageHistory(id: string) {
  return useQuery({ queryKey: opportunityKeys.history(id), queryFn: () => call(client.GET('/api/v1/opportunities/{id}/history', { params: { path: { id } } })) });
}

export function useNegotiation(id: string) {
  return useQuery({ queryKey: opportunityKeys.negotiation(id), queryFn: () => call(client.GET('/api/v1/opportunities/{id}/negotiation', { params: { path: { id }, query: { limit: 500 } } })) });
}

export function useStages() {
  return useQuery({ queryKey: opportunityKeys.stages, queryFn: () => call(client.GET('/api/v1/settings/opportunity-stages')), staleTime: 5 * 60_000 });
}

function useRefreshOpportunities() {
  const queryClient = useQueryClient();
  return (o?: Opportunity) => {
    if (o) queryClient.setQueryData(opportunityKeys.one(o.id), o);
    void queryClient.invalidateQueries({ queryKey: opportunityKeys.all });
  };
}

export function useCreateOpportunity() {
  const done = useRefreshOpportunities();
  return useMutation({ mutationFn: (body: OpportunityCreateBody) => call(client.POST('/api/v1/opportunities', { body })), onSuccess: done });
}

/** A change with the version the user saw (the board sends each card's own version). */
export function useUpdateOpportunity() {
  const done = useRefreshOpportunities();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: OpportunityPatchBody }) =>
      call(client.PATCH('/api/v1/opportunities/{id}', { params: { path: { id } }, body, headers: ifMatch(version) })),
    onSuccess: done,
    onError: () => done(),
  });
}

export function useAddNegotiationEntry(opportunityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NegotiationBody) => call(client.POST('/api/v1/opportunities/{id}/negotiation', { params: { path: { id: opportunityId } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: opportunityKeys.negotiation(opportunityId) }),
  });
}

export function useUpdateNegotiationEntry(entry: NegotiationEntry) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NegotiationPatchBody) =>
      call(client.PATCH('/api/v1/opportunities/{id}/negotiation/{entryId}', { params: { path: { id: entry.opportunityId, entryId: entry.id } }, body, headers: ifMatch(entry.version) })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: opportunityKeys.negotiation(entry.opportunityId) }),
  });
}
