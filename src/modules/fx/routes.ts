import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { requireActor } from '../../http/request.ts';
import { Page, problemResponses } from '../../http/schemas.ts';
import { FxRate, FxRateListQuery, FxRateParams, FxRatePut } from './schemas.ts';
import * as service from './service.ts';

export function fxRoutes(app: App, ctx: AppContext): void {
  const tags = ['fx'];
  app.addSchema(FxRate);

  app.get('/fx-rates', {
    schema: {
      tags,
      summary: 'FX rates into the organisation currency, by currency, newest first',
      querystring: FxRateListQuery,
      response: { 200: Page(Type.Ref(FxRate)), ...problemResponses(400, 401) },
    },
  }, async (request) => service.listFxRates(ctx, requireActor(request), request.query));

  app.put('/fx-rates/:currency/:effectiveOn', {
    schema: {
      tags,
      summary: 'Set the rate of a currency from a date (admin, director); idempotent: 201 when new, 200 otherwise',
      description: 'Stored transaction lines keep the amounts converted when they were written; the rate applies to lines written or changed afterwards.',
      params: FxRateParams,
      body: FxRatePut,
      response: { 200: Type.Ref(FxRate), 201: Type.Ref(FxRate), ...problemResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const { rate, created } = await service.putFxRate(ctx, requireActor(request), request.params, request.body);
    return reply.status(created ? 201 : 200).send(rate);
  });

  app.delete('/fx-rates/:currency/:effectiveOn', {
    schema: { tags, summary: 'Remove a rate (admin)', params: FxRateParams, response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    await service.deleteFxRate(ctx, requireActor(request), request.params);
    return reply.status(204).send(null);
  });
}
