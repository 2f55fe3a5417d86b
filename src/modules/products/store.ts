import { and, asc, count, eq, getTableColumns, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
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

export async function productsBySkus(ex: Executor, orgId: string, skus: string[]): Promise<ProductRow[]> {
  if (skus.length === 0) return [];
  return ex.select().from(products).where(and(eq(products.orgId, orgId), inArray(products.sku, skus)));
}

/** Transaction lines that name the product (a product with history cannot be deleted). */
export async function countTransactions(ex: Executor, orgId: string, productId: string): Promise<number> {
  const [row] = await ex
    .select({ count: count().mapWith(Number) })
    .from(transactions)
    .where(and(eq(transactions.orgId, orgId), eq(transactions.productId, productId)));
  return row?.count ?? 0;
}

/** Keeps one multi-row statement well below PostgreSQL's 65,535 bind parameters (10 per row). */
export const MAX_UPSERT_ROWS = 5000;

const EXCLUDED = (column: string) => sql.raw(`excluded.${column}`);

/**
 * Inserts new products and updates existing ones by (org, sku) in one statement per
 * MAX_UPSERT_ROWS rows. A row is updated (version + 1, updated_at) only when a column differs; rows
 * not returned were unchanged.
 */
export async function upsertProducts(ex: Executor, rows: NewProductRow[], at: Date): Promise<(ProductRow & { inserted: boolean })[]> {
  const result: (ProductRow & { inserted: boolean })[] = [];
  for (let start = 0; start < rows.length; start += MAX_UPSERT_ROWS) {
    const returned = await ex
      .insert(products)
      .values(rows.slice(start, start + MAX_UPSERT_ROWS))
      .onConflictDoUpdate({
        target: [products.orgId, products.sku],
        set: {
          name: EXCLUDED('name'),
          family: EXCLUDED('family'),
          listPrice: EXCLUDED('list_price'),
          unitCost: EXCLUDED('unit_cost'),
          currency: EXCLUDED('currency'),
          updatedAt: at,
          version: sql`${products.version} + 1`,
        },
        setWhere: sql`(${products.name}, ${products.family}, ${products.listPrice}, ${products.unitCost}, ${products.currency})
          is distinct from (excluded.name, excluded.family, excluded.list_price, excluded.unit_cost, excluded.currency)`,
      })
      .returning({ ...getTableColumns(products), inserted: sql<boolean>`(xmax = 0)` });
    result.push(...returned);
  }
  return result;
}
