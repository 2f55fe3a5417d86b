import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/connection.ts';
import { containsPattern } from '../../db/like.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { accounts } from '../accounts/tables.ts';
import { products } from '../products/tables.ts';
import { priceAgreements, priceBookPrices, priceBooks } from './tables.ts';

export type PriceBookRow = typeof priceBooks.$inferSelect;
export type NewPriceBookRow = typeof priceBooks.$inferInsert;
export type PriceBookListRow = PriceBookRow & { priceCount: number };
export type AgreementRow = typeof priceAgreements.$inferSelect;
export type NewAgreementRow = typeof priceAgreements.$inferInsert;
export type AgreementView = AgreementRow & { accountName: string; productName: string | null };

// --- price books ---------------------------------------------------------------------------------

export interface PriceBookFilter {
  currency?: string;
  /** Only books valid on this date. */
  validOn?: string;
  q?: string;
  after?: CursorValue[];
  limit: number;
}

/** Newest validity first (then id), with how many prices each lists. */
export async function listPriceBooks(ex: Executor, orgId: string, filter: PriceBookFilter): Promise<PriceBookListRow[]> {
  const conditions: SQL[] = [eq(priceBooks.orgId, orgId)];
  if (filter.currency) conditions.push(eq(priceBooks.currency, filter.currency));
  if (filter.validOn) conditions.push(sql`${priceBooks.validFrom} <= ${filter.validOn}::date and (${priceBooks.validTo} is null or ${priceBooks.validTo} >= ${filter.validOn}::date)`);
  if (filter.q) conditions.push(ilike(priceBooks.name, containsPattern(filter.q)));
  if (filter.after) conditions.push(afterCursor(priceBooks.validFrom, priceBooks.id, filter.after, true));
  return ex
    .select({
      book: priceBooks,
      priceCount: sql<number>`(select count(*) from ${priceBookPrices} p where p.org_id = ${priceBooks.orgId} and p.price_book_id = ${priceBooks.id})`.mapWith(Number),
    })
    .from(priceBooks)
    .where(and(...conditions))
    .orderBy(desc(priceBooks.validFrom), desc(priceBooks.id))
    .limit(filter.limit + 1)
    .then((rows) => rows.map((r) => ({ ...r.book, priceCount: r.priceCount })));
}

