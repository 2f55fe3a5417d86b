import { Anchor, Button, Card, Checkbox, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { canWrite, useCurrentUser } from '../auth/session';
import { PageHeader } from '../common/PageHeader';
import { EmptyState, ErrorState, TableSkeletonRows } from '../common/states';
import { usePageTitle } from '../common/usePageTitle';
import { useAtRisk, useConfirmAtRisk } from './healthApi';
import { HealthBadge, useReasonText } from './healthLabels';

/** Suggested at-risk accounts (health below the threshold, stage not yet at risk), lowest health first; confirm each. */
export default function AtRiskList() {
  usePageTitle('atRisk.title');
  const intl = useIntl();
  const me = useCurrentUser();
  const [mine, setMine] = useState(me.role === 'kam' || me.role === 'bd');
  const list = useAtRisk(mine);
  const confirm = useConfirmAtRisk();
  const reasonText = useReasonText();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const failed = isApiError(confirm.error) ? confirm.variables?.accountId : undefined;
  return (
    <>
      <PageHeader title={<FormattedMessage id="atRisk.title" />} />
      <Text size="sm" c="dimmed" mb="md"><FormattedMessage id="atRisk.body" /></Text>
      <Checkbox label={intl.formatMessage({ id: 'atRisk.mine' })} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} mb="md" />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && items.length === 0 ? (
        <EmptyState title={<FormattedMessage id="atRisk.empty" />} description={<FormattedMessage id="atRisk.empty.body" />} />
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="atRisk.column.account" /></Table.Th>
                  <Table.Th><FormattedMessage id="atRisk.column.score" /></Table.Th>
                  <Table.Th><FormattedMessage id="atRisk.column.reasons" /></Table.Th>
                  <Table.Th><FormattedMessage id="atRisk.column.owner" /></Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.isPending ? (
                  <TableSkeletonRows columns={5} />
                ) : (
                  items.map((s) => (
                    <Table.Tr key={s.accountId} data-testid="at-risk-row">
                      <Table.Td><Anchor component={Link} to={`/accounts/${s.accountId}`} fw={600}>{s.name}</Anchor></Table.Td>
                      <Table.Td><HealthBadge score={s.score} band={s.band} /></Table.Td>
                      <Table.Td>
                        {s.reasons.filter((r) => r.impact < 0).slice(0, 2).map((r) => (
                          <Text key={r.key} size="xs">{reasonText(r)}</Text>
                        ))}
                      </Table.Td>
                      <Table.Td><Text size="sm">{s.ownerName ?? '—'}</Text></Table.Td>
                      <Table.Td>
                        {canWrite(me.role) && (
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            loading={confirm.isPending && confirm.variables?.accountId === s.accountId}
                            onClick={() => confirm.mutate({ accountId: s.accountId, version: s.accountVersion }, { onSuccess: () => notifications.show({ color: 'teal', message: intl.formatMessage({ id: 'health.confirmed' }) }), onError: () => void list.refetch() })}
                          >
                            <FormattedMessage id="health.confirm" />
                          </Button>
                        )}
                        {failed === s.accountId && <Text size="xs" c="red.8"><FormattedMessage id="health.conflict" /></Text>}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {list.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            <FormattedMessage id="cases.more" />
          </Button>
        </Group>
      )}
    </>
  );
}
