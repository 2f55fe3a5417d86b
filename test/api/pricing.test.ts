import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';

let api: TestApi;
let admin: Caller;
let manager: Caller;
let kam1: Caller;
let kam2: Caller;
let viewer: Caller;
let rival: Caller;
// A group (kam1's) with a subsidiary (kam1's) and a grandchild; the product is a desk of the "Test Furniture" family.
let group: any;
let subsidiary: any;
let grandchild: any;
let desk: any;
let chair: any;
let eurOnly: any;

beforeAll(async () => {
  api = await createTestApi();
  [admin, manager, kam1, kam2, viewer, rival] = await Promise.all([
    api.as('admin@patron.example'), api.as('manager@patron.example'), api.as('kam1@patron.example'), api.as('kam2@patron.example'), api.as('viewer@patron.example'), api.as('admin@rival.example'),
  ]);
  group = (await kam1.post('/api/v1/accounts', { name: 'Pricing Group Holding' })).body;
  subsidiary = (await kam1.post('/api/v1/accounts', { name: 'Pricing Subsidiary GmbH', parentId: group.id })).body;
  grandchild = (await kam1.post('/api/v1/accounts', { name: 'Pricing Branch Leipzig', parentId: subsidiary.id })).body;
  desk = (await admin.post('/api/v1/products', { sku: 'PRC-DESK', name: 'Standing Desk', family: 'Test Furniture', listPrice: '100.00', unitCost: '60.00' })).body;
  chair = (await admin.post('/api/v1/products', { sku: 'PRC-CHAIR', name: 'Task Chair', family: 'Test Furniture', listPrice: '50.00', unitCost: '20.00' })).body;
  eurOnly = (await admin.post('/api/v1/products', { sku: 'PRC-EUR', name: 'Euro Lamp', family: 'Test Lighting', listPrice: '30.00', currency: 'EUR' })).body;
});
afterAll(() => api.close());

const price = async (who: Caller, accountId: string, productId: string, extra = '') => who.get(`/api/v1/accounts/${accountId}/price?productId=${productId}${extra}`);
const agree = async (accountId: string, body: Record<string, unknown>, who: Caller = manager) => {
  const answer = await who.post(`/api/v1/accounts/${accountId}/price-agreements`, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};
const count = async (table: string): Promise<number> => Number((await queryRows<{ n: string }>(api.ctx.db, sql`select count(*) as n from ${sql.identifier(table)}`))[0]!.n);

describe('price books', () => {
  it('creates, lists, reads, edits and deletes a price book; everyone reads, managers and up write; audited', async () => {
    const created = await manager.post('/api/v1/price-books', { name: 'USD list 2026', currency: 'USD', validFrom: '2026-01-01', validTo: '2026-12-31', prices: [{ productId: desk.id, listPrice: '120.00' }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ name: 'USD list 2026', currency: 'USD', validFrom: '2026-01-01', validTo: '2026-12-31', priceCount: 1, prices: [{ productId: desk.id, sku: 'PRC-DESK', productName: 'Standing Desk', family: 'Test Furniture', listPrice: '120.00' }], version: 1 });
    const listed = await kam1.get('/api/v1/price-books?currency=USD&validOn=2026-06-01');
    expect(listed.body.items.map((b: any) => b.id)).toContain(created.body.id);
    expect((await kam1.get('/api/v1/price-books?validOn=2027-01-01')).body.items.map((b: any) => b.id)).not.toContain(created.body.id);
    expect((await viewer.get(`/api/v1/price-books/${created.body.id}`)).body.prices).toHaveLength(1);

    expect((await kam1.post('/api/v1/price-books', { name: 'x', currency: 'USD', validFrom: '2026-01-01' })).status).toBe(403);
    const edited = await manager.patch(`/api/v1/price-books/${created.body.id}`, { prices: [{ productId: desk.id, listPrice: '125.00' }, { productId: chair.id, listPrice: '55.50' }] }, 1);
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.prices.map((p: any) => [p.productName, p.listPrice])).toEqual([['Standing Desk', '125.00'], ['Task Chair', '55.50']]);
    expect((await manager.patch(`/api/v1/price-books/${created.body.id}`, { name: 'stale' }, 1)).status).toBe(412);
    expect((await manager.request('PATCH', `/api/v1/price-books/${created.body.id}`, { name: 'no if-match' })).status).toBe(428);
    const audit = await admin.get(`/api/v1/audit?entity=price_book&entityId=${created.body.id}`);
    expect(audit.body.items.map((a: any) => a.action).sort()).toEqual(['create', 'update']);

    const throwaway = (await admin.post('/api/v1/price-books', { name: 'Throwaway', currency: 'USD', validFrom: '2020-01-01', validTo: '2020-12-31' })).body;
    expect((await admin.delete(`/api/v1/price-books/${throwaway.id}`, throwaway.version)).status).toBe(204);
    expect((await admin.get(`/api/v1/price-books/${throwaway.id}`)).status).toBe(404);
    expect((await rival.get(`/api/v1/price-books/${created.body.id}`)).status).toBe(404);
  });

  it('refuses bad price books with field errors and writes nothing', async () => {
    const books = await count('price_books');
    const prices = await count('price_book_prices');
    const bad: [Record<string, unknown>, string][] = [
      [{ name: '', currency: 'USD', validFrom: '2026-01-01' }, 'name'],
      [{ name: 'x', currency: 'XXX', validFrom: '2026-01-01' }, 'currency'],
      [{ name: 'x', currency: 'usd', validFrom: '2026-01-01' }, 'currency'],
      [{ name: 'x', currency: 'USD', validFrom: '2026-13-01' }, 'validFrom'],
      [{ name: 'x', currency: 'USD', validFrom: '2026-02-01', validTo: '2026-01-31' }, 'validTo'],
      [{ name: 'x', currency: 'USD', validFrom: '2026-01-01', prices: [{ productId: desk.id, listPrice: '1.005' }] }, 'prices.0.listPrice'],
      [{ name: 'x', currency: 'USD', validFrom: '2026-01-01', prices: [{ productId: desk.id, listPrice: '-1.00' }] }, 'prices.0.listPrice'],
      [{ name: 'x', currency: 'USD', validFrom: '2026-01-01', prices: [{ productId: desk.id, listPrice: 1 }] }, 'listPrice'],
      [{ name: 'x', currency: 'USD', validFrom: '2026-01-01', prices: [{ productId: desk.id, listPrice: '1.00' }, { productId: desk.id, listPrice: '2.00' }] }, 'prices.1.productId'],
      [{ name: 'x', currency: 'USD', validFrom: '2026-01-01', prices: [{ productId: '01936b2e-7c1a-7000-8000-000000000999', listPrice: '1.00' }] }, 'prices.0.productId'],
      [{ name: 'x', currency: 'USD', validFrom: '2026-01-01', extra: true }, 'extra'],
    ];
    for (const [body, path] of bad) {
      const answer = await admin.post('/api/v1/price-books', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer.body.errors), JSON.stringify(body)).toContain(path);
    }
    expect([await count('price_books'), await count('price_book_prices')]).toEqual([books, prices]);
  });
});

