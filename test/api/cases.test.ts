import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateDueCases } from '../../src/modules/cases/service.ts';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';
import { onPostgres } from '../support/database.ts';
import { OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
let kam1: Caller;
let kam2: Caller;
let admin: Caller;
let viewer: Caller;
let manager: Caller;
let director: Caller;
let accountId: string;
const H = 3_600_000;

beforeAll(async () => {
  api = await createTestApi();
  const as = (p: string) => api.as(`${p}@patron.example`);
  [kam1, kam2, admin, viewer, manager, director] = await Promise.all([as('kam1'), as('kam2'), as('admin'), as('viewer'), as('manager'), as('director')]);
  accountId = (await kam1.post('/api/v1/accounts', { name: 'Disrupted GmbH' })).body.id;
});
afterAll(() => api.close());

const now = () => api.ctx.clock.now();
const open = async (body: Record<string, unknown> = {}, who: Caller = kam1, account = accountId) => {
  const answer = await who.post(`/api/v1/accounts/${account}/cases`, { title: 'Pallets damaged', category: 'delivery', severity: 2, ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};
const notificationsOf = async (who: Caller, caseId: string) =>
  (await who.get('/api/v1/notifications?limit=500')).body.items.filter((n: any) => n.kind === 'case_escalated' && n.params.caseId === caseId);
const countRows = async (table: string, column: string, id: string): Promise<number> => {
  const result = (await api.ctx.db.execute(sql`select count(*)::int as n from ${sql.raw(table)} where ${sql.raw(column)} = ${id}`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
};

describe('cases', () => {
  it('opens a case with its SLA due time from the severity; owner defaults to the account owner; audited; trail', async () => {
    const created = await open({ description: 'Two of five pallets crushed', minutesSpent: 30 });
    expect(created).toMatchObject({
      accountId, accountName: 'Disrupted GmbH', title: 'Pallets damaged', category: 'delivery', severity: 2, status: 'open',
      ownerId: kam1.actor.userId, slaHours: 24, escalationLevel: 0, breached: false, resolution: null, timeToResolveMinutes: null, minutesSpent: 30,
      allowedTransitions: ['in_progress', 'resolved'], version: 1,
    });
    expect(created.dueAt).toBe(new Date(now().getTime() + 24 * H).toISOString());
    expect(created.nextEscalationAt).toBe(created.dueAt);
    const audit = await admin.get(`/api/v1/audit?entity=case&entityId=${created.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'create', actorId: kam1.actor.userId });
    const events = await kam1.get(`/api/v1/cases/${created.id}/events`);
    expect(events.body.items).toMatchObject([{ kind: 'opened', actorId: kam1.actor.userId, actorName: expect.any(String), toStatus: 'open', minutes: 30 }]);
    for (const [severity, hours] of [[1, 4], [3, 72], [4, 168]] as const) expect((await open({ severity })).slaHours).toBe(hours);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await countRows('cases', 'account_id', accountId);
    const bad = [
      [{ title: '', category: 'delivery', severity: 2 }, 'title'],
      [{ title: 'x', category: 'delivery', severity: 5 }, 'severity'],
      [{ title: 'x', category: 'delivery', severity: 0 }, 'severity'],
      [{ title: 'x', category: 'delivery', severity: '1' }, 'severity'],
      [{ title: 'x', category: 'weather', severity: 2 }, 'category'],
      [{ title: 'x', category: '<script>', severity: 2 }, 'category'],
      [{ title: 'x', severity: 2 }, 'category'],
      [{ title: 'x', category: 'delivery', severity: 2, ownerId: '01936b2e-7c1a-7000-8000-000000000999' }, 'ownerId'],
      [{ title: 'x', category: 'delivery', severity: 2, ownerId: viewer.actor.userId }, 'ownerId'],
      [{ title: 'x', category: 'delivery', severity: 2, minutesSpent: -1 }, 'minutesSpent'],
      [{ title: 'x', category: 'delivery', severity: 2, status: 'closed' }, 'status'],
      [{ title: 'x'.repeat(201), category: 'delivery', severity: 2 }, 'title'],
    ] as const;
    for (const [body, path] of bad) {
      const answer = await kam1.post(`/api/v1/accounts/${accountId}/cases`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(answer.body.errors), JSON.stringify(body)).toContain(path);
    }
    expect(await countRows('cases', 'account_id', accountId)).toBe(before);
  });

  it('follows the account: visibility, viewer read-only, other organisation 404', async () => {
    const c = await open();
    expect((await manager.get(`/api/v1/cases/${c.id}`)).status).toBe(200);
    expect((await viewer.get(`/api/v1/cases/${c.id}`)).status).toBe(200);
    expect((await kam2.get(`/api/v1/cases/${c.id}`)).status).toBe(404);
    expect((await kam2.get(`/api/v1/accounts/${accountId}/cases`)).status).toBe(404);
    expect((await kam2.post(`/api/v1/accounts/${accountId}/cases`, { title: 'x', category: 'delivery', severity: 2 })).status).toBe(404);
    const rival = await api.as(OTHER_ORG_KAM);
    expect((await rival.get(`/api/v1/cases/${c.id}`)).status).toBe(404);
    expect((await rival.get(`/api/v1/cases/${c.id}/events`)).status).toBe(404);
    expect((await rival.patch(`/api/v1/cases/${c.id}`, { title: 'mine' }, 1)).status).toBe(404);
    expect((await rival.get('/api/v1/cases?limit=500')).body.items.some((i: any) => i.id === c.id)).toBe(false);
    expect((await viewer.post(`/api/v1/accounts/${accountId}/cases`, { title: 'x', category: 'delivery', severity: 2 })).status).toBe(403);
    expect((await viewer.patch(`/api/v1/cases/${c.id}`, { title: 'viewer' }, 1)).status).toBe(403);
    expect((await viewer.request('POST', `/api/v1/cases/${c.id}/transitions`, { to: 'in_progress' }, { 'if-match': '"1"' })).status).toBe(403);
    expect((await api.anonymous.request('GET', `/api/v1/cases/${c.id}`)).status).toBe(401);
    expect((await kam2.get('/api/v1/cases?limit=500')).body.items.some((i: any) => i.id === c.id)).toBe(false);
  });

  it('changes with If-Match: 428 without, 412 stale; re-grading re-times the SLA; minutes logged in the trail', async () => {
    const c = await open({ severity: 3 });
    expect((await kam1.request('PATCH', `/api/v1/cases/${c.id}`, { title: 'x' })).status).toBe(428);
    expect((await kam1.patch(`/api/v1/cases/${c.id}`, { title: 'x' }, 7)).status).toBe(412);
    expect((await kam1.patch(`/api/v1/cases/${c.id}`, {}, 1)).status).toBe(400);
    const changed = await kam1.patch(`/api/v1/cases/${c.id}`, { severity: 1, minutesSpent: 45, ownerId: kam2.actor.userId }, 1);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body).toMatchObject({ severity: 1, slaHours: 4, minutesSpent: 45, ownerId: kam2.actor.userId, version: 2 });
    expect(changed.body.dueAt).toBe(new Date(Date.parse(c.openedAt) + 4 * H).toISOString());
    const events = (await kam1.get(`/api/v1/cases/${c.id}/events`)).body.items;
    expect(events[1]).toMatchObject({ kind: 'updated', minutes: 45, changes: { severity: { from: 3, to: 1 }, minutesSpent: { from: 0, to: 45 } } });
    const audit = await admin.get(`/api/v1/audit?entity=case&entityId=${c.id}`);
    expect(audit.body.items.map((a: any) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('moves through its statuses; resolving needs a resolution; invalid moves are 409; time to resolve', async () => {
    const c = await open();
    const move = (to: string, version: number, extra: Record<string, unknown> = {}) =>
      kam1.request('POST', `/api/v1/cases/${c.id}/transitions`, { to, ...extra }, { 'if-match': `"${version}"` });
    expect((await kam1.request('POST', `/api/v1/cases/${c.id}/transitions`, { to: 'in_progress' })).status).toBe(428);
    const closeNow = await move('closed', 1);
    expect(closeNow.status).toBe(409);
    expect(closeNow.body.detail).toBe('A case that is open can move to in progress or resolved, not to closed');
    expect((await move('sideways', 1)).status).toBe(400);
    const started = await move('in_progress', 1);
    expect(started.body).toMatchObject({ status: 'in_progress', allowedTransitions: ['resolved'], version: 2 });
    expect((await move('resolved', 2)).status).toBe(400);
    expect((await move('resolved', 2, { resolution: '' })).status).toBe(400);
    expect((await move('in_progress', 2, { resolution: 'no' })).status).toBe(409);
    api.ctx.clock.advance(90 * 60_000);
    const resolved = await move('resolved', 2, { resolution: 'Replacement pallets delivered' });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: 'Replacement pallets delivered', timeToResolveMinutes: 90, nextEscalationAt: null });
    const closed = await move('closed', 3);
    expect(closed.body).toMatchObject({ status: 'closed', allowedTransitions: [], timeToResolveMinutes: 90 });
    expect(closed.body.closedAt).toBe(now().toISOString());
    const again = await move('open', 4);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('A closed case cannot change any more; open a new case instead');
    const trail = (await kam1.get(`/api/v1/cases/${c.id}/events`)).body.items;
    expect(trail.map((e: any) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['opened', null, 'open'], ['status', 'open', 'in_progress'], ['status', 'in_progress', 'resolved'], ['status', 'resolved', 'closed'],
    ]);
  });

  it('reopening gives back the rest of the SLA period (the clock stops while resolved)', async () => {
    const c = await open({ severity: 1 });
    api.ctx.clock.advance(3 * H);
    const resolved = await kam1.request('POST', `/api/v1/cases/${c.id}/transitions`, { to: 'resolved', resolution: 'Fixed' }, { 'if-match': '"1"' });
    api.ctx.clock.advance(10 * H);
    const reopened = await kam1.request('POST', `/api/v1/cases/${c.id}/transitions`, { to: 'open' }, { 'if-match': `"${resolved.body.version}"` });
    expect(reopened.body).toMatchObject({ status: 'open', resolution: null, resolvedAt: null, escalationLevel: 0, timeToResolveMinutes: null });
    expect(reopened.body.dueAt).toBe(new Date(now().getTime() + H).toISOString());
    api.ctx.clock.advance(H);
    expect((await kam1.get(`/api/v1/cases/${c.id}`)).body).toMatchObject({ escalationLevel: 1, breached: true });
  });

  it('lists with filters and cursor paging, most urgent first', async () => {
    const other = (await kam1.post('/api/v1/accounts', { name: 'Listed Cases Ltd' })).body.id;
    const a = await open({ severity: 4, title: 'Low' }, kam1, other);
    const b = await open({ severity: 1, title: 'Critical' }, kam1, other);
    const c = await open({ severity: 2, title: 'Serious' }, kam1, other);
    const page = await kam1.get(`/api/v1/accounts/${other}/cases?limit=2`);
    expect(page.body.items.map((i: any) => i.title)).toEqual(['Serious', 'Critical']);
    const next = await kam1.get(`/api/v1/accounts/${other}/cases?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.items.map((i: any) => i.title)).toEqual(['Low']);
    expect(next.body.nextCursor).toBeNull();
    const sev1 = (await kam1.get('/api/v1/cases?severity=1&limit=500')).body.items;
    expect(sev1.every((i: any) => i.severity === 1)).toBe(true);
    expect(sev1.some((i: any) => i.id === b.id)).toBe(true);
    const all = (await manager.get('/api/v1/cases?status=active&limit=500')).body.items;
    const due = all.map((i: any) => i.dueAt);
    expect(due).toEqual([...due].sort());
    expect(all.some((i: any) => i.id === a.id) && all.some((i: any) => i.id === c.id)).toBe(true);
    const mine = (await kam2.get('/api/v1/cases?mine=true&limit=500')).body.items;
    expect(mine.every((i: any) => i.ownerId === kam2.actor.userId)).toBe(true);
    expect((await kam1.get('/api/v1/cases?limit=0')).status).toBe(400);
    expect((await kam1.get('/api/v1/cases?limit=501')).status).toBe(400);
    expect((await kam1.get('/api/v1/cases?cursor=nonsense')).status).toBe(400);
    expect((await kam1.get('/api/v1/cases?status=weird')).status).toBe(400);
  });

  it('settings: everyone reads, the admin changes with If-Match; new hours apply to new cases', async () => {
    const read = await kam1.get('/api/v1/settings/case-sla');
    expect(read.body).toEqual({ hours: { sev1: 4, sev2: 24, sev3: 72, sev4: 168 }, categories: ['delivery', 'quality', 'billing', 'service', 'contract', 'other'], version: 1 });
    const body = { hours: { sev1: 2, sev2: 24, sev3: 72, sev4: 168 }, categories: ['delivery', 'quality', 'billing', 'service', 'contract', 'other', 'returns'] };
    expect((await director.request('PUT', '/api/v1/settings/case-sla', body, { 'if-match': '"1"' })).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/settings/case-sla', body)).status).toBe(428);
    expect((await admin.request('PUT', '/api/v1/settings/case-sla', { ...body, hours: { ...body.hours, sev2: 1 } }, { 'if-match': '"1"' })).status).toBe(400);
    expect((await admin.request('PUT', '/api/v1/settings/case-sla', { ...body, categories: [] }, { 'if-match': '"1"' })).status).toBe(400);
    const saved = await admin.request('PUT', '/api/v1/settings/case-sla', body, { 'if-match': '"1"' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(2);
    expect((await admin.request('PUT', '/api/v1/settings/case-sla', body, { 'if-match': '"1"' })).status).toBe(412);
    expect((await open({ severity: 1, category: 'returns' })).slaHours).toBe(2);
    expect((await (await api.as(OTHER_ORG_KAM)).get('/api/v1/settings/case-sla')).body.version).toBe(1);
    const restored = await admin.request('PUT', '/api/v1/settings/case-sla', { ...body, hours: { sev1: 4, sev2: 24, sev3: 72, sev4: 168 } }, { 'if-match': '"2"' });
    expect(restored.status).toBe(200);
  });
});

describe('escalation', () => {
  it('nothing before the due time; level 1 and one notification at it; level 2 a period later; idempotent', async () => {
    const c = await open({ severity: 1, title: 'Line stopped' });
    const due = Date.parse(c.dueAt);
    // the sweep over this one case (other tests' cases fall due at other times)
    const sweep = (at: number) => escalateDueCases(api.ctx, new Date(at), { caseId: c.id });
    expect(await sweep(due - 1)).toBe(0);
    expect((await notificationsOf(manager, c.id))).toHaveLength(0);

    expect(await sweep(due)).toBe(1);
    expect(await sweep(due)).toBe(0);
    api.ctx.clock.set(new Date(due));
    const level1 = (await kam1.get(`/api/v1/cases/${c.id}`)).body;
    expect(level1).toMatchObject({ escalationLevel: 1, breached: true });
    expect(level1.nextEscalationAt).toBe(new Date(due + 4 * H).toISOString());
    expect(await notificationsOf(manager, c.id)).toHaveLength(1);
    expect(await notificationsOf(kam1, c.id)).toHaveLength(1);
    expect((await notificationsOf(manager, c.id))[0]).toMatchObject({ accountId, params: { title: 'Line stopped', level: 1, severity: 1, accountName: 'Disrupted GmbH' } });
    expect(await notificationsOf(director, c.id)).toHaveLength(0);

    expect(await sweep(due + 4 * H - 1)).toBe(0);
    expect(await sweep(due + 4 * H)).toBe(1);
    expect(await sweep(due + 4 * H)).toBe(0);
    expect(await notificationsOf(manager, c.id)).toHaveLength(2);
    expect(await sweep(due + 8 * H)).toBe(1);
    expect(await notificationsOf(director, c.id)).toHaveLength(1);
    expect(await sweep(due + 100 * H)).toBe(0);
    api.ctx.clock.set(new Date(due + 100 * H));
    const capped = (await kam1.get(`/api/v1/cases/${c.id}`)).body;
    expect(capped).toMatchObject({ escalationLevel: 3, nextEscalationAt: null });
    const trail = (await kam1.get(`/api/v1/cases/${c.id}/events`)).body.items.filter((e: any) => e.kind === 'escalated');
    expect(trail.map((e: any) => [e.fromLevel, e.toLevel, e.actorId])).toEqual([[0, 1, null], [1, 2, null], [2, 3, null]]);
    const audit = (await admin.get(`/api/v1/audit?entity=case&entityId=${c.id}`)).body.items;
    expect(audit.filter((a: any) => a.actorId === null)).toHaveLength(3);
  });

  it('a read escalates lazily without a sweep; a case resolved before its due time never escalates', async () => {
    const late = await open({ severity: 1 });
    const early = await open({ severity: 1 });
    const resolved = await kam1.request('POST', `/api/v1/cases/${early.id}/transitions`, { to: 'resolved', resolution: 'Quick fix' }, { 'if-match': '"1"' });
    expect(resolved.status).toBe(200);
    api.ctx.clock.advance(4 * H);
    const read = await manager.get(`/api/v1/cases/${late.id}`);
    expect(read.body).toMatchObject({ escalationLevel: 1, version: 2 });
    expect(await notificationsOf(manager, late.id)).toHaveLength(1);
    api.ctx.clock.advance(100 * H);
    expect((await kam1.get(`/api/v1/cases/${early.id}`)).body).toMatchObject({ escalationLevel: 0, breached: false });
    expect(await notificationsOf(manager, early.id)).toHaveLength(0);
  });

  it('a breach on a key account adds a risk to its active plan and an item to its next review', async () => {
    const model = (await admin.get('/api/v1/scoring/model')).body;
    const setThresholds = async (value: number) => {
      const current = (await admin.get('/api/v1/scoring/model')).body;
      expect((await admin.request('PUT', '/api/v1/scoring/model', { weights: model.weights, thresholds: { attractiveness: value, strength: value } }, { 'if-match': `"${current.number}"` })).status).toBe(200);
    };
    await setThresholds(0);
    const key = (await kam1.post('/api/v1/accounts', { name: 'Key Breach AG' })).body.id;
    expect((await kam1.get(`/api/v1/accounts/${key}/score`)).body.tier).toBe('key');
    const plan = (await kam1.post(`/api/v1/accounts/${key}/plans`, { period: String(now().getUTCFullYear()) })).body;
    expect((await kam1.patch(`/api/v1/plans/${plan.id}`, { status: 'active' }, plan.version)).status).toBe(200);
    const c = await open({ severity: 2, title: 'Outage' }, kam1, key);
    await escalateDueCases(api.ctx, new Date(Date.parse(c.dueAt)));
    const risks = (await kam1.get(`/api/v1/plans/${plan.id}`)).body.risks;
    expect(risks).toHaveLength(1);
    expect(risks[0]).toMatchObject({ source: 'case' });
    expect(risks[0].text).toContain('Outage');
    const reviews = (await kam1.get(`/api/v1/accounts/${key}/reviews`)).body.items;
    expect(reviews.some((r: any) => r.agenda.some((a: any) => a.text.includes('Outage')))).toBe(true);
    // a further escalation does not add them again
    await escalateDueCases(api.ctx, new Date(Date.parse(c.dueAt) + 24 * H));
    expect((await kam1.get(`/api/v1/plans/${plan.id}`)).body.risks).toHaveLength(1);
    const effects = (await kam1.get(`/api/v1/cases/${c.id}/events`)).body.items.filter((e: any) => e.kind === 'breach_effects');
    expect(effects).toHaveLength(1);
    await setThresholds(100);
  });

  it.runIf(onPostgres)('two sweeps running at once escalate each case once (SKIP LOCKED)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await open({ severity: 1, title: `Parallel ${i}` })).id);
    const at = new Date(now().getTime() + 4 * H);
    const [a, b] = await Promise.all([escalateDueCases(api.ctx, at), escalateDueCases(api.ctx, at)]);
    expect(a + b).toBeGreaterThanOrEqual(12);
    for (const id of ids) {
      const result = (await api.ctx.db.execute(sql`select count(*)::int as n from case_events where case_id = ${id} and kind = 'escalated'`)) as unknown as { rows: { n: number }[] };
      expect(result.rows[0]!.n).toBe(1);
      expect((await notificationsOf(manager, id))).toHaveLength(1);
    }
  });
});

describe('effects on scoring', () => {
  it('an open severity-1 case lowers the strength score; closing it restores it', async () => {
    const scored = (await kam1.post('/api/v1/accounts', { name: 'Strength Test Oy' })).body.id;
    const before = (await kam1.get(`/api/v1/accounts/${scored}/score`)).body;
    const c = await open({ severity: 1 }, kam1, scored);
    const during = (await kam1.get(`/api/v1/accounts/${scored}/score`)).body;
    expect(during.criteria.find((x: any) => x.key === 'severeCases').raw).toBe(1);
    expect(during.strength).toBeLessThan(before.strength);
    const resolved = await kam1.request('POST', `/api/v1/cases/${c.id}/transitions`, { to: 'resolved', resolution: 'Done' }, { 'if-match': '"1"' });
    await kam1.request('POST', `/api/v1/cases/${c.id}/transitions`, { to: 'closed' }, { 'if-match': `"${resolved.body.version}"` });
    const after = (await kam1.get(`/api/v1/accounts/${scored}/score`)).body;
    expect(after.criteria.find((x: any) => x.key === 'severeCases').raw).toBe(0);
    expect(after.strength).toBe(before.strength);
  });
});

describe('home and cost to serve', () => {
  it("the home page lists open severe cases I can see; minutes on cases count as cost to serve", async () => {
    const kam3 = await api.as('kam3@patron.example');
    const account = (await kam3.post('/api/v1/accounts', { name: 'Home Cases Inc' })).body.id;
    const severe = await open({ severity: 1, title: 'Plant down' }, kam3, account);
    await open({ severity: 3, title: 'Minor' }, kam3, account);
    const home = (await kam3.get('/api/v1/me/home')).body;
    expect(home.openSevereCases.some((i: any) => i.id === severe.id && i.accountName === 'Home Cases Inc' && i.severity === 1)).toBe(true);
    expect(home.openSevereCases.some((i: any) => i.title === 'Minor')).toBe(false);
    expect((await kam2.get('/api/v1/me/home')).body.openSevereCases.some((i: any) => i.id === severe.id)).toBe(false);

    const rates = (await admin.get('/api/v1/settings/cost-rates')).body;
    expect((await admin.request('PUT', '/api/v1/settings/cost-rates', { hourly: { ...rates.hourly, kam: '60.00' } }, { 'if-match': `"${rates.version}"` })).status).toBe(200);
    const month = now().toISOString().slice(0, 7);
    const before = (await kam3.get(`/api/v1/accounts/${account}/cost-to-serve?from=${month}&to=${month}`)).body.totals;
    expect((await kam3.patch(`/api/v1/cases/${severe.id}`, { minutesSpent: 90 }, severe.version)).status).toBe(200);
    const after = (await kam3.get(`/api/v1/accounts/${account}/cost-to-serve?from=${month}&to=${month}`)).body.totals;
    expect(after.minutes - before.minutes).toBe(90);
    expect(Number(after.costToServe) - Number(before.costToServe)).toBeCloseTo(90, 2);
  });
});
