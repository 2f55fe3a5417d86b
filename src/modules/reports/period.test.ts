import { describe, expect, it } from 'vitest';
import { addMonths, currentQuarter, lastYear, parsePeriod, quarterOf } from './period.ts';

describe('report periods', () => {
  it('parses quarters and years', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ label: '2026-Q3', kind: 'quarter', from: '2026-07-01', to: '2026-09-30', months: ['2026-07-01', '2026-08-01', '2026-09-01'] });
    expect(parsePeriod('2024-Q1')!.to).toBe('2024-03-31');
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026')!.months).toHaveLength(12);
    for (const bad of ['2026-Q0', '2026-Q5', '26-Q1', '2026Q1', '2026-13', '', '1899', '3000-Q1']) expect(parsePeriod(bad)).toBeNull();
  });

  it('knows the current quarter, the same period last year and month arithmetic', () => {
    expect(currentQuarter('2026-11-23').label).toBe('2026-Q4');
    expect(currentQuarter('2026-01-01').label).toBe('2026-Q1');
    expect(lastYear(quarterOf(2026, 3)).label).toBe('2025-Q3');
    expect(lastYear(parsePeriod('2026')!).label).toBe('2025');
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01');
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(addMonths('2026-03-01', -21)).toBe('2024-06-01');
  });
});
