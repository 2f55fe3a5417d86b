import { Alert, Group, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { useFormat } from '../common/useFormat';
import type { PersonPay } from './peopleApi';

const positionColor: Record<PersonPay['position'], string> = { below: 'orange', within: 'teal', above: 'red', no_band: 'gray', no_pay: 'gray', other_currency: 'gray' };

/** Expected total pay at 100 % as a marker on the band's range (low … high), with the components' ranges listed. */
export function PayChart({ pay, compact = false }: { pay: PersonPay; compact?: boolean }) {
  const intl = useIntl();
  const fmt = useFormat();
  const band = pay.band;
  if (!band || !pay.expected || pay.position === 'other_currency') {
    return <Text size="sm" c="dimmed"><FormattedMessage id={`people.pay.position.${pay.position}` as 'people.pay.position.no_band'} /></Text>;
  }
  const low = Number(band.total.low);
  const high = Number(band.total.high);
  const expected = Number(pay.expected.amount);
  const min = Math.min(low, expected) * 0.9;
  const max = Math.max(high, expected) * 1.1;
  const x = (v: number) => ((v - min) / (max - min)) * 100;
  const label = intl.formatMessage({ id: 'people.pay.chart' }, { expected: fmt.money(pay.expected.amount, pay.expected.currency), low: fmt.money(band.total.low, band.currency), high: fmt.money(band.total.high, band.currency) });
  return (
    <Stack gap={4}>
      <svg viewBox="0 0 100 14" width="100%" height={compact ? 24 : 40} role="img" aria-label={label} preserveAspectRatio="none">
        <rect x="0" y="5" width="100" height="4" fill="var(--mantine-color-gray-2)" />
        <rect x={x(low)} y="3" width={x(high) - x(low)} height="8" fill="var(--mantine-color-teal-3)" />
        <rect x={x(expected) - 0.6} y="0" width="1.2" height="14" fill={`var(--mantine-color-${positionColor[pay.position]}-7)`} />
      </svg>
      {!compact && (
        <>
          <Group justify="space-between">
            <Text size="xs">{fmt.money(band.total.low, band.currency)}</Text>
            <Text size="sm" fw={600} c={`${positionColor[pay.position]}.8`}>{label}</Text>
            <Text size="xs">{fmt.money(band.total.high, band.currency)}</Text>
          </Group>
          {pay.flagged && (
            <Alert color={positionColor[pay.position]} variant="light">
              <FormattedMessage id={pay.position === 'below' ? 'people.pay.position.below' : 'people.pay.position.above'} /> ({fmt.money(pay.distance, band.currency)})
            </Alert>
          )}
          <Text size="xs" c="dimmed"><FormattedMessage id="people.pay.source" values={{ source: band.source, year: band.year }} /></Text>
        </>
      )}
    </Stack>
  );
}
