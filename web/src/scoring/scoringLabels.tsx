import { Badge, type BadgeProps } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import type { MessageId } from '../common/labels';
import type { useFormat } from '../common/useFormat';
import { tierLabel } from '../interactions/engagementLabels';
import type { Axis, CriterionKey, Tier } from './scoringApi';

export { tierLabel };

/** One hue per tier (the same as on the engagement screens), dark enough for white text (WCAG AA). */
export const tierColor: Record<Tier, string> = { key: 'grape.8', strategic: 'blue.8', maintain: 'teal.9', develop: 'gray.7' };
/** The same hues for chart marks. */
export const tierChartColor: Record<Tier, string> = {
  key: 'var(--mantine-color-grape-7)',
  strategic: 'var(--mantine-color-blue-7)',
  maintain: 'var(--mantine-color-teal-7)',
  develop: 'var(--mantine-color-gray-6)',
};
/** A shape per tier too, so the matrix does not depend on colour alone. */
export const tierShape: Record<Tier, 'circle' | 'diamond' | 'square' | 'triangle'> = { key: 'circle', strategic: 'diamond', maintain: 'square', develop: 'triangle' };

export const tierDescription: Record<Tier, MessageId> = {
  key: 'scoring.tier.key.description',
  strategic: 'scoring.tier.strategic.description',
  maintain: 'scoring.tier.maintain.description',
  develop: 'scoring.tier.develop.description',
};

export function TierBadge({ tier, ...props }: { tier: Tier } & BadgeProps) {
  return (
    <Badge color={tierColor[tier]} variant="filled" tt="none" style={{ flexShrink: 0, minWidth: 'max-content' }} {...props} data-tier={tier}>
      <FormattedMessage id={tierLabel[tier]} />
    </Badge>
  );
}

export const axisLabel: Record<Axis, MessageId> = { attractiveness: 'scoring.axis.attractiveness', strength: 'scoring.axis.strength' };

export const criterionLabel: Record<CriterionKey, MessageId> = {
  revenue: 'scoring.criterion.revenue',
  grossProfit: 'scoring.criterion.grossProfit',
  netProfit: 'scoring.criterion.netProfit',
  margin: 'scoring.criterion.margin',
  growth: 'scoring.criterion.growth',
  wallet: 'scoring.criterion.wallet',
  strategicFit: 'scoring.criterion.strategicFit',
  referenceValue: 'scoring.criterion.referenceValue',
  shareOfWallet: 'scoring.criterion.shareOfWallet',
  relationshipCoverage: 'scoring.criterion.relationshipCoverage',
  severeCases: 'scoring.criterion.severeCases',
  daysSinceContact: 'scoring.criterion.daysSinceContact',
};

export function isCriterionKey(key: string): key is CriterionKey {
  return key in criterionLabel;
}

type Fmt = ReturnType<typeof useFormat>;
type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

/** A criterion's measured value in its own unit: money, percent, a 0–5 score, a count or days. */
export function formatRaw(key: CriterionKey, raw: number | null, fmt: Fmt, t: Translate, currency: string): string {
  if (raw === null) return t('scoring.raw.unknown');
  switch (key) {
    case 'revenue':
    case 'grossProfit':
    case 'netProfit':
    case 'wallet':
      return fmt.money(String(raw), currency, { fractionDigits: 0 });
    case 'margin':
    case 'growth':
    case 'shareOfWallet':
    case 'relationshipCoverage':
      return fmt.percent(raw);
    case 'strategicFit':
    case 'referenceValue':
      return t('account.scoreOf', { score: fmt.number(raw), max: 5 });
    case 'severeCases':
      return t('scoring.raw.cases', { count: raw });
    case 'daysSinceContact':
      return t('scoring.raw.days', { count: raw });
  }
}

/** A 0–100 score as the user's locale writes it, with at most one decimal. */
export function formatScore(fmt: Fmt, value: number): string {
  return fmt.number(value, { maximumFractionDigits: 1, minimumFractionDigits: 0 });
}
