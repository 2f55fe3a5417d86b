import { describe, expect, it } from 'vitest';
import { relationshipStages, stageFinding, stageOn, stageRank } from './stages.ts';

describe('relationship stages', () => {
  it('are ordered from exploratory to integrated', () => {
    expect(relationshipStages.map(stageRank)).toEqual([0, 1, 2, 3, 4]);
  });

  it('flags a key or strategic account stuck at exploratory, basic or unknown', () => {
    for (const tier of ['key', 'strategic'] as const) {
      expect(stageFinding(tier, 'exploratory')).toBe('key_account_shallow');
      expect(stageFinding(tier, 'basic')).toBe('key_account_shallow');
      expect(stageFinding(tier, null)).toBe('key_account_shallow');
      expect(stageFinding(tier, 'cooperative')).toBeNull();
      expect(stageFinding(tier, 'integrated')).toBeNull();
    }
    expect(stageFinding('develop', 'basic')).toBeNull();
    expect(stageFinding('maintain', null)).toBeNull();
    expect(stageFinding(null, 'exploratory')).toBeNull();
  });

  it('finds the stage in force on a day, ignoring later-dated entries, later entry winning ties', () => {
    const history = [
      { id: '01', stage: 'exploratory' as const, since: '2026-01-01' },
      { id: '03', stage: 'cooperative' as const, since: '2026-06-01' },
      { id: '02', stage: 'basic' as const, since: '2026-03-01' },
      { id: '04', stage: 'interdependent' as const, since: '2026-06-01' },
      { id: '05', stage: 'integrated' as const, since: '2027-01-01' },
    ];
    expect(stageOn(history, '2025-12-31')).toBeNull();
    expect(stageOn(history, '2026-01-01')?.stage).toBe('exploratory');
    expect(stageOn(history, '2026-05-31')?.stage).toBe('basic');
    expect(stageOn(history, '2026-06-01')?.stage).toBe('interdependent');
    expect(stageOn(history, '2026-12-31')?.stage).toBe('interdependent');
    expect(stageOn([], '2026-12-31')).toBeNull();
  });
});
