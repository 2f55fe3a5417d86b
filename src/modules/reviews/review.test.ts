import { describe, expect, it } from 'vitest';
import { addDays, addMonths, isUpcoming, trailingKpis } from './review.ts';

describe('review dates', () => {
  it('adds months, keeping the day where the month has it', () => {
    expect(addMonths('2026-11-23', 3)).toBe('2027-02-23');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2027-01-01', -12)).toBe('2026-01-01');
    expect(addMonths('2027-05-10', 0)).toBe('2027-05-10');
  });

  it('adds days over month and year ends', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('calls a scheduled review upcoming up to 14 days ahead, overdue ones too', () => {
    expect(isUpcoming('scheduled', '2026-12-07', '2026-11-23')).toBe(true);
    expect(isUpcoming('scheduled', '2026-12-08', '2026-11-23')).toBe(false);
    expect(isUpcoming('scheduled', '2026-11-01', '2026-11-23')).toBe(true);
    expect(isUpcoming('held', '2026-11-25', '2026-11-23')).toBe(false);
    expect(isUpcoming('cancelled', '2026-11-25', '2026-11-23')).toBe(false);
    expect(isUpcoming('scheduled', '2026-11-30', '2026-11-23', 7)).toBe(true);
  });
});

describe('trailing KPIs', () => {
  const m = (month: string, revenue: number, cost: number) => ({ month, revenue: BigInt(revenue), cost: BigInt(cost) });

  it('sums the twelve months up to the review month, and the twelve before for growth', () => {
    const months = [
      m('2024-11-01', 999, 0), // 24 months back: outside both windows
      m('2024-12-01', 50_000, 30_000), // previous window starts here
      m('2025-11-01', 50_000, 30_000), // previous window ends here
      m('2025-12-01', 100_000, 60_000), // current window starts here
      m('2026-11-01', 20_000, 10_000), // the review month
      m('2026-12-01', 777, 0), // after the review date
    ];
    expect(trailingKpis(months, '2026-11-23')).toEqual({ revenue: 120_000n, grossProfit: 50_000n, previousRevenue: 100_000n, margin: '0.4167', growth: '0.2000' });
  });

  it('has no margin or growth without revenue, and handles refunds and losses', () => {
    expect(trailingKpis([], '2026-11-23')).toEqual({ revenue: 0n, grossProfit: 0n, previousRevenue: 0n, margin: null, growth: null });
    expect(trailingKpis([m('2026-05-01', 10_000, 12_500)], '2026-11-23')).toMatchObject({ grossProfit: -2_500n, margin: '-0.2500', growth: null });
    expect(trailingKpis([m('2026-05-01', -500, -300)], '2026-11-23')).toMatchObject({ revenue: -500n, margin: null });
    expect(trailingKpis([m('2025-05-01', 10_000, 0), m('2026-05-01', 4_000, 0)], '2026-11-23').growth).toBe('-0.6000');
    expect(trailingKpis([m('2025-05-01', 3, 0), m('2026-05-01', 4, 0)], '2026-11-23').growth).toBe('0.3333');
    expect(trailingKpis([m('2025-05-01', 3, 0), m('2026-05-01', 1, 0)], '2026-11-23').growth).toBe('-0.6667');
  });
});
