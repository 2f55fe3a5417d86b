import { describe, expect, it } from 'vitest';
import { periodsBetween, simulate, SimulationError, type Credit, type SimulationInput, type Statement } from './engine.ts';
import { validatePlan, type Plan } from './plan.ts';

const Q1 = { from: '2027-01-01', to: '2027-03-31' };
const plan = (extra: Partial<Plan> = {}): Plan => ({ currency: 'EUR', periodType: 'quarter', components: [], ...extra });
const flat = (rate: string) => ({ type: 'flat' as const, rate });
const credit = (id: string, amount: string, date = '2027-02-01', extra: Partial<Credit> = {}): Credit => ({ id, date, amount, ...extra });
const run = (input: Partial<SimulationInput> & { plan: SimulationInput['plan'] }): Statement[] => simulate({ periods: Q1, credits: [], ...input }).statements;
const one = (input: Partial<SimulationInput> & { plan: SimulationInput['plan'] }): Statement => {
  const statements = run(input);
  expect(statements).toHaveLength(1);
  return statements[0]!;
};
const errorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof SimulationError) return error.errors;
    throw error;
  }
  throw new Error('expected a SimulationError');
};
const amounts = (s: Statement, kind: string) => s.lines.filter((l) => l.kind === kind).map((l) => l.amount);
const marginal = { type: 'tiered' as const, on: 'amount' as const, method: 'marginal' as const, tiers: [{ from: '0', to: '50000', rate: '0.03' }, { from: '50000', to: null, rate: '0.05' }] };
const onAttainment = { type: 'tiered' as const, on: 'attainment' as const, method: 'marginal' as const, tiers: [{ from: '0', to: '1.0', rate: '0.05' }, { from: '1.0', to: null, rate: '0.09' }] };

describe('the worked examples of COMP-PLANS.md', () => {
  it('1. flat 4 % on 52,000.00 → 2,080.00', () => {
    const s = one({ plan: plan({ components: [flat('0.04')] }), credits: [credit('D-1', '52000.00')] });
    expect(s.paid).toBe('2080.00');
    expect(s.lines[0]).toEqual({ kind: 'commission', creditId: 'D-1', amount: '2080.00', explanation: 'D-1 · 52,000.00 × 4 % (flat)' });
  });

  it('2. marginal 3,000.00 and retroactive 4,000.00 on 80,000.00', () => {
    expect(one({ plan: plan({ components: [marginal] }), credits: [credit('D-1', '80000.00')] }).paid).toBe('3000.00');
    expect(one({ plan: plan({ components: [{ ...marginal, method: 'retroactive' }] }), credits: [credit('D-1', '80000.00')] }).paid).toBe('4000.00');
  });

  it('3. attainment tiers 7,700.00, capped at 6,000.00', () => {
    const s = one({ plan: plan({ quota: '100000', components: [onAttainment] }), credits: [credit('D-1', '130000.00')] });
    expect(s.paid).toBe('7700.00');
    expect(s.attainment).toBe('1.3000');
    expect(s.lines[0]!.explanation).toBe('D-1 · 100,000.00 × 5 % (tier 1 of 2, marginal) + 30,000.00 × 9 % (tier 2 of 2, marginal)');
    const capped = one({ plan: plan({ quota: '100000', components: [onAttainment], cap: { payout: '6000.00' } }), credits: [credit('D-1', '130000.00')] });
    expect(capped.paid).toBe('6000.00');
    expect(capped.gross).toBe('6000.00');
    expect(amounts(capped, 'cap')).toEqual(['-1700.00']);
  });

  it('4. gate 0.50 first-dollar: 49,999.99 → 0.00, 50,000.00 → 3,000.00', () => {
    const gated = plan({ quota: '100000', components: [flat('0.06')], gate: { attainmentAtLeast: '0.50', payFrom: 'firstDollar' } });
    const below = one({ plan: gated, credits: [credit('D-1', '49999.99')] });
    expect(below.paid).toBe('0.00');
    expect(below.lines[0]!.explanation).toContain('below the gate 50 %');
    expect(one({ plan: gated, credits: [credit('D-1', '50000.00')] }).paid).toBe('3000.00');
  });

  it('5. a 70/30 revenue split of 10,000.00 at 10 % → 700.00 and 300.00; 70/40 rejected', () => {
    const splits = [{ payee: 'ann', type: 'revenue' as const, share: '0.70' }, { payee: 'bob', type: 'revenue' as const, share: '0.30' }];
    const statements = run({ plan: plan({ components: [flat('0.10')] }), credits: [credit('D-1', '10000.00', '2027-02-01', { splits })] });
    expect(statements.map((s) => [s.payee, s.paid])).toEqual([['ann', '700.00'], ['bob', '300.00']]);
    const bad = [{ payee: 'ann', type: 'revenue' as const, share: '0.70' }, { payee: 'bob', type: 'revenue' as const, share: '0.40' }];
    const errors = errorsOf(() => run({ plan: plan({ components: [flat('0.10')] }), credits: [credit('D-1', '10000.00', '2027-02-01', { splits: bad })] }));
    expect(errors).toEqual([{ path: 'credits[0].splits', message: 'revenue splits total 1.1 (110 %); they must total exactly 1 (100 %) — overlay splits may add beyond it' }]);
  });

  it('a refund line of −61.725 rounds to −61.73 (half away from zero)', () => {
    // 2,469.00 × 5 % = 123.45 paid; half refunded → −61.725 → −61.73
    const s = one({
      plan: plan({ components: [flat('0.05')], clawback: { onRefund: true, windowDays: 120 } }),
      credits: [credit('D-9', '2469.00', '2027-01-10', { refund: { date: '2027-02-10', amount: '1234.50' } })],
    });
    expect(amounts(s, 'commission')).toEqual(['123.45']);
    expect(amounts(s, 'clawback')).toEqual(['-61.73']);
    expect(s.clawback).toBe('-61.73');
    expect(s.paid).toBe('61.72');
  });
});

