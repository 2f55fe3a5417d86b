import { eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/connection.ts';
import { costRates } from './tables.ts';

export type CostRatesRow = typeof costRates.$inferSelect;

export async function getRates(ex: Executor, orgId: string, lock = false): Promise<CostRatesRow | undefined> {
  const query = ex.select().from(costRates).where(eq(costRates.orgId, orgId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveRates(ex: Executor, row: typeof costRates.$inferInsert & { version: number }): Promise<CostRatesRow> {
  const [saved] = await ex
    .insert(costRates)
    .values(row)
    .onConflictDoUpdate({ target: costRates.orgId, set: { hourly: row.hourly, currency: row.currency, updatedAt: row.updatedAt, version: row.version } })
    .returning();
  return saved!;
}

/** Gross profit (revenue − cost, organisation currency minor units) per month from the monthly rollup. */
export async function grossProfitByMonth(ex: Executor, orgId: string, accountId: string, fromDay: string, toDay: string): Promise<Map<string, bigint>> {
  const rows = await queryRows<{ month: string; gp: string }>(ex, sql`
    select to_char(month, 'YYYY-MM') as month, (sum(revenue) - sum(cost))::text as gp from account_monthly
    where org_id = ${orgId} and account_id = ${accountId} and month >= ${fromDay}::date and month <= ${toDay}::date
    group by 1`);
  return new Map(rows.map((r) => [r.month, BigInt(r.gp)]));
}
