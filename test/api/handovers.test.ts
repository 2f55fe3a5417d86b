import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { pendingHandoversHome } from '../../src/modules/handovers/service.ts';
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

const BD = 'bd1@patron.example';
const KAM = 'kam2@patron.example';
const FULL = {
  contractSigned: { done: true, notes: 'Framework agreement signed' },
  keyContactsIntroduced: { done: true },
  openCommitments: { done: true, notes: 'Pilot delivery in December' },
  pricingAgreed: { done: true },
  firstReviewDate: { done: true, date: '2027-01-15' },
};

/** An onboarding account created by the BD (so the BD owns it), handed over to kam2. */
async function startHandover(checklist: Record<string, unknown> = FULL, name = `Handover ${Math.random().toString(36).slice(2, 8)}`) {
  const bd = await api.as(BD);
  const account = await bd.post('/api/v1/accounts', { name, stage: 'onboarding' });
  expect(account.status, JSON.stringify(account.body)).toBe(201);
  const kam = await api.as(KAM);
  const started = await bd.post(`/api/v1/accounts/${account.body.id}/handovers`, { toUserId: kam.actor.userId, checklist, notes: 'Price-sensitive buyer' });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return { account: account.body, handover: started.body };
}

async function count(table: string, where = sql`true`): Promise<number> {
  const [row] = await queryRows<{ n: string }>(api.ctx.db, sql`select count(*) as n from ${sql.identifier(table)} where ${where}`);
  return Number(row!.n);
}

