import { char, foreignKey, index, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, moneyColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { users } from '../users/tables.ts';

export const stages = ['prospect', 'onboarding', 'active', 'at_risk', 'churned'] as const;
export type Stage = (typeof stages)[number];

export const teamRoles = ['owner', 'sourcing_bd', 'support'] as const;
export type TeamRole = (typeof teamRoles)[number];

export const accounts = pgTable(
  'accounts',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    externalId: text('external_id'),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    stage: text('stage').$type<Stage>().notNull().default('active'),
    industry: text('industry'),
    region: text('region'),
    country: char('country', { length: 2 }),
    currency: char('currency', { length: 3 }).notNull(),
    strategicFit: smallint('strategic_fit'),
    referenceValue: smallint('reference_value'),
    walletEstimate: moneyColumn('wallet_estimate'),
    ownerId: uuid('owner_id'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    deletedAt: timestampColumn('deleted_at'),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.parentId], foreignColumns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('accounts_external_id_key').on(t.orgId, t.externalId),
    index('accounts_name_idx').on(t.orgId, t.name, t.id),
    index('accounts_updated_idx').on(t.orgId, t.updatedAt, t.id),
    index('accounts_parent_idx').on(t.orgId, t.parentId),
    index('accounts_owner_idx').on(t.orgId, t.ownerId),
    /** Peers for whitespace (dynamics): accounts of the same industry and region. */
    index('accounts_segment_idx').on(t.orgId, t.industry, t.region),
  ],
);

export const accountTeam = pgTable(
  'account_team',
  {
    orgId: orgIdColumn(),
    accountId: uuid('account_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<TeamRole>().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    index('account_team_user_idx').on(t.orgId, t.userId, t.accountId),
  ],
);
