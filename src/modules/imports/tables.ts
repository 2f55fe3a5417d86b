import { jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn } from '../../db/columns.ts';

export const importKinds = ['accounts', 'contacts', 'products', 'transactions'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importRuns = pgTable(
  'import_runs',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    kind: text('kind').$type<ImportKind>().notNull(),
    fileName: text('file_name').notNull(),
    status: text('status').$type<'applied' | 'rejected'>().notNull(),
    summary: jsonb('summary').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);
