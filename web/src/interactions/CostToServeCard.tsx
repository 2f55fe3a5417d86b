import { Anchor, SimpleGrid, Table, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/session';
import { CardSkeleton, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { useCostToServe } from './interactionApi';

function monthsBack(to: string, n: number): string {
  const [y, m] = to.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Cost to serve and net profitability of the account, the last 6 months and their totals. */
export function CostToServeCard({ accountId }: { accountId: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const me = useCurrentUser();
  const now = new Date();
  const to = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const from = monthsBack(to, 5);
  const cost = useCostToServe(accountId, from, to);
  if (cost.isPending) return <CardSkeleton lines={4} />;
  if (cost.isError) return <InlineError error={cost.error} onRetry={() => void cost.refetch()} />;
  const c = cost.data;
  const num = { style: { fontVariantNumeric: 'tabular-nums' } as const, ta: 'right' as const };
  const red = (v: string) => (v.startsWith('-') ? 'red.8' : undefined);
  return (
    <>
      <SimpleGrid cols={3} spacing="xs" mb="sm">
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            <FormattedMessage id="cost.grossProfit" />
          </Text>
          <Text fw={700}>{fmt.money(c.totals.grossProfit, c.currency, { fractionDigits: 0 })}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            <FormattedMessage id="cost.costToServe" />
          </Text>
          <Text fw={700}>{fmt.money(c.totals.costToServe, c.currency, { fractionDigits: 0 })}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            <FormattedMessage id="cost.netProfit" />
          </Text>
          <Text fw={700} c={red(c.totals.netProfit)} data-testid="net-profit">
            {fmt.money(c.totals.netProfit, c.currency, { fractionDigits: 0 })}
          </Text>
        </div>
      </SimpleGrid>
        <Table verticalSpacing={4} fz="xs" aria-label={intl.formatMessage({ id: 'cost.title' })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <FormattedMessage id="cost.month" />
              </Table.Th>
              <Table.Th ta="right">
                <FormattedMessage id="cost.hours" />
              </Table.Th>
              <Table.Th ta="right">
                <FormattedMessage id="cost.costToServe" />
              </Table.Th>
              <Table.Th ta="right">
                <FormattedMessage id="cost.netProfit" />
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...c.months].reverse().map((m) => (
              <Table.Tr key={m.month}>
                <Table.Td>{fmt.month(m.month)}</Table.Td>
                <Table.Td {...num}>{fmt.number(m.minutes / 60, { maximumFractionDigits: 1 })}</Table.Td>
                <Table.Td {...num}>{fmt.money(m.costToServe, c.currency, { fractionDigits: 0 })}</Table.Td>
                <Table.Td {...num} c={red(m.netProfit)}>
                  {fmt.money(m.netProfit, c.currency, { fractionDigits: 0 })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      {!c.ratesSet && (
        <Text size="xs" c="dimmed" mt="xs">
          <FormattedMessage id="cost.noRates" />{' '}
          {me.role === 'admin' && (
            <Anchor component={Link} to="/admin/engagement" size="xs">
              <FormattedMessage id="cost.setRates" />
            </Anchor>
          )}
        </Text>
      )}
    </>
  );
}