describe('plan validation', () => {
  const valid = plan({ components: [marginal] });
  it('accepts the example of the contract', () => {
    const example = {
      name: 'Key Account Manager 2027', currency: 'EUR', periodType: 'quarter', effectiveFrom: '2027-01-01', effectiveTo: null, rounding: 'halfUp', measure: 'bookings',
      base: { annual: '72000.00' }, quota: '150000.00', targetIncentive: '15000.00', proration: 'calendarDays',
      components: [
        { type: 'tiered', on: 'attainment', method: 'marginal', tiers: [{ from: '0', to: '1.0', rate: '0.07' }, { from: '1.0', to: null, rate: '0.11' }] },
        { type: 'bonus', whenAttainmentAtLeast: '1.00', amount: '2500.00' },
        { type: 'profitShare', rate: '0.01', of: 'grossProfit' },
        { type: 'award', description: 'Club trip', value: '3000.00' },
      ],
      gate: { attainmentAtLeast: '0.40', payFrom: 'firstDollar' }, cap: { payout: '30000.00' }, clawback: { onRefund: true, windowDays: 120 },
      draw: { type: 'recoverable', amount: '2000.00', periods: 2 }, deferral: { rate: '0.20', releaseAfterPeriods: 4 },
    };
    expect(validatePlan(example)).toEqual([]);
    expect(validatePlan(valid)).toEqual([]);
  });
  it.each([
    ['not an object', 42, 'plan', 'must be an object'],
    ['bad period type', { ...valid, periodType: 'week' }, 'periodType', 'must be one of "month", "quarter", "year"'],
    ['bad measure', { ...valid, measure: 'profit' }, 'measure', 'must be one of'],
    ['bad currency', { ...valid, currency: 'EURO' }, 'currency', 'ISO 4217'],
    ['unknown field', { ...valid, roundng: 'halfUp' }, 'roundng', 'is not a known field'],
    ['bad rounding', { ...valid, rounding: 'up' }, 'rounding', 'must be one of'],
    ['rate as a number', { ...valid, components: [{ type: 'flat', rate: 0.05 }] }, 'components[0].rate', 'not a JSON number'],
    ['unknown component', { ...valid, components: [{ type: 'spiff' }] }, 'components[0].type', 'must be one of'],
    ['tiers not from 0', { ...valid, components: [{ ...marginal, tiers: [{ from: '1', to: '5', rate: '0.1' }, { from: '5', to: null, rate: '0.2' }] }] }, 'components[0].tiers[0].from', 'start at "0"'],
    ['a gap between tiers', { ...valid, components: [{ ...marginal, tiers: [{ from: '0', to: '5', rate: '0.1' }, { from: '6', to: null, rate: '0.2' }] }] }, 'components[0].tiers[1].from', 'contiguous'],
    ['descending tier', { ...valid, components: [{ ...marginal, tiers: [{ from: '0', to: '5', rate: '0.1' }, { from: '5', to: '3', rate: '0.1' }, { from: '3', to: null, rate: '0.2' }] }] }, 'components[0].tiers[1].to', 'greater than from'],
    ['open tier not last', { ...valid, components: [{ ...marginal, tiers: [{ from: '0', to: null, rate: '0.1' }, { from: '5', to: null, rate: '0.2' }] }] }, 'components[0].tiers[0].to', 'only the last tier'],
    ['bounded last tier', { ...valid, components: [{ ...marginal, tiers: [{ from: '0', to: '5', rate: '0.1' }] }] }, 'components[0].tiers[0].to', 'open-ended'],
    ['no tiers', { ...valid, components: [{ ...marginal, tiers: [] }] }, 'components[0].tiers', 'non-empty'],
    ['bad method', { ...valid, components: [{ ...marginal, method: 'stepped' }] }, 'components[0].method', 'must be one of'],
    ['bad on', { ...valid, components: [{ ...marginal, on: 'margin' }] }, 'components[0].on', 'must be one of'],
    ['bonus amount too fine', { ...valid, components: [{ type: 'bonus', whenAttainmentAtLeast: '1', amount: '1.005' }] }, 'components[0].amount', 'at most 2 decimal places'],
    ['profit share of what', { ...valid, components: [{ type: 'profitShare', rate: '0.01', of: 'revenue' }] }, 'components[0].of', 'must be one of'],
    ['award without description', { ...valid, components: [{ type: 'award', value: '100.00' }] }, 'components[0].description', 'text'],
    ['gate payFrom', { ...valid, gate: { attainmentAtLeast: '0.5', payFrom: 'later' } }, 'gate.payFrom', 'must be one of'],
    ['cap with both', { ...valid, cap: { payout: '1.00', attainment: '2.0' } }, 'cap', 'exactly one'],
    ['cap with neither', { ...valid, cap: {} }, 'cap', 'exactly one'],
    ['clawback window', { ...valid, clawback: { onRefund: true, windowDays: -1 } }, 'clawback.windowDays', 'whole number'],
    ['draw type', { ...valid, draw: { type: 'loan', amount: '1.00', periods: 1 } }, 'draw.type', 'must be one of'],
    ['draw periods', { ...valid, draw: { type: 'recoverable', amount: '1.00', periods: 0 } }, 'draw.periods', 'whole number'],
    ['deferral over 100 %', { ...valid, deferral: { rate: '1.5', releaseAfterPeriods: 1 } }, 'deferral.rate', 'at most 1'],
    ['effectiveTo before from', { ...valid, effectiveFrom: '2027-02-01', effectiveTo: '2027-01-01' }, 'effectiveTo', 'not be before'],
    ['bad date', { ...valid, effectiveFrom: '2027-02-30' }, 'effectiveFrom', 'YYYY-MM-DD'],
    ['proration', { ...valid, proration: 'workingDays' }, 'proration', 'must be one of'],
    ['components missing', { currency: 'EUR', periodType: 'month' }, 'components', 'array'],
  ])('rejects %s', (_name, input, path, message) => {
    const errors = validatePlan(input);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toContain(message);
  });
  it('versions must not overlap and must share currency and period type', () => {
    const a = { ...valid, effectiveFrom: '2027-01-01', effectiveTo: '2027-06-30' };
    const b = { ...valid, effectiveFrom: '2027-07-01', effectiveTo: null };
    expect(validatePlan([b, a])).toEqual([]);
    expect(validatePlan([a, { ...b, effectiveFrom: '2027-06-30' }])[0]).toMatchObject({ path: '[1].effectiveFrom', message: expect.stringContaining('overlaps version [0]') });
    expect(validatePlan([{ ...a, effectiveTo: null }, b])[0]!.message).toContain('overlaps');
    expect(validatePlan([a, { ...b, currency: 'USD' }])[0]!.path).toBe('[1].currency');
    expect(validatePlan([a, { ...b, periodType: 'month' }])[0]!.path).toBe('[1].periodType');
    expect(validatePlan([a, { ...b, effectiveFrom: undefined }])[0]!.path).toBe('[1].effectiveFrom');
    expect(validatePlan([])[0]!.message).toContain('non-empty');
  });
  it('simulate reports plan errors under "plan"', () => {
    expect(errorsOf(() => run({ plan: { ...valid, periodType: 'week' } as never }))[0]!.path).toBe('plan.periodType');
    expect(errorsOf(() => run({ plan: [valid, { ...valid, currency: 'USD' }] as never }))[0]!.path).toBe('plan[0].effectiveFrom');
  });
});

