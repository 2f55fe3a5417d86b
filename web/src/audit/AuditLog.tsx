import { Anchor, Badge, Button, Code, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { IconHistory, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useUsers } from '../accounts/accountApi';
import { Dialog } from '../common/Dialog';
import type { MessageId } from '../common/labels';
import { PageHeader } from '../common/PageHeader';
import { PagedTable, type Column } from '../common/PagedTable';
import { EmptyState } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useUrlFilters } from '../common/useUrlFilters';
import { useAuditPages, type AuditEntry, type AuditQuery } from './auditApi';
import { diffChanges, showValue } from './auditDiff';

/** The entities people look for most; others show by their code. */
const ENTITY_LABEL: Record<string, MessageId> = {
  account: 'audit.entity.account',
  account_team: 'audit.entity.account_team',
  contact: 'audit.entity.contact',
  product: 'audit.entity.product',
  transaction: 'audit.entity.transaction',
  user: 'audit.entity.user',
  api_token: 'audit.entity.api_token',
  fx_rate: 'audit.entity.fx_rate',
  import: 'audit.entity.import',
  case: 'audit.entity.case',
  handover: 'audit.entity.handover',
  account_plan: 'audit.entity.account_plan',
  account_review: 'audit.entity.account_review',
  interaction: 'audit.entity.interaction',
  scoring_model: 'audit.entity.scoring_model',
};

const ACTION_COLOR: Record<string, string> = { create: 'teal', update: 'blue', delete: 'red', import: 'grape', login: 'gray' };
const ACTION_LABEL: Record<string, MessageId> = { create: 'audit.action.create', update: 'audit.action.update', delete: 'audit.action.delete', import: 'audit.action.import', login: 'audit.action.login' };

const entityLink = (e: AuditEntry): string | null => (e.entity === 'account' && e.action !== 'delete' ? `/accounts/${e.entityId}` : e.entity === 'case' ? `/cases/${e.entityId}` : null);

