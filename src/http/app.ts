import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { ping } from '../db/connection.ts';
import { registerAuthentication } from './auth.ts';
import { errorHandler, sendProblem } from './problems.ts';
import { Problem } from './schemas.ts';
import { buildValidator } from './validation.ts';
import { moduleRoutes } from './routes.ts';
import { wireModules } from '../modules/wiring.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export const BODY_LIMIT = 1024 * 1024;
export const IMPORT_FILE_LIMIT = 512 * 1024 * 1024;
export const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface BuildOptions {
  logger?: boolean | { level: string };
}

/** Builds the whole HTTP application; `patron serve` listens on it, tests inject into it. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  wireModules();
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: ctx.config.trustProxy,
    return503OnClosing: true,
    // Errors the router raises before any route runs (a path parameter longer than the router takes,
    // a malformed URL) are problem details too.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
    schemaController: { compilersFactory: { buildValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(errorHandler);
  app.addSchema(Problem);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: IMPORT_FILE_LIMIT, files: 1, fields: 10 } });
  await registerOpenApi(app);
  registerAuthentication(app, ctx);
  registerSecurityHeaders(app, ctx);
  registerHealth(app, ctx);
  await app.register(async (api) => moduleRoutes(api as App, ctx), { prefix: '/api/v1' });
  await registerWeb(app);
  return app;
}

async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Patron API',
        version: '1',
        description:
          'Key account management. Money is a decimal string beside its `currency`; dates are YYYY-MM-DD. ' +
          'Lists page with `limit` and `cursor` and answer `{items, nextCursor}`. Changes to a stored row need `If-Match` with its ETag. ' +
          'Errors are RFC 9457 problem details.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token from POST /api/v1/tokens' },
          session: { type: 'apiKey', in: 'cookie', name: 'patron_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
}

function registerHealth(app: App, ctx: AppContext): void {
  app.get('/healthz', { schema: { hide: true }, config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true }, config: { public: true } }, async (_request, reply) => {
    try {
      await ping(ctx.database);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
}

const WEB_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

function registerSecurityHeaders(app: App, ctx: AppContext): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!request.url.startsWith('/docs')) {
      reply.header('x-frame-options', 'DENY');
      reply.header('content-security-policy', WEB_CSP);
    }
    if (ctx.config.trustProxy && request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** The web UI's static build, with index.html for every client-side route. */
async function registerWeb(app: App): Promise<void> {
  const hasBuild = fs.existsSync(path.join(webRoot, 'index.html'));
  // wildcard: files are looked up per request, so a rebuild of the web UI is served without a restart.
  if (hasBuild) await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: false, maxAge: '1h', immutable: true });
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot, { maxAge: 0, immutable: false });
  if (hasBuild) app.get('/', { schema: { hide: true }, config: { public: true } }, (_request, reply) => sendIndex(reply));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') return sendProblem(reply, new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
    if (!hasBuild) return reply.status(503).type('text/plain').send('The web UI is not built yet: run `npm run build`.');
    // A missing asset is a 404, never the app's page (a stale tab would run HTML as a script).
    if (/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '')) return reply.status(404).type('text/plain').send('Not found');
    return sendIndex(reply);
  });
}
