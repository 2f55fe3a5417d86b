import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids.ts';
import { criterionKeys, percentileRanks, scoreAccount, defaultModel, type CriterionKey } from '../../src/modules/scoring/scoring.ts';
import { recomputeScores, recomputeStaleScores, refreshAccountScores } from '../../src/modules/scoring/service.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
const ids: Record<string, string> = {};

/** Revenue lines written straight to the table (the rollup triggers keep account_monthly current). */
async function book(accountId: string, orgId: string, bookedOn: string, amount: number, cost: number) {
  await api.ctx.db.execute(sql`insert into transactions (org_id, id, account_id, booked_on, amount, cost, currency, amount_org, cost_org)
    values (${orgId}, ${newId()}, ${accountId}, ${bookedOn}, ${amount}, ${cost}, 'USD', ${amount}, ${cost})`);
}

beforeAll(async () => {
  api = await createTestApi();
  const accounts: [string, string, number, number][] = [
    ['Whale Corp', 'kam1@patron.example', 5_000_000_00, 1_000_000_00],
    ['Mid Ltd', 'kam1@patron.example', 200_000_00, 60_000_00],
    ['Small GmbH', 'kam2@patron.example', 30_000_00, 3_000_00],
    ['Tiny AB', 'kam2@patron.example', 5_000_00, 2_000_00],
  ];
  for (const [name, owner, revenue, profit] of accounts) {
    const caller = await api.as(owner);
    const created = await caller.post('/api/v1/accounts', { name, walletEstimate: String((revenue * 3) / 100), strategicFit: name === 'Tiny AB' ? 5 : 2 });
    ids[name] = created.body.id;
    await book(created.body.id, caller.actor.orgId, '2026-06-15', revenue, revenue - profit);
    await book(created.body.id, caller.actor.orgId, '2025-06-15', Math.round(revenue * 0.8), Math.round((revenue - profit) * 0.8));
  }
  // Lines written straight to the table announce nothing: settle the scores once.
  const orgId = (await api.as('admin@patron.example')).actor.orgId;
  await api.ctx.db.transaction((tx) => recomputeScores(tx, orgId, api.ctx.clock.now()));
});
afterAll(() => api.close());

