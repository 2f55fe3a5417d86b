import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, PageQuery, problemResponses } from '../../http/schemas.ts';
import type { SimulationInput } from './engine.ts';
import type { FastifyRequest } from 'fastify';
import type { CreditingRules, StoredSplit } from './crediting.ts';
import {
  Assignment,
  AssignmentCreate,
  AssignmentListQuery,
  AssignmentUpdate,
  Attainment,
  AttainmentQuery,
  CompPlan,
  CreditingRulesOut,
  CreditingRulesSchema,
  CreditList,
  CreditListQuery,
  PlanListQuery,
  PlanWrite,
  Quota,
  QuotaAllocate,
  QuotaAllocation,
  QuotaChange,
  QuotaParams,
  QuotaPut,
  QuotaRamp,
  SimulateBody,
  SimulateResult,
  SplitOut,
  SplitPut,
} from './schemas.ts';
import * as service from './service.ts';

export function compensationRoutes(app: App, ctx: AppContext): void {
  const tags = ['compensation'];
  app.addSchema(SimulateResult);
  app.addSchema(CompPlan);
  app.addSchema(Assignment);
  app.addSchema(Quota);
  app.addSchema(QuotaAllocation);
  app.addSchema(QuotaChange);
  app.addSchema(Attainment);
  app.addSchema(CreditingRulesOut);
  app.addSchema(SplitOut);
  app.addSchema(CreditList);

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

  // --- quotas ---
  app.put('/compensation/quotas/:userId/:period', {
    schema: {
      tags,
      summary: "Set a person's quota for a period in the organisation's currency (their manager, a director or the admin; If-Match to replace one)",
      params: QuotaParams,
      body: QuotaPut,
      response: { 200: Type.Ref(Quota), ...problemResponses(400, 401, 403, 404, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.putQuota(ctx, requireActor(request), request.params.userId, request.params.period, optionalIfMatch(request), request.body)));

  app.get('/compensation/quotas/:userId/history', {
    schema: {
      tags,
      summary: "Every change of a person's quotas, newest first",
      params: Type.Object({ userId: Type.String({ format: 'uuid' }) }),
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: Page(Type.Ref(QuotaChange)), ...problemResponses(400, 401, 404) },
    },
  }, async (request) => service.quotaHistory(ctx, requireActor(request), request.params.userId, request.query));

  app.post('/compensation/quotas/allocate', {
    schema: {
      tags,
      summary: "Split a number across people by weights, the parts summing exactly (largest remainder); `apply` sets them as quotas",
      body: QuotaAllocate,
      response: { 200: Type.Ref(QuotaAllocation), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request) => service.allocateQuotas(ctx, requireActor(request), request.body));

  app.post('/compensation/quotas/ramp', {
    schema: {
      tags,
      summary: "A new starter's ramp: sets the quotas of consecutive periods to the full quota × each share of the schedule",
      body: QuotaRamp,
      response: { 200: Type.Array(Type.Ref(Quota)), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request) => service.rampQuotas(ctx, requireActor(request), request.body));

  app.get('/compensation/attainment', {
    schema: {
      tags,
      summary: 'Quota, credit and attainment per person for a period, with the team roll-up up the manager hierarchy (people I may see)',
      querystring: AttainmentQuery,
      response: { 200: Type.Ref(Attainment), ...problemResponses(400, 401) },
    },
  }, async (request) => service.attainment(ctx, requireActor(request), request.query));

  // --- crediting ---
  app.get('/compensation/crediting-rules', {
    schema: { tags, summary: "The organisation's crediting rules (overlays added to the owner's credit)", response: { 200: Type.Ref(CreditingRulesOut), ...problemResponses(401) } },
  }, async (request, reply) => withEtag(reply, await service.getCreditingRules(ctx, requireActor(request))));

  app.put('/compensation/crediting-rules', {
    schema: { tags, summary: 'Change the crediting rules (admin; If-Match)', body: CreditingRulesSchema, response: { 200: Type.Ref(CreditingRulesOut), ...problemResponses(400, 401, 403, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.putCreditingRules(ctx, requireActor(request), ifMatchVersion(request), request.body as CreditingRules)));

  for (const [path, sourceType] of [['transactions', 'transaction'], ['opportunities', 'opportunity']] as const) {
    app.put(`/compensation/${path}/:id/splits`, {
      schema: {
        tags,
        summary: `Split the credit of ${sourceType === 'transaction' ? 'a revenue line' : 'a deal'} (admin, director, a manager who sees it): revenue shares total exactly 100 %, overlays add beyond; If-Match to replace`,
        params: IdParams,
        body: SplitPut,
        response: { 200: Type.Ref(SplitOut), ...problemResponses(400, 401, 403, 404, 412, 422, 428) },
      },
    }, async (request, reply) => withEtag(reply, await service.putSplit(ctx, requireActor(request), sourceType, request.params.id, optionalIfMatch(request), request.body as { splits: StoredSplit[]; note?: string })));
  }

  app.get('/compensation/credits', {
    schema: {
      tags,
      summary: "A payee's credits in a period (default: mine), each with its source, share and reason",
      querystring: CreditListQuery,
      response: { 200: Type.Ref(CreditList), ...problemResponses(400, 401, 404) },
    },
  }, async (request) => service.listCredits(ctx, requireActor(request), request.query));
}

/** If-Match when given (replacing), null when absent (creating): the service decides whether it was needed. */
const optionalIfMatch = (request: FastifyRequest): number | null => (request.headers['if-match'] ? ifMatchVersion(request) : null);
