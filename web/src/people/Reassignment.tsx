import { Anchor, Button, Card, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { EmptyState, ErrorState, PageSkeleton } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { TierBadge } from '../scoring/scoringLabels';
import type { Tier } from '../scoring/scoringApi';
import { useProfile, useReassign, useReassignmentPlan } from './peopleApi';
import { WorkloadBar } from './peopleLabels';

/** Someone leaves: owners suggested for their whole book (capacity balanced), changed per account if need be, moved in one go. */
export default function Reassignment() {
  const { userId = '' } = useParams();
  const intl = useIntl();
  const fmt = useFormat();
  const navigate = useNavigate();
  const person = useProfile(userId);
  const plan = useReassignmentPlan(userId);
  const reassign = useReassign(userId);
  const [choices, setChoices] = useState<Record<string, string>>({});
  usePageTitle('people.reassign.title', undefined, person.data?.name ?? null);
  if (plan.isPending) return <PageSkeleton />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  const options = p.loadsAfter.map((l) => ({ value: l.userId, label: l.name }));
  const chosen = (accountId: string, suggested: string | null) => choices[accountId] ?? suggested;
  const assignments = p.suggestions.flatMap((s) => {
    const to = chosen(s.accountId, s.toUserId);
    return to ? [{ accountId: s.accountId, toUserId: to }] : [];
  });
  const errors = formErrorsFrom(reassign.error, []);
  const confirm = async () => {
    const result = await reassign.mutateAsync(assignments);
    notify(intl, intl.formatMessage({ id: 'people.reassign.done' }, { count: result.moved }));
    void navigate('/people');
  };
  return (
    <>
      <PageHeader title={<FormattedMessage id="people.reassign.heading" values={{ name: person.data?.name ?? '' }} />} crumbs={[{ label: <FormattedMessage id="nav.people" />, to: '/people' }]} />
      {p.suggestions.length === 0 ? (
        <EmptyState title={<FormattedMessage id="people.reassign.empty" />} />
      ) : (
        <Stack gap="md">
          <Card withBorder padding={0}>
            <Table.ScrollContainer minWidth={700}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th><FormattedMessage id="people.reassign.account" /></Table.Th>
                    <Table.Th><FormattedMessage id="people.reassign.tier" /></Table.Th>
                    <Table.Th><FormattedMessage id="people.reassign.newOwner" /></Table.Th>
                    <Table.Th ta="right"><FormattedMessage id="people.reassign.fit" /></Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.suggestions.map((s) => (
                    <Table.Tr key={s.accountId} data-testid="reassign-row">
                      <Table.Td><Anchor component={Link} to={`/accounts/${s.accountId}`}>{s.accountName}</Anchor></Table.Td>
                      <Table.Td>{s.tier ? <TierBadge tier={s.tier as Tier} /> : '—'}</Table.Td>
                      <Table.Td w={260}>
                        <Select size="xs" data={options} value={chosen(s.accountId, s.toUserId)} onChange={(v) => v && setChoices((c) => ({ ...c, [s.accountId]: v }))} allowDeselect={false} aria-label={intl.formatMessage({ id: 'people.reassign.newOwnerOf' }, { name: s.accountName })} />
                      </Table.Td>
                      <Table.Td ta="right">{choices[s.accountId] && choices[s.accountId] !== s.toUserId ? '—' : fmt.number(s.score, { maximumFractionDigits: 0 })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <Card withBorder padding="md">
            <Text fw={600} mb="xs"><FormattedMessage id="people.reassign.loadsAfter" /></Text>
            <Stack gap={6}>
              {p.loadsAfter.map((l) => (
                <Group key={l.userId} wrap="nowrap">
                  <Text size="sm" w={200}>{l.name}</Text>
                  <div style={{ flex: 1 }}><WorkloadBar index={l.index} label={intl.formatMessage({ id: 'people.capacity.workloadOf' }, { name: l.name })} /></div>
                </Group>
              ))}
            </Stack>
            <Text size="xs" c="dimmed" mt="xs"><FormattedMessage id="people.reassign.loadsNote" /></Text>
          </Card>
          {reassign.isError && <SaveErrorAlert error={reassign.error} general={errors.general} />}
          <Group justify="flex-end">
            <Button onClick={() => void confirm().catch(() => undefined)} loading={reassign.isPending} disabled={assignments.length === 0}>
              <FormattedMessage id="people.reassign.confirm" values={{ count: assignments.length }} />
            </Button>
          </Group>
        </Stack>
      )}
    </>
  );
}
