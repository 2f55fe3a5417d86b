import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.ts';
import { OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
let accountId: string;

async function setThresholds(attractiveness: number, strength: number) {
  const admin = await api.as('admin@patron.example');
  const model = (await admin.get('/api/v1/scoring/model')).body;
  const changed = await admin.request('PUT', '/api/v1/scoring/model', { weights: model.weights, thresholds: { attractiveness, strength } }, { 'if-match': `"${model.number}"` });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
}

beforeAll(async () => {
  api = await createTestApi();
  const kam = await api.as('kam1@patron.example');
  const created = await kam.post('/api/v1/accounts', { name: 'Notified Corp', strategicFit: 3 });
  expect(created.status).toBe(201);
  accountId = created.body.id;
  // Everything below the thresholds: develop; then everything at 0/0 is key.
  await setThresholds(100, 100);
  await setThresholds(0, 0);
});
afterAll(() => api.close());

describe('notifications', () => {
  it('tells the owner and the owner’s manager when an account moves into key', async () => {
    for (const email of ['kam1@patron.example', 'manager@patron.example']) {
      const answer = await (await api.as(email)).get('/api/v1/notifications?unread=true&limit=500');
      expect(answer.status).toBe(200);
      const mine = answer.body.items.filter((n: any) => n.accountId === accountId);
      expect(mine, email).toHaveLength(1);
      expect(mine[0]).toMatchObject({ kind: 'tier_into_key', params: { accountName: 'Notified Corp', fromTier: 'develop', toTier: 'key' }, readAt: null });
      expect(answer.body.unread).toBeGreaterThanOrEqual(1);
    }
    // Not on anyone else's list.
    for (const email of ['kam2@patron.example', 'director@patron.example', OTHER_ORG_KAM]) {
      const answer = await (await api.as(email)).get('/api/v1/notifications?limit=500');
      expect(answer.body.items.filter((n: any) => n.accountId === accountId), email).toEqual([]);
    }
  });

  it('tells them again when it leaves key, and not on the first score', async () => {
    await setThresholds(100, 100);
    const answer = await (await api.as('kam1@patron.example')).get('/api/v1/notifications?limit=500');
    const kinds = answer.body.items.filter((n: any) => n.accountId === accountId).map((n: any) => n.kind);
    expect(kinds).toEqual(['tier_out_of_key', 'tier_into_key']);
    await setThresholds(0, 0);
  });

  it('pages newest first with a cursor', async () => {
    const kam = await api.as('kam1@patron.example');
    const all = (await kam.get('/api/v1/notifications?limit=500')).body.items.map((n: any) => n.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await kam.get('/api/v1/notifications?limit=2');
    expect(first.body.items.map((n: any) => n.id)).toEqual(all.slice(0, 2));
    const second = await kam.get(`/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((n: any) => n.id)).toEqual(all.slice(2, 4));
    expect((await kam.get('/api/v1/notifications?cursor=nonsense')).status).toBe(400);
    expect((await kam.get('/api/v1/notifications?limit=0')).status).toBe(400);
    expect((await kam.get('/api/v1/notifications?unread=maybe')).status).toBe(400);
  });

  it('marks one read (own only, audited), then all', async () => {
    const kam = await api.as('kam1@patron.example');
    const manager = await api.as('manager@patron.example');
    const unread = (await kam.get('/api/v1/notifications?unread=true')).body;
    const target = unread.items[0];
    expect((await manager.post(`/api/v1/notifications/${target.id}/read`)).status).toBe(404);
    expect((await (await api.as(OTHER_ORG_KAM)).post(`/api/v1/notifications/${target.id}/read`)).status).toBe(404);
    const read = await kam.post(`/api/v1/notifications/${target.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(api.ctx.clock.now().toISOString());
    const again = await kam.post(`/api/v1/notifications/${target.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    const after = (await kam.get('/api/v1/notifications?unread=true')).body;
    expect(after.unread).toBe(unread.unread - 1);
    expect(after.items.map((n: any) => n.id)).not.toContain(target.id);
    const audit = await (await api.as('admin@patron.example')).get(`/api/v1/audit?entity=notification&entityId=${target.id}`);
    expect(audit.body.items).toHaveLength(1);

    const all = await kam.post('/api/v1/notifications/read-all');
    expect(all.status).toBe(200);
    expect(all.body.marked).toBe(after.unread);
    expect((await kam.get('/api/v1/notifications?unread=true')).body).toMatchObject({ items: [], unread: 0 });
    // The manager's stay unread.
    expect((await manager.get('/api/v1/notifications?unread=true')).body.unread).toBeGreaterThan(0);
  });

  it('needs a signed-in caller and a uuid', async () => {
    expect((await api.anonymous.request('GET', '/api/v1/notifications')).status).toBe(401);
    expect((await (await api.as('kam1@patron.example')).post('/api/v1/notifications/not-a-uuid/read')).status).toBe(400);
  });
});
