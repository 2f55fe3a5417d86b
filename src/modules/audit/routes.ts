import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { requireActor } from '../../http/request.ts';
import { IsoDate, Nullable, Page, PageQuery, Timestamp, Uuid, problemResponses } from '../../http/schemas.ts';
import { listAudit } from './service.ts';

const AuditEntry = Type.Object(
  {
    id: Uuid,
    at: Timestamp,
    actorId: Nullable(Uuid),
    action: Type.String(),
    entity: Type.String(),
    entityId: Type.String(),
    before: Type.Unknown(),
    after: Type.Unknown(),
  },
  { $id: 'AuditEntry' },
);

const AuditQuery = Type.Object(
  {
    ...PageQuery,
    entity: Type.Optional(Type.String({ maxLength: 50, examples: ['account'] })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    actorId: Type.Optional({ ...Uuid, description: 'Changes made by this user' }),
    from: Type.Optional({ ...IsoDate, description: 'Changes on or after this day (UTC)' }),
    to: Type.Optional({ ...IsoDate, description: 'Changes on or before this day (UTC)' }),
  },
  { additionalProperties: false },
);

export function auditRoutes(app: App, ctx: AppContext): void {
  app.addSchema(AuditEntry);
  app.get('/audit', {
    schema: { tags: ['audit'], summary: 'The audit log, newest first', querystring: AuditQuery, response: { 200: Page(Type.Ref(AuditEntry)), ...problemResponses(400, 401, 403) } },
  }, async (request) => listAudit(ctx, requireActor(request), request.query));
}
