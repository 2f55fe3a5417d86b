import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotAllOrganisations } from '../../src/modules/forecasts/service.ts';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';

let api: TestApi;
let admin: Caller;
let director: Caller;
let manager: Caller;
let kam1: Caller;
let kam2: Caller;
let kam3: Caller;
let viewer: Caller;
const TODAY = '2026-11-23T10:00:00.000Z';

beforeAll(async () => {
  api = await createTestApi();
  const as = (p: string) => api.as(`${p}@patron.example`);
  [admin, director, manager, kam1, kam2, kam3, viewer] = await Promise.all([as('admin'), as('director'), as('manager'), as('kam1'), as('kam2'), as('kam3'), as('viewer')]);
  // The first test's deals (setup here: a loaded machine makes the first requests slow).
  expect((await admin.request('PUT', '/api/v1/fx-rates/EUR/2026-01-01', { rate: '1.10' })).status).toBe(201);
  const a1 = await account(kam1, 'Forecast One AG');
  const a2 = await account(kam2, 'Forecast Two AB');
  await deal(kam1, a1, { amount: '1000.00', stage: 'won', closeDate: '2026-11-05' });
  await deal(kam1, a1, { amount: '2000.00', stage: 'negotiate', closeDate: '2026-12-10' }); // commit, 0.75 → 1500
  await deal(kam1, a1, { amount: '1000.00', currency: 'EUR', stage: 'propose', closeDate: '2026-12-01' }); // best case 1100 USD, 0.5 → 550
  await deal(kam1, a1, { amount: '500.00', stage: 'qualify', closeDate: '2026-11-30' }); // pipeline, 0.1 → 50
  await deal(kam1, a1, { amount: '900.00', stage: 'lost', lostReason: 'Price', closeDate: '2026-11-02' }); // left out
  await deal(kam1, a1, { amount: '7000.00', stage: 'develop', closeDate: '2027-01-15' }); // next quarter
  await deal(kam2, a2, { amount: '400.00', stage: 'develop', closeDate: '2026-11-30' }); // pipeline, 0.25 → 100
});
afterAll(() => api.close());

