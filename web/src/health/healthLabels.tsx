import { Badge, Group, Table, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../common/labels';
import type { HealthBand, HealthReason } from './healthApi';

export const bandLabel: Record<HealthBand, MessageId> = { healthy: 'health.band.healthy', watch: 'health.band.watch', at_risk: 'health.band.at_risk' };
export const bandColor: Record<HealthBand, string> = { healthy: 'teal', watch: 'yellow', at_risk: 'red' };

const reasonLabel: Record<HealthReason['key'], MessageId> = {
  revenue_trend: 'health.reason.revenue_trend',
  margin_trend: 'health.reason.margin_trend',
  contact_recency: 'health.reason.contact_recency',
  severe_cases: 'health.reason.severe_cases',
  relationship_coverage: 'health.reason.relationship_coverage',
  plan_behind: 'health.reason.plan_behind',
};

export function HealthBadge({ score, band }: { score: number; band: HealthBand }) {
  const intl = useIntl();
  return (
    <Badge color={bandColor[band]} variant="light" size="lg">
      {intl.formatNumber(score)} · <FormattedMessage id={bandLabel[band]} />
    </Badge>
  );
}

/** The reason in the reader's language, from its key and params. */
export function useReasonText(): (r: HealthReason) => string {
  const intl = useIntl();
  return (r) => {
    const p = r.params;
    if (Object.keys(p).length === 0) return intl.formatMessage({ id: 'health.detail.none' });
    switch (r.key) {
      case 'revenue_trend':
        return intl.formatMessage({ id: 'health.detail.revenue_trend' }, { changePercent: Number(p.changePercent) });
      case 'margin_trend':
        return intl.formatMessage({ id: 'health.detail.margin_trend' }, { marginPercent: Number(p.marginPercent), previousPercent: Number(p.previousPercent) });
      case 'contact_recency':
        return p.days === undefined ? intl.formatMessage({ id: 'health.detail.never' }) : intl.formatMessage({ id: 'health.detail.contact_recency' }, { days: Number(p.days), cadenceDays: Number(p.cadenceDays) });
      case 'severe_cases':
        return intl.formatMessage({ id: 'health.detail.severe_cases' }, { sev1: Number(p.sev1), sev2: Number(p.sev2) });
      case 'relationship_coverage':
        return intl.formatMessage({ id: 'health.detail.relationship_coverage' }, { covered: Number(p.covered), of: Number(p.of) });
      case 'plan_behind':
        return intl.formatMessage({ id: 'health.detail.plan_behind' }, { behind: Number(p.behind), objectives: Number(p.objectives) });
      default:
        return r.detail;
    }
  };
}

export function ReasonTable({ reasons, limit }: { reasons: HealthReason[]; limit?: number }) {
  const text = useReasonText();
  const intl = useIntl();
  return (
    <Table verticalSpacing={4} fz="sm">
      <Table.Tbody>
        {reasons.slice(0, limit ?? reasons.length).map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>
              <Text size="sm" fw={600}><FormattedMessage id={reasonLabel[r.key]} /></Text>
              <Text size="xs" c="dimmed">{text(r)}</Text>
            </Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              <Group justify="flex-end">
                <Text size="sm" fw={700} c={r.impact < 0 ? 'red.9' : r.impact > 0 ? 'teal.9' : 'dimmed'}>
                  {intl.formatNumber(r.impact, { signDisplay: 'exceptZero' })}
                </Text>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
