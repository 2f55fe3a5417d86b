import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import {
  Engagement,
  EngagementSettings,
  EngagementSettingsPut,
  Interaction,
  InteractionCreate,
  InteractionListQuery,
  InteractionUpdate,
  NextStep,
  NextStepQuery,
  OverdueAccount,
  OverdueQuery,
} from './schemas.ts';
import * as service from './service.ts';

export function interactionRoutes(app: App, ctx: AppContext): void {
  const tags = ['engagement'];
  app.addSchema(Interaction);
  app.addSchema(NextStep);
  app.addSchema(Engagement);
  app.addSchema(OverdueAccount);
  app.addSchema(EngagementSettings);

  app.get('/accounts/:id/interactions', {
    schema: { tags, summary: "The account's interactions, newest first", params: IdParams, querystring: InteractionListQuery, response: { 200: Page(Type.Ref(Interaction)), ...problemResponses(400, 401, 404) } },
  }, async (request) => service.listInteractions(ctx, requireActor(request), request.params.id, request.query));

  app.post('/accounts/:id/interactions', {
    schema: {
      tags,
      summary: 'Log a meeting, call, visit, email or note (minutes default per kind)',
      params: IdParams,
      body: InteractionCreate,
      response: { 201: Type.Ref(Interaction), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createInteraction(ctx, requireActor(request), request.params.id, request.body))));

  app.get('/interactions/:id', {
    schema: { tags, summary: 'One interaction', params: IdParams, response: { 200: Type.Ref(Interaction), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getInteraction(ctx, requireActor(request), request.params.id)));

  app.patch('/interactions/:id', {
    schema: {
      tags,
      summary: 'Change an interaction or its next step (nextStepDone: true closes it)',
      params: IdParams,
      body: InteractionUpdate,
      response: { 200: Type.Ref(Interaction), ...problemResponses(400, 401, 403, 404, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.updateInteraction(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.delete('/interactions/:id', {
    schema: { tags, summary: 'Delete an interaction (kept in the audit log)', params: IdParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 412, 428) } },
  }, async (request, reply) => {
    await service.deleteInteraction(ctx, requireActor(request), request.params.id, ifMatchVersion(request));
    return reply.status(204).send(null);
  });

  app.get('/next-steps', {
    schema: { tags, summary: 'Open next steps on accounts I can see, earliest due first', querystring: NextStepQuery, response: { 200: Page(Type.Ref(NextStep)), ...problemResponses(400, 401, 404) } },
  }, async (request) => service.listNextSteps(ctx.db, requireActor(request), ctx.clock.now(), request.query));

  app.get('/accounts/:id/engagement', {
    schema: {
      tags,
      summary: "The account's contact cadence: last contact, next due date, overdue days, recent interactions",
      params: IdParams,
      response: { 200: Type.Ref(Engagement), ...problemResponses(401, 404) },
    },
  }, async (request) => service.getEngagement(ctx, requireActor(request), request.params.id));

  app.get('/engagement/overdue', {
    schema: {
      tags,
      summary: 'Accounts I can see that are overdue for contact under their tier’s cadence, longest overdue first',
      querystring: OverdueQuery,
      response: { 200: Page(Type.Ref(OverdueAccount)), ...problemResponses(400, 401) },
    },
  }, async (request) => service.listOverdueAccounts(ctx.db, requireActor(request), ctx.clock.now(), request.query));

  app.get('/settings/cadence', {
    schema: {
      tags: ['settings'],
      summary: 'Contact cadence per tier (days) and default minutes per interaction kind (ETag: version)',
      response: { 200: Type.Ref(EngagementSettings), ...problemResponses(401) },
    },
  }, async (request, reply) => withEtag(reply, await service.getEngagementSettings(ctx, requireActor(request))));

  app.put('/settings/cadence', {
    schema: {
      tags: ['settings'],
      summary: 'Change the contact cadence and default minutes (admin; If-Match: the version read)',
      body: EngagementSettingsPut,
      response: { 200: Type.Ref(EngagementSettings), ...problemResponses(400, 401, 403, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.putEngagementSettings(ctx, requireActor(request), ifMatchVersion(request), request.body)));
}
