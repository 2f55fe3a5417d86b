import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { requireActor } from '../../http/request.ts';
import { problemResponses } from '../../http/schemas.ts';
import { Report, ReportParams, ReportQuery } from './schemas.ts';
import * as service from './service.ts';

export function reportRoutes(app: App, ctx: AppContext): void {
  app.addSchema(Report);

  app.get('/reports/:name', {
    schema: {
      tags: ['reports'],
      summary: 'A management report as JSON, CSV (one table), .xlsx (a cover sheet and a sheet per section) or PDF (A4 or US Letter)',
      description:
        'quarterly-results, annual-forecast, account-status, portfolio, team-performance — for a period and a scope, in the caller\'s language. ' +
        'Figures come from the monthly rollups; a KAM\'s or manager\'s report covers only the accounts they may see. `unavailable` lists the ' +
        'sections that need modules not yet present.',
      params: ReportParams,
      querystring: ReportQuery,
      produces: ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf'],
      response: { 200: Type.Ref(Report), ...problemResponses(400, 401, 404, 422) },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const document = await service.buildReport(ctx, actor, request.params.name, request.query);
    const format = request.query.format ?? 'json';
    if (format === 'json') return document;
    return sendFile(reply, service.renderReport(document, format, request.query));
  });
}

/** A rendered report streams out as a download (the JSON schema does not apply to it). */
function sendFile(reply: FastifyReply, file: service.ReportFile): FastifyReply {
  return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
}
