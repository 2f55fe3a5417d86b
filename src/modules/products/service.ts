import { batchPositions, noChanges, type ImportCounts } from '../../core/import-batch.ts';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { formatMoney, isCurrency, parseMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import type { Role } from '../users/tables.ts';
import { recordChange, recordChanges } from '../audit/service.ts';
import { getOrganisationCurrency } from '../users/service.ts';
import type { Product, ProductCreate, ProductListQuery, ProductUpdate } from './schemas.ts';
import * as store from './store.ts';
import type { NewProductRow, ProductRow } from './store.ts';

/** Who keeps the product catalogue; every role of the organisation reads it. */
export const PRODUCT_WRITERS: readonly Role[] = ['admin', 'director', 'manager'];

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    family: row.family,
    listPrice: row.listPrice === null ? null : formatMoney(row.listPrice, row.currency),
    unitCost: row.unitCost === null ? null : formatMoney(row.unitCost, row.currency),
    currency: row.currency,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function listProducts(ctx: AppContext, actor: Actor, query: ProductListQuery): Promise<Page<Product>> {
  const limit = query.limit ?? 50;
  const rows = await store.listProducts(ctx.db, actor.orgId, {
    q: query.q,
    family: query.family,
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  return toPage(rows, limit, toProduct, (row) => [row.name, row.id]);
}

export async function getProduct(ctx: AppContext, actor: Actor, id: string): Promise<Product> {
  const row = await store.findProduct(ctx.db, actor.orgId, id);
  if (!row) throw notFound('Product');
  return toProduct(row);
}

export async function createProduct(ctx: AppContext, actor: Actor, input: ProductCreate): Promise<Product> {
  requireRole(actor, PRODUCT_WRITERS, 'change products');
  return ctx.db.transaction(async (tx) => {
    const currency = input.currency ?? (await getOrganisationCurrency(tx, actor.orgId));
    const values = await validatedValues(tx, actor.orgId, null, { ...input, currency });
    const now = ctx.clock.now();
    const row = await store.insertProduct(tx, { orgId: actor.orgId, id: newId(), sku: input.sku, name: input.name, ...values, currency, createdAt: now, updatedAt: now });
    await recordChange(tx, actor, now, { action: 'create', entity: 'product', entityId: row.id, after: row });
    return toProduct(row);
  });
}

export async function updateProduct(ctx: AppContext, actor: Actor, id: string, version: number, input: ProductUpdate): Promise<Product> {
  return ctx.db.transaction(async (tx) => {
    const before = await store.findProduct(tx, actor.orgId, id, true);
    if (!before) throw notFound('Product');
    requireRole(actor, PRODUCT_WRITERS, 'change products');
    checkVersion(before.version, version);
    const currency = input.currency ?? before.currency;
    const values = await validatedValues(tx, actor.orgId, before, { ...input, currency });
    const now = ctx.clock.now();
    const after = await store.updateProduct(tx, actor.orgId, id, { ...values, currency, ...(input.sku ? { sku: input.sku } : {}), ...(input.name ? { name: input.name } : {}) }, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'product', entityId: id, before, after });
    return toProduct(after);
  });
}

/** Deletes a product no transaction refers to; one with sales history answers 409. */
export async function deleteProduct(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await store.findProduct(tx, actor.orgId, id, true);
    if (!before) throw notFound('Product');
    requireRole(actor, PRODUCT_WRITERS, 'change products');
    checkVersion(before.version, version);
    const lines = await store.countTransactions(tx, actor.orgId, id);
    if (lines > 0) throw new AppError('conflict', `${lines} transaction line${lines === 1 ? '' : 's'} refer${lines === 1 ? 's' : ''} to this product; it cannot be deleted`);
    const now = ctx.clock.now();
    await store.deleteProduct(tx, actor.orgId, id);
    await recordChange(tx, actor, now, { action: 'delete', entity: 'product', entityId: id, before });
  });
}

type ProductFields = Omit<ProductUpdate, 'sku' | 'name'> & { sku?: string; currency: string };

