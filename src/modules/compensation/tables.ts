import { char, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, moneyColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { users } from '../users/tables.ts';
import type { CreditingRules, StoredSplit } from './crediting.ts';
import type { Line, Statement } from './engine.ts';
import type { Plan } from './plan.ts';

/** A compensation plan; its documents are the effective-dated versions below. */
export const compPlans = pgTable(
  'comp_plans',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('comp_plans_name_key').on(t.orgId, t.name)],
);

/** Every version of a plan's document (COMP-PLANS.md), kept for ever; effective dates as columns too. */
export const compPlanVersions = pgTable(
  'comp_plan_versions',
  {
    orgId: orgIdColumn(),
    planId: uuid('plan_id').notNull(),
    number: integer('number').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** Last day in force (inclusive); null: open-ended. Closed when a later version starts. */
    effectiveTo: date('effective_to', { mode: 'string' }),
    document: jsonb('document').$type<Plan>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.planId, t.number] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [compPlans.orgId, compPlans.id] }),
  ],
);

/** A person on a plan from a date, with their annual base salary (in the plan's currency). */
export const compAssignments = pgTable(
  'comp_assignments',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    planId: uuid('plan_id').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    baseAnnual: moneyColumn('base_annual').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [compPlans.orgId, compPlans.id] }),
    index('comp_assignments_user_idx').on(t.orgId, t.userId, t.effectiveFrom),
  ],
);

/** A person's quota for one period, in the organisation's currency. */
export const compQuotas = pgTable(
  'comp_quotas',
  {
    orgId: orgIdColumn(),
    userId: uuid('user_id').notNull(),
    periodType: text('period_type').$type<'month' | 'quarter' | 'year'>().notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    amount: moneyColumn('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    source: text('source').$type<QuotaSource>().notNull(),
    setBy: uuid('set_by').notNull(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.periodType, t.periodStart] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    index('comp_quotas_period_idx').on(t.orgId, t.periodType, t.periodStart),
  ],
);
export type QuotaSource = 'manual' | 'allocation' | 'ramp';

/** Every change of a quota: before and after, who, when, why. */
export const compQuotaChanges = pgTable(
  'comp_quota_changes',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    periodType: text('period_type').$type<'month' | 'quarter' | 'year'>().notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    before: moneyColumn('before'),
    after: moneyColumn('after').notNull(),
    source: text('source').$type<QuotaSource>().notNull(),
    note: text('note'),
    changedBy: uuid('changed_by').notNull(),
    changedAt: timestampColumn('changed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('comp_quota_changes_user_idx').on(t.orgId, t.userId, t.changedAt)],
);

/** The organisation's crediting rules (overlays); absent: owner only. */
export const compCreditingRules = pgTable('comp_crediting_rules', {
  orgId: orgIdColumn().primaryKey(),
  rules: jsonb('rules').$type<CreditingRules>().notNull(),
  updatedAt: updatedAtColumn(),
  version: versionColumn(),
});

/** A manual split of one deal or revenue line, replacing the default owner credit. */
export const compCreditSplits = pgTable(
  'comp_credit_splits',
  {
    orgId: orgIdColumn(),
    sourceType: text('source_type').$type<'transaction' | 'opportunity'>().notNull(),
    sourceId: uuid('source_id').notNull(),
    splits: jsonb('splits').$type<StoredSplit[]>().notNull(),
    note: text('note'),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sourceType, t.sourceId] })],
);

/** A statement run: one period, a statement per assigned payee. */
export const compRuns = pgTable(
  'comp_runs',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    period: text('period').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAtColumn(),
    computedAt: timestampColumn('computed_at').notNull(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('comp_runs_period_key').on(t.orgId, t.period)],
);

export type StatementStatus = 'draft' | 'approved' | 'paid';
export type StoredLine = Line | { kind: 'adjustment'; amount: string; explanation: string; creditId?: string };
export type StoredStatement = Omit<Statement, 'lines'> & { lines: StoredLine[] };

export const compStatements = pgTable(
  'comp_statements',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    runId: uuid('run_id').notNull(),
    payeeId: uuid('payee_id').notNull(),
    planId: uuid('plan_id').notNull(),
    status: text('status').$type<StatementStatus>().notNull().default('draft'),
    currency: char('currency', { length: 3 }).notNull(),
    paid: moneyColumn('paid').notNull(),
    statement: jsonb('statement').$type<StoredStatement>().notNull(),
    approvedBy: uuid('approved_by'),
    approvedAt: timestampColumn('approved_at'),
    paidBy: uuid('paid_by'),
    paidAt: timestampColumn('paid_at'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.runId], foreignColumns: [compRuns.orgId, compRuns.id] }),
    foreignKey({ columns: [t.orgId, t.payeeId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('comp_statements_run_payee_key').on(t.orgId, t.runId, t.payeeId),
    index('comp_statements_payee_idx').on(t.orgId, t.payeeId),
  ],
);
