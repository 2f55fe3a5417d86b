import { margin, money, rate, section, table, type Cell, type Column, type Kpi, type Section } from './document.ts';
import type { Translate } from './messages.ts';
import { TIERS } from './scope.ts';

/**
 * The key-account portfolio: every account of the scope on the attractiveness × strength matrix
 * (from the current scores), tier counts and each tier's share of the period's revenue and gross
 * profit, the Pareto curve of gross profit, and the tier moves within the period.
 */
export interface PortfolioAccount {
  id: string;
  name: string;
  ownerName: string | null;
  region: string | null;
  tier: string | null;
  score: number | null;
  attractiveness: number | null;
  strength: number | null;
  revenue: string;
  cost: string;
}
export interface TierMove {
  name: string;
  fromTier: string | null;
  toTier: string;
  at: string;
}

export interface ParetoPoint {
  rank: number;
  accountShare: string;
  cumulativeShare: string | null;
}

/** Accounts by gross profit, largest first, with the running share of the total; at most ~100 points. */
export function paretoCurve(grossProfits: readonly bigint[]): { points: ParetoPoint[]; accountsFor80: number | null } {
  const sorted = [...grossProfits].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  const total = sorted.reduce((sum, g) => sum + g, 0n);
  const n = sorted.length;
  const ranks = n <= 100 ? sorted.map((_, i) => i + 1) : Array.from({ length: 100 }, (_, p) => Math.ceil((n * (p + 1)) / 100));
  let running = 0n;
  let accountsFor80: number | null = null;
  const cumulative: bigint[] = sorted.map((g, i) => {
    running += g;
    if (accountsFor80 === null && total > 0n && running * 10n >= total * 8n) accountsFor80 = i + 1;
    return running;
  });
  const points = [...new Set(ranks)].map((rank) => ({ rank, accountShare: rate(BigInt(rank), BigInt(n))!, cumulativeShare: rate(cumulative[rank - 1]!, total) }));
  return { points, accountsFor80 };
}

const tierLabel = (tier: string | null, t: Translate): string | null => (tier ? t(`tier.${tier}` as Parameters<Translate>[0]) : null);

export function portfolioReport(accounts: readonly PortfolioAccount[], moves: readonly TierMove[], currency: string, t: Translate): { summary: Kpi[]; sections: Section[] } {
  const gpOf = (a: PortfolioAccount): bigint => BigInt(a.revenue) - BigInt(a.cost);
  const totalRevenue = accounts.reduce((s, a) => s + BigInt(a.revenue), 0n);
  const totalGp = accounts.reduce((s, a) => s + gpOf(a), 0n);
  const pareto = paretoCurve(accounts.map(gpOf));

  const matrixColumns: Column[] = [
    { key: 'account', label: t('col.account'), type: 'text' },
    { key: 'owner', label: t('col.owner'), type: 'text' },
    { key: 'region', label: t('col.region'), type: 'text' },
    { key: 'tier', label: t('col.tier'), type: 'text' },
    { key: 'score', label: t('col.score'), type: 'number' },
    { key: 'attractiveness', label: t('col.attractiveness'), type: 'number' },
    { key: 'strength', label: t('col.strength'), type: 'number' },
    { key: 'revenue', label: t('col.revenue'), type: 'money' },
    { key: 'grossProfit', label: t('col.grossProfit'), type: 'money' },
    { key: 'margin', label: t('col.margin'), type: 'rate' },
  ];
  const matrixRows = [...accounts]
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name))
    .map((a) => ({
      account: a.name, owner: a.ownerName, region: a.region, tier: tierLabel(a.tier, t), tierKey: a.tier,
      score: a.score, attractiveness: a.attractiveness, strength: a.strength,
      revenue: money(a.revenue, currency), grossProfit: money(gpOf(a), currency), margin: margin(a.revenue, a.cost),
    }));

  const tierRows: Record<string, Cell>[] = TIERS.map((tier) => {
    const members = accounts.filter((a) => a.tier === tier);
    const revenue = members.reduce((s, a) => s + BigInt(a.revenue), 0n);
    const gp = members.reduce((s, a) => s + gpOf(a), 0n);
    return { tier: tierLabel(tier, t), tierKey: tier, accounts: members.length, revenue: money(revenue, currency), revenueShare: rate(revenue, totalRevenue), grossProfit: money(gp, currency), grossProfitShare: rate(gp, totalGp) };
  });
  const tierColumns: Column[] = [
    { key: 'tier', label: t('col.tier'), type: 'text' },
    { key: 'accounts', label: t('col.accounts'), type: 'integer' },
    { key: 'revenue', label: t('col.revenue'), type: 'money' },
    { key: 'revenueShare', label: t('col.revenueShare'), type: 'rate' },
    { key: 'grossProfit', label: t('col.grossProfit'), type: 'money' },
    { key: 'grossProfitShare', label: t('col.share'), type: 'rate' },
  ];
  const paretoColumns: Column[] = [
    { key: 'rank', label: t('col.accounts'), type: 'integer' },
    { key: 'accountShare', label: t('col.accountShare'), type: 'rate' },
    { key: 'cumulativeShare', label: t('col.cumulativeShare'), type: 'rate' },
  ];
  const moveColumns: Column[] = [
    { key: 'date', label: t('col.date'), type: 'date' },
    { key: 'account', label: t('col.account'), type: 'text' },
    { key: 'fromTier', label: t('col.fromTier'), type: 'text' },
    { key: 'toTier', label: t('col.toTier'), type: 'text' },
  ];
  const moveRows = moves.map((m) => ({ date: m.at, account: m.name, fromTier: tierLabel(m.fromTier, t), toTier: tierLabel(m.toTier, t) }));

  return {
    summary: [
      { key: 'scored', label: t('kpi.scored'), type: 'integer', value: accounts.filter((a) => a.tier !== null).length },
      { key: 'keyAccounts', label: t('col.keyAccounts'), type: 'integer', value: accounts.filter((a) => a.tier === 'key').length },
      { key: 'revenue', label: t('col.revenue'), type: 'money', value: money(totalRevenue, currency) },
      { key: 'grossProfit', label: t('col.grossProfit'), type: 'money', value: money(totalGp, currency) },
      { key: 'pareto80', label: t('kpi.pareto80'), type: 'integer', value: pareto.accountsFor80 },
    ],
    sections: [
      section('tiers', t('section.tiers'), table('tiers', null, tierColumns, tierRows)),
      section('matrix', t('section.matrix'), table('matrix', null, matrixColumns, matrixRows)),
      section('pareto', t('section.pareto'), table('pareto', null, paretoColumns, pareto.points.map((p) => ({ ...p })))),
      section('tierMoves', t('section.tierMoves'), table('tierMoves', null, moveColumns, moveRows)),
    ],
  };
}
