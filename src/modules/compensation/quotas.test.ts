import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocationErrors, rampAmounts, rampErrors } from './quotas.ts';

describe('allocate', () => {
  it('splits 100.00 three ways evenly, the left-over cent to the first largest remainder', () => {
    const parts = allocate(10000n, [{ id: 'a', weight: '1' }, { id: 'b', weight: '1' }, { id: 'c', weight: '1' }]);
    expect(parts).toEqual([{ id: 'a', amount: 3334n }, { id: 'b', amount: 3333n }, { id: 'c', amount: 3333n }]);
  });

  it('follows the weights: 150,000.00 as 2 : 1 : 1 → 75,000.00, 37,500.00, 37,500.00', () => {
    const parts = allocate(15_000_000n, [{ id: 'a', weight: '2' }, { id: 'b', weight: '1' }, { id: 'c', weight: '1' }]);
    expect(parts.map((p) => p.amount)).toEqual([7_500_000n, 3_750_000n, 3_750_000n]);
  });

  it('gives the cents to the largest remainders, not the first in line', () => {
    // 1.00 as 0.3 : 0.3 : 0.4 of 7 cents... 7 × (0.3, 0.3, 0.4) = 2.1, 2.1, 2.8 → 2, 2, 3
    expect(allocate(7n, [{ id: 'a', weight: '0.3' }, { id: 'b', weight: '0.3' }, { id: 'c', weight: '0.4' }]).map((p) => p.amount)).toEqual([2n, 2n, 3n]);
  });

  it('gives a zero weight nothing', () => {
    expect(allocate(1000n, [{ id: 'a', weight: '0' }, { id: 'b', weight: '3' }]).map((p) => p.amount)).toEqual([0n, 1000n]);
  });

  it('refuses empty, duplicate, all-zero and malformed weights', () => {
    expect(allocationErrors(100n, [])).toEqual([{ path: 'weights', message: 'must name at least one person' }]);
    expect(allocationErrors(100n, [{ id: 'a', weight: '1' }, { id: 'a', weight: '1' }])[0]!.path).toBe('weights[1].userId');
    expect(allocationErrors(100n, [{ id: 'a', weight: '0' }])).toEqual([{ path: 'weights', message: 'must not all be zero' }]);
    expect(allocationErrors(100n, [{ id: 'a', weight: '-1' }])[0]!.path).toBe('weights[0].weight');
    expect(allocationErrors(-1n, [{ id: 'a', weight: '1' }])[0]!.path).toBe('amount');
    expect(() => allocate(100n, [])).toThrow(RangeError);
  });

  it('always sums exactly to the total, each part within one minor unit of its exact share', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 30 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = allocate(total, weights.map((w, i) => ({ id: String(i), weight: String(w) })));
        expect(parts.reduce((a, p) => a + p.amount, 0n)).toBe(total);
        const sum = BigInt(weights.reduce((a, b) => a + b, 0));
        parts.forEach((part, i) => {
          const exactTimesSum = total * BigInt(weights[i]!);
          expect(part.amount * sum >= exactTimesSum - sum && part.amount * sum <= exactTimesSum + sum).toBe(true);
        });
      }),
    );
  });
});

describe('rampAmounts', () => {
  it('scales the full quota by the schedule, rounding half up to the minor unit', () => {
    expect(rampAmounts(15_000_000n, ['0.25', '0.5', '0.75', '1'])).toEqual([3_750_000n, 7_500_000n, 11_250_000n, 15_000_000n]);
    expect(rampAmounts(1n, ['0.5'])).toEqual([1n]);
    expect(rampAmounts(3n, ['0.5'])).toEqual([2n]);
  });

  it('refuses shares above 1, negative or malformed, and an empty schedule', () => {
    expect(rampErrors([])).toEqual([{ path: 'schedule', message: 'must have at least one period' }]);
    expect(rampErrors(['1.5', '-0.1', 'x']).map((e) => e.path)).toEqual(['schedule[0]', 'schedule[1]', 'schedule[2]']);
    expect(() => rampAmounts(100n, ['2'])).toThrow(RangeError);
  });
});
