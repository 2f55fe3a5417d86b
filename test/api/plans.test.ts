import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { addPlanRisk } from '../../src/modules/plans/service.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  // The organisation's first account change scores the whole seeded organisation once (scoring's
  // cold start); pay it here so the tests below measure only themselves.
  expect((await (await api.as('admin@patron.example')).post('/api/v1/accounts', { name: 'Warm-up Account' })).status).toBe(201);
}, 120_000);
afterAll(() => api.close());

const KAM = 'kam1@patron.example';

async function account(name: string) {
  const answer = await (await api.as(KAM)).post('/api/v1/accounts', { name, stage: 'active' });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { id: string; name: string };
}

async function plan(accountId: string, body: Record<string, unknown> = { period: '2026' }) {
  const answer = await (await api.as(KAM)).post(`/api/v1/accounts/${accountId}/plans`, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function count(table: string, where = sql`true`): Promise<number> {
  const [row] = await queryRows<{ n: string }>(api.ctx.db, sql`select count(*) as n from ${sql.identifier(table)} where ${where}`);
  return Number(row!.n);
}

describe('account plans', () => {
  it('creates a draft for this year by default, activates it, and keeps one active plan per period', async () => {
    const kam = await api.as(KAM);
    const a = await account('Plan Lifecycle Ltd');
    const created = await plan(a.id, { strategy: 'Become the sole supplier' });
    expect(created).toMatchObject({ accountId: a.id, accountName: a.name, period: '2026', periodStart: '2026-01-01', periodEnd: '2026-12-31', status: 'draft', strategy: 'Become the sole supplier', currency: 'USD', version: 1, needs: [], objectives: [], actions: [], risks: [] });
    expect((await kam.post(`/api/v1/accounts/${a.id}/plans`, { period: '2026' })).status).toBe(409);
    const active = await kam.patch(`/api/v1/plans/${created.id}`, { status: 'active' }, 1);
    expect(active.status, JSON.stringify(active.body)).toBe(200);
    expect(active.headers.etag).toBe('"2"');
    expect((await kam.patch(`/api/v1/plans/${created.id}`, { status: 'draft' }, 2)).status).toBe(422);
    expect((await kam.patch(`/api/v1/plans/${created.id}`, { strategy: 'x' }, 1)).status).toBe(412);
    expect((await kam.request('PATCH', `/api/v1/plans/${created.id}`, { strategy: 'x' })).status).toBe(428);
    const closed = await kam.patch(`/api/v1/plans/${created.id}`, { status: 'closed' }, 2);
    expect(closed.body.status).toBe('closed');
    expect((await kam.post(`/api/v1/plans/${created.id}/needs`, { text: 'late', priority: 1 })).status).toBe(409);
    const list = await kam.get(`/api/v1/accounts/${a.id}/plans`);
    expect(list.body.items.map((p: any) => [p.period, p.status])).toEqual([['2026', 'closed']]);
    const trail = await (await api.as('admin@patron.example')).get(`/api/v1/audit?entity=account_plan&entityId=${created.id}`);
    expect(trail.body.items.map((e: any) => e.action)).toEqual(['update', 'update', 'create']);
  });

  it('ranks needs by priority and keeps each need\'s changes as a timeline', async () => {
    const kam = await api.as(KAM);
    const p = await plan((await account('Needs Timeline GmbH')).id);
    const delivery = (await kam.post(`/api/v1/plans/${p.id}/needs`, { text: 'Faster delivery', priority: 2 })).body;
    const invoices = (await kam.post(`/api/v1/plans/${p.id}/needs`, { text: 'One consolidated invoice', priority: 1 })).body;
    api.ctx.clock.advance(86_400_000);
    const changed = await kam.patch(`/api/v1/plans/${p.id}/needs/${delivery.id}`, { text: 'Next-day delivery', priority: 1 }, 1);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.history.map((h: any) => [h.kind, h.fromText, h.toText, h.fromPriority, h.toPriority])).toEqual([
      ['created', null, 'Faster delivery', null, 2],
      ['reworded', 'Faster delivery', 'Next-day delivery', null, null],
      ['reprioritised', null, null, 2, 1],
    ]);
    expect(changed.body.history[1]).toMatchObject({ at: '2026-11-24T10:00:00.000Z', actorId: kam.actor.userId, actorName: expect.any(String) });
    const detail = await kam.get(`/api/v1/plans/${p.id}`);
    expect(detail.body.needs.map((n: any) => n.text)).toEqual(['Next-day delivery', 'One consolidated invoice']);
    api.ctx.clock.set('2026-11-23T10:00:00Z');
    expect((await kam.delete(`/api/v1/plans/${p.id}/needs/${invoices.id}`, 1)).status).toBe(204);
    expect((await kam.get(`/api/v1/plans/${p.id}`)).body.needs.map((n: any) => n.text)).toEqual(['Next-day delivery']);
    expect(await count('plan_need_changes', sql`need_id = ${invoices.id} and kind = 'removed'`)).toBe(1);
    for (const bad of [{ text: '', priority: 1 }, { text: 'x', priority: 0 }, { text: 'x', priority: 100 }, { text: 'x' }, { text: 'x', priority: 1, extra: true }, { text: 42, priority: 1 }]) {
      expect((await kam.post(`/api/v1/plans/${p.id}/needs`, bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('computes objective progress; revenue objectives follow transactions live', async () => {
    const kam = await api.as(KAM);
    const a = await account('Revenue Objective Inc');
    const p = await plan(a.id);
    const revenue = await kam.post(`/api/v1/plans/${p.id}/objectives`, { title: 'Revenue 2026', metric: 'revenue', baseline: '0.00', target: '1000.00', dueOn: '2026-12-31' });
    expect(revenue.status, JSON.stringify(revenue.body)).toBe(201);
    expect(revenue.body).toMatchObject({ metric: 'revenue', unit: 'USD', baseline: '0.00', target: '1000.00', current: '0.00', progress: { ratio: 0, percent: 0, achieved: false } });
    for (const [bookedOn, amount] of [['2026-03-10', '250.00'], ['2026-10-01', '150.00'], ['2025-12-31', '999.00']]) {
      const tx = await (await api.as('admin@patron.example')).post('/api/v1/transactions', { accountId: a.id, bookedOn, amount, cost: '100.00' });
      expect(tx.status, JSON.stringify(tx.body)).toBe(201);
    }
    const after = (await kam.get(`/api/v1/plans/${p.id}`)).body.objectives[0];
    expect(after).toMatchObject({ current: '400.00', progress: { ratio: 0.4, percent: 40, achieved: false } });
    const nps = await kam.post(`/api/v1/plans/${p.id}/objectives`, { title: 'Complaints per month', baseline: '12', target: '4', current: '6', unit: 'count' });
    expect(nps.body).toMatchObject({ metric: 'custom', direction: null, baseline: '12', target: '4', current: '6', progress: { direction: 'decrease', ratio: 0.75, percent: 75 } });
    const overshoot = await kam.patch(`/api/v1/plans/${p.id}/objectives/${nps.body.id}`, { current: '3' }, 1);
    expect(overshoot.body.progress).toMatchObject({ ratio: 1.125, percent: 100, achieved: true, status: 'achieved' });
    expect((await kam.post(`/api/v1/plans/${p.id}/objectives`, { title: 'x', metric: 'revenue', baseline: '0', target: '10', current: '5' })).status).toBe(400);
    expect((await kam.post(`/api/v1/plans/${p.id}/objectives`, { title: 'x', metric: 'revenue', baseline: '0.001', target: '10' })).status).toBe(400);
    expect((await kam.post(`/api/v1/plans/${p.id}/objectives`, { title: 'x', baseline: '1', target: '2', direction: 'decrease' })).status).toBe(400);
    expect((await kam.post(`/api/v1/plans/${p.id}/objectives`, { title: 'x', baseline: '1e5', target: '2' })).status).toBe(400);
    expect((await kam.post(`/api/v1/plans/${p.id}/objectives`, { title: 'x', baseline: 1, target: '2' })).status).toBe(400);
    const summary = (await kam.get(`/api/v1/plans/${p.id}`)).body.summary;
    expect(summary).toEqual({ objectives: 2, achieved: 1, behind: 1, average: 0.7 });
    expect((await kam.delete(`/api/v1/plans/${p.id}/objectives/${nps.body.id}`, 2)).status).toBe(204);
  });

  it('keeps actions with owners, due dates and status, and risks from people and from cases', async () => {
    const kam = await api.as(KAM);
    const a = await account('Actions And Risks SA');
    const p = await plan(a.id);
    const action = await kam.post(`/api/v1/plans/${p.id}/actions`, { title: 'Quarterly review with procurement', dueOn: '2026-12-15', agreed: true });
    expect(action.body).toMatchObject({ ownerId: kam.actor.userId, ownerName: expect.any(String), status: 'open', agreed: true, source: 'plan' });
    const done = await kam.patch(`/api/v1/plans/${p.id}/actions/${action.body.id}`, { status: 'done' }, 1);
    expect(done.body).toMatchObject({ status: 'done', version: 2 });
    expect((await kam.patch(`/api/v1/plans/${p.id}/actions/${action.body.id}`, { status: 'finished' }, 2)).status).toBe(400);
    expect((await kam.post(`/api/v1/plans/${p.id}/actions`, { title: 'x', ownerId: (await api.as(OTHER_ORG_KAM)).actor.userId })).status).toBe(400);
    expect((await kam.post(`/api/v1/plans/${p.id}/risks`, { text: 'Tender for furniture' })).status).toBe(201);
    // Cases add risks to the active plan through the service; without an active plan there is none to add to.
    expect(await api.ctx.db.transaction((tx) => addPlanRisk(tx, kam.actor.orgId, a.id, { text: 'SLA breached on case 42', source: 'case', at: api.ctx.clock.now() }))).toBeNull();
    await kam.patch(`/api/v1/plans/${p.id}`, { status: 'active' }, 1);
    const riskId = await api.ctx.db.transaction((tx) => addPlanRisk(tx, kam.actor.orgId, a.id, { text: 'SLA breached on case 42', source: 'case', at: api.ctx.clock.now() }));
    expect(riskId).toEqual(expect.any(String));
    const risks = (await kam.get(`/api/v1/plans/${p.id}`)).body.risks;
    expect(risks.map((r: any) => [r.text, r.source])).toEqual(expect.arrayContaining([['Tender for furniture', 'manual'], ['SLA breached on case 42', 'case']]));
    expect((await kam.delete(`/api/v1/plans/${p.id}/actions/${action.body.id}`, 2)).status).toBe(204);
  });

  it('copies last period\'s plan into a draft for the next one', async () => {
    const kam = await api.as(KAM);
    const a = await account('Copy Plan Oy');
    const p = await plan(a.id, { period: '2026', strategy: 'Land and expand' });
    await kam.post(`/api/v1/plans/${p.id}/needs`, { text: 'Sustainability reporting', priority: 1 });
    await kam.post(`/api/v1/plans/${p.id}/objectives`, { title: 'Stores served', baseline: '10', target: '40', current: '25' });
    await kam.post(`/api/v1/plans/${p.id}/actions`, { title: 'Open action', agreed: true });
    const doneAction = (await kam.post(`/api/v1/plans/${p.id}/actions`, { title: 'Done action' })).body;
    await kam.patch(`/api/v1/plans/${p.id}/actions/${doneAction.id}`, { status: 'done' }, 1);
    const copy = await kam.post(`/api/v1/plans/${p.id}/copy`, {});
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body).toMatchObject({ period: '2027', status: 'draft', strategy: 'Land and expand', copiedFromId: p.id });
    expect(copy.body.needs.map((n: any) => n.text)).toEqual(['Sustainability reporting']);
    expect(copy.body.objectives[0]).toMatchObject({ title: 'Stores served', baseline: '25', target: '40', current: '25' });
    expect(copy.body.actions.map((x: any) => [x.title, x.source])).toEqual([['Open action', 'copy']]);
    expect((await kam.post(`/api/v1/plans/${p.id}/copy`, {})).status).toBe(409);
    expect((await kam.post(`/api/v1/plans/${p.id}/copy`, { period: '27' })).status).toBe(400);
  });

  it('follows the account\'s visibility: 404 for strangers and other organisations, 403 for the viewer\'s writes', async () => {
    const a = await account('Private Plan BV');
    const p = await plan(a.id);
    expect((await (await api.as('kam3@patron.example')).get(`/api/v1/plans/${p.id}`)).status).toBe(404);
    expect((await (await api.as(OTHER_ORG_KAM)).get(`/api/v1/plans/${p.id}`)).status).toBe(404);
    expect((await (await api.as(OTHER_ORG_KAM)).post(`/api/v1/plans/${p.id}/needs`, { text: 'x', priority: 1 })).status).toBe(404);
    expect((await (await api.as('manager@patron.example')).get(`/api/v1/plans/${p.id}`)).status).toBe(200);
    const viewer = await api.as('viewer@patron.example');
    expect((await viewer.get(`/api/v1/plans/${p.id}`)).status).toBe(200);
    expect((await viewer.post(`/api/v1/plans/${p.id}/needs`, { text: 'x', priority: 1 })).status).toBe(403);
    expect((await viewer.post(`/api/v1/plans/${p.id}/shares`, {})).status).toBe(403);
    expect((await api.anonymous.request('GET', `/api/v1/plans/${p.id}`)).status).toBe(401);
  });
});

describe('joint plan share links', () => {
  it('shows only the customer-facing parts, until it expires or is revoked', async () => {
    const kam = await api.as(KAM);
    const a = await account('Joint Plan AG');
    const p = await plan(a.id, { strategy: 'INTERNAL strategy: squeeze their margin' });
    await kam.post(`/api/v1/plans/${p.id}/needs`, { text: 'Next-day delivery', priority: 1 });
    await kam.post(`/api/v1/plans/${p.id}/objectives`, { title: 'Revenue', metric: 'revenue', baseline: '100.00', target: '900.00' });
    await kam.post(`/api/v1/plans/${p.id}/objectives`, { title: 'On-time deliveries', baseline: '80', target: '98', current: '89', unit: '%', dueOn: '2026-12-31' });
    await kam.post(`/api/v1/plans/${p.id}/actions`, { title: 'Pilot in 5 stores', dueOn: '2026-12-20', agreed: true });
    await kam.post(`/api/v1/plans/${p.id}/actions`, { title: 'INTERNAL: raise prices', agreed: false });
    await kam.post(`/api/v1/plans/${p.id}/risks`, { text: 'INTERNAL risk: churn' });
    await (await api.as('admin@patron.example')).post('/api/v1/transactions', { accountId: a.id, bookedOn: '2026-06-01', amount: '500.00', cost: '100.00' });

    const share = await kam.post(`/api/v1/plans/${p.id}/shares`, { expiresInDays: 7 });
    expect(share.status, JSON.stringify(share.body)).toBe(201);
    expect(share.body).toMatchObject({ planId: p.id, active: true, expiresAt: '2026-11-30T10:00:00.000Z', path: `/shared/plan/${share.body.token}` });
    expect(share.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only a hash is stored.
    const [stored] = await queryRows<{ token_hash: string }>(api.ctx.db, sql`select token_hash from plan_shares where id = ${share.body.id}`);
    expect(stored!.token_hash).not.toContain(share.body.token);
    expect(JSON.stringify((await kam.get(`/api/v1/plans/${p.id}/shares`)).body)).not.toContain(share.body.token);

    const url = `/api/v1/shared-plans/${share.body.token}`;
    const open = await api.anonymous.request('GET', url);
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    expect(Object.keys(open.body).sort()).toEqual(['accountName', 'actions', 'expiresAt', 'needs', 'objectives', 'period', 'periodEnd', 'periodStart']);
    expect(open.body.needs).toEqual([{ text: 'Next-day delivery', priority: 1 }]);
    expect(open.body.objectives).toEqual([
      { title: 'Revenue', unit: null, baseline: null, target: null, current: null, dueOn: null, percent: 50, achieved: false },
      { title: 'On-time deliveries', unit: '%', baseline: '80', target: '98', current: '89', dueOn: '2026-12-31', percent: 50, achieved: false },
    ]);
    for (const objective of open.body.objectives) expect(Object.keys(objective).sort()).toEqual(['achieved', 'baseline', 'current', 'dueOn', 'percent', 'target', 'title', 'unit']);
    expect(open.body.actions).toEqual([{ title: 'Pilot in 5 stores', dueOn: '2026-12-20', status: 'open' }]);
    const text = JSON.stringify(open.body);
    for (const secret of ['INTERNAL', '500', '900', 'USD', 'score', 'margin', a.id, p.id, kam.actor.userId]) expect(text).not.toContain(secret);

    // Expiry, by the injected clock.
    api.ctx.clock.set('2026-11-30T09:59:59Z');
    expect((await api.anonymous.request('GET', url)).status).toBe(200);
    api.ctx.clock.set('2026-11-30T10:00:00Z');
    expect((await api.anonymous.request('GET', url)).status).toBe(404);
    expect((await kam.get(`/api/v1/plans/${p.id}/shares`)).body.items[0].active).toBe(false);
    api.ctx.clock.set('2026-11-23T10:00:00Z');

    // Revocation.
    const second = await kam.post(`/api/v1/plans/${p.id}/shares`, {});
    expect((await api.anonymous.request('GET', `/api/v1/shared-plans/${second.body.token}`)).status).toBe(200);
    expect((await (await api.as('kam3@patron.example')).delete(`/api/v1/plans/${p.id}/shares/${second.body.id}`)).status).toBe(404);
    expect((await kam.delete(`/api/v1/plans/${p.id}/shares/${second.body.id}`)).status).toBe(204);
    expect((await api.anonymous.request('GET', `/api/v1/shared-plans/${second.body.token}`)).status).toBe(404);
    expect((await kam.get(`/api/v1/plans/${p.id}/shares`)).body.items.find((s: any) => s.id === second.body.id)).toMatchObject({ active: false, revokedAt: '2026-11-23T10:00:00.000Z' });

    // Unknown and malformed tokens.
    expect((await api.anonymous.request('GET', `/api/v1/shared-plans/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await api.anonymous.request('GET', '/api/v1/shared-plans/short')).status).toBe(400);
    expect((await kam.post(`/api/v1/plans/${p.id}/shares`, { expiresInDays: 0 })).status).toBe(400);
    expect((await kam.post(`/api/v1/plans/${p.id}/shares`, { expiresInDays: 366 })).status).toBe(400);
    const trail = await (await api.as('admin@patron.example')).get(`/api/v1/audit?entity=plan_share&entityId=${second.body.id}`);
    expect(trail.body.items.map((e: any) => e.action)).toEqual(['update', 'create']);
    expect(JSON.stringify(trail.body)).not.toContain('tokenHash');
  });
});
