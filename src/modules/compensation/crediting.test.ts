import { describe, expect, it } from 'vitest';
import { addMonths, creditShares, DEFAULT_RULES, rulesProblems, splitKey, splitProblems, type CreditingContext, type CreditSource } from './crediting.ts';

const line = (extra: Partial<CreditSource> = {}): CreditSource => ({ sourceType: 'transaction', sourceId: 't1', accountId: 'acc', ownerId: 'kira', date: '2027-02-10', ...extra });
const context = (extra: Partial<CreditingContext> = {}): CreditingContext => ({
  rules: DEFAULT_RULES,
  splits: new Map(),
  managerOf: new Map([['kira', 'max'], ['jon', 'max'], ['max', 'dora']]),
  handovers: new Map(),
  ...extra,
});

describe('creditShares', () => {
  it("credits the account's owner with the whole line by default", () => {
    expect(creditShares(line(), context())).toEqual([{ payeeId: 'kira', type: 'revenue', share: '1', reason: 'owner' }]);
  });

  it('credits nobody on an account without an owner', () => {
    expect(creditShares(line({ ownerId: null }), context())).toEqual([]);
  });

  it('replaces the owner with a manual split', () => {
    const splits = new Map([[splitKey('transaction', 't1'), [{ userId: 'kira', type: 'revenue' as const, share: '0.7' }, { userId: 'jon', type: 'revenue' as const, share: '0.3' }]]]);
    expect(creditShares(line(), context({ splits })).map((s) => [s.payeeId, s.share, s.reason])).toEqual([['kira', '0.7', 'split'], ['jon', '0.3', 'split']]);
  });

  it("adds the revenue payees' manager as an overlay, shares of one manager summed", () => {
    const splits = new Map([[splitKey('transaction', 't1'), [{ userId: 'kira', type: 'revenue' as const, share: '0.7' }, { userId: 'jon', type: 'revenue' as const, share: '0.3' }]]]);
    const rules = { managerOverlay: { share: '0.5' }, sourcingOverlay: null };
    expect(creditShares(line(), context({ rules, splits })).at(-1)).toEqual({ payeeId: 'max', type: 'overlay', share: '0.5', reason: 'manager' });
    expect(creditShares(line(), context({ rules })).at(-1)).toEqual({ payeeId: 'max', type: 'overlay', share: '0.5', reason: 'manager' });
  });

  it('credits the sourcing BD from the acceptance day for N months, not the day the N months end', () => {
    const rules = { managerOverlay: null, sourcingOverlay: { share: '1', months: 6 } };
    const handovers = new Map([['acc', [{ accountId: 'acc', fromUserId: 'bea', acceptedOn: '2027-01-31' }]]]);
    const payees = (date: string) => creditShares(line({ date }), context({ rules, handovers })).map((s) => `${s.payeeId}:${s.type}`);
    expect(payees('2027-01-30')).toEqual(['kira:revenue']);
    expect(payees('2027-01-31')).toEqual(['kira:revenue', 'bea:overlay']);
    expect(payees('2027-07-30')).toEqual(['kira:revenue', 'bea:overlay']);
    expect(payees('2027-07-31')).toEqual(['kira:revenue']);
  });

  it('keeps a manual overlay rather than adding the rule one on top', () => {
    const splits = new Map([[splitKey('transaction', 't1'), [{ userId: 'kira', type: 'revenue' as const, share: '1' }, { userId: 'max', type: 'overlay' as const, share: '0.2' }]]]);
    const rules = { managerOverlay: { share: '1' }, sourcingOverlay: null };
    expect(creditShares(line(), context({ rules, splits }))).toEqual([
      { payeeId: 'kira', type: 'revenue', share: '1', reason: 'split' },
      { payeeId: 'max', type: 'overlay', share: '0.2', reason: 'split' },
    ]);
  });
});

describe('splitProblems', () => {
  it('accepts 70/30 and overlays beyond 100 %', () => {
    expect(splitProblems([{ userId: 'a', type: 'revenue', share: '0.70' }, { userId: 'b', type: 'revenue', share: '0.30' }, { userId: 'c', type: 'overlay', share: '1' }])).toEqual([]);
  });
  it('rejects 70/40 with the total, zero and over-1 shares, duplicates and an empty list', () => {
    expect(splitProblems([{ userId: 'a', type: 'revenue', share: '0.70' }, { userId: 'b', type: 'revenue', share: '0.40' }])).toEqual([
      { path: 'splits', message: 'revenue splits total 110 %; they must total exactly 100 % (overlays may add beyond it)' },
    ]);
    expect(splitProblems([{ userId: 'a', type: 'revenue', share: '0' }])[0]!.path).toBe('splits[0].share');
    expect(splitProblems([{ userId: 'a', type: 'revenue', share: '1.5' }])[0]!.path).toBe('splits[0].share');
    expect(splitProblems([{ userId: 'a', type: 'revenue', share: '0.5' }, { userId: 'a', type: 'revenue', share: '0.5' }])[0]!.path).toBe('splits[1]');
    expect(splitProblems([])).toEqual([{ path: 'splits', message: 'must name at least one payee' }]);
  });
});

describe('rules and dates', () => {
  it('checks overlay shares and months', () => {
    expect(rulesProblems({ managerOverlay: { share: '0.5' }, sourcingOverlay: { share: '1', months: 12 } })).toEqual([]);
    expect(rulesProblems({ managerOverlay: { share: '0' }, sourcingOverlay: { share: '1', months: 0 } }).map((p) => p.path)).toEqual(['managerOverlay.share', 'sourcingOverlay.months']);
  });
  it('adds months clamped to the end of the month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
  });
});
