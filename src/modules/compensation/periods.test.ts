import { describe, expect, it } from 'vitest';
import { parsePeriod, periodOf, shiftPeriod } from './periods.ts';

describe('period labels', () => {
  it('parses months, quarters and years into their first and last days', () => {
    expect(parsePeriod('2027-02')).toEqual({ type: 'month', from: '2027-02-01', to: '2027-02-28', label: '2027-02' });
    expect(parsePeriod('2028-02')!.to).toBe('2028-02-29');
    expect(parsePeriod('2027-Q4')).toEqual({ type: 'quarter', from: '2027-10-01', to: '2027-12-31', label: '2027-Q4' });
    expect(parsePeriod('2027')).toEqual({ type: 'year', from: '2027-01-01', to: '2027-12-31', label: '2027' });
  });

  it('refuses anything else', () => {
    for (const bad of ['2027-13', '2027-Q5', '2027-Q0', '27', '2027-1', '', 'Q1-2027', '2027-02-01']) expect(parsePeriod(bad), bad).toBeNull();
  });

  it('finds the period of a date and shifts across year ends', () => {
    expect(periodOf('2027-05-17', 'quarter').label).toBe('2027-Q2');
    expect(shiftPeriod(parsePeriod('2027-Q4')!, 1).label).toBe('2028-Q1');
    expect(shiftPeriod(parsePeriod('2027-01')!, -1).label).toBe('2026-12');
    expect(shiftPeriod(parsePeriod('2027')!, 2).label).toBe('2029');
  });
});
