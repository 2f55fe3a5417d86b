import { char, date, foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, moneyColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { users } from '../users/tables.ts';

export type PeriodType = 'month' | 'quarter' | 'year';
export type CallScope = 'own' | 'team';
/** What "actual" means for accuracy: won bookings only, or won bookings plus transaction revenue. */
export type ActualsMeasure = 'bookings' | 'bookingsAndRevenue';

/** A manager's call: their adjusted number for a person's (own or team) period, with a note. Append-only history. */
export const forecastCalls = pgTable(
  'forecast_calls',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    scope: text('scope').$type<CallScope>().notNull(),
    periodType: text('period_type').$type<PeriodType>().notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    amount: moneyColumn('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    note: text('note').notNull(),
    calledBy: uuid('called_by').notNull(),
    calledAt: timestampColumn('called_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.calledBy], foreignColumns: [users.orgId, users.id] }),
    index('forecast_calls_period_idx').on(t.orgId, t.periodType, t.periodStart, t.userId, t.calledAt),
  ],
);

/** One weekly snapshot of one period's forecast (one per organisation, period and ISO week). */
export const forecastSnapshots = pgTable(
  'forecast_snapshots',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    /** ISO week, "2026-W48". */
    week: text('week').notNull(),
    periodType: text('period_type').$type<PeriodType>().notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    takenAt: timestampColumn('taken_at').notNull(),
    takenBy: uuid('taken_by'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('forecast_snapshots_week_key').on(t.orgId, t.periodType, t.periodStart, t.week)],
);

/** A person's own numbers in a snapshot, and their own-number call in force then. */
export const forecastSnapshotLines = pgTable(
  'forecast_snapshot_lines',
  {
    orgId: orgIdColumn(),
    snapshotId: uuid('snapshot_id').notNull(),
    userId: uuid('user_id').notNull(),
    closed: moneyColumn('closed').notNull(),
    commit: moneyColumn('commit').notNull(),
    bestCase: moneyColumn('best_case').notNull(),
    pipeline: moneyColumn('pipeline').notNull(),
    weighted: moneyColumn('weighted').notNull(),
    call: moneyColumn('call'),
    /** The call if any, else closed + weighted: the F of accuracy. */
    forecast: moneyColumn('forecast').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.snapshotId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.snapshotId], foreignColumns: [forecastSnapshots.orgId, forecastSnapshots.id] }).onDelete('cascade'),
  ],
);

/** The organisation's forecast settings; absent: bookings only. */
export const forecastSettings = pgTable('forecast_settings', {
  orgId: orgIdColumn().primaryKey(),
  actuals: text('actuals').$type<ActualsMeasure>().notNull(),
  updatedAt: updatedAtColumn(),
  createdAt: createdAtColumn(),
  version: versionColumn(),
});
