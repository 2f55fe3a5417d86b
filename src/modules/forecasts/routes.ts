import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { problemResponses } from '../../http/schemas.ts';
import {
  AnnualForecast,
  AnnualQuery,
  CallCreate,
  CallList,
  CallListQuery,
  Forecast,
  ForecastCall,
  ForecastQuery,
  ForecastSettings,
  ForecastSettingsPut,
  SnapshotCreate,
  SnapshotHistory,
  SnapshotResult,
} from './schemas.ts';
import * as service from './service.ts';

export function forecastRoutes(app: App, ctx: AppContext): void {
  const tags = ['forecasts'];
  app.addSchema(ForecastCall);
  app.addSchema(Forecast);
  app.addSchema(SnapshotHistory);
  app.addSchema(AnnualForecast);
  app.addSchema(ForecastSettings);

  app.get('/forecasts', {
    schema: {
      tags,
      summary: "A period's forecast rolled up the reporting lines: closed, commit, best case, pipeline, weighted, calls (a rep: their own; a manager: their team; director, admin, viewer: anyone, default the organisation)",
      querystring: ForecastQuery,
      response: { 200: Type.Ref(Forecast), ...problemResponses(400, 401, 403, 404, 422) },
    },
  }, async (request) => service.getForecast(ctx, requireActor(request), request.query));

  app.get('/forecasts/calls', {
    schema: { tags, summary: "The calls on a person's period (default: mine, this quarter), newest first", querystring: CallListQuery, response: { 200: CallList, ...problemResponses(400, 401, 403, 404) } },
  }, async (request) => service.listCalls(ctx, requireActor(request), request.query));

  app.post('/forecasts/calls', {
    schema: {
      tags,
      summary: "Make a call: an adjusted number with a note for a person's own or team period (manager for their team, director, admin); the latest call is in force",
      body: CallCreate,
      response: { 201: Type.Ref(ForecastCall), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => reply.status(201).send(await service.createCall(ctx, requireActor(request), request.body)));

  app.get('/forecasts/snapshots', {
    schema: {
      tags,
      summary: "A period's weekly snapshots for a scope, with bias and WAPE per week once the period has closed",
      querystring: ForecastQuery,
      response: { 200: Type.Ref(SnapshotHistory), ...problemResponses(400, 401, 403, 404, 422) },
    },
  }, async (request) => service.snapshotHistory(ctx, requireActor(request), request.query));

  app.post('/forecasts/snapshots', {
    schema: {
      tags,
      summary: "Take this week's snapshot of the month, quarter and year now (admin, director, manager); idempotent per ISO week",
      body: Type.Optional(SnapshotCreate),
      response: { 200: SnapshotResult, ...problemResponses(401, 403, 422) },
    },
  }, async (request) => service.takeSnapshot(ctx, requireActor(request)));

  app.get('/forecasts/annual', {
    schema: {
      tags,
      summary: 'Annual forecast: closed to date + weighted pipeline + revenue trend for the rest of the year, as a low/expected/high range',
      querystring: AnnualQuery,
      response: { 200: Type.Ref(AnnualForecast), ...problemResponses(400, 401, 403, 404, 422) },
    },
  }, async (request) => service.getAnnualForecast(ctx, requireActor(request), request.query));

  app.get('/settings/forecast', {
    schema: { tags: ['settings'], summary: 'What counts as actual for forecast accuracy (ETag: version)', response: { 200: Type.Ref(ForecastSettings), ...problemResponses(401) } },
  }, async (request, reply) => withEtag(reply, await service.getForecastSettings(ctx, requireActor(request))));

  app.put('/settings/forecast', {
    schema: {
      tags: ['settings'],
      summary: 'Change what counts as actual: bookings, or bookings and revenue (admin; If-Match)',
      body: ForecastSettingsPut,
      response: { 200: Type.Ref(ForecastSettings), ...problemResponses(400, 401, 403, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.putForecastSettings(ctx, requireActor(request), ifMatchVersion(request), request.body)));
}