describe('handovers', () => {
  it('starts a handover with a checklist, visible to both sides and in the receiver\'s pending list', async () => {
    const { account, handover } = await startHandover();
    const kam = await api.as(KAM);
    const bd = await api.as(BD);
    expect(handover).toMatchObject({
      accountId: account.id, accountName: account.name, fromUserId: bd.actor.userId, toUserId: kam.actor.userId, state: 'pending',
      missing: [], notes: 'Price-sensitive buyer', version: 1,
      checklist: { contractSigned: { done: true, notes: 'Framework agreement signed' }, keyContactsIntroduced: { done: true, notes: null }, firstReviewDate: { done: true, date: '2027-01-15', notes: null } },
    });
    expect(handover.events).toEqual([expect.objectContaining({ kind: 'started', actorId: bd.actor.userId, note: 'Price-sensitive buyer' })]);
    // The KAM is not on the account's team yet, but sees the handover (not the account).
    expect((await kam.get(`/api/v1/handovers/${handover.id}`)).status).toBe(200);
    expect((await kam.get(`/api/v1/accounts/${account.id}`)).status).toBe(404);
    const pending = await kam.get('/api/v1/handovers?state=pending&mine=true');
    expect(pending.body.items.map((h: any) => h.id)).toContain(handover.id);
    expect((await (await api.as('kam3@patron.example')).get(`/api/v1/handovers/${handover.id}`)).status).toBe(404);
    expect((await (await api.as('manager@patron.example')).get(`/api/v1/handovers/${handover.id}`)).status).toBe(200);
    expect((await (await api.as(OTHER_ORG_KAM)).get(`/api/v1/handovers/${handover.id}`)).status).toBe(404);
    expect((await bd.get(`/api/v1/accounts/${account.id}/handovers`)).body.items.map((h: any) => h.id)).toEqual([handover.id]);
    // The home section: the receiving KAM and the sending BD see it; another KAM does not.
    expect((await pendingHandoversHome(api.ctx.db, kam.actor, api.ctx.clock.now())).map((h) => h.id)).toContain(handover.id);
    expect((await pendingHandoversHome(api.ctx.db, bd.actor, api.ctx.clock.now())).find((h) => h.id === handover.id)).toMatchObject({ accountName: account.name, dueOn: '2027-01-15', missing: 0 });
    expect((await pendingHandoversHome(api.ctx.db, (await api.as('kam3@patron.example')).actor, api.ctx.clock.now())).map((h) => h.id)).not.toContain(handover.id);
    const home = await kam.get('/api/v1/me/home');
    expect(JSON.stringify(home.body.pendingHandovers ?? home.body.sections?.pendingHandovers ?? home.body)).toContain(handover.id);
    // The receiving KAM is notified.
    expect(await count('notifications', sql`user_id = ${kam.actor.userId} and kind = 'handover_received'`)).toBeGreaterThanOrEqual(1);
  });

  it('on acceptance moves ownership, keeps the BD as sourcing BD, activates the account and schedules the first review, in one go', async () => {
    const { account, handover } = await startHandover();
    const kam = await api.as(KAM);
    const bd = await api.as(BD);
    const accepted = await kam.post(`/api/v1/handovers/${handover.id}/accept`, undefined, { 'if-match': '"1"' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', decidedBy: kam.actor.userId, decidedAt: '2026-11-23T10:00:00.000Z', version: 2 });
    expect(accepted.body.events.map((e: any) => e.kind)).toEqual(['started', 'accepted']);
    const after = await kam.get(`/api/v1/accounts/${account.id}`);
    expect(after.body).toMatchObject({ ownerId: kam.actor.userId, stage: 'active' });
    const team = await kam.get(`/api/v1/accounts/${account.id}/team`);
    expect(team.body.items.map((m: any) => [m.email, m.role]).sort()).toEqual([[BD, 'sourcing_bd'], [KAM, 'owner']]);
    const reviews = await kam.get(`/api/v1/accounts/${account.id}/reviews`);
    expect(reviews.body.items).toEqual([expect.objectContaining({ status: 'scheduled', scheduledOn: '2027-01-15', source: 'handover' })]);
    // Both sides see the trail; the BD is told.
    expect((await bd.get(`/api/v1/handovers/${handover.id}`)).body.events.map((e: any) => e.kind)).toEqual(['started', 'accepted']);
    expect(await count('notifications', sql`user_id = ${bd.actor.userId} and kind = 'handover_accepted'`)).toBe(1);
    // Audit rows for the handover, the account and its team, in the same transaction.
    const admin = await api.as('admin@patron.example');
    expect((await admin.get(`/api/v1/audit?entity=handover&entityId=${handover.id}`)).body.items.map((e: any) => e.action)).toEqual(['update', 'create']);
    const accountTrail = (await admin.get(`/api/v1/audit?entityId=${account.id}`)).body.items.map((e: any) => e.entity);
    expect(accountTrail).toEqual(expect.arrayContaining(['account', 'account_team']));
    // A decided handover cannot be decided again.
    expect((await kam.post(`/api/v1/handovers/${handover.id}/accept`, undefined, { 'if-match': '"2"' })).status).toBe(409);
  });

  it('leaves nothing half-done when acceptance fails after ownership moved (the first review date has passed meanwhile)', async () => {
    const { account, handover } = await startHandover({ ...FULL, firstReviewDate: { done: true, date: '2026-11-30' } });
    const kam = await api.as(KAM);
    const bd = await api.as(BD);
    const teamBefore = (await bd.get(`/api/v1/accounts/${account.id}/team`)).body;
    const accountBefore = (await bd.get(`/api/v1/accounts/${account.id}`)).body;
    const auditBefore = await count('audit_log');
    api.ctx.clock.set('2026-12-05T09:00:00Z');
    try {
      const failed = await kam.post(`/api/v1/handovers/${handover.id}/accept`, undefined, { 'if-match': '"1"' });
      expect(failed.status).toBe(422);
      expect(failed.body.detail).toMatch(/2026-11-30 has passed/);
    } finally {
      api.ctx.clock.set('2026-11-23T10:00:00Z');
    }
    expect((await bd.get(`/api/v1/accounts/${account.id}`)).body).toEqual(accountBefore);
    expect((await bd.get(`/api/v1/accounts/${account.id}/team`)).body).toEqual(teamBefore);
    expect((await bd.get(`/api/v1/handovers/${handover.id}`)).body).toMatchObject({ state: 'pending', version: 1 });
    expect((await bd.get(`/api/v1/handovers/${handover.id}`)).body.events).toHaveLength(1);
    expect(await count('account_reviews', sql`account_id = ${account.id}`)).toBe(0);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it('refuses to accept an incomplete checklist, and lets the KAM return it with a reason', async () => {
    const { handover } = await startHandover({ contractSigned: { done: true } });
    expect(handover.missing).toEqual(['keyContactsIntroduced', 'openCommitments', 'pricingAgreed', 'firstReviewDate']);
    const kam = await api.as(KAM);
    const refused = await kam.post(`/api/v1/handovers/${handover.id}/accept`, undefined, { 'if-match': '"1"' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: any) => e.path)).toEqual(['checklist.keyContactsIntroduced.done', 'checklist.openCommitments.done', 'checklist.pricingAgreed.done', 'checklist.firstReviewDate.done']);
    expect((await kam.post(`/api/v1/handovers/${handover.id}/return`, {}, { 'if-match': '"1"' })).status).toBe(400);
    const returned = await kam.post(`/api/v1/handovers/${handover.id}/return`, { reason: 'Pricing is not agreed yet' }, { 'if-match': '"1"' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', returnReason: 'Pricing is not agreed yet' });
    expect(returned.body.events.at(-1)).toMatchObject({ kind: 'returned', note: 'Pricing is not agreed yet' });
    // A new handover may start once none is pending.
    const bd = await api.as(BD);
    expect((await bd.post(`/api/v1/accounts/${handover.accountId}/handovers`, { toUserId: kam.actor.userId })).status).toBe(201);
  });

  it('lets only the receiving side decide and only the sending side change or cancel', async () => {
    const { handover } = await startHandover();
    const url = `/api/v1/handovers/${handover.id}`;
    const bd = await api.as(BD);
    const kam = await api.as(KAM);
    expect((await bd.post(`${url}/accept`, undefined, { 'if-match': '"1"' })).status).toBe(403);
    expect((await (await api.as('director@patron.example')).post(`${url}/accept`, undefined, { 'if-match': '"1"' })).status).toBe(403);
    expect((await (await api.as('viewer@patron.example')).post(`${url}/return`, { reason: 'x' }, { 'if-match': '"1"' })).status).toBe(403);
    expect((await kam.patch(url, { notes: 'mine now?' }, 1)).status).toBe(403);
    expect((await kam.post(`${url}/cancel`, undefined, { 'if-match': '"1"' })).status).toBe(403);
    // If-Match: required and current.
    expect((await bd.request('PATCH', url, { notes: 'x' })).status).toBe(428);
    expect((await kam.post(`${url}/accept`)).status).toBe(428);
    expect((await bd.patch(url, { notes: 'x' }, 7)).status).toBe(412);
    const changed = await bd.patch(url, { checklist: { pricingAgreed: { notes: 'Net 30' } }, notes: 'Updated' }, 1);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, notes: 'Updated', checklist: { pricingAgreed: { done: true, notes: 'Net 30' } } });
    expect((await kam.post(`${url}/accept`, undefined, { 'if-match': '"1"' })).status).toBe(412);
    const cancelled = await bd.post(`${url}/cancel`, undefined, { 'if-match': '"2"' });
    expect(cancelled.body).toMatchObject({ state: 'cancelled' });
    expect(cancelled.body.events.map((e: any) => e.kind)).toEqual(['started', 'changed', 'cancelled']);
    expect((await bd.patch(url, { notes: 'too late' }, 3)).status).toBe(409);
  });

  it('refuses bad input with 400/422 problems and writes nothing', async () => {
    const bd = await api.as(BD);
    const kam = await api.as(KAM);
    const account = (await bd.post('/api/v1/accounts', { name: 'Bad Input Handover GmbH', stage: 'onboarding' })).body;
    const url = `/api/v1/accounts/${account.id}/handovers`;
    const before = await count('handovers');
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ toUserId: 'not-a-uuid' }, 400],
      [{ toUserId: kam.actor.userId, extra: 1 }, 400],
      [{ toUserId: kam.actor.userId, checklist: { contractSigned: { done: 'yes' } } }, 400],
      [{ toUserId: kam.actor.userId, checklist: { unknownItem: { done: true } } }, 400],
      [{ toUserId: kam.actor.userId, checklist: { firstReviewDate: { date: '2027-02-30' } } }, 400],
      [{ toUserId: kam.actor.userId, checklist: { firstReviewDate: { date: '2026-01-01' } } }, 400],
      [{ toUserId: kam.actor.userId, checklist: { firstReviewDate: { done: true } } }, 400],
      [{ toUserId: bd.actor.userId }, 400], // a BD, not a KAM
      [{ toUserId: (await api.as('manager@patron.example')).actor.userId }, 400],
      [{ toUserId: (await api.as(OTHER_ORG_KAM)).actor.userId }, 400],
      [{ toUserId: kam.actor.userId, notes: 'x'.repeat(10_001) }, 400],
    ];
    for (const [body, status] of cases) {
      const answer = await bd.post(url, body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(await count('handovers')).toBe(before);
    // An active account is not handed over; the viewer and a KAM cannot start one; another org's account is 404.
    const active = (await bd.post('/api/v1/accounts', { name: 'Already Active AB', stage: 'active' })).body;
    expect((await bd.post(`/api/v1/accounts/${active.id}/handovers`, { toUserId: kam.actor.userId })).status).toBe(422);
    expect((await (await api.as('viewer@patron.example')).post(url, { toUserId: kam.actor.userId })).status).toBe(403);
    expect((await (await api.as(OTHER_ORG_KAM)).post(url, { toUserId: kam.actor.userId })).status).toBe(404);
    // One pending handover per account.
    expect((await bd.post(url, { toUserId: kam.actor.userId })).status).toBe(201);
    expect((await bd.post(url, { toUserId: (await api.as('kam3@patron.example')).actor.userId })).status).toBe(409);
  });

  it('pages the handover list', async () => {
    const bd = await api.as(BD);
    const first = await bd.get('/api/v1/handovers?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await bd.get(`/api/v1/handovers?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items.map((h: any) => h.id)).not.toContain(first.body.items[0].id);
    expect((await bd.get('/api/v1/handovers?limit=0')).status).toBe(400);
    expect((await bd.get('/api/v1/handovers?cursor=garbage')).status).toBe(400);
    expect((await api.anonymous.request('GET', '/api/v1/handovers')).status).toBe(401);
  });
});
