import { Anchor, Autocomplete, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconSearch, IconStars } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useUsers } from '../accounts/accountApi';
import { useCurrentUser } from '../auth/session';
import type { MessageId } from '../common/labels';
import { PageHeader } from '../common/PageHeader';
import { EmptyState, ErrorState, TableSkeletonRows } from '../common/states';
import { useCursorPaging } from '../common/useCursorPaging';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { TIERS, useRanking, type RankingQuery, type Tier } from './scoringApi';
import { formatScore, TierBadge, tierLabel } from './scoringLabels';

const PAGE_SIZE = 50;

function isTier(value: string | null): value is Tier {
  return value !== null && (TIERS as readonly string[]).includes(value);
}

/** Key accounts: every account I can see by descending score, with its tier and trailing-12-month figures. */
export default function KeyAccounts() {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const fmt = useFormat();
  const me = useCurrentUser();
  const navigate = useNavigate();
  usePageTitle('nav.keyAccounts');

  const [params, setParams] = useSearchParams();
  const tier = isTier(params.get('tier')) ? (params.get('tier') as Tier) : undefined;
  const ownerId = params.get('owner') ?? undefined;
  const region = params.get('region') ?? '';
  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const [regionInput, setRegionInput] = useState(region);
  const [debouncedRegion] = useDebouncedValue(regionInput.trim(), 300);
  useEffect(() => {
    if (debouncedRegion !== region) setParam('region', debouncedRegion || undefined);
  }, [debouncedRegion]);

  const filterKey = JSON.stringify([tier, ownerId, region]);
  const { cursor, page, next, previous } = useCursorPaging(filterKey);
  const query: RankingQuery = { limit: PAGE_SIZE, ...(tier ? { tier } : {}), ...(ownerId ? { ownerId } : {}), ...(region ? { region } : {}), ...(cursor ? { cursor } : {}) };
  const ranking = useRanking(query);
  const users = useUsers();

  const ownerOptions = useMemo(() => {
    const others = (users.data?.items ?? []).filter((u) => u.id !== me.id && u.role !== 'viewer').map((u) => ({ value: u.id, label: u.name }));
    return [{ value: me.id, label: t('accounts.filter.owner.me') }, ...others];
  }, [users.data, me.id, intl]);

  // Regions offered as suggestions: the ones on the page plus what was typed (the API filters on the exact region).
  const [seenRegions, setSeenRegions] = useState<string[]>([]);
  useEffect(() => {
    const found = (ranking.data?.items ?? []).map((i) => i.region).filter((r): r is string => !!r);
    if (found.some((r) => !seenRegions.includes(r))) setSeenRegions((s) => [...new Set([...s, ...found])].sort((a, b) => a.localeCompare(b, fmt.locale)));
  }, [ranking.data]);

  const items = ranking.data?.items ?? [];
  const filtered = Boolean(tier || ownerId || region);
  const rank0 = (page - 1) * PAGE_SIZE;
  const money = (v: number | null) => fmt.money(v === null ? null : String(v), me.orgCurrency, { fractionDigits: 0 });
  const num = { ta: 'right' as const, style: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const };

  return (
    <>
      <PageHeader
        title={<FormattedMessage id="nav.keyAccounts" />}
        actions={
          <Button component={Link} to="/portfolio" variant="default">
            <FormattedMessage id="scoring.ranking.toPortfolio" />
          </Button>
        }
      />
      <Paper withBorder p="md" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('scoring.field.tier')}
            placeholder={t('scoring.filter.anyTier')}
            clearable
            data={TIERS.map((v) => ({ value: v, label: t(tierLabel[v]) }))}
            value={tier ?? null}
            onChange={(v) => setParam('tier', v ?? undefined)}
            w={170}
          />
          <Select
            label={t('account.field.owner')}
            placeholder={t('accounts.filter.anyOwner')}
            clearable
            searchable
            data={ownerOptions}
            value={ownerId ?? null}
            onChange={(v) => setParam('owner', v ?? undefined)}
            nothingFoundMessage={t('picker.nothingFound')}
            w={200}
          />
          <Autocomplete
            label={t('account.field.region')}
            placeholder={t('scoring.filter.anyRegion')}
            data={seenRegions}
            value={regionInput}
            onChange={setRegionInput}
            clearable
            w={200}
          />
          {filtered && (
            <Button variant="subtle" onClick={() => { setRegionInput(''); setParams({}, { replace: true }); }}>
              <FormattedMessage id="accounts.filter.clear" />
            </Button>
          )}
        </Group>
      </Paper>

      {ranking.isError && !ranking.data ? (
        <ErrorState error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={900}>
            <Table highlightOnHover verticalSpacing="sm" aria-busy={ranking.isFetching} aria-label={t('nav.keyAccounts')} data-testid="ranking-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th ta="right" w={56}>
                    <FormattedMessage id="scoring.field.rank" />
                  </Table.Th>
                  <Table.Th>
                    <FormattedMessage id="account.field.name" />
                  </Table.Th>
                  <Table.Th>
                    <FormattedMessage id="scoring.field.tier" />
                  </Table.Th>
                  <Table.Th ta="right" aria-sort="descending">
                    <FormattedMessage id="scoring.field.score" />
                  </Table.Th>
                  <Table.Th ta="right">
                    <FormattedMessage id="scoring.axis.attractiveness" />
                  </Table.Th>
                  <Table.Th ta="right">
                    <FormattedMessage id="scoring.axis.strength" />
                  </Table.Th>
                  <Table.Th ta="right">
                    <FormattedMessage id="scoring.field.revenue12" />
                  </Table.Th>
                  <Table.Th ta="right">
                    <FormattedMessage id="scoring.field.grossProfit12" />
                  </Table.Th>
                  <Table.Th>
                    <FormattedMessage id="account.field.owner" />
                  </Table.Th>
                  <Table.Th>
                    <FormattedMessage id="account.field.region" />
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ranking.isPending ? (
                  <TableSkeletonRows columns={10} />
                ) : (
                  items.map((a, i) => (
                    <Table.Tr key={a.accountId} className="patron-row-link" onClick={() => void navigate(`/accounts/${a.accountId}`)} data-testid="ranking-row">
                      <Table.Td {...num} c="dimmed">
                        {fmt.number(rank0 + i + 1)}
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/accounts/${a.accountId}`} fw={600} onClick={(e) => e.stopPropagation()}>
                          {a.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <TierBadge tier={a.tier} />
                      </Table.Td>
                      <Table.Td {...num} fw={700}>
                        {formatScore(fmt, a.score)}
                      </Table.Td>
                      <Table.Td {...num}>{formatScore(fmt, a.attractiveness)}</Table.Td>
                      <Table.Td {...num}>{formatScore(fmt, a.strength)}</Table.Td>
                      <Table.Td {...num}>{money(a.revenue)}</Table.Td>
                      <Table.Td {...num} c={a.grossProfit !== null && a.grossProfit < 0 ? 'red.8' : undefined}>
                        {money(a.grossProfit)}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.ownerName ?? '—'}</Table.Td>
                      <Table.Td>{a.region ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!ranking.isPending &&
            items.length === 0 &&
            (filtered ? (
              <EmptyState
                icon={<IconSearch aria-hidden />}
                title={<FormattedMessage id="accounts.empty.filtered.title" />}
                description={<FormattedMessage id="accounts.empty.filtered.body" />}
                action={
                  <Button variant="default" onClick={() => { setRegionInput(''); setParams({}, { replace: true }); }}>
                    <FormattedMessage id="accounts.filter.clear" />
                  </Button>
                }
              />
            ) : (
              <EmptyState icon={<IconStars aria-hidden />} title={<FormattedMessage id="scoring.empty.title" />} description={<FormattedMessage id="scoring.empty.body" />} />
            ))}
          <Group justify="space-between" p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Text size="sm" c="dimmed" aria-live="polite">
              <FormattedMessage id="accounts.paging.summary" values={{ page, count: items.length }} />
            </Text>
            <Group gap="xs">
              <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} aria-hidden />} disabled={page <= 1 || ranking.isFetching} onClick={previous}>
                <FormattedMessage id="paging.previous" />
              </Button>
              <Button
                variant="default"
                size="xs"
                rightSection={<IconChevronRight size={14} aria-hidden />}
                disabled={!ranking.data?.nextCursor || ranking.isFetching}
                onClick={() => ranking.data?.nextCursor && next(ranking.data.nextCursor)}
              >
                <FormattedMessage id="paging.next" />
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
    </>
  );
}
