import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids.ts';
import { registerHomeSection } from '../../src/modules/home/service.ts';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';
import { OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
let kam1: Caller;
let kam2: Caller;
let bd1: Caller;
let admin: Caller;
let viewer: Caller;
let manager: Caller;
let director: Caller;
let accountId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  api = await createTestApi();
  kam1 = await api.as('kam1@patron.example');
  kam2 = await api.as('kam2@patron.example');
  bd1 = await api.as('bd1@patron.example');
  admin = await api.as('admin@patron.example');
  viewer = await api.as('viewer@patron.example');
  manager = await api.as('manager@patron.example');
  director = await api.as('director@patron.example');
  accountId = (await kam1.post('/api/v1/accounts', { name: 'Staged Corp' })).body.id;
  await kam1.post(`/api/v1/accounts/${accountId}/team`, { userId: bd1.actor.userId, role: 'sourcing_bd' });
});
afterAll(() => api.close());

describe('relationship stage', () => {
  const url = () => `/api/v1/accounts/${accountId}/relationship-stage`;

  it('starts empty at version 1', async () => {
    const answer = await kam1.get(url());
    expect(answer.status).toBe(200);
    expect(answer.headers.etag).toBe('"1"');
    expect(answer.body).toMatchObject({ accountId, current: null, history: [], version: 1 });
  });

  it('the owner sets it with If-Match; history is kept; audited', async () => {
    expect((await kam1.request('PUT', url(), { stage: 'exploratory' })).status).toBe(428);
    const first = await kam1.request('PUT', url(), { stage: 'exploratory', since: '2026-01-15', note: 'First order' }, { 'if-match': '"1"' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ current: { stage: 'exploratory', since: '2026-01-15', note: 'First order', setBy: kam1.actor.userId, setByName: expect.any(String) }, version: 2 });
    expect((await kam1.request('PUT', url(), { stage: 'basic' }, { 'if-match': '"1"' })).status).toBe(412);
    const second = await kam1.request('PUT', url(), { stage: 'cooperative' }, { 'if-match': '"2"' });
    expect(second.body).toMatchObject({ current: { stage: 'cooperative', since: '2026-11-23', note: null }, version: 3 });
    expect(second.body.history.map((h: any) => h.stage)).toEqual(['cooperative', 'exploratory']);
    const audit = await admin.get('/api/v1/audit?entity=relationship_stage');
    expect(audit.body.items.filter((e: any) => e.after?.accountId === accountId)).toHaveLength(2);
  });

  it('a back-dated entry slots into the history by date', async () => {
    const answer = await manager.request('PUT', url(), { stage: 'basic', since: '2026-05-01' }, { 'if-match': '"3"' });
    expect(answer.status).toBe(200);
    expect(answer.body.current.stage).toBe('cooperative');
    expect(answer.body.history.map((h: any) => h.stage)).toEqual(['cooperative', 'basic', 'exploratory']);
  });

  it('only the owner or someone above them sets it; others see it or get 404', async () => {
    const version = (await kam1.get(url())).body.version;
    expect((await bd1.request('PUT', url(), { stage: 'integrated' }, { 'if-match': `"${version}"` })).status).toBe(403);
    expect((await viewer.request('PUT', url(), { stage: 'integrated' }, { 'if-match': `"${version}"` })).status).toBe(403);
    expect((await kam2.request('PUT', url(), { stage: 'integrated' }, { 'if-match': `"${version}"` })).status).toBe(404);
    expect((await kam2.get(url())).status).toBe(404);
    expect((await (await api.as(OTHER_ORG_KAM)).get(url())).status).toBe(404);
    expect((await viewer.get(url())).status).toBe(200);
    expect((await bd1.get(url())).status).toBe(200);
    expect((await kam1.get(url())).body.version).toBe(version);
  });

  it('refuses bad input', async () => {
    const version = (await kam1.get(url())).body.version;
    for (const body of [{ stage: 'married' }, { stage: 'basic', since: '2026-13-01' }, { stage: 'basic', extra: 1 }, {}, { stage: 'basic', note: 'x'.repeat(1001) }]) {
      expect((await kam1.request('PUT', url(), body, { 'if-match': `"${version}"` })).status, JSON.stringify(body)).toBe(400);
    }
    const future = await kam1.request('PUT', url(), { stage: 'basic', since: '2026-11-24' }, { 'if-match': `"${version}"` });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ path: 'since', message: 'cannot be in the future' }]);
    expect((await kam1.get(url())).body.version).toBe(version);
  });

  it('flags a key account whose relationship is still basic', async () => {
    const model = (await admin.get('/api/v1/scoring/model')).body;
    await admin.request('PUT', '/api/v1/scoring/model', { weights: model.weights, thresholds: { attractiveness: 0, strength: 0 } }, { 'if-match': `"${model.number}"` });
    const shallow = (await kam1.post('/api/v1/accounts', { name: 'Shallow Key Corp' })).body.id;
    const stage = await kam1.get(`/api/v1/accounts/${shallow}/relationship-stage`);
    expect(stage.body).toMatchObject({ tier: 'key', finding: 'key_account_shallow' });
    const set = await kam1.request('PUT', `/api/v1/accounts/${shallow}/relationship-stage`, { stage: 'interdependent' }, { 'if-match': '"1"' });
    expect(set.body).toMatchObject({ tier: 'key', finding: null });
    const restored = (await admin.get('/api/v1/scoring/model')).body;
    await admin.request('PUT', '/api/v1/scoring/model', { weights: model.weights, thresholds: model.thresholds }, { 'if-match': `"${restored.number}"` });
  });
});

