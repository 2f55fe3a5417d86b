import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client } from '../api/client';
import type { paths } from '../api/schema';
import type { Ok } from '../api/types';

export type ApiToken = Ok<paths['/api/v1/tokens']['get']>['items'][number];
export type CreatedToken = Ok<paths['/api/v1/tokens']['post']>;

const tokensKey = ['tokens'] as const;

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => call(client.GET('/api/v1/tokens')) });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call(client.POST('/api/v1/tokens', { body: { name } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(client.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
