import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { quoteActions } from './quote.ts';
import { ExportQuery, Quote, QuoteActionBody, QuoteCreate, QuoteEvent, QuoteListQuery, QuotePreview, QuoteSettings, QuoteSettingsPut, QuoteUpdate } from './schemas.ts';
import * as service from './service.ts';

const actionSummaries = {
  submit: 'Submit a draft (or rejected) quote for approval',
  approve: "Approve a submitted quote (the owner's manager, a director or an admin; never the owner: 403)",
  reject: "Reject a submitted quote, saying why in `note` (the owner's manager, a director or an admin; never the owner: 403)",
  send: 'Send the quote to the customer: an approved quote, or a draft within the discount threshold and margin floor',
  accept: 'Record that the customer accepted a sent quote; `createAgreements: true` turns its net prices into price agreements',
  decline: 'Record that the customer declined a sent quote',
} as const;

export function quoteRoutes(app: App, ctx: AppContext): void {
  const tags = ['quotes'];
  app.addSchema(Quote);
  app.addSchema(QuotePreview);
  app.addSchema(QuoteEvent);
  app.addSchema(QuoteSettings);

  app.get('/quotes', {
    schema: { tags, summary: 'Quotes on accounts I can see, newest first (lines omitted)', querystring: QuoteListQuery, response: { 200: Page(Type.Ref(Quote)), ...problemResponses(400, 401) } },
  }, async (request) => service.listQuotes(ctx, requireActor(request), request.query));

  app.post('/quotes', {
    schema: {
      tags,
      summary: "Build a quote: each line priced at the account's agreed price today, less its manual discount",
      body: QuoteCreate,
      response: { 201: Type.Ref(Quote), ...problemResponses(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createQuote(ctx, requireActor(request), request.body))));

  app.post('/quotes/preview', {
    schema: {
      tags,
      summary: 'Price a quote without saving it: lines, totals, margin and whether it would need approval (for the quote builder)',
      body: QuoteCreate,
      response: { 200: Type.Ref(QuotePreview), ...problemResponses(400, 401, 403, 404, 422) },
    },
  }, async (request) => service.previewQuote(ctx, requireActor(request), request.body));

  app.get('/quotes/:id', {
    schema: { tags, summary: 'One quote with its lines', params: IdParams, response: { 200: Type.Ref(Quote), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getQuote(ctx, requireActor(request), request.params.id)));

  app.patch('/quotes/:id', {
    schema: {
      tags,
      summary: 'Change a draft or rejected quote (it returns to draft; lines are re-priced today)',
      params: IdParams,
      body: QuoteUpdate,
      response: { 200: Type.Ref(Quote), ...problemResponses(400, 401, 403, 404, 409, 412, 422, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.updateQuote(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  for (const action of quoteActions) {
    app.post(`/quotes/:id/${action}`, {
      schema: { tags, summary: actionSummaries[action], params: IdParams, body: QuoteActionBody, response: { 200: Type.Ref(Quote), ...problemResponses(400, 401, 403, 404, 409, 412, 428) } },
    }, async (request, reply) => withEtag(reply, await service.actOnQuote(ctx, requireActor(request), request.params.id, action, ifMatchVersion(request), request.body ?? {})));
  }

  app.get('/quotes/:id/history', {
    schema: { tags, summary: 'Who did what to the quote and why, oldest first (created, edits, submissions, approvals, rejections …)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Type.Ref(QuoteEvent)) }), ...problemResponses(401, 404) } },
  }, async (request) => ({ items: await service.quoteHistory(ctx, requireActor(request), request.params.id) }));

  app.get('/quotes/:id/export', {
    schema: {
      tags,
      summary: 'The quote as an Excel workbook (format=xlsx): header and totals, lines with typed money and percentage cells',
      params: IdParams,
      querystring: ExportQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'xlsx' }), ...problemResponses(400, 401, 404) },
    },
  }, async (request, reply) => {
    const file = await service.exportQuote(ctx, requireActor(request), request.params.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"`)
      .send(file.content);
  });

  app.get('/settings/quotes', {
    schema: { tags: ['settings'], summary: 'When a quote needs approval: the discount threshold and the margin floor (ETag: version)', response: { 200: Type.Ref(QuoteSettings), ...problemResponses(401) } },
  }, async (request, reply) => withEtag(reply, await service.getQuoteSettings(ctx, requireActor(request))));

  app.put('/settings/quotes', {
    schema: {
      tags: ['settings'],
      summary: 'Change the discount threshold and margin floor (admin; If-Match: the version read)',
      body: QuoteSettingsPut,
      response: { 200: Type.Ref(QuoteSettings), ...problemResponses(400, 401, 403, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.putQuoteSettings(ctx, requireActor(request), ifMatchVersion(request), request.body)));
}
