import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { Contact, ContactCreate, ContactListQuery, ContactParams, ContactUpdate } from './schemas.ts';
import * as service from './service.ts';

export function contactRoutes(app: App, ctx: AppContext): void {
  const tags = ['contacts'];
  app.addSchema(Contact);

  app.get('/accounts/:id/contacts', {
    schema: {
      tags,
      summary: "The account's contacts, by name",
      params: IdParams,
      querystring: ContactListQuery,
      response: { 200: Page(Type.Ref(Contact)), ...problemResponses(400, 401, 404) },
    },
  }, async (request) => service.listContacts(ctx, requireActor(request), request.params.id, request.query));

  app.post('/accounts/:id/contacts', {
    schema: {
      tags,
      summary: 'Add a contact to the account (reportsToId: a contact of the same account)',
      params: IdParams,
      body: ContactCreate,
      response: { 201: Type.Ref(Contact), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) =>
    reply.status(201).send(withEtag(reply, await service.createContact(ctx, requireActor(request), request.params.id, request.body))));

  app.get('/accounts/:id/contacts/:contactId', {
    schema: { tags, summary: 'One contact', params: ContactParams, response: { 200: Type.Ref(Contact), ...problemResponses(401, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getContact(ctx, requireActor(request), request.params.id, request.params.contactId)));

  app.patch('/accounts/:id/contacts/:contactId', {
    schema: {
      tags,
      summary: 'Change a contact (reporting lines may not form a cycle)',
      params: ContactParams,
      body: ContactUpdate,
      response: { 200: Type.Ref(Contact), ...problemResponses(400, 401, 403, 404, 412, 428) },
    },
  }, async (request, reply) =>
    withEtag(reply, await service.updateContact(ctx, requireActor(request), request.params.id, request.params.contactId, ifMatchVersion(request), request.body)));

  app.delete('/accounts/:id/contacts/:contactId', {
    schema: {
      tags,
      summary: 'Delete a contact (kept in history); refused with 409 while other contacts report to it',
      params: ContactParams,
      response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await service.deleteContact(ctx, requireActor(request), request.params.id, request.params.contactId, ifMatchVersion(request));
    return reply.status(204).send(null);
  });
}
