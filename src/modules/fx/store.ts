import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import type { CursorValue } from '../../db/paging.ts';
import { fxRates } from './tables.ts';

export type FxRateRow = typeof fxRates.$inferSelect;

export async function listRates(ex: Executor, orgId: string, filter: { currency?: string; after?: CursorValue[]; limit: number }): Promise<FxRateRow[]> {
  const conditions: SQL[] = [eq(fxRates.orgId, orgId)];
  if (filter.currency) conditions.push(eq(fxRates.currency, filter.currency));
  if (filter.after) {
    const [currency, effectiveOn] = filter.after as [string, string];
    conditions.push(sql`(${fxRates.currency} > ${currency} or (${fxRates.currency} = ${currency} and ${fxRates.effectiveOn} < ${effectiveOn}))`);
  }
  return ex
    .select()
    .from(fxRates)
    .where(and(...conditions))
    .orderBy(asc(fxRates.currency), desc(fxRates.effectiveOn))
    .limit(filter.limit + 1);
}

export async function findRate(ex: Executor, orgId: string, currency: string, effectiveOn: string, lock = false): Promise<FxRateRow | undefined> {
  const query = ex
    .select()
    .from(fxRates)
    .where(and(eq(fxRates.orgId, orgId), eq(fxRates.currency, currency), eq(fxRates.effectiveOn, effectiveOn)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function upsertRate(ex: Executor, row: typeof fxRates.$inferInsert): Promise<FxRateRow> {
  const [written] = await ex
    .insert(fxRates)
    .values(row)
    .onConflictDoUpdate({ target: [fxRates.orgId, fxRates.currency, fxRates.effectiveOn], set: { rate: row.rate, createdAt: row.createdAt } })
    .returning();
  return written!;
}

export async function deleteRate(ex: Executor, orgId: string, currency: string, effectiveOn: string): Promise<void> {
  await ex.delete(fxRates).where(and(eq(fxRates.orgId, orgId), eq(fxRates.currency, currency), eq(fxRates.effectiveOn, effectiveOn)));
}

/** The latest rate of `currency` effective on or before `onDate`. */
export async function latestRate(ex: Executor, orgId: string, currency: string, onDate: string): Promise<string | undefined> {
  const [row] = await ex
    .select({ rate: fxRates.rate })
    .from(fxRates)
    .where(and(eq(fxRates.orgId, orgId), eq(fxRates.currency, currency), lte(fxRates.effectiveOn, onDate)))
    .orderBy(desc(fxRates.effectiveOn))
    .limit(1);
  return row?.rate;
}

/** Every rate of these currencies (an organisation keeps at most a few thousand). */
export async function ratesOf(ex: Executor, orgId: string, currencies: string[]): Promise<{ currency: string; effectiveOn: string; rate: string }[]> {
  if (currencies.length === 0) return [];
  return ex
    .select({ currency: fxRates.currency, effectiveOn: fxRates.effectiveOn, rate: fxRates.rate })
    .from(fxRates)
    .where(and(eq(fxRates.orgId, orgId), inArray(fxRates.currency, currencies)));
}
