import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { newId } from '../../src/core/ids.ts';
import { queryRows } from '../../src/db/connection.ts';
import { importProductsBatch, productsBySkus, type ProductImportRow } from '../../src/modules/products/service.ts';
import { transactions } from '../../src/modules/transactions/tables.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { OTHER_ORG_ADMIN, OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

const MANAGER = 'manager@patron.example';

async function createProduct(body: Record<string, unknown>, email = MANAGER) {
  const answer = await (await api.as(email)).post('/api/v1/products', body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function countRows(table: 'products' | 'audit_log', orgId: string): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(api.ctx.db, sql`select count(*) as n from ${sql.identifier(table)} where org_id = ${orgId}`);
  return Number(row!.n);
}

describe('products', () => {
  it('creates, reads, changes and deletes a product with money as decimal strings', async () => {
    const manager = await api.as(MANAGER);
    const created = await manager.post('/api/v1/products', { sku: 'CRUD-1', name: 'Crud Chair', family: 'Furniture', listPrice: '199.9', unitCost: '120.00' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toEqual({
      id: expect.any(String), sku: 'CRUD-1', name: 'Crud Chair', family: 'Furniture', listPrice: '199.90', unitCost: '120.00', currency: 'USD',
      createdAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z', version: 1,
    });
    const url = `/api/v1/products/${created.body.id}`;
    const read = await (await api.as('kam2@patron.example')).get(url);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(created.body);

    const changed = await manager.patch(url, { currency: 'JPY', listPrice: '25000', unitCost: null, family: null }, 1);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body).toMatchObject({ currency: 'JPY', listPrice: '25000', unitCost: null, family: null, version: 2 });
    const kwd = await manager.patch(url, { currency: 'KWD', listPrice: '12.345' }, 2);
    expect(kwd.body).toMatchObject({ currency: 'KWD', listPrice: '12.345', version: 3 });

    expect((await manager.delete(url, 3)).status).toBe(204);
    expect((await manager.get(url)).status).toBe(404);
    expect((await manager.patch(url, { name: 'Ghost' }, 3)).status).toBe(404);
    expect((await manager.delete(url, 3)).status).toBe(404);

    const trail = await (await api.as('admin@patron.example')).get(`/api/v1/audit?entity=product&entityId=${created.body.id}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'update', 'create']);
    expect(trail.body.items[0].before).toMatchObject({ sku: 'CRUD-1', currency: 'KWD', listPrice: '12345' });
    expect(trail.body.items[0].actorId).toBe(manager.actor.userId);
  });

  it('needs If-Match to change or delete, and refuses a stale version with 412', async () => {
    const manager = await api.as(MANAGER);
    const product = await createProduct({ sku: 'VER-1', name: 'Versioned Lamp' });
    const url = `/api/v1/products/${product.id}`;
    expect((await manager.request('PATCH', url, { name: 'X' })).status).toBe(428);
    expect((await manager.delete(url)).status).toBe(428);
    expect((await manager.patch(url, { name: 'Versioned Lamp II' }, 1)).status).toBe(200);
    const stale = await manager.patch(url, { name: 'Lost update' }, 1);
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect((await manager.delete(url, 1)).status).toBe(412);
    expect((await manager.get(url)).body).toMatchObject({ name: 'Versioned Lamp II', version: 2 });
  });

  it('lists by name with keyset paging, a search over sku and name, and a family filter', async () => {
    const viewer = await api.as('viewer@patron.example');
    for (const [sku, name, family] of [['PG-5', 'Pager Echo', 'Paging B'], ['PG-1', 'Pager Alpha', 'Paging A'], ['PG-4', 'Pager Delta', 'Paging A'], ['PG-3', 'Pager Charlie', null], ['PG-2', 'Pager Bravo', 'Paging B']] as const) {
      await createProduct({ sku, name, family });
    }
    const first = await viewer.get('/api/v1/products?q=pager&limit=2');
    expect(first.body.items.map((p: { name: string }) => p.name)).toEqual(['Pager Alpha', 'Pager Bravo']);
    const second = await viewer.get(`/api/v1/products?q=pager&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((p: { name: string }) => p.name)).toEqual(['Pager Charlie', 'Pager Delta']);
    const third = await viewer.get(`/api/v1/products?q=pager&limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body).toEqual({ items: [expect.objectContaining({ name: 'Pager Echo' })], nextCursor: null });
    expect((await viewer.get('/api/v1/products?q=pg-4')).body.items.map((p: { sku: string }) => p.sku)).toEqual(['PG-4']);
    expect((await viewer.get('/api/v1/products?family=Paging%20A')).body.items.map((p: { sku: string }) => p.sku)).toEqual(['PG-1', 'PG-4']);
    expect((await viewer.get('/api/v1/products?family=Paging%20B&q=echo')).body.items.map((p: { sku: string }) => p.sku)).toEqual(['PG-5']);
    expect((await viewer.get('/api/v1/products?q=_')).body.items).toEqual([]);
    expect((await viewer.get('/api/v1/products?cursor=nonsense')).status).toBe(400);
    expect((await viewer.get('/api/v1/products?limit=501')).status).toBe(400);
    expect((await viewer.get('/api/v1/products?limit=0')).status).toBe(400);
    expect((await viewer.get('/api/v1/products?colour=red')).status).toBe(400);
  });

  it('lets every role read, admin/director/manager write, and hides other organisations', async () => {
    const product = await createProduct({ sku: 'ROLE-1', name: 'Role Desk', listPrice: '10.00' });
    const url = `/api/v1/products/${product.id}`;
    for (const email of ['admin@patron.example', 'director@patron.example', MANAGER, 'kam1@patron.example', 'bd1@patron.example', 'viewer@patron.example']) {
      const caller = await api.as(email);
      expect((await caller.get(url)).status, email).toBe(200);
      expect((await caller.get('/api/v1/products?q=ROLE-1')).body.items, email).toHaveLength(1);
    }
    let version = 1;
    for (const email of ['admin@patron.example', 'director@patron.example']) {
      const answer = await (await api.as(email)).patch(url, { listPrice: `1${version}.00` }, version);
      expect(answer.status, email).toBe(200);
      version = answer.body.version;
    }
    for (const email of ['kam1@patron.example', 'bd1@patron.example', 'viewer@patron.example']) {
      const caller = await api.as(email);
      expect((await caller.post('/api/v1/products', { sku: `NOPE-${email}`, name: 'Nope' })).status, email).toBe(403);
      expect((await caller.patch(url, { name: 'Nope' }, version)).status, email).toBe(403);
      expect((await caller.delete(url, version)).status, email).toBe(403);
    }
    for (const email of [OTHER_ORG_ADMIN, OTHER_ORG_KAM]) {
      const caller = await api.as(email);
      expect((await caller.get(url)).status, email).toBe(404);
      expect((await caller.patch(url, { name: 'Stolen' }, version)).status, email).toBe(404);
      expect((await caller.delete(url, version)).status, email).toBe(404);
      expect((await caller.get('/api/v1/products?q=ROLE-1')).body.items, email).toEqual([]);
    }
    // The same sku is free in another organisation, which has its own currency.
    const rival = await (await api.as(OTHER_ORG_ADMIN)).post('/api/v1/products', { sku: 'ROLE-1', name: 'Rival Desk', listPrice: '99.50' });
    expect(rival.status).toBe(201);
    expect(rival.body.currency).toBe('SEK');
    expect((await api.anonymous.request('GET', url)).status).toBe(401);
    expect((await api.anonymous.request('GET', '/api/v1/products')).status).toBe(401);
    expect((await (await api.as(MANAGER)).get(url)).body).toMatchObject({ name: 'Role Desk', listPrice: '12.00', version: 3 });
  });

  it('rejects bad input with field errors and writes nothing', async () => {
    const manager = await api.as(MANAGER);
    await createProduct({ sku: 'TAKEN-1', name: 'Taken' });
    const productsBefore = await countRows('products', manager.actor.orgId);
    const auditBefore = await countRows('audit_log', manager.actor.orgId);
    const types = await manager.post('/api/v1/products', { sku: 5, name: 'X', listPrice: 12.5, colour: 'red' });
    expect(types.status).toBe(400);
    expect(types.body.errors).toEqual(expect.arrayContaining([
      { path: 'sku', message: 'must be string' },
      { path: 'colour', message: 'is not a known field' },
      expect.objectContaining({ path: 'listPrice' }),
    ]));
    const cases: [Record<string, unknown>, string[]][] = [
      [{ name: 'No sku' }, ['sku']],
      [{ sku: '', name: 'Empty sku' }, ['sku']],
      [{ sku: 'TAKEN-1', name: 'Duplicate' }, ['sku']],
      [{ sku: 'B-1', name: 'Too precise', listPrice: '1.005' }, ['listPrice']],
      [{ sku: 'B-1', name: 'Yen cents', currency: 'JPY', unitCost: '10.5' }, ['unitCost']],
      [{ sku: 'B-1', name: 'Negative', listPrice: '-1.00', unitCost: '-0.01' }, ['listPrice', 'unitCost']],
      [{ sku: 'B-1', name: 'Bad currency', currency: 'XYZ' }, ['currency']],
      [{ sku: 'B-1', name: 'Lower currency', currency: 'usd' }, ['currency']],
      [{ sku: 'B-1', name: 'Words', listPrice: 'ten' }, ['listPrice']],
      [{ sku: 'B-1', name: 'Huge', listPrice: '12345678901234567' }, ['listPrice']],
      [{ sku: 'B-1', name: 'x'.repeat(201) }, ['name']],
    ];
    for (const [body, paths] of cases) {
      const answer = await manager.post('/api/v1/products', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect([...new Set(answer.body.errors.map((e: { path: string }) => e.path))].sort(), JSON.stringify(body)).toEqual(paths);
    }
    const product = await createProduct({ sku: 'B-OK', name: 'Fine', listPrice: '5.00' });
    const url = `/api/v1/products/${product.id}`;
    expect((await manager.patch(url, {}, 1)).status).toBe(400);
    expect((await manager.patch(url, { sku: 'TAKEN-1' }, 1)).body.errors).toEqual([{ path: 'sku', message: 'is already used by another product' }]);
    expect((await manager.patch(url, { currency: 'EUR' }, 1)).body.errors).toEqual([{ path: 'listPrice', message: 'give it in the new currency too' }]);
    expect((await manager.patch(url, { sku: null }, 1)).status).toBe(400);
    expect((await manager.get('/api/v1/products/not-a-uuid')).status).toBe(400);
    expect(await countRows('products', manager.actor.orgId)).toBe(productsBefore + 1);
    expect(await countRows('audit_log', manager.actor.orgId)).toBe(auditBefore + 1);
    expect((await manager.get(url)).body).toMatchObject({ sku: 'B-OK', currency: 'USD', listPrice: '5.00', version: 1 });
  });

  it('stores hostile strings verbatim', async () => {
    const manager = await api.as(MANAGER);
    const hostile = { sku: "'; drop table products; --", name: '<img src=x onerror=alert(1)>', family: 'Robert"); DROP TABLE students;--' };
    const created = await createProduct(hostile);
    expect(created).toMatchObject(hostile);
    expect((await manager.get(`/api/v1/products?q=${encodeURIComponent("'; drop")}`)).body.items).toEqual([expect.objectContaining(hostile)]);
    expect((await manager.get(`/api/v1/products?family=${encodeURIComponent(hostile.family)}`)).body.items).toHaveLength(1);
    expect((await manager.post('/api/v1/products', { sku: 'NUL\u0000', name: 'x' })).status).toBe(400);
  });

  it('refuses to delete a product that transactions refer to', async () => {
    const manager = await api.as(MANAGER);
    const product = await createProduct({ sku: 'SOLD-1', name: 'Sold Item', family: 'Technology' });
    const account = (await (await api.as('kam1@patron.example')).post('/api/v1/accounts', { name: 'Buyer of Sold Item' })).body;
    await api.ctx.db.insert(transactions).values({
      orgId: manager.actor.orgId, id: newId(), accountId: account.id, productId: product.id, bookedOn: '2026-10-01',
      amount: 10000n, cost: 6000n, currency: 'USD', amountOrg: 10000n, costOrg: 6000n, family: 'Technology',
    });
    const refused = await manager.delete(`/api/v1/products/${product.id}`, 1);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('1 transaction line refers to this product; it cannot be deleted');
    expect((await manager.get(`/api/v1/products/${product.id}`)).status).toBe(200);
  });
});

describe('products import batch', () => {
  const row = (sku: string, extra: Partial<ProductImportRow> = {}): ProductImportRow => ({
    sku, name: `Product ${sku}`, family: null, listPrice: null, unitCost: null, currency: 'USD', ...extra,
  });
  const at = new Date('2026-11-24T08:00:00.000Z');
  const importId = '01936b2e-7c1a-7000-8000-00000000cafe';
  let admin: Actor;
  const importBatch = (rows: ProductImportRow[], when = at, actor?: Actor) =>
    api.ctx.db.transaction((tx) => importProductsBatch(tx, actor ?? admin, rows, when, importId));

  beforeAll(async () => {
    admin = (await api.as('admin@patron.example')).actor;
  });

  it('creates, then leaves unchanged, then updates only what differs — never duplicating', async () => {
    const manager = await api.as(MANAGER);
    const existing = await createProduct({ sku: 'IMP-0', name: 'Product IMP-0', listPrice: '1.50' });
    const rows = [
      row('IMP-1', { family: 'Furniture', listPrice: 13098n, unitCost: 11003n }),
      row('IMP-2', { currency: 'JPY', listPrice: 2500n }),
      row('IMP-3', { currency: 'KWD', unitCost: 12345n }),
      row('IMP-0', { listPrice: 150n }),
    ];
    const auditBefore = await countRows('audit_log', admin.orgId);
    expect(await importBatch(rows)).toEqual({ created: 3, updated: 0, unchanged: 1 });
    expect(await countRows('audit_log', admin.orgId)).toBe(auditBefore + 3);
    const listed = (await manager.get('/api/v1/products?q=IMP-')).body.items as Record<string, unknown>[];
    expect(listed.map((p) => p.sku)).toEqual(['IMP-0', 'IMP-1', 'IMP-2', 'IMP-3']);
    expect(listed[1]).toMatchObject({ family: 'Furniture', listPrice: '130.98', unitCost: '110.03', currency: 'USD', version: 1, createdAt: at.toISOString() });
    expect(listed[2]).toMatchObject({ listPrice: '2500', currency: 'JPY' });
    expect(listed[3]).toMatchObject({ unitCost: '12.345', currency: 'KWD' });
    expect(listed[0]).toMatchObject({ id: existing.id, version: 1 });

    expect(await importBatch(rows)).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(await countRows('audit_log', admin.orgId)).toBe(auditBefore + 3);

    const later = new Date('2026-11-25T08:00:00.000Z');
    const changed = rows.map((r) => (r.sku === 'IMP-1' ? { ...r, family: 'Office Supplies', unitCost: null } : r.sku === 'IMP-0' ? { ...r, name: 'Renamed Zero' } : r));
    expect(await importBatch(changed, later)).toEqual({ created: 0, updated: 2, unchanged: 2 });
    const one = (await manager.get(`/api/v1/products/${listed[1]!.id}`)).body;
    expect(one).toMatchObject({ family: 'Office Supplies', unitCost: null, listPrice: '130.98', version: 2, updatedAt: later.toISOString(), createdAt: at.toISOString() });
    expect((await manager.get('/api/v1/products?q=IMP-')).body.items).toHaveLength(4);

    const trail = await (await api.as('admin@patron.example')).get(`/api/v1/audit?entity=product&entityId=${one.id}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(trail.body.items[0].before).toMatchObject({ family: 'Furniture', unitCost: '11003' });
    expect(trail.body.items[0].after).toMatchObject({ family: 'Office Supplies', unitCost: null, importId });

    const bySku = await productsBySkus(api.ctx.db, admin.orgId, ['IMP-1', 'IMP-2', 'NOPE', 'IMP-1']);
    expect([...bySku.keys()].sort()).toEqual(['IMP-1', 'IMP-2']);
    expect(bySku.get('IMP-1')).toEqual({ id: one.id, family: 'Office Supplies', currency: 'USD' });
    const rival = (await api.as(OTHER_ORG_ADMIN)).actor;
    expect((await productsBySkus(api.ctx.db, rival.orgId, ['IMP-1'])).size).toBe(0);
  });

  it('refuses duplicate skus, bad currencies, negative money and the wrong roles, writing nothing', async () => {
    const productsBefore = await countRows('products', admin.orgId);
    const auditBefore = await countRows('audit_log', admin.orgId);
    const attempts: [ProductImportRow[], string[]][] = [
      [[row('DUP-1'), row('DUP-2'), row('DUP-1')], ['2.sku']],
      [[row('BAD-1', { currency: 'XYZ' })], ['0.currency']],
      [[row('BAD-1', { listPrice: -1n, unitCost: -5n })], ['0.listPrice', '0.unitCost']],
    ];
    for (const [rows, paths] of attempts) {
      const error = await importBatch(rows).then(() => null, (e: unknown) => e as { code: string; errors: { path: string }[] });
      expect(error).toMatchObject({ code: 'validation' });
      expect(error!.errors.map((e) => e.path)).toEqual(paths);
    }
    for (const email of ['kam1@patron.example', 'viewer@patron.example']) {
      const actor = (await api.as(email)).actor;
      await expect(importBatch([row('ROLE-X')], at, actor)).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(await countRows('products', admin.orgId)).toBe(productsBefore);
    expect(await countRows('audit_log', admin.orgId)).toBe(auditBefore);
    // A failure later in the import's transaction takes the batch back with it.
    await expect(api.ctx.db.transaction(async (tx) => {
      await importProductsBatch(tx, admin, [row('ROLLED-1'), row('ROLLED-2')], at, importId);
      throw new Error('a later batch failed');
    })).rejects.toThrow('a later batch failed');
    expect(await countRows('products', admin.orgId)).toBe(productsBefore);
    expect(await countRows('audit_log', admin.orgId)).toBe(auditBefore);
  });

  it('imports eight thousand products in one batch (more than one statement can bind) and re-imports them unchanged', async () => {
    const rows = Array.from({ length: 8000 }, (_, i) => row(`BULK-${String(i).padStart(5, '0')}`, { family: ['Furniture', 'Technology', null][i % 3]!, listPrice: BigInt(1000 + i), unitCost: BigInt(500 + i) }));
    const started = performance.now();
    expect(await importBatch(rows)).toEqual({ created: 8000, updated: 0, unchanged: 0 });
    const firstMs = performance.now() - started;
    const again = performance.now();
    expect(await importBatch(rows)).toEqual({ created: 0, updated: 0, unchanged: 8000 });
    const secondMs = performance.now() - again;
    console.log(`products import batch of 8,000: ${firstMs.toFixed(0)} ms new, ${secondMs.toFixed(0)} ms unchanged`);
    const [count] = await queryRows<{ n: number | string }>(api.ctx.db, sql`select count(*) as n from products where org_id = ${admin.orgId} and sku like 'BULK-%'`);
    expect(Number(count!.n)).toBe(8000);
    const [audited] = await queryRows<{ n: number | string }>(api.ctx.db, sql`select count(*) as n from audit_log where org_id = ${admin.orgId} and entity = 'product' and after->>'sku' like 'BULK-%'`);
    expect(Number(audited!.n)).toBe(8000);
  });
});
