import { describe, expect, it } from 'vitest';
import { decimalOrNull, lines, orNull } from './planUtils';

describe('plan form helpers', () => {
  it('splits textarea lines', () => {
    expect(lines(' a \n\n b\n')).toEqual(['a', 'b']);
    expect(lines('')).toEqual([]);
  });
  it('reads decimals typed in any locale', () => {
    expect(decimalOrNull('1 200,5')).toBe('1200.5');
    expect(decimalOrNull('-3')).toBe('-3');
    expect(decimalOrNull('1.23456')).toBeNull();
    expect(decimalOrNull('abc')).toBeNull();
    expect(decimalOrNull('')).toBeNull();
  });
  it('turns blank text into null', () => {
    expect(orNull('  ')).toBeNull();
    expect(orNull(' x ')).toBe('x');
  });
});
