import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

describe('platform', () => {
  it('answers health and readiness without a session', async () => {
    expect((await api.anonymous.request('GET', '/healthz')).status).toBe(200);
    expect((await api.anonymous.request('GET', '/readyz')).body).toEqual({ status: 'ready' });
  });

  it('documents every API route in /openapi.json with responses', async () => {
    const doc = (await api.anonymous.request('GET', '/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths as Record<string, Record<string, { responses?: object; summary?: string }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(15);
    for (const { path, method, op } of operations) {
      expect(path, `${method} ${path}`).toMatch(/^\/api\/v1\//);
      expect(op.summary, `${method} ${path} summary`).toBeTruthy();
      expect(Object.keys(op.responses ?? {}).length, `${method} ${path} responses`).toBeGreaterThan(0);
    }
    const docs = await api.app.inject({ method: 'GET', url: '/docs/' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('answers unknown API routes with a problem document and sets security headers', async () => {
    const anonymous = await api.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(anonymous.statusCode).toBe(401);
    const kam = await api.as('kam1@patron.example');
    const { token } = (await kam.post('/api/v1/tokens', { name: 'platform test' })).body;
    const answer = await api.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { authorization: `Bearer ${token}` } });
    expect(answer.statusCode).toBe(404);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('rejects a malformed id with 400, an unknown one with 404', async () => {
    const kam = await api.as('kam1@patron.example');
    expect((await kam.get('/api/v1/accounts/not-a-uuid')).status).toBe(400);
    expect((await kam.get('/api/v1/accounts/01936b2e-7c1a-7000-8000-000000000000')).status).toBe(404);
  });
});
