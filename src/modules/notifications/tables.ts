import { foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import { users } from '../users/tables.ts';

/**
 * In-app notifications, one row per recipient. The text is not stored: the UI renders it from
 * `kind` and `params` in the reader's language.
 */
export const notifications = pgTable(
  'notifications',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    accountId: uuid('account_id'),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    at: timestampColumn('at').notNull(),
    readAt: timestampColumn('read_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    index('notifications_user_idx').on(t.orgId, t.userId, t.id),
  ],
);