describe('periods', () => {
  it('are calendar months, quarters and years covering the range', () => {
    expect(periodsBetween('2027-02-15', '2027-03-01', 'month').map((p) => [p.from, p.to, p.label])).toEqual([['2027-02-01', '2027-02-28', '2027-02'], ['2027-03-01', '2027-03-31', '2027-03']]);
    expect(periodsBetween('2027-05-05', '2027-12-31', 'quarter').map((p) => p.label)).toEqual(['2027-Q2', '2027-Q3', '2027-Q4']);
    expect(periodsBetween('2027-05-05', '2028-01-01', 'year').map((p) => [p.from, p.to])).toEqual([['2027-01-01', '2027-12-31'], ['2028-01-01', '2028-12-31']]);
    expect(periodsBetween('2028-02-01', '2028-02-01', 'month')[0]!.to).toBe('2028-02-29');
  });
});

describe('tiers', () => {
  it('an amount exactly on a boundary belongs to the upper tier', () => {
    const retro = { ...marginal, method: 'retroactive' as const };
    expect(one({ plan: plan({ components: [retro] }), credits: [credit('D-1', '50000.00')] }).paid).toBe('2500.00');
    expect(one({ plan: plan({ components: [retro] }), credits: [credit('D-1', '49999.99')] }).paid).toBe('1500.00');
    expect(one({ plan: plan({ components: [marginal] }), credits: [credit('D-1', '50000.00')] }).paid).toBe('1500.00');
  });
  it('marginal tiers follow the running period total across credits, one line per credit', () => {
    const s = one({ plan: plan({ components: [marginal] }), credits: [credit('D-2', '30000.00', '2027-02-02'), credit('D-1', '30000.00', '2027-02-01')] });
    expect(s.lines.map((l) => [l.creditId, l.amount, l.explanation])).toEqual([
      ['D-1', '900.00', 'D-1 · 30,000.00 × 3 % (tier 1 of 2, marginal)'],
      ['D-2', '1100.00', 'D-2 · 20,000.00 × 3 % (tier 1 of 2, marginal) + 10,000.00 × 5 % (tier 2 of 2, marginal)'],
    ]);
  });
  it('retroactive: the period total sets one rate for every credit', () => {
    const s = one({ plan: plan({ components: [{ ...marginal, method: 'retroactive' }] }), credits: [credit('D-1', '30000.00', '2027-01-05'), credit('D-2', '30000.00', '2027-03-05')] });
    expect(amounts(s, 'commission')).toEqual(['1500.00', '1500.00']);
    expect(s.lines[0]!.explanation).toBe('D-1 · 30,000.00 × 5 % (tier 2 of 2, retroactive: period credit 60,000.00)');
  });
  it('attainment tiers need a quota; the request quota overrides the plan', () => {
    expect(errorsOf(() => run({ plan: plan({ components: [onAttainment] }), credits: [credit('D-1', '1.00')] }))[0]).toMatchObject({ path: 'quota' });
    expect(one({ plan: plan({ quota: '1', components: [onAttainment] }), quota: '100000', credits: [credit('D-1', '130000.00')] }).paid).toBe('7700.00');
  });
});

