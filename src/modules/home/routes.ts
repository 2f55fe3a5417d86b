import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { requireActor } from '../../http/request.ts';
import { problemResponses } from '../../http/schemas.ts';
import { Home } from './schemas.ts';
import * as service from './service.ts';

export function homeRoutes(app: App, ctx: AppContext): void {
  app.addSchema(Home);
  app.get('/me/home', {
    schema: {
      tags: ['home'],
      summary: 'My home: overdue accounts, due next steps, pending handovers, upcoming reviews, open severe cases, unread notifications',
      response: { 200: Type.Ref(Home), ...problemResponses(401) },
    },
  }, async (request) => service.getHome(ctx, requireActor(request)));
}
