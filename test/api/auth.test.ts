import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.ts';
import { PASSWORD } from '../support/fixtures.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

const login = (email: string, password = PASSWORD, ip = '10.0.0.1') =>
  api.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

function cookiesOf(response: { cookies: { name: string; value: string }[] }) {
  const jar = Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
  return { cookie: `patron_session=${jar.patron_session}; patron_csrf=${jar.patron_csrf}`, csrf: jar.patron_csrf! };
}

describe('sessions', () => {
  it('signs in with a HttpOnly, SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const response = await login('kam1@patron.example');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ email: 'kam1@patron.example', role: 'kam', orgName: 'Superstore Supplies Inc.' });
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash/);
    const session = response.cookies.find((c) => c.name === 'patron_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const csrf = response.cookies.find((c) => c.name === 'patron_csrf')!;
    expect(csrf.httpOnly).toBeFalsy();
    expect(csrf.value).toBe(body.csrfToken);
  });

  it('answers 401 for a wrong password or an unknown email, alike', async () => {
    const wrong = await login('kam2@patron.example', 'not-the-password');
    const unknown = await login('nobody@patron.example', 'not-the-password', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().type).toBe(unknown.json().type);
  });

  it('reads /me with the cookie and needs the CSRF header for changes', async () => {
    const { cookie, csrf } = cookiesOf(await login('kam1@patron.example'));
    const me = await api.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const version = me.json().version;
    const withoutCsrf = await api.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie, 'if-match': `"${version}"` }, payload: { locale: 'pl' } });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().type).toBe('/problems/csrf');
    const withCsrf = await api.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie, 'if-match': `"${version}"`, 'x-csrf-token': csrf }, payload: { locale: 'pl', preferences: { accountColumns: ['name', 'stage'] } } });
    expect(withCsrf.statusCode).toBe(200);
    expect(withCsrf.json()).toMatchObject({ locale: 'pl', preferences: { accountColumns: ['name', 'stage'] }, version: version + 1 });
  });

  it('logs out and the session stops working; a new login rotates the session', async () => {
    const first = cookiesOf(await login('kam3@patron.example'));
    const second = cookiesOf(await api.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'kam3@patron.example', password: PASSWORD }, headers: { cookie: first.cookie } }));
    expect(second.cookie).not.toBe(first.cookie);
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    const logout = await api.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: second.cookie } });
    expect(logout.statusCode).toBe(204);
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: second.cookie } })).statusCode).toBe(401);
  });

  it('expires sessions on the server', async () => {
    const { cookie } = cookiesOf(await login('kam4@patron.example'));
    api.ctx.clock.advance(13 * 3_600_000);
    try {
      expect((await api.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    } finally {
      api.ctx.clock.advance(-13 * 3_600_000);
    }
  });

  it('throttles repeated failures per email with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('bd2@patron.example', 'wrong-password-x', `10.1.0.${i}`)).statusCode).toBe(401);
    const blocked = await login('bd2@patron.example', PASSWORD, '10.1.0.99');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    api.ctx.clock.advance(16 * 60_000);
    try {
      expect((await login('bd2@patron.example', PASSWORD, '10.1.0.99')).statusCode).toBe(200);
    } finally {
      api.ctx.clock.advance(-16 * 60_000);
    }
  });

  it('refuses requests without credentials', async () => {
    for (const url of ['/api/v1/me', '/api/v1/accounts', '/api/v1/users', '/api/v1/tokens']) {
      const answer = await api.anonymous.request('GET', url);
      expect(answer.status, url).toBe(401);
      expect(answer.body.type).toBe('/problems/unauthenticated');
    }
  });
});

