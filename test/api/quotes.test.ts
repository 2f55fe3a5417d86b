import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';

let api: TestApi;
let admin: Caller;
let director: Caller;
let manager: Caller;
let kam1: Caller;
let kam2: Caller;
let bd1: Caller;
let viewer: Caller;
let account: any;
let desk: any;
let lamp: any;
let pen: any;

beforeAll(async () => {
  api = await createTestApi();
  [admin, director, manager, kam1, kam2, bd1, viewer] = await Promise.all([
    api.as('admin@patron.example'), api.as('director@patron.example'), api.as('manager@patron.example'), api.as('kam1@patron.example'),
    api.as('kam2@patron.example'), api.as('bd1@patron.example'), api.as('viewer@patron.example'),
  ]);
  account = (await kam1.post('/api/v1/accounts', { name: 'Quote Customer Inc' })).body;
  desk = (await admin.post('/api/v1/products', { sku: 'QT-DESK', name: 'Quote Desk', family: 'Quote Furniture', listPrice: '100.00', unitCost: '60.00' })).body;
  lamp = (await admin.post('/api/v1/products', { sku: 'QT-LAMP', name: 'Quote Lamp', family: 'Quote Lighting', listPrice: '40.00', unitCost: '30.00' })).body;
  pen = (await admin.post('/api/v1/products', { sku: 'QT-PEN', name: 'Quote Pen', family: 'Quote Writing', listPrice: '10.00', unitCost: '5.00' })).body;
  const agreed = await manager.post(`/api/v1/accounts/${account.id}/price-agreements`, { family: 'Quote Furniture', discountRate: '0.1', validFrom: '2026-01-01' });
  expect(agreed.status, JSON.stringify(agreed.body)).toBe(201);
});
afterAll(() => api.close());

const build = async (lines: unknown[], who: Caller = kam1, extra: Record<string, unknown> = {}) => {
  const answer = await who.post('/api/v1/quotes', { accountId: account.id, validUntil: '2026-12-31', lines, ...extra });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};
const act = (who: Caller, quote: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) =>
  who.post(`/api/v1/quotes/${quote.id}/${action}`, body, { 'if-match': `"${quote.version}"` });
const ok = async (promise: Promise<{ status: number; body: any }>, status = 200) => {
  const answer = await promise;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
};
const count = async (table: string): Promise<number> => Number((await queryRows<{ n: string }>(api.ctx.db, sql`select count(*) as n from ${sql.identifier(table)}`))[0]!.n);

