import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';

let api: TestApi;
let admin: Caller;
let kam1: Caller;
let kam2: Caller;
const products = new Map<string, string>();

beforeAll(async () => {
  api = await createTestApi();
  const as = (p: string) => api.as(`${p}@patron.example`);
  [admin, kam1, kam2] = await Promise.all([as('admin'), as('kam1'), as('kam2')]);
  for (const family of ['Paper', 'Binders', 'Chairs', 'Phones', 'Storage', 'Furniture']) {
    const created = await admin.post('/api/v1/products', { sku: `DYN-${family}`, name: `${family} sample`, family });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    products.set(family, created.body.id);
  }
});
afterAll(() => api.close());

const account = async (body: Record<string, unknown>, who: Caller = kam1): Promise<string> => {
  const created = await who.post('/api/v1/accounts', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
};
const sell = async (accountId: string, bookedOn: string, amount: string, cost: string, family?: string) => {
  const created = await admin.post('/api/v1/transactions', { accountId, bookedOn, amount, cost, ...(family ? { productId: products.get(family) } : {}) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
};

describe('account dynamics', () => {
  it('answers revenue, gross profit, margin, change on a year earlier, mix, trend, forecast and share of wallet', async () => {
    const id = await account({ name: 'Dynamics Probe AG', region: 'Dyn Region', walletEstimate: '1000.00' });
    await sell(id, '2025-03-10', '100.00', '60.00');
    await sell(id, '2026-03-20', '150.00', '75.00', 'Furniture');
    const answer = await kam1.get(`/api/v1/accounts/${id}/dynamics?years=2`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const d = answer.body;
    expect(d).toMatchObject({ accountId: id, currency: 'USD', from: '2024-12', to: '2026-11' });
    expect(d.months).toHaveLength(24);
    expect(d.months.find((m: any) => m.period === '2026-03')).toEqual({ period: '2026-03', revenue: '150.00', grossProfit: '75.00', margin: '0.5', revenueYoy: '0.5', grossProfitYoy: '0.875' });
    expect(d.months.find((m: any) => m.period === '2026-04')).toEqual({ period: '2026-04', revenue: '0.00', grossProfit: '0.00', margin: null, revenueYoy: null, grossProfitYoy: null });
    expect(d.quarters.find((q: any) => q.period === '2026-Q1')).toEqual({ period: '2026-Q1', revenue: '150.00', grossProfit: '75.00', margin: '0.5', revenueYoy: '0.5', grossProfitYoy: '0.875' });
    expect(d.productMix).toEqual([
      { period: '2025-Q1', families: [{ family: '', revenue: '100.00', share: '1' }] },
      { period: '2026-Q1', families: [{ family: 'Furniture', revenue: '150.00', share: '1' }] },
    ]);
    // trailing 12 complete months 2025-11 … 2026-10; one month of 15000 cents at x = 4: slope −22500/143 = −157.3 cents
    expect(d.trend).toEqual({ slopePerMonth: '-1.57', relativeSlope: '-0.1259', direction: 'declining', window: { from: '2025-11', to: '2026-10' } });
    expect(d.forecast).toEqual([
      { period: '2026-Q4', revenue: '0.00', grossProfit: '0.00' },
      { period: '2027-Q1', revenue: '150.00', grossProfit: '75.00' },
      { period: '2027-Q2', revenue: '0.00', grossProfit: '0.00' },
      { period: '2027-Q3', revenue: '0.00', grossProfit: '0.00' },
    ]);
    expect(d.shareOfWallet.walletEstimate).toBe('1000.00');
    expect(d.shareOfWallet.items.find((s: any) => s.month === '2025-03')).toEqual({ month: '2025-03', trailingRevenue: '100.00', share: '0.1' });
    expect(d.shareOfWallet.items.find((s: any) => s.month === '2026-03')).toEqual({ month: '2026-03', trailingRevenue: '150.00', share: '0.15' });

    const portfolio = await kam1.get('/api/v1/dynamics?region=Dyn%20Region&years=2');
    expect(portfolio.status, JSON.stringify(portfolio.body)).toBe(200);
    expect(portfolio.body.accounts).toBe(1);
    expect(portfolio.body.quarters.find((q: any) => q.period === '2026-Q1').revenue).toBe('150.00');
    expect(portfolio.body.shareOfWallet.walletEstimate).toBe('1000.00');
    expect((await kam2.get('/api/v1/dynamics?region=Dyn%20Region')).body.accounts).toBe(0);
  });

  it('hides accounts the caller cannot see and refuses bad queries', async () => {
    const theirs = await account({ name: 'Not Yours Ltd' }, kam2);
    expect((await kam1.get(`/api/v1/accounts/${theirs}/dynamics`)).status).toBe(404);
    expect((await kam1.get(`/api/v1/accounts/${theirs}/whitespace`)).status).toBe(404);
    expect((await kam2.get(`/api/v1/accounts/${theirs}/dynamics?years=0`)).status).toBe(400);
    expect((await kam2.get(`/api/v1/accounts/${theirs}/dynamics?years=11`)).status).toBe(400);
    expect((await kam2.get('/api/v1/dynamics?tier=gold')).status).toBe(400);
  });
});

describe('whitespace', () => {
  it('ranks families the same-industry-and-region peers buy and this account does not', async () => {
    // The constructed portfolio of whitespace.test.ts, in an industry and region of its own.
    const segment = { industry: 'Zeta Widgets', region: 'Nowhere' };
    const target = await account({ name: 'WS Target', ...segment });
    const peers: [string, Record<string, string>][] = [
      ['WS p1', { Paper: '900.00', Chairs: '500.00' }],
      ['WS p2', { Paper: '100.00', Binders: '100.00', Chairs: '300.00', Storage: '50.00' }],
      ['WS p3', { Phones: '600.00' }],
      ['WS p4', { Binders: '400.00', Chairs: '200.00' }],
      ['WS p5', { Paper: '10.00', Phones: '400.00' }],
    ];
    await sell(target, '2026-06-15', '1000.00', '500.00', 'Paper');
    await sell(target, '2026-06-15', '200.00', '100.00', 'Binders');
    await sell(target, '2024-06-15', '999.00', '100.00', 'Storage'); // bought long ago: still whitespace now
    for (const [name, families] of peers) {
      const id = await account({ name, ...segment }, admin);
      for (const [family, amount] of Object.entries(families)) await sell(id, '2026-06-15', amount, '0.00', family);
    }
    const outsider = await account({ name: 'WS outsider', industry: 'Zeta Widgets', region: 'Elsewhere' }, admin);
    await sell(outsider, '2026-06-15', '9000.00', '0.00', 'Furniture');

    const answer = await kam1.get(`/api/v1/accounts/${target}/whitespace`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ accountId: target, currency: 'USD', window: { from: '2025-12', to: '2026-11' }, basis: 'industryAndRegion', peers: 5 });
    expect(answer.body.items.map((i: any) => [i.family, i.peerRevenue, i.averagePerBuyer, i.buyers, i.penetration])).toEqual([
      ['Chairs', '1000.00', '333.33', 3, '0.6'],
      ['Phones', '1000.00', '500.00', 2, '0.4'],
      ['Storage', '50.00', '50.00', 1, '0.2'],
    ]);
    expect(answer.body.items[0].why).toBe('3 of 5 similar accounts (same industry and region) buy Chairs: 1000.00 USD in the last 12 months, 333.33 USD each on average.');
  });
});