export async function findPriceBook(ex: Executor, orgId: string, id: string, lock = false): Promise<PriceBookRow | undefined> {
  const query = ex.select().from(priceBooks).where(and(eq(priceBooks.orgId, orgId), eq(priceBooks.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export interface BookPriceView {
  productId: string;
  sku: string;
  productName: string;
  family: string | null;
  listPrice: bigint;
}

export async function bookPrices(ex: Executor, orgId: string, priceBookId: string): Promise<BookPriceView[]> {
  return ex
    .select({ productId: priceBookPrices.productId, sku: products.sku, productName: products.name, family: products.family, listPrice: priceBookPrices.listPrice })
    .from(priceBookPrices)
    .innerJoin(products, and(eq(products.orgId, priceBookPrices.orgId), eq(products.id, priceBookPrices.productId)))
    .where(and(eq(priceBookPrices.orgId, orgId), eq(priceBookPrices.priceBookId, priceBookId)))
    .orderBy(asc(products.name), asc(products.id));
}

export async function insertPriceBook(ex: Executor, row: NewPriceBookRow): Promise<PriceBookRow> {
  const [created] = await ex.insert(priceBooks).values(row).returning();
  return created!;
}

export async function updatePriceBook(ex: Executor, orgId: string, id: string, changes: Partial<NewPriceBookRow>, at: Date): Promise<PriceBookRow> {
  const [row] = await ex
    .update(priceBooks)
    .set({ ...changes, updatedAt: at, version: sql`${priceBooks.version} + 1` })
    .where(and(eq(priceBooks.orgId, orgId), eq(priceBooks.id, id)))
    .returning();
  return row!;
}

/** Replaces a book's prices with these (one statement each way, whatever the count). */
export async function replacePrices(ex: Executor, orgId: string, priceBookId: string, prices: readonly { productId: string; listPrice: bigint }[]): Promise<void> {
  await ex.delete(priceBookPrices).where(and(eq(priceBookPrices.orgId, orgId), eq(priceBookPrices.priceBookId, priceBookId)));
  if (prices.length === 0) return;
  const json = JSON.stringify(prices.map((p) => ({ product_id: p.productId, list_price: p.listPrice.toString() })));
  await ex.execute(sql`
    insert into price_book_prices (org_id, price_book_id, product_id, list_price)
    select ${orgId}::uuid, ${priceBookId}::uuid, r.product_id, r.list_price
    from jsonb_to_recordset(${json}::jsonb) as r(product_id uuid, list_price bigint)`);
}

export async function deletePriceBook(ex: Executor, orgId: string, id: string): Promise<void> {
  await ex.delete(priceBooks).where(and(eq(priceBooks.orgId, orgId), eq(priceBooks.id, id)));
}

// --- agreements ----------------------------------------------------------------------------------

function selectAgreementView(ex: Executor) {
  return ex
    .select({ a: priceAgreements, accountName: accounts.name, productName: products.name })
    .from(priceAgreements)
    .innerJoin(accounts, and(eq(accounts.orgId, priceAgreements.orgId), eq(accounts.id, priceAgreements.accountId)))
    .leftJoin(products, and(eq(products.orgId, priceAgreements.orgId), eq(products.id, priceAgreements.productId)));
}
const flatten = (row: { a: AgreementRow; accountName: string; productName: string | null }): AgreementView => ({ ...row.a, accountName: row.accountName, productName: row.productName });

/** The agreements of these accounts, latest validity first. */
export async function agreementsOfAccounts(ex: Executor, orgId: string, accountIds: readonly string[]): Promise<AgreementView[]> {
  if (accountIds.length === 0) return [];
  const rows = await selectAgreementView(ex)
    .where(and(eq(priceAgreements.orgId, orgId), inArray(priceAgreements.accountId, [...accountIds])))
    .orderBy(desc(priceAgreements.validFrom), desc(priceAgreements.id));
  return rows.map(flatten);
}

export async function findAgreement(ex: Executor, orgId: string, accountId: string, id: string, lock = false): Promise<AgreementRow | undefined> {
  const query = ex.select().from(priceAgreements).where(and(eq(priceAgreements.orgId, orgId), eq(priceAgreements.accountId, accountId), eq(priceAgreements.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findAgreementView(ex: Executor, orgId: string, id: string): Promise<AgreementView | undefined> {
  const [row] = await selectAgreementView(ex).where(and(eq(priceAgreements.orgId, orgId), eq(priceAgreements.id, id)));
  return row && flatten(row);
}

export async function insertAgreements(ex: Executor, rows: NewAgreementRow[]): Promise<AgreementRow[]> {
  if (rows.length === 0) return [];
  return ex.insert(priceAgreements).values(rows).returning();
}

export async function updateAgreement(ex: Executor, orgId: string, id: string, changes: Partial<NewAgreementRow>, at: Date): Promise<AgreementRow> {
  const [row] = await ex
    .update(priceAgreements)
    .set({ ...changes, updatedAt: at, version: sql`${priceAgreements.version} + 1` })
    .where(and(eq(priceAgreements.orgId, orgId), eq(priceAgreements.id, id)))
    .returning();
  return row!;
}

export async function deleteAgreement(ex: Executor, orgId: string, id: string): Promise<void> {
  await ex.delete(priceAgreements).where(and(eq(priceAgreements.orgId, orgId), eq(priceAgreements.id, id)));
}

// --- what a price resolution reads (a fixed number of queries, however many lines) ---------------

export interface ChainLink {
  id: string;
  name: string;
  currency: string;
}

/** The live account and its ancestors, nearest first. */
export async function accountChain(ex: Executor, orgId: string, accountId: string): Promise<ChainLink[]> {
  return queryRows<ChainLink>(ex, sql`
    with recursive chain(id, depth) as (
      select ${accountId}::uuid, 0
      union all
      select a.parent_id, chain.depth + 1 from accounts a join chain on a.id = chain.id
      where a.org_id = ${orgId} and a.parent_id is not null and chain.depth < 50
    )
    select a.id, a.name, a.currency from chain join accounts a on a.org_id = ${orgId} and a.id = chain.id
    where a.deleted_at is null order by chain.depth`);
}

export interface PricedProduct {
  id: string;
  sku: string;
  name: string;
  family: string | null;
  listPrice: bigint | null;
  unitCost: bigint | null;
  currency: string;
}

export async function productsByIds(ex: Executor, orgId: string, ids: readonly string[]): Promise<PricedProduct[]> {
  if (ids.length === 0) return [];
  return ex
    .select({ id: products.id, sku: products.sku, name: products.name, family: products.family, listPrice: products.listPrice, unitCost: products.unitCost, currency: products.currency })
    .from(products)
    .where(and(eq(products.orgId, orgId), inArray(products.id, [...new Set(ids)])));
}

/** Price book prices of these products valid on the date, any currency. */
export async function pricesOn(ex: Executor, orgId: string, productIds: readonly string[], date: string) {
  if (productIds.length === 0) return [];
  return ex
    .select({ productId: priceBookPrices.productId, listPrice: priceBookPrices.listPrice, priceBookId: priceBooks.id, priceBookName: priceBooks.name, currency: priceBooks.currency, validFrom: priceBooks.validFrom, validTo: priceBooks.validTo })
    .from(priceBookPrices)
    .innerJoin(priceBooks, and(eq(priceBooks.orgId, priceBookPrices.orgId), eq(priceBooks.id, priceBookPrices.priceBookId)))
    .where(and(
      eq(priceBookPrices.orgId, orgId),
      inArray(priceBookPrices.productId, [...new Set(productIds)]),
      sql`${priceBooks.validFrom} <= ${date}::date and (${priceBooks.validTo} is null or ${priceBooks.validTo} >= ${date}::date)`,
    ));
}

/** Agreements of these accounts valid on the date for these products or families. */
export async function agreementsOn(ex: Executor, orgId: string, accountIds: readonly string[], productIds: readonly string[], families: readonly string[], date: string): Promise<AgreementRow[]> {
  if (accountIds.length === 0) return [];
  const targets: SQL[] = [];
  if (productIds.length > 0) targets.push(inArray(priceAgreements.productId, [...new Set(productIds)]));
  if (families.length > 0) targets.push(inArray(priceAgreements.family, [...new Set(families)]));
  if (targets.length === 0) return [];
  return ex
    .select()
    .from(priceAgreements)
    .where(and(
      eq(priceAgreements.orgId, orgId),
      inArray(priceAgreements.accountId, [...accountIds]),
      sql`(${sql.join(targets, sql` or `)})`,
      sql`${priceAgreements.validFrom} <= ${date}::date and (${priceAgreements.validTo} is null or ${priceAgreements.validTo} >= ${date}::date)`,
    ));
}
