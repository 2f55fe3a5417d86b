import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';
import { OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
let kam1: Caller;
let kam2: Caller;
let admin: Caller;
let viewer: Caller;
let manager: Caller;
let accountId: string;
let contactId: string;
let otherContactId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  api = await createTestApi();
  kam1 = await api.as('kam1@patron.example');
  kam2 = await api.as('kam2@patron.example');
  admin = await api.as('admin@patron.example');
  viewer = await api.as('viewer@patron.example');
  manager = await api.as('manager@patron.example');
  accountId = (await kam1.post('/api/v1/accounts', { name: 'Engaged Corp' })).body.id;
  contactId = (await kam1.post(`/api/v1/accounts/${accountId}/contacts`, { name: 'Hanna Berg', buyingRole: 'champion' })).body.id;
  const elsewhere = (await kam1.post('/api/v1/accounts', { name: 'Elsewhere Ltd' })).body.id;
  otherContactId = (await kam1.post(`/api/v1/accounts/${elsewhere}/contacts`, { name: 'Olle Other' })).body.id;
});
afterAll(() => api.close());

const now = () => api.ctx.clock.now();
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => isoDay(new Date(now().getTime() + n * DAY));

describe('interactions', () => {
  let meetingId: string;
  let meetingVersion: number;

  it('logs a meeting with participants and a next step; minutes default per kind; audited', async () => {
    const created = await kam1.post(`/api/v1/accounts/${accountId}/interactions`, {
      kind: 'meeting',
      occurredAt: now().toISOString(),
      summary: 'Quarterly check-in',
      sentiment: 1,
      contactIds: [contactId],
      userIds: [manager.actor.userId],
      nextStep: 'Send proposal',
      nextStepDue: daysFromNow(3),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      accountId,
      kind: 'meeting',
      minutes: 60,
      sentiment: 1,
      contacts: [{ id: contactId, name: 'Hanna Berg' }],
      users: [{ id: manager.actor.userId }],
      nextStep: 'Send proposal',
      nextStepOwnerId: kam1.actor.userId,
      nextStepDone: false,
      createdBy: kam1.actor.userId,
      version: 1,
    });
    meetingId = created.body.id;
    meetingVersion = created.body.version;
    const audit = await admin.get(`/api/v1/audit?entity=interaction&entityId=${meetingId}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'create', actorId: kam1.actor.userId });

    const call = await kam1.post(`/api/v1/accounts/${accountId}/interactions`, { kind: 'call', occurredAt: new Date(now().getTime() - DAY).toISOString(), summary: 'Quick call', minutes: 7 });
    expect(call.body).toMatchObject({ minutes: 7, nextStep: null, nextStepDue: null, nextStepOwnerId: null, sentiment: null });
    const email = await kam1.post(`/api/v1/accounts/${accountId}/interactions`, { kind: 'email', occurredAt: new Date(now().getTime() - 2 * DAY).toISOString(), summary: 'Sent prices' });
    expect(email.body.minutes).toBe(10);
  });

  it('lists newest first with cursor paging and a kind filter', async () => {
    const all = await manager.get(`/api/v1/accounts/${accountId}/interactions`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: any) => i.kind)).toEqual(['meeting', 'call', 'email']);
    const first = await kam1.get(`/api/v1/accounts/${accountId}/interactions?limit=2`);
    expect(first.body.items.map((i: any) => i.kind)).toEqual(['meeting', 'call']);
    const second = await kam1.get(`/api/v1/accounts/${accountId}/interactions?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ kind: 'email' }], nextCursor: null });
    const calls = await kam1.get(`/api/v1/accounts/${accountId}/interactions?kind=call`);
    expect(calls.body.items.map((i: any) => i.kind)).toEqual(['call']);
    expect((await kam1.get(`/api/v1/accounts/${accountId}/interactions?kind=dance`)).status).toBe(400);
    expect((await kam1.get(`/api/v1/accounts/${accountId}/interactions?cursor=xyz`)).status).toBe(400);
  });

  it('is visible only to whoever sees the account; the viewer reads but cannot write; other orgs get 404', async () => {
    expect((await kam2.get(`/api/v1/accounts/${accountId}/interactions`)).status).toBe(404);
    expect((await kam2.get(`/api/v1/interactions/${meetingId}`)).status).toBe(404);
    expect((await kam2.patch(`/api/v1/interactions/${meetingId}`, { summary: 'x' }, meetingVersion)).status).toBe(404);
    expect((await kam2.post(`/api/v1/accounts/${accountId}/interactions`, { kind: 'note', occurredAt: now().toISOString(), summary: 'x' })).status).toBe(404);
    expect((await viewer.get(`/api/v1/interactions/${meetingId}`)).status).toBe(200);
    expect((await viewer.post(`/api/v1/accounts/${accountId}/interactions`, { kind: 'note', occurredAt: now().toISOString(), summary: 'x' })).status).toBe(403);
    expect((await viewer.delete(`/api/v1/interactions/${meetingId}`, meetingVersion)).status).toBe(403);
    const rival = await api.as(OTHER_ORG_KAM);
    expect((await rival.get(`/api/v1/interactions/${meetingId}`)).status).toBe(404);
    expect((await rival.get(`/api/v1/accounts/${accountId}/engagement`)).status).toBe(404);
    expect((await api.anonymous.request('GET', `/api/v1/interactions/${meetingId}`)).status).toBe(401);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const url = `/api/v1/accounts/${accountId}/interactions`;
    const ok = { kind: 'call', occurredAt: now().toISOString(), summary: 'x' };
    const bad: [unknown, string][] = [
      [{ ...ok, kind: 'lunch' }, 'kind'],
      [{ ...ok, sentiment: 3 }, 'sentiment'],
      [{ ...ok, sentiment: 'positive' }, 'sentiment'],
      [{ ...ok, minutes: -5 }, 'minutes'],
      [{ ...ok, minutes: 1441 }, 'minutes'],
      [{ ...ok, summary: '' }, 'summary'],
      [{ ...ok, summary: 'x'.repeat(10001) }, 'summary'],
      [{ ...ok, occurredAt: 'yesterday' }, 'occurredAt'],
      [{ ...ok, extra: 1 }, 'extra'],
      [{ ...ok, nextStepDue: '2026-02-30', nextStep: 'x' }, 'nextStepDue'],
      [{ kind: 'call', summary: 'x' }, 'occurredAt'],
    ];
    for (const [body, path] of bad) {
      const answer = await kam1.post(url, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(answer.body.errors), JSON.stringify(body)).toContain(path);
    }
    const semantic: [unknown, string][] = [
      [{ ...ok, contactIds: [otherContactId] }, 'contactIds/0'],
      [{ ...ok, userIds: [(await api.as(OTHER_ORG_KAM)).actor.userId] }, 'userIds/0'],
      [{ ...ok, nextStep: 'Follow up' }, 'nextStepDue'],
      [{ ...ok, nextStepDue: daysFromNow(1) }, 'nextStep'],
      [{ ...ok, occurredAt: new Date(now().getTime() + 400 * DAY).toISOString() }, 'occurredAt'],
      [{ ...ok, occurredAt: '1970-01-01T00:00:00Z' }, 'occurredAt'],
    ];
    for (const [body, path] of semantic) {
      const answer = await kam1.post(url, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errors.map((e: any) => e.path), JSON.stringify(body)).toContain(path);
    }
    const hostile = await kam1.post(url, { ...ok, summary: "'); drop table interactions; -- <script>alert(1)</script> \u202e" });
    expect(hostile.status).toBe(201);
    expect(hostile.body.summary).toContain('drop table');
    expect((await kam1.post(url, { ...ok, summary: 'nul \u0000 byte' })).status).toBe(400);
    await kam1.delete(`/api/v1/interactions/${hostile.body.id}`, hostile.body.version);
    const list = await kam1.get(url);
    expect(list.body.items).toHaveLength(3);
  });

  it('changes with If-Match: 428 without, 412 stale; marks the next step done; audited with before and after', async () => {
    const url = `/api/v1/interactions/${meetingId}`;
    expect((await kam1.request('PATCH', url, { summary: 'New' })).status).toBe(428);
    expect((await kam1.patch(url, { summary: 'New' }, meetingVersion + 5)).status).toBe(412);
    expect((await kam1.patch(url, {}, meetingVersion)).status).toBe(400);
    expect((await kam1.patch(url, { nextStepDue: null }, meetingVersion)).status).toBe(400);
    const changed = await kam1.patch(url, { summary: 'Quarterly check-in, went well', sentiment: 2, contactIds: [], nextStepDone: true }, meetingVersion);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ summary: 'Quarterly check-in, went well', sentiment: 2, contacts: [], nextStepDone: true, version: meetingVersion + 1 });
    expect(changed.headers.etag).toBe(`"${meetingVersion + 1}"`);
    expect((await kam1.patch(url, { summary: 'lost update' }, meetingVersion)).status).toBe(412);
    meetingVersion = changed.body.version;
    const audit = await admin.get(`/api/v1/audit?entity=interaction&entityId=${meetingId}`);
    const update = audit.body.items.find((e: any) => e.action === 'update');
    expect(update.before).toMatchObject({ sentiment: 1, nextStepDone: false });
    expect(update.after).toMatchObject({ sentiment: 2, nextStepDone: true });
    const reopened = await kam1.patch(url, { nextStepDone: false }, meetingVersion);
    expect(reopened.body.nextStepDone).toBe(false);
    meetingVersion = reopened.body.version;
  });

  it('lists open next steps: overdue, this week, mine', async () => {
    const url = `/api/v1/accounts/${accountId}/interactions`;
    const late = await kam1.post(url, { kind: 'call', occurredAt: now().toISOString(), summary: 'Late', nextStep: 'Overdue thing', nextStepDue: daysFromNow(-2) });
    const later = await kam1.post(url, { kind: 'call', occurredAt: now().toISOString(), summary: 'Later', nextStep: 'Next month', nextStepDue: daysFromNow(30), nextStepOwnerId: kam2.actor.userId });
    expect(later.status).toBe(201);
    const all = await kam1.get(`/api/v1/next-steps?accountId=${accountId}`);
    expect(all.body.items.map((s: any) => s.nextStep)).toEqual(['Overdue thing', 'Send proposal', 'Next month']);
    expect(all.body.items[0]).toMatchObject({ overdueDays: 2, accountName: 'Engaged Corp', ownerId: kam1.actor.userId, interactionId: late.body.id });
    const overdue = await kam1.get(`/api/v1/next-steps?due=overdue&accountId=${accountId}`);
    expect(overdue.body.items.map((s: any) => s.nextStep)).toEqual(['Overdue thing']);
    const week = await kam1.get(`/api/v1/next-steps?due=week&accountId=${accountId}`);
    expect(week.body.items.map((s: any) => s.nextStep)).toEqual(['Overdue thing', 'Send proposal']);
    const mine = await kam1.get('/api/v1/next-steps?mine=true');
    expect(mine.body.items.map((s: any) => s.nextStep)).not.toContain('Next month');
    // kam2 owns a step on an account they cannot see: it is not on their list.
    expect((await kam2.get('/api/v1/next-steps?mine=true')).body.items.map((s: any) => s.nextStep)).not.toContain('Next month');
    expect((await kam2.get(`/api/v1/next-steps?accountId=${accountId}`)).status).toBe(404);
    const paged = await kam1.get(`/api/v1/next-steps?accountId=${accountId}&limit=1`);
    const page2 = await kam1.get(`/api/v1/next-steps?accountId=${accountId}&limit=1&cursor=${paged.body.nextCursor}`);
    expect(page2.body.items[0].nextStep).toBe('Send proposal');
    expect((await kam1.get('/api/v1/next-steps?due=someday')).status).toBe(400);
    // Done steps leave the list.
    await kam1.patch(`/api/v1/interactions/${late.body.id}`, { nextStepDone: true }, late.body.version);
    expect((await kam1.get(`/api/v1/next-steps?due=overdue&accountId=${accountId}`)).body.items).toEqual([]);
  });

  it('deletes with If-Match; the interaction is gone but audited', async () => {
    const note = await kam1.post(`/api/v1/accounts/${accountId}/interactions`, { kind: 'note', occurredAt: now().toISOString(), summary: 'To delete' });
    expect((await kam1.delete(`/api/v1/interactions/${note.body.id}`)).status).toBe(428);
    expect((await kam1.delete(`/api/v1/interactions/${note.body.id}`, note.body.version + 1)).status).toBe(412);
    expect((await kam1.delete(`/api/v1/interactions/${note.body.id}`, note.body.version)).status).toBe(204);
    expect((await kam1.get(`/api/v1/interactions/${note.body.id}`)).status).toBe(404);
    const audit = await admin.get(`/api/v1/audit?entity=interaction&entityId=${note.body.id}`);
    expect(audit.body.items.map((e: any) => e.action).sort()).toEqual(['create', 'delete']);
  });
});

