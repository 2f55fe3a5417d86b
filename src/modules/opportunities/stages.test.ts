import { describe, expect, it } from 'vitest';
import { defaultStages, ownerTotals, place, probabilityProblem, validateStages, weighted, type StageDefinition } from './stages.ts';

const stages = defaultStages;

describe('probabilityProblem', () => {
  it.each(['0', '1', '0.5', '0.125', '0.0001', '1.0000'])('takes %s', (text) => expect(probabilityProblem(text)).toBeNull());
  it.each(['1.5', '-0.1', '0.12345', '50', '1.0001', 'abc', '.5', ''])('refuses %s', (text) => expect(probabilityProblem(text)).not.toBeNull());
});

describe('place', () => {
  it('a new opportunity takes its stage defaults', () => {
    expect(place(stages, null, { stage: 'propose' })).toEqual({ placement: { stage: 'propose', probability: '0.5', forecastCategory: 'bestCase' }, problems: [] });
  });

  it('explicit probability and category win on an open stage', () => {
    expect(place(stages, null, { stage: 'develop', probability: '0.3000', forecastCategory: 'commit' }).placement).toEqual({ stage: 'develop', probability: '0.3', forecastCategory: 'commit' });
  });

  it('a move brings the new stage defaults; staying keeps what was set', () => {
    const current = { stage: 'develop', probability: '0.4', forecastCategory: 'commit' as const };
    expect(place(stages, current, { stage: 'negotiate' }).placement).toEqual({ stage: 'negotiate', probability: '0.75', forecastCategory: 'commit' });
    expect(place(stages, current, { stage: 'develop' }).placement).toEqual(current);
    expect(place(stages, current, {}).placement).toEqual(current);
  });

  it('won and lost fix probability and category', () => {
    expect(place(stages, null, { stage: 'won' }).placement).toEqual({ stage: 'won', probability: '1', forecastCategory: 'closed' });
    expect(place(stages, null, { stage: 'lost' }).placement).toEqual({ stage: 'lost', probability: '0', forecastCategory: 'omitted' });
    expect(place(stages, null, { stage: 'won', probability: '1.0' }).problems).toEqual([]);
    expect(place(stages, null, { stage: 'won', probability: '0.9' }).problems.map((p) => p.path)).toEqual(['probability']);
    expect(place(stages, null, { stage: 'lost', forecastCategory: 'pipeline' }).problems.map((p) => p.path)).toEqual(['forecastCategory']);
  });

  it('an open stage cannot be forecast as closed; unknown stages are named', () => {
    expect(place(stages, null, { stage: 'qualify', forecastCategory: 'closed' }).problems.map((p) => p.path)).toEqual(['forecastCategory']);
    const unknown = place(stages, null, { stage: 'signed' });
    expect(unknown.problems).toEqual([{ path: 'stage', message: 'must be one of qualify, develop, propose, negotiate, won, lost' }]);
  });
});

describe('validateStages', () => {
  it('accepts the defaults', () => expect(validateStages(defaultStages)).toEqual([]));

  it('needs exactly one won and one lost stage, unique keys, consistent defaults', () => {
    const twoWon: StageDefinition[] = [...defaultStages, { key: 'signed', label: 'Signed', probability: '1', forecastCategory: 'closed', outcome: 'won' }];
    expect(validateStages(twoWon)).toEqual([{ path: 'stages', message: 'needs exactly one won stage (has 2)' }]);
    const noLost = defaultStages.filter((s) => s.outcome !== 'lost');
    expect(validateStages(noLost)).toEqual([{ path: 'stages', message: 'needs exactly one lost stage (has 0)' }]);
    const duplicate = defaultStages.map((s) => (s.key === 'develop' ? { ...s, key: 'qualify' } : s));
    expect(validateStages(duplicate)).toEqual([{ path: 'stages/1/key', message: 'qualify appears twice' }]);
    const wonAtHalf = defaultStages.map((s) => (s.outcome === 'won' ? { ...s, probability: '0.5' } : s));
    expect(validateStages(wonAtHalf)).toEqual([{ path: 'stages/4/probability', message: 'the won stage has probability 1' }]);
    const badKey = defaultStages.map((s, i) => (i === 0 ? { ...s, key: 'Qualify!' } : s));
    expect(validateStages(badKey).map((p) => p.path)).toEqual(['stages/0/key']);
  });

  it('needs between 3 and 12 stages', () => {
    expect(validateStages(defaultStages.filter((s) => s.outcome !== 'open')).map((p) => p.message)).toContain('needs between 3 and 12 stages');
  });
});

describe('weighting and totals', () => {
  it('weights each opportunity and rounds half up to the minor unit', () => {
    expect(weighted(10_001n, '0.5')).toBe(5_001n); // 5000.5 → 5001
    expect(weighted(333n, '0.3333')).toBe(111n); // 110.9889 → 111
    expect(weighted(100_00n, '0')).toBe(0n);
  });

  it('sums per owner, largest weighted first, no owner last', () => {
    const totals = ownerTotals([
      { ownerId: 'a', amount: 100_000n, probability: '0.1' },
      { ownerId: 'b', amount: 40_000n, probability: '0.75' },
      { ownerId: null, amount: 999_999n, probability: '1' },
      { ownerId: 'a', amount: 10_001n, probability: '0.5' },
    ]);
    expect(totals).toEqual([
      { ownerId: 'b', count: 1, amount: 40_000n, weightedAmount: 30_000n },
      { ownerId: 'a', count: 2, amount: 110_001n, weightedAmount: 15_001n },
      { ownerId: null, count: 1, amount: 999_999n, weightedAmount: 999_999n },
    ]);
  });
});
