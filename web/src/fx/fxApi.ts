import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, client } from '../api/client';
import type { paths } from '../api/schema';
import type { Ok } from '../api/types';
import { usePagedQuery } from '../common/usePagedQuery';

export type FxRate = Ok<paths['/api/v1/fx-rates']['get']>['items'][number];

export function useFxRatePages(currency: string | undefined) {
  return usePagedQuery<FxRate>(['fx-rates', currency ?? null], (cursor) =>
    call(client.GET('/api/v1/fx-rates', { params: { query: { limit: 50, ...(currency ? { currency } : {}), ...(cursor ? { cursor } : {}) } } })),
  );
}

export interface FxRateInput {
  currency: string;
  effectiveOn: string;
  rate: string;
}

export function usePutFxRate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ currency, effectiveOn, rate }: FxRateInput) =>
      call(client.PUT('/api/v1/fx-rates/{currency}/{effectiveOn}', { params: { path: { currency, effectiveOn } }, body: { rate } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['fx-rates'] }),
  });
}

export function useDeleteFxRate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ currency, effectiveOn }: { currency: string; effectiveOn: string }) =>
      call(client.DELETE('/api/v1/fx-rates/{currency}/{effectiveOn}', { params: { path: { currency, effectiveOn } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['fx-rates'] }),
  });
}
