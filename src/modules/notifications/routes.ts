import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { requireActor } from '../../http/request.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { Notification, NotificationListQuery, NotificationPage, ReadAllResult } from './schemas.ts';
import * as service from './service.ts';

export function notificationRoutes(app: App, ctx: AppContext): void {
  const tags = ['notifications'];
  app.addSchema(Notification);

  app.get('/notifications', {
    schema: { tags, summary: 'My notifications, newest first, with the unread count', querystring: NotificationListQuery, response: { 200: NotificationPage, ...problemResponses(400, 401) } },
  }, async (request) => service.listNotifications(ctx, requireActor(request), request.query));

  app.post('/notifications/:id/read', {
    schema: { tags, summary: 'Mark one of my notifications read', params: IdParams, response: { 200: Type.Ref(Notification), ...problemResponses(401, 404) } },
  }, async (request) => service.markRead(ctx, requireActor(request), request.params.id));

  app.post('/notifications/read-all', {
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: ReadAllResult, ...problemResponses(401) } },
  }, async (request) => service.markAllRead(ctx, requireActor(request)));
}
