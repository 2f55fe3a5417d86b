import { describe, expect, it } from 'vitest';
import { LOGIN_POLICY, retryAfterSeconds } from './throttle.ts';

const now = new Date('2026-11-23T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('login throttling', () => {
  it('allows attempts below the limit', () => {
    expect(retryAfterSeconds([], 5, now)).toBeNull();
    expect(retryAfterSeconds([ago(1), ago(2), ago(3), ago(4)], 5, now)).toBeNull();
  });

  it('blocks at the limit until the oldest counted failure leaves the window', () => {
    const failures = [ago(600), ago(30), ago(20), ago(10), ago(5)];
    expect(retryAfterSeconds(failures, 5, now)).toBe(LOGIN_POLICY.windowMs / 1000 - 600);
  });

  it('ignores failures outside the window', () => {
    const window = LOGIN_POLICY.windowMs / 1000;
    expect(retryAfterSeconds([ago(window), ago(window + 1), ago(1), ago(2), ago(3)], 5, now)).toBeNull();
  });

  it('never asks to wait less than a second', () => {
    const window = LOGIN_POLICY.windowMs / 1000;
    expect(retryAfterSeconds([ago(window - 0.2), ago(1), ago(1), ago(1), ago(1)], 5, now)).toBe(1);
  });
});
