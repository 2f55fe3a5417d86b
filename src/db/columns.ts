import { bigint, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Column helpers shared by every tenant table: org_id first, (org_id, id) keys, versions, times. */
export const orgIdColumn = () => uuid('org_id').notNull();
export const idColumn = () => uuid('id').notNull();
export const versionColumn = () => integer('version').notNull().default(1);
export const createdAtColumn = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAtColumn = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Money in integer minor units; the currency lives in a sibling column. */
export const moneyColumn = (name: string) => bigint(name, { mode: 'bigint' });
