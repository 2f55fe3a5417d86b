import { describe, expect, it } from 'vitest';
import { fitOf, neededSkills, rankCandidates, suggestOwners, type AccountNeeds, type Candidate } from './fit.ts';

const skills = (all: number, overrides: Record<string, number> = {}): Map<string, number> =>
  new Map(Object.entries({ negotiation: all, networking: all, presentation: all, critical_thinking: all, communication: all, customer_service: all, creative_thinking: all, product_knowledge: all, organisation: all, ...overrides }));

const person = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId, name: userId, industryYears: {}, industries: [], countries: [], languages: [], ratings: skills(3), load: 10, capacity: 40, ...over,
});
const account = (over: Partial<AccountNeeds> = {}): AccountNeeds => ({
  id: 'acc', tier: 'key', industry: 'Metals', country: 'DE', weight: 4, openEscalations: 0, openNegotiations: 0, knownContacts: new Map(), ...over,
});

describe('fit of one candidate', () => {
  it('scores a perfect match 100 with every factor at full points', () => {
    const perfect = person('p', { industryYears: { metals: 6 }, countries: ['DE'], languages: ['de'], ratings: skills(5), load: 0, capacity: 40 });
    const fit = fitOf(account({ knownContacts: new Map([['p', 3]]), weight: 0 }), perfect);
    expect(fit.score).toBe(100);
    expect(fit.factors.map((f) => [f.key, f.points])).toEqual([['industry', 25], ['country', 10], ['language', 10], ['skills', 25], ['capacity', 20], ['relationships', 10]]);
  });

  it('explains each factor: 2 of 5 years, country yes, language no, half the needed skills, headroom after, contacts known', () => {
    const c = person('c', { industryYears: { Metals: 2 }, countries: ['de'], languages: ['en'], ratings: skills(2, { negotiation: 4, networking: 4 }), load: 16, capacity: 40 });
    const fit = fitOf(account({ knownContacts: new Map([['c', 1]]) }), c);
    const byKey = Object.fromEntries(fit.factors.map((f) => [f.key, f]));
    expect(byKey.industry).toMatchObject({ score: 0.4, points: 10, detail: { years: 2, known: false } });
    expect(byKey.country).toMatchObject({ score: 1, points: 10 });
    expect(byKey.language).toMatchObject({ score: 0, points: 0, detail: { languages: ['de'], spoken: [] } });
    // key account: negotiation 4/4, networking 4/4, presentation 2/4, critical thinking 2/4 → 0.75
    expect(byKey.skills).toMatchObject({ score: 0.75, points: 18.75, detail: { met: ['negotiation', 'networking'] } });
    // (40 − 16 − 4) / 40 = 0.5
    expect(byKey.capacity).toMatchObject({ score: 0.5, points: 10, detail: { headroomAfter: 20 } });
    expect(byKey.relationships).toMatchObject({ score: 0.33, points: 3.3 });
    expect(fit.score).toBe(52.05);
    expect(fit.workloadAfter).toBe(0.5);
  });

  it('leaves out factors the account gives no basis for, scoring out of what applies', () => {
    const c = person('c', { ratings: skills(4), load: 0, capacity: 40 });
    const fit = fitOf(account({ industry: null, country: null, weight: 0 }), c);
    expect(fit.factors.filter((f) => f.weight === 0).map((f) => f.key)).toEqual(['industry', 'country', 'language']);
    // skills 25 + capacity 20 + relationships 0 out of 55
    expect(fit.score).toBe(81.82);
  });

  it('an account that would take someone past capacity scores capacity 0 and is flagged', () => {
    const fit = fitOf(account({ weight: 4 }), person('full', { load: 38, capacity: 40 }));
    expect(fit.factors.find((f) => f.key === 'capacity')!.score).toBe(0);
    expect(fit.overCapacity).toBe(true);
    expect(fit.workloadAfter).toBe(1.05);
  });

  it('uses the role targets for the rating a skill needs', () => {
    const c = person('c', { ratings: skills(3) });
    const relaxed = fitOf(account(), c, { negotiation: 3, networking: 3, presentation: 3, critical_thinking: 3 });
    expect(relaxed.factors.find((f) => f.key === 'skills')!.score).toBe(1);
  });
});

