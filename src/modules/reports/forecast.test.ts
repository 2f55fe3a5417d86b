import { describe, expect, it } from 'vitest';
import { addMonths } from './period.ts';
import { forecastYear, leastSquares } from './forecast.ts';

const months = (from: string, values: number[]) => new Map(values.map((v, i) => [addMonths(from, i), BigInt(v)]));

describe('annual forecast from actuals', () => {
  it('fits a least-squares line', () => {
    expect(leastSquares([1, 3, 5, 7])).toEqual({ slope: 2, intercept: 1 });
    expect(leastSquares([4, 4, 4])).toEqual({ slope: 0, intercept: 4 });
    expect(leastSquares([])).toEqual({ slope: 0, intercept: 0 });
  });

  it('adds closed months, run rate and trend per quarter, with last year beside', () => {
    // Nov 2025 … Oct 2026 grow by 10 a month from 100; November 2026 (current) has 50 so far.
    const actuals = months('2025-11-01', [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 50]);
    const lastYear = months('2025-01-01', Array.from({ length: 12 }, () => 100));
    const f = forecastYear({ year: 2026, currentMonth: '2026-11-01', actuals, lastYear });
    // Run rate: mean of Aug, Sep, Oct 2026 = (190 + 200 + 210) / 3 = 200. Trend: 100 + 10x, December is x = 13 → 230.
    expect(f.monthlyRunRate).toBe(200n);
    expect(f.closedToDate).toBe(120n + 130n + 140n + 150n + 160n + 170n + 180n + 190n + 200n + 210n + 50n);
    expect(f.quarters[0]).toEqual({ quarter: '2026-Q1', closed: 390n, runRate: 390n, trend: 390n, low: 390n, high: 390n, lastYear: 300n });
    expect(f.quarters[3]).toEqual({ quarter: '2026-Q4', closed: 260n, runRate: 460n, trend: 490n, low: 460n, high: 490n, lastYear: 300n });
    expect(f.total).toMatchObject({ closed: 1700n, runRate: 1900n, trend: 1930n, low: 1900n, high: 1930n, lastYear: 1200n });
  });

  it('never projects below zero and projects nothing for a past year', () => {
    const falling = months('2025-11-01', [1200, 1100, 1000, 900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
    const f = forecastYear({ year: 2026, currentMonth: '2026-11-01', actuals: falling, lastYear: new Map() });
    // The line reaches −100 in December: Q4 is October and November as closed (100 + 0), December 0.
    expect(f.quarters[3]!.trend).toBe(100n);
    const past = forecastYear({ year: 2025, currentMonth: '2026-11-01', actuals: falling, lastYear: new Map() });
    expect(past.total.closed).toBe(2300n);
    expect(past.total.runRate).toBe(past.total.closed);
  });
});
