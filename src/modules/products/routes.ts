import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { Product, ProductCreate, ProductListQuery, ProductUpdate } from './schemas.ts';
import * as service from './service.ts';

export function productRoutes(app: App, ctx: AppContext): void {
  const tags = ['products'];
  app.addSchema(Product);

  app.get('/products', {
    schema: { tags, summary: 'The product catalogue, by name', querystring: ProductListQuery, response: { 200: Page(Type.Ref(Product)), ...problemResponses(400, 401) } },
  }, async (request) => service.listProducts(ctx, requireActor(request), request.query));

  app.post('/products', {
    schema: { tags, summary: 'Add a product (admin, director, manager)', body: ProductCreate, response: { 201: Type.Ref(Product), ...problemResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createProduct(ctx, requireActor(request), request.body))));

  app.get('/products/:id', {
    schema: { tags, summary: 'One product', params: IdParams, response: { 200: Type.Ref(Product), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getProduct(ctx, requireActor(request), request.params.id)));

  app.patch('/products/:id', {
    schema: { tags, summary: 'Change a product (admin, director, manager)', params: IdParams, body: ProductUpdate, response: { 200: Type.Ref(Product), ...problemResponses(400, 401, 403, 404, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.updateProduct(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.delete('/products/:id', {
    schema: {
      tags,
      summary: 'Delete a product; refused with 409 while transactions refer to it',
      params: IdParams,
      response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await service.deleteProduct(ctx, requireActor(request), request.params.id, ifMatchVersion(request));
    return reply.status(204).send(null);
  });
}
