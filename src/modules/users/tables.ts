import { sql } from 'drizzle-orm';
import { boolean, char, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  locale: text('locale').notNull().default('en'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
  version: versionColumn(),
});

export const roles = ['admin', 'director', 'manager', 'kam', 'bd', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const users = pgTable(
  'users',
  {
    orgId: orgIdColumn().references(() => organisations.id),
    id: idColumn(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    managerId: uuid('manager_id'),
    locale: text('locale'),
    preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // Login is by email alone, so an email is unique across organisations. On a distributed
    // (Citus) deployment this lookup becomes a small reference table; see docs/adr/0002.
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_manager_idx').on(t.orgId, t.managerId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAtColumn(),
    expiresAt: timestampColumn('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('sessions_token_key').on(t.tokenHash)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: createdAtColumn(),
    lastUsedAt: timestampColumn('last_used_at'),
    revokedAt: timestampColumn('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('api_tokens_hash_key').on(t.tokenHash)],
);

/** Failed logins, kept briefly, for throttling across any number of server processes. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey(),
    key: text('key').notNull(),
    at: timestampColumn('at').notNull(),
  },
  (t) => [index('login_failures_key_at_idx').on(t.key, t.at)],
);
