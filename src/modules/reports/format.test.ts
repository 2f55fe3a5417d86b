import { describe, expect, it } from 'vitest';
import { formatter } from './format.ts';

describe('locale formatting of report cells', () => {
  it('formats money, rates and dates per language', () => {
    const sv = formatter('sv', 'SEK');
    expect(sv.cell('money', '1234.50').replace(/\s/g, ' ')).toBe('1 234,50 kr');
    expect(sv.cell('rate', '0.125')).toBe('12,5 %'.replace(' ', '\u00a0'));
    expect(formatter('de', 'EUR').cell('money', '-1234.5')).toBe('-1.234,50 €'.replace(' ', '\u00a0'));
    expect(formatter('en', 'USD').cell('date', '2026-07-01')).toBe('Jul 1, 2026');
    expect(formatter('pl', 'PLN').cell('integer', 12345)).toBe('12\u00a0345');
    expect(formatter('hi', 'INR').cell('money', '123456.00')).toBe('₹1,23,456.00');
    expect(formatter('en', 'USD').cell('money', null)).toBe('—');
  });
});
