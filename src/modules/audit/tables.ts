import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, orgIdColumn, timestampColumn } from '../../db/columns.ts';

/** Append-only: a trigger refuses UPDATE and DELETE (migration 0001). */
export const auditLog = pgTable(
  'audit_log',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    at: timestampColumn('at').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').$type<'create' | 'update' | 'delete' | 'import' | 'login'>().notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('audit_entity_idx').on(t.orgId, t.entity, t.entityId, t.id)],
);
