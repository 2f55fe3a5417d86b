import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { RelationshipStagePut, RelationshipStageView } from './schemas.ts';
import * as service from './service.ts';

export function relationshipRoutes(app: App, ctx: AppContext): void {
  const tags = ['engagement'];
  app.addSchema(RelationshipStageView);

  app.get('/accounts/:id/relationship-stage', {
    schema: {
      tags,
      summary: "The account's relationship stage (McDonald/Cranfield) with its dated history; ETag: the stage's own version",
      params: IdParams,
      response: { 200: Type.Ref(RelationshipStageView), ...problemResponses(401, 404) },
    },
  }, async (request, reply) => withEtag(reply, await service.getRelationshipStage(ctx, requireActor(request), request.params.id)));

  app.put('/accounts/:id/relationship-stage', {
    schema: {
      tags,
      summary: 'Set the relationship stage from a date (owner, their manager, director, admin); If-Match: the version of GET relationship-stage',
      params: IdParams,
      body: RelationshipStagePut,
      response: { 200: Type.Ref(RelationshipStageView), ...problemResponses(400, 401, 403, 404, 412, 428) },
    },
  }, async (request, reply) => withEtag(reply, await service.setRelationshipStage(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));
}
