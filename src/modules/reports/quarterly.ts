import { change, margin, money, rate, section, table, type Cell, type Column, type Kpi, type Section } from './document.ts';
import type { Translate } from './messages.ts';
import type { Period } from './period.ts';

/**
 * Quarterly results from the rollup figures of a quarter and the same quarter a year earlier.
 * Account movement compares the two quarters: new (no revenue then, revenue now), lost (revenue
 * then, none now), grown / shrunk / unchanged (revenue in both).
 */
export interface Sums {
  revenue: string;
  cost: string;
  lyRevenue: string;
  lyCost: string;
}
export type MovementClass = 'new' | 'grown' | 'shrunk' | 'lost' | 'unchanged';
export interface QuarterlyInput {
  totals: Sums & { accounts: number; lyAccounts: number };
  months: { month: string; revenue: string; cost: string }[];
  top: (Sums & { id: string; name: string; ownerId: string | null })[];
  owners: (Sums & { ownerId: string | null; ownerName: string | null; accounts: number })[];
  movement: { class: MovementClass; accounts: number; revenue: string; lyRevenue: string }[];
  families: (Sums & { family: string })[];
}

export const MOVEMENT_CLASSES: readonly MovementClass[] = ['new', 'grown', 'shrunk', 'lost', 'unchanged'];

const gp = (s: { revenue: string; cost: string }): bigint => BigInt(s.revenue) - BigInt(s.cost);
const lyGp = (s: Sums): bigint => BigInt(s.lyRevenue) - BigInt(s.lyCost);

/** The money columns every "this quarter vs the same quarter last year" table shares. */
function figureColumns(t: Translate): Column[] {
  return [
    { key: 'revenue', label: t('col.revenue'), type: 'money' },
    { key: 'grossProfit', label: t('col.grossProfit'), type: 'money' },
    { key: 'margin', label: t('col.margin'), type: 'rate' },
    { key: 'lyRevenue', label: t('col.lyRevenue'), type: 'money' },
    { key: 'lyGrossProfit', label: t('col.lyGrossProfit'), type: 'money' },
    { key: 'change', label: t('col.change'), type: 'rate' },
  ];
}

function figures(s: Sums, currency: string): Record<string, Cell> {
  return {
    revenue: money(s.revenue, currency),
    grossProfit: money(gp(s), currency),
    margin: margin(s.revenue, s.cost),
    lyRevenue: money(s.lyRevenue, currency),
    lyGrossProfit: money(lyGp(s), currency),
    change: change(s.revenue, s.lyRevenue),
  };
}

export function quarterlySummary(input: QuarterlyInput, currency: string, t: Translate): Kpi[] {
  const s = input.totals;
  return [
    { key: 'revenue', label: t('col.revenue'), type: 'money', value: money(s.revenue, currency) },
    { key: 'grossProfit', label: t('col.grossProfit'), type: 'money', value: money(gp(s), currency) },
    { key: 'margin', label: t('col.margin'), type: 'rate', value: margin(s.revenue, s.cost) },
    { key: 'lyRevenue', label: t('col.lyRevenue'), type: 'money', value: money(s.lyRevenue, currency) },
    { key: 'lyGrossProfit', label: t('col.lyGrossProfit'), type: 'money', value: money(lyGp(s), currency) },
    { key: 'revenueChange', label: t('kpi.revenueChange'), type: 'rate', value: change(s.revenue, s.lyRevenue) },
    { key: 'accounts', label: t('kpi.accounts'), type: 'integer', value: s.accounts },
  ];
}

/** Month i of the quarter beside month i of the same quarter last year. */
function byMonth(input: QuarterlyInput, period: Period, previous: Period, currency: string, t: Translate): Section {
  const find = (month: string) => input.months.find((m) => m.month === month) ?? { month, revenue: '0', cost: '0' };
  const rows = period.months.map((month, i) => {
    const now = find(month);
    const then = find(previous.months[i]!);
    return { month, ...figures({ revenue: now.revenue, cost: now.cost, lyRevenue: then.revenue, lyCost: then.cost }, currency) };
  });
  return section('byMonth', t('section.byMonth'), table('byMonth', null, [{ key: 'month', label: t('col.month'), type: 'month' }, ...figureColumns(t)], rows));
}