describe('gate, cap, bonus, profit share, award', () => {
  it('a threshold gate pays only on credit above the gate level', () => {
    const s = one({ plan: plan({ quota: '100000', components: [flat('0.06')], gate: { attainmentAtLeast: '0.50', payFrom: 'threshold' } }), credits: [credit('D-1', '40000.00', '2027-01-02'), credit('D-2', '30000.00', '2027-01-03')] });
    expect(amounts(s, 'commission')).toEqual(['0.00', '1200.00']);
    expect(s.lines[1]!.explanation).toContain('paid only above the gate threshold 50,000.00');
  });
  it('an attainment cap ignores credit beyond it', () => {
    const s = one({ plan: plan({ quota: '10000', components: [flat('0.10')], cap: { attainment: '2.0' } }), credits: [credit('D-1', '15000.00', '2027-01-02'), credit('D-2', '10000.00', '2027-01-03')] });
    expect(amounts(s, 'commission')).toEqual(['1500.00', '500.00']);
    expect(s.attainment).toBe('2.5000');
  });
  it('bonus at the level, gated with the rest; award shown but never cash', () => {
    const p = plan({ quota: '100000', components: [flat('0.01'), { type: 'bonus', whenAttainmentAtLeast: '1.00', amount: '2500.00' }, { type: 'award', description: 'Club trip', value: '4000.00' }] });
    const s = one({ plan: p, credits: [credit('D-1', '100000.00')] });
    expect(amounts(s, 'bonus')).toEqual(['2500.00']);
    expect(amounts(s, 'award')).toEqual(['4000.00']);
    expect(s.paid).toBe('3500.00');
    expect(s.gross).toBe('3500.00');
    expect(s.nonCash).toBe('4000.00');
    const short = one({ plan: p, credits: [credit('D-1', '99999.99')] });
    expect(amounts(short, 'bonus')).toEqual([]);
    expect(amounts(short, 'award')).toEqual([]);
  });
  it('profit share pays a rate of the credited gross profit', () => {
    const s = one({ plan: plan({ components: [{ type: 'profitShare', rate: '0.01', of: 'grossProfit' }] }), credits: [credit('D-1', '10000.00', '2027-01-02', { grossProfit: '3333.33' }), credit('D-2', '1.00')] });
    expect(s.lines).toEqual([{ kind: 'profitShare', creditId: 'D-1', amount: '33.33', explanation: 'D-1 · gross profit 3,333.33 × 1 % (profit share)' }]);
  });
  it('a gross-profit measure credits gross profit and requires it', () => {
    const p = plan({ measure: 'grossProfit', components: [flat('0.10')] });
    expect(one({ plan: p, credits: [credit('D-1', '10000.00', '2027-01-02', { grossProfit: '2000.00' })] }).credit).toBe('2000.00');
    expect(errorsOf(() => run({ plan: p, credits: [credit('D-1', '10000.00')] }))[0]!.path).toBe('credits[0].grossProfit');
  });
});

