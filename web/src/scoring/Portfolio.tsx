import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Anchor, Badge, Button, Card, Grid, Group, Paper, ScrollArea, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconChartDots3, IconStars } from '@tabler/icons-react';
import { useMemo, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { useCurrentUser } from '../auth/session';
import type { MessageId } from '../common/labels';
import { PageHeader } from '../common/PageHeader';
import { EmptyState, ErrorState } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { paretoCurve, tierRevenueShares } from './portfolioMath';
import { TIERS, usePortfolio, type Portfolio as PortfolioData, type PortfolioItem, type Tier } from './scoringApi';
import { formatScore, TierBadge, tierChartColor, tierDescription, tierLabel, tierShape } from './scoringLabels';

/** Portfolio: the attractiveness × strength matrix, tier counts with their revenue share, and the Pareto set. */
export default function Portfolio() {
  usePageTitle('nav.portfolio');
  const portfolio = usePortfolio();
  return (
    <>
      <PageHeader
        title={<FormattedMessage id="nav.portfolio" />}
        actions={
          <Button component={Link} to="/key-accounts" variant="default">
            <FormattedMessage id="scoring.portfolio.toRanking" />
          </Button>
        }
      />
      {portfolio.isPending ? (
        <Stack gap="md" aria-busy="true">
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {TIERS.map((t) => (
              <Skeleton key={t} height={110} />
            ))}
          </SimpleGrid>
          <Skeleton height={460} />
        </Stack>
      ) : portfolio.isError ? (
        <ErrorState error={portfolio.error} onRetry={() => void portfolio.refetch()} />
      ) : portfolio.data.items.length === 0 ? (
        <Paper withBorder>
          <EmptyState icon={<IconStars aria-hidden />} title={<FormattedMessage id="scoring.empty.title" />} description={<FormattedMessage id="scoring.empty.body" />} />
        </Paper>
      ) : (
        <PortfolioView data={portfolio.data} />
      )}
    </>
  );
}

function PortfolioView({ data }: { data: PortfolioData }) {
  const me = useCurrentUser();
  const fmt = useFormat();
  const shares = useMemo(() => tierRevenueShares(data.items), [data.items]);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="tier-counts">
        {TIERS.map((tier) => (
          <Card key={tier} withBorder padding="md" component="li">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <TierBadge tier={tier} size="lg" />
              <Text fz={28} fw={700} lh={1} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {fmt.number(data.tierCounts[tier])}
              </Text>
            </Group>
            <Text size="sm" mt="sm">
              <FormattedMessage
                id="scoring.portfolio.revenueShare"
                values={{ share: shares.share[tier] === null ? '—' : fmt.percent(shares.share[tier]), revenue: fmt.money(String(shares.revenue[tier]), me.orgCurrency, { compact: true }) }}
              />
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              <FormattedMessage id={tierDescription[tier]} />
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Card withBorder padding="lg" component="section" aria-labelledby="matrix-title">
        <Group justify="space-between" mb="xs" wrap="wrap">
          <Title order={2} size="h4" id="matrix-title">
            <FormattedMessage id="scoring.portfolio.matrix" />
          </Title>
          <Text size="sm" c="dimmed">
            <FormattedMessage
              id="scoring.portfolio.thresholds"
              values={{ attractiveness: fmt.number(data.thresholds.attractiveness), strength: fmt.number(data.thresholds.strength) }}
            />
          </Text>
        </Group>
        <Text size="sm" c="dimmed" mb="md">
          <FormattedMessage id="scoring.portfolio.matrixHelp" />
        </Text>
        <Matrix data={data} currency={me.orgCurrency} />
      </Card>
      <Pareto data={data} currency={me.orgCurrency} />
    </Stack>
  );
}

type Point = PortfolioItem & { size: number };

function Matrix({ data, currency }: { data: PortfolioData; currency: string }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const fmt = useFormat();
  const navigate = useNavigate();
  const byTier = useMemo(() => {
    const groups: Record<Tier, Point[]> = { key: [], strategic: [], maintain: [], develop: [] };
    for (const item of data.items) groups[item.tier].push({ ...item, size: Math.max(0, item.revenue) });
    return groups;
  }, [data.items]);
  const maxRevenue = Math.max(1, ...data.items.map((i) => i.revenue));
  const open = (point: unknown) => {
    const p = point as { payload?: Point; accountId?: string } | undefined;
    const id = p?.payload?.accountId ?? p?.accountId;
    if (id) void navigate(`/accounts/${id}`);
  };
  return (
    <figure style={{ margin: 0 }} aria-label={t('scoring.portfolio.matrixCaption', { count: data.items.length })} data-testid="portfolio-matrix">
      <div style={{ width: '100%', height: 480 }}>
        <ResponsiveContainer>
          <ScatterChart margin={{ top: 16, right: 24, bottom: 32, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-gray-3)" />
            <XAxis
              type="number"
              dataKey="strength"
              name={t('scoring.axis.strength')}
              domain={[0, 100]}
              ticks={[0, 20, 40, 60, 80, 100]}
              tickFormatter={(v: number) => fmt.number(v)}
              label={{ value: t('scoring.axis.strength'), position: 'insideBottom', offset: -16, fill: 'var(--mantine-color-gray-8)' }}
              stroke="var(--mantine-color-gray-7)"
            />
            <YAxis
              type="number"
              dataKey="attractiveness"
              name={t('scoring.axis.attractiveness')}
              domain={[0, 100]}
              ticks={[0, 20, 40, 60, 80, 100]}
              tickFormatter={(v: number) => fmt.number(v)}
              label={{ value: t('scoring.axis.attractiveness'), angle: -90, position: 'insideLeft', offset: 16, fill: 'var(--mantine-color-gray-8)', style: { textAnchor: 'middle' } }}
              stroke="var(--mantine-color-gray-7)"
            />
            <ZAxis type="number" dataKey="size" domain={[0, maxRevenue]} range={[16, 420]} />
            <ReferenceLine x={data.thresholds.strength} stroke="var(--mantine-color-red-7)" strokeDasharray="6 4" label={{ value: t('scoring.portfolio.threshold'), position: 'insideTopRight', fill: 'var(--mantine-color-red-8)', fontSize: 12 }} />
            <ReferenceLine y={data.thresholds.attractiveness} stroke="var(--mantine-color-red-7)" strokeDasharray="6 4" />
            <Tooltip cursor={{ strokeDasharray: '3 3' }} content={({ active, payload }) => (active && payload?.[0] ? <PointTooltip point={payload[0].payload as Point} currency={currency} /> : null)} />
            {TIERS.map((tier) => (
              <Scatter
                key={tier}
                name={t(tierLabel[tier])}
                data={byTier[tier]}
                fill={tierChartColor[tier]}
                fillOpacity={0.7}
                stroke={tierChartColor[tier]}
                shape={tierShape[tier]}
                onClick={open}
                style={{ cursor: 'pointer' }}
                isAnimationActive={false}
              />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <Group gap="md" justify="center" mt="xs" component="figcaption">
        {TIERS.map((tier) => (
          <Group key={tier} gap={6} wrap="nowrap">
            <svg width={14} height={14} aria-hidden>
              <LegendShape shape={tierShape[tier]} color={tierChartColor[tier]} />
            </svg>
            <Text size="sm">
              <FormattedMessage id={tierLabel[tier]} />
            </Text>
          </Group>
        ))}
        <Text size="sm" c="dimmed">
          <FormattedMessage id="scoring.portfolio.sizeLegend" />
        </Text>
      </Group>
    </figure>
  );
}

function LegendShape({ shape, color }: { shape: 'circle' | 'diamond' | 'square' | 'triangle'; color: string }) {
  if (shape === 'circle') return <circle cx={7} cy={7} r={6} fill={color} />;
  if (shape === 'square') return <rect x={1} y={1} width={12} height={12} fill={color} />;
  if (shape === 'diamond') return <polygon points="7,0 14,7 7,14 0,7" fill={color} />;
  return <polygon points="7,1 13,13 1,13" fill={color} />;
}

function PointTooltip({ point, currency }: { point: Point; currency: string }) {
  const fmt = useFormat();
  return (
    <Paper withBorder shadow="md" p="xs" style={{ maxWidth: 260 }}>
      <Group gap="xs" wrap="nowrap" mb={4}>
        <Text fw={700} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {point.name}
        </Text>
        <TierBadge tier={point.tier} size="xs" />
      </Group>
      <TooltipRow label={<FormattedMessage id="scoring.field.score" />} value={formatScore(fmt, point.score)} />
      <TooltipRow label={<FormattedMessage id="scoring.axis.attractiveness" />} value={formatScore(fmt, point.attractiveness)} />
      <TooltipRow label={<FormattedMessage id="scoring.axis.strength" />} value={formatScore(fmt, point.strength)} />
      <TooltipRow label={<FormattedMessage id="scoring.field.revenue12" />} value={fmt.money(String(point.revenue), currency, { fractionDigits: 0 })} />
    </Paper>
  );
}

function TooltipRow({ label, value }: { label: ReactNode; value: string }) {
  return (
    <Group justify="space-between" gap="md" wrap="nowrap">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xs" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Group>
  );
}

function Pareto({ data, currency }: { data: PortfolioData; currency: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const curve = useMemo(() => paretoCurve(data.items, data.paretoAccountIds), [data.items, data.paretoAccountIds]);
  const total = data.items.length;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pareto-title">
      <Title order={2} size="h4" id="pareto-title">
        <FormattedMessage id="scoring.pareto.title" />
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        <FormattedMessage
          id="scoring.pareto.summary"
          values={{ count: curve.members.length, total: fmt.number(total), share: fmt.percent(total ? curve.members.length / total : 0), grossProfit: fmt.money(String(curve.totalGrossProfit), currency, { compact: true }) }}
        />
      </Text>
      {curve.members.length === 0 ? (
        <EmptyState icon={<IconChartDots3 aria-hidden />} title={<FormattedMessage id="scoring.pareto.empty.title" />} description={<FormattedMessage id="scoring.pareto.empty.body" />} />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <figure style={{ margin: 0 }} aria-label={intl.formatMessage({ id: 'scoring.pareto.chartCaption' })} data-testid="pareto-chart">
              <LineChart
                h={320}
                data={curve.points}
                dataKey="rank"
                series={[{ name: 'cumulative', label: intl.formatMessage({ id: 'scoring.pareto.cumulative' }), color: 'blue.7' }]}
                curveType="linear"
                withDots={false}
                valueFormatter={(v) => fmt.percent(v / 100)}
                yAxisProps={{ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] }}
                xAxisProps={{ type: 'number', domain: [1, Math.max(1, curve.points.length)], tickFormatter: (v: number) => fmt.number(v) }}
                xAxisLabel={intl.formatMessage({ id: 'scoring.pareto.xAxis' })}
                yAxisLabel={intl.formatMessage({ id: 'scoring.pareto.cumulative' })}
                referenceLines={[
                  { y: 80, label: fmt.percent(0.8), color: 'red.7' },
                  { x: curve.members.length, label: intl.formatMessage({ id: 'scoring.pareto.cut' }, { count: curve.members.length }), color: 'gray.7' },
                ]}
                gridAxis="xy"
              />
            </figure>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
              <Table verticalSpacing={6} stickyHeader aria-labelledby="pareto-title" data-testid="pareto-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th ta="right">
                      <FormattedMessage id="scoring.field.rank" />
                    </Table.Th>
                    <Table.Th>
                      <FormattedMessage id="account.field.name" />
                    </Table.Th>
                    <Table.Th ta="right">
                      <FormattedMessage id="scoring.field.grossProfit12" />
                    </Table.Th>
                    <Table.Th ta="right">
                      <FormattedMessage id="scoring.pareto.cumulative" />
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {curve.members.map((m, i) => (
                    <Table.Tr key={m.accountId}>
                      <Table.Td ta="right" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {fmt.number(i + 1)}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="wrap">
                          <Anchor component={Link} to={`/accounts/${m.accountId}`} size="sm">
                            {m.name}
                          </Anchor>
                          <Badge size="xs" variant="dot" color={tierChartColor[m.tier]} tt="none" style={{ flexShrink: 0, minWidth: 'max-content' }}>
                            <FormattedMessage id={tierLabel[m.tier]} />
                          </Badge>
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                        {fmt.money(String(m.grossProfit), currency, { fractionDigits: 0 })}
                      </Table.Td>
                      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {fmt.percent(m.cumulative)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Grid.Col>
        </Grid>
      )}
    </Card>
  );
}
