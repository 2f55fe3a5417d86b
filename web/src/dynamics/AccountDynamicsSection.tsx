import { Anchor, Group, SegmentedControl, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { CardSkeleton, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import type { MessageId } from '../common/labels';
import { useAccountDynamics, useWhitespace, type Whitespace } from './dynamicsApi';

const DynamicsCharts = lazy(() => import('./DynamicsCharts'));

const BASIS_LABEL: Record<Whitespace['basis'], MessageId> = {
  industryAndRegion: 'dynamics.basis.industryAndRegion',
  industry: 'dynamics.basis.industry',
  region: 'dynamics.basis.region',
  productMix: 'dynamics.basis.productMix',
};

/** The account page's dynamics: years to show, the charts, and the cross-sell (whitespace) list. */
export function AccountDynamicsSection({ accountId }: { accountId: string }) {
  const intl = useIntl();
  const [years, setYears] = useState('3');
  const dynamics = useAccountDynamics(accountId, Number(years));
  return (
    <Stack gap="md" data-testid="account-dynamics">
      <Group justify="flex-end">
        <SegmentedControl
          size="xs"
          value={years}
          onChange={setYears}
          aria-label={intl.formatMessage({ id: 'dynamics.years' })}
          data={['1', '3', '5'].map((y) => ({ value: y, label: intl.formatMessage({ id: 'dynamics.yearsOption' }, { years: Number(y) }) }))}
        />
      </Group>
      {dynamics.isPending ? (
        <Skeleton height={240} />
      ) : dynamics.isError ? (
        <InlineError error={dynamics.error} onRetry={() => void dynamics.refetch()} />
      ) : (
        <Suspense fallback={<Skeleton height={240} />}>
          <DynamicsCharts d={dynamics.data} />
        </Suspense>
      )}
      <CrossSell accountId={accountId} />
    </Stack>
  );
}

function CrossSell({ accountId }: { accountId: string }) {
  const whitespace = useWhitespace(accountId);
  const fmt = useFormat();
  return (
    <section data-testid="cross-sell">
      <Title order={3} size="h5" mb="xs"><FormattedMessage id="dynamics.crossSell.title" /></Title>
      {whitespace.isPending ? (
        <CardSkeleton lines={3} />
      ) : whitespace.isError ? (
        <InlineError error={whitespace.error} onRetry={() => void whitespace.refetch()} />
      ) : whitespace.data.items.length === 0 ? (
        <Text size="sm" c="dimmed"><FormattedMessage id="dynamics.crossSell.empty" values={{ peers: whitespace.data.peers }} /></Text>
      ) : (
        <>
          <Text size="xs" c="dimmed" mb="xs"><FormattedMessage id={BASIS_LABEL[whitespace.data.basis]} values={{ peers: whitespace.data.peers }} /></Text>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="dynamics.family" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="dynamics.crossSell.peerRevenue" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="dynamics.crossSell.buyers" /></Table.Th>
                  <Table.Th ta="right"><FormattedMessage id="dynamics.crossSell.average" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {whitespace.data.items.map((item) => (
                  <Table.Tr key={item.family} title={item.why} data-testid="cross-sell-item">
                    <Table.Td><Anchor component="span" size="sm" fw={600}>{item.family || '—'}</Anchor></Table.Td>
                    <Table.Td ta="right">{fmt.money(item.peerRevenue, whitespace.data.currency)}</Table.Td>
                    <Table.Td ta="right">
                      <FormattedMessage id="dynamics.crossSell.buyersOf" values={{ buyers: item.buyers, peers: whitespace.data.peers, share: fmt.percent(item.penetration) }} />
                    </Table.Td>
                    <Table.Td ta="right">{fmt.money(item.averagePerBuyer, whitespace.data.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </section>
  );
}
