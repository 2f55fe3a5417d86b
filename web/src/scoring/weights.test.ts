import { describe, expect, it } from 'vitest';
import { fromTenThousandths, sumWeights, toTenThousandths, weightsBody } from './weights';

describe('weights in ten-thousandths', () => {
  it('parses decimal fractions exactly', () => {
    expect(toTenThousandths('0.25')).toBe(2500);
    expect(toTenThousandths('0.1')).toBe(1000);
    expect(toTenThousandths('0.0001')).toBe(1);
    expect(toTenThousandths('1')).toBe(10000);
    expect(toTenThousandths('1.0000')).toBe(10000);
    expect(toTenThousandths(' 0.3 ')).toBe(3000);
  });
  it('rejects what is not a weight', () => {
    for (const bad of ['', '1.5', '2', '0.12345', '-0.1', '.5', '0,5', 'abc', '1e-1', '0.']) expect(toTenThousandths(bad), bad).toBeNull();
  });
  it('formats back without trailing zeros', () => {
    expect(fromTenThousandths(2500)).toBe('0.25');
    expect(fromTenThousandths(10000)).toBe('1');
    expect(fromTenThousandths(9999)).toBe('0.9999');
    expect(fromTenThousandths(0)).toBe('0');
    expect(fromTenThousandths(10500)).toBe('1.05');
  });
  it('sums without float drift', () => {
    const s = sumWeights({ a: '0.1', b: '0.2', c: '0.7' }, ['a', 'b', 'c']);
    expect(s).toEqual({ total: 10000, text: '1', ok: true, invalid: [] });
    expect(0.7 + 0.2 + 0.1).not.toBe(1); // what floats would say
    expect(sumWeights({ a: '0.7', b: '0.2', c: '0.1' }, ['a', 'b', 'c']).ok).toBe(true);
    expect(sumWeights({ a: '0.15', b: '0.15', c: '0.3', d: '0.3', e: '0.1' }, ['a', 'b', 'c', 'd', 'e']).ok).toBe(true);
  });
  it('is not ok below, above or with an invalid entry', () => {
    expect(sumWeights({ a: '0.5', b: '0.4999' }, ['a', 'b']).ok).toBe(false);
    expect(sumWeights({ a: '0.5', b: '0.5001' }, ['a', 'b']).text).toBe('1.0001');
    const bad = sumWeights({ a: '1', b: 'x' }, ['a', 'b']);
    expect(bad.ok).toBe(false);
    expect(bad.invalid).toEqual(['b']);
  });
  it('counts empty entries as 0 and leaves them out of the body', () => {
    expect(sumWeights({ a: '1', b: '' }, ['a', 'b']).ok).toBe(true);
    expect(weightsBody({ a: ' 1 ', b: '' }, ['a', 'b'])).toEqual({ a: '1' });
  });
});
