import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useCurrentUser } from '../auth/session';
import { roleLabel } from '../common/labels';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { CardSkeleton, EmptyState, ErrorState, InlineError, PageSkeleton } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import type { Role } from '../api/types';
import { PayChart } from './PayChart';
import { ProfileEdit } from './ProfileEdit';
import { useBook, useCreateGoal, useFinishGoal, usePersonPay, useProfile, useRateSkills, useSkills, type Profile } from './peopleApi';
import { educationLabel, useLanguageName, useSkillName, WorkloadBar } from './peopleLabels';

/** A person's page: profile, skills (self vs manager, gaps, goals), book and pay against the band. */
export default function PersonShow() {
  const { userId = '' } = useParams();
  const profile = useProfile(userId);
  usePageTitle('people.title', undefined, profile.data?.name ?? null);
  if (profile.isPending) return <PageSkeleton />;
  if (profile.isError) {
    if (isApiError(profile.error) && profile.error.status === 403) return <EmptyState title={<FormattedMessage id="people.private" />} />;
    return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  }
  const p = profile.data;
  return (
    <>
      <PageHeader title={p.name} badge={<Badge variant="light"><FormattedMessage id={roleLabel[p.role as Role]} /></Badge>} crumbs={[{ label: <FormattedMessage id="nav.people" />, to: '/people' }]} />
      <Tabs defaultValue="profile" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="profile"><FormattedMessage id="people.tab.profile" /></Tabs.Tab>
          <Tabs.Tab value="skills"><FormattedMessage id="people.tab.skills" /></Tabs.Tab>
          <Tabs.Tab value="book"><FormattedMessage id="people.tab.book" /></Tabs.Tab>
          <Tabs.Tab value="pay"><FormattedMessage id="people.tab.pay" /></Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profile"><ProfilePanel profile={p} /></Tabs.Panel>
        <Tabs.Panel value="skills"><SkillsPanel userId={p.userId} /></Tabs.Panel>
        <Tabs.Panel value="book"><BookPanel userId={p.userId} /></Tabs.Panel>
        <Tabs.Panel value="pay"><PayPanel userId={p.userId} /></Tabs.Panel>
      </Tabs>
    </>
  );
}

