import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';

let api: TestApi;
let admin: Caller, director: Caller, manager: Caller, kam1: Caller, kam2: Caller, kam3: Caller, kam4: Caller, bd1: Caller, viewer: Caller;

beforeAll(async () => {
  api = await createTestApi();
  const as = (p: string) => api.as(`${p}@patron.example`);
  [admin, director, manager, kam1, kam2, kam3, kam4, bd1, viewer] = await Promise.all([as('admin'), as('director'), as('manager'), as('kam1'), as('kam2'), as('kam3'), as('kam4'), as('bd1'), as('viewer')]);
  // the organisation's first account change scores the seeded organisation once (scoring's cold start)
  expect((await admin.post('/api/v1/accounts', { name: 'Warm-up Account' })).status).toBe(201);
}, 120_000);
afterAll(() => api.close());

const id = (c: Caller) => c.actor.userId;
const put = (who: Caller, url: string, body: unknown, version: number) => who.request('PUT', url, body, { 'if-match': `"${version}"` });
const profileBody = (over: Record<string, unknown> = {}) => ({
  education: [{ level: 'bachelor', field: 'Mechanical engineering' }],
  certifications: [{ name: 'SAMA certified', obtainedOn: '2024-05-01', expiresOn: '2027-05-01' }],
  yearsTotal: 9,
  yearsSales: 6,
  industryYears: [{ industry: 'Metals', years: 6 }],
  industries: ['Metals'],
  countries: ['DE'],
  languages: ['de', 'en'],
  ...over,
});
const auditOf = async (entity: string, entityId: string) => (await admin.get(`/api/v1/audit?entity=${entity}&entityId=${entityId}`)).body.items;

describe('profiles', () => {
  it('a KAM reads and edits their own profile, audited; not a colleague\'s', async () => {
    const empty = await kam1.get(`/api/v1/people/${id(kam1)}/profile`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ userId: id(kam1), role: 'kam', education: [], yearsTotal: null, version: 1 });
    const saved = await put(kam1, `/api/v1/people/${id(kam1)}/profile`, profileBody({ countries: ['DE', 'DE', 'SE'] }), 1);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ yearsTotal: 9, countries: ['DE', 'SE'], industryYears: [{ industry: 'Metals', years: 6 }], version: 2 });
    expect(saved.headers.etag).toBe('"2"');
    expect(await auditOf('person_profile', id(kam1))).toMatchObject([{ action: 'create', actorId: id(kam1) }]);
    expect((await put(kam1, `/api/v1/people/${id(kam1)}/profile`, profileBody(), 1)).status).toBe(412);
    expect((await kam1.get(`/api/v1/people/${id(kam2)}/profile`)).status).toBe(403);
    expect((await put(kam1, `/api/v1/people/${id(kam2)}/profile`, profileBody(), 1)).status).toBe(403);
    expect((await manager.get(`/api/v1/people/${id(kam1)}/profile`)).body.yearsTotal).toBe(9);
    expect((await viewer.get(`/api/v1/people/${id(kam1)}/profile`)).status).toBe(403);
  });

  it('refuses inconsistent or hostile input with field errors and keeps the stored profile', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ yearsSales: 12 }, 'yearsSales'],
      [{ industryYears: [{ industry: 'Metals', years: 20 }] }, 'industryYears.0.years'],
      [{ certifications: [{ name: 'X', obtainedOn: '2025-01-01', expiresOn: '2024-01-01' }] }, 'certifications.0.expiresOn'],
      [{ industryYears: [{ industry: 'Metals', years: 1 }, { industry: 'metals', years: 2 }] }, 'industryYears.1.industry'],
    ];
    for (const [over, path] of cases) {
      const answer = await put(kam1, `/api/v1/people/${id(kam1)}/profile`, profileBody(over), 2);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    for (const body of [profileBody({ yearsTotal: -1 }), profileBody({ languages: ['<script>'] }), profileBody({ countries: ['Germany'] }), { ...profileBody(), salary: 1 }, profileBody({ education: [{ level: 'wizard', field: 'x' }] })]) {
      expect((await put(kam1, `/api/v1/people/${id(kam1)}/profile`, body, 2)).status).toBe(400);
    }
    expect((await kam1.get(`/api/v1/people/${id(kam1)}/profile`)).body).toMatchObject({ yearsSales: 6, version: 2 });
    expect((await kam1.get('/api/v1/people/01936b2e-7c1a-7000-8000-000000000999/profile')).status).toBe(404);
  });
});

