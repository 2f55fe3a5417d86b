import { Anchor, Button, Card, Table, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { Role } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { roleLabel } from '../common/labels';
import { PageHeader } from '../common/PageHeader';
import { EmptyState, ErrorState, TableSkeletonRows } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useCapacity } from './peopleApi';
import { WorkloadBar } from './peopleLabels';

/** The team's books side by side, most headroom first: who can take the next account. */
export default function TeamCapacity() {
  usePageTitle('nav.people');
  const intl = useIntl();
  const fmt = useFormat();
  const me = useCurrentUser();
  const capacity = useCapacity();
  const canMove = ['admin', 'director', 'manager'].includes(me.role);
  const items = capacity.data?.items ?? [];
  return (
    <>
      <PageHeader title={<FormattedMessage id="people.capacity.title" />} actions={<Button component={Link} to={`/people/${me.id}`} variant="default"><FormattedMessage id="people.myProfile" /></Button>} />
      {capacity.isError ? (
        <ErrorState error={capacity.error} onRetry={() => void capacity.refetch()} />
      ) : !capacity.isPending && items.length === 0 ? (
        <EmptyState title={<FormattedMessage id="people.capacity.empty" />} />
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={820}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="people.capacity.person" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="people.book.accounts" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="people.capacity.keyAccounts" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="people.book.revenue" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="people.book.openCases" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="people.book.interactions" /></Table.Th>
                  <Table.Th w={180}><FormattedMessage id="people.capacity.workload" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="people.capacity.headroom" /></Table.Th>
                  {canMove && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {capacity.isPending ? <TableSkeletonRows columns={canMove ? 9 : 8} /> : items.map((b) => (
                  <Table.Tr key={b.userId} data-testid="capacity-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/people/${b.userId}`} fw={600}>{b.name}</Anchor>
                      <Text size="xs" c="dimmed"><FormattedMessage id={roleLabel[b.role as Role]} /></Text>
                    </Table.Td>
                    <Table.Td ta="right">{fmt.number(b.accounts)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(b.accountsByTier.key)}</Table.Td>
                    <Table.Td ta="right">{fmt.money(b.revenue, b.currency, { compact: true })}</Table.Td>
                    <Table.Td ta="right">{fmt.number(b.openCases)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(b.interactionsPerMonth)}</Table.Td>
                    <Table.Td><WorkloadBar index={b.workload.index} label={intl.formatMessage({ id: 'people.capacity.workloadOf' }, { name: b.name })} /></Table.Td>
                    <Table.Td ta="right">{b.workload.headroom === null ? '—' : fmt.number(b.workload.headroom)}</Table.Td>
                    {canMove && (
                      <Table.Td>
                        {b.userId !== me.id && b.accounts > 0 && (
                          <Button component={Link} to={`/people/${b.userId}/reassign`} size="compact-sm" variant="subtle"><FormattedMessage id="people.reassign.open" /></Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </>
  );
}
