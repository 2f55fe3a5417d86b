import { describe, expect, it } from 'vitest';
import { closesCycle } from './hierarchy.ts';

describe('account hierarchy', () => {
  it('refuses an account as its own parent', () => {
    expect(closesCycle('a', 'a', [])).toBe(true);
  });
  it('refuses a descendant as parent', () => {
    expect(closesCycle('a', 'c', ['b', 'a'])).toBe(true);
  });
  it('allows an unrelated parent', () => {
    expect(closesCycle('a', 'x', ['y', 'z'])).toBe(false);
  });
});
