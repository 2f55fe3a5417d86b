import { Anchor, Button, Checkbox, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { useUsers } from '../accounts/accountApi';
import type { Account } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { CardSkeleton, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { fieldError } from '../plans/writeErrors';
import { CHECKLIST_KEYS, useAccountHandovers, useStartHandover } from './handoverApi';
import { HandoverStateBadge } from './HandoverStateBadge';

/** The handovers section of the account page: the trail of handovers, and "hand over" for prospects and onboarding accounts. */
export function AccountHandovers({ account }: { account: Account }) {
  const fmt = useFormat();
  const me = useCurrentUser();
  const list = useAccountHandovers(account.id);
  const canStart = ['admin', 'manager', 'bd'].includes(me.role) && (account.stage === 'prospect' || account.stage === 'onboarding');
  if (list.isPending) return <CardSkeleton lines={2} />;
  if (list.isError) return <InlineError error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.items;
  const pending = items.some((h) => h.state === 'pending');
  return (
    <Stack gap="sm">
      {items.length === 0 && <Text size="sm" c="dimmed"><FormattedMessage id="handover.account.none" /></Text>}
      {items.length > 0 && (
        <Table verticalSpacing="xs">
          <Table.Tbody>
            {items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td><Anchor component={Link} to={`/handovers/${h.id}`} size="sm"><FormattedMessage id="handover.fromTo" values={{ from: h.fromUserName, to: h.toUserName }} /></Anchor></Table.Td>
                <Table.Td><HandoverStateBadge state={h.state} /></Table.Td>
                <Table.Td><Text size="xs" c="dimmed">{fmt.date(h.createdAt.slice(0, 10))}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canStart && !pending && <HandoverCreate accountId={account.id} />}
    </Stack>
  );
}

function HandoverCreate({ accountId }: { accountId: string }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const users = useUsers();
  const start = useStartHandover(accountId);
  const [opened, setOpened] = useState(false);
  const [toUserId, setToUserId] = useState<string | null>(null);
  const [done, setDone] = useState<Record<string, boolean>>({});
  const [date, setDate] = useState('');
  const [notes, setNotes] = useState('');
  const [missingKam, setMissingKam] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissingKam(!toUserId);
    if (!toUserId) return;
    const checklist = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, k === 'firstReviewDate' ? { done: !!done[k], date: date || null } : { done: !!done[k] }]));
    start.mutate({ toUserId, checklist, notes: notes.trim() || null } as never, { onSuccess: (h) => { setOpened(false); void navigate(`/handovers/${h.id}`); } });
  };
  const problem = start.error && !fieldError(start.error, 'toUserId') && !fieldError(start.error, 'checklist') ? (start.error as Error).message : undefined;
  return (
    <>
      <Group justify="flex-end">
        <Button size="sm" leftSection={<IconArrowsExchange size={16} aria-hidden />} onClick={() => { start.reset(); setOpened(true); }} data-testid="handover-start">
          <FormattedMessage id="handover.start" />
        </Button>
      </Group>
      <Modal opened={opened} onClose={() => setOpened(false)} title={intl.formatMessage({ id: 'handover.start' })} size="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Select label={intl.formatMessage({ id: 'handover.to' })} required searchable value={toUserId} onChange={setToUserId}
              data={(users.data?.items ?? []).filter((u) => u.role === 'kam' && u.active).map((u) => ({ value: u.id, label: u.name }))}
              error={missingKam ? intl.formatMessage({ id: 'validation.required' }) : fieldError(start.error, 'toUserId')} />
            <Text size="sm" fw={600}><FormattedMessage id="handover.checklist" /></Text>
            {CHECKLIST_KEYS.map((k) => (
              <Checkbox key={k} label={intl.formatMessage({ id: `handover.item.${k}` })} checked={!!done[k]} onChange={(e) => { const checked = e.currentTarget.checked; setDone((d) => ({ ...d, [k]: checked })); }} />
            ))}
            <TextInput type="date" label={intl.formatMessage({ id: 'handover.firstReviewOn' })} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={fieldError(start.error, 'checklist')} />
            <Textarea label={intl.formatMessage({ id: 'handover.notes' })} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} error={fieldError(start.error, 'notes')} />
            {problem && <Text size="sm" c="red">{problem}</Text>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}><FormattedMessage id="action.cancel" /></Button>
              <Button type="submit" loading={start.isPending}><FormattedMessage id="handover.start" /></Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
