import { Card, Group, Progress, SimpleGrid, Skeleton, Stack, Text, Timeline, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconStars, IconTimeline } from '@tabler/icons-react';
import { lazy, Suspense, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import { useCurrentUser } from '../auth/session';
import type { MessageId } from '../common/labels';
import { CardSkeleton, EmptyState, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { AXES, useAccountScore, useScoreHistory, type AccountScore, type Axis, type ScoreHistory } from './scoringApi';
import { axisLabel, criterionLabel, formatRaw, formatScore, isCriterionKey, TierBadge } from './scoringLabels';

// The line chart (recharts) loads only when the history has points to draw.
const ScoreHistoryChart = lazy(() => import('./ScoreHistoryChart'));

/** Account page → Score: the score, its tier, both axes, every criterion's contribution, and the history. */
export function AccountScoreCard({ accountId }: { accountId: string }) {
  const score = useAccountScore(accountId);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="score-title" data-testid="account-score">
      <Group gap={8} mb="md">
        <IconStars size={18} aria-hidden />
        <Title order={2} size="h4" id="score-title">
          <FormattedMessage id="scoring.account.title" />
        </Title>
      </Group>
      {score.isPending ? (
        <CardSkeleton lines={6} />
      ) : score.isError ? (
        isApiError(score.error) && score.error.status === 404 ? (
          <EmptyState icon={<IconStars aria-hidden />} title={<FormattedMessage id="scoring.account.empty.title" />} description={<FormattedMessage id="scoring.account.empty.body" />} />
        ) : (
          <InlineError error={score.error} onRetry={() => void score.refetch()} />
        )
      ) : (
        <Stack gap="lg">
          <Summary score={score.data} />
          <Breakdown score={score.data} />
          <History accountId={accountId} />
        </Stack>
      )}
    </Card>
  );
}

function Summary({ score: s }: { score: AccountScore }) {
  const fmt = useFormat();
  return (
    <Stack gap="sm">
      <Group gap="md" align="center" wrap="wrap">
        <Group gap={6} align="baseline" wrap="nowrap">
          <Text fz={36} fw={800} lh={1} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="score-value">
            {formatScore(fmt, s.score)}
          </Text>
          <Text size="sm" c="dimmed">
            <FormattedMessage id="scoring.account.outOf" />
          </Text>
        </Group>
        <TierBadge tier={s.tier} size="lg" />
      </Group>
      <SimpleGrid cols={2} spacing="md">
        {AXES.map((axis) => (
          <AxisValue key={axis} axis={axis} value={s[axis]} />
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        <FormattedMessage id="scoring.account.asOf" values={{ date: fmt.date(s.asOf), model: s.modelNumber, computed: fmt.dateTime(s.computedAt) }} />
      </Text>
    </Stack>
  );
}

function AxisValue({ axis, value }: { axis: Axis; value: number }) {
  const intl = useIntl();
  const fmt = useFormat();
  return (
    <div>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          <FormattedMessage id={axisLabel[axis]} />
        </Text>
        <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatScore(fmt, value)}
        </Text>
      </Group>
      <Progress value={value} color={axis === 'attractiveness' ? 'blue.7' : 'teal.7'} size="md" mt={4} aria-label={intl.formatMessage({ id: axisLabel[axis] })} />
    </div>
  );
}

function Breakdown({ score: s }: { score: AccountScore }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const fmt = useFormat();
  const me = useCurrentUser();
  return (
    <Stack gap="md">
      <Title order={3} size="h5">
        <FormattedMessage id="scoring.account.breakdown" />
      </Title>
      <Text size="xs" c="dimmed" mt={-8}>
        <FormattedMessage id="scoring.account.breakdownHelp" />
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {AXES.map((axis) => {
          const criteria = s.criteria.filter((c) => c.axis === axis);
          // Every bar on one scale: the largest weight of the axis fills the track.
          const scale = Math.max(1, ...criteria.map((c) => Number(c.weight) * 100));
          return (
            <Stack key={axis} gap="sm" component="section" aria-label={t(axisLabel[axis])}>
              <Group justify="space-between">
                <Text size="sm" fw={700}>
                  <FormattedMessage id={axisLabel[axis]} />
                </Text>
                <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatScore(fmt, s[axis])}
                </Text>
              </Group>
              {criteria.length === 0 && (
                <Text size="sm" c="dimmed">
                  <FormattedMessage id="scoring.account.noCriteria" />
                </Text>
              )}
              <Stack gap={10} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {criteria.map((c) => {
                  const max = Number(c.weight) * 100;
                  return (
                    <li key={c.key} data-testid={`criterion-${c.key}`}>
                      <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
                        <Tooltip label={c.label} withinPortal multiline maw={260}>
                          <Text size="sm" fw={600} truncate>
                            <FormattedMessage id={criterionLabel[c.key]} />
                          </Text>
                        </Tooltip>
                        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                          <FormattedMessage id="scoring.account.points" values={{ points: formatScore(fmt, c.contribution), max: formatScore(fmt, max) }} />
                        </Text>
                      </Group>
                      <Progress.Root size="lg" mt={4} aria-hidden>
                        <Progress.Section value={(c.contribution / scale) * 100} color={axis === 'attractiveness' ? 'blue.7' : 'teal.7'} />
                        <Progress.Section value={((max - c.contribution) / scale) * 100} color={axis === 'attractiveness' ? 'blue.1' : 'teal.1'} />
                      </Progress.Root>
                      <Text size="xs" c="dimmed" mt={2}>
                        <FormattedMessage
                          id="scoring.account.criterionDetail"
                          values={{ raw: formatRaw(c.key, c.raw, fmt, t, me.orgCurrency), weight: fmt.percent(Number(c.weight)), percentile: fmt.number(Math.round(c.normalised)) }}
                        />
                      </Text>
                    </li>
                  );
                })}
              </Stack>
            </Stack>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

function History({ accountId }: { accountId: string }) {
  const history = useScoreHistory(accountId);
  return (
    <Stack gap="sm">
      <Group gap={8}>
        <IconTimeline size={16} aria-hidden />
        <Title order={3} size="h5">
          <FormattedMessage id="scoring.account.history" />
        </Title>
      </Group>
      {history.isPending ? (
        <Skeleton height={200} />
      ) : history.isError ? (
        <InlineError error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <>
          {history.data.points.length > 1 ? (
            <Suspense fallback={<Skeleton height={220} />}>
              <ScoreHistoryChart points={history.data.points} />
            </Suspense>
          ) : (
            <Text size="sm" c="dimmed">
              <FormattedMessage id="scoring.account.historyStarts" />
            </Text>
          )}
          <TierChanges changes={history.data.tierChanges} />
        </>
      )}
    </Stack>
  );
}

function TierChanges({ changes }: { changes: ScoreHistory['tierChanges'] }) {
  const intl = useIntl();
  const fmt = useFormat();
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id="scoring.account.noTierChanges" />
      </Text>
    );
  }
  return (
    <div>
      <Text size="sm" fw={600} mb="xs" id="tier-changes-title">
        <FormattedMessage id="scoring.account.tierChanges" />
      </Text>
      <Timeline bulletSize={20} lineWidth={2} active={0} aria-labelledby="tier-changes-title" data-testid="tier-changes">
        {changes.map((c) => {
          const up = c.reason ? c.reason.delta > 0 : false;
          const reasonLabel: ReactNode = c.reason
            ? isCriterionKey(c.reason.key)
              ? intl.formatMessage({ id: criterionLabel[c.reason.key] })
              : c.reason.key
            : null;
          return (
            <Timeline.Item
              key={c.at + c.toTier}
              bullet={c.reason ? up ? <IconArrowUpRight size={12} aria-hidden /> : <IconArrowDownRight size={12} aria-hidden /> : undefined}
              title={
                <Group gap={6} wrap="wrap">
                  {c.fromTier ? (
                    <>
                      <TierBadge tier={c.fromTier} size="sm" variant="outline" />
                      <Text size="sm" aria-hidden>
                        →
                      </Text>
                      <VisuallyHidden>
                        <FormattedMessage id="scoring.account.to" />
                      </VisuallyHidden>
                    </>
                  ) : (
                    <Text size="sm">
                      <FormattedMessage id="scoring.account.firstTier" />
                    </Text>
                  )}
                  <TierBadge tier={c.toTier} size="sm" />
                </Group>
              }
            >
              <Text size="xs" c="dimmed">
                {fmt.dateTime(c.at)} · <FormattedMessage id="scoring.account.scoreAt" values={{ score: formatScore(fmt, c.score) }} />
              </Text>
              {c.reason && (
                <Text size="sm" mt={2}>
                  <FormattedMessage
                    id="scoring.account.reason"
                    values={{
                      criterion: reasonLabel,
                      delta: fmt.number(c.reason.delta, { signDisplay: 'always', maximumFractionDigits: 1 }),
                      direction: up ? 'up' : 'down',
                    }}
                  />
                </Text>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </div>
  );
}
