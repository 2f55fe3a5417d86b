import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import type { CursorValue } from '../../db/paging.ts';
import { accountIsVisible } from '../../db/visibility.ts';
import type { Stage } from '../accounts/tables.ts';
import type { HealthBand, HealthReason } from './health.ts';
import { accountHealth, healthSettings } from './tables.ts';

export type HealthRow = typeof accountHealth.$inferSelect;

export async function saveHealth(ex: Executor, row: typeof accountHealth.$inferInsert): Promise<void> {
  await ex
    .insert(accountHealth)
    .values(row)
    .onConflictDoUpdate({ target: [accountHealth.orgId, accountHealth.accountId], set: { score: row.score, band: row.band, reasons: row.reasons, computedAt: row.computedAt, stale: false } });
}

/** Marks stored health out of date (the accounts' measures changed in this transaction). */
export async function markStale(ex: Executor, orgId: string, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await ex.update(accountHealth).set({ stale: true }).where(and(eq(accountHealth.orgId, orgId), inArray(accountHealth.accountId, [...accountIds])));
}

/** Visible live accounts that could be suggested (not at risk or churned) whose health is missing, stale or older than `since`. */
export async function accountsNeedingHealth(ex: Executor, actor: Actor, since: Date, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(ex, sql`
    select a.id from accounts a
    left join account_health h on h.org_id = a.org_id and h.account_id = a.id
    where a.org_id = ${actor.orgId} and a.deleted_at is null and a.stage not in ('at_risk', 'churned')
      and ${accountIsVisible(actor, sql`a.id`)}
      and (h.account_id is null or h.stale or h.computed_at < ${since.toISOString()}::timestamptz)
    order by h.computed_at nulls first, a.id limit ${limit}`);
  return rows.map((r) => r.id);
}

export interface SuggestionRow {
  accountId: string;
  name: string;
  stage: Stage;
  ownerId: string | null;
  ownerName: string | null;
  score: number;
  band: HealthBand;
  reasons: HealthReason[];
  accountVersion: number;
  computedAt: Date;
}

/** Visible accounts whose stored health is below the threshold and whose stage is not yet at risk (or churned), lowest first. */
export async function listSuggestions(ex: Executor, actor: Actor, below: number, filter: { ownerId?: string; after?: CursorValue[]; limit: number }): Promise<SuggestionRow[]> {
  const owner = filter.ownerId ? sql`and a.owner_id = ${filter.ownerId}` : sql``;
  const after = filter.after ? sql`and (h.score, a.id) > (${Number(filter.after[0])}::int, ${filter.after[1]}::uuid)` : sql``;
  const rows = await queryRows<Omit<SuggestionRow, 'computedAt'> & { computedAt: string | Date }>(ex, sql`
    select a.id as "accountId", a.name, a.stage, a.owner_id as "ownerId", o.name as "ownerName", h.score, h.band, h.reasons,
           a.version as "accountVersion", h.computed_at as "computedAt"
    from account_health h
    join accounts a on a.org_id = h.org_id and a.id = h.account_id
    left join users o on o.org_id = a.org_id and o.id = a.owner_id
    where h.org_id = ${actor.orgId} and a.deleted_at is null and a.stage not in ('at_risk', 'churned') and h.score < ${below}
      and ${accountIsVisible(actor, sql`a.id`)} ${owner} ${after}
    order by h.score, a.id limit ${filter.limit + 1}`);
  return rows.map((r) => ({ ...r, score: Number(r.score), computedAt: new Date(r.computedAt) }));
}

export type SettingsRow = typeof healthSettings.$inferSelect;

export async function getSettings(ex: Executor, orgId: string, lock = false): Promise<SettingsRow | undefined> {
  const query = ex.select().from(healthSettings).where(eq(healthSettings.orgId, orgId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveSettings(ex: Executor, row: { orgId: string; atRiskBelow: number; updatedAt: Date; version: number }): Promise<SettingsRow> {
  const [saved] = await ex
    .insert(healthSettings)
    .values(row)
    .onConflictDoUpdate({ target: healthSettings.orgId, set: { atRiskBelow: row.atRiskBelow, updatedAt: row.updatedAt, version: row.version } })
    .returning();
  return saved!;
}
