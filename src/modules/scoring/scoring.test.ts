import { describe, expect, it } from 'vitest';
import { criterionKeys, defaultModel, paretoAccounts, percentileRanks, scoreAccount, scoreOrganisation, tierChangeReason, tierOf, validateModel, type RawCriteria } from './scoring.ts';

const allNull = Object.fromEntries(criterionKeys.map((k) => [k, null])) as RawCriteria;

describe('percentile ranks', () => {
  it('ranks by mid-rank, so ties share a value and one giant does not flatten the rest', () => {
    expect(percentileRanks([10, 20, 30, 1_000_000])).toEqual([12.5, 37.5, 62.5, 87.5]);
    expect(percentileRanks([5, 5, 5])).toEqual([50, 50, 50]);
    expect(percentileRanks([1, 2, 2, 3])).toEqual([12.5, 50, 50, 87.5]);
  });
  it('handles one account, no accounts, unknowns and negatives', () => {
    expect(percentileRanks([42])).toEqual([50]);
    expect(percentileRanks([])).toEqual([]);
    expect(percentileRanks([null, 3, null, -3])).toEqual([null, 75, null, 25]);
  });
});

describe('the scoring model', () => {
  it('accepts the default model', () => {
    expect(validateModel(defaultModel)).toEqual([]);
  });
  it('refuses weights that do not sum to 1 per axis, unknown criteria and bad thresholds', () => {
    const errors = validateModel({ weights: { ...defaultModel.weights, revenue: '0.3' }, thresholds: { attractiveness: 120, strength: 50 } });
    expect(errors).toEqual([
      { path: 'weights', message: 'the attractiveness weights sum to 1.1, not 1' },
      { path: 'thresholds.attractiveness', message: 'must be from 0 to 100' },
    ]);
    expect(validateModel({ weights: { bogus: '1' } as never, thresholds: { attractiveness: 50, strength: 50 } })[0]?.path).toBe('weights.bogus');
    expect(validateModel({ weights: { ...defaultModel.weights, margin: '-0.1' }, thresholds: defaultModel.thresholds })[0]?.message).toMatch(/decimal from 0 to 1/);
  });
});

describe('scoring an account', () => {
  it('weights normalised criteria per axis, inverts lower-is-better ones and explains each', () => {
    const percentiles = { ...allNull, revenue: 100, grossProfit: 100, netProfit: 100, margin: 100, growth: 100, wallet: 100, strategicFit: 100, referenceValue: 100, shareOfWallet: 100, relationshipCoverage: 100, severeCases: 0, daysSinceContact: 0 };
    const result = scoreAccount({ ...allNull, revenue: 5_000_000 }, percentiles, defaultModel);
    expect(result).toMatchObject({ attractiveness: 100, strength: 100, score: 100, tier: 'key' });
    expect(result.criteria.find((c) => c.key === 'severeCases')).toMatchObject({ normalised: 100, weight: '0.15', contribution: 15 });
    expect(result.criteria.find((c) => c.key === 'revenue')).toMatchObject({ raw: 5_000_000, normalised: 100, contribution: 20 });
  });
  it('gives an account with nothing known no credit', () => {
    const result = scoreAccount(allNull, allNull, defaultModel);
    expect(result).toMatchObject({ attractiveness: 0, strength: 0, score: 0, tier: 'develop' });
  });
  it('places the four quadrants of the portfolio matrix, boundaries counting as high', () => {
    const t = defaultModel.thresholds;
    expect(tierOf(60, 50, t)).toBe('key');
    expect(tierOf(60, 49.99, t)).toBe('strategic');
    expect(tierOf(59.99, 50, t)).toBe('maintain');
    expect(tierOf(0, 0, t)).toBe('develop');
  });
});

describe('tier changes and Pareto', () => {
  it('names the criterion that moved most', () => {
    const before = scoreAccount(allNull, { ...allNull, revenue: 10, shareOfWallet: 80 }, defaultModel).criteria;
    const after = scoreAccount(allNull, { ...allNull, revenue: 90, shareOfWallet: 80 }, defaultModel).criteria;
    expect(tierChangeReason(before, after)).toEqual({ key: 'revenue', delta: 16 });
    expect(tierChangeReason(before, before)).toBeNull();
  });
  it('finds the accounts making 80 % of gross profit, ignoring losses', () => {
    const accounts = [{ id: 'a', grossProfit: 50 }, { id: 'b', grossProfit: 30 }, { id: 'c', grossProfit: 15 }, { id: 'd', grossProfit: 5 }, { id: 'e', grossProfit: -20 }];
    expect(paretoAccounts(accounts).map((a) => a.id)).toEqual(['a', 'b']);
    expect(paretoAccounts([])).toEqual([]);
    expect(paretoAccounts([{ id: 'x', grossProfit: -1 }])).toEqual([]);
  });
});

describe('scoring an organisation', () => {
  it('ranks each criterion across all accounts and scores each account as scoreAccount would', () => {
    const raws: RawCriteria[] = [
      { ...allNull, revenue: 100, daysSinceContact: 10 },
      { ...allNull, revenue: 300, daysSinceContact: 90 },
      { ...allNull, revenue: 200, daysSinceContact: null },
      { ...allNull, revenue: 200, daysSinceContact: 10 },
    ];
    const scored = scoreOrganisation(raws, defaultModel);
    // revenue ranks: 100 → 12.5, 200 (twice) → 50, 300 → 87.5; contact recency: lower is better.
    // (17.5 + 4.17) / 2 = 10.835 exactly, so the score rounds up to 10.84 (a float mean would give 10.83).
    expect(scored.map((s) => s.normalised.revenue)).toEqual([12.5, 87.5, 50, 50]);
    expect(scored.map((s) => s.normalised.daysSinceContact)).toEqual([66.67, 16.67, 0, 66.67]);
    expect(scored[1]).toMatchObject({ attractiveness: 17.5, strength: 4.17, score: 10.84, tier: 'develop' });
    const percentiles = { ...allNull, revenue: 87.5, daysSinceContact: 83.33 };
    const { criteria: _explained, ...alone } = scoreAccount(raws[1]!, percentiles, defaultModel);
    expect(scored[1]).toMatchObject(alone);
  });
  it('scores an empty organisation as nothing', () => {
    expect(scoreOrganisation([], defaultModel)).toEqual([]);
  });
});
