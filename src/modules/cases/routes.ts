import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, PageQuery, problemResponses } from '../../http/schemas.ts';
import { AccountCaseListQuery, Case, CaseCreate, CaseEvent, CaseListQuery, CaseSettings, CaseSettingsPut, CaseTransition, CaseUpdate } from './schemas.ts';
import * as service from './service.ts';

export function caseRoutes(app: App, ctx: AppContext): void {
  const tags = ['cases'];
  app.addSchema(Case);
  app.addSchema(CaseEvent);
  app.addSchema(CaseSettings);

  app.get('/accounts/:id/cases', {
    schema: { tags, summary: "The account's cases, newest first", params: IdParams, querystring: AccountCaseListQuery, response: { 200: Page(Type.Ref(Case)), ...problemResponses(400, 401, 404) } },
  }, async (request) => service.listAccountCases(ctx, requireActor(request), request.params.id, request.query));

  app.post('/accounts/:id/cases', {
    schema: {
      tags,
      summary: 'Open a case (its SLA due time follows from the severity)',
      params: IdParams,
      body: CaseCreate,
      response: { 201: Type.Ref(Case), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createCase(ctx, requireActor(request), request.params.id, request.body))));

  app.get('/cases', {
    schema: { tags, summary: 'Cases on accounts I can see, earliest due first', querystring: CaseListQuery, response: { 200: Page(Type.Ref(Case)), ...problemResponses(400, 401) } },
  }, async (request) => service.listCases(ctx, requireActor(request), request.query));

  app.get('/cases/:id', {
    schema: { tags, summary: 'One case, with its SLA and escalation level as of now', params: IdParams, response: { 200: Type.Ref(Case), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getCase(ctx, requireActor(request), request.params.id)));

  app.patch('/cases/:id', {
    schema: {
      tags,
      summary: 'Change a case: title, description, category, severity (re-times the SLA), owner, minutes spent',
      params: IdParams,
      body: CaseUpdate,
      response: { 200: Type.Ref(Case), ...problemResponses(400, 401, 403, 404, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.updateCase(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.post('/cases/:id/transitions', {
    schema: {
      tags,
      summary: 'Move a case: open → in_progress → resolved (resolution needed) → closed; resolved → open reopens',
      params: IdParams,
      body: CaseTransition,
      response: { 200: Type.Ref(Case), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.transitionCase(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.get('/cases/:id/events', {
    schema: {
      tags,
      summary: "The case's trail, oldest first: opened, moves, escalations, edits, time logged",
      params: IdParams,
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: Page(Type.Ref(CaseEvent)), ...problemResponses(400, 401, 404) },
    },
  }, async (request) => service.listCaseEvents(ctx, requireActor(request), request.params.id, request.query));

  app.get('/settings/case-sla', {
    schema: { tags: ['settings'], summary: 'SLA hours per severity and case categories (ETag: version)', response: { 200: Type.Ref(CaseSettings), ...problemResponses(401) } },
  }, async (request, reply) => withEtag(reply, await service.getCaseSettings(ctx, requireActor(request))));

  app.put('/settings/case-sla', {
    schema: {
      tags: ['settings'],
      summary: 'Change SLA hours and categories (admin; If-Match: the version read); new hours apply to cases opened or re-graded afterwards',
      body: CaseSettingsPut,
      response: { 200: Type.Ref(CaseSettings), ...problemResponses(400, 401, 403, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.putCaseSettings(ctx, requireActor(request), ifMatchVersion(request), request.body)));
}
