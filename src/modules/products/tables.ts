import { char, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, moneyColumn, orgIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';

export const products = pgTable(
  'products',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    family: text('family'),
    listPrice: moneyColumn('list_price'),
    unitCost: moneyColumn('unit_cost'),
    currency: char('currency', { length: 3 }).notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('products_sku_key').on(t.orgId, t.sku),
    index('products_name_idx').on(t.orgId, t.name, t.id),
  ],
);
