import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, client } from '../api/client';

export const contactKeys = {
  all: (accountId: string) => ['contacts', accountId] as const,
  list: (accountId: string, query: { q?: string; cursor?: string; limit: number }) => ['contacts', accountId, 'list', query] as const,
  one: (accountId: string, contactId: string) => ['contacts', accountId, 'one', contactId] as const,
};

export function useContactList(accountId: string, query: { q?: string; cursor?: string; limit: number }) {
  return useQuery({
    queryKey: contactKeys.list(accountId, query),
    queryFn: () => call(client.GET('/api/v1/accounts/{id}/contacts', { params: { path: { id: accountId }, query } })),
    placeholderData: keepPreviousData,
  });
}

export function useContact(accountId: string, contactId: string) {
  return useQuery({
    queryKey: contactKeys.one(accountId, contactId),
    queryFn: () => call(client.GET('/api/v1/accounts/{id}/contacts/{contactId}', { params: { path: { id: accountId, contactId } } })),
  });
}

/** All contacts of an account (for "reports to"), up to 500. */
export function useAllContacts(accountId: string) {
  return useQuery({
    queryKey: [...contactKeys.all(accountId), 'all'],
    queryFn: () => call(client.GET('/api/v1/accounts/{id}/contacts', { params: { path: { id: accountId }, query: { limit: 500 } } })),
  });
}
