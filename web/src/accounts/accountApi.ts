import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
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

/** Changes to an account's team: add a sourcing BD or support member, remove a non-owner (If-Match: the account version). */
export function useTeamChanges(account: Account) {
  const queryClient = useQueryClient();
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: accountKeys.team(account.id) });
    void queryClient.invalidateQueries({ queryKey: accountKeys.one(account.id) });
  };
  const add = useMutation({
    mutationFn: (body: { userId: string; role: 'sourcing_bd' | 'support' }) => call(client.POST('/api/v1/accounts/{id}/team', { params: { path: { id: account.id } }, body })),
    onSettled: changed,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => call(client.DELETE('/api/v1/accounts/{id}/team/{userId}', { params: { path: { id: account.id, userId } }, headers: ifMatch(account.version) })),
    onSettled: changed,
  });
  return { add, remove };
}

/** Soft delete: the account leaves lists, its history stays. A stale version (412) reloads the account. */
export function useDeleteAccount(account: Account) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(client.DELETE('/api/v1/accounts/{id}', { params: { path: { id: account.id } }, headers: ifMatch(account.version) })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: accountKeys.all }),
    onError: () => void queryClient.invalidateQueries({ queryKey: accountKeys.one(account.id) }),
  });
}