describe('cadence and engagement', () => {
  it('an account never contacted is overdue from the day after its creation; a meeting clears it', async () => {
    const fresh = (await kam1.post('/api/v1/accounts', { name: 'Quiet Corp' })).body.id;
    let engagement = await kam1.get(`/api/v1/accounts/${fresh}/engagement`);
    expect(engagement.status).toBe(200);
    expect(engagement.body).toMatchObject({ lastContactOn: null, dueOn: isoDay(now()), overdue: false, recent: [], openNextSteps: 0 });
    api.ctx.clock.advance(3 * DAY);
    engagement = await kam1.get(`/api/v1/accounts/${fresh}/engagement`);
    expect(engagement.body).toMatchObject({ overdue: true, overdueDays: 3 });
    const overdue = await kam1.get('/api/v1/engagement/overdue?mine=true&limit=500');
    expect(overdue.body.items.map((a: any) => a.accountId)).toContain(fresh);
    expect(overdue.body.items.find((a: any) => a.accountId === fresh)).toMatchObject({ name: 'Quiet Corp', overdueDays: 3, ownerId: kam1.actor.userId });
    // The manager sees it (their report's), kam2 does not.
    expect((await manager.get('/api/v1/engagement/overdue?limit=500')).body.items.map((a: any) => a.accountId)).toContain(fresh);
    expect((await kam2.get('/api/v1/engagement/overdue?limit=500')).body.items.map((a: any) => a.accountId)).not.toContain(fresh);

    await kam1.post(`/api/v1/accounts/${fresh}/interactions`, { kind: 'meeting', occurredAt: now().toISOString(), summary: 'Met at last' });
    engagement = await kam1.get(`/api/v1/accounts/${fresh}/engagement`);
    const cadence = (await kam1.get('/api/v1/settings/cadence')).body.cadence;
    expect(engagement.body).toMatchObject({ lastContactOn: isoDay(now()), daysSinceContact: 0, overdue: false, overdueDays: 0 });
    expect(engagement.body.dueOn).toBe(daysFromNow(cadence[engagement.body.tier]));
    expect(engagement.body.recent).toHaveLength(1);
    expect((await kam1.get('/api/v1/engagement/overdue?mine=true&limit=500')).body.items.map((a: any) => a.accountId)).not.toContain(fresh);
  });

  it('a future-dated (planned) meeting does not count as contact', async () => {
    const planned = (await kam1.post('/api/v1/accounts', { name: 'Planned Corp' })).body.id;
    api.ctx.clock.advance(DAY);
    await kam1.post(`/api/v1/accounts/${planned}/interactions`, { kind: 'visit', occurredAt: new Date(now().getTime() + 5 * DAY).toISOString(), summary: 'Site visit planned' });
    const engagement = await kam1.get(`/api/v1/accounts/${planned}/engagement`);
    expect(engagement.body).toMatchObject({ lastContactOn: null, overdue: true, overdueDays: 1 });
  });

  it('pages the overdue list longest overdue first', async () => {
    const all = (await admin.get('/api/v1/engagement/overdue?limit=500')).body.items;
    expect(all.length).toBeGreaterThanOrEqual(2);
    const days = all.map((a: any) => a.overdueDays);
    expect([...days].sort((a, b) => b - a)).toEqual(days);
    const first = await admin.get('/api/v1/engagement/overdue?limit=1');
    const second = await admin.get(`/api/v1/engagement/overdue?limit=1&cursor=${first.body.nextCursor}`);
    expect([first.body.items[0].accountId, second.body.items[0].accountId]).toEqual([all[0].accountId, all[1].accountId]);
  });

  it('the admin edits the cadence with If-Match; it moves due dates; others may not', async () => {
    const settings = await kam1.get('/api/v1/settings/cadence');
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ cadence: { key: 14, strategic: 21, maintain: 45, develop: 90 }, minutes: { meeting: 60, call: 20, visit: 180, email: 10, note: 5 }, version: 1 });
    expect(settings.headers.etag).toBe('"1"');
    const body = { cadence: { key: 7, strategic: 14, maintain: 30, develop: 60 }, minutes: { meeting: 45, call: 15, visit: 240, email: 5, note: 0 } };
    expect((await kam1.request('PUT', '/api/v1/settings/cadence', body, { 'if-match': '"1"' })).status).toBe(403);
    expect((await manager.request('PUT', '/api/v1/settings/cadence', body, { 'if-match': '"1"' })).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/settings/cadence', body)).status).toBe(428);
    for (const wrong of [
      { ...body, cadence: { ...body.cadence, key: 0 } },
      { ...body, cadence: { ...body.cadence, key: 1.5 } },
      { ...body, cadence: { key: 7 } },
      { ...body, minutes: { ...body.minutes, meeting: -1 } },
      { ...body, extra: true },
      { cadence: body.cadence },
    ]) {
      const answer = await admin.request('PUT', '/api/v1/settings/cadence', wrong, { 'if-match': '"1"' });
      expect(answer.status, JSON.stringify(wrong)).toBe(400);
    }
    const saved = await admin.request('PUT', '/api/v1/settings/cadence', body, { 'if-match': '"1"' });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ ...body, version: 2 });
    expect((await admin.request('PUT', '/api/v1/settings/cadence', body, { 'if-match': '"1"' })).status).toBe(412);
    const audit = await admin.get('/api/v1/audit?entity=engagement_settings');
    expect(audit.body.items[0]).toMatchObject({ before: { cadence: { key: 14 } }, after: { cadence: { key: 7 } } });
    // Defaults for new interactions follow the settings.
    const note = await kam1.post(`/api/v1/accounts/${accountId}/interactions`, { kind: 'note', occurredAt: now().toISOString(), summary: 'Free' });
    expect(note.body.minutes).toBe(0);
    const engagement = await kam1.get(`/api/v1/accounts/${accountId}/engagement`);
    expect(engagement.body.cadenceDays).toBe(body.cadence[engagement.body.tier as keyof typeof body.cadence]);
    // Another organisation keeps its own.
    expect((await (await api.as(OTHER_ORG_KAM)).get('/api/v1/settings/cadence')).body.cadence.key).toBe(14);
  });
});

