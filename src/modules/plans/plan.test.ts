import { describe, expect, it } from 'vitest';
import { canMovePlan, directionOf, directionProblem, expectedShare, isPeriod, needChanges, periodRange, planProgress, progressOf, rankNeeds, shiftPeriod } from './plan.ts';

describe('periods', () => {
  it('knows years, halves and quarters', () => {
    expect(periodRange('2027')).toEqual({ start: '2027-01-01', end: '2027-12-31' });
    expect(periodRange('2027-H1')).toEqual({ start: '2027-01-01', end: '2027-06-30' });
    expect(periodRange('2027-H2')).toEqual({ start: '2027-07-01', end: '2027-12-31' });
    expect(periodRange('2028-Q1')).toEqual({ start: '2028-01-01', end: '2028-03-31' });
    expect(periodRange('2027-Q4')).toEqual({ start: '2027-10-01', end: '2027-12-31' });
    expect(() => periodRange('2027-Q5')).toThrow();
    for (const bad of ['27', '2027-', '2027-q1', '2027-Q0', '2027-H3', 'x2027', '0999']) expect(isPeriod(bad)).toBe(false);
    expect(isPeriod('2027-Q2')).toBe(true);
  });

  it('steps to the next and previous period of the same kind', () => {
    expect(shiftPeriod('2027')).toBe('2028');
    expect(shiftPeriod('2027', -1)).toBe('2026');
    expect(shiftPeriod('2027-Q4')).toBe('2028-Q1');
    expect(shiftPeriod('2027-Q1', -1)).toBe('2026-Q4');
    expect(shiftPeriod('2027-H2')).toBe('2028-H1');
    expect(shiftPeriod('2027-H1', -1)).toBe('2026-H2');
  });
});

describe('plan status', () => {
  it('moves draft → active → closed, never back', () => {
    expect(canMovePlan('draft', 'active')).toBe(true);
    expect(canMovePlan('active', 'closed')).toBe(true);
    expect(canMovePlan('draft', 'closed')).toBe(true);
    expect(canMovePlan('active', 'draft')).toBe(false);
    expect(canMovePlan('closed', 'active')).toBe(false);
    expect(canMovePlan('closed', 'draft')).toBe(false);
    expect(canMovePlan('active', 'active')).toBe(true);
  });
});

