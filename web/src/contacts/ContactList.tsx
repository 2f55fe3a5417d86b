import { Anchor, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAddressBook, IconChevronLeft, IconChevronRight, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { buyingRoleLabel } from '../common/labels';
import { EmptyState, InlineError, TableSkeletonRows } from '../common/states';
import { useCursorPaging } from '../common/useCursorPaging';
import { ConfirmButton } from '../common/ConfirmButton';
import { notify } from '../common/notify';
import { useAllContacts, useContactList, useDeleteContact } from './contactApi';
import { RelationshipStrength } from './RelationshipStrength';

const PAGE = 25;

/** The contacts of one account (its stakeholder map), searchable and paged. */
export function ContactList({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const intl = useIntl();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const { cursor, page, next, previous } = useCursorPaging(q);
  const list = useContactList(accountId, { limit: PAGE, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) });
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const everyone = useAllContacts(accountId);
  const names = useMemo(() => new Map((everyone.data?.items ?? items).map((c) => [c.id, c.name])), [everyone.data, items]);
  const newUrl = `/accounts/${accountId}/contacts/new`;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={intl.formatMessage({ id: 'contacts.search.label' })}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
          size="sm"
          style={{ flex: '0 1 280px' }}
        />
        {canEdit && (
          <Button component={Link} to={newUrl} size="sm" leftSection={<IconPlus size={16} aria-hidden />}>
            <FormattedMessage id="contacts.new" />
          </Button>
        )}
      </Group>
      {list.isError && !list.data ? (
        <InlineError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && items.length === 0 ? (
        <EmptyState
          icon={<IconAddressBook aria-hidden />}
          title={<FormattedMessage id={q ? 'contacts.empty.filtered.title' : 'contacts.empty.title'} />}
          description={<FormattedMessage id={q ? 'contacts.empty.filtered.body' : 'contacts.empty.body'} />}
        />
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="xs" aria-label={intl.formatMessage({ id: 'account.section.contacts' })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  <FormattedMessage id="contact.field.name" />
                </Table.Th>
                <Table.Th>
                  <FormattedMessage id="contact.field.buyingRole" />
                </Table.Th>
                <Table.Th>
                  <FormattedMessage id="contact.field.relationshipStrength" />
                </Table.Th>
                <Table.Th>
                  <FormattedMessage id="contact.field.reportsTo" />
                </Table.Th>
                {canEdit && (
                  <Table.Th>
                    <FormattedMessage id="table.actions" />
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.isPending ? (
                <TableSkeletonRows columns={canEdit ? 5 : 4} rows={3} />
              ) : (
                items.map((c) => (
                  <Table.Tr key={c.id} data-testid="contact-row">
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {c.name}
                      </Text>
                      {c.title && (
                        <Text size="xs" c="dimmed">
                          {c.title}
                        </Text>
                      )}
                      {c.email && (
                        <Anchor href={`mailto:${c.email}`} size="xs" display="block">
                          {c.email}
                        </Anchor>
                      )}
                      {c.phone && (
                        <Text size="xs" c="dimmed">
                          {c.phone}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {c.buyingRole ? (
                        <Text size="sm" fw={500}>
                          <FormattedMessage id={buyingRoleLabel[c.buyingRole]} />
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RelationshipStrength value={c.relationshipStrength} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.reportsToId ? (names.get(c.reportsToId) ?? '…') : '—'}</Text>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                        <Button
                          component={Link}
                          to={`/accounts/${accountId}/contacts/${c.id}/edit`}
                          variant="subtle"
                          size="compact-sm"
                          leftSection={<IconPencil size={14} aria-hidden />}
                          aria-label={intl.formatMessage({ id: 'contacts.edit.aria' }, { name: c.name })}
                        >
                          <FormattedMessage id="action.edit" />
                        </Button>
                        <ContactDelete accountId={accountId} contact={c} />
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {(page > 1 || list.data?.nextCursor) && (
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} aria-hidden />} disabled={page <= 1} onClick={previous}>
            <FormattedMessage id="paging.previous" />
          </Button>
          <Button variant="default" size="xs" rightSection={<IconChevronRight size={14} aria-hidden />} disabled={!list.data?.nextCursor} onClick={() => list.data?.nextCursor && next(list.data.nextCursor)}>
            <FormattedMessage id="paging.next" />
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Soft-deletes a contact after confirmation (If-Match: its version); its history stays. */
function ContactDelete({ accountId, contact }: { accountId: string; contact: { id: string; name: string; version: number } }) {
  const intl = useIntl();
  const remove = useDeleteContact(accountId);
  return (
    <ConfirmButton
      size="compact-sm"
      variant="subtle"
      title={<FormattedMessage id="contacts.delete.title" values={{ name: contact.name }} />}
      message={<FormattedMessage id="contacts.delete.body" />}
      confirmLabel={<FormattedMessage id="contacts.delete" />}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={(close) => remove.mutate(contact, { onSuccess: () => { close(); notify(intl, intl.formatMessage({ id: 'contacts.deleted' }, { name: contact.name })); } })}
      aria-label={intl.formatMessage({ id: 'contacts.delete.aria' }, { name: contact.name })}
    >
      <IconTrash size={14} aria-hidden />
    </ConfirmButton>
  );
}