describe('skills', () => {
  it('self and manager ratings side by side with the role target and the gap; history keeps both', async () => {
    const self = await kam1.post(`/api/v1/people/${id(kam1)}/skills/ratings`, { kind: 'self', ratings: [{ skill: 'negotiation', rating: 4 }, { skill: 'presentation', rating: 2 }] });
    expect(self.status, JSON.stringify(self.body)).toBe(201);
    const rated = await manager.post(`/api/v1/people/${id(kam1)}/skills/ratings`, { kind: 'manager', ratings: [{ skill: 'negotiation', rating: 2, note: 'Gave away the discount early' }] });
    expect(rated.status).toBe(201);
    const lines = Object.fromEntries(rated.body.skills.map((l: any) => [l.skill, l]));
    // default KAM profile: negotiation 4, presentation 4
    expect(lines.negotiation).toMatchObject({ self: 4, manager: 2, target: 4, gap: 2 });
    expect(lines.presentation).toMatchObject({ self: 2, manager: null, target: 4, gap: 2 });
    expect(lines.teamwork).toMatchObject({ self: null, manager: null, target: 3, gap: null });
    expect(rated.body.gaps).toEqual(['negotiation', 'presentation']);
    expect(rated.body.skills).toHaveLength(11);
    await kam1.post(`/api/v1/people/${id(kam1)}/skills/ratings`, { kind: 'self', ratings: [{ skill: 'negotiation', rating: 3 }] });
    const history = await kam1.get(`/api/v1/people/${id(kam1)}/skills/history`);
    expect(history.body.items.filter((r: any) => r.skill === 'negotiation').map((r: any) => [r.kind, r.rating])).toEqual([['self', 3], ['manager', 2], ['self', 4]]);
    expect(await auditOf('skill_ratings', id(kam1))).toHaveLength(3);
  });

  it('nobody self-assesses for someone else; a manager rates only their reports; a person never manager-rates themselves', async () => {
    const body = (kind: string) => ({ kind, ratings: [{ skill: 'teamwork', rating: 3 }] });
    expect((await kam2.post(`/api/v1/people/${id(kam1)}/skills/ratings`, body('self'))).status).toBe(403);
    expect((await manager.post(`/api/v1/people/${id(kam1)}/skills/ratings`, body('self'))).status).toBe(403);
    expect((await kam1.post(`/api/v1/people/${id(kam1)}/skills/ratings`, body('manager'))).status).toBe(403);
    expect((await kam2.post(`/api/v1/people/${id(kam1)}/skills/ratings`, body('manager'))).status).toBe(403);
    expect((await manager.post(`/api/v1/people/${id(director)}/skills/ratings`, body('manager'))).status).toBe(403);
    expect((await kam2.get(`/api/v1/people/${id(kam1)}/skills`)).status).toBe(403);
  });

  it('refuses unknown, repeated and out-of-range ratings, writing nothing', async () => {
    const before = (await kam1.get(`/api/v1/people/${id(kam1)}/skills/history`)).body.items.length;
    const bad = [
      { kind: 'self', ratings: [{ skill: 'juggling', rating: 3 }] },
      { kind: 'self', ratings: [{ skill: 'teamwork', rating: 3 }, { skill: 'teamwork', rating: 4 }] },
      { kind: 'self', ratings: [{ skill: 'teamwork', rating: 6 }] },
      { kind: 'self', ratings: [{ skill: 'teamwork', rating: 0 }] },
      { kind: 'self', ratings: [] },
      { kind: 'boss', ratings: [{ skill: 'teamwork', rating: 3 }] },
    ];
    for (const body of bad) expect((await kam1.post(`/api/v1/people/${id(kam1)}/skills/ratings`, body)).status).toBe(400);
    expect((await kam1.get(`/api/v1/people/${id(kam1)}/skills/history`)).body.items).toHaveLength(before);
  });

  it('a gap becomes a development goal with the role target; the goal is finished with If-Match', async () => {
    const goal = await manager.post(`/api/v1/people/${id(kam1)}/goals`, { skill: 'negotiation', dueOn: '2027-06-30', note: 'Workshop in Q1' });
    expect(goal.status, JSON.stringify(goal.body)).toBe(201);
    expect(goal.body).toMatchObject({ skill: 'negotiation', targetRating: 4, status: 'open', createdBy: id(manager), version: 1 });
    expect((await kam1.get(`/api/v1/people/${id(kam1)}/skills`)).body.goals.map((g: any) => g.id)).toEqual([goal.body.id]);
    expect((await kam2.patch(`/api/v1/development-goals/${goal.body.id}`, { status: 'done' }, 1)).status).toBe(403);
    const done = await kam1.patch(`/api/v1/development-goals/${goal.body.id}`, { status: 'done' }, 1);
    expect(done.body).toMatchObject({ status: 'done', version: 2 });
    expect((await kam1.patch(`/api/v1/development-goals/${goal.body.id}`, { status: 'open' }, 1)).status).toBe(412);
    expect((await kam1.post(`/api/v1/people/${id(kam1)}/goals`, { skill: 'juggling' })).status).toBe(400);
    expect((await kam1.post(`/api/v1/people/${id(kam1)}/goals`, { skill: 'teamwork', dueOn: '2001-01-01' })).status).toBe(400);
  });
});

