import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

export type Case = Ok<paths['/api/v1/cases/{id}']['get']>;
export type CaseStatus = Case['status'];
export type CaseEvent = Ok<paths['/api/v1/cases/{id}/events']['get']>['items'][number];
export type CaseCreateBody = Body<paths['/api/v1/accounts/{id}/cases']['post']>;
export type CasePatchBody = Body<paths['/api/v1/cases/{id}']['patch']>;
export type CaseSettings = Ok<paths['/api/v1/settings/case-sla']['get']>;
export type CaseSettingsBody = Body<paths['/api/v1/settings/case-sla']['put']>;
export type CaseListQuery = NonNullable<paths['/api/v1/cases']['get']['parameters']['query']>;

export const CASE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const satisfies readonly CaseStatus[];
export const SEVERITIES = [1, 2, 3, 4] as const;

export const caseKeys = {
  list: (query: CaseListQuery) => ['cases', 'list', query] as const,
  account: (accountId: string) => ['cases', 'account', accountId] as const,
  one: (id: string) => ['cases', 'one', id] as const,
  events: (id: string) => ['cases', 'events', id] as const,
  settings: ['settings', 'case-sla'] as const,
};

const PAGE = 25;

export function useCases(query: Omit<CaseListQuery, 'limit' | 'cursor'>) {
  return useInfiniteQuery({
    queryKey: caseKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(client.GET('/api/v1/cases', { params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAccountCases(accountId: string) {
  return useInfiniteQuery({
    queryKey: caseKeys.account(accountId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(client.GET('/api/v1/accounts/{id}/cases', { params: { path: { id: accountId }, query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.one(id), queryFn: () => call(client.GET('/api/v1/cases/{id}', { params: { path: { id } } })) });
}

export function useCaseEvents(id: string) {
  return useQuery({ queryKey: caseKeys.events(id), queryFn: () => call(client.GET('/api/v1/cases/{id}/events', { params: { path: { id }, query: { limit: 500 } } })) });
}

export function useCaseSettings() {
  return useQuery({ queryKey: caseKeys.settings, queryFn: () => call(client.GET('/api/v1/settings/case-sla')), staleTime: 5 * 60_000 });
}

function useInvalidateCases() {
  const queryClient = useQueryClient();
  return (c: Case) => {
    queryClient.setQueryData(caseKeys.one(c.id), c);
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
    void queryClient.invalidateQueries({ queryKey: ['health'] });
    void queryClient.invalidateQueries({ queryKey: ['me', 'home'] });
  };
}

export function useCreateCase(accountId: string) {
  const done = useInvalidateCases();
  return useMutation({
    mutationFn: (body: CaseCreateBody) => call(client.POST('/api/v1/accounts/{id}/cases', { params: { path: { id: accountId } }, body })),
    onSuccess: done,
  });
}

export function useUpdateCase(c: Case) {
  const done = useInvalidateCases();
  return useMutation({
    mutationFn: (body: CasePatchBody) => call(client.PATCH('/api/v1/cases/{id}', { params: { path: { id: c.id } }, body, headers: ifMatch(c.version) })),
    onSuccess: done,
  });
}

export function useTransitionCase(c: Case) {
  const done = useInvalidateCases();
  return useMutation({
    mutationFn: (body: { to: CaseStatus; resolution?: string }) =>
      call(client.POST('/api/v1/cases/{id}/transitions', { params: { path: { id: c.id } }, body, headers: ifMatch(c.version) })),
    onSuccess: done,
  });
}
