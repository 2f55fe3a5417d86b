import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, type Credit, type Split, type Statement } from './engine.ts';
import type { Plan, Tier } from './plan.ts';

const Q1 = { from: '2027-01-01', to: '2027-03-31' };
const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => new Big(n).div(100).toFixed(2));
const amount = fc.integer({ min: 0, max: 50_000_000 }).map((n) => new Big(n).div(100).toFixed(2));
const day = fc.integer({ min: 1, max: 90 }).map((n) => new Date(Date.UTC(2027, 0, n)).toISOString().slice(0, 10));
const credits = fc.array(fc.record({ date: day, amount }), { minLength: 0, maxLength: 25 }).map((list) => list.map((c, i): Credit => ({ id: `D-${i}`, ...c })));
const rate = fc.integer({ min: 0, max: 3000 }).map((n) => new Big(n).div(10000).toString());

/** Ascending boundaries from 0 and ascending rates: tiers whose rates never fall. */
const ascendingTiers = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 0, maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 5, maxLength: 5 }))
  .map(([bounds, steps]): Tier[] => {
    const sorted = [...bounds].sort((a, b) => a - b).map(String);
    let r = 0;
    const rates = steps.map((s) => new Big((r += s)).div(10000).toString());
    const edges = ['0', ...sorted];
    return edges.map((from, i) => ({ from, to: edges[i + 1] ?? null, rate: rates[i]! }));
  });

const plan = (extra: Partial<Plan>): Plan => ({ currency: 'EUR', periodType: 'quarter', components: [], ...extra });
const sumLines = (s: Statement) => s.lines.filter((l) => l.kind !== 'award').reduce((t, l) => t.plus(l.amount), new Big(0));

describe('compensation engine properties', () => {
  it('marginal ≤ retroactive for ascending rates', () => {
    fc.assert(
      fc.property(ascendingTiers, credits, (tiers, list) => {
        const pay = (method: 'marginal' | 'retroactive') =>
          simulate({ plan: plan({ components: [{ type: 'tiered', on: 'amount', method, tiers }] }), periods: Q1, credits: list }).statements[0]!.paid;
        expect(new Big(pay('marginal')).lte(pay('retroactive'))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('splits conserve credit: revenue shares sum to the credit; overlays add their share on top', () => {
    const shares = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 }).map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      // integer parts of 10,000 that sum exactly: the last takes the remainder
      const parts = weights.map((w) => Math.floor((w * 10000) / total));
      parts[parts.length - 1]! += 10000 - parts.reduce((a, b) => a + b, 0);
      return parts.filter((p) => p > 0).map((p) => new Big(p).div(10000).toString());
    });
    fc.assert(
      fc.property(amount, shares, fc.option(fc.integer({ min: 1, max: 10000 })), (value, revenueShares, overlay) => {
        const splits: Split[] = revenueShares.map((share, i) => ({ payee: `p${i}`, type: 'revenue', share }));
        if (overlay) splits.push({ payee: 'overlay', type: 'overlay', share: new Big(overlay).div(10000).toString() });
        const statements = simulate({ plan: plan({ components: [{ type: 'flat', rate: '0' }] }), periods: Q1, credits: [{ id: 'D-1', date: '2027-02-01', amount: value, splits }] }).statements;
        const revenueCredit = statements.filter((s) => s.payee !== 'overlay').reduce((t, s) => t.plus(s.credit), new Big(0));
        // statement credits are rounded to cents; the exact shares sum to the amount
        expect(revenueCredit.minus(value).abs().lte(new Big('0.01').times(revenueShares.length))).toBe(true);
        const exact = revenueShares.reduce((t, share) => t.plus(new Big(value).times(share)), new Big(0));
        expect(exact.eq(value)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a payout cap is never exceeded', () => {
    fc.assert(
      fc.property(ascendingTiers, credits, cents(5_000_000), rate, (tiers, list, cap, flatRate) => {
        const statements = simulate({
          plan: plan({ quota: '100000', components: [{ type: 'tiered', on: 'amount', method: 'marginal', tiers }, { type: 'flat', rate: flatRate }, { type: 'bonus', whenAttainmentAtLeast: '0.5', amount: '1000.00' }], cap: { payout: cap } }),
          periods: Q1,
          credits: list,
        }).statements;
        for (const s of statements) expect(new Big(s.gross).minus(s.base).lte(cap)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the sum of rounded lines equals the statement total', () => {
    const full = (r: string, rounding: 'halfUp' | 'halfEven'): Plan =>
      plan({
        periodType: 'month',
        rounding,
        base: { annual: '50000.00' },
        quota: '30000',
        components: [{ type: 'flat', rate: r }, { type: 'tiered', on: 'attainment', method: 'retroactive', tiers: [{ from: '0', to: '1', rate: '0.013' }, { from: '1', to: null, rate: '0.0333' }] }, { type: 'award', description: 'Trip', value: '500.00' }],
        clawback: { onRefund: true, windowDays: 40 },
        deferral: { rate: '0.15', releaseAfterPeriods: 1 },
        draw: { type: 'recoverable', amount: '700.00', periods: 2 },
      });
    const refunded = fc.array(fc.record({ date: day, amount, refundDays: fc.option(fc.integer({ min: 0, max: 60 })), refundShare: fc.integer({ min: 0, max: 100 }) }), { maxLength: 20 }).map((list) =>
      list.map((c, i): Credit => ({
        id: `D-${i}`,
        date: c.date,
        amount: c.amount,
        ...(c.refundDays !== null
          ? { refund: { date: new Date(Date.parse(c.date) + c.refundDays * 86_400_000).toISOString().slice(0, 10), amount: new Big(c.amount).times(c.refundShare).div(100).round(2, Big.roundDown).toFixed(2) } }
          : {}),
      })),
    );
    fc.assert(
      fc.property(rate, fc.constantFrom('halfUp' as const, 'halfEven' as const), refunded, fc.constantFrom('EUR', 'SEK'), (r, rounding, list, payout) => {
        const statements = simulate({
          plan: full(r, rounding),
          periods: { from: '2027-01-01', to: '2027-05-31' },
          credits: list,
          payoutCurrency: payout,
          fxRates: [{ from: 'EUR', to: 'SEK', rate: '11.4377', effectiveFrom: '2026-01-01' }],
        }).statements;
        for (const s of statements) {
          expect(sumLines(s).toFixed(2)).toBe(s.paid);
          for (const line of s.lines) expect(line.amount).toMatch(/^-?\d+\.\d{2}$/);
          expect(new Big(s.base).gte(0)).toBe(true);
          expect(new Big(s.paid).gte(s.base)).toBe(true); // base is never reduced
        }
      }),
      {
        numRuns: 150,
        // Once found by this property: a negative net carried forward in a payout currency.
        examples: [['0.144', 'halfUp', [{ id: 'D-0', date: '2027-02-28', amount: '22974.46', refund: { date: '2027-04-01', amount: '2527.19' } }, { id: 'D-1', date: '2027-02-01', amount: '7025.54' }], 'SEK']],
      },
    );
  });
});
