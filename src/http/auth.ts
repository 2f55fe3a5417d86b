import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { actorFromSession, actorFromToken } from '../modules/auth/service.ts';

export const SESSION_COOKIE = 'patron_session';
export const CSRF_COOKIE = 'patron_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller on every request: a bearer API token, or the session cookie. Cookie-borne
 * writes must also carry the session's CSRF token in `x-csrf-token` (double submit).
 */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = null;
    const authorization = request.headers.authorization;
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      request.actor = scheme?.toLowerCase() === 'bearer' && token ? await actorFromToken(ctx, token) : null;
      if (!request.actor && !isPublic(request)) throw new AppError('unauthenticated', 'The API token is not valid or was revoked');
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (sessionToken) {
      const actor = await actorFromSession(ctx, sessionToken);
      if (actor && !SAFE_METHODS.has(request.method) && !isPublic(request) && request.headers['x-csrf-token'] !== actor.csrfToken) {
        throw new AppError('csrf', 'Send the value of the patron_csrf cookie in the x-csrf-token header');
      }
      if (actor) request.actor = { orgId: actor.orgId, userId: actor.userId, role: actor.role, via: 'session' };
    }
    if (!request.actor && !isPublic(request) && request.url.startsWith('/api/')) throw new AppError('unauthenticated');
  });
}

const isPublic = (request: FastifyRequest): boolean => request.routeOptions.config?.public === true || !request.url.startsWith('/api/');
