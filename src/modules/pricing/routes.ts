import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { AgreementParams, Price, PriceAgreement, PriceAgreementCreate, PriceAgreementUpdate, PriceBook, PriceBookCreate, PriceBookListQuery, PriceBookUpdate, PriceQuery } from './schemas.ts';
import * as service from './service.ts';

export function pricingRoutes(app: App, ctx: AppContext): void {
  const tags = ['pricing'];
  app.addSchema(PriceBook);
  app.addSchema(PriceAgreement);
  app.addSchema(Price);

  app.get('/price-books', {
    schema: { tags, summary: 'Price books, latest validity first (without their prices)', querystring: PriceBookListQuery, response: { 200: Page(Type.Ref(PriceBook)), ...problemResponses(400, 401) } },
  }, async (request) => service.listPriceBooks(ctx, requireActor(request), request.query));

  app.post('/price-books', {
    schema: { tags, summary: 'Create a price book with its list prices (admin, director, manager)', body: PriceBookCreate, response: { 201: Type.Ref(PriceBook), ...problemResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createPriceBook(ctx, requireActor(request), request.body))));

  app.get('/price-books/:id', {
    schema: { tags, summary: 'One price book with every list price', params: IdParams, response: { 200: Type.Ref(PriceBook), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getPriceBook(ctx, requireActor(request), request.params.id)));

  app.patch('/price-books/:id', {
    schema: {
      tags,
      summary: 'Change a price book: name, validity, or all its prices at once (admin, director, manager)',
      params: IdParams,
      body: PriceBookUpdate,
      response: { 200: Type.Ref(PriceBook), ...problemResponses(400, 401, 403, 404, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.updatePriceBook(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.delete('/price-books/:id', {
    schema: { tags, summary: 'Delete a price book (admin, director, manager)', params: IdParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 412, 428) } },
  }, async (request, reply) => {
    await service.deletePriceBook(ctx, requireActor(request), request.params.id, ifMatchVersion(request));
    return reply.status(204).send(null);
  });

  app.get('/accounts/:id/price-agreements', {
    schema: {
      tags,
      summary: "The account's price agreements, then those it inherits from its parents (inherited: true)",
      params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(Type.Ref(PriceAgreement)) }), ...problemResponses(401, 404) },
    },
  }, async (request) => ({ items: await service.listAgreements(ctx, requireActor(request), request.params.id) }));

  app.post('/accounts/:id/price-agreements', {
    schema: {
      tags,
      summary: 'Agree a discount, net price or volume tiers for a product or family (admin, director, manager); subsidiaries inherit it unless they have their own',
      params: IdParams,
      body: PriceAgreementCreate,
      response: { 201: Type.Ref(PriceAgreement), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createAgreement(ctx, requireActor(request), request.params.id, request.body))));

  app.patch('/accounts/:id/price-agreements/:agreementId', {
    schema: { tags, summary: 'Change a price agreement of this account', params: AgreementParams, body: PriceAgreementUpdate, response: { 200: Type.Ref(PriceAgreement), ...problemResponses(400, 401, 403, 404, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.updateAgreement(ctx, requireActor(request), request.params.id, request.params.agreementId, ifMatchVersion(request), request.body)));

  app.delete('/accounts/:id/price-agreements/:agreementId', {
    schema: { tags, summary: 'Delete a price agreement of this account', params: AgreementParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 412, 428) } },
  }, async (request, reply) => {
    await service.deleteAgreement(ctx, requireActor(request), request.params.id, request.params.agreementId, ifMatchVersion(request));
    return reply.status(204).send(null);
  });

  app.get('/accounts/:id/price', {
    schema: {
      tags,
      summary: 'What the account pays for a product at a quantity on a date (default: 1, today, the account currency), and which rule won',
      description:
        'Precedence: the account\'s own agreement over an inherited one (nearest ancestor first); a product agreement over a family one; then the latest validFrom; ' +
        'then the most recently created. Volume tiers take the highest minQuantity ≤ quantity. Expired and future agreements are ignored. ' +
        'Without an agreement, the list price: the price book of the currency valid on the date (latest validFrom), else the catalogue price. ' +
        'No list price in the currency, or a winning net price in another currency: 422 /problems/currency-mismatch.',
      params: IdParams,
      querystring: PriceQuery,
      response: { 200: Type.Ref(Price), ...problemResponses(400, 401, 404, 422) },
    },
  }, async (request) => service.priceFor(ctx, requireActor(request), request.params.id, request.query));
}
