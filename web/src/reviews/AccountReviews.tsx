import { Anchor, Badge, Button, Group, List, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconCalendarEvent, IconDownload, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { notify } from '../common/notify';
import { CardSkeleton, EmptyState, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { lines } from '../plans/planUtils';
import { fieldError, showWriteError } from '../plans/writeErrors';
import { packUrl, useAccountReviews, useReviewActions, type Review } from './reviewApi';

const STATUS_COLOR = { scheduled: 'blue', held: 'teal', cancelled: 'gray' } as const;

/** The account reviews section of the account page: schedule, prepare, hold, download the pack. */
export function AccountReviews({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const reviews = useAccountReviews(accountId);
  if (reviews.isPending) return <CardSkeleton />;
  if (reviews.isError) return <InlineError error={reviews.error} onRetry={() => void reviews.refetch()} />;
  const items = reviews.data.items;
  const hasScheduled = items.some((r) => r.status === 'scheduled');
  return (
    <Stack gap="md">
      {canEdit && !hasScheduled && <Group justify="flex-end"><ScheduleReview accountId={accountId} /></Group>}
      {items.length === 0 ? (
        <EmptyState icon={<IconCalendarEvent aria-hidden />} title={<FormattedMessage id="review.empty.title" />} description={<FormattedMessage id="review.empty.body" />} />
      ) : (
        items.map((r) => <ReviewCard key={r.id} review={r} canEdit={canEdit} />)
      )}
    </Stack>
  );
}

function ScheduleReview({ accountId }: { accountId: string }) {
  const intl = useIntl();
  const [opened, setOpened] = useState(false);
  const [date, setDate] = useState('');
  const { schedule } = useReviewActions(accountId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    schedule.mutate(date || undefined, { onSuccess: () => { setOpened(false); notify(intl, intl.formatMessage({ id: 'review.scheduled' })); } });
  };
  return (
    <>
      <Button size="sm" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => { schedule.reset(); setOpened(true); }}><FormattedMessage id="review.schedule" /></Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={intl.formatMessage({ id: 'review.schedule' })}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput type="date" label={intl.formatMessage({ id: 'review.date' })} description={intl.formatMessage({ id: 'review.date.help' })} value={date} onChange={(e) => setDate(e.currentTarget.value)}
              error={fieldError(schedule.error, 'scheduledOn') ?? (schedule.isError && !fieldError(schedule.error, 'scheduledOn') ? (schedule.error as Error).message : undefined)} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}><FormattedMessage id="action.cancel" /></Button>
              <Button type="submit" loading={schedule.isPending}><FormattedMessage id="review.schedule" /></Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function ReviewCard({ review: r, canEdit }: { review: Review; canEdit: boolean }) {
  const intl = useIntl();
  const fmt = useFormat();
  const { cancel, agenda } = useReviewActions(r.accountId);
  const [item, setItem] = useState('');
  const s = r.snapshot;
  return (
    <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }} data-testid="review">
      <Group justify="space-between">
        <Group gap="xs">
          <Badge color={STATUS_COLOR[r.status]} variant="light"><FormattedMessage id={`review.status.${r.status}`} /></Badge>
          <Text fw={600}>{fmt.date(r.heldOn ?? r.scheduledOn)}</Text>
          {r.source !== 'manual' && <Text size="xs" c="dimmed"><FormattedMessage id={`review.source.${r.source === 'handover' || r.source === 'previous_review' || r.source === 'case' ? r.source : 'manual'}`} /></Text>}
        </Group>
        <Group gap="xs">
          {r.status === 'held' && (
            <Button component="a" href={packUrl(r.id)} size="xs" variant="light" leftSection={<IconDownload size={14} aria-hidden />} download><FormattedMessage id="review.pack" /></Button>
          )}
          {canEdit && r.status === 'scheduled' && <HoldReview review={r} />}
          {canEdit && r.status === 'scheduled' && (
            <Button size="xs" variant="subtle" color="red" loading={cancel.isPending} onClick={() => cancel.mutate(r, { onError: (e) => showWriteError(intl, e) })}><FormattedMessage id="review.cancel" /></Button>
          )}
        </Group>
      </Group>
      {r.agenda.length > 0 && (
        <div>
          <Text size="xs" fw={600} c="dimmed"><FormattedMessage id="review.agenda" /></Text>
          <List size="sm">{r.agenda.map((a) => <List.Item key={a.id}>{a.text}{a.source !== 'manual' && <Badge ml={6} size="xs" color="red" variant="light"><FormattedMessage id={`plan.risk.source.${a.source === 'case' ? 'case' : 'manual'}`} /></Badge>}</List.Item>)}</List>
        </div>
      )}
      {canEdit && r.status === 'scheduled' && (
        <form onSubmit={(e) => { e.preventDefault(); agenda.mutate({ review: r, text: item.trim() }, { onSuccess: () => setItem(''), onError: (err) => showWriteError(intl, err) }); }} noValidate>
          <Group gap="xs">
            <TextInput size="xs" style={{ flex: 1 }} aria-label={intl.formatMessage({ id: 'review.agenda.add' })} placeholder={intl.formatMessage({ id: 'review.agenda.add' })} value={item} onChange={(e) => setItem(e.currentTarget.value)} />
            <Button size="xs" variant="light" type="submit" disabled={!item.trim()} loading={agenda.isPending}><FormattedMessage id="review.agenda.addButton" /></Button>
          </Group>
        </form>
      )}
      {s && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Kpi messageId="review.kpi.revenue" value={fmt.money(s.revenue, s.currency, { fractionDigits: 0 })} />
          <Kpi messageId="review.kpi.grossProfit" value={fmt.money(s.grossProfit, s.currency, { fractionDigits: 0 })} />
          <Kpi messageId="review.kpi.margin" value={s.margin === null ? '—' : fmt.percent(s.margin)} />
          <Kpi messageId="review.kpi.growth" value={s.growth === null ? '—' : fmt.percent(s.growth)} />
          <Kpi messageId="review.kpi.score" value={s.score === null ? '—' : `${fmt.number(s.score)}${s.tier ? ` · ${s.tier}` : ''}`} />
          <Kpi messageId="review.kpi.plan" value={s.plan?.average == null ? '—' : fmt.percent(s.plan.average)} />
        </SimpleGrid>
      )}
      {r.status === 'held' && (
        <Stack gap={4}>
          {r.attendees.length > 0 && <Text size="sm"><FormattedMessage id="review.attendees" />: {r.attendees.map((a) => a.name).join(', ')}</Text>}
          {r.discussion && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{r.discussion}</Text>}
          {r.decisions.length > 0 && <><Text size="xs" fw={600} c="dimmed"><FormattedMessage id="review.decisions" /></Text><List size="sm">{r.decisions.map((d, i) => <List.Item key={i}>{d}</List.Item>)}</List></>}
          {r.risks.length > 0 && <><Text size="xs" fw={600} c="dimmed"><FormattedMessage id="review.risks" /></Text><List size="sm">{r.risks.map((d, i) => <List.Item key={i}>{d}</List.Item>)}</List></>}
          {r.agreedActions.length > 0 && <><Text size="xs" fw={600} c="dimmed"><FormattedMessage id="review.actions" /></Text><List size="sm">{r.agreedActions.map((a, i) => <List.Item key={i}>{a.title}{a.dueOn ? ` · ${fmt.date(a.dueOn)}` : ''}</List.Item>)}</List></>}
          {r.nextReviewOn && <Text size="sm"><FormattedMessage id="review.next" values={{ date: fmt.date(r.nextReviewOn) }} /></Text>}
        </Stack>
      )}
      {r.status === 'held' && <Anchor href={packUrl(r.id)} size="xs" download><FormattedMessage id="review.pack.hint" /></Anchor>}
    </Stack>
  );
}

