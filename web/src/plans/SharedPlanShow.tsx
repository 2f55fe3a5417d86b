import { Badge, Card, Container, Group, List, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { EmptyState, ErrorState, PageSkeleton } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useSharedPlan } from './planApi';

/** The joint plan a customer opens from a share link: no sign-in, customer-facing parts only. */
export default function SharedPlanShow() {
  const { token = '' } = useParams();
  const plan = useSharedPlan(token);
  const fmt = useFormat();
  usePageTitle('shared.title', undefined, plan.data?.accountName ?? null);
  if (plan.isPending) return <PageSkeleton />;
  if (plan.isError) {
    const gone = isApiError(plan.error) && (plan.error.status === 404 || plan.error.status === 400);
    return (
      <Container size="md" py="xl">
        {gone ? <EmptyState title={<FormattedMessage id="shared.gone.title" />} description={<FormattedMessage id="shared.gone.body" />} /> : <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />}
      </Container>
    );
  }
  const p = plan.data;
  return (
    <Container size="md" py="xl">
      <Stack gap="lg">
        <Stack gap={4}>
          <Text size="sm" c="dimmed"><FormattedMessage id="shared.kicker" /></Text>
          <Title order={1}>{p.accountName}</Title>
          <Text c="dimmed"><FormattedMessage id="shared.period" values={{ period: p.period, from: fmt.date(p.periodStart), to: fmt.date(p.periodEnd) }} /></Text>
        </Stack>
        <Card withBorder padding="lg" component="section">
          <Title order={2} size="h4" mb="sm"><FormattedMessage id="plan.needs" /></Title>
          {p.needs.length === 0 ? <Text c="dimmed" size="sm"><FormattedMessage id="plan.needs.none" /></Text> : (
            <List type="ordered" spacing="xs">{p.needs.map((n, i) => <List.Item key={i}>{n.text}</List.Item>)}</List>
          )}
        </Card>
        <Card withBorder padding="lg" component="section">
          <Title order={2} size="h4" mb="sm"><FormattedMessage id="plan.objectives" /></Title>
          {p.objectives.length === 0 ? <Text c="dimmed" size="sm"><FormattedMessage id="plan.objectives.none" /></Text> : (
            <Stack gap="md">
              {p.objectives.map((o, i) => (
                <Stack key={i} gap={4}>
                  <Group justify="space-between">
                    <Text fw={600}>{o.title}</Text>
                    {o.achieved && <Badge color="teal" variant="light"><FormattedMessage id="plan.objective.status.achieved" /></Badge>}
                  </Group>
                  <Progress value={o.percent ?? 0} color={o.achieved ? 'teal' : 'blue'} aria-label={`${o.title}: ${o.percent ?? 0} %`} />
                  <Text size="xs" c="dimmed">
                    {o.baseline !== null && o.target !== null ? <FormattedMessage id="shared.objective.figures" values={{ baseline: `${fmt.number(o.baseline)}${o.unit ? ` ${o.unit}` : ''}`, target: `${fmt.number(o.target)}${o.unit ? ` ${o.unit}` : ''}`, current: o.current === null ? '—' : `${fmt.number(o.current)}${o.unit ? ` ${o.unit}` : ''}` }} /> : null}
                    {o.percent !== null && ` ${fmt.percent(o.percent / 100)}`}
                    {o.dueOn && <> · <FormattedMessage id="shared.objective.due" values={{ date: fmt.date(o.dueOn) }} /></>}
                  </Text>
                </Stack>
              ))}
            </Stack>
          )}
        </Card>
        <Card withBorder padding="lg" component="section">
          <Title order={2} size="h4" mb="sm"><FormattedMessage id="shared.actions" /></Title>
          {p.actions.length === 0 ? <Text c="dimmed" size="sm"><FormattedMessage id="plan.actions.none" /></Text> : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="plan.action.title" /></Table.Th>
                  <Table.Th><FormattedMessage id="plan.action.due" /></Table.Th>
                  <Table.Th><FormattedMessage id="plan.action.status" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.actions.map((a, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{a.title}</Table.Td>
                    <Table.Td>{fmt.date(a.dueOn)}</Table.Td>
                    <Table.Td><FormattedMessage id={`plan.action.status.${a.status}`} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <Text size="xs" c="dimmed"><FormattedMessage id="shared.expires" values={{ date: fmt.dateTime(p.expiresAt) }} /></Text>
      </Stack>
    </Container>
  );
}
