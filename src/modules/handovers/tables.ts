import { sql } from 'drizzle-orm';
import { date, foreignKey, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import { users } from '../users/tables.ts';
import type { Checklist, HandoverEventKind, HandoverState } from './handover.ts';

/** A handover of an account from business development to a key account manager. */
export const handovers = pgTable(
  'handovers',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    fromUserId: uuid('from_user_id').notNull(),
    toUserId: uuid('to_user_id').notNull(),
    state: text('state').$type<HandoverState>().notNull().default('pending'),
    checklist: jsonb('checklist').$type<Checklist>().notNull(),
    /** The first review date of the checklist, as a column so it can be scheduled and queried. */
    firstReviewOn: date('first_review_on', { mode: 'string' }),
    notes: text('notes'),
    returnReason: text('return_reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestampColumn('decided_at'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.fromUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.toUserId], foreignColumns: [users.orgId, users.id] }),
    index('handovers_account_idx').on(t.orgId, t.accountId, t.createdAt),
    index('handovers_to_user_idx').on(t.orgId, t.toUserId, t.state),
    index('handovers_from_user_idx').on(t.orgId, t.fromUserId, t.state),
    // At most one pending handover per account.
    uniqueIndex('handovers_one_pending_key').on(t.orgId, t.accountId).where(sql`state = 'pending'`),
  ],
);

/** The trail both sides see: started, changed, accepted, returned, cancelled. Append-only. */
export const handoverEvents = pgTable(
  'handover_events',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    handoverId: uuid('handover_id').notNull(),
    at: timestampColumn('at').notNull(),
    actorId: uuid('actor_id'),
    kind: text('kind').$type<HandoverEventKind>().notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.handoverId], foreignColumns: [handovers.orgId, handovers.id] }),
    index('handover_events_handover_idx').on(t.orgId, t.handoverId, t.at),
  ],
);
