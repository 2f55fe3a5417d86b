import { describe, expect, it } from 'vitest';
import { negate, refundProblem } from './transactionUtils';

describe('negate', () => {
  it('flips the sign and keeps the digits', () => {
    expect(negate('12.50')).toBe('-12.50');
    expect(negate('-3')).toBe('3');
    expect(negate('0.00')).toBe('0.00');
    expect(negate('0')).toBe('0');
  });
});

describe('refundProblem', () => {
  it('accepts a negative amount up to the line', () => {
    expect(refundProblem('-261.96', '261.96')).toBeNull();
    expect(refundProblem('-0.01', '261.96')).toBeNull();
  });
  it('refuses zero and positive amounts', () => {
    expect(refundProblem('0', '10')).toBe('notNegative');
    expect(refundProblem('5', '10')).toBe('notNegative');
  });
  it('refuses more than the line, compared exactly', () => {
    expect(refundProblem('-261.97', '261.96')).toBe('tooLarge');
    expect(refundProblem('-100000000000000.0001', '100000000000000')).toBe('tooLarge');
  });
});
