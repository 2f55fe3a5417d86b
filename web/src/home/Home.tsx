import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlarm, IconArrowsExchange, IconCalendarEvent, IconChecklist, IconMoodCheck, IconUrgent } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { PayOutsideBand } from '../people/PayOutsideBand';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/session';
import type { MessageId } from '../common/labels';
import { CardSkeleton, EmptyState, ErrorState, TableSkeletonRows } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { tierColor, tierLabel } from '../interactions/engagementLabels';
import { useHome, type Home as HomeData } from '../interactions/interactionApi';

/**
 * What needs doing now: accounts overdue for contact under their tier's cadence, next steps due this
 * week, and the sections other modules provide (handovers, reviews, severe cases). A KAM sees their
 * own, a manager their team's, directors and admins the organisation's.
 */
export default function Home() {
  const me = useCurrentUser();
  const home = useHome();
  usePageTitle('nav.home');

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          <FormattedMessage id="home.greeting" values={{ name: me.name.split(' ')[0] ?? me.name }} />
        </Title>
        <Text c="dimmed">
          {home.data ? <FormattedMessage id={`home.scope.${home.data.scope}` as MessageId} values={{ org: me.orgName }} /> : <FormattedMessage id="home.subtitle" values={{ org: me.orgName }} />}
        </Text>
      </div>
      {home.isError ? (
        <ErrorState error={home.error} onRetry={() => void home.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Panel id="home-overdue" title={<FormattedMessage id="home.overdue.title" />} icon={<IconAlarm size={18} aria-hidden />}>
              <OverdueAccounts home={home.data} pending={home.isPending} />
            </Panel>
            <Panel id="home-steps" title={<FormattedMessage id="home.steps.title" />} icon={<IconChecklist size={18} aria-hidden />}>
              <DueSteps home={home.data} pending={home.isPending} />
            </Panel>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
            <Panel id="home-handovers" title={<FormattedMessage id="home.handovers.title" />} icon={<IconArrowsExchange size={18} aria-hidden />}>
              <OtherSection items={home.data?.pendingHandovers} pending={home.isPending} empty="home.handovers.empty" />
            </Panel>
            <Panel id="home-reviews" title={<FormattedMessage id="home.reviews.title" />} icon={<IconCalendarEvent size={18} aria-hidden />}>
              <OtherSection items={home.data?.upcomingReviews} pending={home.isPending} empty="home.reviews.empty" />
            </Panel>
            <Panel id="home-cases" title={<FormattedMessage id="home.cases.title" />} icon={<IconUrgent size={18} aria-hidden />}>
              <OtherSection items={home.data?.openSevereCases} pending={home.isPending} empty="home.cases.empty" />
            </Panel>
            <Panel id="home-at-risk" title={<FormattedMessage id="home.atRisk.title" />} icon={<IconUrgent size={18} aria-hidden />}>
              <OtherSection items={home.data?.atRiskSuggestions} pending={home.isPending} empty="home.atRisk.empty" />
            </Panel>
            {me.role === 'director' && (
              <Panel id="home-pay" title={<FormattedMessage id="people.home.payTitle" />} icon={<IconUrgent size={18} aria-hidden />}>
                <PayOutsideBand items={home.data?.payOutsideBand} pending={home.isPending} />
              </Panel>
            )}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function Panel({ id, title, icon, children }: { id: string; title: ReactNode; icon: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id} data-testid={id}>
      <Group gap={8} mb="md">
        {icon}
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
      </Group>
      {children}
    </Paper>
  );
}

function OverdueAccounts({ home, pending }: { home: HomeData | undefined; pending: boolean }) {
  const intl = useIntl();
  const fmt = useFormat();
  if (!pending && home && home.overdueAccounts.length === 0) {
    return <EmptyState icon={<IconMoodCheck aria-hidden />} title={<FormattedMessage id="home.overdue.empty.title" />} description={<FormattedMessage id="home.overdue.empty.body" />} />;
  }
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing="xs" aria-label={intl.formatMessage({ id: 'home.overdue.title' })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <FormattedMessage id="account.field.name" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="home.overdue.tier" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="engagement.lastContact" />
            </Table.Th>
            <Table.Th ta="right">
              <FormattedMessage id="home.overdue.days" />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pending || !home ? (
            <TableSkeletonRows columns={4} rows={4} />
          ) : (
            home.overdueAccounts.map((a) => (
              <Table.Tr key={a.accountId} data-testid="overdue-account">
                <Table.Td>
                  <Anchor component={Link} to={`/accounts/${a.accountId}`} fw={600} size="sm">
                    {a.name}
                  </Anchor>
                  {home.scope !== 'mine' && a.ownerName && (
                    <Text size="xs" c="dimmed">
                      {a.ownerName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge size="sm" color={tierColor[a.tier]} variant={a.tierKnown ? 'filled' : 'outline'}>
                    <FormattedMessage id={tierLabel[a.tier]} />
                  </Badge>
                </Table.Td>
                <Table.Td>{a.lastContactOn ? fmt.date(a.lastContactOn) : <FormattedMessage id="engagement.never" />}</Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  <Text size="sm" c="red.8" fw={600} span>
                    <FormattedMessage id="engagement.overdueBy" values={{ days: a.overdueDays }} />
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function DueSteps({ home, pending }: { home: HomeData | undefined; pending: boolean }) {
  const intl = useIntl();
  const fmt = useFormat();
  if (!pending && home && home.dueNextSteps.length === 0) {
    return <EmptyState icon={<IconChecklist aria-hidden />} title={<FormattedMessage id="home.steps.empty.title" />} description={<FormattedMessage id="home.steps.empty.body" />} />;
  }
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing="xs" aria-label={intl.formatMessage({ id: 'home.steps.title' })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <FormattedMessage id="interaction.field.nextStep" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="home.steps.account" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="interaction.field.nextStepDue" />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pending || !home ? (
            <TableSkeletonRows columns={3} rows={4} />
          ) : (
            home.dueNextSteps.map((s) => (
              <Table.Tr key={s.interactionId} data-testid="due-step">
                <Table.Td>
                  <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                    {s.nextStep}
                  </Text>
                  {home.scope !== 'mine' && s.ownerName && (
                    <Text size="xs" c="dimmed">
                      {s.ownerName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/accounts/${s.accountId}`} size="sm">
                    {s.accountName}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {fmt.date(s.dueOn)}
                  {s.overdueDays > 0 && (
                    <Text size="xs" c="red.8" fw={600}>
                      <FormattedMessage id="engagement.overdueBy" values={{ days: s.overdueDays }} />
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type SectionItem = HomeData['pendingHandovers'][number];

/** A section another module provides: title, account and due date of each item. */
function OtherSection({ items, pending, empty }: { items: SectionItem[] | undefined; pending: boolean; empty: MessageId }) {
  const fmt = useFormat();
  if (pending || !items) return <CardSkeleton lines={2} />;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id={empty} />
      </Text>
    );
  }
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => {
        const due = item.dueOn ? fmt.date(item.dueOn) : item.dueAt ? fmt.dateTime(item.dueAt) : null;
        return (
          <li key={item.id}>
            {item.accountId ? (
              <Anchor component={Link} to={`/accounts/${item.accountId}`} size="sm" fw={600}>
                {item.title ?? item.accountName ?? item.id}
              </Anchor>
            ) : (
              <Text size="sm" fw={600}>
                {item.title ?? item.accountName ?? item.id}
              </Text>
            )}
            {(item.title && item.accountName) || due ? (
              <Text size="xs" c="dimmed">
                {[item.title ? item.accountName : null, due].filter(Boolean).join(' · ')}
              </Text>
            ) : null}
          </li>
        );
      })}
    </Stack>
  );
}
