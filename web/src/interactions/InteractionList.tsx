import { ActionIcon, Badge, Button, Checkbox, Group, Stack, Text, Timeline, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMail, IconMapPin, IconMessages, IconNote, IconPhone, IconTrash, IconUsers } from '@tabler/icons-react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import { CardSkeleton, EmptyState, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { InteractionCreate } from './InteractionCreate';
import { localToday, useDeleteInteraction, useInteractions, useUpdateInteraction, type Interaction, type InteractionKind } from './interactionApi';
import { kindLabel, sentimentColor, sentimentLabel } from './engagementLabels';

const kindIcon: Record<InteractionKind, typeof IconUsers> = { meeting: IconUsers, call: IconPhone, visit: IconMapPin, email: IconMail, note: IconNote };

/** The account's interactions as a timeline, newest first, with "log interaction". */
export function InteractionList({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const list = useInteractions(accountId);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      {canEdit && (
        <Group justify="flex-end">
          <InteractionCreate accountId={accountId} />
        </Group>
      )}
      {list.isPending ? (
        <CardSkeleton lines={4} />
      ) : list.isError && items.length === 0 ? (
        <InlineError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={<IconMessages aria-hidden />} title={<FormattedMessage id="interactions.empty.title" />} description={<FormattedMessage id="interactions.empty.body" />} />
      ) : (
        <>
          <Timeline bulletSize={28} lineWidth={2} data-testid="interaction-timeline">
            {items.map((i) => (
              <InteractionItem key={i.id} interaction={i} accountId={accountId} canEdit={canEdit} />
            ))}
          </Timeline>
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                <FormattedMessage id="interactions.more" />
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function InteractionItem({ interaction: i, accountId, canEdit }: { interaction: Interaction; accountId: string; canEdit: boolean }) {
  const intl = useIntl();
  const fmt = useFormat();
  const update = useUpdateInteraction(accountId);
  const remove = useDeleteInteraction(accountId);
  const Icon = kindIcon[i.kind];
  const overdue = !!i.nextStepDue && !i.nextStepDone && i.nextStepDue < localToday();
  const future = new Date(i.occurredAt).getTime() > Date.now();

  const conflictOr = (error: unknown) =>
    notifications.show({
      color: 'red',
      message: intl.formatMessage({ id: isApiError(error) && error.status === 412 ? 'interaction.conflict' : 'error.generic.title' }),
    });

  const toggleDone = (done: boolean) => update.mutate({ id: i.id, version: i.version, body: { nextStepDone: done } }, { onError: conflictOr });
  const del = () => {
    if (!window.confirm(intl.formatMessage({ id: 'interaction.delete.confirm' }))) return;
    remove.mutate({ id: i.id, version: i.version }, { onError: conflictOr });
  };

  return (
    <Timeline.Item bullet={<Icon size={16} aria-hidden />} data-testid="interaction-item">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Text fw={600} size="sm">
              <FormattedMessage id={kindLabel[i.kind]} />
            </Text>
            <Text size="xs" c="dimmed">
              {fmt.dateTime(i.occurredAt)}
            </Text>
            {future && (
              <Badge size="xs" variant="outline" color="blue.8">
                <FormattedMessage id="interaction.planned" />
              </Badge>
            )}
            {i.sentiment !== null && (
              <Badge size="xs" variant="light" color={sentimentColor(i.sentiment)}>
                <FormattedMessage id={sentimentLabel[String(i.sentiment)]!} />
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              <FormattedMessage id="interaction.minutesBy" values={{ minutes: i.minutes, name: i.createdByName }} />
            </Text>
          </Group>
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {i.summary}
          </Text>
          {(i.contacts.length > 0 || i.users.length > 0) && (
            <Text size="xs" c="dimmed" mt={4}>
              <FormattedMessage id="interaction.with" values={{ names: [...i.contacts, ...i.users].map((p) => p.name).join(', ') }} />
            </Text>
          )}
          {i.nextStep && (
            <Group gap="xs" mt={6} wrap="nowrap">
              <Checkbox
                size="xs"
                checked={i.nextStepDone}
                disabled={!canEdit || update.isPending}
                onChange={(e) => toggleDone(e.currentTarget.checked)}
                aria-label={intl.formatMessage({ id: 'interaction.nextStep.doneAria' }, { step: i.nextStep })}
              />
              <Text size="sm" td={i.nextStepDone ? 'line-through' : undefined}>
                <FormattedMessage id="interaction.nextStep.label" values={{ step: i.nextStep, due: fmt.date(i.nextStepDue), owner: i.nextStepOwnerName ?? '—' }} />
              </Text>
              {overdue && (
                <Badge size="xs" color="red.8">
                  <FormattedMessage id="engagement.overdue" />
                </Badge>
              )}
            </Group>
          )}
        </div>
        {canEdit && (
          <Tooltip label={intl.formatMessage({ id: 'interaction.delete' })}>
            <ActionIcon variant="subtle" color="gray" onClick={del} loading={remove.isPending} aria-label={intl.formatMessage({ id: 'interaction.delete' })}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Timeline.Item>
  );
}

