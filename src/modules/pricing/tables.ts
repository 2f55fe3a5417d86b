import { sql } from 'drizzle-orm';
import { char, check, date, foreignKey, index, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, moneyColumn, orgIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import { products } from '../products/tables.ts';
import { users } from '../users/tables.ts';
import type { AgreementKind, StoredTier } from './resolve.ts';

/** A list of prices in one currency, valid from a date (to a date, or open-ended). */
export const priceBooks = pgTable(
  'price_books',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('price_books_currency_idx').on(t.orgId, t.currency, t.validFrom),
    check('price_books_dates_check', sql`valid_to is null or valid_to >= valid_from`),
  ],
);

/** One product's list price in a price book (minor units of the book's currency). */
export const priceBookPrices = pgTable(
  'price_book_prices',
  {
    orgId: orgIdColumn(),
    priceBookId: uuid('price_book_id').notNull(),
    productId: uuid('product_id').notNull(),
    listPrice: moneyColumn('list_price').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.priceBookId, t.productId] }),
    foreignKey({ columns: [t.orgId, t.priceBookId], foreignColumns: [priceBooks.orgId, priceBooks.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.productId], foreignColumns: [products.orgId, products.id] }).onDelete('cascade'),
    index('price_book_prices_product_idx').on(t.orgId, t.productId),
    check('price_book_prices_positive_check', sql`list_price >= 0`),
  ],
);

/**
 * A customer price agreement on an account (inherited by its subsidiaries unless they have their
 * own): for one product or a whole family, a discount, a net price or volume tiers, valid from a
 * date to a date (inclusive; open-ended when null).
 */
export const priceAgreements = pgTable(
  'price_agreements',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    productId: uuid('product_id'),
    family: text('family'),
    kind: text('kind').$type<AgreementKind>().notNull(),
    discountRate: numeric('discount_rate', { precision: 9, scale: 6 }),
    /** Net price in minor units of `currency`. */
    netPrice: moneyColumn('net_price'),
    tiers: jsonb('tiers').$type<StoredTier[]>(),
    currency: char('currency', { length: 3 }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.productId], foreignColumns: [products.orgId, products.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }),
    index('price_agreements_account_idx').on(t.orgId, t.accountId, t.validFrom),
    check('price_agreements_target_check', sql`(product_id is null) <> (family is null)`),
    check('price_agreements_dates_check', sql`valid_to is null or valid_to >= valid_from`),
    check('price_agreements_kind_check', sql`(kind = 'discount' and discount_rate is not null) or (kind = 'net_price' and net_price is not null) or (kind = 'volume_tiers' and tiers is not null)`),
  ],
);
