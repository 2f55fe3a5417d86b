import { describe, expect, it } from 'vitest';
import { canApply, canHandOverFrom, checklistKeys, checklistProblems, emptyChecklist, mergeChecklist, missingItems, stateAfter } from './handover.ts';

describe('handover checklist', () => {
  it('starts with every item open and no first review date', () => {
    const list = emptyChecklist();
    expect(Object.keys(list)).toEqual([...checklistKeys]);
    expect(missingItems(list)).toEqual([...checklistKeys]);
    expect(list.firstReviewDate).toEqual({ done: false, notes: null, date: null });
  });

  it('merges only the fields given and leaves the stored checklist alone', () => {
    const stored = emptyChecklist();
    const merged = mergeChecklist(stored, { contractSigned: { done: true }, pricingAgreed: { notes: 'Net 30, 4 % rebate' }, firstReviewDate: { date: '2027-01-15' } });
    expect(merged.contractSigned).toEqual({ done: true, notes: null });
    expect(merged.pricingAgreed).toEqual({ done: false, notes: 'Net 30, 4 % rebate' });
    expect(merged.firstReviewDate).toEqual({ done: false, notes: null, date: '2027-01-15' });
    expect(stored.contractSigned.done).toBe(false);
    expect(mergeChecklist(merged, { contractSigned: { notes: 'signed 1 Dec' } }).contractSigned).toEqual({ done: true, notes: 'signed 1 Dec' });
    expect(mergeChecklist(merged, undefined)).toEqual(merged);
    expect(mergeChecklist(merged, { firstReviewDate: { date: null } }).firstReviewDate.date).toBeNull();
  });

  it('lists the items still open, in checklist order', () => {
    const list = mergeChecklist(emptyChecklist(), { keyContactsIntroduced: { done: true }, firstReviewDate: { done: true, date: '2027-01-15' } });
    expect(missingItems(list)).toEqual(['contractSigned', 'openCommitments', 'pricingAgreed']);
    const all = mergeChecklist(list, { contractSigned: { done: true }, openCommitments: { done: true }, pricingAgreed: { done: true } });
    expect(missingItems(all)).toEqual([]);
  });

  it('needs a date to tick the first review, and never a past one', () => {
    expect(checklistProblems(mergeChecklist(emptyChecklist(), { firstReviewDate: { done: true } }), '2026-11-23')).toEqual([
      { path: 'checklist.firstReviewDate.date', message: 'give the date before ticking the first review' },
    ]);
    expect(checklistProblems(mergeChecklist(emptyChecklist(), { firstReviewDate: { date: '2026-11-22' } }), '2026-11-23')[0]?.message).toMatch(/past/);
    expect(checklistProblems(mergeChecklist(emptyChecklist(), { firstReviewDate: { done: true, date: '2026-11-23' } }), '2026-11-23')).toEqual([]);
    expect(checklistProblems(emptyChecklist(), '2026-11-23')).toEqual([]);
  });
});

describe('handover states', () => {
  it('acts only on pending handovers', () => {
    for (const action of ['change', 'accept', 'return', 'cancel'] as const) {
      expect(canApply('pending', action)).toBe(true);
      for (const state of ['accepted', 'returned', 'cancelled'] as const) expect(canApply(state, action)).toBe(false);
    }
    expect(stateAfter).toEqual({ accept: 'accepted', return: 'returned', cancel: 'cancelled' });
  });

  it('hands over prospects and onboarding accounts only', () => {
    expect(canHandOverFrom('prospect')).toBe(true);
    expect(canHandOverFrom('onboarding')).toBe(true);
    for (const stage of ['active', 'at_risk', 'churned', '']) expect(canHandOverFrom(stage)).toBe(false);
  });
});
