import { describe, expect, it } from 'vitest';
import { addMonths, formatDate, formatMoney, formatMonth, formatNumber } from './format';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats decimal strings without float loss', () => {
    expect(formatMoney('12345678901234567.89', 'USD', 'en')).toBe('$12,345,678,901,234,567.89');
    expect(formatMoney('0.10', 'EUR', 'en')).toBe('€0.10');
  });
  it('uses the locale and the record currency', () => {
    expect(nbsp(formatMoney('1234.5', 'EUR', 'de'))).toBe('1.234,50 €');
    expect(nbsp(formatMoney('1234.5', 'PLN', 'pl'))).toBe('1234,50 zł');
    expect(nbsp(formatMoney('1234.5', 'SEK', 'sv'))).toBe('1 234,50 kr');
    expect(formatMoney('1234567.5', 'INR', 'hi')).toBe('₹12,34,567.50');
  });
  it('shows a dash for missing or malformed values', () => {
    expect(formatMoney(null, 'USD', 'en')).toBe('—');
    expect(formatMoney('abc', 'USD', 'en')).toBe('—');
  });
  it('keeps the sign of negative amounts', () => {
    expect(formatMoney('-5.25', 'USD', 'en')).toBe('-$5.25');
  });
});

describe('formatNumber', () => {
  it('groups digits the Indian way in Hindi', () => {
    expect(formatNumber('1234567', 'hi')).toBe('12,34,567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
  });
});

describe('dates', () => {
  it('shows a calendar date as that day in any time zone', () => {
    expect(formatDate('2026-01-31', 'en')).toBe('Jan 31, 2026');
    expect(formatDate('2026-01-31', 'de')).toBe('31.01.2026');
  });
  it('formats months and shifts them', () => {
    expect(formatMonth('2026-03', 'en')).toBe('Mar 2026');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
  });
});

describe('sumDecimals', async () => {
  const { sumDecimals } = await import('./format');
  it('adds money exactly', () => {
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimals(['9007199254740993.01', '1'])).toBe('9007199254740994.01');
    expect(sumDecimals(['-5.5', '2.25'])).toBe('-3.25');
    expect(sumDecimals([])).toBe('0');
  });
});
