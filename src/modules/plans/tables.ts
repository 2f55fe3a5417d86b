import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';
import { users } from '../users/tables.ts';
import type { ActionStatus, NeedChangeKind, ObjectiveDirection, ObjectiveMetric, PlanStatus } from './plan.ts';

/** An account plan for one period ('2027', '2027-Q1'); at most one active plan per account and period. */
export const accountPlans = pgTable(
  'account_plans',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    period: text('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    status: text('status').$type<PlanStatus>().notNull().default('draft'),
    strategy: text('strategy'),
    copiedFromId: uuid('copied_from_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    index('account_plans_account_idx').on(t.orgId, t.accountId, t.periodStart),
    uniqueIndex('account_plans_one_active_key').on(t.orgId, t.accountId, t.period).where(sql`status = 'active'`),
  ],
);

/** The customer's needs, ranked by priority (1 = most important); removed ones stay for the timeline. */
export const planNeeds = pgTable(
  'plan_needs',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    planId: uuid('plan_id').notNull(),
    text: text('text').notNull(),
    priority: integer('priority').notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    removedAt: timestampColumn('removed_at'),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [accountPlans.orgId, accountPlans.id] }),
    index('plan_needs_plan_idx').on(t.orgId, t.planId, t.priority),
  ],
);

/** Each need's changes over time: "changing tastes and preferences" as a timeline. */
export const planNeedChanges = pgTable(
  'plan_need_changes',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    needId: uuid('need_id').notNull(),
    at: timestampColumn('at').notNull(),
    actorId: uuid('actor_id'),
    kind: text('kind').$type<NeedChangeKind>().notNull(),
    fromText: text('from_text'),
    toText: text('to_text'),
    fromPriority: integer('from_priority'),
    toPriority: integer('to_priority'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.needId], foreignColumns: [planNeeds.orgId, planNeeds.id] }),
    index('plan_need_changes_need_idx').on(t.orgId, t.needId, t.at),
  ],
);

/** Measurable objectives; `revenue` objectives take their current value from the monthly rollups. */
export const planObjectives = pgTable(
  'plan_objectives',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    planId: uuid('plan_id').notNull(),
    title: text('title').notNull(),
    metric: text('metric').$type<ObjectiveMetric>().notNull(),
    unit: text('unit'),
    direction: text('direction').$type<ObjectiveDirection>(),
    baseline: numeric('baseline', { precision: 20, scale: 4 }).notNull(),
    target: numeric('target', { precision: 20, scale: 4 }).notNull(),
    currentValue: numeric('current_value', { precision: 20, scale: 4 }),
    dueOn: date('due_on', { mode: 'string' }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [accountPlans.orgId, accountPlans.id] }),
    index('plan_objectives_plan_idx').on(t.orgId, t.planId),
  ],
);

/** Actions with an owner and a due date; `agreed` ones were agreed with the customer and are on the joint plan. */
export const planActions = pgTable(
  'plan_actions',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    planId: uuid('plan_id').notNull(),
    title: text('title').notNull(),
    ownerId: uuid('owner_id'),
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status').$type<ActionStatus>().notNull().default('open'),
    agreed: boolean('agreed').notNull().default(false),
    source: text('source').notNull().default('plan'),
    sourceId: uuid('source_id'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [accountPlans.orgId, accountPlans.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    index('plan_actions_plan_idx').on(t.orgId, t.planId, t.dueOn),
  ],
);

/** Internal risks (never on the joint plan): typed by people, or added by cases (SLA breaches) and reviews. */
export const planRisks = pgTable(
  'plan_risks',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    planId: uuid('plan_id').notNull(),
    text: text('text').notNull(),
    source: text('source').notNull(),
    at: timestampColumn('at').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [accountPlans.orgId, accountPlans.id] }),
    index('plan_risks_plan_idx').on(t.orgId, t.planId, t.at),
  ],
);

/** Read-only links to the customer-facing parts of a plan. Only a SHA-256 of the token is stored. */
export const planShares = pgTable(
  'plan_shares',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    planId: uuid('plan_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    expiresAt: timestampColumn('expires_at').notNull(),
    revokedAt: timestampColumn('revoked_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [accountPlans.orgId, accountPlans.id] }),
    // The public route finds a share by its hash alone (like API tokens): unique over all organisations.
    uniqueIndex('plan_shares_token_key').on(t.tokenHash),
    index('plan_shares_plan_idx').on(t.orgId, t.planId),
  ],
);
