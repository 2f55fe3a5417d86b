import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import {
  Action,
  ActionCreate,
  ActionParams,
  ActionUpdate,
  Need,
  NeedCreate,
  NeedParams,
  NeedUpdate,
  Objective,
  ObjectiveCreate,
  ObjectiveParams,
  ObjectiveUpdate,
  Plan,
  PlanCopy,
  PlanCreate,
  PlanDetail,
  PlanListQuery,
  PlanParams,
  PlanUpdate,
  Risk,
  RiskCreate,
  Share,
  ShareCreate,
  ShareCreated,
  SharedPlan,
  ShareParams,
  TokenParams,
} from './schemas.ts';
import * as service from './service.ts';

export function planRoutes(app: App, ctx: AppContext): void {
  const tags = ['plans'];
  for (const schema of [Plan, Need, Objective, Action, Risk, PlanDetail, Share, SharedPlan]) app.addSchema(schema);
  const write = problemResponses(400, 401, 403, 404, 409, 412, 428);

  app.get('/accounts/:id/plans', {
    schema: { tags, summary: "The account's plans, latest period first", params: IdParams, querystring: PlanListQuery, response: { 200: Page(Type.Ref(Plan)), ...problemResponses(400, 401, 404) } },
  }, async (request) => service.listPlans(ctx, requireActor(request), request.params.id, request.query));

  app.post('/accounts/:id/plans', {
    schema: { tags, summary: 'Start a draft plan for a period (this year by default)', params: IdParams, body: PlanCreate, response: { 201: Type.Ref(PlanDetail), ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createPlan(ctx, requireActor(request), request.params.id, request.body))));

  app.get('/plans/:id', {
    schema: { tags, summary: 'A plan with its needs (and their timeline), objectives with progress, actions and risks', params: PlanParams, response: { 200: Type.Ref(PlanDetail), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getPlan(ctx, requireActor(request), request.params.id)));

  app.patch('/plans/:id', {
    schema: { tags, summary: 'Change the strategy or the status (draft → active → closed)', params: PlanParams, body: PlanUpdate, response: { 200: Type.Ref(PlanDetail), ...write, ...problemResponses(422) } },
  }, async (request, reply) => withEtag(reply, await service.updatePlan(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.post('/plans/:id/copy', {
    schema: { tags, summary: "Copy the plan into a new draft for another period (the next one by default)", params: PlanParams, body: PlanCopy, response: { 201: Type.Ref(PlanDetail), ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.copyPlan(ctx, requireActor(request), request.params.id, request.body ?? {}))));

  app.post('/plans/:id/needs', {
    schema: { tags, summary: 'Add a customer need', params: PlanParams, body: NeedCreate, response: { 201: Type.Ref(Need), ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.addNeed(ctx, requireActor(request), request.params.id, request.body))));

  app.patch('/plans/:id/needs/:needId', {
    schema: { tags, summary: 'Reword or reprioritise a need (kept on its timeline)', params: NeedParams, body: NeedUpdate, response: { 200: Type.Ref(Need), ...write } },
  }, async (request, reply) => withEtag(reply, await service.updateNeed(ctx, requireActor(request), request.params.id, request.params.needId, ifMatchVersion(request), request.body)));

  app.delete('/plans/:id/needs/:needId', {
    schema: { tags, summary: 'Remove a need (its timeline is kept)', params: NeedParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409, 412, 428) } },
  }, async (request, reply) => {
    await service.removeNeed(ctx, requireActor(request), request.params.id, request.params.needId, ifMatchVersion(request));
    return reply.status(204).send(null);
  });

  app.post('/plans/:id/objectives', {
    schema: { tags, summary: 'Add an objective (metric revenue: the current value comes from transactions)', params: PlanParams, body: ObjectiveCreate, response: { 201: Type.Ref(Objective), ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.addObjective(ctx, requireActor(request), request.params.id, request.body))));

  app.patch('/plans/:id/objectives/:objectiveId', {
    schema: { tags, summary: 'Change an objective or record its current value', params: ObjectiveParams, body: ObjectiveUpdate, response: { 200: Type.Ref(Objective), ...write } },
  }, async (request, reply) =>
    withEtag(reply, await service.updateObjective(ctx, requireActor(request), request.params.id, request.params.objectiveId, ifMatchVersion(request), request.body)));

  app.delete('/plans/:id/objectives/:objectiveId', {
    schema: { tags, summary: 'Delete an objective', params: ObjectiveParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409, 412, 428) } },
  }, async (request, reply) => {
    await service.deleteObjective(ctx, requireActor(request), request.params.id, request.params.objectiveId, ifMatchVersion(request));
    return reply.status(204).send(null);
  });

  app.post('/plans/:id/actions', {
    schema: { tags, summary: 'Add an action (owner: the caller unless given)', params: PlanParams, body: ActionCreate, response: { 201: Type.Ref(Action), ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.addAction(ctx, requireActor(request), request.params.id, request.body))));

  app.patch('/plans/:id/actions/:actionId', {
    schema: { tags, summary: 'Change an action (status open → done | dropped)', params: ActionParams, body: ActionUpdate, response: { 200: Type.Ref(Action), ...write } },
  }, async (request, reply) =>
    withEtag(reply, await service.updateAction(ctx, requireActor(request), request.params.id, request.params.actionId, ifMatchVersion(request), request.body)));

  app.delete('/plans/:id/actions/:actionId', {
    schema: { tags, summary: 'Delete an action', params: ActionParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409, 412, 428) } },
  }, async (request, reply) => {
    await service.deleteAction(ctx, requireActor(request), request.params.id, request.params.actionId, ifMatchVersion(request));
    return reply.status(204).send(null);
  });

  app.post('/plans/:id/risks', {
    schema: { tags, summary: 'Add an internal risk (never on the joint plan)', params: PlanParams, body: RiskCreate, response: { 201: Type.Ref(Risk), ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.addRisk(ctx, requireActor(request), request.params.id, request.body)));

  app.get('/plans/:id/shares', {
    schema: { tags, summary: "The plan's share links (tokens are never shown again)", params: PlanParams, response: { 200: Type.Object({ items: Type.Array(Type.Ref(Share)) }), ...problemResponses(401, 404) } },
  }, async (request) => ({ items: await service.listShares(ctx, requireActor(request), request.params.id) }));

  app.post('/plans/:id/shares', {
    schema: { tags, summary: 'Create a read-only, expiring link to the joint plan (the token is shown once)', params: PlanParams, body: ShareCreate, response: { 201: ShareCreated, ...problemResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(await service.createShare(ctx, requireActor(request), request.params.id, request.body ?? {})));

  app.delete('/plans/:id/shares/:shareId', {
    schema: { tags, summary: 'Revoke a share link at once', params: ShareParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404) } },
  }, async (request, reply) => {
    await service.revokeShare(ctx, requireActor(request), request.params.id, request.params.shareId);
    return reply.status(204).send(null);
  });

  app.get('/shared-plans/:token', {
    config: { public: true },
    schema: {
      tags,
      summary: 'The joint plan behind a share link: needs, objectives with progress, agreed actions (no sign-in)',
      security: [],
      params: TokenParams,
      response: { 200: Type.Ref(SharedPlan), ...problemResponses(400, 404) },
    },
  }, async (request) => service.getSharedPlan(ctx, request.params.token));
}
