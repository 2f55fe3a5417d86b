import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, client } from '../api/client';
import type { paths } from '../api/schema';
import type { Body, Query, Transaction } from '../api/types';
import type { Option } from '../common/SearchSelect';
import { usePagedQuery } from '../common/usePagedQuery';

export type TransactionCreateBody = Body<paths['/api/v1/transactions']['post']>;
export type TransactionListQuery = Omit<Query<paths['/api/v1/transactions']['get']>, 'limit' | 'cursor'>;

export function useTransactionPages(query: TransactionListQuery) {
  return usePagedQuery<Transaction>(['transactions', 'list', query], (cursor) =>
    call(client.GET('/api/v1/transactions', { params: { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
}

export function useCreateTransaction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransactionCreateBody) => call(client.POST('/api/v1/transactions', { body })),
    // Revenue moves rollups, scores and health: everything account-related reads again.
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

export async function searchAccounts(q: string): Promise<Option[]> {
  const page = await call(client.GET('/api/v1/accounts', { params: { query: { limit: 20, sort: 'name', ...(q ? { q } : {}) } } }));
  return page.items.map((a) => ({ value: a.id, label: a.name }));
}

export async function searchProducts(q: string): Promise<Option[]> {
  const page = await call(client.GET('/api/v1/products', { params: { query: { limit: 20, ...(q ? { q } : {}) } } }));
  return page.items.map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }));
}

/** Who records and corrects revenue lines (authorization matrix: admin, director, manager). */
export const canRecordTransactions = (role: string) => role === 'admin' || role === 'director' || role === 'manager';
