import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { requireActor } from '../../http/request.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { AccountDynamics, DynamicsQuery, PortfolioDynamics, PortfolioQuery, Whitespace } from './schemas.ts';
import * as service from './service.ts';

export function dynamicsRoutes(app: App, ctx: AppContext): void {
  const tags = ['dynamics'];
  app.addSchema(AccountDynamics);
  app.addSchema(PortfolioDynamics);
  app.addSchema(Whitespace);

  app.get('/accounts/:id/dynamics', {
    schema: {
      tags,
      summary: 'Revenue, gross profit and margin by month and quarter with year-over-year change; product mix; trend; seasonal-naive forecast; share of wallet',
      params: IdParams,
      querystring: DynamicsQuery,
      response: { 200: Type.Ref(AccountDynamics), ...problemResponses(400, 401, 404, 422) },
    },
  }, async (request) => service.accountDynamics(ctx, requireActor(request), request.params.id, request.query));

  app.get('/dynamics', {
    schema: {
      tags,
      summary: 'The same for a portfolio: the accounts I can see, of an owner, a region and/or a tier',
      querystring: PortfolioQuery,
      response: { 200: Type.Ref(PortfolioDynamics), ...problemResponses(400, 401, 422) },
    },
  }, async (request) => service.portfolioDynamics(ctx, requireActor(request), request.query));

  app.get('/accounts/:id/whitespace', {
    schema: {
      tags,
      summary: 'Cross-sell: product families similar accounts buy and this one does not, ranked by their revenue in those peers, each with why',
      params: IdParams,
      response: { 200: Type.Ref(Whitespace), ...problemResponses(401, 404) },
    },
  }, async (request) => service.accountWhitespace(ctx, requireActor(request), request.params.id));
}
