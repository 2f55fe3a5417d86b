import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';

let api: TestApi;
let kam: Caller;
const URL = '/api/v1/compensation/simulate';
const Q1 = { from: '2027-01-01', to: '2027-03-31' };
const plan = (extra: Record<string, unknown> = {}) => ({ currency: 'EUR', periodType: 'quarter', components: [], ...extra });
const deal = (id: string, amount: string, extra: Record<string, unknown> = {}) => ({ id, date: '2027-02-01', amount, ...extra });
const marginal = { type: 'tiered', on: 'amount', method: 'marginal', tiers: [{ from: '0', to: '50000', rate: '0.03' }, { from: '50000', to: null, rate: '0.05' }] };

beforeAll(async () => {
  api = await createTestApi();
  kam = await api.as('kam1@patron.example');
});
afterAll(() => api?.close());

const paid = async (body: Record<string, unknown>) => {
  const answer = await kam.post(URL, { periods: Q1, ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.statements.map((s: any) => s.paid);
};

describe('POST /api/v1/compensation/simulate', () => {
  it('computes the worked examples of COMP-PLANS.md through HTTP', async () => {
    expect(await paid({ plan: plan({ components: [{ type: 'flat', rate: '0.04' }] }), credits: [deal('D-1', '52000.00')] })).toEqual(['2080.00']);
    expect(await paid({ plan: plan({ components: [marginal] }), credits: [deal('D-1', '80000.00')] })).toEqual(['3000.00']);
    expect(await paid({ plan: plan({ components: [{ ...marginal, method: 'retroactive' }] }), credits: [deal('D-1', '80000.00')] })).toEqual(['4000.00']);
    const attainment = { type: 'tiered', on: 'attainment', method: 'marginal', tiers: [{ from: '0', to: '1.0', rate: '0.05' }, { from: '1.0', to: null, rate: '0.09' }] };
    expect(await paid({ plan: plan({ quota: '100000', components: [attainment] }), credits: [deal('D-1', '130000.00')] })).toEqual(['7700.00']);
    expect(await paid({ plan: plan({ quota: '100000', components: [attainment], cap: { payout: '6000.00' } }), credits: [deal('D-1', '130000.00')] })).toEqual(['6000.00']);
    const gated = plan({ quota: '100000', components: [{ type: 'flat', rate: '0.06' }], gate: { attainmentAtLeast: '0.50', payFrom: 'firstDollar' } });
    expect(await paid({ plan: gated, credits: [deal('D-1', '49999.99')] })).toEqual(['0.00']);
    expect(await paid({ plan: gated, credits: [deal('D-1', '50000.00')] })).toEqual(['3000.00']);
    const split = [{ payee: 'ann', type: 'revenue', share: '0.70' }, { payee: 'bob', type: 'revenue', share: '0.30' }];
    expect(await paid({ plan: plan({ components: [{ type: 'flat', rate: '0.10' }] }), credits: [deal('D-1', '10000.00', { splits: split })] })).toEqual(['700.00', '300.00']);
  });

  it('answers the documented statement shape with money as decimal strings', async () => {
    const answer = await kam.post(URL, {
      plan: plan({ base: { annual: '72000.00' }, quota: '100000.00', components: [{ type: 'flat', rate: '0.07' }] }),
      periods: Q1,
      credits: [deal('D-1042', '12000.00')],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.statements[0]).toEqual({
      payee: 'payee', period: Q1, currency: 'EUR', base: '18000.00', credit: '12000.00', quota: '100000.00', attainment: '0.1200',
      lines: [
        { kind: 'base', amount: '18000.00', explanation: 'Base 72,000.00 ÷ 4' },
        { kind: 'commission', creditId: 'D-1042', amount: '840.00', explanation: 'D-1042 · 12,000.00 × 7 % (flat)' },
      ],
      gross: '18840.00', clawback: '0.00', drawAdvanced: '0.00', drawRecovered: '0.00', deferred: '0.00', released: '0.00', paid: '18840.00', carryForward: '0.00', drawBalance: '0.00', nonCash: '0.00',
    });
  });

  it('rejects a 70/40 split and an invalid plan with 422 and the exact reason', async () => {
    const split = [{ payee: 'ann', type: 'revenue', share: '0.70' }, { payee: 'bob', type: 'revenue', share: '0.40' }];
    const bad = await kam.post(URL, { plan: plan({ components: [{ type: 'flat', rate: '0.10' }] }), periods: Q1, credits: [deal('D-1', '10000.00', { splits: split })] });
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([{ path: 'credits[0].splits', message: 'revenue splits total 1.1 (110 %); they must total exactly 1 (100 %) — overlay splits may add beyond it' }]);
    const tiers = [{ from: '0', to: null, rate: '0.1' }, { from: '5', to: null, rate: '0.2' }];
    const invalid = await kam.post(URL, { plan: plan({ periodType: 'week', components: [{ type: 'tiered', on: 'amount', method: 'marginal', tiers }] }), periods: Q1, credits: [] });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: any) => e.path)).toEqual(['plan.periodType', 'plan.components[0].tiers[0].to']);
  });

  it('rejects malformed bodies with 400 and anonymous callers with 401', async () => {
    expect((await kam.post(URL, { plan: plan(), periods: Q1, credits: [{ ...deal('D-1', '1'), amount: 12000 }] })).status).toBe(400);
    expect((await kam.post(URL, { plan: plan(), periods: Q1, credits: [], extra: 1 })).status).toBe(400);
    expect((await api.anonymous.request('POST', URL, { plan: plan(), periods: Q1, credits: [] })).status).toBe(401);
  });

  it('is documented in the OpenAPI document with an example', async () => {
    const doc = (await kam.get('/openapi.json')).body;
    const operation = doc.paths['/api/v1/compensation/simulate'].post;
    expect(operation.tags).toEqual(['compensation']);
    expect(JSON.stringify(operation.requestBody)).toContain('D-1042');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '422']));
  });

  it('simulates 1,000 credits quickly', async () => {
    const credits = Array.from({ length: 1000 }, (_, i) => ({
      id: `D-${i}`, date: `2027-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`, amount: `${1000 + i}.50`,
      splits: [{ payee: 'ann', type: 'revenue', share: '0.60' }, { payee: 'bob', type: 'revenue', share: '0.40' }, { payee: 'mgr', type: 'overlay', share: '0.10' }],
    }));
    const body = {
      plan: plan({ periodType: 'month', base: { annual: '72000.00' }, quota: '150000.00', components: [{ type: 'tiered', on: 'attainment', method: 'marginal', tiers: [{ from: '0', to: '1.0', rate: '0.07' }, { from: '1.0', to: null, rate: '0.11' }] }, { type: 'bonus', whenAttainmentAtLeast: '1.00', amount: '2500.00' }], gate: { attainmentAtLeast: '0.10', payFrom: 'firstDollar' }, cap: { payout: '30000.00' } }),
      periods: Q1,
      credits,
    };
    await kam.post(URL, body); // warm-up
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const answer = await kam.post(URL, body);
      times.push(performance.now() - start);
      expect(answer.status).toBe(200);
      expect(answer.body.statements).toHaveLength(9);
    }
    const best = Math.min(...times);
    console.log(`compensation simulate, 1,000 credits × 3 payees × 3 months: best ${best.toFixed(1)} ms, runs ${times.map((t) => t.toFixed(0)).join('/')} ms`);
    expect(best).toBeLessThan(1000); // target 50 ms on an idle machine; loose here on a shared one
  });
});

describe('patron comp simulate', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patron-comp-'));
  const write = (name: string, data: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(data));
    return file;
  };
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
    const error = vi.spyOn(console, 'error').mockImplementation((...text: unknown[]) => void err.push(text.join(' ')));
    try {
      return { code: await main(args), out: out.join('\n'), err: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  };
  it('prints the statements as JSON (0), rejects an invalid plan (1) and a missing file (2)', async () => {
    const planFile = write('plan.json', plan({ components: [{ type: 'flat', rate: '0.04' }] }));
    const credits = write('credits.json', [deal('D-1', '52000.00')]);
    const ok = await run('comp', 'simulate', planFile, credits);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).statements[0].paid).toBe('2080.00');
    const invalid = await run('comp', 'simulate', write('bad.json', plan({ periodType: 'week' })), credits);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('plan.periodType: must be one of "month", "quarter", "year"');
    expect((await run('comp', 'simulate', path.join(dir, 'missing.json'), credits)).code).toBe(2);
    expect((await run('comp', 'simulate', planFile)).code).toBe(2);
  });
});
