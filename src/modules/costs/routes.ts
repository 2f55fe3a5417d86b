import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { CostRates, CostRatesPut, CostToServe, CostToServeQuery } from './schemas.ts';
import * as service from './service.ts';

export function costRoutes(app: App, ctx: AppContext): void {
  app.addSchema(CostRates);
  app.addSchema(CostToServe);

  app.get('/settings/cost-rates', {
    schema: { tags: ['settings'], summary: 'Hourly cost of each role, in the organisation currency (ETag: version)', response: { 200: Type.Ref(CostRates), ...problemResponses(401) } },
  }, async (request, reply) => withEtag(reply, await service.getCostRates(ctx, requireActor(request))));

  app.put('/settings/cost-rates', {
    schema: {
      tags: ['settings'],
      summary: 'Set the hourly cost of each role (admin; If-Match: the version read)',
      body: CostRatesPut,
      response: { 200: Type.Ref(CostRates), ...problemResponses(400, 401, 403, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.putCostRates(ctx, requireActor(request), ifMatchVersion(request), request.body)));

  app.get('/accounts/:id/cost-to-serve', {
    schema: {
      tags: ['engagement'],
      summary: "The account's cost to serve per month (time spent × role rates) and net profitability (gross profit − cost to serve)",
      params: IdParams,
      querystring: CostToServeQuery,
      response: { 200: Type.Ref(CostToServe), ...problemResponses(400, 401, 404) },
    },
  }, async (request) => service.getCostToServe(ctx, requireActor(request), request.params.id, request.query));
}
