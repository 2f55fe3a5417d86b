import { sql } from 'drizzle-orm';
import { char, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, moneyColumn, orgIdColumn, timestampColumn, updatedAtColumn, versionColumn } from '../../db/columns.ts';
import { users } from '../users/tables.ts';
import type { CapacityTargets, TierWeights } from './capacity.ts';
import type { RatingKind, Skill, Targets } from './skills.ts';

export const educationLevels = ['secondary', 'associate', 'bachelor', 'master', 'mba', 'doctorate', 'other'] as const;
export type EducationLevel = (typeof educationLevels)[number];

export interface Education {
  level: EducationLevel;
  field: string;
  institution?: string;
  year?: number;
}
export interface Certification {
  name: string;
  issuer?: string;
  obtainedOn: string;
  expiresOn?: string | null;
}
export interface IndustryYears {
  industry: string;
  years: number;
}

/** What a person brings: education, certifications, experience, markets and languages. */
export const personProfiles = pgTable(
  'person_profiles',
  {
    orgId: orgIdColumn(),
    userId: uuid('user_id').notNull(),
    education: jsonb('education').$type<Education[]>().notNull().default([]),
    certifications: jsonb('certifications').$type<Certification[]>().notNull().default([]),
    yearsTotal: smallint('years_total'),
    yearsSales: smallint('years_sales'),
    industryYears: jsonb('industry_years').$type<IndustryYears[]>().notNull().default([]),
    industries: jsonb('industries').$type<string[]>().notNull().default([]),
    countries: jsonb('countries').$type<string[]>().notNull().default([]),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    check('person_profiles_years_check', sql`years_total between 0 and 70 and years_sales between 0 and 70`),
  ],
);

/** Every rating ever given (append-only): the latest self and manager rating per skill is the current view. */
export const skillRatings = pgTable(
  'skill_ratings',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    skill: text('skill').notNull(),
    kind: text('kind').$type<RatingKind>().notNull(),
    rating: smallint('rating').notNull(),
    note: text('note'),
    ratedBy: uuid('rated_by').notNull(),
    ratedAt: timestampColumn('rated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.ratedBy], foreignColumns: [users.orgId, users.id] }),
    index('skill_ratings_user_idx').on(t.orgId, t.userId, t.ratedAt, t.id),
    check('skill_ratings_rating_check', sql`rating between 1 and 5`),
  ],
);

/** Per organisation: the skill list, role profiles (target ratings), tier weights and capacity targets. */
export const peopleSettings = pgTable('people_settings', {
  orgId: orgIdColumn().primaryKey(),
  skills: jsonb('skills').$type<Skill[]>().notNull(),
  roleProfiles: jsonb('role_profiles').$type<Record<string, Targets>>().notNull(),
  tierWeights: jsonb('tier_weights').$type<TierWeights>().notNull(),
  capacityTargets: jsonb('capacity_targets').$type<CapacityTargets>().notNull(),
  updatedAt: updatedAtColumn(),
  version: versionColumn(),
});

export const goalStatuses = ['open', 'done', 'dropped'] as const;
export type GoalStatus = (typeof goalStatuses)[number];

/** A skill gap someone decided to close. */
export const developmentGoals = pgTable(
  'development_goals',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    skill: text('skill').notNull(),
    targetRating: smallint('target_rating').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
    status: text('status').$type<GoalStatus>().notNull().default('open'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    index('development_goals_user_idx').on(t.orgId, t.userId, t.createdAt),
  ],
);

/** Market pay ranges per role (a salary survey's figures), in minor units of `currency`. */
export const payBands = pgTable(
  'pay_bands',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    role: text('role').notNull(),
    year: integer('year').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    source: text('source').notNull(),
    baseLow: moneyColumn('base_low'),
    baseHigh: moneyColumn('base_high'),
    bonusLow: moneyColumn('bonus_low'),
    bonusHigh: moneyColumn('bonus_high'),
    profitShareLow: moneyColumn('profit_share_low'),
    profitShareHigh: moneyColumn('profit_share_high'),
    commissionLow: moneyColumn('commission_low'),
    commissionHigh: moneyColumn('commission_high'),
    totalLow: moneyColumn('total_low').notNull(),
    totalHigh: moneyColumn('total_high').notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('pay_bands_role_year_key').on(t.orgId, t.role, t.year),
    check('pay_bands_total_check', sql`total_low >= 0 and total_high >= total_low`),
  ],
);

/**
 * A person's expected total pay at 100 % attainment as an admin recorded it: the fallback while
 * the compensation module has no stored plan for them.
 */
export const expectedPay = pgTable(
  'expected_pay',
  {
    orgId: orgIdColumn(),
    userId: uuid('user_id').notNull(),
    amount: moneyColumn('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    note: text('note').notNull().default(''),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    check('expected_pay_amount_check', sql`amount >= 0`),
  ],
);
