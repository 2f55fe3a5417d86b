import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import { users } from '../users/tables.ts';
import type { CaseStatus, SlaHours } from './sla.ts';

/** Service disruptions and disputes on an account, with their SLA clock and escalation level. */
export const cases = pgTable(
  'cases',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    severity: smallint('severity').notNull(),
    status: text('status').$type<CaseStatus>().notNull().default('open'),
    ownerId: uuid('owner_id'),
    openedAt: timestampColumn('opened_at').notNull(),
    /** The SLA period in minutes, fixed from the severity when opened or re-graded. */
    slaMinutes: integer('sla_minutes').notNull(),
    /** Time spent resolved before being reopened (the SLA clock stops meanwhile). */
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    dueAt: timestampColumn('due_at').notNull(),
    escalationLevel: smallint('escalation_level').notNull().default(0),
    escalatedAt: timestampColumn('escalated_at'),
    /** When the sweep must next raise the level; null at the cap or while resolved/closed. */
    nextEscalationAt: timestampColumn('next_escalation_at'),
    breachedAt: timestampColumn('breached_at'),
    resolution: text('resolution'),
    resolvedAt: timestampColumn('resolved_at'),
    closedAt: timestampColumn('closed_at'),
    minutesSpent: integer('minutes_spent').notNull().default(0),
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
    index('cases_account_idx').on(t.orgId, t.accountId, t.openedAt, t.id),
    index('cases_due_idx').on(t.orgId, t.dueAt, t.id),
    index('cases_escalation_idx').on(t.nextEscalationAt).where(sql`next_escalation_at is not null`),
    check('cases_severity_check', sql`severity between 1 and 4`),
    check('cases_level_check', sql`escalation_level between 0 and 3`),
    check('cases_minutes_check', sql`minutes_spent >= 0`),
  ],
);

/** The trail of a case: opened, status moves, escalations, edits, time logged (minutes as a delta). */
export const caseEvents = pgTable(
  'case_events',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    caseId: uuid('case_id').notNull(),
    at: timestampColumn('at').notNull(),
    kind: text('kind').$type<'opened' | 'status' | 'escalated' | 'updated' | 'breach_effects'>().notNull(),
    /** null: the system (the escalation sweep). */
    actorId: uuid('actor_id'),
    fromStatus: text('from_status').$type<CaseStatus>(),
    toStatus: text('to_status').$type<CaseStatus>(),
    fromLevel: smallint('from_level'),
    toLevel: smallint('to_level'),
    /** Minutes logged by the actor with this event (a correction may be negative). */
    minutes: integer('minutes').notNull().default(0),
    note: text('note'),
    changes: jsonb('changes').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    foreignKey({ columns: [t.orgId, t.actorId], foreignColumns: [users.orgId, users.id] }),
    index('case_events_case_idx').on(t.orgId, t.caseId, t.at, t.id),
  ],
);

/** Per organisation: SLA hours per severity and the case categories (absent: defaults). */
export const caseSettings = pgTable('case_settings', {
  orgId: orgIdColumn().primaryKey(),
  hours: jsonb('hours').$type<SlaHours>().notNull(),
  categories: jsonb('categories').$type<string[]>().notNull(),
  updatedAt: updatedAtColumn(),
  version: versionColumn(),
});
