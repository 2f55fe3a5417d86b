import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { paths } from '../api/schema';
import type { Body, Query, User } from '../api/types';
import { usePagedQuery } from '../common/usePagedQuery';

export type UserCreateBody = Body<paths['/api/v1/users']['post']>;
export type UserPatchBody = Body<paths['/api/v1/users/{id}']['patch']>;
export type UserListQuery = Omit<Query<paths['/api/v1/users']['get']>, 'limit' | 'cursor'>;

export function useUserPages(query: UserListQuery) {
  return usePagedQuery<User>(['users', 'list', query], (cursor) =>
    call(client.GET('/api/v1/users', { params: { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
}

export function fetchUser(id: string) {
  return call(client.GET('/api/v1/users/{id}', { params: { path: { id } } }));
}

function useUsersChanged() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['users'] });
}

export function useCreateUser() {
  const changed = useUsersChanged();
  return useMutation({ mutationFn: (body: UserCreateBody) => call(client.POST('/api/v1/users', { body })), onSuccess: changed });
}

export function useUpdateUser() {
  const changed = useUsersChanged();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: UserPatchBody }) =>
      call(client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body, headers: ifMatch(version) })),
    onSuccess: changed,
  });
}
