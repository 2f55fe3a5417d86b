/**
 * Quota arithmetic in integer minor units (bigint). Pure.
 *
 * - `allocate`: a manager's number split across their team by weights, largest remainder first,
 *   so the parts always sum exactly to the number (no cent lost or invented).
 * - `rampAmounts`: a new starter's quotas over their first periods, as percentages of the full quota.
 */
import Big from 'big.js';

export interface Weighted {
  id: string;
  /** A non-negative decimal string ("1", "0.25", "3"). */
  weight: string;
}

export interface AllocationError {
  path: string;
  message: string;
}

const WEIGHT = /^\d{1,12}(\.\d{1,8})?$/;

export function allocationErrors(total: bigint, parts: readonly Weighted[]): AllocationError[] {
  const errors: AllocationError[] = [];
  if (total < 0n) errors.push({ path: 'amount', message: 'must not be negative' });
  if (parts.length === 0) errors.push({ path: 'weights', message: 'must name at least one person' });
  const seen = new Set<string>();
  let sum = new Big(0);
  parts.forEach((part, i) => {
    if (seen.has(part.id)) errors.push({ path: `weights[${i}].userId`, message: 'is listed twice' });
    seen.add(part.id);
    if (!WEIGHT.test(part.weight)) errors.push({ path: `weights[${i}].weight`, message: 'must be a non-negative decimal like "1" or "0.25"' });
    else sum = sum.plus(part.weight);
  });
  if (errors.length === 0 && sum.eq(0)) errors.push({ path: 'weights', message: 'must not all be zero' });
  return errors;
}

/**
 * Splits `total` minor units in proportion to the weights. Each part gets the floor of its exact
 * share; the cents left over go one each to the largest remainders (ties: the order given).
 */
export function allocate(total: bigint, parts: readonly Weighted[]): { id: string; amount: bigint }[] {
  const errors = allocationErrors(total, parts);
  if (errors.length > 0) throw new RangeError(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  const sum = parts.reduce((acc, part) => acc.plus(part.weight), new Big(0));
  const exact = parts.map((part) => new Big(total.toString()).times(part.weight).div(sum));
  const floors = exact.map((share) => BigInt(share.round(0, Big.roundDown).toFixed(0)));
  let left = total - floors.reduce((a, b) => a + b, 0n);
  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share.minus(floors[index]!.toString()) }))
    .sort((a, b) => b.remainder.cmp(a.remainder) || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    floors[index]! += 1n;
    left -= 1n;
  }
  return parts.map((part, i) => ({ id: part.id, amount: floors[i]! }));
}

const PERCENT = /^\d(\.\d{1,6})?$/;

export function rampErrors(schedule: readonly string[]): AllocationError[] {
  const errors: AllocationError[] = [];
  if (schedule.length === 0) errors.push({ path: 'schedule', message: 'must have at least one period' });
  schedule.forEach((share, i) => {
    if (!PERCENT.test(share) || new Big(share).gt(1)) errors.push({ path: `schedule[${i}]`, message: 'must be a fraction from 0 to 1, like "0.25"' });
  });
  return errors;
}

/** The quota of each of a new starter's first periods: full × share, rounded half up to the minor unit. */
export function rampAmounts(full: bigint, schedule: readonly string[]): bigint[] {
  const errors = rampErrors(schedule);
  if (errors.length > 0) throw new RangeError(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return schedule.map((share) => BigInt(new Big(full.toString()).times(share).round(0, Big.roundHalfUp).toFixed(0)));
}
