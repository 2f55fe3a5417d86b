import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';

let api: TestApi;
let admin: Caller;
let manager: Caller;
let kam: Caller;
let kam2: Caller;
let bd: Caller;
let accountId: string;
let bigLineId: string;

const Q1 = '2027-Q1';

beforeAll(async () => {
  api = await createTestApi();
  const as = (person: string) => api.as(`${person}@patron.example`);
  [admin, manager, kam, kam2, bd] = [await as('admin'), await as('manager'), await as('kam1'), await as('kam2'), await as('bd1')];
  accountId = (await kam.post('/api/v1/accounts', { name: 'Crediting Test GmbH', stage: 'active' })).body.id;
  const big = await admin.post('/api/v1/transactions', { accountId, bookedOn: '2027-02-10', amount: '10000.00', cost: '6000.00' });
  expect(big.status, JSON.stringify(big.body)).toBe(201);
  bigLineId = big.body.id;
  expect((await admin.post('/api/v1/transactions', { accountId, bookedOn: '2027-03-05', amount: '2000.00', cost: '1500.00' })).status).toBe(201);
  expect((await admin.post('/api/v1/transactions', { accountId, bookedOn: '2027-04-01', amount: '999.00' })).status).toBe(201);
});
afterAll(() => api?.close());

const credited = async (caller: Caller, payee: Caller) => {
  const answer = await caller.get(`/api/v1/compensation/credits?period=${Q1}&payee=${payee.actor.userId}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};

describe('credits', () => {
  it("credits every revenue line to the account's owner, each explained", async () => {
    const mine = await credited(kam, kam);
    const lines = mine.credits.filter((c: any) => c.accountId === accountId);
    expect(lines.map((c: any) => [c.date, c.amount, c.share, c.reason, c.credited])).toEqual([
      ['2027-02-10', '10000.00', '1', 'owner', '10000.00'],
      ['2027-03-05', '2000.00', '1', 'owner', '2000.00'],
    ]);
    expect(lines[0].explanation).toBe('Revenue 2027-02-10 · Crediting Test GmbH · 10000.00 × 100 % revenue (owner of the account)');
  });

  it("adds the manager's overlay under the organisation's rule", async () => {
    const rules = await admin.get('/api/v1/compensation/crediting-rules');
    expect(rules.body).toEqual({ managerOverlay: null, sourcingOverlay: null, version: 1 });
    expect((await kam.request('PUT', '/api/v1/compensation/crediting-rules', { managerOverlay: { share: '0.5' }, sourcingOverlay: null }, { 'if-match': '"1"' })).status).toBe(403);
    const bad = await admin.request('PUT', '/api/v1/compensation/crediting-rules', { managerOverlay: { share: '1.5' }, sourcingOverlay: null }, { 'if-match': '"1"' });
    expect(bad.status).toBe(400);
    const saved = await admin.request('PUT', '/api/v1/compensation/crediting-rules', { managerOverlay: { share: '0.5' }, sourcingOverlay: null }, { 'if-match': '"1"' });
    expect(saved.status).toBe(200);
    const overlays = (await credited(manager, manager)).credits.filter((c: any) => c.accountId === accountId);
    expect(overlays.map((c: any) => [c.type, c.share, c.reason, c.credited])).toEqual([
      ['overlay', '0.5', 'manager', '5000.00'],
      ['overlay', '0.5', 'manager', '1000.00'],
    ]);
    await admin.request('PUT', '/api/v1/compensation/crediting-rules', { managerOverlay: null, sourcingOverlay: null }, { 'if-match': '"2"' });
  });

  it('replaces the owner by a manual split that totals exactly 100 %; 70/40 is refused', async () => {
    const url = `/api/v1/compensation/transactions/${bigLineId}/splits`;
    const wrong = await manager.request('PUT', url, { splits: [{ userId: kam.actor.userId, type: 'revenue', share: '0.70' }, { userId: kam2.actor.userId, type: 'revenue', share: '0.40' }] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ path: 'splits', message: 'revenue splits total 110 %; they must total exactly 100 % (overlays may add beyond it)' }]);
    expect((await kam.request('PUT', url, { splits: [{ userId: kam.actor.userId, type: 'revenue', share: '1' }] })).status).toBe(403);
    const split = await manager.request('PUT', url, { splits: [{ userId: kam.actor.userId, type: 'revenue', share: '0.70' }, { userId: kam2.actor.userId, type: 'revenue', share: '0.30' }], note: 'Joint pursuit' });
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    expect(split.body.version).toBe(1);
    expect((await manager.request('PUT', url, { splits: [{ userId: kam.actor.userId, type: 'revenue', share: '1' }] })).status).toBe(428);
    const kira = (await credited(kam, kam)).credits.filter((c: any) => c.accountId === accountId);
    expect(kira.map((c: any) => [c.share, c.reason, c.credited])).toEqual([['0.70', 'split', '7000.00'], ['1', 'owner', '2000.00']]);
    const jonas = (await credited(kam2, kam2)).credits.filter((c: any) => c.accountId === accountId);
    expect(jonas.map((c: any) => c.credited)).toEqual(['3000.00']);
  });

  it("hides other people's credits: a BD cannot read a KAM's (404), a bad period is 400", async () => {
    expect((await bd.get(`/api/v1/compensation/credits?period=${Q1}&payee=${kam.actor.userId}`)).status).toBe(404);
    expect((await kam.get('/api/v1/compensation/credits?period=2027-Q5')).status).toBe(400);
  });
});

describe('quotas and attainment', () => {
  it('lets the manager set a report\'s quota, never their own, and keeps every change', async () => {
    const url = `/api/v1/compensation/quotas/${kam.actor.userId}/${Q1}`;
    expect((await kam.request('PUT', url, { amount: '1.00' })).status).toBe(403);
    expect((await manager.request('PUT', `/api/v1/compensation/quotas/${manager.actor.userId}/${Q1}`, { amount: '1.00' })).status).toBe(403);
    const first = await manager.request('PUT', url, { amount: '90000.00' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ period: Q1, amount: '90000.00', source: 'manual', version: 1 });
    expect((await manager.request('PUT', url, { amount: '100000.00' })).status).toBe(428);
    const second = await manager.request('PUT', url, { amount: '100000.00', note: 'Territory grew' }, { 'if-match': '"1"' });
    expect(second.body).toMatchObject({ amount: '100000.00', version: 2 });
    const history = await kam.get(`/api/v1/compensation/quotas/${kam.actor.userId}/history`);
    expect(history.body.items.map((h: any) => [h.period, h.before, h.after, h.note])).toEqual([[Q1, '90000.00', '100000.00', 'Territory grew'], [Q1, null, '90000.00', null]]);
  });

  it('allocates a number across the team so the parts sum exactly, and applies it', async () => {
    const weights = [kam2, bd].map((c) => ({ userId: c.actor.userId, weight: '1' }));
    const preview = await manager.post('/api/v1/compensation/quotas/allocate', { period: Q1, amount: '100000.01', weights: [...weights, { userId: (await api.as('kam3@patron.example')).actor.userId, weight: '1' }] });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.parts.map((p: any) => p.amount)).toEqual(['33333.34', '33333.34', '33333.33']);
    const applied = await manager.post('/api/v1/compensation/quotas/allocate', { period: Q1, amount: '50000.00', weights: [{ ...weights[0], weight: '3' }, { ...weights[1], weight: '1' }], apply: true });
    expect(applied.body.parts.map((p: any) => p.amount)).toEqual(['37500.00', '12500.00']);
    expect((await kam.post('/api/v1/compensation/quotas/allocate', { period: Q1, amount: '1.00', weights })).status).toBe(403);
    expect((await manager.post('/api/v1/compensation/quotas/allocate', { period: Q1, amount: '1.00', weights: [] })).status).toBe(400);
  });

  it("ramps a new starter's quota over their first periods", async () => {
    const ramp = await manager.post('/api/v1/compensation/quotas/ramp', { userId: bd.actor.userId, firstPeriod: '2027-Q2', fullAmount: '80000.00', schedule: ['0.25', '0.5', '1'] });
    expect(ramp.status, JSON.stringify(ramp.body)).toBe(200);
    expect(ramp.body.map((q: any) => [q.period, q.amount, q.source])).toEqual([['2027-Q2', '20000.00', 'ramp'], ['2027-Q3', '40000.00', 'ramp'], ['2027-Q4', '80000.00', 'ramp']]);
    expect((await manager.post('/api/v1/compensation/quotas/ramp', { userId: bd.actor.userId, firstPeriod: '2027-Q2', fullAmount: '80000.00', schedule: ['1.5'] })).status).toBe(400);
  });

  it('reports attainment live from credits, rolled up to the manager', async () => {
    const answer = await manager.get(`/api/v1/compensation/attainment?period=${Q1}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const kira = answer.body.people.find((p: any) => p.userId === kam.actor.userId);
    // 70 % of 10,000.00 + 2,000.00 = 9,000.00 of 100,000.00
    expect(kira).toMatchObject({ quota: '100000.00', credit: '9000.00', attainment: '0.0900', teamSize: 0 });
    const jonas = answer.body.people.find((p: any) => p.userId === kam2.actor.userId);
    expect(jonas).toMatchObject({ quota: '37500.00', credit: '3000.00', attainment: '0.0800' });
    const marek = answer.body.people.find((p: any) => p.userId === manager.actor.userId);
    expect(marek.teamQuota).toBe('150000.00');
    expect(marek.teamCredit).toBe('12000.00');
    expect(marek.teamAttainment).toBe('0.0800');
    const own = await kam.get(`/api/v1/compensation/attainment?period=${Q1}`);
    expect(own.body.people.map((p: any) => p.userId)).toEqual([kam.actor.userId]);
  });
});
