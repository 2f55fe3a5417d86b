import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { Me, MeUpdate, Signup, User, UserCreate, UserListQuery, UserUpdate } from './schemas.ts';
import * as service from './service.ts';

export function userRoutes(app: App, ctx: AppContext): void {
  const tags = ['users'];
  app.addSchema(User);
  app.addSchema(Me);

  app.post('/signup', {
    config: { public: true },
    schema: { tags, summary: 'Create an organisation and its first admin', security: [], body: Signup, response: { 201: Type.Object({ orgId: Type.String(), user: Type.Ref(User) }), ...problemResponses(400, 403, 409) } },
  }, async (request, reply) => {
    if (!ctx.config.signup) throw new AppError('signup_disabled');
    return reply.status(201).send(await service.createOrganisation(ctx, request.body));
  });

  app.get('/me', {
    schema: { tags, summary: 'The signed-in user', response: { 200: Type.Ref(Me), ...problemResponses(401) } },
  }, async (request, reply) => withEtag(reply, await service.getMe(ctx, requireActor(request))));

  app.patch('/me', {
    schema: { tags, summary: 'Change my name, language or preferences', body: MeUpdate, response: { 200: Type.Ref(Me), ...problemResponses(400, 401, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.updateMe(ctx, requireActor(request), ifMatchVersion(request), request.body)));

  app.get('/users', {
    schema: { tags, summary: 'Users of my organisation', querystring: UserListQuery, response: { 200: Page(Type.Ref(User)), ...problemResponses(400, 401) } },
  }, async (request) => service.listUsers(ctx, requireActor(request), request.query));

  app.post('/users', {
    schema: { tags, summary: 'Add a user (admin)', body: UserCreate, response: { 201: Type.Ref(User), ...problemResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createUser(ctx, requireActor(request), request.body))));

  app.get('/users/:id', {
    schema: { tags, summary: 'One user', params: IdParams, response: { 200: Type.Ref(User), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getUser(ctx, requireActor(request), request.params.id)));

  app.patch('/users/:id', {
    schema: { tags, summary: 'Change a user (admin)', params: IdParams, body: UserUpdate, response: { 200: Type.Ref(User), ...problemResponses(400, 401, 403, 404, 412, 428) } },
  }, async (request, reply) =>
    withEtag(reply, await service.updateUser(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));
}
