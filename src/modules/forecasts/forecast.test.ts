import { describe, expect, it } from 'vitest';
import { accuracy, annualRange, isoWeek, revenueTrend, rollUp, teamOf, totalsByOwner, zeroTotals, type ForecastDeal } from './forecast.ts';

const deal = (ownerId: string | null, amount: bigint, probability: string, forecastCategory: ForecastDeal['forecastCategory'], outcome: ForecastDeal['outcome'] = 'open'): ForecastDeal => ({
  ownerId,
  amount,
  probability,
  forecastCategory,
  outcome,
});

describe('accuracy (bias Σ(F−A)/ΣA, WAPE Σ|F−A|/ΣA)', () => {
  it('errors of opposite sign cancel in the bias but not in WAPE', () => {
    // F 120 vs A 100, F 80 vs A 100: Σ(F−A) = 20 − 20 = 0; Σ|F−A| = 40; ΣA = 200.
    expect(accuracy([{ forecast: 120n, actual: 100n }, { forecast: 80n, actual: 100n }])).toEqual({ bias: '0.0000', wape: '0.2000' });
  });
  it('one person over-forecast by half', () => {
    expect(accuracy([{ forecast: 150n, actual: 100n }])).toEqual({ bias: '0.5000', wape: '0.5000' });
  });
  it('a person with no actual still counts in the numerators; rounded half-up to 4 places', () => {
    // ΣA = 30; Σ(F−A) = (0−30) + (50−0) = 20 → 0.66666… ; Σ|F−A| = 30 + 50 = 80 → 2.66666…
    expect(accuracy([{ forecast: 0n, actual: 30n }, { forecast: 50n, actual: 0n }])).toEqual({ bias: '0.6667', wape: '2.6667' });
  });
  it('under-forecasting gives a negative bias', () => {
    // Σ(F−A) = −40 − 10 = −50 over ΣA = 400 → −0.125
    expect(accuracy([{ forecast: 260n, actual: 300n }, { forecast: 90n, actual: 100n }])).toEqual({ bias: '-0.1250', wape: '0.1250' });
  });
  it('no actuals: no ratio', () => {
    expect(accuracy([{ forecast: 10n, actual: 0n }])).toEqual({ bias: null, wape: null });
    expect(accuracy([])).toEqual({ bias: null, wape: null });
  });
});

describe('totalsByOwner', () => {
  it('puts each deal in one category; won is closed; lost, omitted and unowned deals are left out', () => {
    const totals = totalsByOwner([
      deal('a', 500n, '1', 'closed', 'won'),
      deal('a', 1000n, '0.75', 'commit'),
      deal('a', 300n, '0', 'omitted', 'lost'),
      deal('a', 200n, '0.1', 'omitted'),
      deal('a', 333n, '0.5', 'bestCase'),
      deal('a', 333n, '0.5', 'pipeline'),
      deal(null, 999n, '0.5', 'commit'),
    ]);
    // weighted: 750 + 166.5→167 + 166.5→167 (each rounded half-up on its own) = 1084
    expect(totals.get('a')).toEqual({ closed: 500n, commit: 1000n, bestCase: 333n, pipeline: 333n, weighted: 1084n });
    expect(totals.size).toBe(1);
  });
});

