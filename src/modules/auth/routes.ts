import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../http/auth.ts';
import { requireActor } from '../../http/request.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { getMe } from '../users/service.ts';
import { ApiToken, LoginBody, LoginResult, TokenCreate, TokenCreated } from './schemas.ts';
import * as service from './service.ts';

export function authRoutes(app: App, ctx: AppContext): void {
  const tags = ['auth'];
  const secure = ctx.config.trustProxy;

  app.post('/auth/login', {
    config: { public: true },
    schema: { tags, summary: 'Sign in; sets the session cookie', security: [], body: LoginBody, response: { 200: LoginResult, ...problemResponses(400, 401, 429) } },
  }, async (request, reply) => {
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await service.logout(ctx, previous);
    const outcome = await service.login(ctx, request.body, request.ip);
    const cookieOptions = { path: '/', sameSite: 'lax' as const, secure, expires: outcome.expiresAt };
    reply.setCookie(SESSION_COOKIE, outcome.sessionToken, { ...cookieOptions, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, outcome.csrfToken, { ...cookieOptions, httpOnly: false });
    return { user: await getMe(ctx, outcome.actor), csrfToken: outcome.csrfToken };
  });

  app.post('/auth/logout', {
    config: { public: true },
    schema: { tags, summary: 'Sign out', security: [], response: { 204: Type.Null() } },
  }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await service.logout(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/tokens', {
    schema: { tags, summary: 'My API tokens', response: { 200: Type.Object({ items: Type.Array(ApiToken) }), ...problemResponses(401) } },
  }, async (request) => ({ items: await service.listApiTokens(ctx, requireActor(request)) }));

  app.post('/tokens', {
    schema: { tags, summary: 'Create an API token (shown once)', body: TokenCreate, response: { 201: TokenCreated, ...problemResponses(400, 401) } },
  }, async (request, reply) => reply.status(201).send(await service.createApiToken(ctx, requireActor(request), request.body.name)));

  app.delete('/tokens/:id', {
    schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 204: Type.Null(), ...problemResponses(401, 404) } },
  }, async (request, reply) => {
    await service.revokeApiToken(ctx, requireActor(request), request.params.id);
    return reply.status(204).send(null);
  });
}
