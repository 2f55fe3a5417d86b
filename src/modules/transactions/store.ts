import { and, asc, desc, eq, getTableColumns, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../core/actor.ts';
import { plainArray, textArray } from '../../db/arrays.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import type { CursorValue } from '../../db/paging.ts';
import { accountIsVisible, visibleAccountIds } from '../../db/visibility.ts';
import { accounts } from '../accounts/tables.ts';
import { products } from '../products/tables.ts';
import { accountFamilyMonthly, accountMonthly, transactions } from './tables.ts';

export type TransactionRow = typeof transactions.$inferSelect;
export type NewTransactionRow = typeof transactions.$inferInsert;
export type TransactionView = TransactionRow & { accountName: string; productSku: string | null; productName: string | null };

/** Lines of live accounts the caller may see, with the names the API shows beside the ids. */
function selectView(ex: Executor, actor: Actor, conditions: SQL[]) {
  return ex
    .select({ ...getTableColumns(transactions), accountName: accounts.name, productSku: products.sku, productName: products.name })
    .from(transactions)
    .innerJoin(accounts, and(eq(accounts.orgId, transactions.orgId), eq(accounts.id, transactions.accountId)))
    .leftJoin(products, and(eq(products.orgId, transactions.orgId), eq(products.id, transactions.productId)))
    .where(and(eq(transactions.orgId, actor.orgId), isNull(accounts.deletedAt), accountIsVisible(actor, transactions.accountId), ...conditions));
}

export async function findVisibleTransaction(ex: Executor, actor: Actor, id: string): Promise<TransactionView | undefined> {
  const [row] = await selectView(ex, actor, [eq(transactions.id, id)]);
  return row;
}

/** The stored line, locked for a change, if the caller may see it. */
export async function lockVisibleTransaction(ex: Executor, actor: Actor, id: string): Promise<TransactionRow | undefined> {
  const [row] = await ex
    .select(getTableColumns(transactions))
    .from(transactions)
    .innerJoin(accounts, and(eq(accounts.orgId, transactions.orgId), eq(accounts.id, transactions.accountId)))
    .where(and(eq(transactions.orgId, actor.orgId), eq(transactions.id, id), isNull(accounts.deletedAt), accountIsVisible(actor, transactions.accountId)))
    .for('update', { of: transactions });
  return row;
}

export interface TransactionFilter {
  accountId?: string;
  productId?: string;
  from?: string;
  to?: string;
  after?: CursorValue[];
  limit: number;
}

/** Newest first: bookedOn desc, id desc (keyset on the (org_id, booked_on, id) indexes). */
export async function listTransactions(ex: Executor, actor: Actor, filter: TransactionFilter): Promise<TransactionView[]> {
  const conditions: SQL[] = [];
  if (filter.accountId) conditions.push(eq(transactions.accountId, filter.accountId));
  if (filter.productId) conditions.push(eq(transactions.productId, filter.productId));
  if (filter.from) conditions.push(gte(transactions.bookedOn, filter.from));
  if (filter.to) conditions.push(lte(transactions.bookedOn, filter.to));
  if (filter.after) conditions.push(sql`(${transactions.bookedOn}, ${transactions.id}) < (${filter.after[0]}::date, ${filter.after[1]}::uuid)`);
  return selectView(ex, actor, conditions)
    .orderBy(desc(transactions.bookedOn), desc(transactions.id))
    .limit(filter.limit + 1);
}

export async function insertTransaction(ex: Executor, row: NewTransactionRow): Promise<TransactionRow> {
  const [created] = await ex.insert(transactions).values(row).returning();
  return created!;
}

export async function updateTransaction(ex: Executor, orgId: string, id: string, changes: Partial<NewTransactionRow>, at: Date): Promise<TransactionRow> {
  const [row] = await ex
    .update(transactions)
    .set({ ...changes, updatedAt: at, version: sql`${transactions.version} + 1` })
    .where(and(eq(transactions.orgId, orgId), eq(transactions.id, id)))
    .returning();
  return row!;
}

export async function deleteTransaction(ex: Executor, orgId: string, id: string): Promise<void> {
  await ex.delete(transactions).where(and(eq(transactions.orgId, orgId), eq(transactions.id, id)));
}

export async function findTransactionIdByExternalId(ex: Executor, orgId: string, externalId: string): Promise<string | undefined> {
  const [row] = await ex
    .select({ id: transactions.id })
    .from(transactions)
    .where(and(eq(transactions.orgId, orgId), eq(transactions.externalId, externalId)));
  return row?.id;
}

/** A catalogue product of the organisation: its family is copied onto the line. */
export async function findProductRef(ex: Executor, orgId: string, id: string): Promise<{ id: string; family: string | null } | undefined> {
  const [row] = await ex
    .select({ id: products.id, family: products.family })
    .from(products)
    .where(and(eq(products.orgId, orgId), eq(products.id, id)));
  return row;
}

// --- Rollups ------------------------------------------------------------------------------------

export async function monthlyRollup(ex: Executor, orgId: string, accountId: string, from?: string, to?: string) {
  const conditions: SQL[] = [eq(accountMonthly.orgId, orgId), eq(accountMonthly.accountId, accountId)];
  if (from) conditions.push(gte(accountMonthly.month, from));
  if (to) conditions.push(lte(accountMonthly.month, to));
  return ex
    .select({ month: accountMonthly.month, revenue: accountMonthly.revenue, cost: accountMonthly.cost, lines: accountMonthly.lines })
    .from(accountMonthly)
    .where(and(...conditions))
    .orderBy(asc(accountMonthly.month));
}

export async function familyRollup(ex: Executor, orgId: string, accountId: string, from?: string, to?: string) {
  const conditions: SQL[] = [eq(accountFamilyMonthly.orgId, orgId), eq(accountFamilyMonthly.accountId, accountId)];
  if (from) conditions.push(gte(accountFamilyMonthly.month, from));
  if (to) conditions.push(lte(accountFamilyMonthly.month, to));
  const revenue = sql<string>`sum(${accountFamilyMonthly.revenue})`;
  return ex
    .select({
      family: accountFamilyMonthly.family,
      revenue: revenue.mapWith(String),
      cost: sql<string>`sum(${accountFamilyMonthly.cost})`.mapWith(String),
      lines: sql<number>`sum(${accountFamilyMonthly.lines})`.mapWith(Number),
    })
    .from(accountFamilyMonthly)
    .where(and(...conditions))
    .groupBy(accountFamilyMonthly.family)
    .orderBy(desc(revenue), asc(accountFamilyMonthly.family));
}

// --- Import (batched) -------------------------------------------------------------------------

/** One line as the bulk upsert writes it: money in minor units, converted already. */
export interface BulkLine {
  id: string;
  externalId: string;
  accountId: string;
  productId: string | null;
  bookedOn: string;
  quantity: string;
  amount: bigint;
  cost: bigint | null;
  currency: string;
  amountOrg: bigint;
  costOrg: bigint;
}

/**
 * Upserts lines by (org_id, external_id) in ONE statement: `INSERT … SELECT … FROM unnest(<one
 * array parameter per column>)`, joined to products for the family, `ON CONFLICT DO UPDATE … WHERE`
 * some column differs (version + 1 only then). The statement-level rollup triggers run once for it.
 * Answers how many rows were inserted and updated; the rest were unchanged.
 */
export async function upsertLines(ex: Executor, orgId: string, lines: readonly BulkLine[], importId: string, at: Date): Promise<{ inserted: number; updated: number }> {
  if (lines.length === 0) return { inserted: 0, updated: 0 };
  const column = <K extends keyof BulkLine>(key: K) => lines.map((line) => line[key]);
  const stamp = at.toISOString();
  const [counts] = await queryRows<{ inserted: number | string; written: number | string }>(ex, sql`
    with written as (
      insert into transactions as t (org_id, id, external_id, account_id, product_id, booked_on, quantity, amount, cost, currency, amount_org, cost_org, family, import_id, created_at, updated_at)
      select ${orgId}::uuid, u.id, u.external_id, u.account_id, u.product_id, u.booked_on, u.quantity, u.amount, u.cost, u.currency, u.amount_org, u.cost_org, p.family, ${importId}::uuid, ${stamp}::timestamptz, ${stamp}::timestamptz
      from unnest(
        ${plainArray(column('id'))}::uuid[], ${textArray(column('externalId'))}::text[], ${plainArray(column('accountId'))}::uuid[],
        ${plainArray(column('productId'))}::uuid[], ${plainArray(column('bookedOn'))}::date[], ${plainArray(column('quantity'))}::numeric[],
        ${plainArray(column('amount'))}::int8[], ${plainArray(column('cost'))}::int8[], ${plainArray(column('currency'))}::text[],
        ${plainArray(column('amountOrg'))}::int8[], ${plainArray(column('costOrg'))}::int8[]
      ) as u(id, external_id, account_id, product_id, booked_on, quantity, amount, cost, currency, amount_org, cost_org)
      left join products p on p.org_id = ${orgId}::uuid and p.id = u.product_id
      on conflict (org_id, external_id) do update set
        account_id = excluded.account_id, product_id = excluded.product_id, booked_on = excluded.booked_on, quantity = excluded.quantity,
        amount = excluded.amount, cost = excluded.cost, currency = excluded.currency, amount_org = excluded.amount_org, cost_org = excluded.cost_org,
        family = excluded.family, import_id = excluded.import_id, updated_at = excluded.updated_at, version = t.version + 1
      where (t.account_id, t.product_id, t.booked_on, t.quantity, t.amount, t.cost, t.currency, t.amount_org, t.cost_org, t.family)
        is distinct from (excluded.account_id, excluded.product_id, excluded.booked_on, excluded.quantity, excluded.amount, excluded.cost, excluded.currency, excluded.amount_org, excluded.cost_org, excluded.family)
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted) as inserted, count(*) as written from written`);
  const inserted = Number(counts!.inserted);
  return { inserted, updated: Number(counts!.written) - inserted };
}

/**
 * For callers who see only some accounts (managers): which of these accounts, or the accounts the
 * stored lines of these external ids are on, they may not see.
 */
export async function invisibleAccounts(ex: Executor, actor: Actor, accountIds: string[], externalIds: string[]): Promise<{ accountId: string; externalId: string | null }[]> {
  const visible = visibleAccountIds(actor);
  if (!visible) return [];
  return queryRows(ex, sql`
    select x.account_id as "accountId", x.external_id as "externalId" from (
      select a as account_id, null::text as external_id from unnest(${plainArray(accountIds)}::uuid[]) as a
      union all
      select account_id, external_id from transactions where org_id = ${actor.orgId} and external_id = any(${textArray(externalIds)}::text[])
    ) x where x.account_id not in (${visible})`);
}

/** Revenue (organisation currency) per account owner and month, from the monthly rollups of live accounts. */
export async function revenueByOwnerMonth(ex: Executor, orgId: string, from: string, to: string) {
  return ex
    .select({ ownerId: accounts.ownerId, month: accountMonthly.month, revenue: sql<string>`sum(${accountMonthly.revenue})`.mapWith(String) })
    .from(accountMonthly)
    .innerJoin(accounts, and(eq(accounts.orgId, accountMonthly.orgId), eq(accounts.id, accountMonthly.accountId)))
    .where(and(eq(accountMonthly.orgId, orgId), gte(accountMonthly.month, from), lte(accountMonthly.month, to), isNull(accounts.deletedAt)))
    .groupBy(accounts.ownerId, accountMonthly.month)
    .orderBy(asc(accountMonthly.month));
}
