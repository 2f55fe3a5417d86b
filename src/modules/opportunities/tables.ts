import { sql } from 'drizzle-orm';
import { char, check, date, foreignKey, index, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, moneyColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import { users } from '../users/tables.ts';
import type { ForecastCategory, StageDefinition } from './stages.ts';

/** Deals in the pipeline: one account, one owner, an amount in one currency, a stage. */
export const opportunities = pgTable(
  'opportunities',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id'),
    amount: moneyColumn('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    stage: text('stage').notNull(),
    probability: numeric('probability', { precision: 5, scale: 4 }).notNull(),
    forecastCategory: text('forecast_category').$type<ForecastCategory>().notNull(),
    closeDate: date('close_date', { mode: 'string' }).notNull(),
    /** When it reached a won or lost stage; null while open. */
    closedAt: timestampColumn('closed_at'),
    productIds: uuid('product_ids').array().notNull().default(sql`'{}'::uuid[]`),
    competitor: text('competitor'),
    lostReason: text('lost_reason'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }),
    index('opportunities_close_idx').on(t.orgId, t.closeDate, t.id),
    index('opportunities_account_idx').on(t.orgId, t.accountId, t.closeDate),
    index('opportunities_owner_idx').on(t.orgId, t.ownerId, t.closeDate),
    check('opportunities_amount_check', sql`amount >= 0`),
    check('opportunities_probability_check', sql`probability between 0 and 1`),
  ],
);

/** Every stage an opportunity entered (the first row: created), with the amount at that moment. */
export const opportunityStageHistory = pgTable(
  'opportunity_stage_history',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    opportunityId: uuid('opportunity_id').notNull(),
    at: timestampColumn('at').notNull(),
    /** null: the opportunity was created in `toStage`. */
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    amount: moneyColumn('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    probability: numeric('probability', { precision: 5, scale: 4 }).notNull(),
    actorId: uuid('actor_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.opportunityId], foreignColumns: [opportunities.orgId, opportunities.id] }),
    foreignKey({ columns: [t.orgId, t.actorId], foreignColumns: [users.orgId, users.id] }),
    index('opportunity_stage_history_idx').on(t.orgId, t.opportunityId, t.at, t.id),
  ],
);

/** A concession in a negotiation: what, and what it is worth (minor units of `currency`). */
export interface StoredConcession {
  description: string;
  value: string | null;
  currency: string | null;
}

/** The negotiation log: how a deal was argued, conceded and agreed, entry by entry. */
export const negotiationEntries = pgTable(
  'negotiation_entries',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    opportunityId: uuid('opportunity_id').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    authorId: uuid('author_id').notNull(),
    ourPosition: text('our_position'),
    theirPosition: text('their_position'),
    concessionsGiven: jsonb('concessions_given').$type<StoredConcession[]>().notNull(),
    concessionsReceived: jsonb('concessions_received').$type<StoredConcession[]>().notNull(),
    agreedTerms: text('agreed_terms'),
    nextMove: text('next_move'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.opportunityId], foreignColumns: [opportunities.orgId, opportunities.id] }),
    foreignKey({ columns: [t.orgId, t.authorId], foreignColumns: [users.orgId, users.id] }),
    index('negotiation_entries_opportunity_idx').on(t.orgId, t.opportunityId, t.occurredOn, t.id),
  ],
);

/** Per organisation: its opportunity stages in order (absent: the defaults). */
export const opportunitySettings = pgTable('opportunity_settings', {
  orgId: orgIdColumn().primaryKey(),
  stages: jsonb('stages').$type<StageDefinition[]>().notNull(),
  updatedAt: updatedAtColumn(),
  version: versionColumn(),
});
