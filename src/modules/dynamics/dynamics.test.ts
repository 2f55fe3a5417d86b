import { describe, expect, it } from 'vitest';
import { change, fillMonths, leastSquaresSlope, productMix, seasonalNaiveForecast, shareOfWallet, toQuarters, trailingTrend, withYearOverYear, type MonthFigures } from './dynamics.ts';

const m = (month: string, revenue: number, cost = 0): MonthFigures => ({ month, revenue: BigInt(revenue), cost: BigInt(cost) });

describe('months and quarters', () => {
  it('fills gaps with zeros across a year end', () => {
    expect(fillMonths([m('2025-11', 5), m('2026-02', 7)], '2025-11', '2026-02').map((x) => [x.month, x.revenue])).toEqual([
      ['2025-11', 5n], ['2025-12', 0n], ['2026-01', 0n], ['2026-02', 7n],
    ]);
  });

  it('sums months into calendar quarters', () => {
    const quarters = toQuarters(fillMonths([m('2026-01', 1, 1), m('2026-03', 2), m('2026-04', 10, 4)], '2026-01', '2026-06'));
    expect(quarters).toEqual([m('2026-Q1', 3, 1), m('2026-Q2', 10, 4)]);
  });

  it('computes gross profit, margin and change against a year earlier', () => {
    const periods = withYearOverYear([m('2025-Q1', 100, 60), m('2025-Q2', 0), m('2025-Q3', 50, 10), m('2025-Q4', 80, 40), m('2026-Q1', 150, 75), m('2026-Q2', 20, 5)], 4);
    expect(periods[0]).toEqual({ period: '2025-Q1', revenue: 100n, grossProfit: 40n, margin: 0.4, revenueYoy: null, grossProfitYoy: null });
    expect(periods[4]).toEqual({ period: '2026-Q1', revenue: 150n, grossProfit: 75n, margin: 0.5, revenueYoy: 0.5, grossProfitYoy: 0.875 });
    expect(periods[5]).toMatchObject({ revenueYoy: null, margin: 0.75 }); // a year earlier had no revenue
    expect(periods[1]!.margin).toBeNull();
  });

  it('change is relative to the absolute earlier value', () => {
    expect(change(50n, -100n)).toBe(1.5);
    expect(change(5n, 0n)).toBeNull();
    expect(change(1n, 3n)).toBe(-0.6667);
  });
});

describe('trend', () => {
  it('least squares slope of a line is its slope; of a constant zero', () => {
    expect(leastSquaresSlope([1, 3, 5, 7])).toBe(2);
    expect(leastSquaresSlope([4, 4, 4])).toBe(0);
    expect(leastSquaresSlope([5])).toBe(0);
    expect(leastSquaresSlope([2, 0, 4])).toBeCloseTo(1, 10); // x̄=1, ȳ=2: Σ(x−x̄)(y−ȳ)=2, Σ(x−x̄)²=2
  });

  it('uses the trailing 12 months only and calls ±1 % flat', () => {
    const older = Array.from({ length: 6 }, (_, i) => m(`2024-${String(i + 1).padStart(2, '0')}`, 1_000_000));
    const rising = Array.from({ length: 12 }, (_, i) => m(`2025-${String(i + 1).padStart(2, '0')}`, 1000 + 100 * i)); // mean 1550, slope 100
    const trend = trailingTrend([...older, ...rising]);
    expect(trend).toEqual({ slopePerMonth: 100n, relativeSlope: 0.0645, direction: 'growing' });
    expect(trailingTrend(rising.map((x) => ({ ...x, revenue: 5000n }))).direction).toBe('flat');
    expect(trailingTrend(rising.map((x, i) => ({ ...x, revenue: BigInt(5000 - 200 * i) })))).toMatchObject({ slopePerMonth: -200n, direction: 'declining' });
    expect(trailingTrend([]).relativeSlope).toBeNull();
  });
});

describe('seasonal-naive forecast', () => {
  it('repeats the last four quarters into the next four', () => {
    const quarters = [m('2025-Q2', 1), m('2025-Q3', 2), m('2025-Q4', 3, 1), m('2026-Q1', 4), m('2026-Q2', 5, 2)];
    expect(seasonalNaiveForecast(quarters)).toEqual([
      { period: '2026-Q3', revenue: 2n, grossProfit: 2n },
      { period: '2026-Q4', revenue: 3n, grossProfit: 2n },
      { period: '2027-Q1', revenue: 4n, grossProfit: 4n },
      { period: '2027-Q2', revenue: 5n, grossProfit: 3n },
    ]);
  });
  it('needs a year of history', () => expect(seasonalNaiveForecast([m('2026-Q1', 1), m('2026-Q2', 1), m('2026-Q3', 1)])).toEqual([]));
});

describe('product mix and share of wallet', () => {
  it('shares per quarter, largest family first', () => {
    const mix = productMix([
      { family: 'Paper', month: '2026-01', revenue: 30n },
      { family: 'Chairs', month: '2026-02', revenue: 50n },
      { family: 'Paper', month: '2026-03', revenue: 20n },
      { family: 'Chairs', month: '2026-04', revenue: 0n },
      { family: 'Paper', month: '2026-05', revenue: 10n },
    ]);
    expect(mix).toEqual([
      { period: '2026-Q1', families: [{ family: 'Chairs', revenue: 50n, share: 0.5 }, { family: 'Paper', revenue: 50n, share: 0.5 }] },
      { period: '2026-Q2', families: [{ family: 'Paper', revenue: 10n, share: 1 }] },
    ]);
  });

  it('trailing twelve months over the wallet', () => {
    const months = fillMonths(Array.from({ length: 14 }, (_, i) => m(`20${25 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, 100)), '2025-01', '2026-02');
    const share = shareOfWallet(months, 2400n);
    expect(share[0]).toEqual({ month: '2025-01', trailingRevenue: 100n, share: 0.0417 });
    expect(share[11]).toEqual({ month: '2025-12', trailingRevenue: 1200n, share: 0.5 });
    expect(share[13]).toEqual({ month: '2026-02', trailingRevenue: 1200n, share: 0.5 });
    expect(shareOfWallet(months, null)[13]!.share).toBeNull();
  });
});