describe('cost rates and cost to serve', () => {
  it('everyone reads the rates; the admin sets them with If-Match', async () => {
    const initial = await kam1.get('/api/v1/settings/cost-rates');
    expect(initial.body).toEqual({ currency: 'USD', hourly: { admin: null, director: null, manager: null, kam: null, bd: null, viewer: null }, version: 1 });
    const body = { hourly: { kam: '90.00', manager: '120.00' } };
    expect((await kam1.request('PUT', '/api/v1/settings/cost-rates', body, { 'if-match': '"1"' })).status).toBe(403);
    expect((await director.request('PUT', '/api/v1/settings/cost-rates', body, { 'if-match': '"1"' })).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/settings/cost-rates', body)).status).toBe(428);
    for (const wrong of [{ hourly: { kam: '-1.00' } }, { hourly: { kam: 'ninety' } }, { hourly: { kam: 90 } }, { hourly: { chef: '1.00' } }, { hourly: { kam: '1.001' } }, { hourly: { kam: '999999999.00' } }, {}]) {
      const answer = await admin.request('PUT', '/api/v1/settings/cost-rates', wrong, { 'if-match': '"1"' });
      expect(answer.status, JSON.stringify(wrong)).toBe(400);
    }
    const saved = await admin.request('PUT', '/api/v1/settings/cost-rates', body, { 'if-match': '"1"' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toEqual({ currency: 'USD', hourly: { admin: null, director: null, manager: '120.00', kam: '90.00', bd: null, viewer: null }, version: 2 });
    expect((await admin.request('PUT', '/api/v1/settings/cost-rates', body, { 'if-match': '"1"' })).status).toBe(412);
    const audit = await admin.get('/api/v1/audit?entity=cost_rates');
    expect(audit.body.items[0]).toMatchObject({ after: { hourly: { kam: '90.00' } } });
    expect((await (await api.as(OTHER_ORG_KAM)).get('/api/v1/settings/cost-rates')).body).toMatchObject({ currency: 'SEK', version: 1 });
  });

  it('prices time spent per month and nets it against gross profit', async () => {
    const orgId = kam1.actor.orgId;
    await api.ctx.db.execute(sql`insert into transactions (org_id, id, account_id, booked_on, amount, cost, currency, amount_org, cost_org)
      values (${orgId}, ${newId()}, ${accountId}, '2026-11-05', 100000, 60000, 'USD', 100000, 60000),
             (${orgId}, ${newId()}, ${accountId}, '2026-10-05', 50000, 45000, 'USD', 50000, 45000)`);
    // 60 minutes for kam1 and 60 for the manager (90.00 + 120.00), 30 minutes of kam1 (45.00).
    await kam1.post(`/api/v1/accounts/${accountId}/interactions`, { kind: 'meeting', occurredAt: '2026-11-10T10:00:00Z', summary: 'Review', userIds: [manager.actor.userId] });
    await kam1.post(`/api/v1/accounts/${accountId}/interactions`, { kind: 'call', occurredAt: '2026-11-12T10:00:00Z', summary: 'Call', minutes: 30 });
    // bd time is not priced; planned (future) meetings cost nothing yet.
    await bd1.post(`/api/v1/accounts/${accountId}/interactions`, { kind: 'visit', occurredAt: '2026-11-13T10:00:00Z', summary: 'Visit' });
    await kam1.post(`/api/v1/accounts/${accountId}/interactions`, { kind: 'meeting', occurredAt: '2026-11-30T10:00:00Z', summary: 'Planned' });
    const answer = await kam1.get(`/api/v1/accounts/${accountId}/cost-to-serve?from=2026-10&to=2026-11`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({
      accountId,
      currency: 'USD',
      from: '2026-10',
      to: '2026-11',
      ratesSet: true,
      months: [
        { month: '2026-10', minutes: 0, grossProfit: '50.00', costToServe: '0.00', netProfit: '50.00' },
        { month: '2026-11', minutes: 330, grossProfit: '400.00', costToServe: '255.00', netProfit: '145.00' },
      ],
      totals: { minutes: 330, grossProfit: '450.00', costToServe: '255.00', netProfit: '195.00' },
    });
  });

  it('defaults to the 12 months up to now; checks the range; follows visibility', async () => {
    const answer = await kam1.get(`/api/v1/accounts/${accountId}/cost-to-serve`);
    expect(answer.body).toMatchObject({ from: '2025-12', to: '2026-11' });
    expect(answer.body.months).toHaveLength(12);
    expect((await kam1.get(`/api/v1/accounts/${accountId}/cost-to-serve?from=2026-11&to=2026-01`)).status).toBe(400);
    expect((await kam1.get(`/api/v1/accounts/${accountId}/cost-to-serve?from=2020-01&to=2026-01`)).status).toBe(400);
    expect((await kam1.get(`/api/v1/accounts/${accountId}/cost-to-serve?from=2026-1`)).status).toBe(400);
    expect((await kam2.get(`/api/v1/accounts/${accountId}/cost-to-serve`)).status).toBe(404);
    expect((await (await api.as(OTHER_ORG_KAM)).get(`/api/v1/accounts/${accountId}/cost-to-serve`)).status).toBe(404);
    expect((await viewer.get(`/api/v1/accounts/${accountId}/cost-to-serve`)).status).toBe(200);
  });
});

describe('home', () => {
  it("a KAM's home lists their overdue accounts and due next steps; it is theirs only", async () => {
    const quiet = (await kam1.post('/api/v1/accounts', { name: 'Home Quiet Corp' })).body.id;
    const step = await kam1.post(`/api/v1/accounts/${accountId}/interactions`, {
      kind: 'call', occurredAt: api.ctx.clock.now().toISOString(), summary: 'Promised numbers', nextStep: 'Send numbers', nextStepDue: '2026-11-26',
    });
    expect(step.status).toBe(201);
    api.ctx.clock.advance(2 * DAY);
    const home = await kam1.get('/api/v1/me/home');
    expect(home.status).toBe(200);
    expect(home.body.scope).toBe('mine');
    expect(home.body.overdueAccounts.map((a: any) => a.accountId)).toContain(quiet);
    expect(home.body.dueNextSteps.map((s: any) => s.nextStep)).toContain('Send numbers');
    expect(home.body.notifications.unread).toBeGreaterThanOrEqual(0);
    for (const section of ['pendingHandovers', 'upcomingReviews', 'openSevereCases']) expect(Array.isArray(home.body[section])).toBe(true);

    const other = await kam2.get('/api/v1/me/home');
    expect(other.body.overdueAccounts.map((a: any) => a.accountId)).not.toContain(quiet);
    expect(other.body.dueNextSteps.map((s: any) => s.nextStep)).not.toContain('Send numbers');
    const team = await manager.get('/api/v1/me/home');
    expect(team.body.scope).toBe('team');
    expect(team.body.overdueAccounts.map((a: any) => a.accountId)).toContain(quiet);
    expect((await director.get('/api/v1/me/home')).body.scope).toBe('organisation');
    expect((await api.anonymous.request('GET', '/api/v1/me/home')).status).toBe(401);

    // Logging a meeting takes the account off the home.
    await kam1.post(`/api/v1/accounts/${quiet}/interactions`, { kind: 'meeting', occurredAt: api.ctx.clock.now().toISOString(), summary: 'Finally met' });
    expect((await kam1.get('/api/v1/me/home')).body.overdueAccounts.map((a: any) => a.accountId)).not.toContain(quiet);
  });

  it('caps lists at 10, longest overdue first', async () => {
    for (let i = 0; i < 11; i += 1) await kam1.post('/api/v1/accounts', { name: `Cap ${i}` });
    api.ctx.clock.advance(DAY);
    const home = await kam1.get('/api/v1/me/home');
    expect(home.body.overdueAccounts).toHaveLength(10);
    const days = home.body.overdueAccounts.map((a: any) => a.overdueDays);
    expect([...days].sort((a: number, b: number) => b - a)).toEqual(days);
  });

  it("shows other modules' registered sections, capped", async () => {
    registerHomeSection('openSevereCases', async (_ex, actor) =>
      Array.from({ length: 12 }, (_, i) => ({ id: `case-${i}`, title: `Case ${i} for ${actor.role}`, accountId: null, accountName: null, dueAt: '2026-11-30T00:00:00.000Z', severity: 1 })));
    const home = await kam1.get('/api/v1/me/home');
    expect(home.body.openSevereCases).toHaveLength(10);
    expect(home.body.openSevereCases[0]).toEqual({ id: 'case-0', title: 'Case 0 for kam', accountId: null, accountName: null, dueAt: '2026-11-30T00:00:00.000Z', severity: 1 });
  });
});