describe('settings', () => {
  it('an admin changes the skill list and role profiles; a target on an unlisted skill is refused', async () => {
    const current = await kam1.get('/api/v1/settings/people');
    expect(current.body).toMatchObject({ tierWeights: { key: 4, strategic: 3, develop: 2, maintain: 1, unscored: 1 }, capacityTargets: { kam: 40 }, version: 1 });
    const { version, ...body } = current.body;
    expect((await put(manager, '/api/v1/settings/people', body, version)).status).toBe(403);
    const bad = await put(admin, '/api/v1/settings/people', { ...body, roleProfiles: { kam: { juggling: 3 } } }, version);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('roleProfiles.kam.juggling');
    const saved = await put(admin, '/api/v1/settings/people', { ...body, skills: [...body.skills, { key: 'languages', label: 'Languages' }], capacityTargets: { kam: 20, bd: 10 } }, version);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ capacityTargets: { kam: 20, bd: 10 }, version: 2 });
    expect((await kam1.get(`/api/v1/people/${id(kam1)}/skills`)).body.skills).toHaveLength(12);
    expect(await auditOf('people_settings', admin.actor.orgId)).toHaveLength(1);
  });
});

describe('capacity, owner candidates and assignment', () => {
  const account = async (owner: Caller, body: Record<string, unknown>) => {
    const answer = await owner.post('/api/v1/accounts', body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };

  it('a book counts accounts by tier and weighs them against the capacity target', async () => {
    await account(kam4, { name: 'Book One' });
    await account(kam4, { name: 'Book Two' });
    const book = await kam4.get(`/api/v1/people/${id(kam4)}/book`);
    expect(book.status).toBe(200);
    expect(book.body.accounts).toBe(2);
    const settings = (await admin.get('/api/v1/settings/people')).body;
    const load = Object.entries(book.body.accountsByTier as Record<string, number>).reduce((sum, [tier, n]) => sum + n * settings.tierWeights[tier], 0);
    expect(book.body.workload).toEqual({ load, target: 20, index: load / 20, headroom: 20 - load });
    expect(book.body).toMatchObject({ revenue: '0.00', grossProfit: '0.00', currency: 'USD', openCases: 0, interactionsPerMonth: 0 });
    const team = await manager.get('/api/v1/people/capacity');
    expect(team.body.items.map((b: any) => b.userId)).toEqual(expect.arrayContaining([id(kam1), id(kam4), id(bd1)]));
    expect(team.body.items.map((b: any) => b.userId)).not.toContain(id(director));
    expect((await kam1.get('/api/v1/people/capacity')).body.items.map((b: any) => b.userId)).toEqual([id(kam1)]);
  });

  it('ranks the KAM with the industry, country, language and network first, and explains each factor', async () => {
    await put(kam2, `/api/v1/people/${id(kam2)}/profile`, profileBody({ industryYears: [{ industry: 'Metals', years: 5 }], countries: ['DE'], languages: ['de'] }), 1);
    // kam3 knows the buyer: the same person is a contact on kam3's other account
    const other = await account(kam3, { name: 'Stahlwerk Nord' });
    await kam3.post(`/api/v1/accounts/${other.id}/contacts`, { name: 'Greta Buyer', email: 'greta@nordstahl.example', buyingRole: 'economic_buyer' });
    const target = await account(director, { name: 'Nordstahl AG', industry: 'Metals', country: 'DE' });
    await director.post(`/api/v1/accounts/${target.id}/contacts`, { name: 'Greta Buyer', email: 'GRETA@nordstahl.example', buyingRole: 'economic_buyer' });
    const answer = await manager.get(`/api/v1/accounts/${target.id}/owner-candidates`);
    expect(answer.status).toBe(404); // the director's account is outside the manager's tree
    const ranked = await director.get(`/api/v1/accounts/${target.id}/owner-candidates`);
    expect(ranked.status, JSON.stringify(ranked.body)).toBe(200);
    expect(ranked.body.account).toMatchObject({ name: 'Nordstahl AG', industry: 'Metals', country: 'DE', languages: ['de'], ownerId: id(director), openEscalations: 0, openNegotiations: 0 });
    const names = ranked.body.candidates.map((c: any) => c.userId);
    expect(new Set(names)).toEqual(new Set([id(kam1), id(kam2), id(kam3), id(kam4)]));
    const byId = Object.fromEntries(ranked.body.candidates.map((c: any) => [c.userId, c]));
    const factor = (user: Caller, key: string) => byId[id(user)].factors.find((f: any) => f.key === key);
    expect(factor(kam2, 'industry')).toMatchObject({ score: 1, points: 25, detail: { years: 5 } });
    expect(factor(kam2, 'country')).toMatchObject({ score: 1 });
    expect(factor(kam2, 'language')).toMatchObject({ score: 1, detail: { spoken: ['de'] } });
    expect(factor(kam3, 'relationships')).toMatchObject({ detail: { knownContacts: 1 }, score: 0.33 });
    expect(factor(kam2, 'relationships')).toMatchObject({ detail: { knownContacts: 0 }, score: 0 });
    // kam1 has 6 years of metals, DE, German too, but rated 2 in negotiation by the manager: kam2 and kam1 lead
    expect(names.slice(0, 2).sort()).toEqual([id(kam1), id(kam2)].sort());
    for (const c of ranked.body.candidates) expect(c.factors.map((f: any) => f.key)).toEqual(['industry', 'country', 'language', 'skills', 'capacity', 'relationships']);
    expect((await kam1.get(`/api/v1/accounts/${target.id}/owner-candidates`)).status).toBe(404);
    // an open deal makes negotiation a needed skill
    const deal = await director.post('/api/v1/opportunities', { accountId: target.id, name: 'Coil supply 2027', amount: '250000.00', currency: 'EUR', stage: 'develop', closeDate: '2027-03-31' });
    expect(deal.status, JSON.stringify(deal.body)).toBe(201);
    const again = (await director.get(`/api/v1/accounts/${target.id}/owner-candidates`)).body;
    expect(again.account.openNegotiations).toBe(1);
    expect(again.account.neededSkills).toContain('negotiation');
  });

  it('a manager confirms the owner: the team changes and an accepted handover with its checklist is written, all audited', async () => {
    const target = await account(kam1, { name: 'Reassigned Ltd' });
    expect((await kam1.get(`/api/v1/accounts/${target.id}/owner-candidates`)).status).toBe(403);
    const url = `/api/v1/accounts/${target.id}/owner-assignment`;
    expect((await manager.post(url, { toUserId: id(kam2) })).status).toBe(428);
    expect((await manager.post(url, { toUserId: id(kam2) }, { 'if-match': '"99"' })).status).toBe(412);
    expect((await manager.post(url, { toUserId: id(bd1) }, { 'if-match': `"${target.version}"` })).status).toBe(400);
    expect((await manager.post(url, { toUserId: id(kam1) }, { 'if-match': `"${target.version}"` })).status).toBe(400);
    const done = await manager.post(url, { toUserId: id(kam2), keepPreviousOwner: true, checklist: { keyContactsIntroduced: { done: true } }, notes: 'Metals background' }, { 'if-match': `"${target.version}"` });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ accountId: target.id, ownerId: id(kam2), previousOwnerId: id(kam1) });
    const team = (await admin.get(`/api/v1/accounts/${target.id}/team`)).body.items;
    expect(team.map((m: any) => [m.userId, m.role]).sort()).toEqual([[id(kam1), 'support'], [id(kam2), 'owner']].sort());
    const handover = (await kam2.get(`/api/v1/handovers/${done.body.handoverId}`)).body;
    expect(handover).toMatchObject({ state: 'accepted', fromUserId: id(kam1), toUserId: id(kam2), notes: 'Metals background', decidedBy: id(manager) });
    expect(handover.checklist.keyContactsIntroduced.done).toBe(true);
    expect(handover.missing).toContain('contractSigned');
    expect((await auditOf('handover', handover.id))).toHaveLength(1);
    expect((await auditOf('account_team', target.id)).length).toBeGreaterThan(0);
    expect((await manager.post(url, { toUserId: id(kam3) }, { 'if-match': `"${target.version}"` })).status).toBe(412);
  });

  it('bulk: suggests owners for a leaving KAM\'s whole book and moves it in one transaction', async () => {
    const leaving = await admin.post('/api/v1/users', { email: 'leaving@patron.example', name: 'Lea Leaving', role: 'kam', managerId: id(manager) });
    const leaver = leaving.body.id;
    const book = [];
    for (const name of ['Leaver A', 'Leaver B', 'Leaver C']) book.push(await account(admin, { name, ownerId: leaver }));
    const plan = await manager.get(`/api/v1/people/${leaver}/reassignment`);
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body.suggestions.map((s: any) => s.accountName).sort()).toEqual(['Leaver A', 'Leaver B', 'Leaver C']);
    for (const s of plan.body.suggestions) expect([id(kam1), id(kam2), id(kam3), id(kam4)]).toContain(s.toUserId);
    expect(plan.body.loadsAfter.map((l: any) => l.userId)).not.toContain(leaver);
    expect((await kam1.get(`/api/v1/people/${leaver}/reassignment`)).status).toBe(403);

    const assignments = plan.body.suggestions.map((s: any) => ({ accountId: s.accountId, toUserId: s.toUserId }));
    // one bad line refuses the whole move
    const stranger = await account(kam3, { name: 'Not Lea\'s' });
    const refused = await manager.post(`/api/v1/people/${leaver}/reassignment`, { assignments: [...assignments, { accountId: stranger.id, toUserId: id(kam1) }] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('assignments.3.accountId');
    expect((await admin.get(`/api/v1/accounts/${book[0].id}`)).body.ownerId).toBe(leaver);
    expect((await manager.post(`/api/v1/people/${leaver}/reassignment`, { assignments: [{ accountId: book[0].id, toUserId: id(bd1) }] })).status).toBe(400);

    const moved = await manager.post(`/api/v1/people/${leaver}/reassignment`, { assignments, notes: 'Lea leaves on Friday' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.moved).toBe(3);
    expect(moved.body.handoverIds).toHaveLength(3);
    for (const a of assignments) expect((await admin.get(`/api/v1/accounts/${a.accountId}`)).body.ownerId).toBe(a.toUserId);
    expect((await admin.get(`/api/v1/people/${leaver}/book`)).body.accounts).toBe(0);
  });
});

describe('pay bands', () => {
  const band = { role: 'kam', year: 2026, currency: 'USD', source: 'Salary survey 2026', base: { low: '70000.00', high: '95000.00' }, total: { low: '85000.00', high: '140000.00' } };

  it('admins record bands; bad ranges are refused; managers read them, KAMs do not', async () => {
    for (const bad of [{ ...band, total: { low: '90000.00', high: '80000.00' } }, { ...band, total: { low: '1.001', high: '2.00' } }, { ...band, base: { low: '-1.00', high: '2.00' } }, { ...band, currency: 'XXZ' }]) {
      expect((await admin.post('/api/v1/pay-bands', bad)).status).toBe(400);
    }
    expect((await manager.post('/api/v1/pay-bands', band)).status).toBe(403);
    const created = await admin.post('/api/v1/pay-bands', band);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ base: { low: '70000.00', high: '95000.00' }, bonus: null, total: { low: '85000.00', high: '140000.00' }, version: 1 });
    expect((await admin.post('/api/v1/pay-bands', band)).status).toBe(409);
    expect((await manager.get('/api/v1/pay-bands')).body.items).toHaveLength(1);
    expect((await kam1.get('/api/v1/pay-bands')).status).toBe(403);
    const changed = await admin.patch(`/api/v1/pay-bands/${created.body.id}`, { total: { low: '88000.00', high: '140000.00' } }, 1);
    expect(changed.body).toMatchObject({ total: { low: '88000.00' }, version: 2 });
    expect((await admin.patch(`/api/v1/pay-bands/${created.body.id}`, { currency: 'EUR' }, 2)).status).toBe(400);
    expect(await auditOf('pay_band', created.body.id)).toHaveLength(2);
  });

  it('expected pay against the band: the person, their chain, directors and admins; outside is flagged to the director', async () => {
    expect((await kam1.request('PUT', `/api/v1/people/${id(kam1)}/expected-pay`, { amount: '1.00', currency: 'USD' }, { 'if-match': '"1"' })).status).toBe(403);
    const below = await admin.request('PUT', `/api/v1/people/${id(kam1)}/expected-pay`, { amount: '80000.00', currency: 'USD', note: 'Base 70k, commission 10k' }, { 'if-match': '"1"' });
    expect(below.status, JSON.stringify(below.body)).toBe(200);
    // band 88,000 … 140,000: 8,000 below; (80,000 − 88,000) ÷ 52,000 = −0.1538
    expect(below.body).toMatchObject({ position: 'below', flagged: true, distance: '-8000.00', positionInBand: '-0.1538', expected: { amount: '80000.00', source: 'recorded', version: 2 } });
    await admin.request('PUT', `/api/v1/people/${id(kam2)}/expected-pay`, { amount: '114000.00', currency: 'USD' }, { 'if-match': '"1"' });
    expect((await kam1.get(`/api/v1/people/${id(kam1)}/pay`)).body.position).toBe('below');
    expect((await manager.get(`/api/v1/people/${id(kam1)}/pay`)).status).toBe(200);
    expect((await kam2.get(`/api/v1/people/${id(kam1)}/pay`)).status).toBe(403);
    expect((await bd1.get(`/api/v1/people/${id(kam1)}/pay`)).status).toBe(403);
    expect((await viewer.get(`/api/v1/people/${id(kam1)}/pay`)).status).toBe(403);
    const kam2Pay = (await kam2.get(`/api/v1/people/${id(kam2)}/pay`)).body;
    expect(kam2Pay).toMatchObject({ position: 'within', flagged: false, positionInBand: '0.5000' });
    const home = await director.get('/api/v1/me/home');
    expect(home.status, JSON.stringify(home.body)).toBe(200);
    expect(home.body.payOutsideBand.map((i: any) => i.id)).toEqual([id(kam1)]);
    expect((await manager.get('/api/v1/me/home')).body.payOutsideBand).toEqual([]);
    const overview = await manager.get('/api/v1/people/pay');
    expect(overview.body.items.find((p: any) => p.userId === id(kam1))).toMatchObject({ flagged: true });
    expect(overview.body.items.map((p: any) => p.userId)).not.toContain(id(director));
    expect((await kam1.get('/api/v1/people/pay')).status).toBe(403);
  });

  it('takes expected pay from the compensation plan assigned today, at 100 % of quota over a year', async () => {
    const document = { name: 'KAM EUR 2026', currency: 'EUR', periodType: 'quarter', effectiveFrom: '2020-01-01', base: { annual: '72000.00' }, quota: '100000.00', components: [{ type: 'flat', rate: '0.05' }] };
    const plan = await admin.post('/api/v1/compensation/plans', { document });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const assigned = await admin.post('/api/v1/compensation/assignments', { userId: id(kam3), planId: plan.body.id, effectiveFrom: '2020-01-01', baseAnnual: '60000.00' });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    // base 60,000 + 4 quarters × 5 % of 100,000 = 80,000 EUR; the KAM band is in USD
    const pay = (await kam3.get(`/api/v1/people/${id(kam3)}/pay`)).body;
    expect(pay.expected).toMatchObject({ amount: '80000.00', currency: 'EUR', source: 'compensation_plan', note: plan.body.name ?? expect.any(String) });
    expect(pay).toMatchObject({ position: 'other_currency', flagged: false });
  });
});