describe('rounding', () => {
  it('rounds once per line, half up by default and half even when the plan says', () => {
    const credits = [credit('D-1', '0.50', '2027-01-02'), credit('D-2', '0.50', '2027-01-03'), credit('D-3', '1.50', '2027-01-04')];
    const up = one({ plan: plan({ components: [flat('0.05')] }), credits: credits.map((c) => ({ ...c, amount: c.amount === '1.50' ? '0.70' : '0.50' })) });
    expect(amounts(up, 'commission')).toEqual(['0.03', '0.03', '0.04']); // 0.025 → 0.03, 0.035 → 0.04
    expect(up.paid).toBe('0.10');
    const even = one({ plan: plan({ rounding: 'halfEven', components: [flat('0.05')] }), credits: credits.map((c) => ({ ...c, amount: c.amount === '1.50' ? '0.70' : '0.50' })) });
    expect(amounts(even, 'commission')).toEqual(['0.02', '0.02', '0.04']);
  });
  it('zero-decimal currencies round to whole units', () => {
    expect(one({ plan: plan({ currency: 'JPY', components: [flat('0.015')] }), credits: [credit('D-1', '1100')] }).paid).toBe('17');
  });
});

describe('proration and base', () => {
  it('base is annual ÷ periods per year', () => {
    const s = one({ plan: plan({ base: { annual: '72000.00' } }) });
    expect(s.base).toBe('18000.00');
    expect(s.lines[0]!.explanation).toBe('Base 72,000.00 ÷ 4');
  });
  it('a payee who starts or leaves inside a period gets base and quota by calendar days, both ends inclusive', () => {
    const s = one({ plan: plan({ base: { annual: '72000.00' }, quota: '90000.00', components: [flat('0.01')] }), payees: [{ id: 'ann', startDate: '2027-02-01' }] });
    // Q1 2027 has 90 days; 1 Feb–31 Mar is 59
    expect(s.base).toBe('11800.00');
    expect(s.quota).toBe('59000.00');
    expect(s.lines[0]!.explanation).toBe('Base 72,000.00 ÷ 4 × 59/90 days');
    const leaver = one({ plan: plan({ base: { annual: '36000.00' } }), payees: [{ id: 'bob', endDate: '2027-01-01' }] });
    expect(leaver.base).toBe('100.00');
  });
  it('no statement for a period the payee is not employed in, and no credit outside employment', () => {
    const statements = run({ plan: plan({ periodType: 'month', components: [flat('0.10')] }), periods: { from: '2027-01-01', to: '2027-03-31' }, payees: [{ id: 'ann', startDate: '2027-02-10' }], credits: [credit('D-1', '100.00', '2027-02-09'), credit('D-2', '100.00', '2027-02-10')] });
    expect(statements.map((s) => [s.period.from, s.paid])).toEqual([['2027-02-01', '10.00'], ['2027-03-01', '0.00']]);
  });
  it('proration none pays the full period', () => {
    expect(one({ plan: plan({ proration: 'none', base: { annual: '72000.00' } }), payees: [{ id: 'ann', startDate: '2027-03-01' }] }).base).toBe('18000.00');
  });
});