describe('rollUp', () => {
  const people = [
    { id: 'd', managerId: null },
    { id: 'm', managerId: 'd' },
    { id: 'k1', managerId: 'm' },
    { id: 'k2', managerId: 'm' },
    { id: 'v', managerId: null },
  ];
  const own = new Map([
    ['k1', { ...zeroTotals(), closed: 100n }],
    ['k2', { ...zeroTotals(), closed: 200n, weighted: 7n }],
    ['m', { ...zeroTotals(), commit: 50n }],
  ]);
  it('a manager carries everyone below them, transitively', () => {
    const team = rollUp(people, own);
    expect(team.get('m')).toEqual({ closed: 300n, commit: 50n, bestCase: 0n, pipeline: 0n, weighted: 7n });
    expect(team.get('d')).toEqual(team.get('m'));
    expect(team.get('k1')).toEqual({ ...zeroTotals(), closed: 100n });
    expect(team.get('v')).toEqual(zeroTotals());
  });
  it('a cycle counts each person once', () => {
    const team = rollUp([{ id: 'a', managerId: 'b' }, { id: 'b', managerId: 'a' }], new Map([['a', { ...zeroTotals(), closed: 1n }], ['b', { ...zeroTotals(), closed: 2n }]]));
    expect(team.get('a')!.closed).toBe(3n);
    expect(teamOf('m', people).sort()).toEqual(['k1', 'k2', 'm']);
  });
});

describe('revenueTrend', () => {
  it('a flat history projects flat: run-rate and line agree', () => {
    expect(revenueTrend([100n, 100n, 100n], 3).trend).toEqual({ low: 300n, expected: 300n, high: 300n });
  });
  it('a rising history: run-rate below the line', () => {
    // run-rate (400+500+600)/3 = 500 → 2 × 500 = 1000; line 100 + 100x → x=6: 700, x=7: 800 → 1500
    expect(revenueTrend([100n, 200n, 300n, 400n, 500n, 600n], 2)).toEqual({ trend: { low: 1000n, expected: 1250n, high: 1500n }, runRate: 500n, slope: 100n });
  });
  it('a falling line never projects below zero in a month', () => {
    // run-rate (300+200+100)/3 = 200 → 7 × 200 = 1400; line 600 − 100x → x=6..12 all ≤ 0 → 0
    expect(revenueTrend([600n, 500n, 400n, 300n, 200n, 100n], 7).trend).toEqual({ low: 0n, expected: 700n, high: 1400n });
  });
  it('only the last six months count; no history or no months left: nothing', () => {
    expect(revenueTrend([9999n, 100n, 100n, 100n, 100n, 100n, 100n], 1).trend).toEqual({ low: 100n, expected: 100n, high: 100n });
    expect(revenueTrend([], 5).trend).toEqual({ low: 0n, expected: 0n, high: 0n });
    expect(revenueTrend([100n], 0).trend).toEqual({ low: 0n, expected: 0n, high: 0n });
  });
});

describe('annualRange', () => {
  it('closed to date + pipeline band + trend band', () => {
    const range = annualRange({
      closedToDate: 1000n,
      open: [
        { amount: 1000n, probability: '0.75', forecastCategory: 'commit' },
        { amount: 2000n, probability: '0.5', forecastCategory: 'bestCase' },
        { amount: 400n, probability: '0.25', forecastCategory: 'pipeline' },
        { amount: 5000n, probability: '0.1', forecastCategory: 'omitted' },
      ],
      monthlyRevenue: [100n, 200n, 300n, 400n, 500n, 600n],
      remainingMonths: 2,
    });
    // pipeline: low 750 (commit weighted), expected 750+1000+100 = 1850, high 1000+2000+100 = 3100
    expect(range.pipeline).toEqual({ low: 750n, expected: 1850n, high: 3100n });
    expect([range.low, range.expected, range.high]).toEqual([1000n + 750n + 1000n, 1000n + 1850n + 1250n, 1000n + 3100n + 1500n]);
  });
});

describe('isoWeek', () => {
  it.each([
    ['2026-11-23', '2026-W48'],
    ['2026-01-01', '2026-W01'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-11-29', '2026-W48'],
  ])('%s is in %s', (date, week) => expect(isoWeek(date)).toBe(week));
});

describe('revenueTrend with a gap', () => {
  it('projects from the first month after the gap', () => {
    // line 100 + 100x over x = 0 … 5; gap 2: the first projected month is x = 8 → 900
    expect(revenueTrend([100n, 200n, 300n, 400n, 500n, 600n], 1, 2).trend).toEqual({ low: 500n, expected: 700n, high: 900n });
  });
});
