import { Anchor, Button, Card, Grid, Group, List, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconChartBar, IconHierarchy2, IconPencil, IconReceipt, IconTrash, IconUsers } from '@tabler/icons-react';
import { lazy, Suspense, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import type { Account } from '../api/types';
import { canWrite, useCurrentUser } from '../auth/session';
import { PageHeader } from '../common/PageHeader';
import { CardSkeleton, EmptyState, ErrorState, InlineError, PageSkeleton } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { ContactList } from '../contacts/ContactList';
import { AccountEngagementSide, AccountInteractions } from '../interactions/AccountEngagement';
import { AccountHandovers } from '../handovers/AccountHandovers';
import { AccountPlan } from '../plans/AccountPlan';
import { AccountReviews } from '../reviews/AccountReviews';
import { AccountCases } from '../cases/AccountCases';
import { AccountOpportunities } from '../opportunities/AccountOpportunities';
import { AccountDynamicsSection } from '../dynamics/AccountDynamicsSection';
import { AccountHealthPanel } from '../health/AccountHealthPanel';
import { AccountScoreCard } from '../scoring/AccountScoreCard';
import { addMonths, sumDecimals } from '../format';
import { useAccount, useChildAccounts, useDeleteAccount, useMonthly, useRecentTransactions } from './accountApi';
import { AccountTeam } from './AccountTeam';
import { ConfirmButton } from '../common/ConfirmButton';
import { notify } from '../common/notify';
import { StageBadge } from './StageBadge';
import { OwnerAssignDialog } from '../people/OwnerAssignDialog';

// Charts (recharts) load only when an account page shows one.
const AccountMonthlyChart = lazy(() => import('./AccountMonthlyChart'));

export default function AccountShow() {
  const { accountId = '' } = useParams();
  const account = useAccount(accountId);
  const me = useCurrentUser();
  usePageTitle('nav.accounts', undefined, account.data?.name ?? null);

  if (account.isPending) return <PageSkeleton />;
  if (account.isError) return <ErrorState error={account.error} onRetry={() => void account.refetch()} />;
  const a = account.data;
  const writable = canWrite(me.role);

  return (
    <>
      <PageHeader
        title={a.name}
        badge={<StageBadge stage={a.stage} />}
        crumbs={[{ label: <FormattedMessage id="nav.accounts" />, to: '/accounts' }]}
        actions={
          writable && (
            <Group gap="xs">
              {['admin', 'director', 'manager'].includes(me.role) && <OwnerAssignDialog account={a} />}
              <Button component={Link} to={`/accounts/${a.id}/edit`} leftSection={<IconPencil size={16} aria-hidden />}>
                <FormattedMessage id="action.edit" />
              </Button>
              <AccountDelete account={a} />
            </Group>
          )
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Section title={<FormattedMessage id="account.section.details" />}>
              <Details account={a} />
            </Section>
            <AccountScoreCard accountId={a.id} />
            <Section title={<FormattedMessage id="account.section.monthly" />} icon={<IconChartBar size={18} aria-hidden />}>
              <MonthlySection account={a} />
            </Section>
            <Section title={<FormattedMessage id="account.section.dynamics" />}>
              <AccountDynamicsSection accountId={a.id} />
            </Section>
            <Section title={<FormattedMessage id="account.section.contacts" />}>
              <ContactList accountId={a.id} canEdit={writable} />
            </Section>
            <AccountInteractions account={a} canEdit={writable} />
            <Section title={<FormattedMessage id="account.section.plan" />}>
              <AccountPlan accountId={a.id} canEdit={writable} />
            </Section>
            <Section title={<FormattedMessage id="account.section.reviews" />}>
              <AccountReviews accountId={a.id} canEdit={writable} />
            </Section>
            <Section title={<FormattedMessage id="account.section.opportunities" />}>
              <AccountOpportunities accountId={a.id} currency={a.currency} canEdit={writable} />
            </Section>
            <Section title={<FormattedMessage id="account.section.cases" />}>
              <AccountCases accountId={a.id} canEdit={writable} />
            </Section>
            <Section title={<FormattedMessage id="account.section.transactions" />} icon={<IconReceipt size={18} aria-hidden />}>
              <RecentTransactions accountId={a.id} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <AccountEngagementSide account={a} />
            <Section title={<FormattedMessage id="account.section.health" />}>
              <AccountHealthPanel accountId={a.id} canEdit={writable} />
            </Section>
            <Section title={<FormattedMessage id="account.section.hierarchy" />} icon={<IconHierarchy2 size={18} aria-hidden />}>
              <Hierarchy account={a} />
            </Section>
            <Section title={<FormattedMessage id="account.section.team" />} icon={<IconUsers size={18} aria-hidden />}>
              <AccountTeam account={a} canEdit={writable} />
            </Section>
            <Section title={<FormattedMessage id="account.section.handovers" />}>
              <AccountHandovers account={a} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Section({ title, icon, children }: { title: ReactNode; icon?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section">
      <Group gap={8} mb="md">
        {icon}
        <Title order={2} size="h4">
          {title}
        </Title>
      </Group>
      {children}
    </Card>
  );
}

function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.3 }}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} mt={2}>
        {children}
      </Text>
    </div>
  );
}