const deal = async (who: Caller, accountId: string, body: Record<string, unknown>) => {
  const answer = await who.post('/api/v1/opportunities', { accountId, name: 'Deal', currency: 'USD', ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};
const account = async (who: Caller, name: string) => (await who.post('/api/v1/accounts', { name })).body.id as string;
const person = (forecast: any, who: Caller) => forecast.people.find((p: any) => p.userId === who.actor.userId);
const countAudit = async (entity: string): Promise<number> => {
  const result = (await api.ctx.db.execute(sql`select count(*)::int as n from audit_log where entity = ${entity}`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
};

describe('forecasts', () => {
  it('per person and rolled up the reporting lines, by forecast category, in the organisation currency', async () => {
    const own = { closed: '1000.00', commit: '2000.00', bestCase: '1100.00', pipeline: '500.00', weighted: '2100.00', expected: '3100.00' };
    const mine = await kam1.get('/api/v1/forecasts?period=2026-Q4');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body).toMatchObject({ period: { label: '2026-Q4', type: 'quarter', from: '2026-10-01', to: '2026-12-31', closed: false }, currency: 'USD', asOf: '2026-11-23', userId: kam1.actor.userId, total: own, call: null });
    expect(mine.body.people).toEqual([expect.objectContaining({ userId: kam1.actor.userId, depth: 0, reports: 0, own, team: own })]);

    const team = (await manager.get('/api/v1/forecasts?period=2026-Q4')).body;
    expect(team.userId).toBe(manager.actor.userId);
    expect(team.total).toEqual({ closed: '1000.00', commit: '2000.00', bestCase: '1100.00', pipeline: '900.00', weighted: '2200.00', expected: '3200.00' });
    expect(team.people[0]).toMatchObject({ userId: manager.actor.userId, depth: 0, reports: 6, own: { expected: '0.00' } });
    expect(person(team, kam2)).toMatchObject({ depth: 1, own: { pipeline: '400.00', weighted: '100.00', expected: '100.00' } });

    const org = (await director.get('/api/v1/forecasts?period=2026-Q4')).body;
    expect(org.userId).toBeNull();
    expect(org.total).toEqual(team.total);
    expect(person(org, manager)).toMatchObject({ depth: 1, team: team.total });
    expect(person(org, director)).toMatchObject({ depth: 0, team: team.total });

    const month = (await kam1.get('/api/v1/forecasts?period=2026-12')).body;
    expect(month.total).toMatchObject({ closed: '0.00', commit: '2000.00', bestCase: '1100.00', pipeline: '0.00' });
    expect((await kam1.get('/api/v1/forecasts')).body.period.label).toBe('2026-Q4');
    expect((await kam1.get('/api/v1/forecasts?period=2027')).body.total).toMatchObject({ pipeline: '7000.00', weighted: '1750.00' });
  });

  it('a rep sees only their own, a manager their team, director, admin and viewer anyone; bad input is a 4xx', async () => {
    expect((await kam1.get(`/api/v1/forecasts?userId=${kam2.actor.userId}`)).status).toBe(403);
    expect((await manager.get(`/api/v1/forecasts?userId=${kam2.actor.userId}`)).status).toBe(200);
    expect((await manager.get(`/api/v1/forecasts?userId=${director.actor.userId}`)).status).toBe(403);
    expect((await viewer.get(`/api/v1/forecasts?userId=${manager.actor.userId}`)).status).toBe(200);
    expect((await admin.get('/api/v1/forecasts?userId=01936b2e-7c1a-7000-8000-0000000000aa')).status).toBe(404);
    for (const period of ['2026-Q5', '26', '2026-13', '1800', "2026'; drop table users;--"]) {
      expect((await kam1.get(`/api/v1/forecasts?period=${encodeURIComponent(period)}`)).status, period).toBe(400);
    }
    expect((await kam1.get('/api/v1/forecasts?userId=nope')).status).toBe(400);
    expect((await kam1.get('/api/v1/forecasts?extra=1')).status).toBe(400);
  });

  it("a manager's call for their own or team number is kept as history; the latest is in force", async () => {
    const before = await countAudit('forecast_call');
    const call = { userId: manager.actor.userId, scope: 'team', period: '2026-Q4', amount: '3500.00', note: 'Nordics renewal lands in December.' };
    api.ctx.clock.set('2026-11-23T09:58:00.000Z');
    const first = await manager.post('/api/v1/forecasts/calls', call);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ ...call, currency: 'USD', calledBy: manager.actor.userId, calledByName: 'Marek Nowak', calledAt: '2026-11-23T09:58:00.000Z' });
    api.ctx.clock.advance(60_000);
    const second = await manager.post('/api/v1/forecasts/calls', { ...call, amount: '3000', note: 'Legal slipped: one deal moves to Q1.' });
    expect(second.status).toBe(201);
    expect((await manager.post('/api/v1/forecasts/calls', { ...call, userId: kam1.actor.userId, scope: 'own', amount: '2900.5' })).status).toBe(201);
    api.ctx.clock.set(TODAY);

    const history = (await manager.get(`/api/v1/forecasts/calls?period=2026-Q4`)).body.items;
    expect(history.map((c: any) => c.amount)).toEqual(['3000.00', '3500.00']);
    const team = (await manager.get('/api/v1/forecasts?period=2026-Q4')).body;
    expect(team.call).toMatchObject({ amount: '3000.00', note: 'Legal slipped: one deal moves to Q1.' });
    expect(person(team, kam1).ownCall).toMatchObject({ amount: '2900.50', scope: 'own' });
    expect((await kam1.get(`/api/v1/forecasts?period=2026-Q4`)).body.people[0].ownCall.amount).toBe('2900.50');
    expect(await countAudit('forecast_call')).toBe(before + 3);

    expect((await kam1.post('/api/v1/forecasts/calls', { ...call, userId: kam1.actor.userId, scope: 'own' })).status).toBe(403);
    expect((await viewer.post('/api/v1/forecasts/calls', call)).status).toBe(403);
    expect((await manager.post('/api/v1/forecasts/calls', { ...call, userId: director.actor.userId })).status).toBe(403);
    expect((await director.post('/api/v1/forecasts/calls', { ...call, userId: kam2.actor.userId, scope: 'own' })).status).toBe(201);
    for (const bad of [{ amount: '-5.00' }, { amount: 'ten' }, { amount: '1.234' }, { note: '' }, { scope: 'all' }, { period: 'Q4' }, { extra: true }]) {
      const answer = await manager.post('/api/v1/forecasts/calls', { ...call, ...bad });
      expect(answer.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await countAudit('forecast_call')).toBe(before + 4);
  });

  it('weekly snapshots: on demand and by the CLI job, one per period and ISO week', async () => {
    const taken = await manager.post('/api/v1/forecasts/snapshots', {});
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body).toEqual({ week: '2026-W48', taken: ['2026-11', '2026-Q4', '2026'], existing: [] });
    api.ctx.clock.advance(2 * 86_400_000);
    expect((await admin.post('/api/v1/forecasts/snapshots')).body).toEqual({ week: '2026-W48', taken: [], existing: ['2026-11', '2026-Q4', '2026'] });
    const job = await snapshotAllOrganisations(api.ctx);
    expect(job.find((run) => run.orgId === kam1.actor.orgId)).toEqual({ orgId: kam1.actor.orgId, week: '2026-W48', taken: [] });
    expect(job.find((run) => run.orgId !== kam1.actor.orgId)).toMatchObject({ taken: ['2026-11', '2026-Q4', '2026'] });
    api.ctx.clock.set(TODAY);
    expect((await kam1.post('/api/v1/forecasts/snapshots', {})).status).toBe(403);
    expect((await viewer.post('/api/v1/forecasts/snapshots', {})).status).toBe(403);

    const history = (await manager.get('/api/v1/forecasts/snapshots?period=2026-Q4')).body;
    // The week's own calls replace a person's expected number: kam1 2900.50 instead of 3100.00, kam2 (the director's call, 3500) instead of 100.
    expect(history).toMatchObject({ period: { closed: false }, currency: 'USD', actuals: 'bookings', weeks: [{ week: '2026-W48', forecast: '6400.50', actual: null, bias: null, wape: null }] });
    expect(history.weeks[0].numbers).toMatchObject({ closed: '1000.00', weighted: '2200.00' });
    expect((await kam1.get('/api/v1/forecasts/snapshots?period=2026-Q4')).body.weeks[0].forecast).toBe('2900.50');
  });

  it('accuracy per snapshot week once the period has closed: bias Σ(F−A)/ΣA and WAPE Σ|F−A|/ΣA', async () => {
    const a1 = await account(kam1, 'October One GmbH');
    const a2 = await account(kam2, 'October Two Oy');
    api.ctx.clock.set('2026-10-05T08:00:00.000Z'); // W41
    await deal(kam1, a1, { amount: '1000.00', stage: 'won', closeDate: '2026-10-01' });
    const slipping = await deal(kam2, a2, { amount: '400.00', stage: 'develop', closeDate: '2026-10-20' }); // weighted 100
    expect((await manager.post('/api/v1/forecasts/snapshots')).body.week).toBe('2026-W41');
    api.ctx.clock.set('2026-10-08T08:00:00.000Z');
    expect((await manager.post('/api/v1/forecasts/calls', { userId: kam1.actor.userId, scope: 'own', period: '2026-10', amount: '1200.00', note: 'One more order expected.' })).status).toBe(201);
    expect((await kam2.patch(`/api/v1/opportunities/${slipping.id}`, { stage: 'lost', lostReason: 'Budget frozen' }, slipping.version)).status).toBe(200);
    api.ctx.clock.set('2026-10-12T08:00:00.000Z'); // W42
    expect((await manager.post('/api/v1/forecasts/snapshots')).body.week).toBe('2026-W42');
    api.ctx.clock.set('2026-10-26T08:00:00.000Z');
    await deal(kam2, a2, { amount: '300.00', stage: 'won', closeDate: '2026-10-25' }); // not forecast in either week
    api.ctx.clock.set(TODAY);

    // W41: kam1 F 1000 A 1000, kam2 F 100 A 300 → Σ(F−A) = −200, Σ|F−A| = 200, ΣA = 1300
    // W42: kam1 F 1200 A 1000, kam2 F 0 A 300 → Σ(F−A) = −100, Σ|F−A| = 500
    const team = (await manager.get('/api/v1/forecasts/snapshots?period=2026-10')).body;
    expect(team.period.closed).toBe(true);
    expect(team.weeks.map((w: any) => [w.week, w.forecast, w.actual, w.bias, w.wape])).toEqual([
      ['2026-W41', '1100.00', '1300.00', '-0.1538', '0.1538'],
      ['2026-W42', '1200.00', '1300.00', '-0.0769', '0.3846'],
    ]);
    const own = (await kam1.get('/api/v1/forecasts/snapshots?period=2026-10')).body;
    expect(own.weeks.map((w: any) => [w.bias, w.wape])).toEqual([['0.0000', '0.0000'], ['0.2000', '0.2000']]);

    // Where the organisation measures revenue, transaction revenue is actual too: kam1 A = 1000 + 500.
    const settings = await admin.get('/api/v1/settings/forecast');
    expect(settings.body).toEqual({ actuals: 'bookings', version: 1 });
    expect((await kam1.request('PUT', '/api/v1/settings/forecast', { actuals: 'bookingsAndRevenue' }, { 'if-match': '"1"' })).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/settings/forecast', { actuals: 'bookingsAndRevenue' })).status).toBe(428);
    expect((await admin.request('PUT', '/api/v1/settings/forecast', { actuals: 'everything' }, { 'if-match': '"1"' })).status).toBe(400);
    expect((await admin.request('PUT', '/api/v1/settings/forecast', { actuals: 'bookingsAndRevenue' }, { 'if-match': '"1"' })).body).toEqual({ actuals: 'bookingsAndRevenue', version: 2 });
    expect((await admin.request('PUT', '/api/v1/settings/forecast', { actuals: 'bookings' }, { 'if-match': '"1"' })).status).toBe(412);
    expect((await admin.post('/api/v1/transactions', { accountId: a1, bookedOn: '2026-10-10', amount: '500.00' })).status).toBe(201);
    const withRevenue = (await kam1.get('/api/v1/forecasts/snapshots?period=2026-10')).body;
    // W41: F 1000 vs A 1500 → −500/1500; W42: F 1200 vs A 1500 → −300/1500
    expect(withRevenue.weeks.map((w: any) => [w.actual, w.bias, w.wape])).toEqual([['1500.00', '-0.3333', '0.3333'], ['1500.00', '-0.2000', '0.2000']]);
  });

  it('annual forecast: closed to date + weighted pipeline + revenue trend, as a range', async () => {
    const a3 = await account(kam3, 'Annual Trend Ltd');
    await deal(kam3, a3, { amount: '2000.00', stage: 'won', closeDate: '2026-03-01' });
    await deal(kam3, a3, { amount: '1000.00', stage: 'negotiate', closeDate: '2026-12-15' }); // commit 0.75 → 750
    for (const [month, amount] of [['05', '100.00'], ['06', '200.00'], ['07', '300.00'], ['08', '400.00'], ['09', '500.00'], ['10', '600.00']]) {
      expect((await admin.post('/api/v1/transactions', { accountId: a3, bookedOn: `2026-${month}-15`, amount })).status).toBe(201);
    }
    const annual = await kam3.get('/api/v1/forecasts/annual?year=2026');
    expect(annual.status, JSON.stringify(annual.body)).toBe(200);
    // Months to project: November (the current one) and December. The six complete months are May … October (x = 0 … 5).
    // Run-rate (400+500+600)/3 = 500 → 2 × 500 = 1000; line 100 + 100x → November (x = 6) 700 + December 800 = 1500.
    expect(annual.body).toMatchObject({
      year: 2026,
      currency: 'USD',
      userId: kam3.actor.userId,
      remainingMonths: 2,
      closedToDate: '2000.00',
      pipeline: { low: '750.00', expected: '750.00', high: '1000.00' },
      trend: { low: '1000.00', expected: '1250.00', high: '1500.00' },
      runRate: '500.00',
      slope: '100.00',
      low: '3750.00',
      expected: '4000.00',
      high: '4500.00',
    });
    expect(annual.body.months.map((m: any) => m.month)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect((await kam3.get(`/api/v1/forecasts/annual?userId=${kam1.actor.userId}`)).status).toBe(403);
    expect((await kam3.get('/api/v1/forecasts/annual?year=12')).status).toBe(400);
    expect((await director.get('/api/v1/forecasts/annual')).body.userId).toBeNull();
  });
});
