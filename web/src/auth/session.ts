import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { Me, MePatch, Role } from '../api/types';

export const meKey = ['me'] as const;

/** The signed-in user; a 401 here sends the browser to /login (see api/client.ts). */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => call(client.GET('/api/v1/me')), staleTime: 5 * 60_000 });
}

/** The signed-in user, for components rendered inside RequireSession. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside RequireSession');
  return data;
}

/** PATCH /me with the current version; retries once on a stale version (only our own fields change). */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: MePatch) => {
      const save = (version: number) => call(client.PATCH('/api/v1/me', { body: patch, headers: ifMatch(version) }));
      const me = queryClient.getQueryData<Me>(meKey) ?? (await call(client.GET('/api/v1/me')));
      try {
        return await save(me.version);
      } catch (error) {
        if ((error as { status?: number }).status !== 412) throw error;
        const fresh = await call(client.GET('/api/v1/me'));
        return save(fresh.version);
      }
    },
    onSuccess: (me) => queryClient.setQueryData(meKey, me),
  });
}

/** Roles that may change records (viewers read only). */
export function canWrite(role: Role): boolean {
  return role !== 'viewer';
}
