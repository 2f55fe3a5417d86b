import { char, jsonb, pgTable } from 'drizzle-orm/pg-core';
import { orgIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import type { RoleRates } from './costs.ts';

/** Per organisation: what an hour of each role's time costs, in minor units of `currency` (absent: none set). */
export const costRates = pgTable('cost_rates', {
  orgId: orgIdColumn().primaryKey(),
  currency: char('currency', { length: 3 }).notNull(),
  hourly: jsonb('hourly').$type<RoleRates>().notNull(),
  updatedAt: updatedAtColumn(),
  version: versionColumn(),
});
