import { describe, expect, it } from 'vitest';
import { grossProfit, monthRange, quantityProblem, toMonth, toOrgCurrency } from './lines.ts';

describe('quantityProblem', () => {
  it('allows positive and zero quantities with any amount', () => {
    expect(quantityProblem('2', 100n)).toBeNull();
    expect(quantityProblem('0', -100n)).toBeNull();
    expect(quantityProblem('1.5', -100n)).toBeNull();
  });
  it('allows a negative quantity only with a negative amount (a return)', () => {
    expect(quantityProblem('-1', -100n)).toBeNull();
    expect(quantityProblem('-1', 100n)).toMatch(/return/);
    expect(quantityProblem('-0.5', 0n)).toMatch(/return/);
    expect(quantityProblem('-0.000', 100n)).toBeNull();
  });
});

describe('grossProfit', () => {
  it('is amount minus cost, or the amount without cost', () => {
    expect(grossProfit(26196n, 22006n)).toBe(4190n);
    expect(grossProfit(-5000n, -3000n)).toBe(-2000n);
    expect(grossProfit(1000n, null)).toBe(1000n);
  });
});

describe('toOrgCurrency', () => {
  it('keeps lines in the organisation currency as they are (no cost counts 0)', () => {
    expect(toOrgCurrency(12345n, null, 'USD', 'USD', '1')).toEqual({ amountOrg: 12345n, costOrg: 0n });
  });
  it('converts at the rate and rounds once, half up, in the target currency', () => {
    // EUR 100.00 at 1.0850 = USD 108.50; EUR 0.05 at 1.0850 = 0.05425 → 0.05
    expect(toOrgCurrency(10000n, 5n, 'EUR', 'USD', '1.0850')).toEqual({ amountOrg: 10850n, costOrg: 5n });
    // EUR 10.01 at 1.085 = 10.86085 → 10.86; refunds round symmetrically
    expect(toOrgCurrency(-1001n, null, 'EUR', 'USD', '1.085')).toEqual({ amountOrg: -1086n, costOrg: 0n });
  });
  it('respects currencies without minor units', () => {
    // JPY 1000 at 0.0067 = USD 6.70; USD 10.00 at 150.5 = JPY 1505
    expect(toOrgCurrency(1000n, null, 'JPY', 'USD', '0.0067').amountOrg).toBe(670n);
    expect(toOrgCurrency(1000n, null, 'USD', 'JPY', '150.5').amountOrg).toBe(1505n);
  });
});

describe('monthRange', () => {
  it('turns months into first days, both ends included', () => {
    expect(monthRange('2026-01', '2026-03')).toEqual({ from: '2026-01-01', to: '2026-03-01' });
    expect(monthRange(undefined, '2026-03')).toEqual({ from: undefined, to: '2026-03-01' });
    expect(monthRange()).toEqual({ from: undefined, to: undefined });
    expect(monthRange('2026-04', '2026-03')).toBeNull();
  });
  it('reads months back', () => {
    expect(toMonth('2026-12-01')).toBe('2026-12');
  });
});
