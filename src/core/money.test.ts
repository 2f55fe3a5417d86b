import { describe, expect, it } from 'vitest';
import { convertMoney, currencyDigits, formatMoney, isCurrency, parseMoney, roundMoney } from './money.ts';

describe('money', () => {
  it('knows each currency minor unit', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(isCurrency('INR')).toBe(true);
    expect(isCurrency('XYZ')).toBe(false);
  });

  it('parses exact decimals into minor units and back', () => {
    expect(parseMoney('1234.50', 'EUR')).toBe(123450n);
    expect(parseMoney('-61.7', 'EUR')).toBe(-6170n);
    expect(parseMoney('0', 'EUR')).toBe(0n);
    expect(parseMoney('1500', 'JPY')).toBe(1500n);
    expect(parseMoney('1.230', 'KWD')).toBe(1230n);
    expect(parseMoney('999999999999999.99', 'USD')).toBe(99999999999999999n);
    expect(formatMoney(123450n, 'EUR')).toBe('1234.50');
    expect(formatMoney(-5n, 'EUR')).toBe('-0.05');
    expect(formatMoney(1500n, 'JPY')).toBe('1500');
  });

  it('refuses what is not an exact amount in that currency', () => {
    expect(() => parseMoney('12.345', 'EUR')).toThrow(/at most 2 decimal/);
    expect(() => parseMoney('1.5', 'JPY')).toThrow(/at most 0 decimal/);
    for (const bad of ['', '1,50', '1e5', 'abc', '--1', '1.', '.5', ' 1', '1234567890123456']) {
      expect(() => parseMoney(bad, 'EUR'), bad).toThrow();
    }
    expect(parseMoney('12.3400', 'EUR')).toBe(1234n);
  });

  it('rounds half up by default and half even on request', () => {
    expect(roundMoney('-61.725', 'EUR')).toBe(-6173n);
    expect(roundMoney('2.675', 'EUR')).toBe(268n);
    expect(roundMoney('2.665', 'EUR', 'halfEven')).toBe(266n);
    expect(roundMoney('2.675', 'EUR', 'halfEven')).toBe(268n);
  });

  it('converts once and rounds in the target currency', () => {
    expect(convertMoney(10000n, 'EUR', 'USD', '1.0850')).toBe(10850n);
    expect(convertMoney(333n, 'EUR', 'JPY', '161.5')).toBe(538n);
    expect(convertMoney(123n, 'USD', 'USD', '7')).toBe(123n);
  });
});