/** Checks what the schema cannot (currency code, money in that currency, unique sku) and converts money to minor units. */
async function validatedValues(ex: Executor, orgId: string, current: ProductRow | null, input: ProductFields): Promise<Partial<NewProductRow>> {
  const errors: FieldError[] = [];
  const currencyOk = isCurrency(input.currency);
  if (!currencyOk) errors.push({ path: 'currency', message: `${input.currency} is not an ISO 4217 currency` });
  const values: Partial<NewProductRow> = {};
  if (input.family !== undefined) values.family = input.family;
  for (const field of ['listPrice', 'unitCost'] as const) {
    const given = input[field];
    if (given === undefined) {
      if (current && input.currency !== current.currency && current[field] !== null) errors.push({ path: field, message: 'give it in the new currency too' });
      continue;
    }
    if (given === null) {
      values[field] = null;
      continue;
    }
    if (!currencyOk) continue;
    try {
      const minor = parseMoney(given, input.currency);
      if (minor < 0n) errors.push({ path: field, message: 'cannot be negative' });
      else values[field] = minor;
    } catch (error) {
      errors.push({ path: field, message: (error as Error).message });
    }
  }
  if (input.sku && input.sku !== current?.sku && (await store.findProductIdBySku(ex, orgId, input.sku))) {
    errors.push({ path: 'sku', message: 'is already used by another product' });
  }
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  return values;
}

// ---------------------------------------------------------------------------------------------
// For the imports module and the transactions module (references by sku).

/** Products by sku, in one query: id, family (copied onto transaction lines) and price currency. */
export async function productsBySkus(ex: Executor, orgId: string, skus: string[]): Promise<Map<string, { id: string; family: string | null; currency: string }>> {
  const rows = await store.productsBySkus(ex, orgId, [...new Set(skus)]);
  return new Map(rows.map((row) => [row.sku, { id: row.id, family: row.family, currency: row.currency }]));
}

/** One validated row of a products import; money in minor units of `currency`. */
export interface ProductImportRow {
  sku: string;
  name: string;
  family: string | null;
  listPrice: bigint | null;
  unitCost: bigint | null;
  currency: string;
}

/**
 * Upserts a batch of products by sku inside the import's transaction: one multi-row
 * INSERT … ON CONFLICT … DO UPDATE … WHERE <a column differs>, so re-importing the same rows changes
 * nothing. A sku twice in one batch is a validation AppError with paths `<row index>.sku`.
 * Audit rows (one per created or updated product) carry the import id in `after.importId`.
 */
export async function importProductsBatch(tx: Executor, actor: Actor, rows: ProductImportRow[], at: Date, importId: string): Promise<ImportCounts> {
  requireRole(actor, PRODUCT_WRITERS, 'import products');
  if (rows.length === 0) return noChanges();
  const { positions: seen, errors } = batchPositions(rows, (row) => row.sku, 'sku');
  rows.forEach((row, i) => {
    if (!isCurrency(row.currency)) errors.push({ path: `${i}.currency`, message: `${row.currency} is not an ISO 4217 currency` });
    for (const field of ['listPrice', 'unitCost'] as const) if ((row[field] ?? 0n) < 0n) errors.push({ path: `${i}.${field}`, message: 'cannot be negative' });
  });
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });

  const before = new Map((await store.productsBySkus(tx, actor.orgId, [...seen.keys()])).map((row) => [row.sku, row]));
  const written = await store.upsertProducts(
    tx,
    actor.orgId,
    rows.map((row) => ({ id: before.get(row.sku)?.id ?? newId(), sku: row.sku, name: row.name, family: row.family, listPrice: row.listPrice, unitCost: row.unitCost, currency: row.currency })),
    at,
  );
  await recordChanges(
    tx,
    actor,
    at,
    written.map(({ inserted, ...row }) => ({
      action: inserted ? 'create' : 'update',
      entity: 'product',
      entityId: row.id,
      before: inserted ? undefined : before.get(row.sku),
      after: { ...row, importId },
    })),
  );
  const created = written.filter((row) => row.inserted).length;
  return { created, updated: written.length - created, unchanged: rows.length - written.length };
}
