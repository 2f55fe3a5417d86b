import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { AppError } from '../../src/core/errors.ts';
import { newId } from '../../src/core/ids.ts';
import { queryRows } from '../../src/db/connection.ts';
import { importTransactionsBatch, type TransactionImportRow } from '../../src/modules/transactions/service.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { OTHER_ORG_ADMIN, OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
let orgId: string;
const ids = { kam1Usd: '', kam1Eur: '', kam2Usd: '', directorUsd: '', rivalAccount: '', furniture: '', technology: '', plain: '', rivalProduct: '' };

const ok = <T = any>(answer: { status: number; body: T }, status: number): T => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
};

async function account(email: string, body: Record<string, unknown>): Promise<string> {
  return ok(await (await api.as(email)).post('/api/v1/accounts', body), 201).id;
}

async function product(email: string, body: Record<string, unknown>): Promise<string> {
  return ok(await (await api.as(email)).post('/api/v1/products', body), 201).id;
}

const post = async (email: string, body: Record<string, unknown>) => (await api.as(email)).post('/api/v1/transactions', body);

/** account_monthly and account_family_monthly equal a fresh GROUP BY over the organisation's transactions. */
async function expectRollupsCurrent(org = orgId): Promise<void> {
  const fresh = await queryRows(api.ctx.db, sql`
    select account_id::text as account, to_char(booked_on, 'YYYY-MM') as month, sum(amount_org)::text as revenue, sum(cost_org)::text as cost, count(*)::int as lines
    from transactions where org_id = ${org} group by 1, 2 order by 1, 2`);
  const stored = await queryRows(api.ctx.db, sql`
    select account_id::text as account, to_char(month, 'YYYY-MM') as month, revenue::text as revenue, cost::text as cost, lines
    from account_monthly where org_id = ${org} order by 1, 2`);
  expect(stored).toEqual(fresh);
  const freshFamilies = await queryRows(api.ctx.db, sql`
    select account_id::text as account, coalesce(family, '') as family, to_char(booked_on, 'YYYY-MM') as month, sum(amount_org)::text as revenue, sum(cost_org)::text as cost, count(*)::int as lines
    from transactions where org_id = ${org} group by 1, 2, 3 order by 1, 2, 3`);
  const storedFamilies = await queryRows(api.ctx.db, sql`
    select account_id::text as account, family, to_char(month, 'YYYY-MM') as month, revenue::text as revenue, cost::text as cost, lines
    from account_family_monthly where org_id = ${org} order by 1, 2, 3`);
  expect(storedFamilies).toEqual(freshFamilies);
}

const monthly = async (accountId: string, query = '') => ok(await (await api.as('director@patron.example')).get(`/api/v1/accounts/${accountId}/monthly${query}`), 200);

beforeAll(async () => {
  api = await createTestApi();
  orgId = (await api.as('admin@patron.example')).actor.orgId;
  ids.kam1Usd = await account('kam1@patron.example', { name: 'Kam1 Dollar Co' });
  ids.kam1Eur = await account('kam1@patron.example', { name: 'Kam1 Euro GmbH', currency: 'EUR' });
  ids.kam2Usd = await account('kam2@patron.example', { name: 'Kam2 Dollar Co' });
  ids.directorUsd = await account('director@patron.example', { name: 'Director Key Account' });
  ids.rivalAccount = await account(OTHER_ORG_KAM, { name: 'Rival Kunde AB' });
  ids.furniture = await product('admin@patron.example', { sku: 'TX-FUR-1', name: 'Bookcase', family: 'Furniture', listPrice: '130.98' });
  ids.technology = await product('admin@patron.example', { sku: 'TX-TEC-1', name: 'IP Phone', family: 'Technology' });
  ids.plain = await product('admin@patron.example', { sku: 'TX-PLAIN', name: 'Gift card' });
  ids.rivalProduct = await product(OTHER_ORG_ADMIN, { sku: 'RIV-1', name: 'Rival thing' });
});
afterAll(() => api.close());

