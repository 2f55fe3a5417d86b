import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPayOf } from '../../src/modules/compensation/service.ts';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';

let api: TestApi;
let admin: Caller;
let kam: Caller;
let bd: Caller;
let manager: Caller;

const document = (extra: Record<string, unknown> = {}) => ({
  name: 'KAM 2027',
  currency: 'EUR',
  periodType: 'quarter',
  effectiveFrom: '2027-01-01',
  measure: 'revenue',
  base: { annual: '72000.00' },
  quota: '100000.00',
  components: [{ type: 'flat', rate: '0.05' }],
  ...extra,
});

beforeAll(async () => {
  api = await createTestApi();
  admin = await api.as('admin@patron.example');
  kam = await api.as('kam1@patron.example');
  bd = await api.as('bd1@patron.example');
  manager = await api.as('manager@patron.example');
  await admin.get('/api/v1/compensation/plans'); // warm-up (first request compiles the schemas): under the hook's longer timeout
});
afterAll(() => api?.close());

describe('stored, versioned plans', () => {
  let planId: string;

  it('stores a plan document exactly as given, as version 1', async () => {
    const created = await admin.post('/api/v1/compensation/plans', { document: document() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ name: 'KAM 2027', currency: 'EUR', periodType: 'quarter', currentVersion: 1, version: 1 });
    expect(created.body.versions).toHaveLength(1);
    expect(created.body.versions[0]).toMatchObject({ number: 1, effectiveFrom: '2027-01-01', effectiveTo: null });
    expect(created.body.document.components).toEqual([{ type: 'flat', rate: '0.05' }]);
    planId = created.body.id;
    const audit = await admin.get(`/api/v1/audit?entity=comp_plan&entityId=${planId}`);
    expect(audit.body.items.map((e: any) => e.action)).toEqual(['create']);
  });

  it('rejects an invalid document with 422 and a reason per field, storing nothing', async () => {
    const answer = await admin.post('/api/v1/compensation/plans', { document: document({ name: 'Broken', periodType: 'week', components: [{ type: 'flat', rate: 5 }], gate: { attainmentAtLeast: '0.4' } }) });
    expect(answer.status).toBe(422);
    const paths = answer.body.errors.map((e: any) => e.path);
    expect(paths).toContain('document.periodType');
    expect(paths).toContain('document.components[0].rate');
    expect(paths).toContain('document.gate.payFrom');
    const list = await admin.get('/api/v1/compensation/plans');
    expect(list.body.items.map((p: any) => p.name)).not.toContain('Broken');
  });

  it('needs a name and a first day for a stored plan; a second plan of the same name is a conflict', async () => {
    const { name: _name, ...unnamed } = document();
    expect((await admin.post('/api/v1/compensation/plans', { document: unnamed })).body.errors).toEqual([{ path: 'document.name', message: 'is required (at most 200 characters) for a stored plan' }]);
    expect((await admin.post('/api/v1/compensation/plans', { document: document() })).status).toBe(409);
  });

  it('adds a later version, closing the one before the day before, and keeps both', async () => {
    const stale = await admin.post(`/api/v1/compensation/plans/${planId}/versions`, { document: document({ effectiveFrom: '2027-07-01' }) }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const added = await admin.post(`/api/v1/compensation/plans/${planId}/versions`, { document: document({ effectiveFrom: '2027-07-01', components: [{ type: 'flat', rate: '0.06' }] }) }, { 'if-match': '"1"' });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.version).toBe(2);
    expect(added.body.versions.map((v: any) => [v.number, v.effectiveFrom, v.effectiveTo])).toEqual([[1, '2027-01-01', '2027-06-30'], [2, '2027-07-01', null]]);
    expect(added.body.versions[0].document.components[0].rate).toBe('0.05');
  });

  it('refuses a version that does not start later, or changes currency or period type', async () => {
    const early = await admin.post(`/api/v1/compensation/plans/${planId}/versions`, { document: document({ effectiveFrom: '2027-07-01' }) }, { 'if-match': '"2"' });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([{ path: 'document.effectiveFrom', message: 'must be after 2027-07-01, when version 2 starts' }]);
    const currency = await admin.post(`/api/v1/compensation/plans/${planId}/versions`, { document: document({ effectiveFrom: '2028-01-01', currency: 'USD' }) }, { 'if-match': '"2"' });
    expect(currency.body.errors).toEqual([{ path: 'document.currency', message: 'must stay EUR (the plan\'s currency)' }]);
  });

  it('lets every role read plans but only the admin write them', async () => {
    expect((await kam.get(`/api/v1/compensation/plans/${planId}`)).status).toBe(200);
    expect((await manager.post('/api/v1/compensation/plans', { document: document({ name: 'Mine' }) })).status).toBe(403);
  });
});