describe('key-account scoring', () => {
  it('ranks the accounts I can see by descending score with tiers', async () => {
    const director = await api.as('director@patron.example');
    const ranking = await director.get('/api/v1/scores/ranking?limit=500');
    expect(ranking.status).toBe(200);
    const mine = ranking.body.items.filter((i: { accountId: string }) => Object.values(ids).includes(i.accountId));
    expect(mine.map((i: { name: string }) => i.name)[0]).toBe('Whale Corp');
    const scores = ranking.body.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const kam2 = await api.as('kam2@patron.example');
    const kam2Ranking = await kam2.get('/api/v1/scores/ranking');
    expect(kam2Ranking.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['Small GmbH', 'Tiny AB']);
    const page = await director.get('/api/v1/scores/ranking?limit=2');
    const next = await director.get(`/api/v1/scores/ranking?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].score).toBeLessThanOrEqual(page.body.items[1].score);
  });

  it('explains a score: contributions add up to the axes, and the axes to the score', async () => {
    const kam = await api.as('kam1@patron.example');
    const answer = await kam.get(`/api/v1/accounts/${ids['Whale Corp']}/score`);
    expect(answer.status).toBe(200);
    const { criteria, attractiveness, strength, score } = answer.body;
    const sum = (axis: string) => criteria.filter((c: { axis: string }) => c.axis === axis).reduce((s: number, c: { contribution: number }) => s + c.contribution, 0);
    expect(sum('attractiveness')).toBeCloseTo(attractiveness, 1);
    expect(sum('strength')).toBeCloseTo(strength, 1);
    expect(score).toBeCloseTo((attractiveness + strength) / 2, 2);
    expect(criteria.find((c: { key: string }) => c.key === 'revenue')).toMatchObject({ raw: 5_000_000, normalised: expect.any(Number) });
    expect(criteria.find((c: { key: string }) => c.key === 'growth').raw).toBeCloseTo(0.25, 5);
    expect((await (await api.as('kam2@patron.example')).get(`/api/v1/accounts/${ids['Whale Corp']}/score`)).status).toBe(404);
    expect((await (await api.as(OTHER_ORG_KAM)).get(`/api/v1/accounts/${ids['Whale Corp']}/score`)).status).toBe(404);
  });

  it('counts net profit: gross profit less the cost to serve priced by role', async () => {
    const admin = await api.as('admin@patron.example');
    const kam = await api.as('kam1@patron.example');
    const rates = (await admin.get('/api/v1/settings/cost-rates')).body;
    expect((await admin.request('PUT', '/api/v1/settings/cost-rates', { hourly: { ...rates.hourly, kam: '90.00' } }, { 'if-match': `"${rates.version}"` })).status).toBe(200);
    const logged = await kam.post(`/api/v1/accounts/${ids['Mid Ltd']}/interactions`, { kind: 'visit', occurredAt: '2026-09-01T09:00:00Z', summary: 'Quarterly visit', minutes: 200 });
    expect(logged.status).toBe(201);
    const answer = await kam.get(`/api/v1/accounts/${ids['Mid Ltd']}/score`);
    // 60,000.00 gross profit; 200 minutes of a KAM at 90.00 an hour cost 300.00
    expect(answer.body.criteria.find((c: { key: string }) => c.key === 'netProfit')).toMatchObject({ raw: 59_700, weight: '0.15' });
    expect(answer.body.criteria.find((c: { key: string }) => c.key === 'grossProfit').raw).toBe(60_000);
  });

  it('stores what the pure model computes from the stored raw criteria', async () => {
    const orgId = (await api.as('admin@patron.example')).actor.orgId;
    await api.ctx.db.transaction((tx) => recomputeScores(tx, orgId, api.ctx.clock.now()));
    const rows = (await api.ctx.db.execute(sql`select * from account_scores where org_id = ${orgId}`)) as unknown as { rows: Record<string, unknown>[] };
    const column = (k: CriterionKey) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const raws = rows.rows.map((r) => Object.fromEntries(criterionKeys.map((k) => [k, r[column(k)] === null ? null : Number(r[column(k)])])) as Record<CriterionKey, number | null>);
    const ranks = Object.fromEntries(criterionKeys.map((k) => [k, percentileRanks(raws.map((r) => r[k]))]));
    rows.rows.forEach((row, i) => {
      const expected = scoreAccount(raws[i]!, Object.fromEntries(criterionKeys.map((k) => [k, ranks[k]![i]!])) as never, defaultModel);
      expect(Number(row.score)).toBeCloseTo(expected.score, 1);
      expect(row.tier).toBe(expected.tier);
    });
  });

  it('moves an account at once when its revenue changes, and keeps the tier change', async () => {
    const kam = await api.as('kam2@patron.example');
    const before = (await kam.get(`/api/v1/accounts/${ids['Tiny AB']}/score`)).body;
    await book(ids['Tiny AB']!, kam.actor.orgId, '2026-10-01', 9_000_000_00, 1_000_000_00);
    await api.ctx.db.transaction((tx) => refreshAccountScores(tx, kam.actor.orgId, [ids['Tiny AB']!], api.ctx.clock.now()));
    const after = (await kam.get(`/api/v1/accounts/${ids['Tiny AB']}/score`)).body;
    expect(after.attractiveness).toBeGreaterThan(before.attractiveness);
    const history = (await kam.get(`/api/v1/accounts/${ids['Tiny AB']}/score/history`)).body;
    if (after.tier !== before.tier) {
      expect(history.tierChanges[0]).toMatchObject({ fromTier: before.tier, toTier: after.tier, reason: expect.objectContaining({ key: expect.any(String) }) });
    }
    expect(history.points.at(-1)).toMatchObject({ day: '2026-11-23', score: after.score });
  });

  it('lets an admin change the model, which re-scores everyone and keeps every version', async () => {
    const admin = await api.as('admin@patron.example');
    const model = await admin.get('/api/v1/scoring/model');
    expect(model.headers.etag).toBe(`"${model.body.number}"`);
    const everythingOnRevenue = { weights: { revenue: '1', shareOfWallet: '1' }, thresholds: { attractiveness: 50, strength: 50 } };
    expect((await (await api.as('manager@patron.example')).request('PUT', '/api/v1/scoring/model', everythingOnRevenue, { 'if-match': `"${model.body.number}"` })).status).toBe(403);
    const invalid = await admin.request('PUT', '/api/v1/scoring/model', { ...everythingOnRevenue, weights: { revenue: '0.5', shareOfWallet: '1' } }, { 'if-match': `"${model.body.number}"` });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].message).toMatch(/sum to 0.5/);
    expect((await admin.request('PUT', '/api/v1/scoring/model', everythingOnRevenue)).status).toBe(428);
    const changed = await admin.request('PUT', '/api/v1/scoring/model', everythingOnRevenue, { 'if-match': `"${model.body.number}"` });
    expect(changed.status).toBe(200);
    expect(changed.body.number).toBe(model.body.number + 1);
    expect((await admin.request('PUT', '/api/v1/scoring/model', everythingOnRevenue, { 'if-match': `"${model.body.number}"` })).status).toBe(412);
    const whale = (await admin.get(`/api/v1/accounts/${ids['Whale Corp']}/score`)).body;
    expect(whale.modelNumber).toBe(changed.body.number);
    expect(whale.criteria.map((c: { key: string }) => c.key).sort()).toEqual(['revenue', 'shareOfWallet']);
    expect((await admin.get('/api/v1/scoring/models')).body.items).toHaveLength(2);
    const portfolio = await admin.get('/api/v1/scores/portfolio');
    expect(portfolio.body.thresholds).toEqual({ attractiveness: 50, strength: 50 });
    expect(Object.values(portfolio.body.tierCounts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(portfolio.body.items.length);
    expect(portfolio.body.paretoAccountIds[0]).toBe(ids['Tiny AB']);
  });

  it('recomputes on request for admins and directors only', async () => {
    const director = await api.as('director@patron.example');
    const result = await director.post('/api/v1/scores/recompute');
    expect(result.status).toBe(200);
    expect(result.body.scored).toBeGreaterThanOrEqual(4);
    expect((await (await api.as('kam1@patron.example')).post('/api/v1/scores/recompute')).status).toBe(403);
  });

  it('re-scores once a day as the 12-month window moves, and not twice the same day', async () => {
    const kam = await api.as('kam1@patron.example');
    expect(await recomputeStaleScores(api.ctx)).toBe(0);
    api.ctx.clock.advance(86_400_000);
    try {
      expect(await recomputeStaleScores(api.ctx)).toBeGreaterThanOrEqual(1);
      expect(await recomputeStaleScores(api.ctx)).toBe(0);
      expect((await kam.get(`/api/v1/accounts/${ids['Whale Corp']}/score`)).body.asOf).toBe('2026-11-24');
    } finally {
      api.ctx.clock.advance(-86_400_000);
    }
  });
});