describe('API tokens', () => {
  it('creates a token shown once, works as a bearer, lists without the secret, revokes', async () => {
    const kam = await api.as('kam1@patron.example');
    const created = await kam.post('/api/v1/tokens', { name: 'CRM sync' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^pat_/);
    const bearer = { authorization: `Bearer ${created.body.token}` };
    expect((await api.anonymous.request('GET', '/api/v1/me', undefined, bearer)).body.email).toBe('kam1@patron.example');
    const listed = await kam.get('/api/v1/tokens');
    const entry = listed.body.items.find((t: { id: string }) => t.id === created.body.id);
    expect(entry).toMatchObject({ name: 'CRM sync', revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect((await kam.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    expect((await api.anonymous.request('GET', '/api/v1/me', undefined, bearer)).status).toBe(401);
  });

  it("hides other people's tokens", async () => {
    const kam = await api.as('kam1@patron.example');
    const created = await kam.post('/api/v1/tokens', { name: 'mine' });
    expect((await (await api.as('kam2@patron.example')).delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(404);
    expect((await (await api.as('admin@rival.example')).delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(404);
    expect((await api.anonymous.request('GET', '/api/v1/me', undefined, { authorization: 'Bearer pat_forged' })).status).toBe(401);
  });
});

describe('sign-up and users', () => {
  it('creates an organisation whose admin sees only it', async () => {
    const answer = await api.anonymous.request('POST', '/api/v1/signup', { orgName: 'Fjord Metals AS', name: 'Ola Nordmann', email: 'ola@fjord.example', password: 'a-long-password', currency: 'NOK' });
    expect(answer.status).toBe(201);
    const session = await login('ola@fjord.example', 'a-long-password');
    expect(session.json().user).toMatchObject({ orgName: 'Fjord Metals AS', orgCurrency: 'NOK', role: 'admin' });
    const { cookie } = cookiesOf(session);
    const users = await api.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie } });
    expect(users.json().items.map((u: { email: string }) => u.email)).toEqual(['ola@fjord.example']);
    expect((await api.anonymous.request('POST', '/api/v1/signup', { orgName: 'Again', name: 'Ola', email: 'OLA@fjord.example', password: 'a-long-password' })).status).toBe(409);
  });

  it('can be switched off', async () => {
    api.ctx.config.signup = false;
    try {
      const answer = await api.anonymous.request('POST', '/api/v1/signup', { orgName: 'Closed', name: 'N', email: 'n@closed.example', password: 'a-long-password' });
      expect(answer.status).toBe(403);
      expect(answer.body.type).toBe('/problems/signup-disabled');
    } finally {
      api.ctx.config.signup = true;
    }
  });

  it('lets only admins manage users, refusing reporting cycles', async () => {
    const admin = await api.as('admin@patron.example');
    const kam = await api.as('kam1@patron.example');
    expect((await kam.post('/api/v1/users', { email: 'x@patron.example', name: 'X', role: 'kam' })).status).toBe(403);
    const created = await admin.post('/api/v1/users', { email: 'newkam@patron.example', name: 'Nina New', role: 'kam', managerId: kam.actor.userId, password: 'a-long-password' });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toMatch(/password/i);
    const cycle = await admin.patch(`/api/v1/users/${kam.actor.userId}`, { managerId: created.body.id }, (await admin.get(`/api/v1/users/${kam.actor.userId}`)).body.version);
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors[0].path).toBe('managerId');
    expect((await admin.post('/api/v1/users', { email: 'newkam@patron.example', name: 'Dup', role: 'kam' })).status).toBe(409);
    const selfDemote = await admin.patch(`/api/v1/users/${admin.actor.userId}`, { role: 'viewer' }, (await admin.get(`/api/v1/users/${admin.actor.userId}`)).body.version);
    expect(selfDemote.status).toBe(422);
    const kams = await kam.get('/api/v1/users?role=kam&limit=2');
    expect(kams.body.items).toHaveLength(2);
    expect(kams.body.nextCursor).not.toBeNull();
    expect((await kam.get(`/api/v1/users/${(await api.as('admin@rival.example')).actor.userId}`)).status).toBe(404);
  });

  it('deactivating a user ends their access', async () => {
    const admin = await api.as('admin@patron.example');
    const created = await admin.post('/api/v1/users', { email: 'leaver@patron.example', name: 'Lee Leaver', role: 'kam', password: 'a-long-password' });
    const leaver = await api.as('leaver@patron.example');
    expect((await leaver.get('/api/v1/me')).status).toBe(200);
    expect((await admin.patch(`/api/v1/users/${created.body.id}`, { active: false }, created.body.version)).status).toBe(200);
    expect((await leaver.get('/api/v1/me')).status).toBe(401);
    expect((await login('leaver@patron.example', 'a-long-password', '10.9.9.9')).statusCode).toBe(401);
  });
});
