import { Badge, Text, Tooltip } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../common/labels';
import type { Case, CaseStatus } from './caseApi';

export const statusLabel: Record<CaseStatus, MessageId> = {
  open: 'case.status.open',
  in_progress: 'case.status.in_progress',
  resolved: 'case.status.resolved',
  closed: 'case.status.closed',
};
export const statusColor: Record<CaseStatus, string> = { open: 'blue', in_progress: 'indigo', resolved: 'teal', closed: 'gray' };

export const transitionLabel: Record<CaseStatus, MessageId> = {
  open: 'case.transition.open',
  in_progress: 'case.transition.in_progress',
  resolved: 'case.transition.resolved',
  closed: 'case.transition.closed',
};

export const severityLabel: Record<number, MessageId> = { 1: 'case.severity.1', 2: 'case.severity.2', 3: 'case.severity.3', 4: 'case.severity.4' };
const severityColor: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'gray' };

const categoryLabel: Record<string, MessageId> = {
  delivery: 'case.category.delivery',
  quality: 'case.category.quality',
  billing: 'case.category.billing',
  service: 'case.category.service',
  contract: 'case.category.contract',
  other: 'case.category.other',
};

/** A category's name: the default ones translated, an organisation's own keys as they are. */
export function useCategoryName(): (key: string) => string {
  const intl = useIntl();
  return (key) => (categoryLabel[key] ? intl.formatMessage({ id: categoryLabel[key] }) : key.replace(/_/g, ' '));
}

export function SeverityBadge({ severity }: { severity: number }) {
  return (
    <Badge color={severityColor[severity] ?? 'gray'} variant={severity <= 2 ? 'filled' : 'light'}>
      <FormattedMessage id={severityLabel[severity] ?? 'case.severity.4'} />
    </Badge>
  );
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge color={statusColor[status]} variant="light">
      <FormattedMessage id={statusLabel[status]} />
    </Badge>
  );
}

export function EscalationBadge({ level }: { level: number }) {
  if (level <= 0) return null;
  return (
    <Badge color={level >= 3 ? 'red' : level === 2 ? 'orange' : 'yellow'} variant="outline" data-testid="escalation-badge">
      <FormattedMessage id="case.escalation" values={{ level }} />
    </Badge>
  );
}

function relative(intl: ReturnType<typeof useIntl>, ms: number): string {
  const abs = Math.abs(ms);
  const [value, unit] =
    abs < 3_600_000 ? [Math.round(ms / 60_000), 'minute' as const] : abs < 2 * 86_400_000 ? [Math.round(ms / 3_600_000), 'hour' as const] : [Math.round(ms / 86_400_000), 'day' as const];
  return intl.formatRelativeTime(value, unit, { numeric: 'auto' });
}

/** The SLA as a countdown ("due in 3 hours" / "overdue since 2 hours ago"), or met / breached once stopped. */
export function SlaCountdown({ c, now = Date.now() }: { c: Pick<Case, 'status' | 'dueAt' | 'breached'>; now?: number }) {
  const intl = useIntl();
  const running = c.status === 'open' || c.status === 'in_progress';
  const exact = intl.formatDate(c.dueAt, { dateStyle: 'medium', timeStyle: 'short' });
  if (!running) {
    return (
      <Text size="sm" c={c.breached ? 'red.9' : 'teal.9'}>
        <FormattedMessage id={c.breached ? 'case.sla.breached' : 'case.sla.met'} />
      </Text>
    );
  }
  const left = Date.parse(c.dueAt) - now;
  return (
    <Tooltip label={exact}>
      <Text size="sm" c={left < 3_600_000 ? 'red.9' : undefined} fw={left < 0 ? 700 : undefined}>
        <FormattedMessage id={left < 0 ? 'case.sla.overdue' : 'case.sla.due'} values={{ relative: relative(intl, left) }} />
      </Text>
    </Tooltip>
  );
}
