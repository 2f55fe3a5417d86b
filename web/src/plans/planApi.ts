import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

export type Plan = Ok<paths['/api/v1/accounts/{id}/plans']['get']>['items'][number];
export type PlanDetail = Ok<paths['/api/v1/plans/{id}']['get']>;
export type Need = PlanDetail['needs'][number];
export type Objective = PlanDetail['objectives'][number];
export type PlanAction = PlanDetail['actions'][number];
export type Share = Ok<paths['/api/v1/plans/{id}/shares']['get']>['items'][number];
export type SharedPlan = Ok<paths['/api/v1/shared-plans/{token}']['get']>;
export type ObjectiveBody = Body<paths['/api/v1/plans/{id}/objectives']['post']>;
export type ActionBody = Body<paths['/api/v1/plans/{id}/actions']['post']>;

export const planKeys = {
  list: (accountId: string) => ['plans', 'account', accountId] as const,
  one: (planId: string) => ['plans', planId] as const,
  shares: (planId: string) => ['plans', planId, 'shares'] as const,
  shared: (token: string) => ['shared-plan', token] as const,
};

export function usePlans(accountId: string) {
  return useQuery({ queryKey: planKeys.list(accountId), queryFn: () => call(client.GET('/api/v1/accounts/{id}/plans', { params: { path: { id: accountId }, query: { limit: 50 } } })) });
}

export function usePlan(planId: string | null) {
  return useQuery({ queryKey: planKeys.one(planId ?? ''), enabled: !!planId, queryFn: () => call(client.GET('/api/v1/plans/{id}', { params: { path: { id: planId! } } })) });
}

export function useShares(planId: string, enabled: boolean) {
  return useQuery({ queryKey: planKeys.shares(planId), enabled, queryFn: () => call(client.GET('/api/v1/plans/{id}/shares', { params: { path: { id: planId } } })) });
}

export function useSharedPlan(token: string) {
  return useQuery({ queryKey: planKeys.shared(token), queryFn: () => call(client.GET('/api/v1/shared-plans/{token}', { params: { path: { token } } })) });
}

/** After any change to a plan: the plan and the account's list. */
function useRefresh(accountId: string, planId?: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: planKeys.list(accountId) });
    if (planId) void queryClient.invalidateQueries({ queryKey: ['plans', planId] });
  };
}

export function useCreatePlan(accountId: string) {
  const refresh = useRefresh(accountId);
  return useMutation({
    mutationFn: (body: { period?: string; strategy?: string | null }) => call(client.POST('/api/v1/accounts/{id}/plans', { params: { path: { id: accountId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdatePlan(accountId: string, planId: string) {
  const refresh = useRefresh(accountId, planId);
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: { strategy?: string | null; status?: PlanDetail['status'] } }) =>
      call(client.PATCH('/api/v1/plans/{id}', { params: { path: { id: planId } }, headers: ifMatch(version), body })),
    onSettled: refresh,
  });
}

export function useCopyPlan(accountId: string, planId: string) {
  const refresh = useRefresh(accountId, planId);
  return useMutation({
    mutationFn: () => call(client.POST('/api/v1/plans/{id}/copy', { params: { path: { id: planId } }, body: {} })),
    onSuccess: refresh,
  });
}

export type Part = 'needs' | 'objectives' | 'actions';

function patchPart(planId: string, part: Part, id: string, version: number, body: Record<string, unknown>): Promise<unknown> {
  const headers = ifMatch(version);
  switch (part) {
    case 'needs':
      return call(client.PATCH('/api/v1/plans/{id}/needs/{needId}', { params: { path: { id: planId, needId: id } }, headers, body: body as never }));
    case 'objectives':
      return call(client.PATCH('/api/v1/plans/{id}/objectives/{objectiveId}', { params: { path: { id: planId, objectiveId: id } }, headers, body: body as never }));
    case 'actions':
      return call(client.PATCH('/api/v1/plans/{id}/actions/{actionId}', { params: { path: { id: planId, actionId: id } }, headers, body: body as never }));
  }
}

function deletePart(planId: string, part: Part, id: string, version: number): Promise<unknown> {
  const headers = ifMatch(version);
  switch (part) {
    case 'needs':
      return call(client.DELETE('/api/v1/plans/{id}/needs/{needId}', { params: { path: { id: planId, needId: id } }, headers }));
    case 'objectives':
      return call(client.DELETE('/api/v1/plans/{id}/objectives/{objectiveId}', { params: { path: { id: planId, objectiveId: id } }, headers }));
    case 'actions':
      return call(client.DELETE('/api/v1/plans/{id}/actions/{actionId}', { params: { path: { id: planId, actionId: id } }, headers }));
  }
}

function postPart(planId: string, part: Part | 'risks', body: Record<string, unknown>): Promise<unknown> {
  const params = { path: { id: planId } };
  switch (part) {
    case 'needs':
      return call(client.POST('/api/v1/plans/{id}/needs', { params, body: body as never }));
    case 'objectives':
      return call(client.POST('/api/v1/plans/{id}/objectives', { params, body: body as never }));
    case 'actions':
      return call(client.POST('/api/v1/plans/{id}/actions', { params, body: body as never }));
    case 'risks':
      return call(client.POST('/api/v1/plans/{id}/risks', { params, body: body as never }));
  }
}

/** Create, change or delete a need, objective or action; risks are only added. */
export function usePlanPart(accountId: string, planId: string) {
  const refresh = useRefresh(accountId, planId);
  const add = useMutation({ mutationFn: ({ part, body }: { part: Part | 'risks'; body: Record<string, unknown> }) => postPart(planId, part, body), onSuccess: refresh });
  const change = useMutation({
    mutationFn: ({ part, id, version, body }: { part: Part; id: string; version: number; body: Record<string, unknown> }) => patchPart(planId, part, id, version, body),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: ({ part, id, version }: { part: Part; id: string; version: number }) => deletePart(planId, part, id, version), onSettled: refresh });
  return { add, change, remove };
}

export function useShareActions(planId: string) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: planKeys.shares(planId) });
  const create = useMutation({
    mutationFn: (expiresInDays: number) => call(client.POST('/api/v1/plans/{id}/shares', { params: { path: { id: planId } }, body: { expiresInDays } })),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (shareId: string) => call(client.DELETE('/api/v1/plans/{id}/shares/{shareId}', { params: { path: { id: planId, shareId } } })),
    onSuccess: refresh,
  });
  return { create, revoke };
}
