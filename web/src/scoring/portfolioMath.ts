import type { PortfolioItem, Tier } from './scoringApi';

/** Revenue per tier and each tier's share of the total (null when there is no positive total). */
export function tierRevenueShares(items: readonly Pick<PortfolioItem, 'tier' | 'revenue'>[]) {
  const revenue: Record<Tier, number> = { key: 0, strategic: 0, maintain: 0, develop: 0 };
  for (const i of items) revenue[i.tier] += i.revenue;
  const total = Object.values(revenue).reduce((a, b) => a + b, 0);
  const share = Object.fromEntries(Object.entries(revenue).map(([t, r]) => [t, total > 0 ? r / total : null])) as Record<Tier, number | null>;
  return { revenue, share, total };
}

export interface ParetoMember extends PortfolioItem {
  /** Share of total positive gross profit up to and including this account (0–1). */
  cumulative: number;
}

/**
 * The cumulative share of positive gross profit by account, biggest first: the points of the
 * curve (rank → percent) and the Pareto members (the server's set, in the same order).
 */
export function paretoCurve(items: readonly PortfolioItem[], paretoIds: readonly string[]) {
  const positive = items.filter((i) => i.grossProfit > 0).sort((a, b) => b.grossProfit - a.grossProfit || a.name.localeCompare(b.name));
  const totalGrossProfit = positive.reduce((s, i) => s + i.grossProfit, 0);
  let running = 0;
  const cumulativeById = new Map<string, number>();
  const points = positive.map((i, index) => {
    running += i.grossProfit;
    const cumulative = totalGrossProfit > 0 ? running / totalGrossProfit : 0;
    cumulativeById.set(i.accountId, cumulative);
    return { rank: index + 1, cumulative: Math.round(cumulative * 1000) / 10 };
  });
  const ids = new Set(paretoIds);
  const members: ParetoMember[] = positive.filter((i) => ids.has(i.accountId)).map((i) => ({ ...i, cumulative: cumulativeById.get(i.accountId) ?? 0 }));
  return { points, members, totalGrossProfit };
}
