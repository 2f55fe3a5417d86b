import { Anchor, Button, Checkbox, Group, Paper, Popover, Select, Stack, Table, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconBuildingSkyscraper, IconChevronLeft, IconChevronRight, IconColumns, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ACCOUNT_SORTS, STAGES, type Account, type AccountListQuery, type AccountSort, type Stage } from '../api/types';
import { canWrite, useCurrentUser, useUpdateMe } from '../auth/session';
import { sortLabel, stageLabel, type MessageId } from '../common/labels';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { EmptyState, ErrorState, TableSkeletonRows } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useCursorPaging } from '../common/useCursorPaging';
import { useAccountList, useUsers } from './accountApi';
import { StageBadge } from './StageBadge';
import { ACCOUNT_COLUMNS, columnsFromPreferences, type AccountColumn } from './accountUtils';

type Fmt = ReturnType<typeof useFormat>;

const COLUMN: Record<AccountColumn, { label: MessageId; sort?: 'createdAt' | 'updatedAt'; numeric?: boolean; render: (a: Account, f: Fmt) => ReactNode }> = {
  stage: { label: 'account.field.stage', render: (a) => <StageBadge stage={a.stage} /> },
  owner: { label: 'account.field.owner', render: (a) => a.ownerName ?? '—' },
  parent: { label: 'account.field.parent', render: (a) => a.parentName ?? '—' },
  industry: { label: 'account.field.industry', render: (a) => a.industry ?? '—' },
  region: { label: 'account.field.region', render: (a) => a.region ?? '—' },
  country: { label: 'account.field.country', render: (a, f) => f.country(a.country) },
  currency: { label: 'account.field.currency', render: (a) => a.currency },
  strategicFit: { label: 'account.field.strategicFit', numeric: true, render: (a, f) => f.number(a.strategicFit) },
  referenceValue: { label: 'account.field.referenceValue', numeric: true, render: (a, f) => f.number(a.referenceValue) },
  walletEstimate: { label: 'account.field.walletEstimate', numeric: true, render: (a, f) => f.money(a.walletEstimate, a.currency, { fractionDigits: 0 }) },
  externalId: { label: 'account.field.externalId', render: (a) => a.externalId ?? '—' },
  createdAt: { label: 'account.field.createdAt', sort: 'createdAt', render: (a, f) => f.dateTime(a.createdAt) },
  updatedAt: { label: 'account.field.updatedAt', sort: 'updatedAt', render: (a, f) => f.dateTime(a.updatedAt) },
};

const PAGE_SIZES = ['25', '50', '100'];

function isSort(value: string | null): value is AccountSort {
  return value !== null && (ACCOUNT_SORTS as readonly string[]).includes(value);
}
function isStage(value: string | null): value is Stage {
  return value !== null && (STAGES as readonly string[]).includes(value);
}

