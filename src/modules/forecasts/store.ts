import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/connection.ts';
import { users } from '../users/tables.ts';
import { forecastCalls, forecastSettings, forecastSnapshotLines, forecastSnapshots, type PeriodType } from './tables.ts';

export type CallRow = typeof forecastCalls.$inferSelect;
export type CallView = CallRow & { calledByName: string };
export type SnapshotRow = typeof forecastSnapshots.$inferSelect;
export type SnapshotLineRow = typeof forecastSnapshotLines.$inferSelect;

export interface PeriodKey {
  periodType: PeriodType;
  periodStart: string;
}

const callView = { ...forecastCallsColumns(), calledByName: users.name };
function forecastCallsColumns() {
  const c = forecastCalls;
  return { orgId: c.orgId, id: c.id, userId: c.userId, scope: c.scope, periodType: c.periodType, periodStart: c.periodStart, amount: c.amount, currency: c.currency, note: c.note, calledBy: c.calledBy, calledAt: c.calledAt };
}

function selectCalls(ex: Executor) {
  return ex
    .select(callView)
    .from(forecastCalls)
    .innerJoin(users, and(eq(users.orgId, forecastCalls.orgId), eq(users.id, forecastCalls.calledBy)));
}

export async function insertCall(ex: Executor, row: typeof forecastCalls.$inferInsert): Promise<CallRow> {
  const [created] = await ex.insert(forecastCalls).values(row).returning();
  return created!;
}

/** Every call on a person's period (both scopes unless one is named), newest first. */
export async function callHistory(ex: Executor, orgId: string, userId: string, period: PeriodKey): Promise<CallView[]> {
  return selectCalls(ex)
    .where(and(eq(forecastCalls.orgId, orgId), eq(forecastCalls.userId, userId), eq(forecastCalls.periodType, period.periodType), eq(forecastCalls.periodStart, period.periodStart)))
    .orderBy(desc(forecastCalls.calledAt), desc(forecastCalls.id));
}

/** The latest call per person and scope for a period, made at or before `asOf`. */
export async function latestCalls(ex: Executor, orgId: string, period: PeriodKey, asOf: Date): Promise<CallView[]> {
  return selectCalls(ex)
    .where(and(eq(forecastCalls.orgId, orgId), eq(forecastCalls.periodType, period.periodType), eq(forecastCalls.periodStart, period.periodStart), lte(forecastCalls.calledAt, asOf)))
    .orderBy(asc(forecastCalls.userId), asc(forecastCalls.scope), desc(forecastCalls.calledAt), desc(forecastCalls.id))
    .then((rows) => rows.filter((row, i) => i === 0 || rows[i - 1]!.userId !== row.userId || rows[i - 1]!.scope !== row.scope));
}

// --- snapshots ------------------------------------------------------------------------------------

export async function findSnapshot(ex: Executor, orgId: string, period: PeriodKey, week: string): Promise<SnapshotRow | undefined> {
  const [row] = await ex
    .select()
    .from(forecastSnapshots)
    .where(and(eq(forecastSnapshots.orgId, orgId), eq(forecastSnapshots.periodType, period.periodType), eq(forecastSnapshots.periodStart, period.periodStart), eq(forecastSnapshots.week, week)));
  return row;
}

/** Inserts the snapshot unless the week already has one (another process won the race): then undefined. */
export async function insertSnapshot(ex: Executor, row: typeof forecastSnapshots.$inferInsert, lines: Omit<SnapshotLineRow, 'orgId' | 'snapshotId'>[]): Promise<SnapshotRow | undefined> {
  const [created] = await ex.insert(forecastSnapshots).values(row).onConflictDoNothing().returning();
  if (!created) return undefined;
  for (let i = 0; i < lines.length; i += 1000) {
    await ex.insert(forecastSnapshotLines).values(lines.slice(i, i + 1000).map((line) => ({ ...line, orgId: created.orgId, snapshotId: created.id })));
  }
  return created;
}

/** A period's snapshots, oldest week first. */
export async function listSnapshots(ex: Executor, orgId: string, period: PeriodKey): Promise<SnapshotRow[]> {
  return ex
    .select()
    .from(forecastSnapshots)
    .where(and(eq(forecastSnapshots.orgId, orgId), eq(forecastSnapshots.periodType, period.periodType), eq(forecastSnapshots.periodStart, period.periodStart)))
    .orderBy(asc(forecastSnapshots.week));
}

export async function snapshotLines(ex: Executor, orgId: string, snapshotIds: readonly string[]): Promise<SnapshotLineRow[]> {
  if (snapshotIds.length === 0) return [];
  return ex
    .select()
    .from(forecastSnapshotLines)
    .where(and(eq(forecastSnapshotLines.orgId, orgId), inArray(forecastSnapshotLines.snapshotId, [...snapshotIds])));
}

/** Organisations to snapshot (the CLI runs for all of them). */
export async function organisationIds(ex: Executor): Promise<string[]> {
  return (await queryRows<{ id: string }>(ex, sql`select id from organisations order by id`)).map((r) => r.id);
}

// --- settings -------------------------------------------------------------------------------------

export async function getSettings(ex: Executor, orgId: string, lock = false) {
  const query = ex.select().from(forecastSettings).where(eq(forecastSettings.orgId, orgId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveSettings(ex: Executor, row: typeof forecastSettings.$inferInsert & { version: number; updatedAt: Date }) {
  const [saved] = await ex
    .insert(forecastSettings)
    .values(row)
    .onConflictDoUpdate({ target: forecastSettings.orgId, set: { actuals: row.actuals, updatedAt: row.updatedAt, version: row.version } })
    .returning();
  return saved!;
}
