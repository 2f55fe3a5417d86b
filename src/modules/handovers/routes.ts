import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { AccountHandoverListQuery, Handover, HandoverCreate, HandoverDetail, HandoverListQuery, HandoverReturn, HandoverUpdate } from './schemas.ts';
import * as service from './service.ts';

export function handoverRoutes(app: App, ctx: AppContext): void {
  const tags = ['handovers'];
  app.addSchema(Handover);
  app.addSchema(HandoverDetail);
  const decision = problemResponses(401, 403, 404, 409, 412, 428);

  app.get('/handovers', {
    schema: { tags, summary: 'Handovers I can see, newest first (state=pending&mine=true: what waits on me)', querystring: HandoverListQuery, response: { 200: Page(Type.Ref(Handover)), ...problemResponses(400, 401) } },
  }, async (request) => service.listHandovers(ctx, requireActor(request), request.query));

  app.get('/accounts/:id/handovers', {
    schema: { tags, summary: "The account's handovers, newest first", params: IdParams, querystring: AccountHandoverListQuery, response: { 200: Page(Type.Ref(Handover)), ...problemResponses(400, 401, 404) } },
  }, async (request) => service.listAccountHandovers(ctx, requireActor(request), request.params.id, request.query));

  app.post('/accounts/:id/handovers', {
    schema: {
      tags,
      summary: 'Start handing a prospect or onboarding account over to a key account manager (bd, manager, admin)',
      params: IdParams,
      body: HandoverCreate,
      response: { 201: Type.Ref(HandoverDetail), ...problemResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.startHandover(ctx, requireActor(request), request.params.id, request.body))));

  app.get('/handovers/:id', {
    schema: { tags, summary: 'One handover with its trail', params: IdParams, response: { 200: Type.Ref(HandoverDetail), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getHandover(ctx, requireActor(request), request.params.id)));

  app.patch('/handovers/:id', {
    schema: { tags, summary: 'Change the checklist or notes of a pending handover (sending side)', params: IdParams, body: HandoverUpdate, response: { 200: Type.Ref(HandoverDetail), ...problemResponses(400), ...decision } },
  }, async (request, reply) => withEtag(reply, await service.updateHandover(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.post('/handovers/:id/accept', {
    schema: {
      tags,
      summary: 'Accept: ownership moves to the KAM, the BD stays as sourcing BD, the stage becomes active, the first review is scheduled',
      params: IdParams,
      response: { 200: Type.Ref(HandoverDetail), ...decision, ...problemResponses(422) },
    },
  }, async (request, reply) => withEtag(reply, await service.acceptHandover(ctx, requireActor(request), request.params.id, ifMatchVersion(request))));

  app.post('/handovers/:id/return', {
    schema: { tags, summary: 'Return the handover to the sender with a reason', params: IdParams, body: HandoverReturn, response: { 200: Type.Ref(HandoverDetail), ...problemResponses(400), ...decision } },
  }, async (request, reply) => withEtag(reply, await service.returnHandover(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.post('/handovers/:id/cancel', {
    schema: { tags, summary: 'Cancel a pending handover (sending side)', params: IdParams, response: { 200: Type.Ref(HandoverDetail), ...decision } },
  }, async (request, reply) => withEtag(reply, await service.cancelHandover(ctx, requireActor(request), request.params.id, ifMatchVersion(request))));
}