describe('quotes', () => {
  it('pre-fills the agreed price, applies the manual discount, totals and margins; within the limits it is sent without approval', async () => {
    const quote = await build([{ productId: desk.id, quantity: 10 }, { productId: lamp.id, quantity: 2, discountRate: '0.05' }]);
    // desk: 100.00 less the agreed 10 % = 90.00 × 10 = 900.00 (cost 600.00); lamp: list 40.00 less 5 % = 38.00 × 2 = 76.00 (cost 60.00)
    expect(quote).toMatchObject({
      accountId: account.id, accountName: 'Quote Customer Inc', ownerId: kam1.actor.userId, status: 'draft', currency: 'USD', pricedOn: '2026-11-23', validUntil: '2026-12-31',
      listTotal: '1080.00', total: '976.00', discountTotal: '104.00', costTotal: '660.00', margin: '0.3238',
      approvalRequired: false, approvalReasons: [], allowedActions: ['submit', 'send'], canApprove: false, version: 1,
    });
    expect(quote.lines).toMatchObject([
      { position: 1, sku: 'QT-DESK', quantity: 10, listPrice: '100.00', agreedPrice: '90.00', rule: { kind: 'discount' }, discountRate: '0', unitPrice: '90.00', lineTotal: '900.00', unitCost: '60.00', margin: '0.3333' },
      { position: 2, sku: 'QT-LAMP', quantity: 2, listPrice: '40.00', agreedPrice: '40.00', rule: { kind: 'list_price', id: null }, discountRate: '0.05', unitPrice: '38.00', lineTotal: '76.00', unitCost: '30.00', margin: '0.2105' },
    ]);
    expect(quote.lines[0].rule.why).toBe('Own agreement: 10 % off the Quote Furniture family, valid from 2026-01-01');

    const sent = await ok(act(kam1, quote, 'send', { note: 'Emailed to the buyer' }));
    expect(sent).toMatchObject({ status: 'sent', allowedActions: ['accept', 'decline'], version: 2 });
    const accepted = await ok(act(kam1, sent, 'accept', { createAgreements: true, createOpportunity: true }));
    expect(accepted.status).toBe('accepted');
    // the deal lands in the pipeline as won, for the quote's total, owned by the quote's owner
    const won = await ok(kam1.get(`/api/v1/opportunities/${accepted.opportunityId}`));
    expect(won).toMatchObject({ accountId: account.id, amount: '976.00', currency: 'USD', stage: 'won', closeDate: '2026-11-23', ownerId: kam1.actor.userId });
    expect(won.products.map((p: any) => p.id).sort()).toEqual([desk.id, lamp.id].sort());
    // the accepted net prices became the account's own product agreements, for a year
    const agreements = (await kam1.get(`/api/v1/accounts/${account.id}/price-agreements`)).body.items;
    const fromQuote = agreements.filter((a: any) => a.note === `From accepted quote ${quote.id}`);
    expect(fromQuote.map((a: any) => [a.productName, a.netPrice, a.validFrom, a.validTo]).sort()).toEqual([
      ['Quote Desk', '90.00', '2026-11-23', '2027-11-22'],
      ['Quote Lamp', '38.00', '2026-11-23', '2027-11-22'],
    ]);
    expect((await kam1.get(`/api/v1/accounts/${account.id}/price?productId=${lamp.id}`)).body).toMatchObject({ unitPrice: '38.00', rule: { kind: 'net_price' } });
    const history = (await kam1.get(`/api/v1/quotes/${quote.id}/history`)).body.items;
    expect(history.map((e: any) => [e.action, e.fromStatus, e.toStatus, e.note])).toEqual([
      ['create', null, 'draft', ''],
      ['send', 'draft', 'sent', 'Emailed to the buyer'],
      ['accept', 'sent', 'accepted', ''],
    ]);
  });

  it('beyond the limits: a KAM cannot send or approve their own quote; the manager rejects with a reason, then approves the revision; history says who, when and why', async () => {
    // desk at 90.00 less 30 % = 63.00 × 10 = 630.00 against a cost of 600.00: margin 4.76 %
    const quote = await build([{ productId: desk.id, quantity: 10, discountRate: '0.3' }]);
    expect(quote).toMatchObject({ total: '630.00', margin: '0.0476', approvalRequired: true, allowedActions: ['submit'] });
    expect(quote.approvalReasons).toEqual([
      { kind: 'discount', position: 1, rate: '0.3', threshold: '0.15', message: 'Line 1: a 30 % discount is beyond the 15 % threshold' },
      { kind: 'margin', margin: '0.0476', floor: '0.2', message: 'The margin of 4.76 % is below the 20 % floor' },
    ]);
    const unsent = await act(kam1, quote, 'send');
    expect(unsent.status).toBe(409);
    expect(unsent.body.detail).toBe('This quote needs approval before it is sent: submit it');

    const submitted = await ok(act(kam1, quote, 'submit', { note: 'Volume deal' }));
    expect(submitted).toMatchObject({ status: 'submitted', canApprove: false });
    const own = await act(kam1, submitted, 'approve', { note: 'looks fine to me' });
    expect(own.status).toBe(403);
    expect(own.body.detail).toBe('You cannot approve or reject your own quote: it needs your manager, a director or an admin');
    expect((await act(bd1, submitted, 'approve')).status).toBe(404);
    expect((await act(viewer, submitted, 'approve')).status).toBe(403);
    expect((await act(kam2, submitted, 'approve')).status).toBe(404);

    // the approvals queue: the manager's (kam1 reports to them), not kam1's own
    expect((await manager.get('/api/v1/quotes?awaitingMyApproval=true')).body.items.map((q: any) => q.id)).toContain(quote.id);
    expect((await kam1.get('/api/v1/quotes?awaitingMyApproval=true')).body.items).toEqual([]);
    const home = (await manager.get('/api/v1/me/home')).body;
    expect(home.quotesAwaitingApproval.map((q: any) => q.id)).toContain(quote.id);
    expect((await manager.get(`/api/v1/quotes/${quote.id}`)).body.canApprove).toBe(true);

    expect((await act(manager, submitted, 'reject')).status).toBe(400);
    const rejected = await ok(act(manager, submitted, 'reject', { note: 'Margin too thin: at most 20 % off' }));
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: manager.actor.userId, decidedByName: 'Marek Nowak', decidedAt: '2026-11-23T10:00:00.000Z' });

    const revised = await ok(kam1.patch(`/api/v1/quotes/${quote.id}`, { lines: [{ productId: desk.id, quantity: 10, discountRate: '0.2' }] }, rejected.version));
    // 90.00 × 0.8 = 72.00 × 10 = 720.00, cost 600.00: margin 16.67 %, discount 20 %: still needs approval
    expect(revised).toMatchObject({ status: 'draft', total: '720.00', margin: '0.1667', approvalRequired: true, decidedBy: null });
    const resubmitted = await ok(act(kam1, revised, 'submit'));
    const approved = await ok(act(manager, resubmitted, 'approve', { note: 'Three-year volume commitment' }));
    expect(approved).toMatchObject({ status: 'approved', decidedByName: 'Marek Nowak', allowedActions: ['send'] });
    const sent = await ok(act(kam1, approved, 'send'));
    await ok(act(kam1, sent, 'decline', { note: 'Went with a competitor' }));

    const history = (await kam1.get(`/api/v1/quotes/${quote.id}/history`)).body.items;
    expect(history.map((e: any) => [e.action, e.actorName, e.toStatus, e.note])).toEqual([
      ['create', 'Kira Lindqvist', 'draft', ''],
      ['submit', 'Kira Lindqvist', 'submitted', 'Volume deal'],
      ['reject', 'Marek Nowak', 'rejected', 'Margin too thin: at most 20 % off'],
      ['update', 'Kira Lindqvist', 'draft', ''],
      ['submit', 'Kira Lindqvist', 'submitted', ''],
      ['approve', 'Marek Nowak', 'approved', 'Three-year volume commitment'],
      ['send', 'Kira Lindqvist', 'sent', ''],
      ['decline', 'Kira Lindqvist', 'declined', 'Went with a competitor'],
    ]);
    expect(history.every((e: any) => e.at === '2026-11-23T10:00:00.000Z')).toBe(true);
    const audit = await admin.get(`/api/v1/audit?entity=quote&entityId=${quote.id}`);
    expect(audit.body.items).toHaveLength(8);
  });

  it("a manager's own quote goes to the director; a director's or admin's approval counts for anyone else's", async () => {
    const managers = await build([{ productId: desk.id, quantity: 1, discountRate: '0.5' }], manager);
    const submitted = await ok(act(manager, managers, 'submit'));
    expect((await act(manager, submitted, 'approve')).status).toBe(403);
    expect((await director.get('/api/v1/quotes?awaitingMyApproval=true')).body.items.map((q: any) => q.id)).toContain(managers.id);
    expect((await ok(act(director, submitted, 'approve'))).decidedBy).toBe(director.actor.userId);
    const kams = await ok(act(kam1, await build([{ productId: desk.id, quantity: 1, discountRate: '0.5' }]), 'submit'));
    expect((await ok(act(admin, kams, 'approve'))).status).toBe('approved');
  });

  it('admins set the limits; new quotes follow them; sending a draft re-checks them', async () => {
    const settings = await ok(kam1.get('/api/v1/settings/quotes'));
    expect(settings).toEqual({ discountThreshold: '0.15', marginFloor: '0.2', version: 1 });
    const draft = await build([{ productId: pen.id, quantity: 1, discountRate: '0.12' }]);
    expect(draft.approvalRequired).toBe(false);
    expect((await kam1.request('PUT', '/api/v1/settings/quotes', { discountThreshold: '0.1', marginFloor: '0.2' }, { 'if-match': '"1"' })).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/settings/quotes', { discountThreshold: '10', marginFloor: '0.2' }, { 'if-match': '"1"' })).status).toBe(400);
    const changed = await ok(admin.request('PUT', '/api/v1/settings/quotes', { discountThreshold: '0.1', marginFloor: '0.2' }, { 'if-match': '"1"' }));
    expect(changed).toEqual({ discountThreshold: '0.1', marginFloor: '0.2', version: 2 });
    expect((await admin.request('PUT', '/api/v1/settings/quotes', { discountThreshold: '0.1', marginFloor: '0.2' }, { 'if-match': '"1"' })).status).toBe(412);
    expect((await build([{ productId: pen.id, quantity: 1, discountRate: '0.12' }])).approvalRequired).toBe(true);
    const refused = await act(kam1, draft, 'send');
    expect(refused.status).toBe(409);
    expect((await kam1.get(`/api/v1/quotes/${draft.id}`)).body.approvalRequired).toBe(false);
    await ok(admin.request('PUT', '/api/v1/settings/quotes', { discountThreshold: '0.15', marginFloor: '0.2' }, { 'if-match': '"2"' }));
  });

  it('previews a quote without storing it', async () => {
    const before = await count('quotes');
    const preview = await ok(kam1.post('/api/v1/quotes/preview', { accountId: account.id, validUntil: '2026-12-31', lines: [{ productId: desk.id, quantity: 3, discountRate: '0.2' }] }));
    expect(preview).toMatchObject({ currency: 'USD', total: '216.00', margin: '0.1667', approvalRequired: true, lines: [{ agreedPrice: '90.00', unitPrice: '72.00' }] });
    expect(await count('quotes')).toBe(before);
  });

  it('exports an .xlsx with typed money cells, percentages and frozen headers', async () => {
    // desk at the accepted net price 90.00 × 10; pen 10.00 less 5 % = 9.50 × 2 = 19.00
    const quote = await build([{ productId: desk.id, quantity: 10 }, { productId: pen.id, quantity: 2, discountRate: '0.05' }]);
    const answer = await kam1.get(`/api/v1/quotes/${quote.id}/export?format=xlsx`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="quote-Quote-Customer-Inc-2026-11-23.xlsx"');
    const token = (await kam1.post('/api/v1/tokens', { name: 'export test' })).body.token;
    const raw = await api.app.inject({ method: 'GET', url: `/api/v1/quotes/${quote.id}/export?format=xlsx`, headers: { authorization: `Bearer ${token}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Quote', 'Lines']);
    const summary = workbook.getWorksheet('Quote')!;
    expect(summary.getCell('B2').value).toBe('Quote Customer Inc');
    expect(summary.getCell('B6').value).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(summary.getCell('B11').value).toBe(919);
    expect(summary.getCell('B11').numFmt).toBe('#,##0.00 "USD"');
    const lines = workbook.getWorksheet('Lines')!;
    expect(lines.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(lines.getRow(1).values).toEqual([undefined, '#', 'SKU', 'Product', 'Quantity', 'List price', 'Agreed price', 'Discount', 'Unit price', 'Line total', 'Unit cost', 'Margin', 'Price rule']);
    expect([2, 3].map((r) => [lines.getCell(`D${r}`).value, lines.getCell(`F${r}`).value, lines.getCell(`G${r}`).value, lines.getCell(`I${r}`).value])).toEqual([[10, 90, 0, 900], [2, 10, 0.05, 19]]);
    expect(lines.getCell('I2').numFmt).toBe('#,##0.00 "USD"');
    expect(lines.getCell('G3').numFmt).toBe('0.0%');
    expect(lines.getCell('I4').value).toBe(919);
    expect((await kam2.get(`/api/v1/quotes/${quote.id}/export?format=xlsx`)).status).toBe(404);
    expect((await kam1.get(`/api/v1/quotes/${quote.id}/export?format=pdf`)).status).toBe(400);
  });

  it('refuses bad quotes, stale versions and wrong moves; writes nothing', async () => {
    const before = [await count('quotes'), await count('quote_lines'), await count('quote_events')];
    const bad: [Record<string, unknown>, string][] = [
      [{ accountId: account.id, validUntil: '2026-12-31', lines: [] }, 'lines'],
      [{ accountId: account.id, validUntil: '2026-12-31' }, 'lines'],
      [{ accountId: account.id, validUntil: '2026-11-22', lines: [{ productId: desk.id, quantity: 1 }] }, 'validUntil'],
      [{ accountId: account.id, validUntil: 'tomorrow', lines: [{ productId: desk.id, quantity: 1 }] }, 'validUntil'],
      [{ accountId: account.id, validUntil: '2026-12-31', lines: [{ productId: desk.id, quantity: 0 }] }, 'quantity'],
      [{ accountId: account.id, validUntil: '2026-12-31', lines: [{ productId: desk.id, quantity: '2' }] }, 'quantity'],
      [{ accountId: account.id, validUntil: '2026-12-31', lines: [{ productId: desk.id, quantity: 1, discountRate: '15' }] }, 'discountRate'],
      [{ accountId: account.id, validUntil: '2026-12-31', lines: [{ productId: desk.id, quantity: 1, discountRate: '-0.1' }] }, 'discountRate'],
      [{ accountId: account.id, validUntil: '2026-12-31', lines: [{ productId: '01936b2e-7c1a-7000-8000-000000000999', quantity: 1 }] }, 'lines.0.productId'],
      [{ accountId: account.id, validUntil: '2026-12-31', lines: [{ productId: desk.id, quantity: 1 }], status: 'approved' }, 'status'],
    ];
    for (const [body, path] of bad) {
      const answer = await kam1.post('/api/v1/quotes', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer.body.errors), JSON.stringify(body)).toContain(path);
    }
    expect((await viewer.post('/api/v1/quotes', { accountId: account.id, validUntil: '2026-12-31', lines: [{ productId: desk.id, quantity: 1 }] })).status).toBe(403);
    expect((await kam2.post('/api/v1/quotes', { accountId: account.id, validUntil: '2026-12-31', lines: [{ productId: desk.id, quantity: 1 }] })).status).toBe(404);
    expect([await count('quotes'), await count('quote_lines'), await count('quote_events')]).toEqual(before);

    const quote = await build([{ productId: desk.id, quantity: 1 }]);
    expect((await kam1.post(`/api/v1/quotes/${quote.id}/submit`, {})).status).toBe(428);
    expect((await act(kam1, { ...quote, version: 9 }, 'submit')).status).toBe(412);
    expect((await act(kam1, quote, 'accept')).status).toBe(409);
    expect((await act(kam1, quote, 'submit', { createAgreements: true })).status).toBe(400);
    expect((await act(kam1, quote, 'send', { createOpportunity: true })).status).toBe(400);
    const sent = await ok(act(kam1, quote, 'send'));
    const locked = await kam1.patch(`/api/v1/quotes/${quote.id}`, { note: 'too late' }, sent.version);
    expect(locked.status).toBe(409);
    api.ctx.clock.set('2027-01-01T09:00:00Z');
    try {
      const expired = await act(kam1, sent, 'accept');
      expect(expired.status).toBe(409);
      expect(expired.body.detail).toBe('The quote expired on 2026-12-31; change its validity first');
    } finally {
      api.ctx.clock.set('2026-11-23T10:00:00Z');
    }
  });

  it('lists with filters; other people see only the accounts they may', async () => {
    const mine = (await kam1.get(`/api/v1/quotes?mine=true&accountId=${account.id}`)).body.items;
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(mine.every((q: any) => q.ownerId === kam1.actor.userId && q.lines === undefined)).toBe(true);
    const declined = (await kam1.get('/api/v1/quotes?status=declined')).body.items;
    expect(declined.length).toBe(1);
    expect((await kam2.get(`/api/v1/quotes?accountId=${account.id}`)).body.items).toEqual([]);
    const page = await kam1.get('/api/v1/quotes?limit=2');
    expect(page.body.items).toHaveLength(2);
    const next = await kam1.get(`/api/v1/quotes?limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(next.body.items[0].id).not.toBe(page.body.items[1].id);
    expect((await (await api.as('admin@rival.example')).get(`/api/v1/quotes/${mine[0].id}`)).status).toBe(404);
  });
});
