import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, PageQuery, problemResponses } from '../../http/schemas.ts';
import {
  NegotiationEntry,
  NegotiationEntryCreate,
  NegotiationEntryUpdate,
  NegotiationParams,
  Opportunity,
  OpportunityCreate,
  OpportunityListQuery,
  OpportunityStages,
  OpportunityStagesPut,
  OpportunityTotals,
  OpportunityTotalsQuery,
  OpportunityUpdate,
  StageChange,
} from './schemas.ts';
import * as service from './service.ts';

export function opportunityRoutes(app: App, ctx: AppContext): void {
  const tags = ['opportunities'];
  app.addSchema(Opportunity);
  app.addSchema(OpportunityTotals);
  app.addSchema(StageChange);
  app.addSchema(NegotiationEntry);
  app.addSchema(OpportunityStages);

  app.get('/opportunities', {
    schema: { tags, summary: 'Opportunities on accounts I can see, filtered, soonest close first', querystring: OpportunityListQuery, response: { 200: Page(Type.Ref(Opportunity)), ...problemResponses(400, 401, 404) } },
  }, async (request) => service.listOpportunities(ctx, requireActor(request), request.query));

  app.post('/opportunities', {
    schema: {
      tags,
      summary: "Create an opportunity (probability and forecast category default from the stage; owner from the account)",
      body: OpportunityCreate,
      response: { 201: Type.Ref(Opportunity), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createOpportunity(ctx, requireActor(request), request.body))));

  app.get('/opportunities/totals', {
    schema: {
      tags,
      summary: 'Per-owner totals of the matching opportunities, weighted and unweighted, in the organisation currency',
      querystring: OpportunityTotalsQuery,
      response: { 200: Type.Ref(OpportunityTotals), ...problemResponses(400, 401, 422) },
    },
  }, async (request) => service.opportunityTotals(ctx, requireActor(request), request.query));

  app.get('/opportunities/:id', {
    schema: { tags, summary: 'One opportunity (ETag: version)', params: IdParams, response: { 200: Type.Ref(Opportunity), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getOpportunity(ctx, requireActor(request), request.params.id)));

  app.patch('/opportunities/:id', {
    schema: {
      tags,
      summary: 'Change an opportunity; a stage move is kept in its history (If-Match: the version read)',
      params: IdParams,
      body: OpportunityUpdate,
      response: { 200: Type.Ref(Opportunity), ...problemResponses(400, 401, 403, 404, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.updateOpportunity(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.get('/opportunities/:id/history', {
    schema: { tags, summary: 'Stage history, oldest first: when, from, to, amount then, by whom', params: IdParams, response: { 200: Type.Array(Type.Ref(StageChange)), ...problemResponses(401, 404) } },
  }, async (request) => service.stageHistory(ctx, requireActor(request), request.params.id));

  app.get('/opportunities/:id/negotiation', {
    schema: {
      tags,
      summary: 'The negotiation log, newest first',
      params: IdParams,
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: Page(Type.Ref(NegotiationEntry)), ...problemResponses(400, 401, 404) },
    },
  }, async (request) => service.listNegotiation(ctx, requireActor(request), request.params.id, request.query));

  app.post('/opportunities/:id/negotiation', {
    schema: {
      tags,
      summary: 'Add a negotiation entry: positions, concessions given and received, agreed terms, next move',
      params: IdParams,
      body: NegotiationEntryCreate,
      response: { 201: Type.Ref(NegotiationEntry), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.addNegotiationEntry(ctx, requireActor(request), request.params.id, request.body))));

  app.patch('/opportunities/:id/negotiation/:entryId', {
    schema: {
      tags,
      summary: 'Change your own negotiation entry (If-Match)',
      params: NegotiationParams,
      body: NegotiationEntryUpdate,
      response: { 200: Type.Ref(NegotiationEntry), ...problemResponses(400, 401, 403, 404, 412, 428) },
    },
  }, async (request, reply) =>
    withEtag(reply, await service.updateNegotiationEntry(ctx, requireActor(request), request.params.id, request.params.entryId, ifMatchVersion(request), request.body)));

  app.get('/settings/opportunity-stages', {
    schema: { tags: ['settings'], summary: "The organisation's opportunity stages in order (ETag: version)", response: { 200: Type.Ref(OpportunityStages), ...problemResponses(401) } },
  }, async (request, reply) => withEtag(reply, await service.getOpportunityStages(ctx, requireActor(request))));

  app.put('/settings/opportunity-stages', {
    schema: {
      tags: ['settings'],
      summary: 'Replace the stages (admin; If-Match): exactly one won and one lost stage; a stage in use cannot be removed',
      body: OpportunityStagesPut,
      response: { 200: Type.Ref(OpportunityStages), ...problemResponses(400, 401, 403, 409, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.putOpportunityStages(ctx, requireActor(request), ifMatchVersion(request), request.body)));
}
