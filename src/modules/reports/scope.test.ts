import { describe, expect, it } from 'vitest';
import { parseScope } from './scope.ts';

const ME = '01936b2e-7c1a-7000-8000-0000000000aa';
const OTHER = '01936B2E-7C1A-7000-8000-0000000000BB';

describe('report scope expressions', () => {
  it('defaults to the organisation', () => {
    expect(parseScope(undefined, ME)).toEqual({ ok: true, scope: { expression: 'org' } });
    expect(parseScope(' org ', ME)).toEqual({ ok: true, scope: { expression: 'org' } });
  });

  it('reads team, person, region, tier and account terms, "me" included, narrowing together', () => {
    expect(parseScope('team:me', ME)).toEqual({ ok: true, scope: { expression: 'team:me', teamOf: ME } });
    expect(parseScope(`person:${OTHER},tier:key`, ME)).toEqual({ ok: true, scope: { expression: `person:${OTHER},tier:key`, person: OTHER.toLowerCase(), tier: 'key' } });
    expect(parseScope('region:North America', ME)).toMatchObject({ ok: true, scope: { region: 'North America' } });
    expect(parseScope(`account:${OTHER}`, ME)).toMatchObject({ ok: true, scope: { account: OTHER.toLowerCase() } });
  });

  it('refuses unknown terms, empty values, repeats and malformed ids with a message', () => {
    for (const bad of ['planet:mars', 'team:', 'person:bob', 'tier:gold', 'account:me', 'region:a,region:b', `region:${'x'.repeat(101)}`]) {
      const result = parseScope(bad, ME);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
    }
  });
});
