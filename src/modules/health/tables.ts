import { foreignKey, index, jsonb, pgTable, primaryKey, smallint, text, uuid, boolean } from 'drizzle-orm/pg-core';
import { orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import type { HealthBand, HealthReason } from './health.ts';

/**
 * The last computed health of each account: what the at-risk suggestions list reads. Marked stale
 * in the transaction of any change to the account's measures; recomputed on read.
 */
export const accountHealth = pgTable(
  'account_health',
  {
    orgId: orgIdColumn(),
    accountId: uuid('account_id').notNull(),
    score: smallint('score').notNull(),
    band: text('band').$type<HealthBand>().notNull(),
    reasons: jsonb('reasons').$type<HealthReason[]>().notNull(),
    computedAt: timestampColumn('computed_at').notNull(),
    stale: boolean('stale').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    index('account_health_score_idx').on(t.orgId, t.score, t.accountId),
  ],
);

/** Per organisation: the health score below which an account is suggested as at risk. */
export const healthSettings = pgTable('health_settings', {
  orgId: orgIdColumn().primaryKey(),
  atRiskBelow: smallint('at_risk_below').notNull(),
  updatedAt: updatedAtColumn(),
  version: versionColumn(),
});
