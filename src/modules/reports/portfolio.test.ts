import { describe, expect, it } from 'vitest';
import { paretoCurve } from './portfolio.ts';

describe('Pareto curve of gross profit', () => {
  it('sorts by gross profit and accumulates its share; finds the accounts making 80 %', () => {
    const curve = paretoCurve([100n, 500n, 300n, 100n]);
    expect(curve.points).toEqual([
      { rank: 1, accountShare: '0.2500', cumulativeShare: '0.5000' },
      { rank: 2, accountShare: '0.5000', cumulativeShare: '0.8000' },
      { rank: 3, accountShare: '0.7500', cumulativeShare: '0.9000' },
      { rank: 4, accountShare: '1.0000', cumulativeShare: '1.0000' },
    ]);
    expect(curve.accountsFor80).toBe(2);
  });

  it('keeps at most 100 points for large portfolios and handles no profit at all', () => {
    const large = paretoCurve(Array.from({ length: 1000 }, (_, i) => BigInt(i)));
    expect(large.points).toHaveLength(100);
    expect(large.points[99]).toEqual({ rank: 1000, accountShare: '1.0000', cumulativeShare: '1.0000' });
    expect(paretoCurve([0n, 0n])).toEqual({ points: [{ rank: 1, accountShare: '0.5000', cumulativeShare: null }, { rank: 2, accountShare: '1.0000', cumulativeShare: null }], accountsFor80: null });
    expect(paretoCurve([])).toEqual({ points: [], accountsFor80: null });
  });
});
