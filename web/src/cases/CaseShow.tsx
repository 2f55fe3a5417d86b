import { Alert, Anchor, Button, Card, Grid, Group, SimpleGrid, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { canWrite, useCurrentUser } from '../auth/session';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { PageHeader } from '../common/PageHeader';
import { CardSkeleton, ErrorState, InlineError, PageSkeleton } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useCase, useCaseEvents, useTransitionCase, type Case, type CaseEvent, type CaseStatus } from './caseApi';
import { CaseEdit } from './CaseEdit';
import { EscalationBadge, SeverityBadge, SlaCountdown, statusLabel, StatusBadge, transitionLabel, useCategoryName } from './caseLabels';

/** One case: SLA and escalation, status moves (resolving asks for the resolution), changes, and the trail. */
export default function CaseShow() {
  const { caseId = '' } = useParams();
  const found = useCase(caseId);
  usePageTitle('cases.title');
  if (found.isPending) return <PageSkeleton />;
  if (found.isError) return <ErrorState error={found.error} onRetry={() => void found.refetch()} />;
  return <CaseView c={found.data} reload={() => found.refetch()} />;
}

function CaseView({ c, reload }: { c: Case; reload: () => Promise<unknown> }) {
  const fmt = useFormat();
  const me = useCurrentUser();
  const writable = canWrite(me.role);
  const categoryName = useCategoryName();
  const detail = (label: React.ReactNode, value: React.ReactNode) => (
    <div>
      <Text size="xs" c="dimmed" fw={600}>{label}</Text>
      <Text size="sm" component="div">{value}</Text>
    </div>
  );
  return (
    <>
      <PageHeader
        title={c.title}
        crumbs={[{ label: <FormattedMessage id="cases.title" />, to: '/cases' }, { label: c.accountName, to: `/accounts/${c.accountId}` }]}
        badge={<Group gap={6}><SeverityBadge severity={c.severity} /><StatusBadge status={c.status} /><EscalationBadge level={c.escalationLevel} /></Group>}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Card withBorder padding="lg" component="section">
              <Title order={2} size="h4" mb="sm"><FormattedMessage id="case.section.details" /></Title>
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md" mb="md">
                {detail(<FormattedMessage id="case.detail.account" />, <Anchor component={Link} to={`/accounts/${c.accountId}`}>{c.accountName}</Anchor>)}
                {detail(<FormattedMessage id="case.field.category" />, categoryName(c.category))}
                {detail(<FormattedMessage id="case.detail.owner" />, c.ownerName ?? '—')}
                {detail(<FormattedMessage id="case.detail.opened" />, fmt.dateTime(c.openedAt))}
                {detail(<FormattedMessage id="case.detail.due" />, <><div>{fmt.dateTime(c.dueAt)}</div><SlaCountdown c={c} /></>)}
                {detail(<FormattedMessage id="case.detail.slaHours" />, fmt.number(c.slaHours))}
                {detail(<FormattedMessage id="case.field.minutes" />, fmt.number(c.minutesSpent))}
                {c.resolvedAt && detail(<FormattedMessage id="case.detail.resolved" />, fmt.dateTime(c.resolvedAt))}
                {c.timeToResolveMinutes !== null && detail(<FormattedMessage id="case.detail.timeToResolve" />, fmt.number(c.timeToResolveMinutes))}
                {c.closedAt && detail(<FormattedMessage id="case.detail.closed" />, fmt.dateTime(c.closedAt))}
              </SimpleGrid>
              {c.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mb="sm">{c.description}</Text>}
              {c.resolution && (
                <Alert color="teal" variant="light" title={<FormattedMessage id="case.field.resolution" />}>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.resolution}</Text>
                </Alert>
              )}
            </Card>
            {writable && c.allowedTransitions.length > 0 && <Transitions c={c} reload={reload} />}
            {writable && c.status !== 'closed' && (
              <Card withBorder padding="lg" component="section">
                <Title order={2} size="h4" mb="sm"><FormattedMessage id="case.section.edit" /></Title>
                <CaseEdit c={c} onReload={reload} />
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder padding="lg" component="section">
            <Title order={2} size="h4" mb="sm"><FormattedMessage id="case.section.trail" /></Title>
            <Trail caseId={c.id} version={c.version} />
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Transitions({ c, reload }: { c: Case; reload: () => Promise<unknown> }) {
  const intl = useIntl();
  const move = useTransitionCase(c);
  const [resolving, setResolving] = useState(false);
  const [resolution, setResolution] = useState('');
  const [tried, setTried] = useState(false);
  const conflict = isApiError(move.error) && move.error.status === 412;
  const go = (to: CaseStatus) => {
    if (to === 'resolved' && !resolving) {
      setResolving(true);
      return;
    }
    if (to === 'resolved' && !resolution.trim()) {
      setTried(true);
      return;
    }
    move.mutate(to === 'resolved' ? { to, resolution: resolution.trim() } : { to }, {
      onSuccess: (saved) => {
        setResolving(false);
        setResolution('');
        notifications.show({ color: 'teal', message: intl.formatMessage({ id: statusLabel[saved.status] }) });
      },
    });
  };
  const apiResolutionError = isApiError(move.error) ? move.error.errors.find((e) => e.path.includes('resolution'))?.message : undefined;
  return (
    <Card withBorder padding="lg" component="section" data-testid="case-transitions">
      <Stack gap="sm">
        {conflict && (
          <Alert color="orange" variant="light" role="alert" title={<FormattedMessage id="conflict.title" />}>
            <Text size="sm" mb="xs"><FormattedMessage id="case.conflict" /></Text>
            <Button size="xs" onClick={() => void reload().then(() => move.reset())}><FormattedMessage id="conflict.discard" /></Button>
          </Alert>
        )}
        {move.isError && !conflict && !apiResolutionError && <SaveErrorAlert error={move.error} general={formErrorsFrom(move.error, []).general} />}
        {resolving && (
          <Textarea
            label={intl.formatMessage({ id: 'case.field.resolution' })}
            value={resolution}
            onChange={(e) => setResolution(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={10000}
            required
            error={apiResolutionError ?? (tried && !resolution.trim() ? intl.formatMessage({ id: 'case.resolution.required' }) : undefined)}
            data-testid="case-resolution"
          />
        )}
        <Group gap="sm">
          {c.allowedTransitions.map((to) => (
            <Button key={to} variant={to === 'resolved' ? 'filled' : 'default'} loading={move.isPending && move.variables?.to === to} onClick={() => go(to)} data-testid={`case-move-${to}`}>
              <FormattedMessage id={transitionLabel[to]} />
            </Button>
          ))}
          {resolving && (
            <Button variant="subtle" onClick={() => setResolving(false)}>
              <FormattedMessage id="action.cancel" />
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function Trail({ caseId, version }: { caseId: string; version: number }) {
  const events = useCaseEvents(caseId);
  const fmt = useFormat();
  const intl = useIntl();
  // the trail grows with every change: read it again when the case's version moves
  const [seen, setSeen] = useState(version);
  if (seen !== version) {
    setSeen(version);
    void events.refetch();
  }
  if (events.isPending) return <CardSkeleton lines={4} />;
  if (events.isError) return <InlineError error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.items.length === 0) return <Text size="sm" c="dimmed"><FormattedMessage id="case.trail.empty" /></Text>;
  const describe = (e: CaseEvent) => {
    switch (e.kind) {
      case 'opened':
        return intl.formatMessage({ id: 'case.event.opened' });
      case 'status':
        return intl.formatMessage({ id: 'case.event.status' }, { from: e.fromStatus ? intl.formatMessage({ id: statusLabel[e.fromStatus] }) : '—', to: e.toStatus ? intl.formatMessage({ id: statusLabel[e.toStatus] }) : '—' });
      case 'escalated':
        return intl.formatMessage({ id: 'case.event.escalated' }, { level: e.toLevel ?? 0 });
      case 'breach_effects':
        return intl.formatMessage({ id: 'case.event.breach_effects' });
      default:
        return intl.formatMessage({ id: 'case.event.updated' });
    }
  };
  return (
    <Timeline bulletSize={14} lineWidth={2} active={events.data.items.length}>
      {events.data.items.map((e) => (
        <Timeline.Item key={e.id} title={describe(e)} color={e.kind === 'escalated' ? 'red' : undefined}>
          <Text size="xs" c="dimmed">{fmt.dateTime(e.at)} · {e.actorName ?? intl.formatMessage({ id: 'case.event.system' })}</Text>
          {e.minutes !== 0 && <Text size="xs"><FormattedMessage id="case.event.minutes" values={{ minutes: e.minutes }} /></Text>}
          {e.note && <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
