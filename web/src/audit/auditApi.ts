import { call, client } from '../api/client';
import type { paths } from '../api/schema';
import type { Ok, Query } from '../api/types';
import { usePagedQuery } from '../common/usePagedQuery';

export type AuditEntry = Ok<paths['/api/v1/audit']['get']>['items'][number];
export type AuditQuery = Omit<Query<paths['/api/v1/audit']['get']>, 'limit' | 'cursor'>;

export function useAuditPages(query: AuditQuery) {
  return usePagedQuery<AuditEntry>(['audit', query], (cursor) =>
    call(client.GET('/api/v1/audit', { params: { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
}
