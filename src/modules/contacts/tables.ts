import { sql } from 'drizzle-orm';
import { foreignKey, index, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { accounts } from '../accounts/tables.ts';

export const buyingRoles = ['economic_buyer', 'decision_maker', 'influencer', 'champion', 'user', 'blocker', 'gatekeeper'] as const;
export type BuyingRole = (typeof buyingRoles)[number];

export const contacts = pgTable(
  'contacts',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    externalId: text('external_id'),
    name: text('name').notNull(),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    buyingRole: text('buying_role').$type<BuyingRole>(),
    reportsToId: uuid('reports_to_id'),
    relationshipStrength: smallint('relationship_strength'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    deletedAt: timestampColumn('deleted_at'),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.reportsToId], foreignColumns: [t.orgId, t.id] }),
    uniqueIndex('contacts_external_id_key').on(t.orgId, t.externalId),
    index('contacts_account_idx').on(t.orgId, t.accountId, t.name, t.id),
    // who already knows a contact from another account (owner candidates, people module)
    index('contacts_email_idx').on(t.orgId, sql`lower(${t.email})`).where(sql`email is not null and deleted_at is null`),
  ],
);
