import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { AccountHealth, AtRiskQuery, AtRiskSuggestion, HealthSettings, HealthSettingsPut } from './schemas.ts';
import * as service from './service.ts';

export function healthRoutes(app: App, ctx: AppContext): void {
  const tags = ['health'];
  app.addSchema(AccountHealth);
  app.addSchema(AtRiskSuggestion);
  app.addSchema(HealthSettings);

  app.get('/accounts/:id/health', {
    schema: {
      tags,
      summary: "The account's health 0–100 with its reasons (revenue and margin trend, contact recency, severe cases, relationship coverage, plan objectives)",
      params: IdParams,
      response: { 200: Type.Ref(AccountHealth), ...problemResponses(401, 404) },
    },
  }, async (request) => service.getAccountHealth(ctx, requireActor(request), request.params.id));

  app.get('/health/at-risk', {
    schema: {
      tags,
      summary: 'Suggested at-risk accounts: health below the threshold, stage not yet at risk; lowest health first',
      querystring: AtRiskQuery,
      response: { 200: Page(Type.Ref(AtRiskSuggestion)), ...problemResponses(400, 401) },
    },
  }, async (request) => service.listAtRiskSuggestions(ctx, requireActor(request), request.query));

  app.post('/accounts/:id/health/confirm-at-risk', {
    schema: {
      tags,
      summary: "Confirm a suggestion: the account's stage becomes at_risk (If-Match: the account's version)",
      params: IdParams,
      response: { 200: Type.Ref('Account'), ...problemResponses(401, 403, 404, 409, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.confirmAtRisk(ctx, requireActor(request), request.params.id, ifMatchVersion(request))));

  app.get('/settings/health', {
    schema: { tags: ['settings'], summary: 'The health threshold below which accounts are suggested as at risk (ETag: version)', response: { 200: Type.Ref(HealthSettings), ...problemResponses(401) } },
  }, async (request, reply) => withEtag(reply, await service.getHealthSettings(ctx, requireActor(request))));

  app.put('/settings/health', {
    schema: {
      tags: ['settings'],
      summary: 'Change the health threshold (admin; If-Match: the version read)',
      body: HealthSettingsPut,
      response: { 200: Type.Ref(HealthSettings), ...problemResponses(400, 401, 403, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.putHealthSettings(ctx, requireActor(request), ifMatchVersion(request), request.body)));
}