describe('price agreements and the price', () => {
  it('answers the list price without agreements: the price book valid on the date, else the catalogue', async () => {
    const inBook = await price(kam1, grandchild.id, desk.id, '&date=2026-06-01');
    expect(inBook.status, JSON.stringify(inBook.body)).toBe(200);
    expect(inBook.body).toMatchObject({ unitPrice: '125.00', currency: 'USD', listPrice: '125.00', discountRate: '0', quantity: 1, date: '2026-06-01', rule: { kind: 'list_price', inherited: false } });
    const catalogue = await price(kam1, grandchild.id, desk.id, '&date=2025-06-01');
    expect(catalogue.body).toMatchObject({ unitPrice: '100.00', listPrice: '100.00', rule: { kind: 'list_price', id: null } });
    expect((await price(kam1, grandchild.id, desk.id)).body.date).toBe('2026-11-23');
  });

  it('a group agreement reaches the grandchild; a subsidiary agreement overrides it; a product agreement beats a family one', async () => {
    const groupFamily = await agree(group.id, { family: 'Test Furniture', discountRate: '0.1', validFrom: '2026-01-01', validTo: '2026-12-31', note: 'Group framework' });
    expect(groupFamily).toMatchObject({ accountId: group.id, accountName: 'Pricing Group Holding', inherited: false, family: 'Test Furniture', discountRate: '0.1', netPrice: null, volumeTiers: null, currency: 'USD', status: 'active', version: 1 });
    // 125.00 × 0.9 = 112.50, inherited from the group two levels up
    const inherited = await price(kam1, grandchild.id, desk.id, '&date=2026-06-01');
    expect(inherited.body).toMatchObject({ unitPrice: '112.50', listPrice: '125.00', discountRate: '0.1', rule: { kind: 'discount', id: groupFamily.id, inherited: true, accountId: group.id } });
    expect(inherited.body.rule.why).toBe('Inherited from Pricing Group Holding: 10 % off the Test Furniture family, valid from 2026-01-01 to 2026-12-31');

    const subsidiaryNet = await agree(subsidiary.id, { productId: desk.id, netPrice: '99.00', validFrom: '2026-03-01' });
    expect((await price(kam1, grandchild.id, desk.id, '&date=2026-06-01')).body).toMatchObject({ unitPrice: '99.00', rule: { kind: 'net_price', id: subsidiaryNet.id, inherited: true, accountId: subsidiary.id } });
    // before the subsidiary's agreement starts, the group's still applies
    expect((await price(kam1, grandchild.id, desk.id, '&date=2026-02-28')).body.rule.id).toBe(groupFamily.id);
    // the chair (same family, no product agreement) keeps the group discount: 55.50 × 0.9 = 49.95
    expect((await price(kam1, grandchild.id, chair.id, '&date=2026-06-01')).body).toMatchObject({ unitPrice: '49.95', rule: { id: groupFamily.id } });

    const listed = await kam1.get(`/api/v1/accounts/${grandchild.id}/price-agreements`);
    expect(listed.body.items.map((a: any) => [a.accountName, a.inherited])).toEqual([['Pricing Subsidiary GmbH', true], ['Pricing Group Holding', true]]);
    expect((await kam1.get(`/api/v1/accounts/${group.id}/price-agreements`)).body.items).toHaveLength(1);
  });

  it('volume tiers pick the highest minimum at or below the quantity', async () => {
    const tiers = await agree(grandchild.id, { productId: chair.id, volumeTiers: [{ minQuantity: 100, netPrice: '40.00' }, { minQuantity: 10, discountRate: '0.2' }], validFrom: '2026-01-01' });
    expect(tiers.volumeTiers).toEqual([{ minQuantity: 10, discountRate: '0.2' }, { minQuantity: 100, netPrice: '40.00' }]);
    const at = async (quantity: number) => (await price(kam1, grandchild.id, chair.id, `&date=2026-06-01&quantity=${quantity}`)).body;
    // below the first tier the agreement does not apply: the group's 10 % (55.50 × 0.9 = 49.95)
    expect(await at(9)).toMatchObject({ unitPrice: '49.95', rule: { kind: 'discount', inherited: true } });
    expect(await at(10)).toMatchObject({ unitPrice: '44.40', rule: { kind: 'volume_tiers', id: tiers.id, minQuantity: 10, inherited: false } });
    expect(await at(99)).toMatchObject({ unitPrice: '44.40', rule: { minQuantity: 10 } });
    expect(await at(100)).toMatchObject({ unitPrice: '40.00', discountRate: '0.279279', rule: { minQuantity: 100 } });
  });

  it('expired agreements are ignored and marked; edits and deletes take If-Match; audited', async () => {
    const expired = await agree(grandchild.id, { productId: desk.id, discountRate: '0.5', validFrom: '2025-01-01', validTo: '2025-12-31' });
    expect(expired.status).toBe('expired');
    expect((await price(kam1, grandchild.id, desk.id, '&date=2026-06-01')).body.rule.kind).toBe('net_price');
    expect((await price(kam1, grandchild.id, desk.id, '&date=2025-12-31')).body).toMatchObject({ unitPrice: '50.00', rule: { id: expired.id } });

    const extended = await manager.patch(`/api/v1/accounts/${grandchild.id}/price-agreements/${expired.id}`, { validTo: null }, 1);
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect(extended.body).toMatchObject({ validTo: null, status: 'active', version: 2 });
    expect((await price(kam1, grandchild.id, desk.id, '&date=2026-06-01')).body).toMatchObject({ unitPrice: '62.50', rule: { id: expired.id } });
    const switched = await manager.patch(`/api/v1/accounts/${grandchild.id}/price-agreements/${expired.id}`, { discountRate: null, netPrice: '70.00' }, 2);
    expect(switched.body).toMatchObject({ discountRate: null, netPrice: '70.00' });
    expect((await manager.patch(`/api/v1/accounts/${grandchild.id}/price-agreements/${expired.id}`, { note: 'stale' }, 2)).status).toBe(412);
    expect((await manager.patch(`/api/v1/accounts/${grandchild.id}/price-agreements/${expired.id}`, { netPrice: '1.00', discountRate: '0.1' }, 3)).status).toBe(400);
    // another account's path does not reach it
    expect((await manager.patch(`/api/v1/accounts/${subsidiary.id}/price-agreements/${expired.id}`, { note: 'x' }, 3)).status).toBe(404);
    expect((await manager.delete(`/api/v1/accounts/${grandchild.id}/price-agreements/${expired.id}`, 3)).status).toBe(204);
    const audit = await admin.get(`/api/v1/audit?entity=price_agreement&entityId=${expired.id}`);
    expect(audit.body.items.map((a: any) => a.action).sort()).toEqual(['create', 'delete', 'update', 'update']);
  });

  it('currency mismatch is a clear 422', async () => {
    const noUsd = await price(kam1, grandchild.id, eurOnly.id);
    expect(noUsd.status).toBe(422);
    expect(noUsd.headers['content-type']).toContain('application/problem+json');
    expect(noUsd.body).toMatchObject({ type: '/problems/currency-mismatch', status: 422 });
    expect(noUsd.body.detail).toBe('Euro Lamp has no list price in USD on 2026-11-23: its catalogue price is in EUR and no USD price book lists it');
    expect((await price(kam1, grandchild.id, eurOnly.id, '&currency=EUR')).body).toMatchObject({ unitPrice: '30.00', currency: 'EUR' });
    await agree(subsidiary.id, { productId: chair.id, netPrice: '45.00', currency: 'EUR', validFrom: '2026-11-01' });
    const eurNet = await price(kam1, subsidiary.id, chair.id);
    expect(eurNet.status).toBe(422);
    expect(eurNet.body.detail).toContain('sets net prices in EUR; Pricing Subsidiary GmbH is priced in USD');
  });

  it('who may see and set agreements: KAMs read their accounts, managers and up write, others 404', async () => {
    expect((await kam1.post(`/api/v1/accounts/${group.id}/price-agreements`, { family: 'Test Furniture', discountRate: '0.9', validFrom: '2026-01-01' })).status).toBe(403);
    expect((await viewer.post(`/api/v1/accounts/${group.id}/price-agreements`, { family: 'Test Furniture', discountRate: '0.9', validFrom: '2026-01-01' })).status).toBe(403);
    expect((await kam2.get(`/api/v1/accounts/${group.id}/price-agreements`)).status).toBe(404);
    expect((await price(kam2, group.id, desk.id)).status).toBe(404);
    expect((await rival.get(`/api/v1/accounts/${group.id}/price?productId=${desk.id}`)).status).toBe(404);
    expect((await viewer.get(`/api/v1/accounts/${group.id}/price-agreements`)).status).toBe(200);
  });

  it('refuses bad agreements and price questions with field errors and writes nothing', async () => {
    const before = await count('price_agreements');
    const bad: [Record<string, unknown>, string][] = [
      [{ productId: desk.id, family: 'Test Furniture', discountRate: '0.1', validFrom: '2026-01-01' }, 'productId'],
      [{ discountRate: '0.1', validFrom: '2026-01-01' }, 'productId'],
      [{ productId: desk.id, validFrom: '2026-01-01' }, 'discountRate'],
      [{ productId: desk.id, discountRate: '0.1', netPrice: '1.00', validFrom: '2026-01-01' }, 'discountRate'],
      [{ productId: desk.id, discountRate: '12.5', validFrom: '2026-01-01' }, 'discountRate'],
      [{ productId: desk.id, discountRate: 0.1, validFrom: '2026-01-01' }, 'discountRate'],
      [{ productId: desk.id, discountRate: '1.5', validFrom: '2026-01-01' }, 'discountRate'],
      [{ family: 'Test Furniture', netPrice: '10.00', validFrom: '2026-01-01' }, 'netPrice'],
      [{ productId: desk.id, netPrice: '10.001', validFrom: '2026-01-01' }, 'netPrice'],
      [{ productId: desk.id, volumeTiers: [], validFrom: '2026-01-01' }, 'volumeTiers'],
      [{ productId: desk.id, volumeTiers: [{ minQuantity: 0, discountRate: '0.1' }], validFrom: '2026-01-01' }, 'minQuantity'],
      [{ productId: desk.id, volumeTiers: [{ minQuantity: 5 }], validFrom: '2026-01-01' }, 'volumeTiers.0'],
      [{ productId: desk.id, discountRate: '0.1', validFrom: '2026-02-01', validTo: '2026-01-01' }, 'validTo'],
      [{ productId: desk.id, discountRate: '0.1' }, 'validFrom'],
      [{ productId: '01936b2e-7c1a-7000-8000-000000000999', discountRate: '0.1', validFrom: '2026-01-01' }, 'productId'],
      [{ productId: desk.id, discountRate: '0.1', validFrom: '2026-01-01', currency: 'ABC' }, 'currency'],
      [{ family: '<script>alert(1)</script>'.repeat(10), discountRate: '0.1', validFrom: '2026-01-01' }, 'family'],
    ];
    for (const [body, path] of bad) {
      const answer = await manager.post(`/api/v1/accounts/${grandchild.id}/price-agreements`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer.body.errors), JSON.stringify(body)).toContain(path);
    }
    expect(await count('price_agreements')).toBe(before);
    for (const query of ['', '&quantity=0', '&quantity=1.5', '&date=2026-02-30', '&currency=EURO']) {
      expect((await price(kam1, grandchild.id, desk.id, query)).status, query).toBe(query === '' ? 200 : 400);
    }
    expect((await price(kam1, grandchild.id, '01936b2e-7c1a-7000-8000-000000000999')).status).toBe(400);
  });
});
