import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { AccountScore, Model, ModelInput, Portfolio, RankedAccount, RankingQuery, RecomputeResult, ScoreHistory } from './schemas.ts';
import * as service from './service.ts';

export function scoringRoutes(app: App, ctx: AppContext): void {
  const tags = ['scoring'];
  app.addSchema(AccountScore);
  app.addSchema(RankedAccount);
  app.addSchema(Model);

  app.get('/accounts/:id/score', {
    schema: { tags, summary: "The account's key-account score with every criterion's contribution", params: IdParams, response: { 200: Type.Ref(AccountScore), ...problemResponses(401, 404) } },
  }, async (request) => service.getAccountScore(ctx, requireActor(request), request.params.id));

  app.get('/accounts/:id/score/history', {
    schema: { tags, summary: 'Score over time and every tier change with its reason', params: IdParams, response: { 200: ScoreHistory, ...problemResponses(401, 404) } },
  }, async (request) => service.getScoreHistory(ctx, requireActor(request), request.params.id));

  app.get('/scores/ranking', {
    schema: { tags, summary: 'Accounts I can see, by descending score', querystring: RankingQuery, response: { 200: Page(Type.Ref(RankedAccount)), ...problemResponses(400, 401) } },
  }, async (request) => service.listRanking(ctx, requireActor(request), request.query));

  app.get('/scores/portfolio', {
    schema: { tags, summary: 'The attractiveness × strength matrix, tier counts and the Pareto set', response: { 200: Portfolio, ...problemResponses(401) } },
  }, async (request) => service.getPortfolio(ctx, requireActor(request)));

  app.post('/scores/recompute', {
    schema: { tags, summary: 'Recompute every score of the organisation now (admin, director)', response: { 200: RecomputeResult, ...problemResponses(401, 403) } },
  }, async (request) => service.recomputeForActor(ctx, requireActor(request)));

  app.get('/scoring/model', {
    schema: { tags, summary: 'The scoring model in force (ETag: its version number)', response: { 200: Type.Ref(Model), ...problemResponses(401) } },
  }, async (request, reply) => {
    const model = await service.getModel(ctx, requireActor(request));
    reply.header('etag', `"${model.number}"`);
    return model;
  });

  app.get('/scoring/models', {
    schema: { tags, summary: 'Every version of the scoring model, newest first', response: { 200: Type.Object({ items: Type.Array(Type.Ref(Model)) }), ...problemResponses(401) } },
  }, async (request) => ({ items: await service.listModelVersions(ctx, requireActor(request)) }));

  app.put('/scoring/model', {
    schema: { tags, summary: 'Change the scoring model (admin): a new version, and every account re-scored', body: ModelInput, response: { 200: Type.Ref(Model), ...problemResponses(400, 401, 403, 412, 428) } },
  }, async (request, reply) => {
    const model = await service.updateModel(ctx, requireActor(request), ifMatchVersion(request), request.body);
    reply.header('etag', `"${model.number}"`);
    return model;
  });
}
