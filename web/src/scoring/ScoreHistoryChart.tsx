import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { useIntl } from 'react-intl';
import { useFormat } from '../common/useFormat';
import type { ScoreHistory } from './scoringApi';
import { formatScore } from './scoringLabels';

/** Score, attractiveness and strength by day (0–100). */
export default function ScoreHistoryChart({ points }: { points: ScoreHistory['points'] }) {
  const intl = useIntl();
  const fmt = useFormat();
  const data = points.map((p) => ({ day: fmt.date(p.day), score: p.score, attractiveness: p.attractiveness, strength: p.strength }));
  return (
    <figure style={{ margin: 0 }} aria-label={intl.formatMessage({ id: 'scoring.account.historyCaption' }, { count: points.length })} data-testid="score-history-chart">
      <LineChart
        h={220}
        data={data}
        dataKey="day"
        series={[
          { name: 'score', label: intl.formatMessage({ id: 'scoring.field.score' }), color: 'grape.8' },
          { name: 'attractiveness', label: intl.formatMessage({ id: 'scoring.axis.attractiveness' }), color: 'blue.6', strokeDasharray: '5 5' },
          { name: 'strength', label: intl.formatMessage({ id: 'scoring.axis.strength' }), color: 'teal.6', strokeDasharray: '2 3' },
        ]}
        curveType="monotone"
        withDots={points.length < 40}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        valueFormatter={(v) => formatScore(fmt, v)}
        yAxisProps={{ domain: [0, 100], ticks: [0, 25, 50, 75, 100] }}
        xAxisProps={{ interval: 'preserveStartEnd' }}
        gridAxis="y"
      />
    </figure>
  );
}