function Details({ account: a }: { account: Account }) {
  const fmt = useFormat();
  const score = (v: number | null) => (v === null ? '—' : <FormattedMessage id="account.scoreOf" values={{ score: v, max: 5 }} />);
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3 }} spacing="md" verticalSpacing="md" m={0}>
      <Field label={<FormattedMessage id="account.field.owner" />}>{a.ownerName ?? '—'}</Field>
      <Field label={<FormattedMessage id="account.field.industry" />}>{a.industry ?? '—'}</Field>
      <Field label={<FormattedMessage id="account.field.region" />}>{a.region ?? '—'}</Field>
      <Field label={<FormattedMessage id="account.field.country" />}>{fmt.country(a.country)}</Field>
      <Field label={<FormattedMessage id="account.field.currency" />}>{a.currency}</Field>
      <Field label={<FormattedMessage id="account.field.walletEstimate" />}>{fmt.money(a.walletEstimate, a.currency, { fractionDigits: 0 })}</Field>
      <Field label={<FormattedMessage id="account.field.strategicFit" />}>{score(a.strategicFit)}</Field>
      <Field label={<FormattedMessage id="account.field.referenceValue" />}>{score(a.referenceValue)}</Field>
      <Field label={<FormattedMessage id="account.field.externalId" />}>{a.externalId ?? '—'}</Field>
      <Field label={<FormattedMessage id="account.field.createdAt" />}>{fmt.dateTime(a.createdAt)}</Field>
      <Field label={<FormattedMessage id="account.field.updatedAt" />}>{fmt.dateTime(a.updatedAt)}</Field>
    </SimpleGrid>
  );
}

const MONTHS = 12;

function MonthlySection({ account }: { account: Account }) {
  const fmt = useFormat();
  const recent = useRecentTransactions(account.id);
  // The chart ends at the latest booking (or this month when there is none).
  const latest = recent.data?.items[0]?.bookedOn?.slice(0, 7);
  const to = latest ?? new Date().toISOString().slice(0, 7);
  const from = addMonths(to, -(MONTHS - 1));
  const monthly = useMonthly(account.id, from, to, !recent.isPending);
  if (recent.isPending || monthly.isPending) return <Skeleton height={260} />;
  if (monthly.isError) return <InlineError error={monthly.error} onRetry={() => void monthly.refetch()} />;
  const m = monthly.data;
  if (m.items.length === 0) {
    return <EmptyState icon={<IconChartBar aria-hidden />} title={<FormattedMessage id="account.monthly.empty.title" />} description={<FormattedMessage id="account.monthly.empty.body" />} />;
  }
  const months = Array.from({ length: MONTHS }, (_, i) => addMonths(from, i));
  const revenue = sumDecimals(m.items.map((i) => i.revenue));
  const gp = sumDecimals(m.items.map((i) => i.grossProfit));
  const margin = Number(revenue) !== 0 ? Number(gp) / Number(revenue) : null;
  return (
    <Stack gap="md">
      <SimpleGrid cols={3} spacing="md">
        <Kpi label={<FormattedMessage id="account.monthly.revenue" values={{ months: MONTHS }} />} value={fmt.money(revenue, m.currency, { fractionDigits: 0 })} />
        <Kpi label={<FormattedMessage id="account.monthly.grossProfit" values={{ months: MONTHS }} />} value={fmt.money(gp, m.currency, { fractionDigits: 0 })} />
        <Kpi label={<FormattedMessage id="account.monthly.margin" />} value={margin === null ? '—' : fmt.percent(margin)} />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        <FormattedMessage id="account.monthly.range" values={{ from: fmt.month(from), to: fmt.month(to), currency: m.currency }} />
      </Text>
      <Suspense fallback={<Skeleton height={260} />}>
        <AccountMonthlyChart months={months} monthly={m} />
      </Suspense>
    </Stack>
  );
}

