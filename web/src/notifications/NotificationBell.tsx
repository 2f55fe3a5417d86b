import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import type { MessageId } from '../common/labels';
import en from '../i18n/en.json';
import { InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount, type AppNotification } from './notificationApi';

/** The message of a notification: `notifications.kind.<kind>`, or a generic one for kinds this UI does not know. */
export function notificationMessageId(kind: string): MessageId {
  const id = `notifications.kind.${kind}`;
  return (id in en ? id : 'notifications.kind.other') as MessageId;
}

/** Tier names inside notification params, translated. */
const TIER_IDS: Record<string, MessageId> = { key: 'engagement.tier.key', strategic: 'engagement.tier.strategic', maintain: 'engagement.tier.maintain', develop: 'engagement.tier.develop' };

export function NotificationText({ n }: { n: AppNotification }) {
  const intl = useIntl();
  const params = Object.fromEntries(
    Object.entries(n.params).map(([k, v]) => [k, (k === 'fromTier' || k === 'toTier') && typeof v === 'string' && TIER_IDS[v] ? intl.formatMessage({ id: TIER_IDS[v]! }) : v]),
  );
  return <FormattedMessage id={notificationMessageId(n.kind)} values={{ accountName: '', ...params }} />;
}

/** The bell in the header: unread count, the latest notifications, mark read. */
export function NotificationBell() {
  const intl = useIntl();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const unread = useUnreadCount();
  const list = useNotifications(opened);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = unread.data ?? 0;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpened(false);
    if (n.accountId) void navigate(`/accounts/${n.accountId}`);
  };

  return (
    <Indicator label={count > 99 ? '99+' : count} size={16} disabled={count === 0} color="red.8" offset={4}>
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md">
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          onClick={() => setOpened((o) => !o)}
          aria-label={intl.formatMessage({ id: 'notifications.bell' }, { count })}
          data-testid="notification-bell"
        >
          <IconBell size={20} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb="xs" px={4}>
          <Text fw={600} size="sm">
            <FormattedMessage id="notifications.title" />
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => markAll.mutate()} disabled={count === 0} loading={markAll.isPending}>
            <FormattedMessage id="notifications.readAll" />
          </Button>
        </Group>
        {list.isError ? (
          <InlineError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <Text size="sm" c="dimmed" p="xs">
            <FormattedMessage id="state.loading" />
          </Text>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" p="xs">
            <FormattedMessage id="notifications.empty" />
          </Text>
        ) : (
          <ScrollArea.Autosize mah={400}>
            <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((n) => (
                <li key={n.id}>
                  <UnstyledButton onClick={() => open(n)} p={6} w="100%" style={{ borderRadius: 4, background: n.readAt ? undefined : 'var(--mantine-color-blue-0)' }}>
                    <Text size="sm" fw={n.readAt ? 400 : 600}>
                      <NotificationText n={n} />
                    </Text>
                    <Text size="xs" c="dimmed">
                      {fmt.dateTime(n.at)}
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
            {list.hasNextPage && (
              <Button variant="subtle" size="xs" fullWidth onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                <FormattedMessage id="interactions.more" />
              </Button>
            )}
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
    </Indicator>
  );
}
