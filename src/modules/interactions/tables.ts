import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import { contacts } from '../contacts/tables.ts';
import { users } from '../users/tables.ts';
import type { CadenceDays, InteractionKind, KindMinutes } from './cadence.ts';

/** Meetings, calls, visits, emails and notes with an account, each with its optional next step. */
export const interactions = pgTable(
  'interactions',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    kind: text('kind').$type<InteractionKind>().notNull(),
    occurredAt: timestampColumn('occurred_at').notNull(),
    summary: text('summary').notNull(),
    /** −2 (very negative) … 2 (very positive); null: not judged. */
    sentiment: smallint('sentiment'),
    minutes: integer('minutes').notNull(),
    nextStep: text('next_step'),
    nextStepDue: date('next_step_due', { mode: 'string' }),
    nextStepOwnerId: uuid('next_step_owner_id'),
    nextStepDoneAt: timestampColumn('next_step_done_at'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    deletedAt: timestampColumn('deleted_at'),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.nextStepOwnerId], foreignColumns: [users.orgId, users.id] }),
    index('interactions_account_idx').on(t.orgId, t.accountId, t.occurredAt, t.id),
    index('interactions_open_steps_idx').on(t.orgId, t.nextStepDue).where(sql`next_step_due is not null and next_step_done_at is null and deleted_at is null`),
    check('interactions_sentiment_check', sql`sentiment between -2 and 2`),
    check('interactions_minutes_check', sql`minutes between 0 and 1440`),
  ],
);

export const interactionContacts = pgTable(
  'interaction_contacts',
  {
    orgId: orgIdColumn(),
    interactionId: uuid('interaction_id').notNull(),
    contactId: uuid('contact_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.interactionId, t.contactId] }),
    foreignKey({ columns: [t.orgId, t.interactionId], foreignColumns: [interactions.orgId, interactions.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
  ],
);

export const interactionUsers = pgTable(
  'interaction_users',
  {
    orgId: orgIdColumn(),
    interactionId: uuid('interaction_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.interactionId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.interactionId], foreignColumns: [interactions.orgId, interactions.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    index('interaction_users_user_idx').on(t.orgId, t.userId),
  ],
);

/** Per organisation: contact cadence per tier and default minutes per interaction kind (absent: defaults). */
export const engagementSettings = pgTable('engagement_settings', {
  orgId: orgIdColumn().primaryKey(),
  cadence: jsonb('cadence').$type<CadenceDays>().notNull(),
  minutes: jsonb('minutes').$type<KindMinutes>().notNull(),
  updatedAt: updatedAtColumn(),
  version: versionColumn(),
});
