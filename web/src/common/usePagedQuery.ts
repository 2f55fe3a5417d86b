import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { PageOf } from './PagedTable';

/** A server list read with cursors, page after page; the previous pages stay on screen while filters change. */
export function usePagedQuery<T>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<PageOf<T>>) {
  return useInfiniteQuery({
    queryKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
