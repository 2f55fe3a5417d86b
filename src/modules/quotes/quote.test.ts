import { describe, expect, it } from 'vitest';
import { allowedActions, approvalReasons, describeReason, isEditable, lineFigures, quoteTotals, transition, type LineInput } from './quote.ts';

const line = (over: Partial<LineInput> = {}): LineInput => ({ quantity: 3, listPrice: 12000n, agreedPrice: 10800n, discountRate: '0', unitCost: 6000n, ...over });
const settings = { discountThreshold: '0.15', marginFloor: '0.2' };

describe('lineFigures', () => {
  it('agreed price less the manual discount, times the quantity; margin from the unit cost', () => {
    // 108.00 × 0.95 = 102.60; × 3 = 307.80; cost 180.00; margin 127.80 / 307.80 = 0.41520…
    expect(lineFigures(line({ discountRate: '0.05' }))).toEqual({ unitPrice: 10260n, lineTotal: 30780n, costTotal: 18000n, margin: '0.4152' });
  });
  it('rounds the discounted unit price half-up before multiplying', () => {
    // 9.99 × (1 − 0.125) = 8.74125 → 8.74; × 7 = 61.18
    expect(lineFigures(line({ agreedPrice: 999n, discountRate: '0.125', quantity: 7, unitCost: null }))).toEqual({ unitPrice: 874n, lineTotal: 6118n, costTotal: null, margin: null });
  });
  it('a free line has no margin to speak of; a loss is a negative margin', () => {
    expect(lineFigures(line({ discountRate: '1' })).margin).toBeNull();
    expect(lineFigures(line({ agreedPrice: 5000n })).margin).toBe('-0.2');
  });
});

describe('quoteTotals', () => {
  it('sums list, net, discount and cost; margin only over costed lines', () => {
    const a = line({ discountRate: '0.05' });
    const b = line({ quantity: 1, listPrice: null, agreedPrice: 5000n, unitCost: null });
    const totals = quoteTotals([{ ...a, ...lineFigures(a) }, { ...b, ...lineFigures(b) }]);
    // list 360.00 + 50.00 (agreed, no list price); net 307.80 + 50.00; margin over line a only
    expect(totals).toEqual({ listTotal: 41000n, total: 35780n, discountTotal: 5220n, costTotal: 18000n, margin: '0.4152' });
  });
  it('no costs: no margin', () => {
    const a = line({ unitCost: null });
    expect(quoteTotals([{ ...a, ...lineFigures(a) }]).margin).toBeNull();
    expect(quoteTotals([])).toEqual({ listTotal: 0n, total: 0n, discountTotal: 0n, costTotal: null, margin: null });
  });
});

describe('approvalReasons', () => {
  const totals = (margin: string | null) => ({ listTotal: 0n, total: 0n, discountTotal: 0n, costTotal: null, margin });
  it('a discount exactly at the threshold needs no approval; just beyond it does', () => {
    expect(approvalReasons([{ position: 1, discountRate: '0.15' }], totals('0.3'), settings)).toEqual([]);
    expect(approvalReasons([{ position: 1, discountRate: '0.150001' }, { position: 2, discountRate: '0.5' }], totals('0.3'), settings)).toEqual([
      { kind: 'discount', position: 1, rate: '0.150001', threshold: '0.15' },
      { kind: 'discount', position: 2, rate: '0.5', threshold: '0.15' },
    ]);
  });
  it('a margin exactly at the floor is fine; below it needs approval; no margin is not checked', () => {
    expect(approvalReasons([], totals('0.2'), settings)).toEqual([]);
    expect(approvalReasons([], totals('0.1999'), settings)).toEqual([{ kind: 'margin', margin: '0.1999', floor: '0.2' }]);
    expect(approvalReasons([], totals(null), settings)).toEqual([]);
  });
  it('says why in words', () => {
    expect(describeReason({ kind: 'discount', position: 2, rate: '0.25', threshold: '0.15' })).toBe('Line 2: a 25 % discount is beyond the 15 % threshold');
    expect(describeReason({ kind: 'margin', margin: '0.125', floor: '0.2' })).toBe('The margin of 12.5 % is below the 20 % floor');
  });
});

describe('transition', () => {
  it.each([
    ['draft', 'submit', false, 'submitted'],
    ['draft', 'send', false, 'sent'],
    ['rejected', 'submit', false, 'submitted'],
    ['submitted', 'approve', true, 'approved'],
    ['submitted', 'reject', true, 'rejected'],
    ['approved', 'send', true, 'sent'],
    ['sent', 'accept', true, 'accepted'],
    ['sent', 'decline', false, 'declined'],
  ] as const)('%s --%s--> (needs approval %s) %s', (from, action, needsApproval, to) => {
    expect(transition(from, action, needsApproval)).toEqual({ to });
  });
  it.each([
    ['draft', 'send', true, 'This quote needs approval before it is sent: submit it'],
    ['draft', 'approve', true, 'The quote is draft; only a submitted quote can be approved'],
    ['approved', 'approve', true, 'The quote is approved; only a submitted quote can be approved'],
    ['accepted', 'decline', false, 'The quote is accepted; only a sent quote can be declined'],
    ['submitted', 'send', true, 'The quote is submitted; only a draft or approved quote can be sent'],
    ['declined', 'submit', false, 'The quote is declined; only a draft or rejected quote can be submitted'],
  ] as const)('refuses %s --%s--> (needs approval %s)', (from, action, needsApproval, why) => {
    expect(transition(from, action, needsApproval)).toEqual({ refused: why });
  });
  it('lists the allowed actions and what may be edited', () => {
    expect(allowedActions('draft', false)).toEqual(['submit', 'send']);
    expect(allowedActions('draft', true)).toEqual(['submit']);
    expect(allowedActions('submitted', true)).toEqual(['approve', 'reject']);
    expect(allowedActions('accepted', false)).toEqual([]);
    expect(['draft', 'rejected', 'submitted', 'sent'].map((s) => isEditable(s as never))).toEqual([true, true, false, false]);
  });
});
