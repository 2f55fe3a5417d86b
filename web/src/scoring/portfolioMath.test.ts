import { describe, expect, it } from 'vitest';
import { paretoCurve, tierRevenueShares } from './portfolioMath';
import type { PortfolioItem } from './scoringApi';

const item = (accountId: string, tier: PortfolioItem['tier'], revenue: number, grossProfit: number): PortfolioItem => ({
  accountId, name: accountId, tier, revenue, grossProfit, attractiveness: 50, strength: 50, score: 50,
});

describe('portfolio figures', () => {
  it('shares revenue by tier', () => {
    const s = tierRevenueShares([item('a', 'key', 600, 0), item('b', 'key', 200, 0), item('c', 'develop', 200, 0)]);
    expect(s.revenue).toEqual({ key: 800, strategic: 0, maintain: 0, develop: 200 });
    expect(s.share.key).toBeCloseTo(0.8);
    expect(s.share.strategic).toBe(0);
  });
  it('has no shares without revenue', () => {
    expect(tierRevenueShares([]).share.key).toBeNull();
  });
  it('builds the cumulative curve, biggest first, leaving out losses', () => {
    const items = [item('small', 'develop', 0, 10), item('big', 'key', 0, 70), item('loss', 'develop', 0, -5), item('mid', 'maintain', 0, 20)];
    const c = paretoCurve(items, ['big', 'mid']);
    expect(c.totalGrossProfit).toBe(100);
    expect(c.points).toEqual([{ rank: 1, cumulative: 70 }, { rank: 2, cumulative: 90 }, { rank: 3, cumulative: 100 }]);
    expect(c.members.map((m) => [m.accountId, m.cumulative])).toEqual([['big', 0.7], ['mid', 0.9]]);
  });
});
