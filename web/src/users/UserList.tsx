import { Anchor, Badge, Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Role, User } from '../api/types';
import { useUsers } from '../accounts/accountApi';
import { ConfirmButton } from '../common/ConfirmButton';
import { Dialog } from '../common/Dialog';
import { roleLabel, type MessageId } from '../common/labels';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { PagedTable, type Column } from '../common/PagedTable';
import { EmptyState } from '../common/states';
import { usePageTitle } from '../common/usePageTitle';
import { useUrlFilters } from '../common/useUrlFilters';
import { LOCALE_NAMES, type Locale } from '../i18n/locale';
import { ROLES, UserForm } from './UserForm';
import { useUpdateUser, useUserPages, type UserListQuery } from './userApi';

/** Users and roles (admin): search and filter, add a user, change role and manager, deactivate. */
export default function UserList() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  usePageTitle('users.title');
  const filters = useUrlFilters();
  const [search, setSearch] = useState(filters.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  useEffect(() => {
    if (debounced !== (filters.get('q') ?? '')) filters.set('q', debounced);
  }, [debounced]);
  const role = filters.get('role') as Role | undefined;
  const status = filters.get('status') ?? 'active';
  const query: UserListQuery = {
    ...(filters.get('q') ? { q: filters.get('q') } : {}),
    ...(role ? { role } : {}),
    ...(status === 'any' ? {} : { active: status === 'active' }),
  };
  const list = useUserPages(query);
  const everyone = useUsers();
  const nameOf = (id: string | null) => (id ? (everyone.data?.items.find((u) => u.id === id)?.name ?? '—') : '—');
  const [editing, setEditing] = useState<User | 'new' | null>(null);

  const columns: Column<User>[] = [
    {
      key: 'name',
      header: <FormattedMessage id="users.field.name" />,
      render: (u) => (
        <>
          <Text fw={600} size="sm">{u.name}</Text>
          <Text size="xs" c="dimmed">{u.email}</Text>
        </>
      ),
    },
    { key: 'role', header: <FormattedMessage id="users.field.role" />, render: (u) => <Badge style={{ minWidth: 'max-content' }} variant="light" color={u.role === 'admin' ? 'grape' : 'blue'}><FormattedMessage id={roleLabel[u.role]} /></Badge> },
    { key: 'manager', header: <FormattedMessage id="users.field.manager" />, render: (u) => nameOf(u.managerId) },
    { key: 'locale', header: <FormattedMessage id="users.field.locale" />, render: (u) => (u.locale ? LOCALE_NAMES[u.locale as Locale] : '—') },
    {
      key: 'status',
      header: <FormattedMessage id="users.field.status" />,
      render: (u) => <Badge style={{ minWidth: 'max-content' }} variant="dot" color={u.active ? 'teal' : 'gray'}><FormattedMessage id={u.active ? 'users.status.active' : 'users.status.inactive'} /></Badge>,
    },
    { key: 'actions', header: <FormattedMessage id="users.column.actions" />, render: (u) => <UserActions user={u} onEdit={() => setEditing(u)} /> },
  ];

  return (
    <>
      <PageHeader
        title={<FormattedMessage id="users.title" />}
        actions={
          <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            <FormattedMessage id="users.new" />
          </Button>
        }
      />
      <Paper withBorder p="md" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput label={t('users.search')} leftSection={<IconSearch size={16} aria-hidden />} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} style={{ flex: '1 1 220px' }} />
          <Select label={t('users.field.role')} placeholder={t('users.filter.anyRole')} data={ROLES.map((r) => ({ value: r, label: t(roleLabel[r]) }))} value={role ?? null} onChange={(v) => filters.set('role', v)} clearable w={210} />
          <Select
            label={t('users.field.status')}
            data={[
              { value: 'active', label: t('users.status.active') },
              { value: 'inactive', label: t('users.status.inactive') },
              { value: 'any', label: t('users.filter.anyStatus') },
            ]}
            value={status}
            onChange={(v) => filters.set('status', v === 'active' ? null : v)}
            allowDeselect={false}
            w={170}
          />
        </Group>
      </Paper>
      <PagedTable
        label={t('users.title')}
        list={list}
        columns={columns}
        rowKey={(u) => u.id}
        rowTestId="user-row"
        empty={<EmptyState icon={<IconUsers aria-hidden />} title={<FormattedMessage id="users.empty" />} description={<FormattedMessage id="users.empty.body" />} />}
      />
      <Dialog opened={editing !== null} onClose={() => setEditing(null)} title={t(editing === 'new' ? 'users.new' : 'users.edit')} size="lg">
        {editing !== null && <UserForm key={editing === 'new' ? 'new' : editing.id} user={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Dialog>
    </>
  );
}

function UserActions({ user, onEdit }: { user: User; onEdit: () => void }) {
  const intl = useIntl();
  const update = useUpdateUser();
  const setActive = (active: boolean, close?: () => void) =>
    update.mutate(
      { id: user.id, version: user.version, body: { active } },
      {
        onSuccess: () => {
          close?.();
          notify(intl, intl.formatMessage({ id: active ? 'users.reactivated' : 'users.deactivated' }, { name: user.name }));
        },
      },
    );
  return (
    <Group gap="xs" wrap="nowrap">
      <Anchor component="button" type="button" size="sm" onClick={onEdit} aria-label={intl.formatMessage({ id: 'users.edit.aria' }, { name: user.name })}>
        <FormattedMessage id="action.edit" />
      </Anchor>
      {user.active ? (
        <ConfirmButton
          title={<FormattedMessage id="users.deactivate.title" values={{ name: user.name }} />}
          message={<FormattedMessage id="users.deactivate.body" />}
          confirmLabel={<FormattedMessage id="users.deactivate" />}
          onConfirm={(close) => setActive(false, close)}
          pending={update.isPending}
          error={update.error}
          aria-label={intl.formatMessage({ id: 'users.deactivate.aria' }, { name: user.name })}
        >
          <FormattedMessage id="users.deactivate" />
        </ConfirmButton>
      ) : (
        <Button size="xs" variant="default" loading={update.isPending} onClick={() => setActive(true)} aria-label={intl.formatMessage({ id: 'users.reactivate.aria' }, { name: user.name })}>
          <FormattedMessage id="users.reactivate" />
        </Button>
      )}
    </Group>
  );
}
