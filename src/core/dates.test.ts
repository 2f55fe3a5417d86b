import { describe, expect, it } from 'vitest';
import { addYears, isIsoDate } from './dates.ts';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '26-01-01', '2026-1-1', '2026-01-01T00:00:00Z', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it('shifts by whole years, keeping 29 February valid', () => {
    expect(addYears('2016-02-29', 9)).toBe('2025-02-28');
    expect(addYears('2016-02-29', 12)).toBe('2028-02-29');
    expect(addYears('2017-12-30', 8)).toBe('2025-12-30');
  });
});
