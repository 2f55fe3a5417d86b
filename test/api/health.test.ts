import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';
import { OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
let kam1: Caller;
let kam2: Caller;
let admin: Caller;
let viewer: Caller;
let manager: Caller;

beforeAll(async () => {
  api = await createTestApi();
  const as = (p: string) => api.as(`${p}@patron.example`);
  [kam1, kam2, admin, viewer, manager] = await Promise.all([as('kam1'), as('kam2'), as('admin'), as('viewer'), as('manager')]);
});
afterAll(() => api.close());

const reason = (health: any, key: string) => health.reasons.find((r: any) => r.key === key);

describe('account health', () => {
  it('explains the score: revenue and margin trend, contact, severe cases, coverage, plan', async () => {
    const id = (await kam1.post('/api/v1/accounts', { name: 'Health Check SA' })).body.id;
    const fresh = await kam1.get(`/api/v1/accounts/${id}/health`);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect(fresh.body).toMatchObject({ accountId: id, score: 45, band: 'watch', atRiskBelow: 40, stage: 'active', suggestAtRisk: false });
    expect(reason(fresh.body, 'contact_recency')).toMatchObject({ impact: -10 });
    expect(reason(fresh.body, 'relationship_coverage')).toMatchObject({ impact: -10, params: { covered: 0, of: 7 } });

    // revenue halves: 3 lines of 200 in May–July, 3 of 100 in August–October (margin 40 % → 20 %)
    for (const [month, amount, cost] of [['05', '200.00', '120.00'], ['06', '200.00', '120.00'], ['07', '200.00', '120.00'], ['08', '100.00', '80.00'], ['09', '100.00', '80.00'], ['10', '100.00', '80.00']]) {
      expect((await admin.post('/api/v1/transactions', { accountId: id, bookedOn: `2026-${month}-15`, amount, cost })).status).toBe(201);
    }
    await kam1.post(`/api/v1/accounts/${id}/contacts`, { name: 'Eva Economic', buyingRole: 'economic_buyer', relationshipStrength: 2 });
    await kam1.post(`/api/v1/accounts/${id}/interactions`, { kind: 'meeting', occurredAt: api.ctx.clock.now().toISOString(), summary: 'Check-in' });
    const health = (await kam1.get(`/api/v1/accounts/${id}/health`)).body;
    expect(reason(health, 'revenue_trend')).toMatchObject({ impact: -25, params: { changePercent: -50 } });
    expect(reason(health, 'margin_trend')).toMatchObject({ impact: -15, params: { marginPercent: 20, previousPercent: 40, points: -20 } });
    expect(reason(health, 'contact_recency')).toMatchObject({ impact: 5 });
    expect(reason(health, 'relationship_coverage')).toMatchObject({ impact: -7, params: { covered: 1, of: 7 } });
    expect(health.score).toBe(65 - 25 - 15 + 5 - 7);
    expect(health).toMatchObject({ band: 'at_risk', suggestAtRisk: true });
    expect(health.reasons[0].key).toBe('revenue_trend');

    const c = (await kam1.post(`/api/v1/accounts/${id}/cases`, { title: 'Outage', category: 'service', severity: 1 })).body;
    const worse = (await kam1.get(`/api/v1/accounts/${id}/health`)).body;
    expect(reason(worse, 'severe_cases')).toMatchObject({ impact: -15, params: { sev1: 1, sev2: 0 } });
    expect(worse).toMatchObject({ score: health.score - 15, band: 'at_risk', suggestAtRisk: true });
    await kam1.request('POST', `/api/v1/cases/${c.id}/transitions`, { to: 'resolved', resolution: 'Restored' }, { 'if-match': '"1"' });
    expect((await kam1.get(`/api/v1/accounts/${id}/health`)).body.score).toBe(health.score);
  });

  it('follows the account: 404 for others and another organisation, viewer reads', async () => {
    const id = (await kam1.post('/api/v1/accounts', { name: 'Private Health Ltd' })).body.id;
    expect((await kam2.get(`/api/v1/accounts/${id}/health`)).status).toBe(404);
    expect((await (await api.as(OTHER_ORG_KAM)).get(`/api/v1/accounts/${id}/health`)).status).toBe(404);
    expect((await viewer.get(`/api/v1/accounts/${id}/health`)).status).toBe(200);
    expect((await manager.get(`/api/v1/accounts/${id}/health`)).status).toBe(200);
    expect((await api.anonymous.request('GET', `/api/v1/accounts/${id}/health`)).status).toBe(401);
    expect((await kam1.get('/api/v1/accounts/not-a-uuid/health')).status).toBe(400);
  });
});

describe('at-risk suggestions', () => {
  let accountId: string;

  it('lists visible accounts below the threshold, not yet at risk; lowest first; on the home page', async () => {
    accountId = (await kam1.post('/api/v1/accounts', { name: 'Sinking Ship Inc' })).body.id;
    const healthy = (await kam1.post('/api/v1/accounts', { name: 'Fine And Dandy Co' })).body.id;
    await kam1.post(`/api/v1/accounts/${accountId}/cases`, { title: 'Recall', category: 'quality', severity: 1 });
    const list = await kam1.get('/api/v1/health/at-risk?limit=500');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const mine = list.body.items.find((i: any) => i.accountId === accountId);
    expect(mine).toMatchObject({ name: 'Sinking Ship Inc', stage: 'active', band: 'at_risk', score: 30, ownerId: kam1.actor.userId });
    expect(list.body.items.some((i: any) => i.accountId === healthy)).toBe(false);
    const scores = list.body.items.map((i: any) => i.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => a - b));
    expect((await kam2.get('/api/v1/health/at-risk?limit=500')).body.items.some((i: any) => i.accountId === accountId)).toBe(false);
    expect((await (await api.as(OTHER_ORG_KAM)).get('/api/v1/health/at-risk?limit=500')).body.items).toEqual([]);
    expect((await manager.get('/api/v1/health/at-risk?limit=500')).body.items.some((i: any) => i.accountId === accountId)).toBe(true);
    expect((await kam1.get('/api/v1/me/home')).body.atRiskSuggestions.some((i: any) => i.accountId === accountId)).toBe(true);
    const page = await manager.get('/api/v1/health/at-risk?limit=1');
    expect(page.body.items).toHaveLength(1);
    if (page.body.nextCursor) expect((await manager.get(`/api/v1/health/at-risk?limit=1&cursor=${page.body.nextCursor}`)).body.items[0].accountId).not.toBe(page.body.items[0].accountId);
    expect((await kam1.get('/api/v1/health/at-risk?limit=0')).status).toBe(400);
    expect((await kam1.get('/api/v1/health/at-risk?cursor=bad')).status).toBe(400);
  });

  it('a change to the account marks its stored health stale: the list follows at once', async () => {
    const id = (await kam1.post('/api/v1/accounts', { name: 'Recovering Oy' })).body.id;
    const c = (await kam1.post(`/api/v1/accounts/${id}/cases`, { title: 'Recall', category: 'quality', severity: 1 })).body;
    expect((await kam1.get('/api/v1/health/at-risk?limit=500')).body.items.some((i: any) => i.accountId === id)).toBe(true);
    await kam1.request('POST', `/api/v1/cases/${c.id}/transitions`, { to: 'resolved', resolution: 'Replaced' }, { 'if-match': '"1"' });
    expect((await kam1.get('/api/v1/health/at-risk?limit=500')).body.items.some((i: any) => i.accountId === id)).toBe(false);
  });

  it('the owner confirms with If-Match on the account: stage at_risk, audited; no longer suggested', async () => {
    const account = (await kam1.get(`/api/v1/accounts/${accountId}`)).body;
    const url = `/api/v1/accounts/${accountId}/health/confirm-at-risk`;
    expect((await kam1.request('POST', url)).status).toBe(428);
    expect((await kam1.request('POST', url, undefined, { 'if-match': `"${account.version + 5}"` })).status).toBe(412);
    expect((await viewer.request('POST', url, undefined, { 'if-match': `"${account.version}"` })).status).toBe(403);
    expect((await kam2.request('POST', url, undefined, { 'if-match': `"${account.version}"` })).status).toBe(404);
    const confirmed = await kam1.request('POST', url, undefined, { 'if-match': `"${account.version}"` });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ id: accountId, stage: 'at_risk', version: account.version + 1 });
    const audit = (await admin.get(`/api/v1/audit?entity=account&entityId=${accountId}`)).body.items;
    expect(audit.some((a: any) => a.after?.stage === 'at_risk' && a.actorId === kam1.actor.userId)).toBe(true);
    expect((await kam1.get('/api/v1/health/at-risk?limit=500')).body.items.some((i: any) => i.accountId === accountId)).toBe(false);
    const again = await kam1.request('POST', url, undefined, { 'if-match': `"${confirmed.body.version}"` });
    expect(again.status).toBe(409);
    const healthy = (await kam1.post('/api/v1/accounts', { name: 'Not At Risk GmbH' })).body;
    const refused = await kam1.request('POST', `/api/v1/accounts/${healthy.id}/health/confirm-at-risk`, undefined, { 'if-match': `"${healthy.version}"` });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('is not below the threshold');
  });

  it('settings: the admin moves the threshold with If-Match', async () => {
    expect((await kam1.get('/api/v1/settings/health')).body).toEqual({ atRiskBelow: 40, version: 1 });
    expect((await manager.request('PUT', '/api/v1/settings/health', { atRiskBelow: 50 }, { 'if-match': '"1"' })).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/settings/health', { atRiskBelow: 50 })).status).toBe(428);
    expect((await admin.request('PUT', '/api/v1/settings/health', { atRiskBelow: 101 }, { 'if-match': '"1"' })).status).toBe(400);
    expect((await admin.request('PUT', '/api/v1/settings/health', { atRiskBelow: '50' }, { 'if-match': '"1"' })).status).toBe(400);
    const saved = await admin.request('PUT', '/api/v1/settings/health', { atRiskBelow: 50 }, { 'if-match': '"1"' });
    expect(saved.body).toEqual({ atRiskBelow: 50, version: 2 });
    expect((await admin.request('PUT', '/api/v1/settings/health', { atRiskBelow: 50 }, { 'if-match': '"1"' })).status).toBe(412);
    const id = (await kam1.post('/api/v1/accounts', { name: 'Threshold Moved AB' })).body.id;
    expect((await kam1.get(`/api/v1/accounts/${id}/health`)).body).toMatchObject({ score: 45, band: 'at_risk', atRiskBelow: 50, suggestAtRisk: true });
  });
});
