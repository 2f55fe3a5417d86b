import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opportunitiesForPeriod } from '../../src/modules/opportunities/service.ts';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';
import { OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
let kam1: Caller;
let kam2: Caller;
let admin: Caller;
let viewer: Caller;
let manager: Caller;
let accountId: string;
let otherAccountId: string;

beforeAll(async () => {
  api = await createTestApi();
  const as = (p: string) => api.as(`${p}@patron.example`);
  [kam1, kam2, admin, viewer, manager] = await Promise.all([as('kam1'), as('kam2'), as('admin'), as('viewer'), as('manager')]);
  accountId = (await kam1.post('/api/v1/accounts', { name: 'Pipeline Werke GmbH' })).body.id;
  otherAccountId = (await kam2.post('/api/v1/accounts', { name: 'Kam Two Trading' })).body.id;
});
afterAll(() => api.close());

const base = { name: 'Office refresh', amount: '48000.00', currency: 'USD', stage: 'qualify', closeDate: '2027-02-28' };
const create = async (body: Record<string, unknown> = {}, who: Caller = kam1) => {
  const answer = await who.post('/api/v1/opportunities', { accountId, ...base, ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};
const countRows = async (table: string, where: string): Promise<number> => {
  const result = (await api.ctx.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`))) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
};

describe('opportunities', () => {
  it('creates with the stage defaults, the account owner as owner; history and audit written', async () => {
    const created = await create({ competitor: 'Staples' });
    expect(created).toMatchObject({
      accountId, accountName: 'Pipeline Werke GmbH', name: 'Office refresh', ownerId: kam1.actor.userId, amount: '48000.00', currency: 'USD',
      stage: 'qualify', outcome: 'open', probability: '0.1', weightedAmount: '4800.00', forecastCategory: 'pipeline', closeDate: '2027-02-28',
      closedAt: null, products: [], competitor: 'Staples', lostReason: null, version: 1,
    });
    const history = await kam1.get(`/api/v1/opportunities/${created.id}/history`);
    expect(history.body).toMatchObject([{ fromStage: null, toStage: 'qualify', amount: '48000.00', currency: 'USD', probability: '0.1', actorId: kam1.actor.userId }]);
    const audit = await admin.get(`/api/v1/audit?entity=opportunity&entityId=${created.id}`);
    expect(audit.body.items).toMatchObject([{ action: 'create', actorId: kam1.actor.userId }]);
  });

  it('takes explicit probability, forecast category, owner and products', async () => {
    const product = (await admin.post('/api/v1/products', { sku: 'OPP-CHAIR-1', name: 'Task chair', family: 'Furniture', listPrice: '120.00' })).body;
    const created = await create({ stage: 'develop', probability: '0.3', forecastCategory: 'commit', ownerId: kam2.actor.userId, productIds: [product.id] });
    expect(created).toMatchObject({ probability: '0.3', forecastCategory: 'commit', ownerId: kam2.actor.userId, weightedAmount: '14400.00', products: [{ id: product.id, name: 'Task chair', family: 'Furniture' }] });
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await countRows('opportunities', `account_id = '${accountId}'`);
    const cases: [Record<string, unknown>, string][] = [
      [{ stage: 'signed' }, 'stage'],
      [{ amount: '12.345' }, 'amount'],
      [{ amount: '-5.00' }, 'amount'],
      [{ currency: 'XXY' }, 'currency'],
      [{ probability: '1.5' }, 'probability'],
      [{ stage: 'won', probability: '0.5' }, 'probability'],
      [{ stage: 'qualify', forecastCategory: 'closed' }, 'forecastCategory'],
      [{ stage: 'lost' }, 'lostReason'],
      [{ ownerId: viewer.actor.userId }, 'ownerId'],
      [{ productIds: ['01936b2e-7c1a-7000-8000-000000000999'] }, 'productIds'],
      [{ name: '' }, 'name'],
      [{ closeDate: '2027-02-30' }, 'closeDate'],
      [{ extra: 1 }, 'extra'],
    ];
    for (const [body, path] of cases) {
      const answer = await kam1.post('/api/v1/opportunities', { accountId, ...base, ...body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer.body.errors ?? answer.body), JSON.stringify(body)).toContain(path);
    }
    const { amount: _amount, ...noAmount } = base;
    expect((await kam1.post('/api/v1/opportunities', { accountId, ...noAmount })).status).toBe(400);
    expect(await countRows('opportunities', `account_id = '${accountId}'`)).toBe(before);
  });

  it('moves through stages with If-Match: defaults follow, history keeps the amount then, won closes it', async () => {
    const created = await create({ amount: '10000.00' });
    const moved = await kam1.patch(`/api/v1/opportunities/${created.id}`, { stage: 'propose', amount: '12000.00' }, created.version);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ stage: 'propose', probability: '0.5', forecastCategory: 'bestCase', amount: '12000.00', version: 2 });
    expect(moved.headers.etag).toBe('"2"');

    const stale = await kam1.patch(`/api/v1/opportunities/${created.id}`, { stage: 'negotiate' }, created.version);
    expect(stale.status).toBe(412);
    expect((await kam1.request('PATCH', `/api/v1/opportunities/${created.id}`, { stage: 'negotiate' })).status).toBe(428);

    const tuned = await kam1.patch(`/api/v1/opportunities/${created.id}`, { probability: '0.6' }, 2);
    expect(tuned.body).toMatchObject({ stage: 'propose', probability: '0.6', forecastCategory: 'bestCase', version: 3 });
    const won = await manager.patch(`/api/v1/opportunities/${created.id}`, { stage: 'won' }, 3);
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    expect(won.body).toMatchObject({ stage: 'won', outcome: 'won', probability: '1', forecastCategory: 'closed', closeDate: '2026-11-23', closedAt: '2026-11-23T10:00:00.000Z' });

    const history = (await kam1.get(`/api/v1/opportunities/${created.id}/history`)).body;
    expect(history.map((h: any) => [h.fromStage, h.toStage, h.amount, h.probability, h.actorId])).toEqual([
      [null, 'qualify', '10000.00', '0.1', kam1.actor.userId],
      ['qualify', 'propose', '12000.00', '0.5', kam1.actor.userId],
      ['propose', 'won', '12000.00', '1', manager.actor.userId],
    ]);
  });

  it('needs a lost reason to lose a deal; reopening clears it and the closing stamp', async () => {
    const created = await create();
    const refused = await kam1.patch(`/api/v1/opportunities/${created.id}`, { stage: 'lost' }, 1);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'lostReason', message: 'is needed to mark an opportunity lost' }]);
    const lost = await kam1.patch(`/api/v1/opportunities/${created.id}`, { stage: 'lost', lostReason: 'Price' }, 1);
    expect(lost.body).toMatchObject({ outcome: 'lost', probability: '0', forecastCategory: 'omitted', lostReason: 'Price' });
    const reopened = await kam1.patch(`/api/v1/opportunities/${created.id}`, { stage: 'develop' }, 2);
    expect(reopened.body).toMatchObject({ outcome: 'open', probability: '0.25', lostReason: null, closedAt: null });
  });

  it('changing the currency needs the amount in it too', async () => {
    const created = await create();
    const answer = await kam1.patch(`/api/v1/opportunities/${created.id}`, { currency: 'EUR' }, 1);
    expect(answer.body.errors).toEqual([{ path: 'amount', message: 'give the amount in the new currency too' }]);
  });

  it('sees opportunities of visible accounts only; the viewer reads but cannot write', async () => {
    const mine = await create();
    const theirs = (await kam2.post('/api/v1/opportunities', { accountId: otherAccountId, ...base })).body;
    expect((await kam1.get(`/api/v1/opportunities/${theirs.id}`)).status).toBe(404);
    expect((await kam1.patch(`/api/v1/opportunities/${theirs.id}`, { name: 'x' }, 1)).status).toBe(404);
    expect((await kam1.post('/api/v1/opportunities', { accountId: otherAccountId, ...base })).status).toBe(404);
    const listed = (await kam1.get('/api/v1/opportunities?limit=500')).body.items.map((o: any) => o.id);
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(theirs.id);
    expect((await viewer.get(`/api/v1/opportunities/${theirs.id}`)).status).toBe(200);
    expect((await viewer.patch(`/api/v1/opportunities/${theirs.id}`, { name: 'x' }, 1)).status).toBe(403);
    const rival = await api.as(OTHER_ORG_KAM);
    expect((await rival.get(`/api/v1/opportunities/${mine.id}`)).status).toBe(404);
  });

  it('filters by owner, account, stage, outcome, forecast category and close date; pages by cursor', async () => {
    const account = (await kam1.post('/api/v1/accounts', { name: 'Filter Test AG' })).body.id;
    const made = [];
    for (const [stage, closeDate] of [['qualify', '2027-01-10'], ['propose', '2027-01-20'], ['negotiate', '2027-02-05'], ['propose', '2027-03-01']] as const) {
      made.push((await kam1.post('/api/v1/opportunities', { ...base, accountId: account, stage, closeDate })).body);
    }
    const ids = async (query: string) => (await kam1.get(`/api/v1/opportunities?accountId=${account}&${query}`)).body.items.map((o: any) => o.id);
    expect(await ids('stage=propose')).toEqual([made[1].id, made[3].id]);
    expect(await ids('forecastCategory=commit')).toEqual([made[2].id]);
    expect(await ids('closeFrom=2027-01-20&closeTo=2027-02-05')).toEqual([made[1].id, made[2].id]);
    expect(await ids('sort=-closeDate')).toEqual([made[3].id, made[2].id, made[1].id, made[0].id]);
    expect(await ids(`ownerId=${kam2.actor.userId}`)).toEqual([]);
    expect(await ids('outcome=won')).toEqual([]);
    const first = (await kam1.get(`/api/v1/opportunities?accountId=${account}&limit=3`)).body;
    expect(first.items.map((o: any) => o.id)).toEqual(made.slice(0, 3).map((o) => o.id));
    const second = (await kam1.get(`/api/v1/opportunities?accountId=${account}&limit=3&cursor=${first.nextCursor}`)).body;
    expect(second).toEqual({ items: [expect.objectContaining({ id: made[3].id })], nextCursor: null });
    expect((await kam1.get('/api/v1/opportunities?cursor=nonsense')).status).toBe(400);
    expect((await kam1.get(`/api/v1/opportunities?accountId=${otherAccountId}`)).status).toBe(404);
  });

  it('totals per owner, weighted and unweighted, converted to the organisation currency', async () => {
    expect((await admin.request('PUT', '/api/v1/fx-rates/EUR/2026-01-01', { rate: '1.10' })).status).toBe(201);
    const account = (await kam2.post('/api/v1/accounts', { name: 'Totals Test SA' })).body.id;
    await kam2.post('/api/v1/opportunities', { ...base, accountId: account, amount: '1000.00', currency: 'EUR', stage: 'propose' }); // 1100 USD × 0.5 = 550
    await kam2.post('/api/v1/opportunities', { ...base, accountId: account, amount: '333.33', stage: 'develop', probability: '0.3333' }); // 111.10 (111.099889)
    await kam2.post('/api/v1/opportunities', { ...base, accountId: account, amount: '500.00', stage: 'qualify', ownerId: manager.actor.userId }); // 50
    await kam2.post('/api/v1/opportunities', { ...base, accountId: account, amount: '900.00', stage: 'lost', lostReason: 'Timing' });
    const totals = await kam2.get(`/api/v1/opportunities/totals?accountId=${account}&outcome=open`);
    expect(totals.status, JSON.stringify(totals.body)).toBe(200);
    expect(totals.body).toEqual({
      currency: 'USD',
      asOf: '2026-11-23',
      owners: [
        { ownerId: kam2.actor.userId, ownerName: expect.any(String), count: 2, amount: '1433.33', weightedAmount: '661.10' },
        { ownerId: manager.actor.userId, ownerName: expect.any(String), count: 1, amount: '500.00', weightedAmount: '50.00' },
      ],
      total: { count: 3, amount: '1933.33', weightedAmount: '711.10' },
    });
    await kam2.post('/api/v1/opportunities', { ...base, accountId: account, amount: '10.00', currency: 'JPY' });
    const missing = await kam2.get(`/api/v1/opportunities/totals?accountId=${account}`);
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toContain('JPY');
  });

  it('keeps a negotiation log: add, list newest first, only the author edits', async () => {
    const deal = await create({ currency: 'EUR', amount: '20000.00' });
    const url = `/api/v1/opportunities/${deal.id}/negotiation`;
    const first = await kam1.post(url, {
      occurredOn: '2026-11-10', ourPosition: '8 % off list', theirPosition: 'Wants 15 %',
      concessionsGiven: [{ description: 'Free delivery', value: '1200.00' }], concessionsReceived: [{ description: 'Two-year term' }], nextMove: 'Revised quote',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      occurredOn: '2026-11-10', authorId: kam1.actor.userId, editable: true,
      concessionsGiven: [{ description: 'Free delivery', value: '1200.00', currency: 'EUR' }],
      concessionsReceived: [{ description: 'Two-year term', value: null, currency: null }],
    });
    const second = (await manager.post(url, { agreedTerms: '10 % off list, 45-day terms' })).body;
    expect(second.occurredOn).toBe('2026-11-23');
    const list = (await kam1.get(url)).body.items;
    expect(list.map((e: any) => [e.id, e.editable])).toEqual([[second.id, false], [first.body.id, true]]);

    expect((await manager.patch(`${url}/${first.body.id}`, { nextMove: 'Call' }, 1)).status).toBe(403);
    const edited = await kam1.patch(`${url}/${first.body.id}`, { nextMove: 'Call the CFO', concessionsGiven: [{ description: 'Free delivery', value: '900.00', currency: 'USD' }] }, 1);
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ nextMove: 'Call the CFO', ourPosition: '8 % off list', concessionsGiven: [{ value: '900.00', currency: 'USD' }], version: 2 });
    expect((await kam1.patch(`${url}/${first.body.id}`, { nextMove: 'x' }, 1)).status).toBe(412);
    expect((await kam1.post(url, {})).status).toBe(400);
    expect((await kam1.post(url, { concessionsGiven: [{ description: 'x', value: '1.234' }] })).body.errors).toEqual([{ path: 'concessionsGiven/0/value', message: 'EUR amounts have at most 2 decimal places' }]);
    expect((await viewer.post(url, { nextMove: 'x' })).status).toBe(403);
    const audit = await admin.get(`/api/v1/audit?entity=negotiation_entry&entityId=${first.body.id}`);
    expect(audit.body.items.map((a: any) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('stages are configurable by the admin; a stage in use cannot be removed', async () => {
    const settings = (await kam1.get('/api/v1/settings/opportunity-stages')).body;
    expect(settings.stages.map((s: any) => s.key)).toEqual(['qualify', 'develop', 'propose', 'negotiate', 'won', 'lost']);
    const renamed = settings.stages.map((s: any) => (s.key === 'develop' ? { ...s, key: 'solution', label: 'Solution design', probability: '0.3' } : s));
    expect((await kam1.request('PUT', '/api/v1/settings/opportunity-stages', { stages: renamed }, { 'if-match': '"1"' })).status).toBe(403);
    const inUse = await admin.request('PUT', '/api/v1/settings/opportunity-stages', { stages: renamed }, { 'if-match': '"1"' });
    expect(inUse.status).toBe(409);
    expect(inUse.body.detail).toContain('develop');
    const added = [...settings.stages.slice(0, 4), { key: 'verbal', label: 'Verbal yes', probability: '0.9', forecastCategory: 'commit', outcome: 'open' }, ...settings.stages.slice(4)];
    const saved = await admin.request('PUT', '/api/v1/settings/opportunity-stages', { stages: added }, { 'if-match': '"1"' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(2);
    expect((await create({ stage: 'verbal' })).probability).toBe('0.9');
    const twoWon = added.map((s: any) => (s.key === 'verbal' ? { ...s, outcome: 'won', probability: '1', forecastCategory: 'closed' } : s));
    expect((await admin.request('PUT', '/api/v1/settings/opportunity-stages', { stages: twoWon }, { 'if-match': '"2"' })).status).toBe(400);
  });

  it('opportunitiesForPeriod reads closing deals for other modules', async () => {
    const account = (await kam1.post('/api/v1/accounts', { name: 'Period Test BV' })).body.id;
    const inside = (await kam1.post('/api/v1/opportunities', { ...base, accountId: account, closeDate: '2031-04-15', stage: 'won' })).body;
    await kam1.post('/api/v1/opportunities', { ...base, accountId: account, closeDate: '2031-05-15' });
    await kam1.post('/api/v1/opportunities', { ...base, accountId: account, closeDate: '2031-04-20', stage: 'negotiate' });
    const all = await opportunitiesForPeriod(api.ctx.db, kam1.actor.orgId, { from: '2031-04-01', to: '2031-04-30' });
    expect(all.map((o) => o.stage)).toEqual(['won', 'negotiate']);
    const won = await opportunitiesForPeriod(api.ctx.db, kam1.actor.orgId, { from: '2031-04-01', to: '2031-04-30', outcomes: ['won'], ownerIds: [kam1.actor.userId] });
    expect(won).toEqual([expect.objectContaining({ id: inside.id, amount: 4_800_000n, currency: 'USD', outcome: 'won', probability: '1', closeDate: '2031-04-15' })]);
    expect(await opportunitiesForPeriod(api.ctx.db, kam1.actor.orgId, { from: '2031-04-01', to: '2031-04-30', ownerIds: [] })).toEqual([]);
  });
});
