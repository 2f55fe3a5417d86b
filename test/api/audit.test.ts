import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

describe('audit log filters', () => {
  it('filters by the user who made the change and by day (UTC, both ends included)', async () => {
    const admin = await api.as('admin@patron.example');
    const director = await api.as('director@patron.example');
    // The test clock stands at 2026-11-23T10:00Z.
    const byAdmin = await admin.post('/api/v1/products', { sku: 'AUD-1', name: 'Audited by admin' });
    const byDirector = await director.post('/api/v1/products', { sku: 'AUD-2', name: 'Audited by director' });
    expect([byAdmin.status, byDirector.status]).toEqual([201, 201]);

    const directorsChanges = await admin.get(`/api/v1/audit?entity=product&actorId=${director.actor.userId}`);
    expect(directorsChanges.status).toBe(200);
    expect(directorsChanges.body.items.map((e: { entityId: string }) => e.entityId)).toEqual([byDirector.body.id]);

    const today = await admin.get('/api/v1/audit?entity=product&from=2026-11-23&to=2026-11-23');
    expect(today.body.items.map((e: { entityId: string }) => e.entityId)).toEqual([byDirector.body.id, byAdmin.body.id]);
    expect((await admin.get('/api/v1/audit?entity=product&to=2026-11-22')).body.items.some((e: { entityId: string }) => e.entityId === byAdmin.body.id)).toBe(false);
    expect((await admin.get('/api/v1/audit?entity=product&from=2026-11-24')).body.items).toEqual([]);
  });

  it('refuses a malformed user id or day with field errors', async () => {
    const admin = await api.as('admin@patron.example');
    const answer = await admin.get('/api/v1/audit?actorId=nobody&from=2026-02-30');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.body.errors.length).toBeGreaterThan(0);
  });
});
