import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, client } from '../api/client';
import type { Account, AccountListQuery, Stage } from '../api/types';

export const accountKeys = {
  all: ['accounts'] as const,
  list: (query: AccountListQuery) => ['accounts', 'list', query] as const,
  one: (id: string) => ['accounts', 'one', id] as const,
  children: (id: string) => ['accounts', 'children', id] as const,
  team: (id: string) => ['accounts', 'team', id] as const,
  monthly: (id: string, from: string, to: string) => ['accounts', 'monthly', id, from, to] as const,
  transactions: (id: string) => ['transactions', 'account', id] as const,
  stageCounts: ['accounts', 'stageCounts'] as const,
};

export function useAccountList(query: AccountListQuery) {
  return useQuery({
    queryKey: accountKeys.list(query),
    queryFn: () => call(client.GET('/api/v1/accounts', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string) {
  return useQuery({ queryKey: accountKeys.one(id), queryFn: () => call(client.GET('/api/v1/accounts/{id}', { params: { path: { id } } })) });
}

export function useChildAccounts(id: string) {
  return useQuery({
    queryKey: accountKeys.children(id),
    queryFn: () => call(client.GET('/api/v1/accounts', { params: { query: { parentId: id, limit: 100, sort: 'name' } } })),
  });
}

export function useAccountTeam(id: string) {
  return useQuery({ queryKey: accountKeys.team(id), queryFn: () => call(client.GET('/api/v1/accounts/{id}/team', { params: { path: { id } } })) });
}

export function useRecentTransactions(accountId: string, limit = 10) {
  return useQuery({
    queryKey: [...accountKeys.transactions(accountId), limit],
    queryFn: () => call(client.GET('/api/v1/transactions', { params: { query: { accountId, limit } } })),
  });
}

export function useMonthly(id: string, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: accountKeys.monthly(id, from, to),
    queryFn: () => call(client.GET('/api/v1/accounts/{id}/monthly', { params: { path: { id }, query: { from, to } } })),
    enabled,
  });
}

/** Users of the organisation (owners to pick or filter by). Some roles may not list users. */
export function useUsers() {
  return useQuery({
    queryKey: ['users', 'all'],
    queryFn: () => call(client.GET('/api/v1/users', { params: { query: { limit: 500 } } })),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Accounts matching a name, for pickers (parent account). */
export function useAccountSearch(q: string) {
  return useQuery({
    queryKey: ['accounts', 'search', q],
    queryFn: () => call(client.GET('/api/v1/accounts', { params: { query: { q: q || undefined, limit: 20, sort: 'name' } } })),
    placeholderData: keepPreviousData,
  });
}

const COUNT_PAGE = 500;
const COUNT_MAX_PAGES = 10;

/** How many accounts the user can see, per stage (counted by paging; "at least" past the cap). */
export async function countByStage(stage: Stage): Promise<{ count: number; capped: boolean }> {
  let count = 0;
  let cursor: string | undefined;
  for (let page = 0; page < COUNT_MAX_PAGES; page++) {
    const res = await call(client.GET('/api/v1/accounts', { params: { query: { stage, limit: COUNT_PAGE, cursor } } }));
    count += res.items.length;
    if (!res.nextCursor) return { count, capped: false };
    cursor = res.nextCursor;
  }
  return { count, capped: true };
}

export type { Account };
