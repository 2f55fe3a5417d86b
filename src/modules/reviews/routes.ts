import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { AccountReviewListQuery, AgendaCreate, Review, ReviewCreate, ReviewHold, ReviewListQuery, ReviewSettings, ReviewSettingsUpdate, ReviewUpdate } from './schemas.ts';
import * as service from './service.ts';

export function reviewRoutes(app: App, ctx: AppContext): void {
  const tags = ['reviews'];
  app.addSchema(Review);
  app.addSchema(ReviewSettings);

  app.get('/accounts/:id/reviews', {
    schema: { tags, summary: "The account's reviews, latest first", params: IdParams, querystring: AccountReviewListQuery, response: { 200: Page(Type.Ref(Review)), ...problemResponses(400, 401, 404) } },
  }, async (request) => service.listAccountReviews(ctx, requireActor(request), request.params.id, request.query));

  app.post('/accounts/:id/reviews', {
    schema: { tags, summary: 'Schedule a review (one scheduled review per account; the date defaults to today plus the cadence)', params: IdParams, body: ReviewCreate, response: { 201: Type.Ref(Review), ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createReview(ctx, requireActor(request), request.params.id, request.body ?? {}))));

  app.get('/reviews', {
    schema: { tags, summary: 'Reviews on accounts I can see, soonest first (dueWithinDays=14: the upcoming ones)', querystring: ReviewListQuery, response: { 200: Page(Type.Ref(Review)), ...problemResponses(400, 401) } },
  }, async (request) => service.listReviews(ctx, requireActor(request), request.query));

  app.get('/reviews/:id', {
    schema: { tags, summary: 'One review with its agenda and, once held, its KPI snapshot', params: IdParams, response: { 200: Type.Ref(Review), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getReview(ctx, requireActor(request), request.params.id)));

  app.patch('/reviews/:id', {
    schema: { tags, summary: 'Prepare a scheduled review: date, attendees, discussion, risks, decisions, agreed actions', params: IdParams, body: ReviewUpdate, response: { 200: Type.Ref(Review), ...problemResponses(400, 401, 403, 404, 409, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.updateReview(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.delete('/reviews/:id', {
    schema: { tags, summary: 'Cancel a scheduled review (kept, status cancelled)', params: IdParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409, 412, 428) } },
  }, async (request, reply) => {
    await service.cancelReview(ctx, requireActor(request), request.params.id, ifMatchVersion(request));
    return reply.status(204).send(null);
  });

  app.post('/reviews/:id/hold', {
    schema: { tags, summary: 'Hold the review: freeze the KPI snapshot, add agreed actions to the active plan, schedule the next review', params: IdParams, body: ReviewHold, response: { 200: Type.Ref(Review), ...problemResponses(400, 401, 403, 404, 409, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.holdReview(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body ?? {})));

  app.post('/reviews/:id/agenda', {
    schema: { tags, summary: 'Add an agenda item to a scheduled review', params: IdParams, body: AgendaCreate, response: { 201: Type.Ref(Review), ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.addAgendaItem(ctx, requireActor(request), request.params.id, request.body))));

  app.get('/reviews/:id/pack.xlsx', {
    schema: {
      tags,
      summary: 'The review pack as an Excel workbook: cover, KPIs, decisions, risks, actions, agenda',
      params: IdParams,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'xlsx' }), ...problemResponses(401, 404) },
    },
  }, async (request, reply) => {
    const pack = await service.reviewPack(ctx, requireActor(request), request.params.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${pack.fileName.replace(/[^\x20-\x7e]/g, '_')}"`)
      .send(pack.content);
  });

  app.get('/review-settings', {
    schema: { tags, summary: "The organisation's review cadence", response: { 200: Type.Ref(ReviewSettings), ...problemResponses(401) } },
  }, async (request, reply) => withEtag(reply, await service.getSettings(ctx, requireActor(request))));

  app.put('/review-settings', {
    schema: { tags, summary: 'Change the review cadence (admin)', body: ReviewSettingsUpdate, response: { 200: Type.Ref(ReviewSettings), ...problemResponses(400, 401, 403, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.updateSettings(ctx, requireActor(request), ifMatchVersion(request), request.body)));
}