function Kpi({ messageId, value }: { messageId: 'review.kpi.revenue' | 'review.kpi.grossProfit' | 'review.kpi.margin' | 'review.kpi.growth' | 'review.kpi.score' | 'review.kpi.plan'; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed"><FormattedMessage id={messageId} /></Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

function HoldReview({ review }: { review: Review }) {
  const intl = useIntl();
  const [opened, setOpened] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const [v, setV] = useState({ heldOn: today, discussion: '', decisions: '', risks: '', actions: '', nextReviewOn: '' });
  const { hold } = useReviewActions(review.accountId);
  const set = (f: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [f]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    hold.mutate(
      {
        review,
        body: {
          heldOn: v.heldOn || undefined,
          discussion: v.discussion.trim() || null,
          decisions: lines(v.decisions),
          risks: lines(v.risks),
          agreedActions: lines(v.actions).map((title) => ({ title })),
          ...(v.nextReviewOn ? { nextReviewOn: v.nextReviewOn } : {}),
        },
      },
      {
        onSuccess: () => { setOpened(false); notify(intl, intl.formatMessage({ id: 'review.held' })); },
        onError: (e) => { if (!fieldError(e, 'heldOn') && !fieldError(e, 'nextReviewOn')) showWriteError(intl, e); },
      },
    );
  };
  return (
    <>
      <Button size="xs" onClick={() => { hold.reset(); setOpened(true); }} data-testid="review-hold"><FormattedMessage id="review.hold" /></Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={intl.formatMessage({ id: 'review.hold' })} size="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed"><FormattedMessage id="review.hold.body" /></Text>
            <Group grow>
              <TextInput type="date" label={intl.formatMessage({ id: 'review.heldOn' })} value={v.heldOn} onChange={(e) => set('heldOn')(e.currentTarget.value)} error={fieldError(hold.error, 'heldOn')} />
              <TextInput type="date" label={intl.formatMessage({ id: 'review.nextOn' })} description={intl.formatMessage({ id: 'review.nextOn.help' })} value={v.nextReviewOn} onChange={(e) => set('nextReviewOn')(e.currentTarget.value)} error={fieldError(hold.error, 'nextReviewOn')} />
            </Group>
            <Textarea label={intl.formatMessage({ id: 'review.discussion' })} value={v.discussion} onChange={(e) => set('discussion')(e.currentTarget.value)} autosize minRows={3} />
            <Textarea label={intl.formatMessage({ id: 'review.decisions' })} description={intl.formatMessage({ id: 'review.onePerLine' })} value={v.decisions} onChange={(e) => set('decisions')(e.currentTarget.value)} autosize minRows={2} error={fieldError(hold.error, 'decisions')} />
            <Textarea label={intl.formatMessage({ id: 'review.risks' })} description={intl.formatMessage({ id: 'review.onePerLine' })} value={v.risks} onChange={(e) => set('risks')(e.currentTarget.value)} autosize minRows={2} error={fieldError(hold.error, 'risks')} />
            <Textarea label={intl.formatMessage({ id: 'review.actions' })} description={intl.formatMessage({ id: 'review.actions.help' })} value={v.actions} onChange={(e) => set('actions')(e.currentTarget.value)} autosize minRows={2} error={fieldError(hold.error, 'agreedActions')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}><FormattedMessage id="action.cancel" /></Button>
              <Button type="submit" loading={hold.isPending}><FormattedMessage id="review.hold" /></Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
