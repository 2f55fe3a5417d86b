import { describe, expect, it } from 'vitest';
import { pickRate, rateProblem, RateBook } from './rates.ts';

const rates = [
  { effectiveOn: '2026-01-01', rate: '1.10' },
  { effectiveOn: '2026-02-01', rate: '1.20' },
  { effectiveOn: '2026-03-15', rate: '1.30' },
];

describe('pickRate', () => {
  it('takes the latest rate effective on or before the date', () => {
    expect(pickRate(rates, '2026-01-01')).toBe('1.10');
    expect(pickRate(rates, '2026-01-31')).toBe('1.10');
    expect(pickRate(rates, '2026-02-01')).toBe('1.20');
    expect(pickRate(rates, '2026-03-14')).toBe('1.20');
    expect(pickRate(rates, '2026-03-15')).toBe('1.30');
    expect(pickRate(rates, '2099-12-31')).toBe('1.30');
  });

  it('has nothing before the first rate or without rates', () => {
    expect(pickRate(rates, '2025-12-31')).toBeUndefined();
    expect(pickRate([], '2026-01-01')).toBeUndefined();
  });

  it('agrees with a linear scan on many random dates', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ effectiveOn: new Date(Date.UTC(2020, 0, 1 + i * 7)).toISOString().slice(0, 10), rate: String(i) }));
    for (let day = 0; day < 1500; day += 3) {
      const date = new Date(Date.UTC(2019, 11, 1 + day)).toISOString().slice(0, 10);
      const linear = many.filter((r) => r.effectiveOn <= date).at(-1)?.rate;
      expect(pickRate(many, date)).toBe(linear);
    }
  });
});

describe('RateBook', () => {
  const book = new RateBook('USD', [
    { currency: 'EUR', effectiveOn: '2026-03-01', rate: '1.09' },
    { currency: 'EUR', effectiveOn: '2026-01-01', rate: '1.08' },
    { currency: 'SEK', effectiveOn: '2026-01-01', rate: '0.095' },
  ]);

  it('resolves per currency from unsorted rows, and the organisation currency is 1', () => {
    expect(book.rateOn('EUR', '2026-02-28')).toBe('1.08');
    expect(book.rateOn('EUR', '2026-03-01')).toBe('1.09');
    expect(book.rateOn('SEK', '2026-05-05')).toBe('0.095');
    expect(book.rateOn('USD', '1999-01-01')).toBe('1');
    expect(book.rateOn('GBP', '2026-05-05')).toBeUndefined();
    expect(book.rateOn('EUR', '2025-12-31')).toBeUndefined();
  });
});

describe('rateProblem', () => {
  it('accepts positive decimals within numeric(20,10)', () => {
    for (const ok of ['1', '1.0850', '0.0000000001', '9999999999.9999999999']) expect(rateProblem(ok)).toBeNull();
  });
  it('refuses zero, negatives, exponents and too many digits', () => {
    for (const bad of ['0', '0.000', '-1', '1e3', '1.', '.5', '12345678901', '1.12345678901', 'abc', '']) expect(rateProblem(bad)).not.toBeNull();
  });
});
