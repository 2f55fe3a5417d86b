import { Anchor, Card, Grid, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { canWrite, useCurrentUser } from '../auth/session';
import { PageHeader } from '../common/PageHeader';
import { CardSkeleton, ErrorState, InlineError, PageSkeleton } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { NegotiationLog } from './NegotiationLog';
import { useOpportunity, useStageHistory, type Opportunity } from './opportunityApi';
import { OpportunityEdit } from './OpportunityEdit';
import { forecastLabel, StageBadge, useStageName } from './opportunityLabels';

/** One opportunity: details, edit, stage history and the negotiation log. */
export default function OpportunityShow() {
  const { opportunityId = '' } = useParams();
  const found = useOpportunity(opportunityId);
  usePageTitle('opportunity.list.title');
  if (found.isPending) return <PageSkeleton />;
  if (found.isError) return <ErrorState error={found.error} onRetry={() => void found.refetch()} />;
  return <OpportunityView o={found.data} reload={() => found.refetch()} />;
}

function OpportunityView({ o, reload }: { o: Opportunity; reload: () => Promise<unknown> }) {
  const fmt = useFormat();
  const me = useCurrentUser();
  const writable = canWrite(me.role);
  const detail = (label: ReactNode, value: ReactNode) => (
    <div>
      <Text size="xs" c="dimmed" fw={600}>{label}</Text>
      <Text size="sm" component="div">{value}</Text>
    </div>
  );
  return (
    <>
      <PageHeader
        title={o.name}
        crumbs={[{ label: <FormattedMessage id="opportunity.board.title" />, to: '/pipeline' }, { label: o.accountName, to: `/accounts/${o.accountId}` }]}
        badge={<StageBadge stage={o.stage} outcome={o.outcome} />}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Card withBorder padding="lg" component="section">
              <Title order={2} size="h4" mb="sm"><FormattedMessage id="opportunity.section.details" /></Title>
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
                {detail(<FormattedMessage id="opportunity.field.account" />, <Anchor component={Link} to={`/accounts/${o.accountId}`}>{o.accountName}</Anchor>)}
                {detail(<FormattedMessage id="opportunity.field.owner" />, o.ownerName ?? '—')}
                {detail(<FormattedMessage id="opportunity.field.amount" />, fmt.money(o.amount, o.currency))}
                {detail(<FormattedMessage id="opportunity.field.probability" />, fmt.percent(o.probability))}
                {detail(<FormattedMessage id="opportunity.field.weighted" />, fmt.money(o.weightedAmount, o.currency))}
                {detail(<FormattedMessage id="opportunity.field.forecastCategory" />, <FormattedMessage id={forecastLabel[o.forecastCategory]} />)}
                {detail(<FormattedMessage id="opportunity.field.closeDate" />, fmt.date(o.closeDate))}
                {o.closedAt && detail(<FormattedMessage id="opportunity.field.closedAt" />, fmt.dateTime(o.closedAt))}
                {detail(<FormattedMessage id="opportunity.field.competitor" />, o.competitor ?? '—')}
                {o.products.length > 0 && detail(<FormattedMessage id="opportunity.field.products" />, o.products.map((p) => p.name).join(', '))}
                {o.lostReason && detail(<FormattedMessage id="opportunity.field.lostReason" />, o.lostReason)}
              </SimpleGrid>
            </Card>
            {writable && (
              <Card withBorder padding="lg" component="section">
                <Title order={2} size="h4" mb="sm"><FormattedMessage id="opportunity.section.edit" /></Title>
                <OpportunityEdit o={o} onReload={reload} />
              </Card>
            )}
            <Card withBorder padding="lg" component="section">
              <Title order={2} size="h4" mb="sm"><FormattedMessage id="opportunity.section.negotiation" /></Title>
              <NegotiationLog o={o} writable={writable} />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder padding="lg" component="section">
            <Title order={2} size="h4" mb="sm"><FormattedMessage id="opportunity.section.history" /></Title>
            <StageHistory id={o.id} />
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}

function StageHistory({ id }: { id: string }) {
  const history = useStageHistory(id);
  const fmt = useFormat();
  const stageName = useStageName();
  if (history.isPending) return <CardSkeleton lines={3} />;
  if (history.isError) return <InlineError error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="stage-history">
      {history.data.map((h) => (
        <Timeline.Item
          key={h.id}
          title={h.fromStage === null ? <FormattedMessage id="opportunity.history.created" values={{ stage: stageName(h.toStage) }} /> : <FormattedMessage id="opportunity.history.moved" values={{ from: stageName(h.fromStage), to: stageName(h.toStage) }} />}
        >
          <Text size="xs" c="dimmed">{fmt.dateTime(h.at)} · {h.actorName}</Text>
          <Text size="xs">{fmt.money(h.amount, h.currency)} · {fmt.percent(h.probability)}</Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
