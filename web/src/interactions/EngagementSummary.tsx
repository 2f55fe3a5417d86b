import { Badge, Group, SimpleGrid, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { CardSkeleton, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { useEngagement } from './interactionApi';
import { tierColor, tierLabel } from './engagementLabels';

/** Contact cadence of one account: tier, last contact, next due date, overdue. */
export function EngagementSummary({ accountId }: { accountId: string }) {
  const fmt = useFormat();
  const engagement = useEngagement(accountId);
  if (engagement.isPending) return <CardSkeleton lines={3} />;
  if (engagement.isError) return <InlineError error={engagement.error} onRetry={() => void engagement.refetch()} />;
  const e = engagement.data;
  return (
    <>
      <Group gap="xs" mb="sm">
        <Badge color={tierColor[e.tier]} variant={e.tierKnown ? 'filled' : 'outline'}>
          <FormattedMessage id={tierLabel[e.tier]} />
        </Badge>
        {e.overdue ? (
          <Badge color="red.8" data-testid="engagement-status">
            <FormattedMessage id="engagement.overdueBy" values={{ days: e.overdueDays }} />
          </Badge>
        ) : (
          <Badge color="teal" variant="light" data-testid="engagement-status">
            <FormattedMessage id="engagement.onTrack" />
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            <FormattedMessage id="engagement.lastContact" />
          </Text>
          <Text size="sm">{e.lastContactOn ? fmt.date(e.lastContactOn) : <FormattedMessage id="engagement.never" />}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            <FormattedMessage id="engagement.nextDue" />
          </Text>
          <Text size="sm">{fmt.date(e.dueOn)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            <FormattedMessage id="engagement.cadence" />
          </Text>
          <Text size="sm">
            <FormattedMessage id="engagement.everyDays" values={{ days: e.cadenceDays }} />
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            <FormattedMessage id="engagement.openNextSteps" />
          </Text>
          <Text size="sm">{fmt.number(e.openNextSteps)}</Text>
        </div>
      </SimpleGrid>
      {!e.tierKnown && (
        <Text size="xs" c="dimmed" mt="xs">
          <FormattedMessage id="engagement.noTier" />
        </Text>
      )}
    </>
  );
}
