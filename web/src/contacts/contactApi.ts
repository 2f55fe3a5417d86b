import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';

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

/** Soft-deletes a contact (If-Match: its version); a stale version reloads the list. */
export function useDeleteContact(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contact: { id: string; version: number }) =>
      call(client.DELETE('/api/v1/accounts/{id}/contacts/{contactId}', { params: { path: { id: accountId, contactId: contact.id } }, headers: ifMatch(contact.version) })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: contactKeys.all(accountId) }),
  });
}
