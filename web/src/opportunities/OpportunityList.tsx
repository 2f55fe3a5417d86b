import { Anchor, Button, Card, Group, Table, Text } from '@mantine/core';
import { IconLayoutKanban } from '@tabler/icons-react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { PageHeader } from '../common/PageHeader';
import { EmptyState, ErrorState, TableSkeletonRows } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useOpportunities } from './opportunityApi';
import { OpportunityFilterBar, useOpportunityFilters } from './OpportunityFilters';
import { forecastLabel, OwnerTotals, StageBadge } from './opportunityLabels';

/** Every opportunity I can see, filtered (owner, stage, outcome, forecast category, close dates), soonest close first. */
export default function OpportunityList() {
  usePageTitle('opportunity.list.title');
  const { filters } = useOpportunityFilters();
  const list = useOpportunities(filters);
  const fmt = useFormat();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={<FormattedMessage id="opportunity.list.title" />}
        actions={<Button component={Link} to="/pipeline" variant="default" leftSection={<IconLayoutKanban size={16} aria-hidden />}><FormattedMessage id="opportunity.board.title" /></Button>}
      />
      <OpportunityFilterBar withStage />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && items.length === 0 ? (
        <EmptyState title={<FormattedMessage id="opportunity.empty" />} description={<FormattedMessage id="opportunity.empty.body" />} />
      ) : (
        <Card withBorder padding={0} mb="md">
          <Table.ScrollContainer minWidth={860}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="opportunity.field.name" /></Table.Th>
                  <Table.Th><FormattedMessage id="opportunity.field.account" /></Table.Th>
                  <Table.Th><FormattedMessage id="opportunity.field.stage" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="opportunity.field.amount" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="opportunity.field.probability" /></Table.Th>
                  <Table.Th><FormattedMessage id="opportunity.field.forecastCategory" /></Table.Th>
                  <Table.Th><FormattedMessage id="opportunity.field.closeDate" /></Table.Th>
                  <Table.Th><FormattedMessage id="opportunity.field.owner" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.isPending ? (
                  <TableSkeletonRows columns={8} />
                ) : (
                  items.map((o) => (
                    <Table.Tr key={o.id} data-testid="opportunity-row">
                      <Table.Td><Anchor component={Link} to={`/opportunities/${o.id}`} fw={600}>{o.name}</Anchor></Table.Td>
                      <Table.Td><Anchor component={Link} to={`/accounts/${o.accountId}`} size="sm">{o.accountName}</Anchor></Table.Td>
                      <Table.Td><StageBadge stage={o.stage} outcome={o.outcome} /></Table.Td>
                      <Table.Td ta="right">{fmt.money(o.amount, o.currency)}</Table.Td>
                      <Table.Td ta="right">{fmt.percent(o.probability)}</Table.Td>
                      <Table.Td><Text size="sm"><FormattedMessage id={forecastLabel[o.forecastCategory]} /></Text></Table.Td>
                      <Table.Td>{fmt.date(o.closeDate)}</Table.Td>
                      <Table.Td><Text size="sm">{o.ownerName ?? '—'}</Text></Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {list.hasNextPage && (
        <Group justify="center" mb="md">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}><FormattedMessage id="opportunity.more" /></Button>
        </Group>
      )}
      <OwnerTotals filters={filters} />
    </>
  );
}
