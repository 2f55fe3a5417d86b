import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { queryRows } from '../../src/db/connection.ts';
import { loadRateBook, rateFor } from '../../src/modules/fx/service.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { OTHER_ORG_ADMIN, OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
let orgId: string;
beforeAll(async () => {
  api = await createTestApi();
  orgId = (await api.as('admin@patron.example')).actor.orgId;
});
afterAll(() => api.close());

const put = async (email: string, path: string, body: unknown) => (await api.as(email)).request('PUT', `/api/v1/fx-rates/${path}`, body);
const auditCount = async (entityId: string): Promise<number> =>
  (await queryRows<{ n: number }>(api.ctx.db, sql`select count(*)::int as n from audit_log where entity = 'fx_rate' and entity_id = ${entityId}`))[0]!.n;

describe('FX rates', () => {
  it('sets a rate idempotently (201, then 200 without a new audit row) and audits real changes', async () => {
    const created = await put('director@patron.example', 'EUR/2026-01-01', { rate: '1.0850' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ currency: 'EUR', effectiveOn: '2026-01-01', rate: '1.085', orgCurrency: 'USD' });
    expect(await auditCount('EUR/2026-01-01')).toBe(1);
    const again = await put('director@patron.example', 'EUR/2026-01-01', { rate: '1.085' });
    expect(again.status).toBe(200);
    expect(again.body.rate).toBe('1.085');
    expect(await auditCount('EUR/2026-01-01')).toBe(1);
    const changed = await put('admin@patron.example', 'EUR/2026-01-01', { rate: '1.09' });
    expect(changed.status).toBe(200);
    expect(changed.body.rate).toBe('1.09');
    expect(await auditCount('EUR/2026-01-01')).toBe(2);
    const [audit] = await queryRows<{ action: string; before: { rate: string }; after: { rate: string } }>(api.ctx.db, sql`
      select action, before, after from audit_log where entity = 'fx_rate' and entity_id = 'EUR/2026-01-01' and action = 'update'`);
    expect(audit).toMatchObject({ action: 'update', before: { rate: '1.0850000000' }, after: { rate: '1.0900000000' } });
  });

  it('lets only admin and director set rates and only the admin delete them', async () => {
    for (const email of ['manager@patron.example', 'kam1@patron.example', 'bd1@patron.example', 'viewer@patron.example']) {
      expect((await put(email, 'GBP/2026-01-01', { rate: '1.25' })).status, email).toBe(403);
    }
    expect((await api.anonymous.request('PUT', '/api/v1/fx-rates/GBP/2026-01-01', { rate: '1.25' })).status).toBe(401);
    expect((await put('director@patron.example', 'GBP/2026-01-01', { rate: '1.25' })).status).toBe(201);
    expect((await (await api.as('director@patron.example')).request('DELETE', '/api/v1/fx-rates/GBP/2026-01-01')).status).toBe(403);
    const admin = await api.as('admin@patron.example');
    expect((await admin.request('DELETE', '/api/v1/fx-rates/GBP/2026-01-01')).status).toBe(204);
    expect((await admin.request('DELETE', '/api/v1/fx-rates/GBP/2026-01-01')).status).toBe(404);
    expect(await auditCount('GBP/2026-01-01')).toBe(2);
    expect(ok(await admin.get('/api/v1/fx-rates?currency=GBP')).items).toEqual([]);
  });

  it('refuses bad currencies, dates, rates and fields with 400 and stores nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['USD/2026-01-01', { rate: '1' }, 'currency'],
      ['XYZ/2026-01-01', { rate: '1' }, 'currency'],
      ['eur/2026-01-01', { rate: '1' }, 'currency'],
      ['EUR/2026-02-30', { rate: '1' }, 'effectiveOn'],
      ['EUR/2026-1-1', { rate: '1' }, 'effectiveOn'],
      ['EUR/2026-05-01', { rate: '0' }, 'rate'],
      ['EUR/2026-05-01', { rate: '-1.1' }, 'rate'],
      ['EUR/2026-05-01', { rate: '1.12345678901' }, 'rate'],
      ['EUR/2026-05-01', { rate: 1.1 }, 'rate'],
      ['EUR/2026-05-01', { rate: '1.1', note: 'x' }, 'note'],
      ['EUR/2026-05-01', {}, 'rate'],
    ];
    const before = await queryRows(api.ctx.db, sql`select count(*)::int as n from fx_rates`);
    for (const [path, body, field] of cases) {
      const answer = await put('admin@patron.example', path, body);
      expect(answer.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(answer.body.errors.map((e: { path: string }) => e.path).join(' '), `${path} ${JSON.stringify(body)}`).toContain(field);
    }
    expect(await queryRows(api.ctx.db, sql`select count(*)::int as n from fx_rates`)).toEqual(before);
  });

  it('lists rates by currency, newest first, pages, filters, and keeps organisations apart', async () => {
    for (const [path, rate] of [['CHF/2026-01-01', '1.12'], ['CHF/2026-02-01', '1.13'], ['CHF/2026-03-01', '1.14'], ['EUR/2026-02-01', '1.10']] as const) {
      expect((await put('admin@patron.example', path, { rate })).status).toBe(201);
    }
    const viewer = await api.as('viewer@patron.example');
    const all = ok(await viewer.get('/api/v1/fx-rates?limit=500'));
    expect(all.items.map((r: { currency: string; effectiveOn: string }) => `${r.currency}/${r.effectiveOn}`)).toEqual([
      'CHF/2026-03-01', 'CHF/2026-02-01', 'CHF/2026-01-01', 'EUR/2026-02-01', 'EUR/2026-01-01',
    ]);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = ok(await viewer.get(`/api/v1/fx-rates?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      paged.push(...page.items.map((r: { currency: string; effectiveOn: string }) => `${r.currency}/${r.effectiveOn}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toHaveLength(5);
    expect(ok(await viewer.get('/api/v1/fx-rates?currency=EUR')).items).toHaveLength(2);
    // The rival organisation keeps its books in SEK: its rates are its own.
    expect(ok(await (await api.as(OTHER_ORG_KAM)).get('/api/v1/fx-rates')).items).toEqual([]);
    const rival = await put(OTHER_ORG_ADMIN, 'USD/2026-01-01', { rate: '10.5' });
    expect(rival.status).toBe(201);
    expect(rival.body).toMatchObject({ currency: 'USD', orgCurrency: 'SEK' });
    expect(ok(await viewer.get('/api/v1/fx-rates?currency=USD')).items).toEqual([]);
    expect((await (await api.as(OTHER_ORG_ADMIN)).request('DELETE', '/api/v1/fx-rates/CHF/2026-01-01')).status).toBe(404);
    expect(ok(await viewer.get('/api/v1/fx-rates?currency=CHF')).items).toHaveLength(3);
  });

  it('resolves the rate in force on a date for other modules, in one query or in a batch', async () => {
    expect(await rateFor(api.ctx.db, orgId, 'USD', '1900-01-01')).toBe('1');
    expect(await rateFor(api.ctx.db, orgId, 'CHF', '2026-02-15')).toBe('1.13');
    expect(await rateFor(api.ctx.db, orgId, 'CHF', '2027-01-01')).toBe('1.14');
    const missing = await rateFor(api.ctx.db, orgId, 'CHF', '2025-12-31').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect((missing as AppError).code).toBe('unprocessable');
    expect((missing as AppError).message).toContain('CHF');
    expect((missing as AppError).message).toContain('2025-12-31');
    const book = await loadRateBook(api.ctx.db, orgId, ['CHF', 'EUR', 'USD', 'JPY']);
    expect(book.rateOn('CHF', '2026-01-31')).toBe('1.12');
    expect(book.rateOn('EUR', '2026-01-31')).toBe('1.09');
    expect(book.rateOn('USD', '2026-01-31')).toBe('1');
    expect(book.rateOn('JPY', '2026-01-31')).toBeUndefined();
  });
});

function ok<T = any>(answer: { status: number; body: T }, status = 200): T {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}
