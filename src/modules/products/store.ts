import { and, asc, count, eq, getTableColumns, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { containsPattern } from '../../db/like.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { transactions } from '../transactions/tables.ts';
import { products } from './tables.ts';

export type ProductRow = typeof products.$inferSelect;
export type NewProductRow = typeof products.$inferInsert;

export async function findProduct(ex: Executor, orgId: string, id: string, lock = false): Promise<ProductRow | undefined> {
  const query = ex.select().from(products).where(and(eq(products.orgId, orgId), eq(products.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export interface ProductFilter {
  q?: string;
  family?: string;
  after?: CursorValue[];
  limit: number;
}

export async function listProducts(ex: Executor, orgId: string, filter: ProductFilter): Promise<ProductRow[]> {
  const conditions: SQL[] = [eq(products.orgId, orgId)];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(or(ilike(products.sku, pattern), ilike(products.name, pattern))!);
  }
  if (filter.family !== undefined) conditions.push(eq(products.family, filter.family));
  if (filter.after) conditions.push(afterCursor(products.name, products.id, filter.after, false));
  return ex
    .select()
    .from(products)
    .where(and(...conditions))
    .orderBy(asc(products.name), asc(products.id))
    .limit(filter.limit + 1);
}

export async function insertProduct(ex: Executor, row: NewProductRow): Promise<ProductRow> {
  const [created] = await ex.insert(products).values(row).returning();
  return created!;
}

export async function updateProduct(ex: Executor, orgId: string, id: string, changes: Partial<NewProductRow>, at: Date): Promise<ProductRow> {
  const [row] = await ex
    .update(products)
    .set({ ...changes, updatedAt: at, version: sql`${products.version} + 1` })
    .where(and(eq(products.orgId, orgId), eq(products.id, id)))
    .returning();
  return row!;
}

export async function deleteProduct(ex: Executor, orgId: string, id: string): Promise<void> {
  await ex.delete(products).where(and(eq(products.orgId, orgId), eq(products.id, id)));
}

export async function findProductIdBySku(ex: Executor, orgId: string, sku: string): Promise<string | undefined> {
  const [row] = await ex
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.orgId, orgId), eq(products.sku, sku)));
  return row?.id;
}

/** Products by sku; the skus travel as one jsonb parameter, however many there are. */
export async function productsBySkus(ex: Executor, orgId: string, skus: string[]): Promise<ProductRow[]> {
  if (skus.length === 0) return [];
  return ex
    .select()
    .from(products)
    .where(and(eq(products.orgId, orgId), sql`${products.sku} in (select jsonb_array_elements_text(${JSON.stringify(skus)}::jsonb))`));
}

/** Transaction lines that name the product (a product with history cannot be deleted). */
export async function countTransactions(ex: Executor, orgId: string, productId: string): Promise<number> {
  const [row] = await ex
    .select({ count: count().mapWith(Number) })
    .from(transactions)
    .where(and(eq(transactions.orgId, orgId), eq(transactions.productId, productId)));
  return row?.count ?? 0;
}

/** The fields of a product the import writes; money in minor units. */
export type ProductUpsert = Pick<ProductRow, 'id' | 'sku' | 'name' | 'family' | 'listPrice' | 'unitCost' | 'currency'>;

/**
 * Inserts new products and updates existing ones by (org, sku) in ONE statement, whatever the batch
 * size: the rows travel as one jsonb parameter (`jsonb_to_recordset`), which binds and parses several
 * times faster than thousands of bind parameters and never meets PostgreSQL's 65,535 limit. A row is
 * updated (version + 1, updated_at) only when a column differs; rows not returned were unchanged.
 * The select lists every column of `products` in table order (INSERT … SELECT names them all).
 */
export async function upsertProducts(ex: Executor, orgId: string, rows: ProductUpsert[], at: Date): Promise<(ProductRow & { inserted: boolean })[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(
    rows.map((row) => ({
      id: row.id, sku: row.sku, name: row.name, family: row.family, currency: row.currency,
      list_price: row.listPrice === null ? null : row.listPrice.toString(),
      unit_cost: row.unitCost === null ? null : row.unitCost.toString(),
    })),
  );
  return ex
    .insert(products)
    .select(sql`
      select ${orgId}::uuid, r.id, r.sku, r.name, r.family, r.list_price, r.unit_cost, r.currency, ${at}::timestamptz, ${at}::timestamptz, 1
      from jsonb_to_recordset(${json}::jsonb) as r(id uuid, sku text, name text, family text, list_price bigint, unit_cost bigint, currency char(3))`)
    .onConflictDoUpdate({
      target: [products.orgId, products.sku],
      set: {
        name: sql.raw('excluded.name'),
        family: sql.raw('excluded.family'),
        listPrice: sql.raw('excluded.list_price'),
        unitCost: sql.raw('excluded.unit_cost'),
        currency: sql.raw('excluded.currency'),
        updatedAt: at,
        version: sql`${products.version} + 1`,
      },
      setWhere: sql`(${products.name}, ${products.family}, ${products.listPrice}, ${products.unitCost}, ${products.currency})
        is distinct from (excluded.name, excluded.family, excluded.list_price, excluded.unit_cost, excluded.currency)`,
    })
    .returning({ ...getTableColumns(products), inserted: sql<boolean>`(xmax = 0)` });
}
