import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import type { SimulationInput } from './engine.ts';
import { Assignment, AssignmentCreate, AssignmentListQuery, AssignmentUpdate, CompPlan, PlanListQuery, PlanWrite, SimulateBody, SimulateResult } from './schemas.ts';
import * as service from './service.ts';

export function compensationRoutes(app: App, ctx: AppContext): void {
  const tags = ['compensation'];
  app.addSchema(SimulateResult);
  app.addSchema(CompPlan);
  app.addSchema(Assignment);

  app.post('/compensation/simulate', {
    schema: {
      tags,
      summary: 'What-if: statements for a plan and credits, with every line explained (no side effects)',
      description: 'Computes statements per payee and period exactly as ../shared/COMP-PLANS.md says. Money is a decimal string. An invalid plan or split answers 422 with each reason in `errors`.',
      body: SimulateBody,
      response: { 200: Type.Ref(SimulateResult), ...problemResponses(400, 401, 422) },
    },
  }, async (request) => service.simulateCompensation(ctx, requireActor(request), request.body as unknown as SimulationInput));

  // --- plans ---
  app.get('/compensation/plans', {
    schema: { tags, summary: 'Compensation plans by name, each with every effective-dated version', querystring: PlanListQuery, response: { 200: Page(Type.Ref(CompPlan)), ...problemResponses(400, 401) } },
  }, async (request) => service.listPlans(ctx, requireActor(request), request.query));

  app.post('/compensation/plans', {
    schema: {
      tags,
      summary: 'Store a plan (admin): its first version is the document given',
      body: PlanWrite,
      response: { 201: Type.Ref(CompPlan), ...problemResponses(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createPlan(ctx, requireActor(request), request.body))));

  app.get('/compensation/plans/:id', {
    schema: { tags, summary: 'One plan with every version', params: IdParams, response: { 200: Type.Ref(CompPlan), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getPlan(ctx, requireActor(request), request.params.id)));

  app.post('/compensation/plans/:id/versions', {
    schema: {
      tags,
      summary: 'Add a version from a later date (admin; If-Match): the version in force then ends the day before; earlier versions are kept',
      params: IdParams,
      body: PlanWrite,
      response: { 200: Type.Ref(CompPlan), ...problemResponses(400, 401, 403, 404, 409, 412, 422, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.addPlanVersion(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  // --- assignments ---
  app.get('/compensation/assignments', {
    schema: {
      tags,
      summary: "Plan assignments I may see (mine; a manager's team too; everyone's for admin, director, viewer), newest first",
      querystring: AssignmentListQuery,
      response: { 200: Page(Type.Ref(Assignment)), ...problemResponses(400, 401) },
    },
  }, async (request) => service.listAssignments(ctx, requireActor(request), request.query));

  app.post('/compensation/assignments', {
    schema: {
      tags,
      summary: "Put a person on a plan from a date with an annual base salary (admin); overlapping another of their assignments → 409",
      body: AssignmentCreate,
      response: { 201: Type.Ref(Assignment), ...problemResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createAssignment(ctx, requireActor(request), request.body))));

  app.get('/compensation/assignments/:id', {
    schema: { tags, summary: 'One assignment', params: IdParams, response: { 200: Type.Ref(Assignment), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getAssignment(ctx, requireActor(request), request.params.id)));

  app.patch('/compensation/assignments/:id', {
    schema: {
      tags,
      summary: 'End an assignment or change its dates or base salary (admin; If-Match)',
      params: IdParams,
      body: AssignmentUpdate,
      response: { 200: Type.Ref(Assignment), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.updateAssignment(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));
}
