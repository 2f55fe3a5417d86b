import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.ts';
import { OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

const createAccount = async (email: string, body: Record<string, unknown>) => {
  const caller = await api.as(email);
  const answer = await caller.post('/api/v1/accounts', body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};

describe('accounts', () => {
  it('creates an account owned by its creator and reads it back with an ETag', async () => {
    const kam = await api.as('kam1@patron.example');
    const created = await createAccount('kam1@patron.example', { name: 'Nordwind Logistik GmbH', country: 'DE', currency: 'EUR', walletEstimate: '125000.50', strategicFit: 4 });
    expect(created).toMatchObject({ name: 'Nordwind Logistik GmbH', country: 'DE', currency: 'EUR', walletEstimate: '125000.50', stage: 'active', ownerId: kam.actor.userId, version: 1 });
    const read = await kam.get(`/api/v1/accounts/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    const team = await kam.get(`/api/v1/accounts/${created.id}/team`);
    expect(team.body.items).toEqual([expect.objectContaining({ userId: kam.actor.userId, role: 'owner' })]);
  });

  it('needs If-Match to change an account and refuses a stale version with 412', async () => {
    const kam = await api.as('kam1@patron.example');
    const account = await createAccount('kam1@patron.example', { name: 'Versioned AG' });
    const noIfMatch = await kam.request('PATCH', `/api/v1/accounts/${account.id}`, { stage: 'at_risk' });
    expect(noIfMatch.status).toBe(428);
    const first = await kam.patch(`/api/v1/accounts/${account.id}`, { stage: 'at_risk' }, 1);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stage: 'at_risk', version: 2 });
    const stale = await kam.patch(`/api/v1/accounts/${account.id}`, { stage: 'churned' }, 1);
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect((await kam.get(`/api/v1/accounts/${account.id}`)).body.stage).toBe('at_risk');
  });

  it('rejects wrong types, unknown fields and bad codes with field errors and writes nothing', async () => {
    const kam = await api.as('kam1@patron.example');
    const before = await kam.get('/api/v1/accounts?limit=500');
    const answer = await kam.post('/api/v1/accounts', { name: 12, bogus: true, strategicFit: 9 });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'must be string' },
        { path: 'bogus', message: 'is not a known field' },
        expect.objectContaining({ path: 'strategicFit' }),
      ]),
    );
    const badCodes = await kam.post('/api/v1/accounts', { name: 'X', currency: 'XYZ', country: 'QQ', walletEstimate: '12.345' });
    expect(badCodes.status).toBe(400);
    expect(badCodes.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['country', 'currency', 'walletEstimate']);
    const malformed = await kam.request('POST', '/api/v1/accounts', '{"name":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('/problems/malformed-json');
    const huge = await kam.post('/api/v1/accounts', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect((await kam.get('/api/v1/accounts?limit=500')).body.items).toHaveLength(before.body.items.length);
  });

  it('keeps the hierarchy free of cycles', async () => {
    const kam = await api.as('kam1@patron.example');
    const parent = await createAccount('kam1@patron.example', { name: 'Global Parent plc' });
    const child = await createAccount('kam1@patron.example', { name: 'Child GmbH', parentId: parent.id });
    expect(child.parentName).toBe('Global Parent plc');
    const cycle = await kam.patch(`/api/v1/accounts/${parent.id}`, { parentId: child.id }, parent.version);
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors[0].path).toBe('parentId');
    const children = await kam.get(`/api/v1/accounts?parentId=${parent.id}`);
    expect(children.body.items.map((a: { id: string }) => a.id)).toEqual([child.id]);
    const blocked = await kam.delete(`/api/v1/accounts/${parent.id}`, parent.version);
    expect(blocked.status).toBe(409);
  });

  it('pages with a cursor, filters and sorts', async () => {
    const kam = await api.as('kam2@patron.example');
    for (const name of ['Alpha Paging', 'Bravo Paging', 'Charlie Paging', 'Delta Paging', 'Echo Paging']) {
      await createAccount('kam2@patron.example', { name, stage: name.startsWith('E') ? 'prospect' : 'active' });
    }
    const first = await kam.get('/api/v1/accounts?q=paging&limit=2&sort=-name');
    expect(first.body.items.map((a: { name: string }) => a.name)).toEqual(['Echo Paging', 'Delta Paging']);
    const second = await kam.get(`/api/v1/accounts?q=paging&limit=2&sort=-name&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((a: { name: string }) => a.name)).toEqual(['Charlie Paging', 'Bravo Paging']);
    const third = await kam.get(`/api/v1/accounts?q=paging&limit=2&sort=-name&cursor=${second.body.nextCursor}`);
    expect(third.body).toMatchObject({ items: [expect.objectContaining({ name: 'Alpha Paging' })], nextCursor: null });
    const prospects = await kam.get('/api/v1/accounts?q=paging&stage=prospect');
    expect(prospects.body.items.map((a: { name: string }) => a.name)).toEqual(['Echo Paging']);
    expect((await kam.get('/api/v1/accounts?cursor=not-a-cursor')).status).toBe(400);
    expect((await kam.get('/api/v1/accounts?limit=501')).status).toBe(400);
  });

  it('shows each role what DESIGN.md says it sees', async () => {
    const account = await createAccount('kam3@patron.example', { name: 'Visibility Test Ltd' });
    const url = `/api/v1/accounts/${account.id}`;
    for (const email of ['kam3@patron.example', 'manager@patron.example', 'director@patron.example', 'admin@patron.example', 'viewer@patron.example']) {
      expect((await (await api.as(email)).get(url)).status, email).toBe(200);
    }
    for (const email of ['kam4@patron.example', 'bd1@patron.example', OTHER_ORG_KAM]) {
      expect((await (await api.as(email)).get(url)).status, email).toBe(404);
    }
    const viewer = await api.as('viewer@patron.example');
    expect((await viewer.patch(url, { stage: 'churned' }, 1)).status).toBe(403);
    expect((await viewer.post('/api/v1/accounts', { name: 'Nope' })).status).toBe(403);
    const other = await api.as(OTHER_ORG_KAM);
    expect((await other.patch(url, { stage: 'churned' }, 1)).status).toBe(404);
    expect((await other.delete(url, 1)).status).toBe(404);
    expect((await (await api.as('kam3@patron.example')).get(url)).body.stage).toBe('active');
  });

  it('moves ownership with the team and audits every change', async () => {
    const manager = await api.as('manager@patron.example');
    const kam4 = await api.as('kam4@patron.example');
    const account = await createAccount('manager@patron.example', { name: 'Handed Over Oy', ownerId: kam4.actor.userId });
    const moved = await manager.patch(`/api/v1/accounts/${account.id}`, { ownerId: (await api.as('kam1@patron.example')).actor.userId }, account.version);
    expect(moved.status).toBe(200);
    expect((await kam4.get(`/api/v1/accounts/${account.id}`)).status).toBe(404);
    const admin = await api.as('admin@patron.example');
    const trail = await admin.get(`/api/v1/audit?entity=account&entityId=${account.id}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(trail.body.items[0].before.ownerId).toBe(kam4.actor.userId);
  });
});