/** Every change in the organisation (admin, director): who, when, what, and the fields it changed. */
export default function AuditLog() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const fmt = useFormat();
  usePageTitle('audit.title');
  const filters = useUrlFilters();
  const users = useUsers();
  const [entityId, setEntityId] = useState(filters.get('entityId') ?? '');
  const [shown, setShown] = useState<AuditEntry | null>(null);
  const query: AuditQuery = {
    ...(filters.get('entity') ? { entity: filters.get('entity') } : {}),
    ...(filters.get('entityId') ? { entityId: filters.get('entityId') } : {}),
    ...(filters.get('user') ? { actorId: filters.get('user') } : {}),
    ...(filters.get('from') ? { from: filters.get('from') } : {}),
    ...(filters.get('to') ? { to: filters.get('to') } : {}),
  };
  const list = useAuditPages(query);
  const nameOf = (id: string | null) => (id ? (users.data?.items.find((u) => u.id === id)?.name ?? id) : t('audit.system'));
  const entityName = (entity: string) => {
    const label = ENTITY_LABEL[entity];
    return label ? t(label) : entity;
  };

  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: <FormattedMessage id="audit.column.at" />, render: (e) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(e.at)}</Text> },
    { key: 'user', header: <FormattedMessage id="audit.column.user" />, render: (e) => nameOf(e.actorId) },
    {
      key: 'action',
      header: <FormattedMessage id="audit.column.action" />,
      render: (e) => {
        const label = ACTION_LABEL[e.action];
        return <Badge style={{ minWidth: 'max-content' }} variant="light" color={ACTION_COLOR[e.action] ?? 'gray'}>{label ? t(label) : e.action}</Badge>;
      },
    },
    {
      key: 'entity',
      header: <FormattedMessage id="audit.column.entity" />,
      render: (e) => {
        const to = entityLink(e);
        return (
          <>
            <Text size="sm">{entityName(e.entity)}</Text>
            {to ? <Anchor component={Link} to={to} size="xs" ff="monospace">{e.entityId}</Anchor> : <Text size="xs" c="dimmed" ff="monospace">{e.entityId}</Text>}
          </>
        );
      },
    },
    {
      key: 'changes',
      header: <FormattedMessage id="audit.column.changes" />,
      render: (e) => {
        const changes = diffChanges(e.before, e.after);
        return (
          <Group gap="xs" wrap="nowrap">
            {changes.length > 0 && (
              <Button size="compact-xs" variant="default" style={{ flexShrink: 0 }} onClick={() => setShown(e)} aria-label={intl.formatMessage({ id: 'audit.showDiff.aria' }, { entity: entityName(e.entity), at: fmt.dateTime(e.at) })}>
                <FormattedMessage id="audit.showDiff" />
              </Button>
            )}
            <Text size="sm" c="dimmed" lineClamp={1} maw={240}>{changes.map((c) => c.field || '—').join(', ') || '—'}</Text>
          </Group>
        );
      },
    },
  ];

  const userOptions = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <>
      <PageHeader title={<FormattedMessage id="audit.title" />} />
      <Paper withBorder p="md" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('audit.column.entity')}
            placeholder={t('audit.filter.anyEntity')}
            data={Object.keys(ENTITY_LABEL).map((k) => ({ value: k, label: entityName(k) })).sort((a, b) => a.label.localeCompare(b.label))}
            value={filters.get('entity') ?? null}
            onChange={(v) => filters.set('entity', v)}
            clearable
            w={200}
          />
          <TextInput
            label={t('audit.filter.entityId')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={entityId}
            onChange={(e) => setEntityId(e.currentTarget.value)}
            onBlur={() => filters.set('entityId', entityId.trim())}
            onKeyDown={(e) => e.key === 'Enter' && filters.set('entityId', entityId.trim())}
            w={300}
          />
          <Select label={t('audit.column.user')} placeholder={t('audit.filter.anyUser')} data={userOptions} value={filters.get('user') ?? null} onChange={(v) => filters.set('user', v)} searchable clearable w={200} nothingFoundMessage={t('picker.nothingFound')} />
          <TextInput type="date" label={t('audit.filter.from')} value={filters.get('from') ?? ''} onChange={(e) => filters.set('from', e.currentTarget.value)} w={170} />
          <TextInput type="date" label={t('audit.filter.to')} value={filters.get('to') ?? ''} onChange={(e) => filters.set('to', e.currentTarget.value)} w={170} />
        </Group>
      </Paper>
      <PagedTable
        label={t('audit.title')}
        list={list}
        columns={columns}
        rowKey={(e) => e.id}
        rowTestId="audit-row"
        minWidth={860}
        empty={
          filters.any ? (
            <EmptyState icon={<IconSearch aria-hidden />} title={<FormattedMessage id="audit.empty.filtered" />} action={<Button variant="default" onClick={() => { setEntityId(''); filters.clear(); }}><FormattedMessage id="accounts.filter.clear" /></Button>} />
          ) : (
            <EmptyState icon={<IconHistory aria-hidden />} title={<FormattedMessage id="audit.empty" />} />
          )
        }
      />
      <Dialog opened={shown !== null} onClose={() => setShown(null)} title={shown ? `${entityName(shown.entity)} · ${fmt.dateTime(shown.at)}` : ''} size="xl">
        {shown && <ChangeDiff entry={shown} />}
      </Dialog>
    </>
  );
}

function ChangeDiff({ entry }: { entry: AuditEntry }) {
  const intl = useIntl();
  const changes = diffChanges(entry.before, entry.after);
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" withTableBorder aria-label={intl.formatMessage({ id: 'audit.diff.label' })} data-testid="audit-diff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th><FormattedMessage id="audit.diff.field" /></Table.Th>
            <Table.Th><FormattedMessage id="audit.diff.before" /></Table.Th>
            <Table.Th><FormattedMessage id="audit.diff.after" /></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((c) => (
            <Table.Tr key={c.field}>
              <Table.Td><Code>{c.field || '—'}</Code></Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere', background: c.before === undefined ? undefined : 'var(--mantine-color-red-0)' }}>{showValue(c.before)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere', background: c.after === undefined ? undefined : 'var(--mantine-color-green-0)' }}>{showValue(c.after)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
