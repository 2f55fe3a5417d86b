import { Anchor, Button, Card, Checkbox, Group, Select, Table, Text } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../auth/session';
import { PageHeader } from '../common/PageHeader';
import { EmptyState, ErrorState, TableSkeletonRows } from '../common/states';
import { usePageTitle } from '../common/usePageTitle';
import { CASE_STATUSES, SEVERITIES, useCases, type CaseListQuery } from './caseApi';
import { EscalationBadge, SeverityBadge, SlaCountdown, statusLabel, StatusBadge, severityLabel, useCategoryName } from './caseLabels';

/** All cases I can see: filters (status, severity, escalated, mine), SLA countdown, escalation badge; most urgent first. */
export default function CaseList() {
  usePageTitle('cases.title');
  const intl = useIntl();
  const me = useCurrentUser();
  const categoryName = useCategoryName();
  const [params, setParams] = useSearchParams();
  const [now] = useState(() => Date.now());
  const status = (params.get('status') ?? 'active') as NonNullable<CaseListQuery['status']> | 'any';
  const severity = params.get('severity');
  const query: Omit<CaseListQuery, 'limit' | 'cursor'> = {
    ...(status !== 'any' ? { status } : {}),
    ...(severity ? { severity: Number(severity) } : {}),
    ...(params.get('escalated') === 'true' ? { escalated: true } : {}),
    ...(params.get('mine') === 'true' ? { mine: true } : {}),
  };
  const cases = useCases(query);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const items = cases.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={<FormattedMessage id="cases.title" />}
        actions={me.role === 'admin' ? (
          <Button component={Link} to="/admin/cases" variant="default" leftSection={<IconSettings size={16} aria-hidden />}>
            <FormattedMessage id="nav.caseSettings" />
          </Button>
        ) : undefined}
      />
      <Card withBorder padding="md" mb="md">
        <Group gap="md" align="flex-end">
          <Select
            label={intl.formatMessage({ id: 'cases.filter.status' })}
            data={[
              { value: 'active', label: intl.formatMessage({ id: 'cases.filter.active' }) },
              ...CASE_STATUSES.map((s) => ({ value: s, label: intl.formatMessage({ id: statusLabel[s] }) })),
              { value: 'any', label: intl.formatMessage({ id: 'cases.filter.anyStatus' }) },
            ]}
            value={status}
            onChange={(v) => set('status', v === 'active' ? null : v)}
            allowDeselect={false}
            w={200}
          />
          <Select
            label={intl.formatMessage({ id: 'cases.filter.severity' })}
            placeholder={intl.formatMessage({ id: 'cases.filter.anySeverity' })}
            data={SEVERITIES.map((s) => ({ value: String(s), label: intl.formatMessage({ id: severityLabel[s]! }) }))}
            value={severity}
            onChange={(v) => set('severity', v)}
            clearable
            w={180}
          />
          <Checkbox label={intl.formatMessage({ id: 'cases.filter.escalated' })} checked={params.get('escalated') === 'true'} onChange={(e) => set('escalated', e.currentTarget.checked ? 'true' : null)} mb={8} />
          <Checkbox label={intl.formatMessage({ id: 'cases.filter.mine' })} checked={params.get('mine') === 'true'} onChange={(e) => set('mine', e.currentTarget.checked ? 'true' : null)} mb={8} />
        </Group>
      </Card>
      {cases.isError ? (
        <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />
      ) : !cases.isPending && items.length === 0 ? (
        <EmptyState title={<FormattedMessage id="cases.empty" />} description={<FormattedMessage id="cases.empty.body" />} />
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="cases.column.title" /></Table.Th>
                  <Table.Th><FormattedMessage id="cases.column.account" /></Table.Th>
                  <Table.Th><FormattedMessage id="cases.column.severity" /></Table.Th>
                  <Table.Th><FormattedMessage id="cases.column.status" /></Table.Th>
                  <Table.Th><FormattedMessage id="cases.column.due" /></Table.Th>
                  <Table.Th><FormattedMessage id="cases.column.owner" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cases.isPending ? (
                  <TableSkeletonRows columns={6} />
                ) : (
                  items.map((c) => (
                    <Table.Tr key={c.id} data-testid="case-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/cases/${c.id}`} fw={600}>{c.title}</Anchor>
                        <Text size="xs" c="dimmed">{categoryName(c.category)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/accounts/${c.accountId}`} size="sm">{c.accountName}</Anchor>
                      </Table.Td>
                      <Table.Td><SeverityBadge severity={c.severity} /></Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <StatusBadge status={c.status} />
                          <EscalationBadge level={c.escalationLevel} />
                        </Group>
                      </Table.Td>
                      <Table.Td><SlaCountdown c={c} now={now} /></Table.Td>
                      <Table.Td><Text size="sm">{c.ownerName ?? '—'}</Text></Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {cases.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" loading={cases.isFetchingNextPage} onClick={() => void cases.fetchNextPage()}>
            <FormattedMessage id="cases.more" />
          </Button>
        </Group>
      )}
    </>
  );
}
