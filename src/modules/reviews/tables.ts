import { sql } from 'drizzle-orm';
import { date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import type { AgreedAction, Attendee, ReviewSnapshot, ReviewStatus } from './review.ts';

/** Periodic account reviews. At most one scheduled (upcoming) review per account. */
export const accountReviews = pgTable(
  'account_reviews',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    status: text('status').$type<ReviewStatus>().notNull().default('scheduled'),
    scheduledOn: date('scheduled_on', { mode: 'string' }).notNull(),
    heldOn: date('held_on', { mode: 'string' }),
    source: text('source').notNull().default('manual'),
    attendees: jsonb('attendees').$type<Attendee[]>().notNull().default([]),
    discussion: text('discussion'),
    risks: jsonb('risks').$type<string[]>().notNull().default([]),
    decisions: jsonb('decisions').$type<string[]>().notNull().default([]),
    agreedActions: jsonb('agreed_actions').$type<AgreedAction[]>().notNull().default([]),
    /** KPIs frozen when the review is held. */
    snapshot: jsonb('snapshot').$type<ReviewSnapshot>(),
    nextReviewOn: date('next_review_on', { mode: 'string' }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    index('account_reviews_account_idx').on(t.orgId, t.accountId, t.scheduledOn),
    index('account_reviews_due_idx').on(t.orgId, t.status, t.scheduledOn),
    uniqueIndex('account_reviews_one_scheduled_key').on(t.orgId, t.accountId).where(sql`status = 'scheduled'`),
  ],
);

/** Agenda items, typed by people or added by other modules (cases: SLA breaches). */
export const reviewAgendaItems = pgTable(
  'review_agenda_items',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    reviewId: uuid('review_id').notNull(),
    text: text('text').notNull(),
    source: text('source').notNull(),
    at: timestampColumn('at').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.reviewId], foreignColumns: [accountReviews.orgId, accountReviews.id] }),
    index('review_agenda_items_review_idx').on(t.orgId, t.reviewId, t.at),
  ],
);

/** Per-organisation review settings (cadence in months: 3 = quarterly). */
export const reviewSettings = pgTable('review_settings', {
  orgId: orgIdColumn().primaryKey(),
  cadenceMonths: integer('cadence_months').notNull().default(3),
  updatedAt: updatedAtColumn(),
  version: versionColumn(),
});
