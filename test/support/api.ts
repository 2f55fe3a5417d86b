import { inject } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { createApiToken } from '../../src/modules/auth/service.ts';
import { findLoginUser } from '../../src/modules/users/service.ts';
import { openTestDatabase, testContext } from './database.ts';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Caller {
  actor: Actor;
  /** The Authorization header this caller sends (for raw `app.inject` calls, e.g. binary downloads). */
  authorization: string;
  request<T = any>(method: Method, url: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
  get<T = any>(url: string, headers?: Record<string, string>): Promise<Answer<T>>;
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
  patch<T = any>(url: string, body: unknown, version: number | string, headers?: Record<string, string>): Promise<Answer<T>>;
  delete<T = any>(url: string, version?: number | string): Promise<Answer<T>>;
}

/**
 * One test file's API: a private copy of the seeded template database, the real Fastify app with
 * a fixed clock, and callers that authenticate as a named user with a real API token.
 */
export async function createTestApi() {
  const database = await openTestDatabase(inject('templateDatabase'));
  const ctx = testContext(database);
  const app: App = await buildApp(ctx);
  const callers = new Map<string, Caller>();

  async function send<T>(method: Method, url: string, body: unknown, headers: Record<string, string>): Promise<Answer<T>> {
    const response = await app.inject({
      method,
      url,
      headers: { ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = response.body;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.statusCode, body: parsed as T, headers: response.headers };
  }

  const anonymous = {
    request: <T = any>(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) => send<T>(method, url, body, headers),
  };

  async function as(email: string): Promise<Caller> {
    const known = callers.get(email);
    if (known) return known;
    const user = await findLoginUser(ctx.db, email);
    if (!user) throw new Error(`No fixture user ${email}`);
    const actor: Actor = { orgId: user.orgId, userId: user.id, role: user.role, via: 'token' };
    const { token } = await createApiToken(ctx, actor, `test ${email}`);
    const auth = { authorization: `Bearer ${token}` };
    const caller: Caller = {
      actor,
      authorization: auth.authorization,
      request: (method, url, body, headers = {}) => send(method, url, body, { ...auth, ...headers }),
      get: (url, headers = {}) => send('GET', url, undefined, { ...auth, ...headers }),
      post: (url, body, headers = {}) => send('POST', url, body ?? {}, { ...auth, ...headers }),
      patch: (url, body, version, headers = {}) => send('PATCH', url, body, { ...auth, 'if-match': `"${version}"`, ...headers }),
      delete: (url, version) => send('DELETE', url, undefined, { ...auth, ...(version !== undefined ? { 'if-match': `"${version}"` } : {}) }),
    };
    callers.set(email, caller);
    return caller;
  }

  return {
    app,
    ctx,
    database,
    as,
    anonymous,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;
