import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, Uuid, problemResponses } from '../../http/schemas.ts';
import { Account, AccountCreate, AccountListQuery, AccountUpdate, TeamMember, TeamMemberAdd } from './schemas.ts';
import * as service from './service.ts';

export function accountRoutes(app: App, ctx: AppContext): void {
  const tags = ['accounts'];
  app.addSchema(Account);
  app.addSchema(TeamMember);
  const Team = Type.Object({ items: Type.Array(Type.Ref(TeamMember)) });

  app.get('/accounts', {
    schema: { tags, summary: 'Accounts I can see', querystring: AccountListQuery, response: { 200: Page(Type.Ref(Account)), ...problemResponses(400, 401) } },
  }, async (request) => service.listAccounts(ctx, requireActor(request), request.query));

  app.post('/accounts', {
    schema: { tags, summary: 'Create an account', body: AccountCreate, response: { 201: Type.Ref(Account), ...problemResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createAccount(ctx, requireActor(request), request.body))));

  app.get('/accounts/:id', {
    schema: { tags, summary: 'One account', params: IdParams, response: { 200: Type.Ref(Account), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getAccount(ctx, requireActor(request), request.params.id)));

  app.patch('/accounts/:id', {
    schema: { tags, summary: 'Change an account', params: IdParams, body: AccountUpdate, response: { 200: Type.Ref(Account), ...problemResponses(400, 401, 403, 404, 412, 428) } },
  }, async (request, reply) =>
    withEtag(reply, await service.updateAccount(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.delete('/accounts/:id', {
    schema: { tags, summary: 'Delete an account (kept in history)', params: IdParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409, 412, 428) } },
  }, async (request, reply) => {
    await service.deleteAccount(ctx, requireActor(request), request.params.id, ifMatchVersion(request));
    return reply.status(204).send(null);
  });

  app.get('/accounts/:id/team', {
    schema: { tags, summary: "The account's team", params: IdParams, response: { 200: Team, ...problemResponses(401, 404) } },
  }, async (request) => ({ items: await service.listTeam(ctx, requireActor(request), request.params.id) }));

  app.post('/accounts/:id/team', {
    schema: { tags, summary: 'Add someone to the team (the account version goes up)', params: IdParams, body: TeamMemberAdd, response: { 201: Team, ...problemResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send({ items: await service.addTeamMember(ctx, requireActor(request), request.params.id, request.body) }));

  app.delete('/accounts/:id/team/:userId', {
    schema: {
      tags,
      summary: 'Remove someone from the team; If-Match is the account version',
      params: Type.Object({ id: Uuid, userId: Uuid }),
      response: { 200: Team, ...problemResponses(401, 403, 404, 412, 422, 428) },
    },
  }, async (request) => ({
    items: await service.removeTeamMember(ctx, requireActor(request), request.params.id, request.params.userId, ifMatchVersion(request)),
  }));
}
