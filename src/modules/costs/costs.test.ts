import { describe, expect, it } from 'vitest';
import { costByMonth, minutesByMonth, monthsBetween, netProfitability } from './costs.ts';

describe('months', () => {
  it('lists months inclusively across a year end', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-11', '2026-11')).toEqual(['2026-11']);
    expect(monthsBetween('2026-11', '2026-10')).toEqual([]);
  });
});

describe('cost to serve', () => {
  const rates = { kam: '9000', manager: '12000' }; // 90.00 and 120.00 an hour

  it('prices minutes by role, per month, months without time at zero', () => {
    const costs = costByMonth(['2026-10', '2026-11'], [
      { month: '2026-11', role: 'kam', minutes: 60 },
      { month: '2026-11', role: 'manager', minutes: 30 },
      { month: '2026-11', role: 'kam', minutes: 15 },
    ], rates);
    expect(costs.get('2026-10')).toBe(0n);
    expect(costs.get('2026-11')).toBe(9000n + 6000n + 2250n);
  });

  it('a role without a rate costs nothing; time outside the months is ignored', () => {
    const costs = costByMonth(['2026-11'], [{ month: '2026-11', role: 'bd', minutes: 600 }, { month: '2026-12', role: 'kam', minutes: 60 }], rates);
    expect(costs.get('2026-11')).toBe(0n);
    expect(costs.has('2026-12')).toBe(false);
  });

  it('rounds each month half-up once, after summing', () => {
    // 1 minute at 1.00/h = 1.666… cents each: 3 minutes = 5 cents exactly, not 3 × 2.
    expect(costByMonth(['2026-11'], [1, 1, 1].map((minutes) => ({ month: '2026-11', role: 'kam' as const, minutes })), { kam: '100' }).get('2026-11')).toBe(5n);
    expect(costByMonth(['2026-11'], [{ month: '2026-11', role: 'kam', minutes: 1 }], { kam: '30' }).get('2026-11')).toBe(1n); // 0.5 → 1
    expect(costByMonth(['2026-11'], [{ month: '2026-11', role: 'kam', minutes: 1 }], { kam: '29' }).get('2026-11')).toBe(0n);
  });

  it('exact for large rates and many hours (no floating point)', () => {
    const costs = costByMonth(['2026-11'], [{ month: '2026-11', role: 'kam', minutes: 1_000_000 }], { kam: '999999999999' });
    expect(costs.get('2026-11')).toBe(16_666_666_666_650_000n);
  });

  it('sums minutes per month', () => {
    expect(minutesByMonth(['2026-11'], [{ month: '2026-11', role: 'kam', minutes: 20 }, { month: '2026-11', role: 'bd', minutes: 25 }]).get('2026-11')).toBe(45);
  });

  it('net profit is gross profit minus cost to serve, and can be negative', () => {
    const figures = netProfitability(['2026-10', '2026-11'], new Map([['2026-10', 50000n], ['2026-11', 1000n]]), [{ month: '2026-11', role: 'kam', minutes: 120 }], rates);
    expect(figures).toEqual([
      { month: '2026-10', minutes: 0, grossProfit: 50000n, costToServe: 0n, netProfit: 50000n },
      { month: '2026-11', minutes: 120, grossProfit: 1000n, costToServe: 18000n, netProfit: -17000n },
    ]);
  });

  it('a month without sales or time is all zeros; negative gross profit (refunds) stays negative', () => {
    expect(netProfitability(['2026-09'], new Map([['2026-09', -500n]]), [], rates)).toEqual([{ month: '2026-09', minutes: 0, grossProfit: -500n, costToServe: 0n, netProfit: -500n }]);
  });
});
