import { char, date, numeric, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { createdAtColumn, orgIdColumn } from '../../db/columns.ts';

/** Units of the organisation's currency per one unit of `currency`, effective from `effectiveOn`. */
export const fxRates = pgTable(
  'fx_rates',
  {
    orgId: orgIdColumn(),
    currency: char('currency', { length: 3 }).notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    rate: numeric('rate', { precision: 20, scale: 10 }).notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.currency, t.effectiveOn] })],
);