function Kpi({ label, value }: { label: ReactNode; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </div>
  );
}

function RecentTransactions({ accountId }: { accountId: string }) {
  const fmt = useFormat();
  const intl = useIntl();
  const tx = useRecentTransactions(accountId);
  if (tx.isPending) return <CardSkeleton lines={5} />;
  if (tx.isError) return <InlineError error={tx.error} onRetry={() => void tx.refetch()} />;
  if (tx.data.items.length === 0) {
    return <EmptyState icon={<IconReceipt aria-hidden />} title={<FormattedMessage id="account.transactions.empty.title" />} description={<FormattedMessage id="account.transactions.empty.body" />} />;
  }
  const num = { style: { fontVariantNumeric: 'tabular-nums' } as const, ta: 'right' as const };
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" striped aria-label={intl.formatMessage({ id: 'account.section.transactions' })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <FormattedMessage id="transaction.bookedOn" />
            </Table.Th>
            <Table.Th>
              <FormattedMessage id="transaction.product" />
            </Table.Th>
            <Table.Th ta="right">
              <FormattedMessage id="transaction.quantity" />
            </Table.Th>
            <Table.Th ta="right">
              <FormattedMessage id="transaction.amount" />
            </Table.Th>
            <Table.Th ta="right">
              <FormattedMessage id="transaction.grossProfit" />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tx.data.items.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(t.bookedOn)}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={1} title={t.productName ?? undefined}>
                  {t.productName ?? '—'}
                </Text>
                {t.productSku && (
                  <Text size="xs" c="dimmed">
                    {t.productSku}
                  </Text>
                )}
              </Table.Td>
              <Table.Td {...num}>{fmt.number(t.quantity)}</Table.Td>
              <Table.Td {...num}>{fmt.money(t.amount, t.currency)}</Table.Td>
              <Table.Td {...num} c={t.grossProfit.startsWith('-') ? 'red.8' : undefined}>
                {fmt.money(t.grossProfit, t.currency)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Hierarchy({ account }: { account: Account }) {
  const children = useChildAccounts(account.id);
  return (
    <Stack gap="sm">
      <div>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          <FormattedMessage id="account.field.parent" />
        </Text>
        {account.parentId ? (
          <Anchor component={Link} to={`/accounts/${account.parentId}`} size="sm">
            {account.parentName ?? '…'}
          </Anchor>
        ) : (
          <Text size="sm">
            <FormattedMessage id="account.hierarchy.topLevel" />
          </Text>
        )}
      </div>
      <div>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          <FormattedMessage id="account.hierarchy.children" />
        </Text>
        {children.isPending ? (
          <CardSkeleton lines={2} />
        ) : children.isError ? (
          <InlineError error={children.error} onRetry={() => void children.refetch()} />
        ) : children.data.items.length === 0 ? (
          <Text size="sm">
            <FormattedMessage id="account.hierarchy.noChildren" />
          </Text>
        ) : (
          <List size="sm" spacing={4}>
            {children.data.items.map((c) => (
              <List.Item key={c.id}>
                <Anchor component={Link} to={`/accounts/${c.id}`} size="sm">
                  {c.name}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </Stack>
  );
}

/** Soft delete after confirmation (If-Match): the account leaves every list, its history and audit trail stay. */
function AccountDelete({ account }: { account: Account }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const remove = useDeleteAccount(account);
  return (
    <ConfirmButton
      size="sm"
      variant="default"
      leftSection={<IconTrash size={16} aria-hidden />}
      title={<FormattedMessage id="account.delete.title" values={{ name: account.name }} />}
      message={<FormattedMessage id="account.delete.body" />}
      confirmLabel={<FormattedMessage id="account.delete" />}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            notify(intl, intl.formatMessage({ id: 'account.deleted' }, { name: account.name }));
            void navigate('/accounts', { replace: true });
          },
        })
      }
    >
      <FormattedMessage id="account.delete" />
    </ConfirmButton>
  );
}