describe('scoring follows contact recency', () => {
  it('logging a meeting raises the account’s strength (days since contact is a strength criterion)', async () => {
    const id = (await kam1.post('/api/v1/accounts', { name: 'Recency Corp', strategicFit: 2 })).body.id;
    const before = (await kam1.get(`/api/v1/accounts/${id}/score`)).body;
    const criterion = (score: any) => score.criteria.find((c: any) => c.key === 'daysSinceContact');
    expect(criterion(before).raw).toBeNull();
    await kam1.post(`/api/v1/accounts/${id}/interactions`, { kind: 'meeting', occurredAt: now().toISOString(), summary: 'First meeting' });
    const after = (await kam1.get(`/api/v1/accounts/${id}/score`)).body;
    expect(criterion(after).raw).toBe(0);
    expect(criterion(after).normalised).toBeGreaterThan(criterion(before).normalised);
    expect(after.strength).toBeGreaterThan(before.strength);
    // Days count up as time passes (on the next refresh of the account).
    api.ctx.clock.advance(10 * DAY);
    await kam1.patch(`/api/v1/accounts/${id}`, { strategicFit: 3 }, (await kam1.get(`/api/v1/accounts/${id}`)).body.version);
    expect(criterion((await kam1.get(`/api/v1/accounts/${id}/score`)).body).raw).toBe(10);
  });
});
