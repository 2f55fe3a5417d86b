import { sql } from 'drizzle-orm';
import { boolean, char, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, moneyColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import { products } from '../products/tables.ts';
import { users } from '../users/tables.ts';
import type { RuleKind } from '../pricing/resolve.ts';
import type { ApprovalReason, QuoteAction, QuoteStatus } from './quote.ts';

/** A quote to an account in the account's currency; totals kept with the lines they sum. */
export const quotes = pgTable(
  'quotes',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    /** Who built it; their manager (or a director or admin) approves it. */
    ownerId: uuid('owner_id').notNull(),
    status: text('status').$type<QuoteStatus>().notNull().default('draft'),
    currency: char('currency', { length: 3 }).notNull(),
    /** The date the lines were priced (agreements valid then). */
    pricedOn: date('priced_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    listTotal: moneyColumn('list_total').notNull(),
    total: moneyColumn('total').notNull(),
    costTotal: moneyColumn('cost_total'),
    margin: numeric('margin', { precision: 9, scale: 4 }),
    approvalReasons: jsonb('approval_reasons').$type<ApprovalReason[]>().notNull().default([]),
    approvalRequired: boolean('approval_required').notNull().default(false),
    decidedBy: uuid('decided_by'),
    decidedAt: timestampColumn('decided_at'),
    opportunityId: uuid('opportunity_id'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.decidedBy], foreignColumns: [users.orgId, users.id] }),
    index('quotes_account_idx').on(t.orgId, t.accountId, t.createdAt, t.id),
    index('quotes_status_idx').on(t.orgId, t.status, t.createdAt, t.id),
    index('quotes_created_idx').on(t.orgId, t.createdAt, t.id),
  ],
);

/** A quote line: the agreed price and the rule that set it, the manual discount, the resulting figures. */
export const quoteLines = pgTable(
  'quote_lines',
  {
    orgId: orgIdColumn(),
    quoteId: uuid('quote_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id').notNull(),
    quantity: integer('quantity').notNull(),
    listPrice: moneyColumn('list_price'),
    agreedPrice: moneyColumn('agreed_price').notNull(),
    ruleKind: text('rule_kind').$type<RuleKind>().notNull(),
    ruleId: uuid('rule_id'),
    ruleWhy: text('rule_why').notNull(),
    discountRate: numeric('discount_rate', { precision: 9, scale: 6 }).notNull(),
    unitPrice: moneyColumn('unit_price').notNull(),
    lineTotal: moneyColumn('line_total').notNull(),
    unitCost: moneyColumn('unit_cost'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.quoteId, t.position] }),
    foreignKey({ columns: [t.orgId, t.quoteId], foreignColumns: [quotes.orgId, quotes.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.productId], foreignColumns: [products.orgId, products.id] }),
    check('quote_lines_quantity_check', sql`quantity > 0`),
  ],
);

/** The trail of a quote: created, edited, and every action with who, when and why. */
export const quoteEvents = pgTable(
  'quote_events',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    quoteId: uuid('quote_id').notNull(),
    at: timestampColumn('at').notNull(),
    actorId: uuid('actor_id').notNull(),
    action: text('action').$type<QuoteAction | 'create' | 'update'>().notNull(),
    fromStatus: text('from_status').$type<QuoteStatus>(),
    toStatus: text('to_status').$type<QuoteStatus>().notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.quoteId], foreignColumns: [quotes.orgId, quotes.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.actorId], foreignColumns: [users.orgId, users.id] }),
    index('quote_events_quote_idx').on(t.orgId, t.quoteId, t.at, t.id),
  ],
);

/** Per organisation: when a quote needs approval (absent: the defaults). */
export const quoteSettings = pgTable('quote_settings', {
  orgId: orgIdColumn().primaryKey(),
  discountThreshold: numeric('discount_threshold', { precision: 9, scale: 6 }).notNull(),
  marginFloor: numeric('margin_floor', { precision: 9, scale: 6 }).notNull(),
  updatedAt: updatedAtColumn(),
  version: versionColumn(),
});