describe('clawbacks', () => {
  const p = plan({ periodType: 'month', components: [flat('0.10')], clawback: { onRefund: true, windowDays: 30 } });
  const months = { from: '2027-01-01', to: '2027-02-28' };
  it('reverse the commission in the period of the refund, without reducing attainment', () => {
    const q = plan({ periodType: 'month', quota: '10000', components: [flat('0.10')], clawback: { onRefund: true, windowDays: 30 } });
    const [jan, feb] = run({ plan: q, periods: months, credits: [credit('D-1', '1000.00', '2027-01-20', { refund: { date: '2027-02-19', amount: '400.00' } })] });
    expect(jan!.paid).toBe('100.00');
    expect(amounts(feb!, 'clawback')).toEqual(['-40.00']);
    expect(feb!.lines[0]!.explanation).toBe('D-1 · refund 400.00 of 1,000.00 on 2027-02-19 (30 days after the credit): −(100.00 paid × 400.00 ÷ 1,000.00)');
    expect(feb!.attainment).toBe('0.0000');
    expect(jan!.attainment).toBe('0.1000');
  });
  it('a refund outside the window claws nothing back', () => {
    const [, feb] = run({ plan: p, periods: months, credits: [credit('D-1', '1000.00', '2027-01-20', { refund: { date: '2027-02-20', amount: '400.00' } })] });
    expect(amounts(feb!, 'clawback')).toEqual(['0.00']);
    expect(feb!.lines[0]!.explanation).toContain('outside the 30-day window');
  });
  it('at the rate it was paid: a retroactive rate is clawed back at that rate', () => {
    const r = plan({ components: [{ ...marginal, method: 'retroactive' }], clawback: { onRefund: true, windowDays: 90 } });
    const s = one({ plan: r, credits: [credit('D-1', '60000.00', '2027-01-05', { refund: { date: '2027-03-01', amount: '60000.00' } })] });
    expect(amounts(s, 'commission')).toEqual(['3000.00']);
    expect(amounts(s, 'clawback')).toEqual(['-3000.00']);
    expect(s.paid).toBe('0.00');
  });
  it('a refund larger than the credit or before it is rejected', () => {
    expect(errorsOf(() => run({ plan: p, credits: [credit('D-1', '10.00', '2027-01-05', { refund: { date: '2027-01-06', amount: '11.00' } })] }))[0]!.path).toBe('credits[0].refund.amount');
    expect(errorsOf(() => run({ plan: p, credits: [credit('D-1', '10.00', '2027-01-05', { refund: { date: '2027-01-04', amount: '1.00' } })] }))[0]!.path).toBe('credits[0].refund.date');
  });
});

describe('negative net carried forward', () => {
  it('pays 0 variable, keeps the base, and nets the balance against later periods', () => {
    const p = plan({ periodType: 'month', base: { annual: '12000.00' }, components: [flat('0.10')], clawback: { onRefund: true, windowDays: 90 } });
    const [jan, feb, mar] = run({
      plan: p,
      periods: { from: '2027-01-01', to: '2027-03-31' },
      credits: [credit('D-1', '1000.00', '2027-01-10', { refund: { date: '2027-02-10', amount: '1000.00' } }), credit('D-2', '300.00', '2027-03-10')],
      payees: [{ id: 'ann' }],
    });
    // January pays 100 commission; the whole refund in February claws back 100 from an empty month
    expect(jan!.paid).toBe('1100.00');
    expect(feb!.paid).toBe('1000.00');
    expect(feb!.carryForward).toBe('-100.00');
    expect(amounts(feb!, 'carryForward')).toEqual(['100.00']);
    expect(mar!.paid).toBe('1000.00'); // 30.00 earned − 100.00 carried → still negative
    expect(mar!.carryForward).toBe('-70.00');
  });
});

describe('draws', () => {
  const months = { from: '2027-01-01', to: '2027-04-30' };
  const credits = [credit('D-1', '5000.00', '2027-01-10'), credit('D-2', '30000.00', '2027-03-10'), credit('D-3', '30000.00', '2027-04-10')];
  it('recoverable: tops up to the draw and recovers from later earnings above it', () => {
    const p = plan({ periodType: 'month', components: [flat('0.10')], draw: { type: 'recoverable', amount: '2000.00', periods: 2 } });
    const statements = run({ plan: p, periods: months, credits });
    expect(statements.map((s) => [s.paid, s.drawAdvanced, s.drawRecovered, s.drawBalance])).toEqual([
      ['2000.00', '1500.00', '0.00', '1500.00'],
      ['2000.00', '2000.00', '0.00', '3500.00'],
      ['2000.00', '0.00', '1000.00', '2500.00'],
      ['2000.00', '0.00', '1000.00', '1500.00'],
    ]);
  });
  it('non-recoverable: the same guarantee with no balance', () => {
    const p = plan({ periodType: 'month', components: [flat('0.10')], draw: { type: 'nonRecoverable', amount: '2000.00', periods: 2 } });
    const statements = run({ plan: p, periods: months, credits });
    expect(statements.map((s) => [s.paid, s.drawAdvanced, s.drawRecovered])).toEqual([
      ['2000.00', '1500.00', '0.00'],
      ['2000.00', '2000.00', '0.00'],
      ['3000.00', '0.00', '0.00'],
      ['3000.00', '0.00', '0.00'],
    ]);
  });
});

