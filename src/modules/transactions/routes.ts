import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { FamilyRollup, MonthlyRollup, RollupQuery, Transaction, TransactionCreate, TransactionListQuery, TransactionUpdate } from './schemas.ts';
import * as service from './service.ts';

export function transactionRoutes(app: App, ctx: AppContext): void {
  const tags = ['transactions'];
  app.addSchema(Transaction);
  app.addSchema(MonthlyRollup);
  app.addSchema(FamilyRollup);

  app.get('/transactions', {
    schema: {
      tags,
      summary: 'Transaction lines of the accounts I can see, newest first',
      querystring: TransactionListQuery,
      response: { 200: Page(Type.Ref(Transaction)), ...problemResponses(400, 401) },
    },
  }, async (request) => service.listTransactions(ctx, requireActor(request), request.query));

  app.post('/transactions', {
    schema: {
      tags,
      summary: 'Record a transaction line (admin, director, manager)',
      body: TransactionCreate,
      response: { 201: Type.Ref(Transaction), ...problemResponses(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createTransaction(ctx, requireActor(request), request.body))));

  app.get('/transactions/:id', {
    schema: { tags, summary: 'One transaction line', params: IdParams, response: { 200: Type.Ref(Transaction), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getTransaction(ctx, requireActor(request), request.params.id)));

  app.patch('/transactions/:id', {
    schema: {
      tags,
      summary: 'Change a transaction line (admin, director, manager)',
      params: IdParams,
      body: TransactionUpdate,
      response: { 200: Type.Ref(Transaction), ...problemResponses(400, 401, 403, 404, 409, 412, 422, 428) },
    },
  }, async (request, reply) =>
    withEtag(reply, await service.updateTransaction(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.delete('/transactions/:id', {
    schema: { tags, summary: 'Delete a transaction line (admin, director, manager)', params: IdParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 412, 428) } },
  }, async (request, reply) => {
    await service.deleteTransaction(ctx, requireActor(request), request.params.id, ifMatchVersion(request));
    return reply.status(204).send(null);
  });

  app.get('/accounts/:id/monthly', {
    schema: {
      tags,
      summary: "The account's revenue, cost and gross profit by month, in the organisation currency (months without lines left out)",
      params: IdParams,
      querystring: RollupQuery,
      response: { 200: Type.Ref(MonthlyRollup), ...problemResponses(400, 401, 404) },
    },
  }, async (request) => service.getMonthlyRollup(ctx, requireActor(request), request.params.id, request.query));

  app.get('/accounts/:id/families', {
    schema: {
      tags,
      summary: "The account's revenue and gross profit by product family over the months asked, in the organisation currency",
      params: IdParams,
      querystring: RollupQuery,
      response: { 200: Type.Ref(FamilyRollup), ...problemResponses(400, 401, 404) },
    },
  }, async (request) => service.getFamilyRollup(ctx, requireActor(request), request.params.id, request.query));
}