/** The top accounts by revenue, then one row for all the others (the totals minus the top). */
function byAccount(input: QuarterlyInput, currency: string, ownerNames: Map<string, string>, t: Translate): Section {
  const rows: Record<string, Cell>[] = input.top.map((a, i) => ({ rank: i + 1, account: a.name, owner: a.ownerId ? (ownerNames.get(a.ownerId) ?? null) : null, ...figures(a, currency) }));
  const sum = (key: keyof Sums) => input.top.reduce((total, a) => total + BigInt(a[key]), 0n);
  const restSums: Sums = {
    revenue: String(BigInt(input.totals.revenue) - sum('revenue')),
    cost: String(BigInt(input.totals.cost) - sum('cost')),
    lyRevenue: String(BigInt(input.totals.lyRevenue) - sum('lyRevenue')),
    lyCost: String(BigInt(input.totals.lyCost) - sum('lyCost')),
  };
  const restCount = Math.max(0, input.totals.accounts - input.top.length);
  rows.push({ rank: null, account: t('label.rest', { count: restCount }), owner: null, ...figures(restSums, currency) });
  rows.push({ rank: null, account: t('label.total'), owner: null, ...figures(input.totals, currency) });
  const columns: Column[] = [
    { key: 'rank', label: t('col.rank'), type: 'integer' },
    { key: 'account', label: t('col.account'), type: 'text' },
    { key: 'owner', label: t('col.owner'), type: 'text' },
    ...figureColumns(t),
  ];
  return section('byAccount', t('section.byAccount'), table('byAccount', null, columns, rows));
}

function byFamily(input: QuarterlyInput, currency: string, t: Translate): Section {
  const rows = input.families.map((f) => ({
    family: f.family === '' ? t('label.noFamily') : f.family,
    ...figures(f, currency),
    share: rate(f.revenue, input.totals.revenue),
  }));
  const columns: Column[] = [{ key: 'family', label: t('col.family'), type: 'text' }, ...figureColumns(t), { key: 'share', label: t('col.revenueShare'), type: 'rate' }];
  return section('byFamily', t('section.byFamily'), table('byFamily', null, columns, rows));
}

function byOwner(input: QuarterlyInput, currency: string, t: Translate): Section {
  const rows = input.owners.map((o) => ({ owner: o.ownerName ?? t('label.noOwner'), accounts: o.accounts, ...figures(o, currency) }));
  const columns: Column[] = [{ key: 'owner', label: t('col.owner'), type: 'text' }, { key: 'accounts', label: t('col.accounts'), type: 'integer' }, ...figureColumns(t)];
  return section('byOwner', t('section.byOwner'), table('byOwner', null, columns, rows));
}

function movement(input: QuarterlyInput, currency: string, t: Translate): Section {
  const rows = MOVEMENT_CLASSES.map((c) => {
    const found = input.movement.find((m) => m.class === c) ?? { accounts: 0, revenue: '0', lyRevenue: '0' };
    return {
      class: t(`class.${c}`),
      accounts: Number(found.accounts),
      revenue: money(found.revenue, currency),
      lyRevenue: money(found.lyRevenue, currency),
      difference: money(BigInt(found.revenue) - BigInt(found.lyRevenue), currency),
    };
  });
  const columns: Column[] = [
    { key: 'class', label: t('col.class'), type: 'text' },
    { key: 'accounts', label: t('col.accounts'), type: 'integer' },
    { key: 'revenue', label: t('col.revenue'), type: 'money' },
    { key: 'lyRevenue', label: t('col.lyRevenue'), type: 'money' },
    { key: 'difference', label: t('col.change'), type: 'money' },
  ];
  return section('movement', t('section.movement'), table('movement', null, columns, rows));
}

export function quarterlySections(input: QuarterlyInput, period: Period, previous: Period, currency: string, t: Translate): Section[] {
  const ownerNames = new Map(input.owners.filter((o) => o.ownerId && o.ownerName).map((o) => [o.ownerId!, o.ownerName!]));
  return [
    byMonth(input, period, previous, currency, t),
    byAccount(input, currency, ownerNames, t),
    byFamily(input, currency, t),
    byOwner(input, currency, t),
    movement(input, currency, t),
  ];
}
