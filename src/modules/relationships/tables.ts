import { date, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import { users } from '../users/tables.ts';
import type { RelationshipStage } from './stages.ts';

/** The McDonald/Cranfield relationship stage of each account, as an append-only dated history. */
export const relationshipStages = pgTable(
  'relationship_stages',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    stage: text('stage').$type<RelationshipStage>().notNull(),
    since: date('since', { mode: 'string' }).notNull(),
    note: text('note'),
    setBy: uuid('set_by').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.setBy], foreignColumns: [users.orgId, users.id] }),
    index('relationship_stages_account_idx').on(t.orgId, t.accountId, t.id),
  ],
);