describe('assignments', () => {
  let planId: string;
  let assignmentId: string;

  beforeAll(async () => {
    planId = (await admin.post('/api/v1/compensation/plans', { document: document({ name: 'KAM assignments' }) })).body.id;
  });

  it("puts a person on a plan with a base salary in the plan's currency", async () => {
    const created = await admin.post('/api/v1/compensation/assignments', { userId: kam.actor.userId, planId, effectiveFrom: '2027-01-01', baseAnnual: '60000.00' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ userId: kam.actor.userId, planName: 'KAM assignments', effectiveTo: null, baseAnnual: '60000.00', currency: 'EUR', version: 1 });
    assignmentId = created.body.id;
  });

  it('refuses an overlapping assignment of the same person (409) and a bad amount (400)', async () => {
    expect((await admin.post('/api/v1/compensation/assignments', { userId: kam.actor.userId, planId, effectiveFrom: '2027-06-01' })).status).toBe(409);
    expect((await admin.post('/api/v1/compensation/assignments', { userId: bd.actor.userId, planId, effectiveFrom: '2027-01-01', baseAnnual: '1.005' })).status).toBe(400);
    expect((await admin.post('/api/v1/compensation/assignments', { userId: bd.actor.userId, planId, effectiveFrom: '2027-01-01', effectiveTo: '2026-12-31' })).status).toBe(400);
  });

  it('shows pay to the person, their manager and org-wide roles only', async () => {
    expect((await kam.get(`/api/v1/compensation/assignments/${assignmentId}`)).status).toBe(200);
    expect((await manager.get(`/api/v1/compensation/assignments/${assignmentId}`)).status).toBe(200);
    expect((await bd.get(`/api/v1/compensation/assignments/${assignmentId}`)).status).toBe(404);
    const mine = await bd.get('/api/v1/compensation/assignments');
    expect(mine.body.items.every((a: any) => a.userId === bd.actor.userId)).toBe(true);
    const team = await manager.get(`/api/v1/compensation/assignments?payee=${kam.actor.userId}&on=2027-03-01`);
    expect(team.body.items.map((a: any) => a.id)).toEqual([assignmentId]);
  });

  it('ends an assignment with If-Match, audited; then a new one may follow', async () => {
    expect((await admin.patch(`/api/v1/compensation/assignments/${assignmentId}`, { effectiveTo: '2027-06-30' }, 5)).status).toBe(412);
    const ended = await admin.patch(`/api/v1/compensation/assignments/${assignmentId}`, { effectiveTo: '2027-06-30' }, 1);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ effectiveTo: '2027-06-30', version: 2 });
    expect((await admin.post('/api/v1/compensation/assignments', { userId: kam.actor.userId, planId, effectiveFrom: '2027-07-01', baseAnnual: '66000.00' })).status).toBe(201);
    const audit = await admin.get(`/api/v1/audit?entity=comp_assignment&entityId=${assignmentId}`);
    expect(audit.body.items.map((e: any) => e.action).sort()).toEqual(['create', 'update']);
  });

  it("tells other modules a person's current plan and pay at 100 % attainment", async () => {
    // 60,000 base ÷ 4 = 15,000 a quarter + 5 % of the 100,000 quota = 20,000 a quarter → 80,000 a year
    const pay = await currentPayOf(api.ctx.db, kam.actor.orgId, kam.actor.userId, '2027-02-15');
    expect(pay).toMatchObject({ planName: 'KAM assignments', baseAnnual: '60000.00', currency: 'EUR', periodType: 'quarter', expectedAnnualAt100: '80000.00' });
    expect(await currentPayOf(api.ctx.db, kam.actor.orgId, kam.actor.userId, '2026-12-31')).toBeNull();
  });
});