function ProfilePanel({ profile: p }: { profile: Profile }) {
  const [editing, setEditing] = useState(false);
  const fmt = useFormat();
  const languageName = useLanguageName();
  const me = useCurrentUser();
  const canEdit = me.role !== 'viewer' && (me.id === p.userId || ['admin', 'manager', 'director'].includes(me.role));
  if (editing) return <ProfileEdit profile={p} onDone={() => setEditing(false)} />;
  const list = (items: string[]) => (items.length === 0 ? '—' : items.join(', '));
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4"><FormattedMessage id="people.tab.profile" /></Title>
        {canEdit && <Button variant="default" onClick={() => setEditing(true)}><FormattedMessage id="action.edit" /></Button>}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap={4}>
          <Text fw={600}><FormattedMessage id="people.field.education" /></Text>
          {p.education.length === 0 ? <Text c="dimmed">—</Text> : p.education.map((e, i) => <Text key={i}><FormattedMessage id={educationLabel[e.level]!} />: {e.field}{e.year ? ` (${e.year})` : ''}</Text>)}
          <Text fw={600} mt="sm"><FormattedMessage id="people.field.certifications" /></Text>
          {p.certifications.length === 0 ? <Text c="dimmed">—</Text> : p.certifications.map((c, i) => (
            <Text key={i}>{c.name}{c.issuer ? ` · ${c.issuer}` : ''} · {fmt.date(c.obtainedOn)}{c.expiresOn ? ` – ${fmt.date(c.expiresOn)}` : ''}</Text>
          ))}
        </Stack>
        <Stack gap={4}>
          <Text><FormattedMessage id="people.field.yearsTotal" />: {p.yearsTotal ?? '—'} · <FormattedMessage id="people.field.yearsSales" />: {p.yearsSales ?? '—'}</Text>
          <Text fw={600} mt="sm"><FormattedMessage id="people.field.industryYears" /></Text>
          {p.industryYears.length === 0 ? <Text c="dimmed">—</Text> : p.industryYears.map((e) => <Text key={e.industry}><FormattedMessage id="people.industryYears" values={{ industry: e.industry, years: e.years }} /></Text>)}
          <Text mt="sm"><FormattedMessage id="people.field.industries" />: {list(p.industries)}</Text>
          <Text><FormattedMessage id="people.field.countries" />: {list(p.countries.map((c) => fmt.country(c)))}</Text>
          <Text><FormattedMessage id="people.field.languages" />: {list(p.languages.map(languageName))}</Text>
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

const RATINGS = ['1', '2', '3', '4', '5'];

function SkillsPanel({ userId }: { userId: string }) {
  const intl = useIntl();
  const me = useCurrentUser();
  const skills = useSkills(userId);
  const rate = useRateSkills(userId);
  const createGoal = useCreateGoal(userId);
  const finishGoal = useFinishGoal();
  const skillName = useSkillName();
  const fmt = useFormat();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const self = me.id === userId;
  const kind = self ? 'self' : 'manager';
  const canRate = self || ['admin', 'manager', 'director'].includes(me.role);
  if (skills.isPending) return <CardSkeleton lines={8} />;
  if (skills.isError) return <InlineError error={skills.error} onRetry={() => void skills.refetch()} />;
  const s = skills.data;
  const save = async () => {
    const ratings = Object.entries(draft).map(([skill, rating]) => ({ skill, rating: Number(rating) }));
    if (ratings.length === 0) return;
    await rate.mutateAsync({ kind, ratings });
    setDraft({});
    notify(intl, intl.formatMessage({ id: 'people.skills.saved' }));
  };
  return (
    <Stack gap="md">
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th><FormattedMessage id="people.skills.skill" /></Table.Th>
                <Table.Th><FormattedMessage id="people.skills.self" /></Table.Th>
                <Table.Th><FormattedMessage id="people.skills.manager" /></Table.Th>
                <Table.Th><FormattedMessage id="people.skills.target" /></Table.Th>
                <Table.Th><FormattedMessage id="people.skills.gap" /></Table.Th>
                {canRate && <Table.Th><FormattedMessage id={self ? 'people.skills.rateSelf' : 'people.skills.rateManager'} /></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.skills.map((line) => (
                <Table.Tr key={line.skill} data-testid="skill-row">
                  <Table.Td>{skillName(line.skill, line.label)}</Table.Td>
                  <Table.Td>{line.self ?? '—'}</Table.Td>
                  <Table.Td>{line.manager ?? '—'}</Table.Td>
                  <Table.Td>{line.target ?? '—'}</Table.Td>
                  <Table.Td>
                    {line.gap !== null && line.gap > 0 ? (
                      <Group gap={6} wrap="nowrap">
                        <Badge color="orange" variant="light">−{line.gap}</Badge>
                        {canRate && !s.goals.some((g) => g.skill === line.skill && g.status === 'open') && (
                          <Button size="compact-xs" variant="subtle" onClick={() => void createGoal.mutateAsync(line.skill).then(() => notify(intl, intl.formatMessage({ id: 'people.goal.created' })))}>
                            <FormattedMessage id="people.goal.create" />
                          </Button>
                        )}
                      </Group>
                    ) : line.gap !== null ? <Badge color="teal" variant="light"><FormattedMessage id="people.skills.atTarget" /></Badge> : '—'}
                  </Table.Td>
                  {canRate && (
                    <Table.Td w={110}>
                      <Select size="xs" data={RATINGS} value={draft[line.skill] ?? null} onChange={(v) => setDraft((d) => ({ ...d, ...(v ? { [line.skill]: v } : {}) }))} aria-label={skillName(line.skill, line.label)} placeholder="1–5" />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {canRate && (
        <Group justify="flex-end">
          {rate.isError && <InlineError error={rate.error} />}
          <Button onClick={() => void save().catch(() => undefined)} disabled={Object.keys(draft).length === 0} loading={rate.isPending}>
            <FormattedMessage id="people.skills.save" />
          </Button>
        </Group>
      )}
      <Card withBorder padding="md">
        <Title order={3} size="h5" mb="xs"><FormattedMessage id="people.goals.title" /></Title>
        {s.goals.length === 0 ? <Text c="dimmed" size="sm"><FormattedMessage id="people.goals.empty" /></Text> : (
          <Stack gap={4}>
            {s.goals.map((g) => (
              <Group key={g.id} justify="space-between">
                <Text size="sm"><FormattedMessage id="people.goal.line" values={{ skill: skillName(g.skill), target: g.targetRating, due: g.dueOn ? fmt.date(g.dueOn) : '—' }} /></Text>
                {g.status === 'open' && canRate ? (
                  <Button size="compact-xs" variant="default" onClick={() => void finishGoal.mutateAsync(g)}><FormattedMessage id="people.goal.finish" /></Button>
                ) : <Badge variant="light" color={g.status === 'done' ? 'teal' : 'gray'}><FormattedMessage id={g.status === 'done' ? 'people.goal.status.done' : 'people.goal.status.dropped'} /></Badge>}
              </Group>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}

function BookPanel({ userId }: { userId: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const book = useBook(userId);
  if (book.isPending) return <CardSkeleton lines={4} />;
  if (book.isError) return <InlineError error={book.error} onRetry={() => void book.refetch()} />;
  const b = book.data;
  const stat = (label: string, value: string) => (
    <Card withBorder padding="sm"><Text size="xs" c="dimmed">{label}</Text><Text fw={700} size="lg">{value}</Text></Card>
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {stat(intl.formatMessage({ id: 'people.book.accounts' }), fmt.number(b.accounts))}
        {stat(intl.formatMessage({ id: 'people.book.revenue' }), fmt.money(b.revenue, b.currency, { compact: true }))}
        {stat(intl.formatMessage({ id: 'people.book.grossProfit' }), fmt.money(b.grossProfit, b.currency, { compact: true }))}
        {stat(intl.formatMessage({ id: 'people.book.openCases' }), `${fmt.number(b.openCases)} (${fmt.number(b.escalatedCases)} ↑)`)}
        {stat(intl.formatMessage({ id: 'people.book.interactions' }), fmt.number(b.interactionsPerMonth))}
        {stat(intl.formatMessage({ id: 'people.book.byTier' }), `${b.accountsByTier.key} · ${b.accountsByTier.strategic} · ${b.accountsByTier.develop} · ${b.accountsByTier.maintain} · ${b.accountsByTier.unscored}`)}
      </SimpleGrid>
      <Card withBorder padding="md">
        <Text fw={600} mb="xs"><FormattedMessage id="people.book.workload" values={{ load: fmt.number(b.workload.load), target: b.workload.target === null ? '—' : fmt.number(b.workload.target) }} /></Text>
        <WorkloadBar index={b.workload.index} label={intl.formatMessage({ id: 'people.capacity.workload' })} />
      </Card>
    </Stack>
  );
}

function PayPanel({ userId }: { userId: string }) {
  const pay = usePersonPay(userId);
  if (pay.isPending) return <CardSkeleton lines={3} />;
  if (pay.isError) {
    if (isApiError(pay.error) && pay.error.status === 403) return <EmptyState title={<FormattedMessage id="people.private" />} />;
    return <InlineError error={pay.error} onRetry={() => void pay.refetch()} />;
  }
  return <Card withBorder padding="md"><PayChart pay={pay.data} /></Card>;
}

