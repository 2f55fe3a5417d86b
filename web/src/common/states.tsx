import { Alert, Button, Card, EmptyState as MantineEmptyState, Group, Skeleton, Stack, Table } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconMoodEmpty, IconSearchOff, IconWifiOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import type { MessageId } from './labels';

/** Placeholder for a page that is loading: the shape of a header and a card. */
export function PageSkeleton() {
  const intl = useIntl();
  return (
    <Stack p="md" gap="md" aria-busy="true" aria-label={intl.formatMessage({ id: 'state.loading' })}>
      <Skeleton height={28} width="40%" />
      <Skeleton height={16} width="60%" />
      <Card withBorder>
        <Stack gap="sm">
          <Skeleton height={14} />
          <Skeleton height={14} />
          <Skeleton height={14} width="80%" />
        </Stack>
      </Card>
    </Stack>
  );
}

/** Placeholder rows for a table that is loading. */
export function TableSkeletonRows({ columns, rows = 8 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <Table.Tr key={r} aria-hidden="true">
          {Array.from({ length: columns }, (_, c) => (
            <Table.Td key={c}>
              <Skeleton height={12} width={c === 0 ? '70%' : '50%'} />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </>
  );
}

export function CardSkeleton({ lines = 4 }: { lines?: number }) {
  return (
    <Stack gap="sm" aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} height={14} width={i % 2 ? '60%' : '85%'} />
      ))}
    </Stack>
  );
}

function errorMessageId(error: unknown): { title: MessageId; body: MessageId; icon: ReactNode } {
  const status = isApiError(error) ? error.status : -1;
  if (status === 0) return { title: 'error.network.title', body: 'error.network.body', icon: <IconWifiOff aria-hidden /> };
  if (status === 403) return { title: 'error.forbidden.title', body: 'error.forbidden.body', icon: <IconLock aria-hidden /> };
  if (status === 404) return { title: 'error.notFound.title', body: 'error.notFound.body', icon: <IconSearchOff aria-hidden /> };
  return { title: 'error.generic.title', body: 'error.generic.body', icon: <IconAlertTriangle aria-hidden /> };
}

/** A failed load, explained in the user's language, with a retry where retrying can help. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, body, icon } = errorMessageId(error);
  const retryable = !(isApiError(error) && (error.status === 403 || error.status === 404));
  return (
    <MantineEmptyState
      role="alert"
      my="xl"
      color="red"
      icon={icon}
      title={<FormattedMessage id={title} />}
      description={<FormattedMessage id={body} />}
    >
      {onRetry && retryable && (
        <Button variant="default" onClick={onRetry}>
          <FormattedMessage id="action.retry" />
        </Button>
      )}
    </MantineEmptyState>
  );
}

/** An inline error for a part of a page (a card) that failed while the rest loaded. */
export function InlineError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, body } = errorMessageId(error);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={<FormattedMessage id={title} />}>
      <Group justify="space-between" wrap="nowrap">
        <FormattedMessage id={body} />
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            <FormattedMessage id="action.retry" />
          </Button>
        )}
      </Group>
    </Alert>
  );
}

/** Nothing to show yet: says why and offers the next step. */
export function EmptyState({ title, description, action, icon }: { title: ReactNode; description?: ReactNode; action?: ReactNode; icon?: ReactNode }) {
  return (
    <MantineEmptyState my="lg" icon={icon ?? <IconMoodEmpty aria-hidden />} title={title} description={description}>
      {action}
    </MantineEmptyState>
  );
}
