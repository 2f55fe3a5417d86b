import { char, date, foreignKey, index, integer, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, moneyColumn, orgIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import { products } from '../products/tables.ts';

/** Revenue actuals. `amountOrg`/`costOrg` are the same line in the organisation's currency. */
export const transactions = pgTable(
  'transactions',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    externalId: text('external_id'),
    accountId: uuid('account_id').notNull(),
    productId: uuid('product_id'),
    bookedOn: date('booked_on', { mode: 'string' }).notNull(),
    quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull().default('1'),
    amount: moneyColumn('amount').notNull(),
    cost: moneyColumn('cost'),
    currency: char('currency', { length: 3 }).notNull(),
    amountOrg: moneyColumn('amount_org').notNull(),
    costOrg: moneyColumn('cost_org').notNull(),
    family: text('family'),
    importId: uuid('import_id'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.productId], foreignColumns: [products.orgId, products.id] }),
    uniqueIndex('transactions_external_id_key').on(t.orgId, t.externalId),
    index('transactions_account_booked_idx').on(t.orgId, t.accountId, t.bookedOn, t.id),
    index('transactions_booked_idx').on(t.orgId, t.bookedOn, t.id),
  ],
);

/**
 * Monthly rollups, kept current by statement-level triggers on `transactions` in the same
 * transaction as every insert, update and delete (see migration 0001 and docs/adr/0002).
 */
export const accountMonthly = pgTable(
  'account_monthly',
  {
    orgId: orgIdColumn(),
    accountId: uuid('account_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    revenue: moneyColumn('revenue').notNull(),
    cost: moneyColumn('cost').notNull(),
    lines: integer('lines').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.accountId, t.month] })],
);

export const accountFamilyMonthly = pgTable(
  'account_family_monthly',
  {
    orgId: orgIdColumn(),
    accountId: uuid('account_id').notNull(),
    family: text('family').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    revenue: moneyColumn('revenue').notNull(),
    cost: moneyColumn('cost').notNull(),
    lines: integer('lines').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.accountId, t.family, t.month] })],
);
