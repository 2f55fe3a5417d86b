import { Anchor, Button, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconArrowRight, IconBuildingSkyscraper } from '@tabler/icons-react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { accountKeys, countByStage, useAccountList } from '../accounts/accountApi';
import { StageBadge } from '../accounts/StageBadge';
import { STAGES } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { stageColor, stageLabel } from '../common/labels';
import { EmptyState, ErrorState, InlineError, TableSkeletonRows } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';

/** First page after sign-in: the accounts the user can see, by lifecycle stage, and recent changes. */
export default function Home() {
  const me = useCurrentUser();
  const intl = useIntl();
  const fmt = useFormat();
  usePageTitle('nav.home');

  const counts = useQuery({
    queryKey: accountKeys.stageCounts,
    queryFn: async () => Object.fromEntries(await Promise.all(STAGES.map(async (s) => [s, await countByStage(s)] as const))),
  });
  const recent = useAccountList({ sort: '-updatedAt', limit: 8 });
  const total = counts.data ? STAGES.reduce((sum, s) => sum + (counts.data[s]?.count ?? 0), 0) : 0;
  const capped = counts.data ? STAGES.some((s) => counts.data[s]?.capped) : false;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          <FormattedMessage id="home.greeting" values={{ name: me.name.split(' ')[0] ?? me.name }} />
        </Title>
        <Text c="dimmed">
          <FormattedMessage id="home.subtitle" values={{ org: me.orgName }} />
        </Text>
      </div>

      <Paper withBorder p="lg" component="section" aria-labelledby="home-stages">
        <Group justify="space-between" mb="md">
          <Title order={2} size="h4" id="home-stages">
            <FormattedMessage id="home.byStage.title" />
          </Title>
          {counts.data && (
            <Text size="sm" c="dimmed" data-testid="home-total">
              <FormattedMessage id={capped ? 'home.byStage.totalAtLeast' : 'home.byStage.total'} values={{ count: total }} />
            </Text>
          )}
        </Group>
        {counts.isError ? (
          <ErrorState error={counts.error} onRetry={() => void counts.refetch()} />
        ) : (
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
            {STAGES.map((s) => (
              <Card
                key={s}
                withBorder
                padding="md"
                component={Link}
                to={`/accounts?stage=${s}`}
                style={{ borderTop: `4px solid var(--mantine-color-${stageColor[s]}-7)` }}
                aria-label={counts.data ? intl.formatMessage({ id: 'home.byStage.cardAria' }, { stage: intl.formatMessage({ id: stageLabel[s] }), count: counts.data[s]?.count ?? 0 }) : undefined}
                data-testid={`stage-card-${s}`}
              >
                <Text size="sm" fw={600} c="dimmed">
                  <FormattedMessage id={stageLabel[s]} />
                </Text>
                {counts.isPending ? (
                  <Skeleton height={30} width={60} mt={6} />
                ) : (
                  <Text fz={30} fw={700} lh={1.3} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {fmt.number(counts.data[s]?.count ?? 0)}
                    {counts.data[s]?.capped ? '+' : ''}
                  </Text>
                )}
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="home-recent">
        <Group justify="space-between" mb="md">
          <Title order={2} size="h4" id="home-recent">
            <FormattedMessage id="home.recent.title" />
          </Title>
          <Button component={Link} to="/accounts" variant="subtle" rightSection={<IconArrowRight size={16} aria-hidden />}>
            <FormattedMessage id="home.recent.all" />
          </Button>
        </Group>
        {recent.isError ? (
          <InlineError error={recent.error} onRetry={() => void recent.refetch()} />
        ) : !recent.isPending && recent.data.items.length === 0 ? (
          <EmptyState icon={<IconBuildingSkyscraper aria-hidden />} title={<FormattedMessage id="accounts.empty.title" />} description={<FormattedMessage id="accounts.empty.body" />} />
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs" aria-labelledby="home-recent">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    <FormattedMessage id="account.field.name" />
                  </Table.Th>
                  <Table.Th>
                    <FormattedMessage id="account.field.stage" />
                  </Table.Th>
                  <Table.Th>
                    <FormattedMessage id="account.field.owner" />
                  </Table.Th>
                  <Table.Th>
                    <FormattedMessage id="account.field.updatedAt" />
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {recent.isPending ? (
                  <TableSkeletonRows columns={4} rows={5} />
                ) : (
                  recent.data.items.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/accounts/${a.id}`} fw={600} size="sm">
                          {a.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <StageBadge stage={a.stage} />
                      </Table.Td>
                      <Table.Td>{a.ownerName ?? '—'}</Table.Td>
                      <Table.Td>{fmt.dateTime(a.updatedAt)}</Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
