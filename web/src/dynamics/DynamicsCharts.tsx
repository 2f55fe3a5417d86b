import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Badge, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../common/labels';
import { useFormat } from '../common/useFormat';
import { chartNumber } from '../format';
import type { Dynamics } from './dynamicsApi';

const directionColor = { growing: 'teal', flat: 'gray', declining: 'red' } as const;
const directionLabel: Record<Dynamics['trend']['direction'], MessageId> = { growing: 'dynamics.trend.growing', flat: 'dynamics.trend.flat', declining: 'dynamics.trend.declining' };
const MIX_COLORS = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'yellow.6', 'cyan.6', 'pink.6', 'lime.6', 'indigo.6', 'red.6'];

/** Quarterly revenue and gross profit with the forecast, the quarters table (year-over-year), trend, product mix and share of wallet. */
export default function DynamicsCharts({ d }: { d: Dynamics }) {
  const intl = useIntl();
  const fmt = useFormat();
  const quarter = (p: string) => p.replace('-Q', ' Q');
  const revenue = intl.formatMessage({ id: 'chart.revenue' });
  const grossProfit = intl.formatMessage({ id: 'chart.grossProfit' });
  const forecastLabel = intl.formatMessage({ id: 'dynamics.forecast' });
  const quarterData = [
    ...d.quarters.map((q) => ({ period: quarter(q.period), revenue: chartNumber(q.revenue), grossProfit: chartNumber(q.grossProfit), forecast: 0 })),
    ...d.forecast.map((f) => ({ period: quarter(f.period), revenue: 0, grossProfit: 0, forecast: chartNumber(f.revenue) })),
  ];
  const families = [...new Set(d.productMix.flatMap((q) => q.families.map((f) => f.family)))].slice(0, MIX_COLORS.length);
  const familyName = (f: string) => f || intl.formatMessage({ id: 'dynamics.family.none' });
  const mixData = d.productMix.map((q) => Object.fromEntries([['period', quarter(q.period)], ...families.map((f) => [familyName(f), chartNumber(q.families.find((x) => x.family === f)?.share ?? '0') * 100])]));
  const walletData = d.shareOfWallet.items.map((s) => ({ month: fmt.month(s.month), share: s.share === null ? null : chartNumber(s.share) * 100 }));
  const money = (v: number) => fmt.money(String(v), d.currency, { compact: true });
  return (
    <Stack gap="lg" data-testid="dynamics-charts">
      <Group gap="sm">
        <Text size="sm" fw={600}><FormattedMessage id="dynamics.trend" /></Text>
        <Badge color={directionColor[d.trend.direction]} variant="light"><FormattedMessage id={directionLabel[d.trend.direction]} /></Badge>
        <Text size="sm" c="dimmed">
          <FormattedMessage id="dynamics.trend.detail" values={{ slope: fmt.money(d.trend.slopePerMonth, d.currency), relative: fmt.percent(d.trend.relativeSlope), from: fmt.month(d.trend.window.from), to: fmt.month(d.trend.window.to) }} />
        </Text>
      </Group>
      <figure style={{ margin: 0 }} aria-label={intl.formatMessage({ id: 'dynamics.quarters.caption' }, { currency: d.currency })}>
        <BarChart
          h={240}
          data={quarterData}
          dataKey="period"
          series={[
            { name: 'revenue', label: revenue, color: 'blue.7' },
            { name: 'grossProfit', label: grossProfit, color: 'teal.6' },
            { name: 'forecast', label: forecastLabel, color: 'gray.5' },
          ]}
          valueFormatter={money}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          tickLine="y"
          gridAxis="y"
        />
      </figure>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} fz="sm" striped>
          <caption><FormattedMessage id="dynamics.quarters.caption" values={{ currency: d.currency }} /></caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th><FormattedMessage id="dynamics.quarter" /></Table.Th>
              <Table.Th ta="right">{revenue}</Table.Th>
              <Table.Th ta="right">{grossProfit}</Table.Th>
              <Table.Th ta="right"><FormattedMessage id="dynamics.margin" /></Table.Th>
              <Table.Th ta="right"><FormattedMessage id="dynamics.revenueYoy" /></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.quarters.slice(-8).reverse().map((q) => (
              <Table.Tr key={q.period}>
                <Table.Th scope="row" fw={500}>{quarter(q.period)}</Table.Th>
                <Table.Td ta="right">{fmt.money(q.revenue, d.currency)}</Table.Td>
                <Table.Td ta="right">{fmt.money(q.grossProfit, d.currency)}</Table.Td>
                <Table.Td ta="right">{fmt.percent(q.margin)}</Table.Td>
                <Table.Td ta="right" c={q.revenueYoy === null ? undefined : Number(q.revenueYoy) < 0 ? 'red.9' : 'teal.9'}>{fmt.percent(q.revenueYoy)}</Table.Td>
              </Table.Tr>
            ))}
            {d.forecast.map((f) => (
              <Table.Tr key={f.period}>
                <Table.Th scope="row" fw={500}>{quarter(f.period)} · <FormattedMessage id="dynamics.forecast" /></Table.Th>
                <Table.Td ta="right">{fmt.money(f.revenue, d.currency)}</Table.Td>
                <Table.Td ta="right">{fmt.money(f.grossProfit, d.currency)}</Table.Td>
                <Table.Td ta="right">—</Table.Td>
                <Table.Td ta="right">—</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <figure style={{ margin: 0 }} aria-label={intl.formatMessage({ id: 'dynamics.mix.caption' })}>
          <Title order={3} size="h6" mb="xs"><FormattedMessage id="dynamics.mix.caption" /></Title>
          {mixData.length === 0 ? (
            <Text size="sm" c="dimmed"><FormattedMessage id="dynamics.none" /></Text>
          ) : (
            <BarChart h={220} data={mixData} dataKey="period" type="stacked" series={families.map((f, i) => ({ name: familyName(f), color: MIX_COLORS[i]! }))} valueFormatter={(v) => fmt.percent(v / 100)} withLegend legendProps={{ verticalAlign: 'bottom' }} />
          )}
        </figure>
        <figure style={{ margin: 0 }} aria-label={intl.formatMessage({ id: 'dynamics.wallet.caption' })}>
          <Title order={3} size="h6" mb="xs"><FormattedMessage id="dynamics.wallet.caption" /></Title>
          {d.shareOfWallet.walletEstimate === null ? (
            <Text size="sm" c="dimmed"><FormattedMessage id="dynamics.wallet.none" /></Text>
          ) : (
            <>
              <LineChart h={200} data={walletData} dataKey="month" series={[{ name: 'share', label: intl.formatMessage({ id: 'dynamics.wallet.share' }), color: 'violet.6' }]} valueFormatter={(v) => fmt.percent(v / 100)} curveType="monotone" withDots={false} connectNulls />
              <Text size="xs" c="dimmed"><FormattedMessage id="dynamics.wallet.note" values={{ wallet: fmt.money(d.shareOfWallet.walletEstimate, d.currency) }} /></Text>
            </>
          )}
        </figure>
      </SimpleGrid>
    </Stack>
  );
}
