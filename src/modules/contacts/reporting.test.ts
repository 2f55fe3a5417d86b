import { describe, expect, it } from 'vitest';
import { closesReportingCycle, contactsOnCycles } from './reporting.ts';

describe('closesReportingCycle', () => {
  it('refuses a contact reporting to themselves', () => {
    expect(closesReportingCycle('a', 'a', [])).toBe(true);
  });
  it('refuses reporting to someone who reports to the contact, directly or further down', () => {
    expect(closesReportingCycle('a', 'b', ['a'])).toBe(true);
    expect(closesReportingCycle('a', 'c', ['b', 'a', 'x'])).toBe(true);
  });
  it('allows an unrelated manager and an empty chain', () => {
    expect(closesReportingCycle('a', 'b', [])).toBe(false);
    expect(closesReportingCycle('a', 'b', ['c', 'd'])).toBe(false);
  });
});

describe('contactsOnCycles', () => {
  const lines = (entries: [string, string | null][]) => new Map(entries);

  it('finds nothing in a forest', () => {
    expect(contactsOnCycles(lines([['a', null], ['b', 'a'], ['c', 'a'], ['d', 'c'], ['e', null]]))).toEqual(new Set());
  });
  it('finds nothing in an empty map', () => {
    expect(contactsOnCycles(new Map())).toEqual(new Set());
  });
  it('finds a self-loop', () => {
    expect(contactsOnCycles(lines([['a', 'a'], ['b', null]]))).toEqual(new Set(['a']));
  });
  it('finds a two-cycle and a longer cycle but not the contacts hanging off them', () => {
    const found = contactsOnCycles(lines([['a', 'b'], ['b', 'a'], ['t', 'a'], ['c', 'd'], ['d', 'e'], ['e', 'c'], ['u', 'v'], ['v', 'e']]));
    expect(found).toEqual(new Set(['a', 'b', 'c', 'd', 'e']));
  });
  it('treats managers outside the map as the end of a chain', () => {
    expect(contactsOnCycles(lines([['a', 'outside'], ['b', 'a']]))).toEqual(new Set());
  });
  it('handles long chains without recursion', () => {
    const map = new Map<string, string | null>();
    for (let i = 0; i < 100_000; i++) map.set(`c${i}`, i === 0 ? null : `c${i - 1}`);
    expect(contactsOnCycles(map).size).toBe(0);
    map.set('c0', 'c99999');
    expect(contactsOnCycles(map).size).toBe(100_000);
  });
  it('does not depend on the order of the map', () => {
    expect(contactsOnCycles(lines([['t', 'a'], ['a', 'b'], ['b', 'c'], ['c', 'a']]))).toEqual(new Set(['a', 'b', 'c']));
    expect(contactsOnCycles(lines([['c', 'a'], ['b', 'c'], ['a', 'b'], ['t', 'a']]))).toEqual(new Set(['a', 'b', 'c']));
  });
});