export default function AccountList() {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const fmt = useFormat();
  const me = useCurrentUser();
  const navigate = useNavigate();
  usePageTitle('nav.accounts');

  // Filters live in the URL (shareable, kept on back navigation).
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const stage = isStage(params.get('stage')) ? (params.get('stage') as Stage) : undefined;
  const ownerId = params.get('owner') ?? undefined;
  const sort: AccountSort = isSort(params.get('sort')) ? (params.get('sort') as AccountSort) : 'name';
  const limit = PAGE_SIZES.includes(params.get('size') ?? '') ? Number(params.get('size')) : 50;
  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  useEffect(() => {
    if (debouncedSearch !== q) setParam('q', debouncedSearch || undefined);
  }, [debouncedSearch]);

  // Cursor paging: a stack of the cursors of the pages before this one, reset when filters change.
  const filterKey = JSON.stringify([q, stage, ownerId, sort, limit]);
  const { cursor, page, next, previous } = useCursorPaging(filterKey);
  const query: AccountListQuery = { limit, sort, ...(q ? { q } : {}), ...(stage ? { stage } : {}), ...(ownerId ? { ownerId } : {}), ...(cursor ? { cursor } : {}) };
  const list = useAccountList(query);
  const users = useUsers();

  const [columns, setColumns] = useState<AccountColumn[]>(() => columnsFromPreferences(me.preferences));
  const updateMe = useUpdateMe();
  const saveColumns = (next: AccountColumn[]) => {
    setColumns(next);
    updateMe.mutate(
      { preferences: { ...me.preferences, accountColumns: next } },
      { onError: () => notify(intl, t('accounts.columns.saveFailed'), 'red') },
    );
  };

  const ownerOptions = useMemo(() => {
    const others = (users.data?.items ?? []).filter((u) => u.id !== me.id && u.role !== 'viewer').map((u) => ({ value: u.id, label: u.name }));
    return [{ value: me.id, label: t('accounts.filter.owner.me') }, ...others];
  }, [users.data, me.id, intl]);

  const filtered = Boolean(q || stage || ownerId);
  const items = list.data?.items ?? [];
  const toggleSort = (column: 'name' | 'createdAt' | 'updatedAt') => setParam('sort', sort === column ? `-${column}` : column);

  const sortHeader = (column: 'name' | 'createdAt' | 'updatedAt', label: ReactNode) => {
    const active = sort === column || sort === `-${column}`;
    const descending = sort === `-${column}`;
    const Icon = active ? (descending ? IconArrowDown : IconArrowUp) : IconArrowsSort;
    return (
      <UnstyledButton onClick={() => toggleSort(column)} fw={700} fz="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        {label}
        <Icon size={14} aria-hidden />
      </UnstyledButton>
    );
  };
  const ariaSort = (column: string): 'ascending' | 'descending' | undefined => (sort === column ? 'ascending' : sort === `-${column}` ? 'descending' : undefined);

  return (
    <>
      <PageHeader
        title={<FormattedMessage id="nav.accounts" />}
        actions={
          canWrite(me.role) && (
            <Button component={Link} to="/accounts/new" leftSection={<IconPlus size={16} aria-hidden />}>
              <FormattedMessage id="accounts.new" />
            </Button>
          )
        }
      />
      <Paper withBorder p="md" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('accounts.search.label')}
            placeholder={t('accounts.search.placeholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            type="search"
            style={{ flex: '1 1 220px' }}
          />
          <Select
            label={t('account.field.stage')}
            placeholder={t('accounts.filter.anyStage')}
            clearable
            data={STAGES.map((s) => ({ value: s, label: t(stageLabel[s]) }))}
            value={stage ?? null}
            onChange={(v) => setParam('stage', v ?? undefined)}
            w={170}
          />
          <Select
            label={t('account.field.owner')}
            placeholder={t('accounts.filter.anyOwner')}
            clearable
            searchable
            data={ownerOptions}
            value={ownerId ?? null}
            onChange={(v) => setParam('owner', v ?? undefined)}
            nothingFoundMessage={t('picker.nothingFound')}
            w={190}
          />
          <Select
            label={t('accounts.sort.label')}
            allowDeselect={false}
            data={ACCOUNT_SORTS.map((s) => ({ value: s, label: t(sortLabel[s]) }))}
            value={sort}
            onChange={(v) => setParam('sort', v && v !== 'name' ? v : undefined)}
            w={200}
          />
          <ColumnPicker columns={columns} onChange={saveColumns} />
        </Group>
      </Paper>

      {list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover verticalSpacing="sm" aria-busy={list.isFetching} aria-label={t('nav.accounts')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th aria-sort={ariaSort('name')}>{sortHeader('name', <FormattedMessage id="account.field.name" />)}</Table.Th>
                  {columns.map((c) => {
                    const def = COLUMN[c];
                    return (
                      <Table.Th key={c} ta={def.numeric ? 'right' : undefined} aria-sort={def.sort ? ariaSort(def.sort) : undefined}>
                        {def.sort ? sortHeader(def.sort, <FormattedMessage id={def.label} />) : <FormattedMessage id={def.label} />}
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.isPending ? (
                  <TableSkeletonRows columns={columns.length + 1} />
                ) : (
                  items.map((a) => (
                    <Table.Tr key={a.id} className="patron-row-link" onClick={() => void navigate(`/accounts/${a.id}`)} data-testid="account-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/accounts/${a.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
                          {a.name}
                        </Anchor>
                      </Table.Td>
                      {columns.map((c) => (
                        <Table.Td key={c} ta={COLUMN[c].numeric ? 'right' : undefined} style={{ whiteSpace: 'nowrap', ...(COLUMN[c].numeric ? { fontVariantNumeric: 'tabular-nums' } : {}) }}>
                          {COLUMN[c].render(a, fmt)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!list.isPending && items.length === 0 && (
            filtered ? (
              <EmptyState
                icon={<IconSearch aria-hidden />}
                title={<FormattedMessage id="accounts.empty.filtered.title" />}
                description={<FormattedMessage id="accounts.empty.filtered.body" />}
                action={
                  <Button variant="default" onClick={() => { setSearch(''); setParams({}, { replace: true }); }}>
                    <FormattedMessage id="accounts.filter.clear" />
                  </Button>
                }
              />
            ) : (
              <EmptyState
                icon={<IconBuildingSkyscraper aria-hidden />}
                title={<FormattedMessage id="accounts.empty.title" />}
                description={<FormattedMessage id="accounts.empty.body" />}
                action={
                  canWrite(me.role) && (
                    <Button component={Link} to="/accounts/new" leftSection={<IconPlus size={16} aria-hidden />}>
                      <FormattedMessage id="accounts.new" />
                    </Button>
                  )
                }
              />
            )
          )}
          <Group justify="space-between" p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Group gap="xs">
              <Text size="sm" c="dimmed" aria-live="polite">
                <FormattedMessage id="accounts.paging.summary" values={{ page, count: items.length }} />
              </Text>
              <Select
                aria-label={t('accounts.paging.size')}
                data={PAGE_SIZES.map((s) => ({ value: s, label: t('accounts.paging.perPage', { count: Number(s) }) }))}
                value={String(limit)}
                allowDeselect={false}
                onChange={(v) => setParam('size', v && v !== '50' ? v : undefined)}
                w={150}
                size="xs"
              />
            </Group>
            <Group gap="xs">
              <Button
                variant="default"
                size="xs"
                leftSection={<IconChevronLeft size={14} aria-hidden />}
                disabled={page <= 1 || list.isFetching}
                onClick={previous}
              >
                <FormattedMessage id="paging.previous" />
              </Button>
              <Button
                variant="default"
                size="xs"
                rightSection={<IconChevronRight size={14} aria-hidden />}
                disabled={!list.data?.nextCursor || list.isFetching}
                onClick={() => list.data?.nextCursor && next(list.data.nextCursor)}
              >
                <FormattedMessage id="paging.next" />
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
    </>
  );
}

function ColumnPicker({ columns, onChange }: { columns: AccountColumn[]; onChange: (columns: AccountColumn[]) => void }) {
  const intl = useIntl();
  return (
    <Popover position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} aria-hidden />}>
          <FormattedMessage id="accounts.columns.button" />
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group
          label={intl.formatMessage({ id: 'accounts.columns.label' })}
          value={columns}
          onChange={(value) => onChange(ACCOUNT_COLUMNS.filter((c) => value.includes(c)))}
        >
          <Stack gap={6} mt="xs">
            {ACCOUNT_COLUMNS.map((c) => (
              <Checkbox key={c} value={c} label={intl.formatMessage({ id: COLUMN[c].label })} />
            ))}
          </Stack>
        </Checkbox.Group>
        <VisuallyHidden aria-live="polite">
          <FormattedMessage id="accounts.columns.count" values={{ count: columns.length }} />
        </VisuallyHidden>
      </Popover.Dropdown>
    </Popover>
  );
}
