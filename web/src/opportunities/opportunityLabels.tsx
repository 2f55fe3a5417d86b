import { Badge, Card, Table, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../common/labels';
import { InlineError, TableSkeletonRows } from '../common/states';
import { useFormat } from '../common/useFormat';
import { useStages, useTotals, type ForecastCategory, type OpportunityFilters, type Outcome, type StageSetting } from './opportunityApi';

const DEFAULT_STAGE_LABELS: Record<string, MessageId> = {
  qualify: 'opportunity.stage.qualify',
  develop: 'opportunity.stage.develop',
  propose: 'opportunity.stage.propose',
  negotiate: 'opportunity.stage.negotiate',
  won: 'opportunity.stage.won',
  lost: 'opportunity.stage.lost',
};

export const forecastLabel: Record<ForecastCategory, MessageId> = {
  pipeline: 'opportunity.forecast.pipeline',
  bestCase: 'opportunity.forecast.bestCase',
  commit: 'opportunity.forecast.commit',
  closed: 'opportunity.forecast.closed',
  omitted: 'opportunity.forecast.omitted',
};

export const outcomeLabel: Record<Outcome, MessageId> = { open: 'opportunity.outcome.open', won: 'opportunity.outcome.won', lost: 'opportunity.outcome.lost' };
const outcomeColor: Record<Outcome, string> = { open: 'blue', won: 'teal', lost: 'gray' };

/** A stage's name: the organisation's label, else the translation of a default key, else the key. */
export function useStageName() {
  const intl = useIntl();
  const stages = useStages();
  return (key: string): string => {
    const stage = stages.data?.stages.find((s: StageSetting) => s.key === key);
    if (stage?.label) return stage.label;
    const id = DEFAULT_STAGE_LABELS[key];
    return id ? intl.formatMessage({ id }) : key;
  };
}

export function StageBadge({ stage, outcome }: { stage: string; outcome: Outcome }) {
  const name = useStageName();
  return <Badge color={outcomeColor[outcome]} variant="light">{name(stage)}</Badge>;
}

/** Per-owner totals of the filtered opportunities: count, unweighted and weighted, in the organisation currency. */
export function OwnerTotals({ filters }: { filters: OpportunityFilters }) {
  const totals = useTotals(filters);
  const fmt = useFormat();
  return (
    <Card withBorder padding="md" component="section" data-testid="owner-totals">
      <Title order={2} size="h5" mb="xs"><FormattedMessage id="opportunity.totals.title" /></Title>
      {totals.isError ? (
        <InlineError error={totals.error} onRetry={() => void totals.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th><FormattedMessage id="opportunity.field.owner" /></Table.Th>
                <Table.Th ta="right"><FormattedMessage id="opportunity.totals.count" /></Table.Th>
                <Table.Th ta="right"><FormattedMessage id="opportunity.totals.unweighted" /></Table.Th>
                <Table.Th ta="right"><FormattedMessage id="opportunity.totals.weighted" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {totals.isPending ? (
                <TableSkeletonRows columns={4} rows={3} />
              ) : (
                <>
                  {totals.data.owners.map((o) => (
                    <Table.Tr key={o.ownerId ?? 'none'}>
                      <Table.Td>{o.ownerName ?? <FormattedMessage id="opportunity.noOwner" />}</Table.Td>
                      <Table.Td ta="right">{fmt.number(o.count)}</Table.Td>
                      <Table.Td ta="right">{fmt.money(o.amount, totals.data.currency)}</Table.Td>
                      <Table.Td ta="right">{fmt.money(o.weightedAmount, totals.data.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr fw={700}>
                    <Table.Td><FormattedMessage id="opportunity.totals.total" /></Table.Td>
                    <Table.Td ta="right">{fmt.number(totals.data.total.count)}</Table.Td>
                    <Table.Td ta="right">{fmt.money(totals.data.total.amount, totals.data.currency)}</Table.Td>
                    <Table.Td ta="right">{fmt.money(totals.data.total.weightedAmount, totals.data.currency)}</Table.Td>
                  </Table.Tr>
                </>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {totals.data && <Text size="xs" c="dimmed" mt={4}><FormattedMessage id="opportunity.totals.note" values={{ currency: totals.data.currency, date: fmt.date(totals.data.asOf) }} /></Text>}
    </Card>
  );
}
