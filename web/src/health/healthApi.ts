import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : never) : never;

export type AccountHealth = Ok<paths['/api/v1/accounts/{id}/health']['get']>;
export type HealthReason = AccountHealth['reasons'][number];
export type HealthBand = AccountHealth['band'];
export type AtRiskSuggestion = Ok<paths['/api/v1/health/at-risk']['get']>['items'][number];
export type HealthSettings = Ok<paths['/api/v1/settings/health']['get']>;

export const healthKeys = {
  account: (accountId: string) => ['health', 'account', accountId] as const,
  atRisk: (mine: boolean) => ['health', 'at-risk', mine] as const,
  settings: ['settings', 'health'] as const,
};

export function useAccountHealth(accountId: string) {
  return useQuery({ queryKey: healthKeys.account(accountId), queryFn: () => call(client.GET('/api/v1/accounts/{id}/health', { params: { path: { id: accountId } } })) });
}

export function useAtRisk(mine: boolean) {
  return useInfiniteQuery({
    queryKey: healthKeys.atRisk(mine),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(client.GET('/api/v1/health/at-risk', { params: { query: { limit: 25, ...(mine ? { mine } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useHealthSettings() {
  return useQuery({ queryKey: healthKeys.settings, queryFn: () => call(client.GET('/api/v1/settings/health')) });
}

/** Confirms an at-risk suggestion: the account's stage becomes at_risk (If-Match: the account's version). */
export function useConfirmAtRisk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, version }: { accountId: string; version: number }) =>
      call(client.POST('/api/v1/accounts/{id}/health/confirm-at-risk', { params: { path: { id: accountId } }, headers: ifMatch(version) })),
    onSuccess: (account) => {
      void queryClient.invalidateQueries({ queryKey: ['health'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['account', account.id] });
      void queryClient.invalidateQueries({ queryKey: ['me', 'home'] });
    },
  });
}