describe('needed skills', () => {
  it('follow the tier, open negotiations and escalations', () => {
    expect(neededSkills({ tier: 'maintain', openEscalations: 0, openNegotiations: 0 })).toEqual(['customer_service', 'organisation']);
    expect(neededSkills({ tier: 'maintain', openEscalations: 1, openNegotiations: 2 })).toEqual(['customer_service', 'organisation', 'negotiation', 'critical_thinking']);
    expect(neededSkills({ tier: null, openEscalations: 0, openNegotiations: 0 })).toEqual(['communication', 'customer_service']);
  });
});

describe('ranking a constructed team', () => {
  // A German metals key account. Anna: metals engineer, German, busy. Ben: German speaker, no
  // metals, idle. Cleo: knows the buyers from another account, otherwise average.
  const team = [
    person('anna', { name: 'Anna', industryYears: { metals: 8 }, countries: ['DE'], languages: ['de', 'en'], ratings: skills(4), load: 30 }),
    person('ben', { name: 'Ben', countries: ['DE', 'AT'], languages: ['de'], ratings: skills(3), load: 0 }),
    person('cleo', { name: 'Cleo', industries: ['Metals'], ratings: skills(3), load: 20 }),
  ];

  it('puts the experienced German-speaking metals engineer first despite her load', () => {
    const ranked = rankCandidates(account(), team);
    expect(ranked.map((r) => r.userId)).toEqual(['anna', 'ben', 'cleo']);
  });

  it('with equal loads, the network wins where nobody knows the country or industry', () => {
    const ranked = rankCandidates(account({ industry: 'Textiles', country: 'JP', knownContacts: new Map([['cleo', 3]]) }), team.map((c) => ({ ...c, ratings: skills(3), load: 10 })));
    expect(ranked[0]!.userId).toBe('cleo');
  });

  it('breaks ties by headroom, then name', () => {
    const twins = [person('z', { name: 'Zed', load: 10 }), person('y', { name: 'Yan', load: 5 }), person('x', { name: 'Xia', load: 5 })];
    // identical fit except capacity: y and x have more room than z; x before y by name
    const ranked = rankCandidates(account({ weight: 0 }), twins);
    expect(ranked.map((r) => r.userId)).toEqual(['x', 'y', 'z']);
  });

  it('an empty team ranks nobody', () => {
    expect(rankCandidates(account(), [])).toEqual([]);
  });
});

describe('suggesting owners for a whole book', () => {
  it('spreads the book by capacity instead of giving everything to the best fit', () => {
    // Two equal people, each with room for two key accounts (8 of 8 points): four key accounts go two and two.
    const pair = [person('a', { name: 'A', load: 0, capacity: 8 }), person('b', { name: 'B', load: 0, capacity: 8 })];
    const book = ['k1', 'k2', 'k3', 'k4'].map((id) => account({ id, industry: null, country: null }));
    const suggestions = suggestOwners(book, pair);
    const count = (user: string) => suggestions.filter((s) => s.toUserId === user).length;
    expect(count('a')).toBe(2);
    expect(count('b')).toBe(2);
  });

  it('the heaviest accounts choose first and get the best fit', () => {
    const expert = person('expert', { name: 'Expert', industryYears: { metals: 10 }, countries: ['DE'], languages: ['de'], ratings: skills(5), load: 0, capacity: 4 });
    const generalist = person('gen', { name: 'Gen', ratings: skills(3), load: 0, capacity: 40 });
    const book = [account({ id: 'small', tier: 'maintain', weight: 1 }), account({ id: 'big', tier: 'key', weight: 4 })];
    const suggestions = suggestOwners(book, [expert, generalist]);
    expect(suggestions.map((s) => [s.accountId, s.toUserId])).toEqual([['small', 'gen'], ['big', 'expert']]);
  });

  it('gives the account to the least bad choice when everyone is full', () => {
    const full = [person('a', { load: 40, capacity: 40 })];
    expect(suggestOwners([account()], full)[0]!.toUserId).toBe('a');
    expect(suggestOwners([account()], [])[0]!.toUserId).toBeNull();
  });
});
