import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Table, VisuallyHidden } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Monthly } from '../api/types';
import { useFormat } from '../common/useFormat';
import { chartNumber } from '../format';

/** Revenue and gross profit by month (bars, keyboard-explorable), with the same figures as a table for screen readers. */
export default function AccountMonthlyChart({ months, monthly }: { months: string[]; monthly: Monthly }) {
  const intl = useIntl();
  const fmt = useFormat();
  const byMonth = new Map(monthly.items.map((m) => [m.month, m]));
  const revenue = intl.formatMessage({ id: 'chart.revenue' });
  const grossProfit = intl.formatMessage({ id: 'chart.grossProfit' });
  const data = months.map((month) => {
    const m = byMonth.get(month);
    return { month: fmt.month(month), revenue: chartNumber(m?.revenue), grossProfit: chartNumber(m?.grossProfit) };
  });
  return (
    <>
      <figure style={{ margin: 0 }} aria-label={intl.formatMessage({ id: 'chart.monthly.caption' }, { currency: monthly.currency })}>
        <BarChart
          h={260}
          data={data}
          dataKey="month"
          series={[
            { name: 'revenue', label: revenue, color: 'blue.7' },
            { name: 'grossProfit', label: grossProfit, color: 'teal.6' },
          ]}
          valueFormatter={(v) => fmt.money(String(v), monthly.currency, { compact: true })}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          tickLine="y"
          gridAxis="y"
          xAxisProps={{ interval: 'preserveStartEnd' }}
        />
      </figure>
      <VisuallyHidden>
        <Table>
          <caption>
            <FormattedMessage id="chart.monthly.caption" values={{ currency: monthly.currency }} />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="chart.month" />
              </th>
              <th scope="col">{revenue}</th>
              <th scope="col">{grossProfit}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((month) => {
              const m = byMonth.get(month);
              return (
                <tr key={month}>
                  <th scope="row">{fmt.month(month)}</th>
                  <td>{fmt.money(m?.revenue ?? '0', monthly.currency)}</td>
                  <td>{fmt.money(m?.grossProfit ?? '0', monthly.currency)}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </VisuallyHidden>
    </>
  );
}