describe('recording transactions', () => {
  it('records a line for a visible account, copies the family, converts nothing in the org currency, and audits it', async () => {
    const created = ok(await post('manager@patron.example', {
      accountId: ids.kam1Usd, productId: ids.furniture, externalId: 'TX-1', bookedOn: '2026-01-15', quantity: '2', amount: '261.96', cost: '220.06',
    }), 201);
    expect(created).toMatchObject({
      externalId: 'TX-1', accountId: ids.kam1Usd, accountName: 'Kam1 Dollar Co', productId: ids.furniture, productSku: 'TX-FUR-1', productName: 'Bookcase',
      bookedOn: '2026-01-15', quantity: '2', amount: '261.96', cost: '220.06', grossProfit: '41.90', currency: 'USD',
      amountOrg: '261.96', costOrg: '220.06', orgCurrency: 'USD', importId: null, version: 1,
    });
    const read = await (await api.as('kam1@patron.example')).get(`/api/v1/transactions/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(created);
    const [family] = await queryRows<{ family: string }>(api.ctx.db, sql`select family from transactions where id = ${created.id}`);
    expect(family!.family).toBe('Furniture');
    const audit = ok(await (await api.as('admin@patron.example')).get(`/api/v1/audit?entity=transaction&entityId=${created.id}`), 200);
    expect(audit.items).toEqual([expect.objectContaining({ action: 'create', entity: 'transaction', entityId: created.id })]);
    await expectRollupsCurrent();
    expect((await monthly(ids.kam1Usd)).items).toEqual([{ month: '2026-01', revenue: '261.96', cost: '220.06', grossProfit: '41.90', lines: 1 }]);
  });

  it('lets admin, director and manager record lines, and refuses kam, bd and viewer with 403', async () => {
    for (const email of ['admin@patron.example', 'director@patron.example']) ok(await post(email, { accountId: ids.kam1Usd, bookedOn: '2026-01-20', amount: '10.00' }), 201);
    for (const email of ['kam1@patron.example', 'bd1@patron.example', 'viewer@patron.example']) {
      const refused = await post(email, { accountId: ids.kam1Usd, bookedOn: '2026-01-20', amount: '10.00' });
      expect(refused.status, email).toBe(403);
    }
    const before = await queryRows(api.ctx.db, sql`select count(*)::int as n from transactions where org_id = ${orgId}`);
    const noAuth = await api.anonymous.request('POST', '/api/v1/transactions', { accountId: ids.kam1Usd, bookedOn: '2026-01-20', amount: '10.00' });
    expect(noAuth.status).toBe(401);
    expect(await queryRows(api.ctx.db, sql`select count(*)::int as n from transactions where org_id = ${orgId}`)).toEqual(before);
    await expectRollupsCurrent();
  });

  it('nets refunds and returns in the rollups and refuses a negative quantity on a positive amount', async () => {
    const sale = ok(await post('admin@patron.example', { accountId: ids.kam2Usd, productId: ids.technology, bookedOn: '2026-02-10', quantity: '3', amount: '300.00', cost: '180.00' }), 201);
    const refund = ok(await post('admin@patron.example', { accountId: ids.kam2Usd, productId: ids.technology, bookedOn: '2026-02-20', quantity: '-1', amount: '-100.00', cost: '-60.00' }), 201);
    expect(refund).toMatchObject({ quantity: '-1', amount: '-100.00', cost: '-60.00', grossProfit: '-40.00', amountOrg: '-100.00' });
    const goodwill = ok(await post('admin@patron.example', { accountId: ids.kam2Usd, bookedOn: '2026-02-21', amount: '-5.50' }), 201);
    expect(goodwill).toMatchObject({ quantity: '1', cost: null, grossProfit: '-5.50', costOrg: '0.00' });
    const wrong = await post('admin@patron.example', { accountId: ids.kam2Usd, bookedOn: '2026-02-20', quantity: '-1', amount: '100.00' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'quantity', message: expect.stringContaining('return') }]);
    expect((await monthly(ids.kam2Usd)).items).toEqual([{ month: '2026-02', revenue: '194.50', cost: '120.00', grossProfit: '74.50', lines: 3 }]);
    const families = ok(await (await api.as('kam2@patron.example')).get(`/api/v1/accounts/${ids.kam2Usd}/families`), 200);
    expect(families).toEqual({
      currency: 'USD',
      items: [
        { family: 'Technology', revenue: '200.00', cost: '120.00', grossProfit: '80.00', lines: 2 },
        { family: null, revenue: '-5.50', cost: '0.00', grossProfit: '-5.50', lines: 1 },
      ],
    });
    expect(sale.id).not.toBe(refund.id);
    await expectRollupsCurrent();
  });
});

describe('scoring follows at once', () => {
  it("re-scores the account in the writer's transaction when a line or a refund is written", async () => {
    const accountId = await account('kam3@patron.example', { name: 'Scored Right Away plc' });
    const kam3 = await api.as('kam3@patron.example');
    const revenueOf = async () => {
      const score = ok(await kam3.get(`/api/v1/accounts/${accountId}/score`), 200);
      return score.criteria.find((c: { key: string }) => c.key === 'revenue')?.raw ?? null;
    };
    const before = await revenueOf();
    const line = ok(await post('admin@patron.example', { accountId, bookedOn: '2026-10-01', amount: '1000.00', cost: '400.00' }), 201);
    const afterSale = await revenueOf();
    expect(afterSale).not.toEqual(before);
    ok(await post('admin@patron.example', { accountId, bookedOn: '2026-10-02', amount: '-250.00' }), 201);
    const afterRefund = await revenueOf();
    expect(Number(afterRefund)).toBeLessThan(Number(afterSale));
    ok(await (await api.as('admin@patron.example')).delete(`/api/v1/transactions/${line.id}`, line.version), 204);
    expect(Number(await revenueOf())).toBeLessThan(Number(afterRefund));
  });
});

describe('FX conversion', () => {
  it('answers 422 naming currency and date when no rate is in force, and writes nothing', async () => {
    const answer = await post('admin@patron.example', { accountId: ids.kam1Eur, bookedOn: '2026-01-10', amount: '100.00' });
    expect(answer.status).toBe(422);
    expect(answer.body.type).toBe('/problems/unprocessable');
    expect(answer.body.detail).toContain('EUR');
    expect(answer.body.detail).toContain('2026-01-10');
    const [count] = await queryRows<{ n: number }>(api.ctx.db, sql`select count(*)::int as n from transactions where account_id = ${ids.kam1Eur}`);
    expect(count!.n).toBe(0);
  });

  it("converts a line in the account's currency at the rate in force on bookedOn, rounding once", async () => {
    const director = await api.as('director@patron.example');
    ok(await director.request('PUT', '/api/v1/fx-rates/EUR/2026-01-01', { rate: '1.0850' }), 201);
    ok(await director.request('PUT', '/api/v1/fx-rates/EUR/2026-03-01', { rate: '1.10' }), 201);
    const january = ok(await post('admin@patron.example', { accountId: ids.kam1Eur, productId: ids.furniture, bookedOn: '2026-02-28', amount: '100.01', cost: '50.00' }), 201);
    // 100.01 × 1.085 = 108.51085 → 108.51; 50 × 1.085 = 54.25
    expect(january).toMatchObject({ currency: 'EUR', amount: '100.01', amountOrg: '108.51', costOrg: '54.25', grossProfit: '50.01', orgCurrency: 'USD' });
    const march = ok(await post('admin@patron.example', { accountId: ids.kam1Eur, bookedOn: '2026-03-01', amount: '10.00' }), 201);
    expect(march).toMatchObject({ amountOrg: '11.00', costOrg: '0.00' });
    // A USD line on a EUR account: currency given explicitly, no conversion.
    const dollars = ok(await post('admin@patron.example', { accountId: ids.kam1Eur, bookedOn: '2026-03-02', amount: '5.00', currency: 'USD' }), 201);
    expect(dollars).toMatchObject({ currency: 'USD', amountOrg: '5.00' });
    expect((await monthly(ids.kam1Eur)).items).toEqual([
      { month: '2026-02', revenue: '108.51', cost: '54.25', grossProfit: '54.26', lines: 1 },
      { month: '2026-03', revenue: '16.00', cost: '0.00', grossProfit: '16.00', lines: 2 },
    ]);
    await expectRollupsCurrent();
  });

  it('re-converts when the date, amount or currency of a line changes', async () => {
    const admin = await api.as('admin@patron.example');
    const line = ok(await post('admin@patron.example', { accountId: ids.kam1Eur, bookedOn: '2026-02-01', amount: '200.00' }), 201);
    expect(line.amountOrg).toBe('217.00');
    const moved = ok(await admin.patch(`/api/v1/transactions/${line.id}`, { bookedOn: '2026-03-15' }, line.version), 200);
    expect(moved).toMatchObject({ bookedOn: '2026-03-15', amountOrg: '220.00', version: 2 });
    const early = await admin.patch(`/api/v1/transactions/${line.id}`, { bookedOn: '2025-12-31' }, moved.version);
    expect(early.status).toBe(422);
    const noAmount = await admin.patch(`/api/v1/transactions/${line.id}`, { currency: 'USD' }, moved.version);
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.errors).toEqual([{ path: 'amount', message: 'give the amount in the new currency too' }]);
    const dollars = ok(await admin.patch(`/api/v1/transactions/${line.id}`, { currency: 'USD', amount: '250.00' }, moved.version), 200);
    expect(dollars).toMatchObject({ currency: 'USD', amount: '250.00', amountOrg: '250.00', version: 3 });
    expect(ok(await admin.get(`/api/v1/transactions/${line.id}`), 200).version).toBe(3);
    await expectRollupsCurrent();
  });
});

describe('changing and deleting lines keeps the rollups current', () => {
  it('updates amount, date (across months), account and product, needs If-Match, and audits each change', async () => {
    const manager = await api.as('manager@patron.example');
    const line = ok(await post('manager@patron.example', { accountId: ids.kam1Usd, productId: ids.furniture, externalId: 'TX-MOVE', bookedOn: '2026-04-30', amount: '100.00', cost: '40.00' }), 201);
    const url = `/api/v1/transactions/${line.id}`;
    expect((await manager.request('PATCH', url, { amount: '120.00' })).status).toBe(428);
    let current = ok(await manager.patch(url, { amount: '120.00' }, 1), 200);
    expect(current).toMatchObject({ amount: '120.00', grossProfit: '80.00', version: 2 });
    await expectRollupsCurrent();
    const stale = await manager.patch(url, { amount: '1.00' }, 1);
    expect(stale.status).toBe(412);
    current = ok(await manager.patch(url, { bookedOn: '2026-05-01' }, current.version), 200);
    await expectRollupsCurrent();
    current = ok(await manager.patch(url, { accountId: ids.kam2Usd, productId: ids.technology }, current.version), 200);
    expect(current).toMatchObject({ accountId: ids.kam2Usd, accountName: 'Kam2 Dollar Co', productSku: 'TX-TEC-1', version: 4 });
    await expectRollupsCurrent();
    current = ok(await manager.patch(url, { productId: null, cost: null, quantity: '5' }, current.version), 200);
    expect(current).toMatchObject({ productId: null, productSku: null, cost: null, costOrg: '0.00', quantity: '5', grossProfit: '120.00' });
    await expectRollupsCurrent();
    // The manager may not move a line onto an account outside their tree: 400, nothing changes.
    const hidden = await manager.patch(url, { accountId: ids.directorUsd }, current.version);
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors[0].path).toBe('accountId');
    const audit = ok(await (await api.as('admin@patron.example')).get(`/api/v1/audit?entity=transaction&entityId=${line.id}`), 200);
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update', 'update', 'update', 'update']);

    expect((await manager.delete(url)).status).toBe(428);
    expect((await manager.delete(url, 1)).status).toBe(412);
    expect((await (await api.as('kam2@patron.example')).delete(url, current.version)).status).toBe(403);
    expect((await manager.delete(url, current.version)).status).toBe(204);
    expect((await manager.get(url)).status).toBe(404);
    await expectRollupsCurrent();
    const after = ok(await (await api.as('admin@patron.example')).get(`/api/v1/audit?entity=transaction&entityId=${line.id}`), 200);
    expect(after.items.map((e: { action: string }) => e.action)).toContain('delete');
  });

  it('drops a month from the rollup when its last line goes', async () => {
    const admin = await api.as('admin@patron.example');
    const accountId = await account('kam3@patron.example', { name: 'Single Month Ltd' });
    const line = ok(await post('admin@patron.example', { accountId, bookedOn: '2026-06-15', amount: '10.00' }), 201);
    expect((await monthly(accountId)).items).toHaveLength(1);
    ok(await admin.delete(`/api/v1/transactions/${line.id}`, line.version), 204);
    expect((await monthly(accountId)).items).toEqual([]);
    await expectRollupsCurrent();
  });
});

describe('visibility and tenancy', () => {
  it('lists only lines of accounts the caller sees, newest first, and pages without gaps', async () => {
    const kam1 = await api.as('kam1@patron.example');
    const mine = ok(await kam1.get('/api/v1/transactions?limit=500'), 200);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((t: { accountId: string }) => t.accountId))).toEqual(new Set([ids.kam1Usd, ids.kam1Eur]));
    const all = ok(await (await api.as('viewer@patron.example')).get('/api/v1/transactions?limit=500'), 200);
    expect(all.items.some((t: { accountId: string }) => t.accountId === ids.kam2Usd)).toBe(true);
    const sorted = [...all.items].sort((a, b) => (a.bookedOn === b.bookedOn ? (a.id < b.id ? 1 : -1) : a.bookedOn < b.bookedOn ? 1 : -1));
    expect(all.items.map((t: { id: string }) => t.id)).toEqual(sorted.map((t: { id: string }) => t.id));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = ok(await (await api.as('viewer@patron.example')).get(`/api/v1/transactions?limit=3${cursor ? `&cursor=${cursor}` : ''}`), 200);
      paged.push(...page.items.map((t: { id: string }) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((t: { id: string }) => t.id));
    expect((await kam1.get('/api/v1/transactions?cursor=bogus')).status).toBe(400);
    const byAccount = ok(await kam1.get(`/api/v1/transactions?accountId=${ids.kam2Usd}`), 200);
    expect(byAccount.items).toEqual([]);
    const byProduct = ok(await (await api.as('admin@patron.example')).get(`/api/v1/transactions?productId=${ids.technology}&limit=500`), 200);
    expect(byProduct.items.length).toBeGreaterThan(0);
    expect(byProduct.items.every((t: { productId: string }) => t.productId === ids.technology)).toBe(true);
  });

  it("answers 404 for lines and rollups the caller cannot see and for another organisation's ids", async () => {
    const line = ok(await post('admin@patron.example', { accountId: ids.kam2Usd, bookedOn: '2026-07-01', amount: '1.00' }), 201);
    const kam1 = await api.as('kam1@patron.example');
    expect((await kam1.get(`/api/v1/transactions/${line.id}`)).status).toBe(404);
    expect((await kam1.get(`/api/v1/accounts/${ids.kam2Usd}/monthly`)).status).toBe(404);
    expect((await kam1.get(`/api/v1/accounts/${ids.kam2Usd}/families`)).status).toBe(404);
    const manager = await api.as('manager@patron.example');
    const directors = ok(await post('director@patron.example', { accountId: ids.directorUsd, bookedOn: '2026-07-01', amount: '1.00' }), 201);
    expect((await manager.get(`/api/v1/transactions/${directors.id}`)).status).toBe(404);
    expect((await manager.patch(`/api/v1/transactions/${directors.id}`, { amount: '2.00' }, 1)).status).toBe(404);
    expect((await manager.delete(`/api/v1/transactions/${directors.id}`, 1)).status).toBe(404);
    for (const email of [OTHER_ORG_ADMIN, OTHER_ORG_KAM]) {
      const rival = await api.as(email);
      expect((await rival.get(`/api/v1/transactions/${line.id}`)).status).toBe(404);
      expect((await rival.patch(`/api/v1/transactions/${line.id}`, { amount: '2.00' }, 1)).status).toBe(404);
      expect((await rival.delete(`/api/v1/transactions/${line.id}`, 1)).status).toBe(404);
      expect((await rival.get(`/api/v1/accounts/${ids.kam1Usd}/monthly`)).status).toBe(404);
      expect(ok(await rival.get('/api/v1/transactions?limit=500'), 200).items).toEqual([]);
    }
    expect((await kam1.get(`/api/v1/transactions/${directors.id}`)).status).toBe(404);
  });

  it("refuses another organisation's or unknown account and product ids with 400 field errors", async () => {
    const admin = await api.as('admin@patron.example');
    const foreign = await post('admin@patron.example', { accountId: ids.rivalAccount, bookedOn: '2026-01-01', amount: '1.00' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([{ path: 'accountId', message: expect.any(String) }]);
    const unknown = await post('admin@patron.example', { accountId: newId(), productId: newId(), bookedOn: '2026-01-01', amount: '1.00' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['accountId', 'productId']);
    const foreignProduct = await post('admin@patron.example', { accountId: ids.kam1Usd, productId: ids.rivalProduct, bookedOn: '2026-01-01', amount: '1.00' });
    expect(foreignProduct.status).toBe(400);
    const kam2Line = ok(await post('admin@patron.example', { accountId: ids.kam2Usd, bookedOn: '2026-01-05', amount: '1.00' }), 201);
    const moveAbroad = await admin.patch(`/api/v1/transactions/${kam2Line.id}`, { accountId: ids.rivalAccount }, kam2Line.version);
    expect(moveAbroad.status).toBe(400);
    const rivalAdmin = await api.as(OTHER_ORG_ADMIN);
    const intoUs = await rivalAdmin.post('/api/v1/transactions', { accountId: ids.kam1Usd, bookedOn: '2026-01-01', amount: '1.00' });
    expect(intoUs.status).toBe(400);
    await expectRollupsCurrent();
  });
});

describe('bad input', () => {
  it('refuses impossible dates, too many decimals, bad currencies, unknown fields and duplicate external ids with 4xx', async () => {
    const admin = await api.as('admin@patron.example');
    const before = await queryRows(api.ctx.db, sql`select count(*)::int as n from transactions`);
    const cases: [Record<string, unknown>, string][] = [
      [{ accountId: ids.kam1Usd, bookedOn: '2026-02-30', amount: '1.00' }, 'bookedOn'],
      [{ accountId: ids.kam1Usd, bookedOn: '2026-13-01', amount: '1.00' }, 'bookedOn'],
      [{ accountId: ids.kam1Usd, bookedOn: '20260101', amount: '1.00' }, 'bookedOn'],
      [{ accountId: ids.kam1Usd, bookedOn: '2026-01-01', amount: '1.005' }, 'amount'],
      [{ accountId: ids.kam1Usd, bookedOn: '2026-01-01', amount: '1.00', cost: '0.001' }, 'cost'],
      [{ accountId: ids.kam1Usd, bookedOn: '2026-01-01', amount: '1.5', currency: 'JPY' }, 'amount'],
      [{ accountId: ids.kam1Usd, bookedOn: '2026-01-01', amount: '1.00', currency: 'XYZ' }, 'currency'],
      [{ accountId: ids.kam1Usd, bookedOn: '2026-01-01', amount: 12 }, 'amount'],
      [{ accountId: ids.kam1Usd, bookedOn: '2026-01-01', amount: '1e5' }, 'amount'],
      [{ accountId: ids.kam1Usd, bookedOn: '2026-01-01', amount: '1.00', quantity: '1.23456' }, 'quantity'],
      [{ accountId: ids.kam1Usd, bookedOn: '2026-01-01', amount: '1.00', bogus: 1 }, 'bogus'],
      [{ accountId: 'not-a-uuid', bookedOn: '2026-01-01', amount: '1.00' }, 'accountId'],
      [{ accountId: ids.kam1Usd, bookedOn: '2026-01-01', amount: '1.00', externalId: 'TX-1' }, 'externalId'],
      [{ bookedOn: '2026-01-01', amount: '1.00' }, 'accountId'],
    ];
    for (const [body, path] of cases) {
      const answer = await admin.post('/api/v1/transactions', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
    }
    expect((await admin.get('/api/v1/transactions?from=2026-02-30')).status).toBe(400);
    expect((await admin.get('/api/v1/transactions?from=2026-03-01&to=2026-02-01')).status).toBe(400);
    expect((await admin.get(`/api/v1/accounts/${ids.kam1Usd}/monthly?from=2026-13`)).status).toBe(400);
    expect((await admin.get(`/api/v1/accounts/${ids.kam1Usd}/monthly?from=2026-03&to=2026-01`)).status).toBe(400);
    expect((await admin.patch(`/api/v1/transactions/${newId()}`, { amount: '1.00' }, 1)).status).toBe(404);
    expect((await admin.get('/api/v1/transactions/not-a-uuid')).status).toBe(400);
    expect(await queryRows(api.ctx.db, sql`select count(*)::int as n from transactions`)).toEqual(before);
  });
});

describe('dates', () => {
  it('reads month-boundary dates back unchanged and rolls them into their own months', async () => {
    const accountId = await account('kam4@patron.example', { name: 'Boundary Dates Inc' });
    for (const bookedOn of ['2026-01-31', '2026-03-01', '2024-02-29', '2026-12-31']) {
      const line = ok(await post('admin@patron.example', { accountId, bookedOn, amount: '1.00' }), 201);
      expect(line.bookedOn).toBe(bookedOn);
      expect(ok(await (await api.as('kam4@patron.example')).get(`/api/v1/transactions/${line.id}`), 200).bookedOn).toBe(bookedOn);
    }
    expect((await monthly(accountId)).items.map((m: { month: string }) => m.month)).toEqual(['2024-02', '2026-01', '2026-03', '2026-12']);
    expect((await monthly(accountId, '?from=2026-01&to=2026-03')).items.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2026-03']);
    const kam4 = await api.as('kam4@patron.example');
    const january = ok(await kam4.get(`/api/v1/transactions?accountId=${accountId}&from=2026-01-31&to=2026-02-28`), 200);
    expect(january.items.map((t: { bookedOn: string }) => t.bookedOn)).toEqual(['2026-01-31']);
    const [stored] = await queryRows<{ d: string }>(api.ctx.db, sql`select min(booked_on)::text as d from transactions where account_id = ${accountId}`);
    expect(stored!.d).toBe('2024-02-29');
  });
});

describe('importTransactionsBatch', () => {
  const actorOf = async (email: string): Promise<Actor> => (await api.as(email)).actor;
  const rows = (): TransactionImportRow[] => [
    { externalId: 'IMP-1', accountId: ids.kam1Usd, productId: ids.furniture, bookedOn: '2026-08-01', quantity: '1', amount: 10000n, cost: 6000n, currency: 'USD' },
    { externalId: 'IMP-2', accountId: ids.kam1Eur, productId: null, bookedOn: '2026-08-31', quantity: '2.5', amount: 1001n, cost: null, currency: 'EUR' },
    { externalId: 'IMP-3', accountId: ids.kam2Usd, productId: ids.technology, bookedOn: '2026-09-01', quantity: '-1', amount: -500n, cost: -300n, currency: 'USD' },
    { externalId: 'IMP-4', accountId: ids.kam2Usd, productId: ids.plain, bookedOn: '2026-09-02', quantity: '1', amount: 700n, cost: null, currency: 'USD' },
  ];
  const run = async (email: string, batch: TransactionImportRow[], importId = newId()) =>
    api.ctx.db.transaction(async (tx) => importTransactionsBatch(tx, await actorOf(email), batch, new Date('2026-11-23T10:00:00Z'), importId));

  it('inserts, leaves identical rows alone, updates changed ones, and keeps rollups current', async () => {
    const importId = newId();
    expect(await run('admin@patron.example', rows(), importId)).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const stored = await queryRows<{ external_id: string; amount_org: string; family: string | null; import_id: string; version: number; quantity: string }>(api.ctx.db, sql`
      select external_id, amount_org::text, family, import_id::text, version, quantity::text from transactions where external_id like 'IMP-%' order by external_id`);
    expect(stored).toEqual([
      { external_id: 'IMP-1', amount_org: '10000', family: 'Furniture', import_id: importId, version: 1, quantity: '1.0000' },
      // EUR 10.01 × 1.10 (in force since 2026-03-01) = 11.011 → 11.01
      { external_id: 'IMP-2', amount_org: '1101', family: null, import_id: importId, version: 1, quantity: '2.5000' },
      { external_id: 'IMP-3', amount_org: '-500', family: 'Technology', import_id: importId, version: 1, quantity: '-1.0000' },
      { external_id: 'IMP-4', amount_org: '700', family: null, import_id: importId, version: 1, quantity: '1.0000' },
    ]);
    await expectRollupsCurrent();
    expect(await run('admin@patron.example', rows())).toEqual({ created: 0, updated: 0, unchanged: 4 });
    const changed = rows();
    changed[0] = { ...changed[0]!, amount: 12000n, bookedOn: '2026-10-15' };
    changed[2] = { ...changed[2]!, accountId: ids.kam1Usd };
    changed.push({ externalId: 'IMP-5', accountId: ids.kam1Usd, productId: null, bookedOn: '2026-10-16', quantity: '1', amount: 1n, cost: null, currency: 'USD' });
    expect(await run('director@patron.example', changed)).toEqual({ created: 1, updated: 2, unchanged: 2 });
    const [first] = await queryRows<{ version: number; booked_on: string }>(api.ctx.db, sql`select version, booked_on::text from transactions where external_id = 'IMP-1'`);
    expect(first).toEqual({ version: 2, booked_on: '2026-10-15' });
    await expectRollupsCurrent();
    const line = ok(await (await api.as('kam1@patron.example')).get(`/api/v1/transactions?accountId=${ids.kam1Usd}&from=2026-10-15&to=2026-10-15`), 200);
    expect(line.items[0]).toMatchObject({ externalId: 'IMP-1', amount: '120.00', importId: expect.any(String) });
  });

  it('refuses duplicate external ids, missing FX rates and impossible dates by row index, writing nothing', async () => {
    const before = await queryRows(api.ctx.db, sql`select count(*)::int as n from transactions`);
    const batch: TransactionImportRow[] = [
      { externalId: 'BAD-1', accountId: ids.kam1Usd, productId: null, bookedOn: '2026-01-01', quantity: '1', amount: 1n, cost: null, currency: 'USD' },
      { externalId: 'BAD-1', accountId: ids.kam1Usd, productId: null, bookedOn: '2026-01-02', quantity: '1', amount: 1n, cost: null, currency: 'USD' },
      { externalId: 'BAD-2', accountId: ids.kam1Usd, productId: null, bookedOn: '2026-01-02', quantity: '1', amount: 1n, cost: null, currency: 'GBP' },
      { externalId: 'BAD-3', accountId: ids.kam1Usd, productId: null, bookedOn: '2026-02-30', quantity: '1', amount: 1n, cost: null, currency: 'USD' },
      { externalId: 'BAD-4', accountId: ids.kam1Usd, productId: null, bookedOn: '2026-02-01', quantity: '-1', amount: 1n, cost: null, currency: 'USD' },
    ];
    const error = await run('admin@patron.example', batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation');
    expect((error as AppError).errors!.map((e) => e.path).sort()).toEqual(['1.externalId', '2.currency', '3.bookedOn', '4.quantity']);
    expect((error as AppError).errors!.find((e) => e.path === '2.currency')!.message).toContain('GBP');
    expect(await queryRows(api.ctx.db, sql`select count(*)::int as n from transactions`)).toEqual(before);
  });

  it("refuses a manager's rows on accounts outside their tree, and roles that may not import", async () => {
    const batch: TransactionImportRow[] = [
      { externalId: 'MGR-1', accountId: ids.kam1Usd, productId: null, bookedOn: '2026-01-01', quantity: '1', amount: 1n, cost: null, currency: 'USD' },
      { externalId: 'MGR-2', accountId: ids.directorUsd, productId: null, bookedOn: '2026-01-01', quantity: '1', amount: 1n, cost: null, currency: 'USD' },
    ];
    const error = (await run('manager@patron.example', batch).catch((e: unknown) => e)) as AppError;
    expect(error.errors).toEqual([{ path: '1.accountExternalId', message: 'is not an account you can see' }]);
    expect(await run('manager@patron.example', [batch[0]!])).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const kam = (await run('kam1@patron.example', [batch[0]!]).catch((e: unknown) => e)) as AppError;
    expect(kam.code).toBe('forbidden');
    await expectRollupsCurrent();
  });
});