describe('objective progress', () => {
  it('measures an increase from baseline to target', () => {
    expect(progressOf({ baseline: '100', target: '200', current: '150' })).toEqual({ direction: 'increase', ratio: 0.5, percent: 50, achieved: false, expected: null, status: 'on_track' });
    expect(progressOf({ baseline: '100', target: '200', current: '200' })).toMatchObject({ ratio: 1, percent: 100, achieved: true, status: 'achieved' });
    expect(progressOf({ baseline: '100', target: '200', current: '100' })).toMatchObject({ ratio: 0, percent: 0, achieved: false });
  });

  it('reports overshoot above 1 and going backwards below 0, with the bar clamped', () => {
    expect(progressOf({ baseline: '100', target: '200', current: '250' })).toMatchObject({ ratio: 1.5, percent: 100, achieved: true });
    expect(progressOf({ baseline: '100', target: '200', current: '80' })).toMatchObject({ ratio: -0.2, percent: 0, achieved: false });
  });

  it('measures a decrease (fewer complaints, shorter lead time)', () => {
    expect(progressOf({ baseline: '12', target: '4', current: '6' })).toMatchObject({ direction: 'decrease', ratio: 0.75, percent: 75, achieved: false });
    expect(progressOf({ baseline: '12', target: '4', current: '3' })).toMatchObject({ ratio: 1.125, percent: 100, achieved: true });
    expect(progressOf({ baseline: '12', target: '4', current: '14' })).toMatchObject({ ratio: -0.25, percent: 0 });
  });

  it('handles baseline = target as hold-the-line, by direction', () => {
    expect(progressOf({ baseline: '95', target: '95', current: '96' })).toMatchObject({ direction: 'increase', ratio: 1, achieved: true });
    expect(progressOf({ baseline: '95', target: '95', current: '94' })).toMatchObject({ ratio: 0, achieved: false, percent: 0 });
    expect(progressOf({ baseline: '2', target: '2', current: '1', direction: 'decrease' })).toMatchObject({ ratio: 1, achieved: true });
    expect(progressOf({ baseline: '2', target: '2', current: '3', direction: 'decrease' })).toMatchObject({ ratio: 0, achieved: false });
  });

  it('has no progress without a current value', () => {
    expect(progressOf({ baseline: '1', target: '2', current: null })).toEqual({ direction: 'increase', ratio: null, percent: null, achieved: false, expected: null, status: 'no_data' });
  });

  it('works in exact decimals', () => {
    expect(progressOf({ baseline: '0.1', target: '0.3', current: '0.2' }).ratio).toBe(0.5);
    expect(progressOf({ baseline: '0', target: '3', current: '1' }).ratio).toBe(0.3333);
    expect(progressOf({ baseline: '-10', target: '10', current: '0' }).ratio).toBe(0.5);
  });

  it('compares with the schedule: behind when below the share of time passed', () => {
    const base = { baseline: '0', target: '100', start: '2027-01-01', due: '2027-12-31' };
    expect(progressOf({ ...base, current: '40', today: '2027-07-02' })).toMatchObject({ expected: 0.5, status: 'behind' });
    expect(progressOf({ ...base, current: '60', today: '2027-07-02' })).toMatchObject({ status: 'on_track' });
    expect(progressOf({ ...base, current: '0', today: '2026-12-01' })).toMatchObject({ expected: 0, status: 'on_track' });
    expect(progressOf({ ...base, current: '99', today: '2028-02-01' })).toMatchObject({ expected: 1, status: 'behind' });
    expect(expectedShare('2027-01-01', null, '2027-06-01')).toBeNull();
    expect(expectedShare('2027-01-01', '2027-01-01', '2026-12-31')).toBe(0);
    expect(expectedShare('2027-01-01', '2027-01-01', '2027-01-01')).toBe(1);
  });

  it('infers the direction, and refuses one that contradicts the numbers', () => {
    expect(directionOf('1', '2')).toBe('increase');
    expect(directionOf('2', '1')).toBe('decrease');
    expect(directionOf('2', '2')).toBe('increase');
    expect(directionOf('2', '2', 'decrease')).toBe('decrease');
    expect(directionProblem('1', '2', 'decrease')).toMatch(/above/);
    expect(directionProblem('2', '1', 'increase')).toMatch(/below/);
    expect(directionProblem('2', '1', 'decrease')).toBeNull();
    expect(directionProblem('2', '2', 'decrease')).toBeNull();
    expect(directionProblem('1', '2', null)).toBeNull();
  });

  it('sums a plan up', () => {
    const a = progressOf({ baseline: '0', target: '100', current: '50' });
    const b = progressOf({ baseline: '0', target: '100', current: '150' });
    const c = progressOf({ baseline: '0', target: '100', current: null });
    expect(planProgress([a, b, c])).toEqual({ objectives: 3, achieved: 1, behind: 0, average: 0.75 });
    expect(planProgress([])).toEqual({ objectives: 0, achieved: 0, behind: 0, average: null });
  });
});

describe('need timeline', () => {
  it('records creation, rewording, reprioritising and removal', () => {
    expect(needChanges(null, { text: 'Faster delivery', priority: 2 })).toEqual([{ kind: 'created', fromText: null, toText: 'Faster delivery', fromPriority: null, toPriority: 2 }]);
    expect(needChanges({ text: 'Faster delivery', priority: 2 }, { text: 'Next-day delivery', priority: 1 })).toEqual([
      { kind: 'reworded', fromText: 'Faster delivery', toText: 'Next-day delivery', fromPriority: null, toPriority: null },
      { kind: 'reprioritised', fromText: null, toText: null, fromPriority: 2, toPriority: 1 },
    ]);
    expect(needChanges({ text: 'A', priority: 1 }, { text: 'A', priority: 1 })).toEqual([]);
    expect(needChanges({ text: 'A', priority: 1 }, null)).toEqual([{ kind: 'removed', fromText: 'A', toText: null, fromPriority: 1, toPriority: null }]);
    expect(needChanges(null, null)).toEqual([]);
  });

  it('ranks by priority, then oldest first', () => {
    const needs = [
      { id: 'c', priority: 2, createdAt: '2026-01-01T00:00:00Z' },
      { id: 'b', priority: 1, createdAt: '2026-02-01T00:00:00Z' },
      { id: 'a', priority: 1, createdAt: '2026-01-01T00:00:00Z' },
      { id: 'd', priority: 1, createdAt: '2026-01-01T00:00:00Z' },
    ];
    expect(rankNeeds(needs).map((n) => n.id)).toEqual(['a', 'd', 'b', 'c']);
  });
});
