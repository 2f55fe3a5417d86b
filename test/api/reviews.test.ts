import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReviewAgendaItem, upcomingReviewsHome } from '../../src/modules/reviews/service.ts';
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
  expect(answer.status).toBe(201);
  return answer.body as { id: string; name: string };
}

describe('account reviews', () => {
  it('schedules by the cadence, holds with a frozen snapshot, turns agreed actions into plan actions and schedules the next review', async () => {
    const kam = await api.as(KAM);
    const admin = await api.as('admin@patron.example');
    const a = await account('Review Journey Corp');
    for (const [bookedOn, amount, cost] of [['2025-06-01', '1000.00', '600.00'], ['2026-02-01', '1500.00', '900.00'], ['2026-10-15', '500.00', '200.00']]) {
      expect((await admin.post('/api/v1/transactions', { accountId: a.id, bookedOn, amount, cost })).status).toBe(201);
    }
    const contact = (await kam.post(`/api/v1/accounts/${a.id}/contacts`, { name: 'Hanna Berg', title: 'Head of Procurement', buyingRole: 'economic_buyer' })).body;
    const plan = (await kam.post(`/api/v1/accounts/${a.id}/plans`, { period: '2026' })).body;
    await kam.patch(`/api/v1/plans/${plan.id}`, { status: 'active' }, 1);
    await kam.post(`/api/v1/plans/${plan.id}/objectives`, { title: 'Stores', baseline: '0', target: '10', current: '5' });

    const scheduled = await kam.post(`/api/v1/accounts/${a.id}/reviews`, {});
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', scheduledOn: '2027-02-23', source: 'manual', snapshot: null, accountName: a.name });
    expect((await kam.post(`/api/v1/accounts/${a.id}/reviews`, {})).status).toBe(409);
    const moved = await kam.patch(`/api/v1/reviews/${scheduled.body.id}`, { scheduledOn: '2026-12-01', attendees: [{ kind: 'user', id: kam.actor.userId }, { kind: 'contact', id: contact.id }] }, 1);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.attendees.map((x: any) => [x.kind, x.name])).toEqual([['user', expect.any(String)], ['contact', 'Hanna Berg']]);
    // Cases add agenda items through the service.
    await api.ctx.db.transaction((tx) => addReviewAgendaItem(tx, kam.actor.orgId, a.id, { text: 'SLA breached on case 7', source: 'case', at: api.ctx.clock.now() }));
    const withAgenda = await kam.post(`/api/v1/reviews/${scheduled.body.id}/agenda`, { text: 'Furniture tender' });
    expect(withAgenda.body.agenda.map((x: any) => [x.text, x.source])).toEqual([['SLA breached on case 7', 'case'], ['Furniture tender', 'manual']]);
    // Upcoming: due within 14 days.
    expect((await kam.get('/api/v1/reviews?dueWithinDays=14')).body.items.map((r: any) => r.id)).toContain(scheduled.body.id);
    expect((await kam.get('/api/v1/reviews?dueWithinDays=3')).body.items.map((r: any) => r.id)).not.toContain(scheduled.body.id);
    expect((await upcomingReviewsHome(api.ctx.db, kam.actor, api.ctx.clock.now())).find((r) => r.id === scheduled.body.id)).toMatchObject({ accountName: a.name, dueOn: '2026-12-01' });
    expect((await upcomingReviewsHome(api.ctx.db, (await api.as('kam3@patron.example')).actor, api.ctx.clock.now())).map((r) => r.id)).not.toContain(scheduled.body.id);

    api.ctx.clock.set('2026-12-01T15:00:00Z');
    try {
      const held = await kam.post(`/api/v1/reviews/${scheduled.body.id}/hold`, {
        discussion: 'Pilot went well',
        decisions: ['Roll out next-day delivery to 40 stores'],
        risks: ['Budget freeze in Q1'],
        agreedActions: [{ title: 'Send the roll-out proposal', dueOn: '2026-12-15', ownerId: kam.actor.userId }],
      }, { 'if-match': '"2"' });
      expect(held.status, JSON.stringify(held.body)).toBe(200);
      expect(held.body).toMatchObject({ status: 'held', heldOn: '2026-12-01', nextReviewOn: '2027-03-01', decisions: ['Roll out next-day delivery to 40 stores'], risks: ['Budget freeze in Q1'] });
      expect(held.body.snapshot).toMatchObject({
        asOf: '2026-12-01', currency: 'USD', revenue: '2000.00', grossProfit: '900.00', margin: '0.4500', growth: '1.0000',
        plan: { planId: plan.id, period: '2026', objectives: 1, achieved: 0, average: 0.5 },
        lastContacts: [{ name: 'Hanna Berg', title: 'Head of Procurement', buyingRole: 'economic_buyer' }],
      });
      expect(held.body.snapshot.score).toEqual(expect.any(Number));
      expect(held.body.snapshot.tier).toEqual(expect.any(String));
      expect(held.body.agreedActions[0].planActionId).toEqual(expect.any(String));
      const planActions = (await kam.get(`/api/v1/plans/${plan.id}`)).body.actions;
      expect(planActions).toEqual([expect.objectContaining({ id: held.body.agreedActions[0].planActionId, title: 'Send the roll-out proposal', agreed: true, source: 'review', sourceId: scheduled.body.id })]);
      const next = (await kam.get(`/api/v1/accounts/${a.id}/reviews`)).body.items;
      expect(next.map((r: any) => [r.status, r.scheduledOn, r.source])).toEqual([['scheduled', '2027-03-01', 'previous_review'], ['held', '2026-12-01', 'manual']]);
      // The snapshot is frozen: a later transaction does not change it, and a held review does not change.
      await admin.post('/api/v1/transactions', { accountId: a.id, bookedOn: '2026-12-01', amount: '9999.00', cost: '1.00' });
      expect((await kam.get(`/api/v1/reviews/${scheduled.body.id}`)).body.snapshot.revenue).toBe('2000.00');
      expect((await kam.patch(`/api/v1/reviews/${scheduled.body.id}`, { discussion: 'rewrite' }, 3)).status).toBe(409);
      expect((await kam.post(`/api/v1/reviews/${scheduled.body.id}/hold`, {}, { 'if-match': '"3"' })).status).toBe(409);

      // The pack.
      const pack = await kam.request('GET', `/api/v1/reviews/${scheduled.body.id}/pack.xlsx`);
      expect(pack.status).toBe(200);
      expect(pack.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(pack.headers['content-disposition']).toMatch(/attachment; filename="review-Review Journey Corp-2026-12-01.xlsx"/);
      const raw = await api.app.inject({ method: 'GET', url: `/api/v1/reviews/${scheduled.body.id}/pack.xlsx`, headers: { authorization: (await tokenHeader()) } });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['Review', 'KPIs', 'Decisions', 'Risks', 'Actions', 'Agenda']);
      const cover = workbook.getWorksheet('Review')!;
      expect(cover.getCell('B2').value).toBe('Review Journey Corp');
      expect(cover.getCell('B4').value).toEqual(new Date('2026-12-01T00:00:00Z'));
      expect(String(cover.getCell('B7').value)).toMatch(/Hanna Berg/);
      expect(cover.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const kpis = workbook.getWorksheet('KPIs')!;
      expect(kpis.getRow(1).values).toEqual([undefined, 'KPI', 'Value', 'Unit']);
      expect(kpis.getCell('B2').value).toBe(2000);
      expect(kpis.getCell('C2').value).toBe('USD');
      expect(kpis.getCell('B3').value).toBe(900);
      expect(kpis.getCell('B4').value).toBe(0.45);
      expect(kpis.getCell('B4').numFmt).toBe('0.0%');
      expect(kpis.getCell('B5').value).toBe(1);
      expect(kpis.getRow(1).font?.bold).toBe(true);
      expect(workbook.getWorksheet('Decisions')!.getCell('B2').value).toBe('Roll out next-day delivery to 40 stores');
      const actions = workbook.getWorksheet('Actions')!;
      expect(actions.getCell('A2').value).toBe('Send the roll-out proposal');
      expect(actions.getCell('C2').value).toEqual(new Date('2026-12-15T00:00:00Z'));
      expect(actions.getCell('D2').value).toBe(true);
      expect(workbook.getWorksheet('Agenda')!.rowCount).toBe(3);
    } finally {
      api.ctx.clock.set('2026-11-23T10:00:00Z');
    }
  }, 120_000);

  async function tokenHeader(): Promise<string> {
    const created = await (await api.as(KAM)).post('/api/v1/tokens', { name: 'pack test' });
    return `Bearer ${created.body.token}`;
  }

  it('refuses bad input, stale versions and strangers', async () => {
    const kam = await api.as(KAM);
    const a = await account('Review Rules AB');
    const review = (await kam.post(`/api/v1/accounts/${a.id}/reviews`, { scheduledOn: '2026-12-10' })).body;
    const url = `/api/v1/reviews/${review.id}`;
    expect((await kam.post(`/api/v1/accounts/${(await account('Past Review Ltd')).id}/reviews`, { scheduledOn: '2026-01-01' })).status).toBe(400);
    expect((await kam.patch(url, { scheduledOn: '2026-13-01' }, 1)).status).toBe(400);
    expect((await kam.patch(url, { attendees: [{ kind: 'user', id: (await api.as(OTHER_ORG_KAM)).actor.userId }] }, 1)).status).toBe(400);
    expect((await kam.patch(url, { attendees: [{ kind: 'robot', id: kam.actor.userId }] }, 1)).status).toBe(400);
    expect((await kam.patch(url, { decisions: [''] }, 1)).status).toBe(400);
    expect((await kam.patch(url, { nextReviewOn: '2026-12-01' }, 1)).status).toBe(400);
    expect((await kam.patch(url, { unknown: 1 }, 1)).status).toBe(400);
    expect((await kam.patch(url, { discussion: 'x' }, 5)).status).toBe(412);
    expect((await kam.request('PATCH', url, { discussion: 'x' })).status).toBe(428);
    expect((await kam.post(`${url}/hold`, { heldOn: '2026-12-24' }, { 'if-match': '"1"' })).status).toBe(400);
    expect((await (await api.as('kam3@patron.example')).get(url)).status).toBe(404);
    expect((await (await api.as(OTHER_ORG_KAM)).get(url)).status).toBe(404);
    expect((await (await api.as(OTHER_ORG_KAM)).request('GET', `${url}/pack.xlsx`)).status).toBe(404);
    expect((await (await api.as('viewer@patron.example')).patch(url, { discussion: 'x' }, 1)).status).toBe(403);
    expect((await (await api.as('viewer@patron.example')).get(url)).status).toBe(200);
    expect((await kam.get(url)).body.version).toBe(1);
    expect((await kam.delete(url, 1)).status).toBe(204);
    expect((await kam.get(url)).body.status).toBe('cancelled');
  });

  it('keeps the cadence as an organisation setting the admin changes', async () => {
    const admin = await api.as('admin@patron.example');
    const kam = await api.as(KAM);
    expect((await kam.get('/api/v1/review-settings')).body).toEqual({ cadenceMonths: 3, version: 1 });
    expect((await kam.request('PUT', '/api/v1/review-settings', { cadenceMonths: 6 }, { 'if-match': '"1"' })).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/review-settings', { cadenceMonths: 0 }, { 'if-match': '"1"' })).status).toBe(400);
    const changed = await admin.request('PUT', '/api/v1/review-settings', { cadenceMonths: 6 }, { 'if-match': '"1"' });
    expect(changed.body).toEqual({ cadenceMonths: 6, version: 2 });
    expect((await admin.request('PUT', '/api/v1/review-settings', { cadenceMonths: 4 }, { 'if-match': '"1"' })).status).toBe(412);
    const a = await account('Half-yearly Reviews GmbH');
    expect((await kam.post(`/api/v1/accounts/${a.id}/reviews`, {})).body.scheduledOn).toBe('2027-05-23');
    expect((await (await api.as(OTHER_ORG_KAM)).get('/api/v1/review-settings')).body.cadenceMonths).toBe(3);
    await admin.request('PUT', '/api/v1/review-settings', { cadenceMonths: 3 }, { 'if-match': '"2"' });
  });
});