describe('deferral', () => {
  const p = plan({ periodType: 'month', components: [flat('0.10')], deferral: { rate: '0.20', releaseAfterPeriods: 2 } });
  it('holds a share and releases it after N periods', () => {
    const statements = run({ plan: p, periods: { from: '2027-01-01', to: '2027-03-31' }, credits: [credit('D-1', '1000.00', '2027-01-10')] });
    expect(statements.map((s) => [s.paid, s.deferred, s.released])).toEqual([['80.00', '20.00', '0.00'], ['0.00', '0.00', '0.00'], ['20.00', '0.00', '20.00']]);
  });
  it('forfeits it when the payee leaves before the release', () => {
    const statements = run({ plan: p, periods: { from: '2027-01-01', to: '2027-03-31' }, payees: [{ id: 'ann', endDate: '2027-02-15' }], credits: [credit('D-1', '1000.00', '2027-01-10')] });
    expect(statements.map((s) => [s.paid, s.deferred, s.released])).toEqual([['80.00', '20.00', '0.00'], ['0.00', '0.00', '0.00']]);
    expect(statements[0]!.lines.find((l) => l.kind === 'deferred')!.explanation).toContain('forfeited');
  });
});

describe('effective-dated versions', () => {
  it('each credit is computed under the version in force on its date; base splits by days', () => {
    const v1 = plan({ effectiveFrom: '2027-01-01', effectiveTo: '2027-02-14', base: { annual: '36000.00' }, components: [flat('0.04')] });
    const v2 = plan({ effectiveFrom: '2027-02-15', effectiveTo: null, base: { annual: '72000.00' }, components: [flat('0.06')] });
    const s = one({ plan: [v2, v1], credits: [credit('D-1', '1000.00', '2027-02-14'), credit('D-2', '1000.00', '2027-02-15')] });
    expect(amounts(s, 'commission')).toEqual(['40.00', '60.00']);
    // 45 days at 9,000/quarter + 45 days at 18,000/quarter over 90 days
    expect(amounts(s, 'base')).toEqual(['4500.00', '9000.00']);
  });
  it('a credit with no version in force is an error', () => {
    const v = plan({ effectiveFrom: '2027-02-01', components: [flat('0.04')] });
    expect(errorsOf(() => run({ plan: v, credits: [credit('D-1', '1.00', '2027-01-15')] }))[0]).toEqual({ path: 'credits[0].date', message: 'no plan version is in force on 2027-01-15' });
  });
});

