import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client } from '../api/client';
import type { paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
export type NotificationPage = Json<paths['/api/v1/notifications']['get']['responses'][200]>;
export type AppNotification = NotificationPage['items'][number];

export const notificationKeys = { all: ['notifications'] as const, unread: ['notifications', 'unread'] as const, list: ['notifications', 'list'] as const };

/** The unread count, refreshed every minute while the app is open. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: async () => (await call(client.GET('/api/v1/notifications', { params: { query: { unread: true, limit: 1 } } }))).unread,
    refetchInterval: 60_000,
  });
}

export function useNotifications(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(client.GET('/api/v1/notifications', { params: { query: { limit: 15, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(client.POST('/api/v1/notifications/read-all')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
