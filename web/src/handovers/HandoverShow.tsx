import { Anchor, Button, Card, Checkbox, Grid, Group, Modal, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { canWrite, useCurrentUser } from '../auth/session';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { ErrorState, PageSkeleton } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { fieldError, showWriteError } from '../plans/writeErrors';
import { CHECKLIST_KEYS, useHandover, useHandoverDecisions, type HandoverDetail } from './handoverApi';
import { HandoverStateBadge } from './HandoverStateBadge';

/** One handover: its checklist, notes and trail; accept / return for the receiving side, cancel for the sender. */
export default function HandoverShow() {
  const { handoverId = '' } = useParams();
  const handover = useHandover(handoverId);
  usePageTitle('nav.handovers', undefined, handover.data?.accountName ?? null);
  if (handover.isPending) return <PageSkeleton />;
  if (handover.isError) return <ErrorState error={handover.error} onRetry={() => void handover.refetch()} />;
  return <HandoverBody handover={handover.data} />;
}

function HandoverBody({ handover: h }: { handover: HandoverDetail }) {
  const intl = useIntl();
  const fmt = useFormat();
  const me = useCurrentUser();
  const decisions = useHandoverDecisions(h);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const pending = h.state === 'pending';
  const receiver = pending && (me.id === h.toUserId || me.role === 'admin' || me.role === 'manager');
  const sender = pending && canWrite(me.role) && ['admin', 'manager', 'bd'].includes(me.role);
  const onError = (e: unknown) => showWriteError(intl, e);
  const toggle = (key: (typeof CHECKLIST_KEYS)[number], done: boolean) => decisions.update.mutate({ checklist: { [key]: { done } } }, { onError });
  return (
    <>
      <PageHeader
        title={h.accountName}
        badge={<HandoverStateBadge state={h.state} />}
        crumbs={[{ label: <FormattedMessage id="nav.handovers" />, to: '/handovers' }]}
        actions={
          <Group gap="xs">
            {receiver && (
              <Button color="teal" loading={decisions.accept.isPending} disabled={h.missing.length > 0} data-testid="handover-accept"
                onClick={() => decisions.accept.mutate(undefined, { onSuccess: () => notify(intl, intl.formatMessage({ id: 'handover.accepted' })), onError })}>
                <FormattedMessage id="handover.accept" />
              </Button>
            )}
            {receiver && <Button variant="default" onClick={() => { setReason(''); decisions.giveBack.reset(); setReturning(true); }}><FormattedMessage id="handover.return" /></Button>}
            {sender && <Button variant="subtle" color="red" loading={decisions.cancel.isPending} onClick={() => decisions.cancel.mutate(undefined, { onError })}><FormattedMessage id="handover.cancel" /></Button>}
          </Group>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="lg" component="section">
            <Title order={2} size="h4" mb="sm"><FormattedMessage id="handover.checklist" /></Title>
            <Stack gap="sm">
              {CHECKLIST_KEYS.map((key) => {
                const item = h.checklist[key];
                return (
                  <Stack key={key} gap={2}>
                    <Checkbox label={intl.formatMessage({ id: `handover.item.${key}` })} checked={item.done} disabled={!sender || decisions.update.isPending} onChange={(e) => toggle(key, e.currentTarget.checked)} />
                    {key === 'firstReviewDate' && 'date' in item && item.date && <Text size="sm" ml={32}>{fmt.date(item.date)}</Text>}
                    {item.notes && <Text size="sm" c="dimmed" ml={32}>{item.notes}</Text>}
                  </Stack>
                );
              })}
              {h.missing.length > 0 && pending && <Text size="sm" c="orange"><FormattedMessage id="handover.missing" values={{ count: h.missing.length }} /></Text>}
            </Stack>
          </Card>
          {(h.notes || h.returnReason) && (
            <Card withBorder padding="lg" component="section" mt="md">
              {h.notes && <><Title order={2} size="h4" mb="xs"><FormattedMessage id="handover.notes" /></Title><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{h.notes}</Text></>}
              {h.returnReason && <><Title order={2} size="h4" mt="md" mb="xs"><FormattedMessage id="handover.returnReason" /></Title><Text size="sm">{h.returnReason}</Text></>}
            </Card>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="lg" component="section">
            <Text size="sm"><FormattedMessage id="handover.fromTo" values={{ from: h.fromUserName, to: h.toUserName }} /></Text>
            <Anchor component={Link} to={`/accounts/${h.accountId}`} size="sm"><FormattedMessage id="handover.openAccount" /></Anchor>
            <Title order={2} size="h4" mt="md" mb="sm"><FormattedMessage id="handover.trail" /></Title>
            <Timeline bulletSize={14} lineWidth={2}>
              {h.events.map((e) => (
                <Timeline.Item key={e.id} title={<FormattedMessage id={`handover.event.${e.kind}`} />}>
                  <Text size="xs" c="dimmed">{fmt.dateTime(e.at)}{e.actorName ? ` · ${e.actorName}` : ''}</Text>
                  {e.note && <Text size="sm">{e.note}</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </Grid.Col>
      </Grid>
      <Modal opened={returning} onClose={() => setReturning(false)} title={intl.formatMessage({ id: 'handover.return' })}>
        <Stack gap="md">
          <Textarea label={intl.formatMessage({ id: 'handover.returnReason' })} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} required
            error={fieldError(decisions.giveBack.error, 'reason')} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReturning(false)}><FormattedMessage id="action.cancel" /></Button>
            <Button disabled={!reason.trim()} loading={decisions.giveBack.isPending}
              onClick={() => decisions.giveBack.mutate(reason.trim(), { onSuccess: () => setReturning(false), onError: (e) => { if (!fieldError(e, 'reason')) showWriteError(intl, e); } })}>
              <FormattedMessage id="handover.return" />
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