describe('FX', () => {
  const fxRates = [
    { from: 'USD', to: 'EUR', rate: '0.90', effectiveFrom: '2027-01-01' },
    { from: 'USD', to: 'EUR', rate: '0.80', effectiveFrom: '2027-02-01' },
    { from: 'EUR', to: 'SEK', rate: '11.5', effectiveFrom: '2027-03-01' },
  ];
  it('converts a credit at the latest rate on or before its date, rounding after the conversion', () => {
    const s = one({ plan: plan({ components: [flat('0.10')] }), fxRates, credits: [credit('D-1', '1000.05', '2027-01-31', { currency: 'USD' }), credit('D-2', '1000.00', '2027-02-01', { currency: 'USD' })] });
    expect(s.credit).toBe('1700.05'); // 900.045 → 900.05; 800.00
    expect(amounts(s, 'commission')).toEqual(['90.01', '80.00']);
  });
  it('uses the inverse rate when only the other direction is known', () => {
    expect(one({ plan: plan({ currency: 'USD', components: [flat('0.10')] }), fxRates, credits: [credit('D-1', '900.00', '2027-01-15', { currency: 'EUR' })] }).credit).toBe('1000.00');
  });
  it('converts the payout at the payout date rate, line by line', () => {
    const s = one({ plan: plan({ components: [flat('0.10')] }), fxRates, payoutCurrency: 'SEK', payoutDate: '2027-04-05', credits: [credit('D-1', '1000.00')] });
    expect(s.currency).toBe('SEK');
    expect(s.paid).toBe('1150.00');
    expect(s.lines[0]!.explanation).toContain('→ SEK at 11.5');
  });
  it('a negative net converted to the payout currency still pays exactly the base', () => {
    const p = plan({ periodType: 'month', base: { annual: '12000.00' }, components: [flat('0.0333')], clawback: { onRefund: true, windowDays: 90 } });
    const credits = [credit('D-1', '15.17', '2027-01-05', { refund: { date: '2027-02-01', amount: '0.45' } }), credit('D-2', '278862.02', '2027-01-06', { refund: { date: '2027-02-01', amount: '264918.91' } })];
    const [, feb] = run({ plan: p, periods: { from: '2027-01-01', to: '2027-02-28' }, credits, payoutCurrency: 'SEK', fxRates: [{ from: 'EUR', to: 'SEK', rate: '11.4377', effectiveFrom: '2027-01-01' }] });
    expect(feb!.paid).toBe(feb!.base);
  });
  it('a missing rate is an error', () => {
    expect(errorsOf(() => run({ plan: plan({ components: [flat('0.10')] }), credits: [credit('D-1', '1.00', '2027-01-15', { currency: 'GBP' })] }))[0]).toEqual({ path: 'credits[0].currency', message: 'no FX rate GBP→EUR effective on or before 2027-01-15' });
    expect(errorsOf(() => run({ plan: plan({ components: [flat('0.10')] }), payoutCurrency: 'GBP', credits: [credit('D-1', '1.00')] }))[0]!.path).toBe('fxRates');
  });
});

describe('payees and splits', () => {
  it('payees default to those named in the splits; a credit without splits goes to "payee"', () => {
    const statements = run({ plan: plan({ components: [flat('0.10')] }), credits: [credit('D-1', '100.00', '2027-01-02', { splits: [{ payee: 'ann', type: 'revenue', share: '1' }, { payee: 'mgr', type: 'overlay', share: '0.5' }] }), credit('D-2', '100.00')] });
    expect(statements.map((s) => [s.payee, s.credit, s.paid])).toEqual([['ann', '100.00', '10.00'], ['mgr', '50.00', '5.00'], ['payee', '100.00', '10.00']]);
    expect(statements[1]!.lines[0]!.explanation).toBe('D-1 · 50.00 × 10 % (flat) (overlay split 50 %)');
  });
  it('with one listed payee, unsplit credits go to that payee', () => {
    expect(one({ plan: plan({ components: [flat('0.10')] }), payees: [{ id: 'ann' }], credits: [credit('D-1', '100.00')] }).paid).toBe('10.00');
  });
  it.each([
    ['overlays only', [{ payee: 'a', type: 'overlay', share: '0.5' }], 'has no revenue split'],
    ['a share above 1', [{ payee: 'a', type: 'revenue', share: '1.5' }], 'at most 1'],
    ['a zero share', [{ payee: 'a', type: 'revenue', share: '0' }, { payee: 'b', type: 'revenue', share: '1' }], 'greater than 0'],
    ['a duplicate', [{ payee: 'a', type: 'revenue', share: '0.5' }, { payee: 'a', type: 'revenue', share: '0.5' }], 'two revenue splits'],
    ['no splits', [], 'at least one payee'],
  ])('rejects %s', (_name, splits, message) => {
    const errors = errorsOf(() => run({ plan: plan({ components: [flat('0.10')] }), credits: [credit('D-1', '100.00', '2027-01-02', { splits: splits as never })] }));
    expect(errors.map((e) => e.message).join(' ')).toContain(message);
  });
  it('rejects a split naming someone not among the listed payees', () => {
    const errors = errorsOf(() => run({ plan: plan({ components: [flat('0.10')] }), payees: [{ id: 'ann' }], credits: [credit('D-1', '1.00', '2027-01-02', { splits: [{ payee: 'bob', type: 'revenue', share: '1' }] })] }));
    expect(errors[0]).toEqual({ path: 'credits[0].splits[0].payee', message: '"bob" is not one of the payees' });
  });
  it('rejects bad input with paths', () => {
    const errors = errorsOf(() => run({ plan: plan(), periods: { from: '2027-02-01', to: '2027-01-01' }, credits: [credit('D-1', '-1', 'x')] }));
    expect(errors.map((e) => e.path)).toEqual(['periods.to', 'credits[0].date', 'credits[0].amount']);
  });
});
