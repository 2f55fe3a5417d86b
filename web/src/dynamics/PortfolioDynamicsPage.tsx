import { Card, Checkbox, Group, Select, Skeleton, TextInput } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../auth/session';
import { PageHeader } from '../common/PageHeader';
import { ErrorState } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { tierLabel } from '../scoring/scoringLabels';
import { usePortfolioDynamics, type PortfolioQuery } from './dynamicsApi';

const DynamicsCharts = lazy(() => import('./DynamicsCharts'));
const TIERS = ['key', 'strategic', 'develop', 'maintain'] as const;

/** Dynamics of a portfolio: the accounts I can see, of mine only, a region and/or a tier. */
export default function PortfolioDynamicsPage() {
  usePageTitle('dynamics.portfolio.title');
  const intl = useIntl();
  const fmt = useFormat();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const query: PortfolioQuery = {
    years: Number(params.get('years') ?? 3),
    ...(params.get('mine') === 'true' ? { owner: me.id } : {}),
    ...(params.get('region') ? { region: params.get('region')! } : {}),
    ...(params.get('tier') ? { tier: params.get('tier') as PortfolioQuery['tier'] } : {}),
  };
  const dynamics = usePortfolioDynamics(query);
  return (
    <>
      <PageHeader title={<FormattedMessage id="dynamics.portfolio.title" />} />
      <Card withBorder padding="md" mb="md">
        <Group gap="md" align="flex-end">
          <Select label={intl.formatMessage({ id: 'dynamics.years' })} data={['1', '3', '5'].map((y) => ({ value: y, label: intl.formatMessage({ id: 'dynamics.yearsOption' }, { years: Number(y) }) }))} value={String(query.years)} onChange={(v) => set('years', v)} allowDeselect={false} w={140} />
          <TextInput label={intl.formatMessage({ id: 'dynamics.region' })} defaultValue={params.get('region') ?? ''} onBlur={(e) => set('region', e.currentTarget.value.trim())} onKeyDown={(e) => e.key === 'Enter' && set('region', e.currentTarget.value.trim())} w={180} />
          <Select label={intl.formatMessage({ id: 'dynamics.tier' })} placeholder={intl.formatMessage({ id: 'opportunity.filter.any' })} data={TIERS.map((t) => ({ value: t, label: intl.formatMessage({ id: tierLabel[t] }) }))} value={params.get('tier')} onChange={(v) => set('tier', v)} clearable w={170} />
          <Checkbox label={intl.formatMessage({ id: 'opportunity.filter.mine' })} checked={params.get('mine') === 'true'} onChange={(e) => set('mine', e.currentTarget.checked ? 'true' : null)} mb={8} />
        </Group>
      </Card>
      {dynamics.isError ? (
        <ErrorState error={dynamics.error} onRetry={() => void dynamics.refetch()} />
      ) : dynamics.isPending ? (
        <Skeleton height={320} />
      ) : (
        <Card withBorder padding="lg">
          <Card.Section inheritPadding py="xs"><FormattedMessage id="dynamics.portfolio.accounts" values={{ count: dynamics.data.accounts, formatted: fmt.number(dynamics.data.accounts) }} /></Card.Section>
          <Suspense fallback={<Skeleton height={320} />}>
            <DynamicsCharts d={dynamics.data} />
          </Suspense>
        </Card>
      )}
    </>
  );
}
