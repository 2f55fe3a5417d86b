import { change, margin, money, rate, section, table, type Column, type Kpi, type Section } from './document.ts';
import type { Translate } from './messages.ts';
import type { Period } from './period.ts';

/**
 * Team performance from actuals: each owner's revenue, gross profit and margin for the period
 * against the same period last year, their share of the scope's revenue, and the month-by-month
 * trend. Attainment, performance-plan flags and compensation cost slot in when quotas and pay
 * statements exist.
 */
export interface Owner {
  ownerId: string | null;
  ownerName: string | null;
  accounts: number;
  keyAccounts: number;
}
export interface OwnerMonth {
  ownerId: string | null;
  month: string;
  revenue: string;
  cost: string;
}

export function teamReport(owners: readonly Owner[], months: readonly OwnerMonth[], period: Period, currency: string, t: Translate): { summary: Kpi[]; sections: Section[] } {
  const inPeriod = (m: OwnerMonth) => m.month >= period.from && m.month <= period.to;
  const sumOf = (ownerId: string | null, current: boolean, key: 'revenue' | 'cost') =>
    months.filter((m) => m.ownerId === ownerId && inPeriod(m) === current).reduce((s, m) => s + BigInt(m[key]), 0n);
  const totalRevenue = months.filter(inPeriod).reduce((s, m) => s + BigInt(m.revenue), 0n);
  const totalCost = months.filter(inPeriod).reduce((s, m) => s + BigInt(m.cost), 0n);
  const name = (o: { ownerName: string | null }) => o.ownerName ?? t('label.noOwner');

  const rows = owners
    .map((o) => {
      const revenue = sumOf(o.ownerId, true, 'revenue');
      const cost = sumOf(o.ownerId, true, 'cost');
      const lyRevenue = sumOf(o.ownerId, false, 'revenue');
      const lyCost = sumOf(o.ownerId, false, 'cost');
      return {
        person: name(o), accounts: o.accounts, keyAccounts: o.keyAccounts,
        revenue: money(revenue, currency), grossProfit: money(revenue - cost, currency), margin: margin(revenue, cost),
        lyRevenue: money(lyRevenue, currency), lyGrossProfit: money(lyRevenue - lyCost, currency), change: change(revenue, lyRevenue),
        share: rate(revenue, totalRevenue), sortKey: revenue,
      };
    })
    .sort((a, b) => (a.sortKey > b.sortKey ? -1 : a.sortKey < b.sortKey ? 1 : a.person.localeCompare(b.person)))
    .map(({ sortKey: _sortKey, ...row }) => row);
  const columns: Column[] = [
    { key: 'person', label: t('col.person'), type: 'text' },
    { key: 'accounts', label: t('col.accounts'), type: 'integer' },
    { key: 'keyAccounts', label: t('col.keyAccounts'), type: 'integer' },
    { key: 'revenue', label: t('col.revenue'), type: 'money' },
    { key: 'grossProfit', label: t('col.grossProfit'), type: 'money' },
    { key: 'margin', label: t('col.margin'), type: 'rate' },
    { key: 'lyRevenue', label: t('col.lyRevenue'), type: 'money' },
    { key: 'lyGrossProfit', label: t('col.lyGrossProfit'), type: 'money' },
    { key: 'change', label: t('col.change'), type: 'rate' },
    { key: 'share', label: t('col.revenueShare'), type: 'rate' },
  ];

  const trendRows = owners.flatMap((o) =>
    period.months.map((month) => {
      const m = months.find((x) => x.ownerId === o.ownerId && x.month === month);
      const revenue = m?.revenue ?? '0';
      const cost = m?.cost ?? '0';
      return { person: name(o), month, revenue: money(revenue, currency), grossProfit: money(BigInt(revenue) - BigInt(cost), currency), margin: margin(revenue, cost) };
    }),
  );
  const trendColumns: Column[] = [
    { key: 'person', label: t('col.person'), type: 'text' },
    { key: 'month', label: t('col.month'), type: 'month' },
    { key: 'revenue', label: t('col.revenue'), type: 'money' },
    { key: 'grossProfit', label: t('col.grossProfit'), type: 'money' },
    { key: 'margin', label: t('col.margin'), type: 'rate' },
  ];
  return {
    summary: [
      { key: 'people', label: t('kpi.people'), type: 'integer', value: owners.filter((o) => o.ownerId !== null).length },
      { key: 'revenue', label: t('col.revenue'), type: 'money', value: money(totalRevenue, currency) },
      { key: 'grossProfit', label: t('col.grossProfit'), type: 'money', value: money(totalRevenue - totalCost, currency) },
      { key: 'margin', label: t('col.margin'), type: 'rate', value: margin(totalRevenue, totalCost) },
    ],
    sections: [section('people', t('section.people'), table('people', null, columns, rows)), section('trend', t('section.trend'), table('trend', null, trendColumns, trendRows))],
  };
}
