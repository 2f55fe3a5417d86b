import { expect } from 'vitest';
import { notify } from '../../src/modules/notifications/service.ts';
import type { Answer, Caller, TestApi } from './api.ts';
import { OTHER_ORG_ADMIN, OTHER_ORG_KAM, PASSWORD } from './fixtures.ts';

/**
 * Fixture records for the security suites (authorization matrix, tenant isolation), built through
 * the public API by the people who would create them, and one request recipe per OpenAPI
 * operation: a VALID request (valid body, current If-Match) against a record of a given kind, so
 * that only authorization decides the status.
 *
 * Record kinds, as seen from org A ("Superstore Supplies Inc."):
 *   own     — on kam1's account (owner kam1, sourcing BD bd1): kam1 and bd1 are on its team; the
 *             manager sees it through their reports; org-wide roles see everything
 *   other   — on the director's account (team: the director only): outside the manager's tree
 *   foreign — in org B ("Rival Trading AB"), on kam@rival.example's account
 */

export const PEOPLE = {
  admin: 'admin@patron.example',
  director: 'director@patron.example',
  manager: 'manager@patron.example',
  kam1: 'kam1@patron.example',
  kam2: 'kam2@patron.example',
  kam3: 'kam3@patron.example',
  kam4: 'kam4@patron.example',
  bd1: 'bd1@patron.example',
  bd2: 'bd2@patron.example',
  viewer: 'viewer@patron.example',
  rivalAdmin: OTHER_ORG_ADMIN,
  rivalKam: OTHER_ORG_KAM,
} as const;
export type Person = keyof typeof PEOPLE;

export const ROLES = ['admin', 'director', 'manager', 'kam', 'bd', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const RECORD_KINDS = ['own', 'other', 'foreign'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Who calls the matrix as each role. */
export const CALLER_OF_ROLE: Record<Role, Person> = { admin: 'admin', director: 'director', manager: 'manager', kam: 'kam1', bd: 'bd1', viewer: 'viewer' };

export type Org = 'A' | 'B';
export const orgOf = (kind: RecordKind): Org => (kind === 'foreign' ? 'B' : 'A');
/** The account owner behind each record kind, and the team's sourcing BD if any. */
const ACCOUNT_OF_KIND: Record<RecordKind, { owner: Person; sourcingBd?: Person }> = {
  own: { owner: 'kam1', sourcingBd: 'bd1' },
  other: { owner: 'director' },
  foreign: { owner: 'rivalKam' },
};
const adminOf = (org: Org): Person => (org === 'A' ? 'admin' : 'rivalAdmin');
/** A user of the same organisation who is on none of the kind's teams and calls nothing. */
const bystanderOf = (org: Org): Person => (org === 'A' ? 'kam4' : 'rivalKam');
/** Someone to add to or remove from a team without bringing the account into the manager's tree. */
const teamExtraOf = (org: Org): Person => (org === 'A' ? 'admin' : 'rivalAdmin');

let serial = 0;
/** Unique per process run, for names, emails, SKUs and external ids. */
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++serial}`;

let days = 0;
/** A date no other call of this process returned: FX rates keyed by date stay new. */
export const freshDate = (): string => new Date(Date.UTC(2001, 0, 1) + (process.pid % 3000) * 86_400_000 * 3 + ++days * 86_400_000).toISOString().slice(0, 10);

function ok<T = any>(answer: Answer<T>, status: number, what: string): T {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);
  return answer.body;
}

export interface AccountRecord {
  id: string;
  version: number;
  org: Org;
}

/** Record factories: each call makes a fresh record through the API. */
export function createRecords(api: TestApi) {
  const as = (person: Person): Promise<Caller> => api.as(PEOPLE[person]);
  const userId = async (person: Person): Promise<string> => (await as(person)).actor.userId;

  async function currentVersion(url: string, org: Org): Promise<number> {
    return ok(await (await as(adminOf(org))).get(url), 200, `read ${url}`).version;
  }

  /** An account created by its owner (so the owner is its only member), plus a sourcing BD if given. */
  async function account(options: { owner: Person; sourcingBd?: Person; support?: Person[]; org?: Org; stage?: string }): Promise<AccountRecord> {
    const owner = await as(options.owner);
    const org: Org = options.org ?? (options.owner.startsWith('rival') ? 'B' : 'A');
    const created = ok(await owner.post('/api/v1/accounts', { name: unique('Authz Account'), stage: options.stage ?? 'active' }), 201, 'create account');
    const members = [
      ...(options.sourcingBd ? [{ person: options.sourcingBd, role: 'sourcing_bd' }] : []),
      ...(options.support ?? []).map((person) => ({ person, role: 'support' })),
    ];
    for (const member of members) {
      ok(await owner.post(`/api/v1/accounts/${created.id}/team`, { userId: await userId(member.person), role: member.role }), 201, 'add team member');
    }
    const version = members.length > 0 ? await currentVersion(`/api/v1/accounts/${created.id}`, org) : created.version;
    return { id: created.id, version, org };
  }

  const accountOfKind = (kind: RecordKind, extra: { support?: Person[] } = {}) => account({ ...ACCOUNT_OF_KIND[kind], ...extra, org: orgOf(kind) });
  /**
   * One account per kind, shared by factories of records that live on an account (contacts, lines,
   * interactions, cases): they never change the account itself, so sharing it saves requests.
   */
  const sharedAccounts = new Map<RecordKind, Promise<AccountRecord>>();
  const sharedAccountOfKind = (kind: RecordKind): Promise<AccountRecord> => {
    if (!sharedAccounts.has(kind)) sharedAccounts.set(kind, accountOfKind(kind));
    return sharedAccounts.get(kind)!;
  };

  async function contact(accountId: string, org: Org = 'A'): Promise<{ id: string; accountId: string; version: number }> {
    const created = ok(
      await (await as(adminOf(org))).post(`/api/v1/accounts/${accountId}/contacts`, { name: unique('Authz Contact'), title: 'Buyer', buyingRole: 'economic_buyer' }),
      201,
      'create contact',
    );
    return { id: created.id, accountId, version: created.version };
  }

  const contactOfKind = async (kind: RecordKind) => contact((await sharedAccountOfKind(kind)).id, orgOf(kind));

  /** A user without a password (no hashing cost): in the manager's tree (`own`), under the director (`other`), or in org B. */
  async function user(kind: RecordKind): Promise<{ id: string; version: number }> {
    const org = orgOf(kind);
    const managerId = kind === 'own' ? await userId('manager') : kind === 'other' ? await userId('director') : null;
    const created = ok(
      await (await as(adminOf(org))).post('/api/v1/users', { email: `${unique('authz')}@${org === 'A' ? 'patron' : 'rival'}.example`, name: unique('Authz User'), role: 'kam', managerId }),
      201,
      'create user',
    );
    return { id: created.id, version: created.version };
  }

  /** A catalogue product (org-level: `own` and `other` are both org A's). */
  async function product(org: Org = 'A'): Promise<{ id: string; version: number }> {
    const created = ok(
      await (await as(adminOf(org))).post('/api/v1/products', { sku: unique('AUTHZ-SKU'), name: unique('Authz Product'), family: 'Office Supplies', listPrice: '12.50', unitCost: '7.25' }),
      201,
      'create product',
    );
    return { id: created.id, version: created.version };
  }

  /** A revenue line on an account, recorded by the organisation's admin (optionally of a product). */
  async function transaction(accountId: string, org: Org = 'A', productId?: string): Promise<{ id: string; version: number }> {
    const created = ok(
      await (await as(adminOf(org))).post('/api/v1/transactions', { accountId, bookedOn: '2026-10-15', amount: '100.00', cost: '60.00', ...(productId ? { productId } : {}) }),
      201,
      'create transaction',
    );
    return { id: created.id, version: created.version };
  }
  const transactionOfKind = async (kind: RecordKind) => transaction((await sharedAccountOfKind(kind)).id, orgOf(kind));

  /** An FX rate of org A or B: a fresh date per call, so each is new. */
  async function fxRate(org: Org = 'A'): Promise<{ currency: string; effectiveOn: string }> {
    const rate = { currency: 'EUR', effectiveOn: freshDate() };
    ok(await (await as(adminOf(org))).request('PUT', `/api/v1/fx-rates/${rate.currency}/${rate.effectiveOn}`, { rate: '1.0850' }), 201, 'create FX rate');
    return rate;
  }

  /** A past import run by `person` (a one-row accounts file). */
  async function importRun(person: Person): Promise<{ id: string }> {
    const upload = multipart({ kind: 'accounts' }, { name: 'accounts.csv', content: `externalId,name\n${unique('AUTHZ-IMP')},${unique('Authz Imported')}\n` });
    const answer = await (await as(person)).request('POST', '/api/v1/imports', upload.body, upload.headers);
    return { id: ok(answer, 200, 'import').id };
  }

  /** An API token of `person`, created through the API as that person. */
  async function token(person: Person): Promise<{ id: string }> {
    const created = ok(await (await as(person)).post('/api/v1/tokens', { name: unique('authz token') }), 201, 'create token');
    return { id: created.id };
  }

  /** A notification for `person` (as scoring or another module would leave one). */
  async function notification(person: Person): Promise<{ id: string }> {
    const caller = await as(person);
    await notify(api.ctx.db, caller.actor.orgId, [caller.actor.userId], { kind: 'authz_test', params: { n: ++serial }, at: api.ctx.clock.now() });
    const list = ok(await caller.get('/api/v1/notifications?limit=1'), 200, 'list notifications');
    return { id: list.items[0].id };
  }

  // --- plans, reviews, interactions, handovers: made by the organisation's admin on an account of the kind ---
  const adminFor = (kind: RecordKind) => as(adminOf(orgOf(kind)));

  async function plan(kind: RecordKind): Promise<{ id: string; version: number; accountId: string }> {
    const account = await accountOfKind(kind);
    const created = ok(await (await adminFor(kind)).post(`/api/v1/accounts/${account.id}/plans`, { period: '2027', strategy: 'Grow the share of wallet' }), 201, 'create plan');
    return { id: created.id, version: created.version, accountId: account.id };
  }
  /** One plan per kind for factories of its parts, which never change the plan itself. */
  const sharedPlans = new Map<RecordKind, Promise<{ id: string; version: number; accountId: string }>>();
  const sharedPlan = (kind: RecordKind) => {
    if (!sharedPlans.has(kind)) sharedPlans.set(kind, plan(kind));
    return sharedPlans.get(kind)!;
  };
  /** A part of a plan (need, objective, action) with its plan. */
  async function planPart(kind: RecordKind, part: 'needs' | 'objectives' | 'actions'): Promise<{ planId: string; id: string; version: number }> {
    const parent = await sharedPlan(kind);
    const body = part === 'needs' ? { text: 'Next-day delivery', priority: 1 } : part === 'objectives' ? { title: 'Stores on the new range', metric: 'custom', baseline: '0', target: '10' } : { title: 'Send the proposal', dueOn: '2027-01-31' };
    const created = ok(await (await adminFor(kind)).post(`/api/v1/plans/${parent.id}/${part}`, body), 201, `create plan ${part}`);
    return { planId: parent.id, id: created.id, version: created.version };
  }
  async function planShare(kind: RecordKind): Promise<{ planId: string; id: string; token: string }> {
    const parent = await sharedPlan(kind);
    const created = ok(await (await adminFor(kind)).post(`/api/v1/plans/${parent.id}/shares`, { expiresInDays: 30 }), 201, 'create share');
    return { planId: parent.id, id: created.id, token: created.token };
  }
  async function review(kind: RecordKind): Promise<{ id: string; version: number }> {
    const account = await accountOfKind(kind);
    const created = ok(await (await adminFor(kind)).post(`/api/v1/accounts/${account.id}/reviews`, { scheduledOn: '2027-02-15' }), 201, 'schedule review');
    return { id: created.id, version: created.version };
  }
  /** An interaction (with an open next step) logged by the organisation's admin on an account of the kind. */
  async function interaction(kind: RecordKind, accountId?: string): Promise<{ id: string; accountId: string; version: number }> {
    const target = accountId ?? (await sharedAccountOfKind(kind)).id;
    const created = ok(
      await (await adminFor(kind)).post(`/api/v1/accounts/${target}/interactions`, { kind: 'call', occurredAt: '2026-11-20T10:00:00Z', summary: 'Asked about delivery', nextStep: 'Send the schedule', nextStepDue: '2026-11-30' }),
      201,
      'log interaction',
    );
    return { id: created.id, accountId: target, version: created.version };
  }

  /** A KAM of org A outside the manager's tree (reports to the director): receives `other` handovers. */
  let outsiderKam: Promise<string> | null = null;
  const outsiderKamId = (): Promise<string> =>
    (outsiderKam ??= (async () =>
      ok(await (await as('admin')).post('/api/v1/users', { email: `${unique('outsider')}@patron.example`, name: 'Outside Kam', role: 'kam', managerId: await userId('director') }), 201, 'create outsider').id)());

  /**
   * An onboarding account ready to be handed over, and who receives it:
   *   own     — owned by bd1 with kam1 on the team; bd1 hands it to kam1 (both report to the manager)
   *   other   — owned by the director; the admin hands it to a KAM outside the manager's tree
   *   foreign — org B's, owned by its admin; to its KAM
   */
  async function handoverAccount(kind: RecordKind): Promise<{ id: string; version: number; sender: Person; toUserId: string }> {
    if (kind === 'own') {
      const created = await account({ owner: 'bd1', support: ['kam1'], org: 'A', stage: 'onboarding' });
      return { ...created, sender: 'bd1', toUserId: await userId('kam1') };
    }
    if (kind === 'other') return { ...(await account({ owner: 'director', org: 'A', stage: 'onboarding' })), sender: 'admin', toUserId: await outsiderKamId() };
    return { ...(await account({ owner: 'rivalAdmin', org: 'B', stage: 'onboarding' })), sender: 'rivalAdmin', toUserId: await userId('rivalKam') };
  }
  const fullChecklist = {
    contractSigned: { done: true },
    keyContactsIntroduced: { done: true },
    openCommitments: { done: true },
    pricingAgreed: { done: true },
    firstReviewDate: { done: true, date: '2027-01-15' },
  };
  async function handover(kind: RecordKind): Promise<{ id: string; version: number }> {
    const target = await handoverAccount(kind);
    const created = ok(await (await as(target.sender)).post(`/api/v1/accounts/${target.id}/handovers`, { toUserId: target.toUserId, checklist: fullChecklist, notes: 'Introduced to the CFO' }), 201, 'start handover');
    return { id: created.id, version: created.version };
  }

  /** A case (service disruption) opened by the organisation's admin on an account of the kind. */
  async function serviceCase(kind: RecordKind): Promise<{ id: string; version: number }> {
    const account = await sharedAccountOfKind(kind);
    const created = ok(await (await adminFor(kind)).post(`/api/v1/accounts/${account.id}/cases`, { title: 'Pallets delivered damaged', category: 'delivery', severity: 3 }), 201, 'open case');
    return { id: created.id, version: created.version };
  }

  /** A price book of org A or B listing one fresh product. */
  async function priceBook(org: Org = 'A'): Promise<{ id: string; version: number }> {
    const item = await product(org);
    const created = ok(await (await as(adminOf(org))).post('/api/v1/price-books', { name: unique('Authz Book'), currency: org === 'A' ? 'USD' : 'SEK', validFrom: '2026-01-01', prices: [{ productId: item.id, listPrice: '11.00' }] }), 201, 'create price book');
    return { id: created.id, version: created.version };
  }

  /** A family discount agreed by the organisation's admin on the shared account of the kind. */
  async function priceAgreement(kind: RecordKind): Promise<{ id: string; accountId: string; version: number }> {
    const account = await sharedAccountOfKind(kind);
    const created = ok(await (await adminFor(kind)).post(`/api/v1/accounts/${account.id}/price-agreements`, { family: 'Office Supplies', discountRate: '0.1', validFrom: '2026-01-01' }), 201, 'create price agreement');
    return { id: created.id, accountId: account.id, version: created.version };
  }

  /** An opportunity on an account of the kind, created by the organisation's admin. */
  async function opportunity(kind: RecordKind): Promise<{ id: string; version: number }> {
    const account = await sharedAccountOfKind(kind);
    const created = ok(
      await (await adminFor(kind)).post('/api/v1/opportunities', { accountId: account.id, name: unique('Authz Deal'), amount: '12000.00', currency: 'EUR', stage: 'develop', closeDate: '2027-03-31' }),
      201,
      'create opportunity',
    );
    return { id: created.id, version: created.version };
  }
  /** A negotiation entry written by the organisation's admin on a fresh opportunity of the kind. */
  async function negotiationEntry(kind: RecordKind): Promise<{ opportunityId: string; id: string; version: number }> {
    const parent = await opportunity(kind);
    const created = ok(await (await adminFor(kind)).post(`/api/v1/opportunities/${parent.id}/negotiation`, { ourPosition: '5 % off list', theirPosition: 'Wants 10 %' }), 201, 'add negotiation entry');
    return { opportunityId: parent.id, id: created.id, version: created.version };
  }

  // --- compensation: plans are organisation records; assignments belong to a person of the kind ---
  const compPlanDocument = (name: string) => ({ name, currency: 'EUR', periodType: 'quarter', effectiveFrom: '2027-01-01', base: { annual: '72000.00' }, quota: '100000.00', components: [{ type: 'flat', rate: '0.05' }] });
  async function compPlan(org: Org): Promise<{ id: string; version: number; name: string }> {
    const name = unique('Authz Plan');
    const created = ok(await (await as(adminOf(org))).post('/api/v1/compensation/plans', { document: compPlanDocument(name) }), 201, 'create comp plan');
    return { id: created.id, version: created.version, name };
  }
  /** A one-day assignment (a fresh date per call, so assignments of one person never overlap). */
  async function compAssignment(kind: RecordKind): Promise<{ id: string; version: number }> {
    const org = orgOf(kind);
    const plan = await compPlan(org);
    const day = freshDate();
    const created = ok(
      await (await as(adminOf(org))).post('/api/v1/compensation/assignments', { userId: await userId(PAYEE_OF_KIND[kind]), planId: plan.id, effectiveFrom: day, effectiveTo: day, baseAnnual: '60000.00' }),
      201,
      'assign comp plan',
    );
    return { id: created.id, version: created.version };
  }

  /** A development goal on a user of the kind, set by the organisation's admin. */
  async function goal(kind: RecordKind): Promise<{ id: string; version: number }> {
    const person = await user(kind);
    const created = ok(await (await adminFor(kind)).post(`/api/v1/people/${person.id}/goals`, { skill: 'negotiation', targetRating: 4 }), 201, 'create goal');
    return { id: created.id, version: created.version };
  }
  /** A user of the kind who owns one account (made by the admin with the user as owner). */
  async function ownedAccount(kind: RecordKind): Promise<{ userId: string; accountId: string }> {
    const person = await user(kind);
    const created = ok(await (await adminFor(kind)).post('/api/v1/accounts', { name: unique('Book Account'), ownerId: person.id }), 201, 'create owned account');
    return { userId: person.id, accountId: created.id };
  }
  /** A pay band of org A or B (a role name no other call used). */
  async function payBand(org: Org): Promise<{ id: string; version: number }> {
    const created = ok(await (await as(adminOf(org))).post('/api/v1/pay-bands', payBandBody()), 201, 'create pay band');
    return { id: created.id, version: created.version };
  }

  /** A quote built by the owner of the kind's account: a draft within the limits, submitted (30 % off: needs approval), or sent. */
  async function quote(kind: RecordKind, state: 'draft' | 'submitted' | 'sent'): Promise<{ id: string; version: number }> {
    const [account, item] = await Promise.all([sharedAccountOfKind(kind), product(orgOf(kind))]);
    const owner = await as(ACCOUNT_OF_KIND[kind].owner);
    const line = { productId: item.id, quantity: 2, discountRate: state === 'submitted' ? '0.3' : '0' };
    const created = ok(await owner.post('/api/v1/quotes', { accountId: account.id, validUntil: '2027-06-30', lines: [line] }), 201, 'create quote');
    if (state === 'draft') return { id: created.id, version: created.version };
    const action = state === 'submitted' ? 'submit' : 'send';
    const moved = ok(await owner.post(`/api/v1/quotes/${created.id}/${action}`, {}, { 'if-match': `"${created.version}"` }), 200, `${action} quote`);
    return { id: moved.id, version: moved.version };
  }

  return { as, userId, currentVersion, account, accountOfKind, sharedAccountOfKind, contact, contactOfKind, user, token, product, importRun, transaction, transactionOfKind, fxRate, plan, planPart, planShare, review, interaction, handoverAccount, handover, fullChecklist, serviceCase, opportunity, negotiationEntry, notification, adminOf, bystanderOf, priceBook, priceAgreement, compPlan, compPlanDocument, compAssignment, goal, ownedAccount, payBand, quote };
}
export type Records = ReturnType<typeof createRecords>;

export interface Prepared {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecipeInput {
  records: Records;
  /** null for operations without a record. */
  kind: RecordKind | null;
  /** Whose point of view "own" takes (the caller; kam1 for anonymous and cross-org callers). */
  subject: Person;
  /** Who will send the request (null: anonymous). */
  caller: Person | null;
}

export interface Recipe {
  /**
   * True when a successful request changes stored data. Cells that expect success get fresh
   * records; the others (403, 404, 401) share one request per record kind.
   */
  mutates: boolean;
  /** True when the request depends on who sends it (their token, their profile): never shared across callers. */
  perCaller?: boolean;
  prepare(input: RecipeInput): Promise<Prepared>;
}

/** A multipart/form-data body (fields first, then the file), as POST /imports takes it. */
export function multipart(fields: Record<string, string>, file: { name: string; content: string }): { body: string; headers: Record<string, string> } {
  const boundary = `----patron-authz-${Math.random().toString(16).slice(2)}`;
  let body = '';
  for (const [name, value] of Object.entries(fields)) body += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n--${boundary}--\r\n`;
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let bandSerial = 0;
/** A pay band body whose role (letters only) no other call of this process used. */
function payBandBody() {
  const letters = `${process.pid}x${++bandSerial}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);
  return { role: `role_${letters}`.slice(0, 30), year: 2026, currency: 'USD', source: 'Salary survey 2026', total: { low: '80000.00', high: '120000.00' } };
}

/** The organisation of whoever calls (org A for anonymous). */
const orgOfPerson = (person: Person | null): Org => (person && PEOPLE[person].endsWith('@rival.example') ? 'B' : 'A');

const ifMatch = (version: number): Record<string, string> => ({ 'if-match': `"${version}"` });
/** Whose quota or pay a record kind means: kam1 (the manager's report), the director, org B's KAM. */
const PAYEE_OF_KIND: Record<RecordKind, Person> = { own: 'kam1', other: 'director', foreign: 'rivalKam' };
let quarters = 0;
/** A quarter no other call of this process returned (fresh quotas are created, never replaced). */
const freshQuarter = (): string => `${2100 + Math.floor(quarters / 4)}-Q${(quarters++ % 4) + 1}`;

/**
 * One recipe per OpenAPI operation ("METHOD /api/v1/path/{param}"). A test fails when an
 * operation of /openapi.json has no recipe here, so a new endpoint gets one with its table row.
 */
export const recipes: Record<string, Recipe> = {
  // --- auth and tokens -----------------------------------------------------------------------
  'POST /api/v1/auth/login': {
    mutates: true,
    perCaller: true,
    prepare: async ({ caller }) => ({ method: 'POST', url: '/api/v1/auth/login', body: { email: PEOPLE[caller ?? 'viewer'], password: PASSWORD } }),
  },
  'POST /api/v1/auth/logout': { mutates: true, prepare: async () => ({ method: 'POST', url: '/api/v1/auth/logout' }) },
  'POST /api/v1/signup': {
    mutates: true,
    prepare: async () => ({
      method: 'POST',
      url: '/api/v1/signup',
      body: { orgName: unique('Authz Org'), name: 'Signup Person', email: `${unique('signup')}@signup.example`, password: 'a-long-enough-password' },
    }),
  },
  'GET /api/v1/tokens': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/tokens' }) },
  'POST /api/v1/tokens': { mutates: true, prepare: async () => ({ method: 'POST', url: '/api/v1/tokens', body: { name: unique('authz token') } }) },
  'DELETE /api/v1/tokens/{id}': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, kind, subject }) => {
      const owner: Person = kind === 'own' ? subject : records.bystanderOf(orgOf(kind!));
      const token = await records.token(owner);
      return { method: 'DELETE', url: `/api/v1/tokens/${token.id}` };
    },
  },

  // --- me and users ------------------------------------------------------------------------------
  'GET /api/v1/me': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/me' }) },
  'PATCH /api/v1/me': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const version = caller ? ok(await (await records.as(caller)).get('/api/v1/me'), 200, 'read me').version : 1;
      return { method: 'PATCH', url: '/api/v1/me', body: { preferences: { authzMatrix: unique('p') } }, headers: ifMatch(version) };
    },
  },
  'GET /api/v1/users': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/users' }) },
  'POST /api/v1/users': {
    mutates: true,
    prepare: async () => ({ method: 'POST', url: '/api/v1/users', body: { email: `${unique('new')}@patron.example`, name: unique('New User'), role: 'kam' } }),
  },
  'GET /api/v1/users/{id}': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/users/${(await records.user(kind!)).id}` }),
  },
  'PATCH /api/v1/users/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const user = await records.user(kind!);
      return { method: 'PATCH', url: `/api/v1/users/${user.id}`, body: { name: unique('Renamed') }, headers: ifMatch(user.version) };
    },
  },

  // --- accounts and teams -----------------------------------------------------------------------
  'GET /api/v1/accounts': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/accounts' }) },
  'POST /api/v1/accounts': { mutates: true, prepare: async () => ({ method: 'POST', url: '/api/v1/accounts', body: { name: unique('New Account'), stage: 'prospect' } }) },
  'GET /api/v1/accounts/{id}': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}` }),
  },
  'PATCH /api/v1/accounts/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const account = await records.accountOfKind(kind!);
      return { method: 'PATCH', url: `/api/v1/accounts/${account.id}`, body: { stage: 'at_risk' }, headers: ifMatch(account.version) };
    },
  },
  'DELETE /api/v1/accounts/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const account = await records.accountOfKind(kind!);
      return { method: 'DELETE', url: `/api/v1/accounts/${account.id}`, headers: ifMatch(account.version) };
    },
  },
  'GET /api/v1/accounts/{id}/team': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/team` }),
  },
  'POST /api/v1/accounts/{id}/team': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const account = await records.accountOfKind(kind!);
      const userId = await records.userId(teamExtraOf(orgOf(kind!)));
      return { method: 'POST', url: `/api/v1/accounts/${account.id}/team`, body: { userId, role: 'support' } };
    },
  },
  'DELETE /api/v1/accounts/{id}/team/{userId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const member = teamExtraOf(orgOf(kind!));
      const account = await records.accountOfKind(kind!, { support: [member] });
      return { method: 'DELETE', url: `/api/v1/accounts/${account.id}/team/${await records.userId(member)}`, headers: ifMatch(account.version) };
    },
  },

  // --- contacts ---------------------------------------------------------------------------------
  'GET /api/v1/accounts/{id}/contacts': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/contacts` }),
  },
  'POST /api/v1/accounts/{id}/contacts': {
    mutates: true,
    prepare: async ({ records, kind }) => ({
      method: 'POST',
      url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/contacts`,
      body: { name: unique('New Contact'), buyingRole: 'influencer', relationshipStrength: 1 },
    }),
  },
  'GET /api/v1/accounts/{id}/contacts/{contactId}': {
    mutates: false,
    prepare: async ({ records, kind }) => {
      const contact = await records.contactOfKind(kind!);
      return { method: 'GET', url: `/api/v1/accounts/${contact.accountId}/contacts/${contact.id}` };
    },
  },
  'PATCH /api/v1/accounts/{id}/contacts/{contactId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const contact = await records.contactOfKind(kind!);
      return { method: 'PATCH', url: `/api/v1/accounts/${contact.accountId}/contacts/${contact.id}`, body: { title: 'Chief Buyer' }, headers: ifMatch(contact.version) };
    },
  },
  'DELETE /api/v1/accounts/{id}/contacts/{contactId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const contact = await records.contactOfKind(kind!);
      return { method: 'DELETE', url: `/api/v1/accounts/${contact.accountId}/contacts/${contact.id}`, headers: ifMatch(contact.version) };
    },
  },

  // --- products (an org-wide catalogue: own and other are both products of org A) ---------------
  'GET /api/v1/products': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/products' }) },
  'POST /api/v1/products': {
    mutates: true,
    prepare: async () => ({ method: 'POST', url: '/api/v1/products', body: { sku: unique('NEW-SKU'), name: unique('New Product'), listPrice: '10.00', unitCost: '4.00' } }),
  },
  'GET /api/v1/products/{id}': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/products/${(await records.product(orgOf(kind!))).id}` }),
  },
  'PATCH /api/v1/products/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const product = await records.product(orgOf(kind!));
      return { method: 'PATCH', url: `/api/v1/products/${product.id}`, body: { listPrice: '13.75' }, headers: ifMatch(product.version) };
    },
  },
  'DELETE /api/v1/products/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const product = await records.product(orgOf(kind!));
      return { method: 'DELETE', url: `/api/v1/products/${product.id}`, headers: ifMatch(product.version) };
    },
  },

  // --- imports (runs are org-level: own = the admin's run, other = the director's) --------------
  'POST /api/v1/imports': {
    mutates: true,
    prepare: async () => {
      const upload = multipart({ kind: 'accounts' }, { name: 'accounts.csv', content: `externalId,name,stage\n${unique('AUTHZ-NEW')},${unique('Imported Account')},prospect\n` });
      return { method: 'POST', url: '/api/v1/imports', body: upload.body, headers: upload.headers };
    },
  },
  'GET /api/v1/imports': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/imports' }) },
  'GET /api/v1/imports/{id}': {
    mutates: false,
    prepare: async ({ records, kind }) => {
      const run = await records.importRun(kind === 'own' ? 'admin' : kind === 'other' ? 'director' : 'rivalAdmin');
      return { method: 'GET', url: `/api/v1/imports/${run.id}` };
    },
  },
  'GET /api/v1/imports/templates/{file}': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/imports/templates/accounts.csv' }) },

  // --- key-account scoring --------------------------------------------------------------------------
  'GET /api/v1/accounts/{id}/score': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/score` }),
  },
  'GET /api/v1/accounts/{id}/score/history': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/score/history` }),
  },
  'GET /api/v1/scores/ranking': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/scores/ranking' }) },
  'GET /api/v1/scores/portfolio': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/scores/portfolio' }) },
  'POST /api/v1/scores/recompute': { mutates: true, prepare: async () => ({ method: 'POST', url: '/api/v1/scores/recompute' }) },
  'GET /api/v1/scoring/model': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/scoring/model' }) },
  'GET /api/v1/scoring/models': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/scoring/models' }) },
  'PUT /api/v1/scoring/model': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const org = caller && PEOPLE[caller].endsWith('@rival.example') ? 'B' : 'A';
      const model = ok(await (await records.as(records.adminOf(org))).get('/api/v1/scoring/model'), 200, 'read scoring model');
      return { method: 'PUT', url: '/api/v1/scoring/model', body: { weights: model.weights, thresholds: model.thresholds }, headers: ifMatch(model.number) };
    },
  },

  // --- transactions and rollups (a line belongs to an account: its visibility) -----------------
  'GET /api/v1/transactions': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/transactions' }) },
  'POST /api/v1/transactions': {
    mutates: true,
    prepare: async ({ records }) => ({
      method: 'POST',
      url: '/api/v1/transactions',
      body: { accountId: (await records.accountOfKind('own')).id, bookedOn: '2026-10-20', amount: '250.00', cost: '140.00', quantity: '2' },
    }),
  },
  'GET /api/v1/transactions/{id}': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/transactions/${(await records.transactionOfKind(kind!)).id}` }),
  },
  'PATCH /api/v1/transactions/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const line = await records.transactionOfKind(kind!);
      return { method: 'PATCH', url: `/api/v1/transactions/${line.id}`, body: { amount: '120.00' }, headers: ifMatch(line.version) };
    },
  },
  'DELETE /api/v1/transactions/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const line = await records.transactionOfKind(kind!);
      return { method: 'DELETE', url: `/api/v1/transactions/${line.id}`, headers: ifMatch(line.version) };
    },
  },
  'GET /api/v1/accounts/{id}/monthly': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/monthly` }),
  },
  'GET /api/v1/accounts/{id}/families': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/families` }),
  },

  // --- FX rates (organisation settings keyed by currency and date, not records with ids) ---------
  'GET /api/v1/fx-rates': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/fx-rates' }) },
  'PUT /api/v1/fx-rates/{currency}/{effectiveOn}': {
    mutates: true,
    prepare: async () => ({ method: 'PUT', url: `/api/v1/fx-rates/EUR/${freshDate()}`, body: { rate: '1.0900' } }),
  },
  'DELETE /api/v1/fx-rates/{currency}/{effectiveOn}': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const org: Org = caller && PEOPLE[caller].endsWith('@rival.example') ? 'B' : 'A';
      const rate = await records.fxRate(org);
      return { method: 'DELETE', url: `/api/v1/fx-rates/${rate.currency}/${rate.effectiveOn}` };
    },
  },

  // --- account plans (account-bound: its visibility and write rules) --------------------------------
  'GET /api/v1/accounts/{id}/plans': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/plans` }),
  },
  'POST /api/v1/accounts/{id}/plans': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'POST', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/plans`, body: { period: '2027', strategy: 'Win the furniture category' } }),
  },
  'GET /api/v1/plans/{id}': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/plans/${(await records.plan(kind!)).id}` }) },
  'PATCH /api/v1/plans/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const plan = await records.plan(kind!);
      return { method: 'PATCH', url: `/api/v1/plans/${plan.id}`, body: { strategy: 'Defend the core range' }, headers: ifMatch(plan.version) };
    },
  },
  'POST /api/v1/plans/{id}/copy': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'POST', url: `/api/v1/plans/${(await records.plan(kind!)).id}/copy`, body: { period: '2028' } }),
  },
  'POST /api/v1/plans/{id}/needs': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'POST', url: `/api/v1/plans/${(await records.plan(kind!)).id}/needs`, body: { text: 'Fewer invoices', priority: 2 } }),
  },
  'PATCH /api/v1/plans/{id}/needs/{needId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const need = await records.planPart(kind!, 'needs');
      return { method: 'PATCH', url: `/api/v1/plans/${need.planId}/needs/${need.id}`, body: { priority: 3 }, headers: ifMatch(need.version) };
    },
  },
  'DELETE /api/v1/plans/{id}/needs/{needId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const need = await records.planPart(kind!, 'needs');
      return { method: 'DELETE', url: `/api/v1/plans/${need.planId}/needs/${need.id}`, headers: ifMatch(need.version) };
    },
  },
  'POST /api/v1/plans/{id}/objectives': {
    mutates: true,
    prepare: async ({ records, kind }) => ({
      method: 'POST',
      url: `/api/v1/plans/${(await records.plan(kind!)).id}/objectives`,
      body: { title: 'New stores', metric: 'custom', baseline: '0', target: '5' },
    }),
  },
  'PATCH /api/v1/plans/{id}/objectives/{objectiveId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const objective = await records.planPart(kind!, 'objectives');
      return { method: 'PATCH', url: `/api/v1/plans/${objective.planId}/objectives/${objective.id}`, body: { target: '12' }, headers: ifMatch(objective.version) };
    },
  },
  'DELETE /api/v1/plans/{id}/objectives/{objectiveId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const objective = await records.planPart(kind!, 'objectives');
      return { method: 'DELETE', url: `/api/v1/plans/${objective.planId}/objectives/${objective.id}`, headers: ifMatch(objective.version) };
    },
  },
  'POST /api/v1/plans/{id}/actions': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'POST', url: `/api/v1/plans/${(await records.plan(kind!)).id}/actions`, body: { title: 'Book the review', dueOn: '2027-02-01' } }),
  },
  'PATCH /api/v1/plans/{id}/actions/{actionId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const action = await records.planPart(kind!, 'actions');
      return { method: 'PATCH', url: `/api/v1/plans/${action.planId}/actions/${action.id}`, body: { status: 'done' }, headers: ifMatch(action.version) };
    },
  },
  'DELETE /api/v1/plans/{id}/actions/{actionId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const action = await records.planPart(kind!, 'actions');
      return { method: 'DELETE', url: `/api/v1/plans/${action.planId}/actions/${action.id}`, headers: ifMatch(action.version) };
    },
  },
  'POST /api/v1/plans/{id}/risks': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'POST', url: `/api/v1/plans/${(await records.plan(kind!)).id}/risks`, body: { text: 'A tender is coming' } }),
  },
  'GET /api/v1/plans/{id}/shares': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/plans/${(await records.plan(kind!)).id}/shares` }) },
  'POST /api/v1/plans/{id}/shares': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'POST', url: `/api/v1/plans/${(await records.plan(kind!)).id}/shares`, body: { expiresInDays: 7 } }),
  },
  'DELETE /api/v1/plans/{id}/shares/{shareId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const share = await records.planShare(kind!);
      return { method: 'DELETE', url: `/api/v1/plans/${share.planId}/shares/${share.id}` };
    },
  },
  'GET /api/v1/shared-plans/{token}': {
    mutates: false,
    prepare: async ({ records }) => ({ method: 'GET', url: `/api/v1/shared-plans/${(await records.planShare('own')).token}` }),
  },

  // --- account reviews -----------------------------------------------------------------------------
  'GET /api/v1/accounts/{id}/reviews': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/reviews` }),
  },
  'POST /api/v1/accounts/{id}/reviews': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'POST', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/reviews`, body: { scheduledOn: '2027-03-01' } }),
  },
  'GET /api/v1/reviews': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/reviews' }) },
  'GET /api/v1/reviews/{id}': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/reviews/${(await records.review(kind!)).id}` }) },
  'PATCH /api/v1/reviews/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const review = await records.review(kind!);
      return { method: 'PATCH', url: `/api/v1/reviews/${review.id}`, body: { discussion: 'Prepare the roll-out' }, headers: ifMatch(review.version) };
    },
  },
  'DELETE /api/v1/reviews/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const review = await records.review(kind!);
      return { method: 'DELETE', url: `/api/v1/reviews/${review.id}`, headers: ifMatch(review.version) };
    },
  },
  'POST /api/v1/reviews/{id}/hold': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const review = await records.review(kind!);
      return { method: 'POST', url: `/api/v1/reviews/${review.id}/hold`, body: { heldOn: '2026-11-23', decisions: ['Pilot in five stores'] }, headers: ifMatch(review.version) };
    },
  },
  'POST /api/v1/reviews/{id}/agenda': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'POST', url: `/api/v1/reviews/${(await records.review(kind!)).id}/agenda`, body: { text: 'Delivery delays' } }),
  },
  'GET /api/v1/reviews/{id}/pack.xlsx': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/reviews/${(await records.review(kind!)).id}/pack.xlsx` }),
  },
  'GET /api/v1/review-settings': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/review-settings' }) },
  'PUT /api/v1/review-settings': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const settings = ok(await (await records.as(records.adminOf(orgOfPerson(caller)))).get('/api/v1/review-settings'), 200, 'read review settings');
      return { method: 'PUT', url: '/api/v1/review-settings', body: { cadenceMonths: settings.cadenceMonths }, headers: ifMatch(settings.version) };
    },
  },

  // --- interactions and engagement -------------------------------------------------------------------
  'GET /api/v1/accounts/{id}/interactions': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/interactions` }),
  },
  'POST /api/v1/accounts/{id}/interactions': {
    mutates: true,
    prepare: async ({ records, kind }) => ({
      method: 'POST',
      url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/interactions`,
      body: { kind: 'meeting', occurredAt: '2026-11-21T09:00:00Z', summary: 'Quarterly catch-up' },
    }),
  },
  'GET /api/v1/interactions/{id}': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/interactions/${(await records.interaction(kind!)).id}` }) },
  'PATCH /api/v1/interactions/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const interaction = await records.interaction(kind!);
      return { method: 'PATCH', url: `/api/v1/interactions/${interaction.id}`, body: { nextStepDone: true }, headers: ifMatch(interaction.version) };
    },
  },
  'DELETE /api/v1/interactions/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const interaction = await records.interaction(kind!);
      return { method: 'DELETE', url: `/api/v1/interactions/${interaction.id}`, headers: ifMatch(interaction.version) };
    },
  },
  'GET /api/v1/next-steps': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/next-steps' }) },
  'GET /api/v1/accounts/{id}/engagement': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/engagement` }),
  },
  'GET /api/v1/engagement/overdue': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/engagement/overdue' }) },
  'GET /api/v1/settings/cadence': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/settings/cadence' }) },
  'PUT /api/v1/settings/cadence': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const settings = ok(await (await records.as(records.adminOf(orgOfPerson(caller)))).get('/api/v1/settings/cadence'), 200, 'read cadence');
      return { method: 'PUT', url: '/api/v1/settings/cadence', body: { cadence: settings.cadence, minutes: settings.minutes }, headers: ifMatch(settings.version) };
    },
  },

  // --- handovers (own: bd1 hands bd1's onboarding account to kam1; other: the director's account to
  // a KAM outside the manager's tree; foreign: org B's) ------------------------------------------------
  'GET /api/v1/handovers': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/handovers' }) },
  'GET /api/v1/accounts/{id}/handovers': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.handoverAccount(kind!)).id}/handovers` }),
  },
  'POST /api/v1/accounts/{id}/handovers': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const target = await records.handoverAccount(kind!);
      return { method: 'POST', url: `/api/v1/accounts/${target.id}/handovers`, body: { toUserId: target.toUserId, checklist: records.fullChecklist } };
    },
  },
  'GET /api/v1/handovers/{id}': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/handovers/${(await records.handover(kind!)).id}` }) },
  'PATCH /api/v1/handovers/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const handover = await records.handover(kind!);
      return { method: 'PATCH', url: `/api/v1/handovers/${handover.id}`, body: { notes: 'Pricing sheet attached' }, headers: ifMatch(handover.version) };
    },
  },
  'POST /api/v1/handovers/{id}/cancel': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const handover = await records.handover(kind!);
      return { method: 'POST', url: `/api/v1/handovers/${handover.id}/cancel`, headers: ifMatch(handover.version) };
    },
  },
  'POST /api/v1/handovers/{id}/accept': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const handover = await records.handover(kind!);
      return { method: 'POST', url: `/api/v1/handovers/${handover.id}/accept`, headers: ifMatch(handover.version) };
    },
  },
  'POST /api/v1/handovers/{id}/return': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const handover = await records.handover(kind!);
      return { method: 'POST', url: `/api/v1/handovers/${handover.id}/return`, body: { reason: 'The pricing is not agreed yet' }, headers: ifMatch(handover.version) };
    },
  },

  // --- cases (service disruptions on an account), cost to serve, relationship stage, home ------------
  'GET /api/v1/accounts/{id}/cases': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/cases` }),
  },
  'POST /api/v1/accounts/{id}/cases': {
    mutates: true,
    prepare: async ({ records, kind }) => ({
      method: 'POST',
      url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/cases`,
      body: { title: 'Invoice disputed', category: 'billing', severity: 2, description: 'Charged twice' },
    }),
  },
  'GET /api/v1/cases': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/cases' }) },
  'GET /api/v1/cases/{id}': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/cases/${(await records.serviceCase(kind!)).id}` }) },
  'PATCH /api/v1/cases/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const found = await records.serviceCase(kind!);
      return { method: 'PATCH', url: `/api/v1/cases/${found.id}`, body: { title: 'Pallets crushed on arrival' }, headers: ifMatch(found.version) };
    },
  },
  'POST /api/v1/cases/{id}/transitions': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const found = await records.serviceCase(kind!);
      return { method: 'POST', url: `/api/v1/cases/${found.id}/transitions`, body: { to: 'in_progress' }, headers: ifMatch(found.version) };
    },
  },
  'GET /api/v1/cases/{id}/events': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/cases/${(await records.serviceCase(kind!)).id}/events` }),
  },
  'GET /api/v1/settings/case-sla': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/settings/case-sla' }) },
  'PUT /api/v1/settings/case-sla': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const settings = ok(await (await records.as(records.adminOf(orgOfPerson(caller)))).get('/api/v1/settings/case-sla'), 200, 'read case SLA');
      return { method: 'PUT', url: '/api/v1/settings/case-sla', body: { hours: settings.hours, categories: settings.categories }, headers: ifMatch(settings.version) };
    },
  },
  // --- forecasts ---------------------------------------------------------------------------------------
  'GET /api/v1/forecasts': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/forecasts?period=2026-Q4' }) },
  'GET /api/v1/forecasts/calls': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/forecasts/calls?period=2026-Q4' }) },
  'POST /api/v1/forecasts/calls': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => ({
      method: 'POST',
      url: '/api/v1/forecasts/calls',
      body: { userId: await records.userId(caller ?? 'kam1'), scope: 'own', period: '2026-Q4', amount: '1000.00', note: 'Authorization check' },
    }),
  },
  'GET /api/v1/forecasts/snapshots': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/forecasts/snapshots?period=2026-Q4' }) },
  'POST /api/v1/forecasts/snapshots': { mutates: true, prepare: async () => ({ method: 'POST', url: '/api/v1/forecasts/snapshots', body: {} }) },
  'GET /api/v1/forecasts/annual': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/forecasts/annual' }) },
  'GET /api/v1/settings/forecast': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/settings/forecast' }) },
  'PUT /api/v1/settings/forecast': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const settings = ok(await (await records.as(records.adminOf(orgOfPerson(caller)))).get('/api/v1/settings/forecast'), 200, 'read forecast settings');
      return { method: 'PUT', url: '/api/v1/settings/forecast', body: { actuals: settings.actuals }, headers: ifMatch(settings.version) };
    },
  },
  // --- opportunities and the negotiation log -------------------------------------------------------
  'GET /api/v1/opportunities': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/opportunities' }) },
  'POST /api/v1/opportunities': {
    mutates: true,
    prepare: async ({ records }) => ({
      method: 'POST',
      url: '/api/v1/opportunities',
      body: { accountId: (await records.sharedAccountOfKind('own')).id, name: unique('Authz Deal'), amount: '5000.00', currency: 'EUR', stage: 'qualify', closeDate: '2027-01-31' },
    }),
  },
  'GET /api/v1/opportunities/totals': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/opportunities/totals?outcome=open' }) },
  'GET /api/v1/opportunities/{id}': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/opportunities/${(await records.opportunity(kind!)).id}` }) },
  'PATCH /api/v1/opportunities/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const found = await records.opportunity(kind!);
      return { method: 'PATCH', url: `/api/v1/opportunities/${found.id}`, body: { stage: 'propose' }, headers: ifMatch(found.version) };
    },
  },
  'GET /api/v1/opportunities/{id}/history': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/opportunities/${(await records.opportunity(kind!)).id}/history` }) },
  'GET /api/v1/opportunities/{id}/negotiation': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/opportunities/${(await records.opportunity(kind!)).id}/negotiation` }) },
  'POST /api/v1/opportunities/{id}/negotiation': {
    mutates: true,
    prepare: async ({ records, kind }) => ({
      method: 'POST',
      url: `/api/v1/opportunities/${(await records.opportunity(kind!)).id}/negotiation`,
      body: { theirPosition: 'Asks for 60-day payment terms', nextMove: 'Check with finance' },
    }),
  },
  'PATCH /api/v1/opportunities/{id}/negotiation/{entryId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const entry = await records.negotiationEntry(kind!);
      return { method: 'PATCH', url: `/api/v1/opportunities/${entry.opportunityId}/negotiation/${entry.id}`, body: { agreedTerms: '7 % off list, 45-day terms' }, headers: ifMatch(entry.version) };
    },
  },
  'GET /api/v1/accounts/{id}/dynamics': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.sharedAccountOfKind(kind!)).id}/dynamics` }) },
  'GET /api/v1/accounts/{id}/whitespace': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.sharedAccountOfKind(kind!)).id}/whitespace` }) },
  'GET /api/v1/dynamics': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/dynamics?years=2' }) },
  'GET /api/v1/settings/opportunity-stages': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/settings/opportunity-stages' }) },
  'PUT /api/v1/settings/opportunity-stages': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const settings = ok(await (await records.as(records.adminOf(orgOfPerson(caller)))).get('/api/v1/settings/opportunity-stages'), 200, 'read opportunity stages');
      return { method: 'PUT', url: '/api/v1/settings/opportunity-stages', body: { stages: settings.stages }, headers: ifMatch(settings.version) };
    },
  },
  'GET /api/v1/settings/cost-rates': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/settings/cost-rates' }) },
  'PUT /api/v1/settings/cost-rates': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const rates = ok(await (await records.as(records.adminOf(orgOfPerson(caller)))).get('/api/v1/settings/cost-rates'), 200, 'read cost rates');
      return { method: 'PUT', url: '/api/v1/settings/cost-rates', body: { hourly: { ...rates.hourly, kam: '95.00' } }, headers: ifMatch(rates.version) };
    },
  },
  'GET /api/v1/accounts/{id}/cost-to-serve': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/cost-to-serve` }),
  },
  'GET /api/v1/accounts/{id}/relationship-stage': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/relationship-stage` }),
  },
  'PUT /api/v1/accounts/{id}/relationship-stage': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const account = await records.accountOfKind(kind!);
      const url = `/api/v1/accounts/${account.id}/relationship-stage`;
      const current = await (await records.as(records.adminOf(orgOf(kind!)))).get(url);
      ok(current, 200, 'read relationship stage');
      return { method: 'PUT', url, body: { stage: 'cooperative', note: 'Joint planning started' }, headers: { 'if-match': String(current.headers.etag) } };
    },
  },
  'GET /api/v1/me/home': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/me/home' }) },

  // --- account health ----------------------------------------------------------------------------------
  'GET /api/v1/accounts/{id}/health': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/health` }),
  },
  'GET /api/v1/health/at-risk': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/health/at-risk' }) },
  'POST /api/v1/accounts/{id}/health/confirm-at-risk': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      // A threshold of 100 makes every fresh account a suggestion, so the request is valid.
      const admin = await records.as(records.adminOf(orgOf(kind!)));
      const settings = ok(await admin.get('/api/v1/settings/health'), 200, 'read health settings');
      if (settings.atRiskBelow !== 100) ok(await admin.request('PUT', '/api/v1/settings/health', { atRiskBelow: 100 }, ifMatch(settings.version)), 200, 'raise threshold');
      const account = await records.accountOfKind(kind!);
      return { method: 'POST', url: `/api/v1/accounts/${account.id}/health/confirm-at-risk`, headers: ifMatch(account.version) };
    },
  },
  'GET /api/v1/settings/health': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/settings/health' }) },
  'PUT /api/v1/settings/health': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const settings = ok(await (await records.as(records.adminOf(orgOfPerson(caller)))).get('/api/v1/settings/health'), 200, 'read health settings');
      return { method: 'PUT', url: '/api/v1/settings/health', body: { atRiskBelow: settings.atRiskBelow }, headers: ifMatch(settings.version) };
    },
  },

  // --- audit ------------------------------------------------------------------------------------
  'GET /api/v1/audit': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/audit' }) },

  // --- compensation (a what-if: nothing stored) ---------------------------------------------------
  'POST /api/v1/compensation/simulate': {
    mutates: false,
    prepare: async () => ({
      method: 'POST',
      url: '/api/v1/compensation/simulate',
      body: { plan: { currency: 'EUR', periodType: 'quarter', components: [{ type: 'flat', rate: '0.04' }] }, periods: { from: '2027-01-01', to: '2027-03-31' }, credits: [{ id: 'D-1', date: '2027-02-01', amount: '52000.00' }] },
    }),
  },

  // --- pricing: price books (org-wide), agreements and the price (on an account) -------------------
  'GET /api/v1/price-books': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/price-books' }) },
  'POST /api/v1/price-books': {
    mutates: true,
    prepare: async () => ({ method: 'POST', url: '/api/v1/price-books', body: { name: unique('New Book'), currency: 'USD', validFrom: '2027-01-01' } }),
  },
  'GET /api/v1/price-books/{id}': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/price-books/${(await records.priceBook(orgOf(kind!))).id}` }),
  },
  'PATCH /api/v1/price-books/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const book = await records.priceBook(orgOf(kind!));
      return { method: 'PATCH', url: `/api/v1/price-books/${book.id}`, body: { validTo: '2027-12-31' }, headers: ifMatch(book.version) };
    },
  },
  'DELETE /api/v1/price-books/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const book = await records.priceBook(orgOf(kind!));
      return { method: 'DELETE', url: `/api/v1/price-books/${book.id}`, headers: ifMatch(book.version) };
    },
  },
  'GET /api/v1/accounts/{id}/price-agreements': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.sharedAccountOfKind(kind!)).id}/price-agreements` }),
  },
  'POST /api/v1/accounts/{id}/price-agreements': {
    mutates: true,
    prepare: async ({ records, kind }) => ({
      method: 'POST',
      url: `/api/v1/accounts/${(await records.sharedAccountOfKind(kind!)).id}/price-agreements`,
      body: { family: 'Technology', discountRate: '0.05', validFrom: '2026-06-01', validTo: '2026-12-31' },
    }),
  },
  'PATCH /api/v1/accounts/{id}/price-agreements/{agreementId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const agreement = await records.priceAgreement(kind!);
      return { method: 'PATCH', url: `/api/v1/accounts/${agreement.accountId}/price-agreements/${agreement.id}`, body: { discountRate: '0.12' }, headers: ifMatch(agreement.version) };
    },
  },
  'DELETE /api/v1/accounts/{id}/price-agreements/{agreementId}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const agreement = await records.priceAgreement(kind!);
      return { method: 'DELETE', url: `/api/v1/accounts/${agreement.accountId}/price-agreements/${agreement.id}`, headers: ifMatch(agreement.version) };
    },
  },
  'GET /api/v1/accounts/{id}/price': {
    mutates: false,
    prepare: async ({ records, kind }) => {
      const [account, item] = await Promise.all([records.sharedAccountOfKind(kind!), records.product(orgOf(kind!))]);
      return { method: 'GET', url: `/api/v1/accounts/${account.id}/price?productId=${item.id}&quantity=3` };
    },
  },
  // --- reports (read-only; figures limited to what the caller may see) ----------------------------
  'GET /api/v1/reports/{name}': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/reports/quarterly-results?period=2026-Q3' }) },
  // --- people (records are users: own in the manager's tree, other under the director, foreign in org B) ---
  'GET /api/v1/people/{id}/profile': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/people/${(await records.user(kind!)).id}/profile` }) },
  'PUT /api/v1/people/{id}/profile': {
    mutates: true,
    prepare: async ({ records, kind }) => ({
      method: 'PUT',
      url: `/api/v1/people/${(await records.user(kind!)).id}/profile`,
      body: { education: [{ level: 'bachelor', field: 'Engineering' }], certifications: [], yearsTotal: 5, yearsSales: 3, industryYears: [{ industry: 'Metals', years: 2 }], industries: ['Metals'], countries: ['DE'], languages: ['de'] },
      headers: ifMatch(1),
    }),
  },
  'GET /api/v1/people/{id}/skills': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/people/${(await records.user(kind!)).id}/skills` }) },
  'POST /api/v1/people/{id}/skills/ratings': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'POST', url: `/api/v1/people/${(await records.user(kind!)).id}/skills/ratings`, body: { kind: 'manager', ratings: [{ skill: 'negotiation', rating: 3 }] } }),
  },
  'GET /api/v1/people/{id}/skills/history': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/people/${(await records.user(kind!)).id}/skills/history` }) },
  'POST /api/v1/people/{id}/goals': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'POST', url: `/api/v1/people/${(await records.user(kind!)).id}/goals`, body: { skill: 'negotiation', targetRating: 4 } }),
  },
  'PATCH /api/v1/development-goals/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const goal = await records.goal(kind!);
      return { method: 'PATCH', url: `/api/v1/development-goals/${goal.id}`, body: { status: 'done' }, headers: ifMatch(goal.version) };
    },
  },
  'GET /api/v1/settings/people': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/settings/people' }) },
  'PUT /api/v1/settings/people': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const settings = ok(await (await records.as(records.adminOf(orgOfPerson(caller)))).get('/api/v1/settings/people'), 200, 'read people settings');
      const { version, ...body } = settings;
      return { method: 'PUT', url: '/api/v1/settings/people', body, headers: ifMatch(version) };
    },
  },
  'GET /api/v1/people/{id}/book': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/people/${(await records.user(kind!)).id}/book` }) },
  'GET /api/v1/people/capacity': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/people/capacity' }) },
  'GET /api/v1/accounts/{id}/owner-candidates': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/accounts/${(await records.accountOfKind(kind!)).id}/owner-candidates` }),
  },
  'POST /api/v1/accounts/{id}/owner-assignment': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const account = await records.accountOfKind(kind!);
      const toUserId = await records.userId(kind === 'foreign' ? 'rivalKam' : 'kam2');
      return { method: 'POST', url: `/api/v1/accounts/${account.id}/owner-assignment`, body: { toUserId, notes: 'Fits the industry' }, headers: ifMatch(account.version) };
    },
  },
  'GET /api/v1/people/{id}/reassignment': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/people/${(await records.user(kind!)).id}/reassignment` }) },
  'POST /api/v1/people/{id}/reassignment': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const book = await records.ownedAccount(kind!);
      const toUserId = await records.userId(kind === 'foreign' ? 'rivalKam' : 'kam2');
      return { method: 'POST', url: `/api/v1/people/${book.userId}/reassignment`, body: { assignments: [{ accountId: book.accountId, toUserId }] } };
    },
  },
  'GET /api/v1/pay-bands': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/pay-bands' }) },
  'POST /api/v1/pay-bands': { mutates: true, prepare: async () => ({ method: 'POST', url: '/api/v1/pay-bands', body: payBandBody() }) },
  'PATCH /api/v1/pay-bands/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const band = await records.payBand(orgOf(kind!));
      return { method: 'PATCH', url: `/api/v1/pay-bands/${band.id}`, body: { source: 'Updated survey' }, headers: ifMatch(band.version) };
    },
  },
  'DELETE /api/v1/pay-bands/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const band = await records.payBand(orgOf(kind!));
      return { method: 'DELETE', url: `/api/v1/pay-bands/${band.id}`, headers: ifMatch(band.version) };
    },
  },
  'GET /api/v1/people/{id}/pay': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/people/${(await records.user(kind!)).id}/pay` }) },
  'PUT /api/v1/people/{id}/expected-pay': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'PUT', url: `/api/v1/people/${(await records.user(kind!)).id}/expected-pay`, body: { amount: '98000.00', currency: 'USD' }, headers: ifMatch(1) }),
  },
  'GET /api/v1/people/pay': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/people/pay' }) },

  // --- compensation: plans and assignments ---------------------------------------------------------
  'GET /api/v1/compensation/plans': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/compensation/plans' }) },
  'POST /api/v1/compensation/plans': {
    mutates: true,
    prepare: async ({ records }) => ({ method: 'POST', url: '/api/v1/compensation/plans', body: { document: records.compPlanDocument(unique('Authz Plan')) } }),
  },
  'GET /api/v1/compensation/plans/{id}': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/compensation/plans/${(await records.compPlan(orgOf(kind!))).id}` }),
  },
  'POST /api/v1/compensation/plans/{id}/versions': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const plan = await records.compPlan(orgOf(kind!));
      return { method: 'POST', url: `/api/v1/compensation/plans/${plan.id}/versions`, body: { document: { ...records.compPlanDocument(plan.name), effectiveFrom: '2027-07-01' } }, headers: ifMatch(plan.version) };
    },
  },
  'GET /api/v1/compensation/assignments': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/compensation/assignments' }) },
  'POST /api/v1/compensation/assignments': {
    mutates: true,
    prepare: async ({ records }) => {
      const plan = await records.compPlan('A');
      const day = freshDate();
      return { method: 'POST', url: '/api/v1/compensation/assignments', body: { userId: await records.userId('kam2'), planId: plan.id, effectiveFrom: day, effectiveTo: day } };
    },
  },
  'GET /api/v1/compensation/assignments/{id}': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/compensation/assignments/${(await records.compAssignment(kind!)).id}` }),
  },
  'PATCH /api/v1/compensation/assignments/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const found = await records.compAssignment(kind!);
      return { method: 'PATCH', url: `/api/v1/compensation/assignments/${found.id}`, body: { baseAnnual: '61000.00' }, headers: ifMatch(found.version) };
    },
  },

  'PUT /api/v1/compensation/quotas/{userId}/{period}': {
    mutates: true,
    prepare: async ({ records, kind }) => ({ method: 'PUT', url: `/api/v1/compensation/quotas/${await records.userId(PAYEE_OF_KIND[kind!])}/${freshQuarter()}`, body: { amount: '120000.00' } }),
  },
  'GET /api/v1/compensation/quotas/{userId}/history': {
    mutates: false,
    prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/compensation/quotas/${await records.userId(PAYEE_OF_KIND[kind!])}/history` }),
  },
  'POST /api/v1/compensation/quotas/allocate': {
    mutates: false,
    prepare: async ({ records }) => ({ method: 'POST', url: '/api/v1/compensation/quotas/allocate', body: { period: '2027-Q1', amount: '100.00', weights: [{ userId: await records.userId('kam1'), weight: '1' }] } }),
  },
  'POST /api/v1/compensation/quotas/ramp': {
    mutates: true,
    prepare: async ({ records }) => ({ method: 'POST', url: '/api/v1/compensation/quotas/ramp', body: { userId: await records.userId('kam1'), firstPeriod: freshQuarter(), fullAmount: '80000.00', schedule: ['0.5', '1'] } }),
  },
  'GET /api/v1/compensation/attainment': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/compensation/attainment?period=2027-Q1' }) },
  'GET /api/v1/compensation/crediting-rules': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/compensation/crediting-rules' }) },
  'PUT /api/v1/compensation/crediting-rules': {
    mutates: true,
    prepare: async ({ records }) => {
      const version = await records.currentVersion('/api/v1/compensation/crediting-rules', 'A');
      return { method: 'PUT', url: '/api/v1/compensation/crediting-rules', body: { managerOverlay: { share: '0.5' }, sourcingOverlay: null }, headers: ifMatch(version) };
    },
  },
  'PUT /api/v1/compensation/transactions/{id}/splits': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const line = await records.transactionOfKind(kind!);
      return { method: 'PUT', url: `/api/v1/compensation/transactions/${line.id}/splits`, body: { splits: [{ userId: await records.userId('kam1'), type: 'revenue', share: '1' }] } };
    },
  },
  'PUT /api/v1/compensation/opportunities/{id}/splits': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const deal = await records.opportunity(kind!);
      return { method: 'PUT', url: `/api/v1/compensation/opportunities/${deal.id}/splits`, body: { splits: [{ userId: await records.userId('kam1'), type: 'revenue', share: '1' }] } };
    },
  },
  'GET /api/v1/compensation/credits': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/compensation/credits?period=2027-Q1' }) },

  // --- quotes (built by the owner of the kind's account) ------------------------------------------
  'GET /api/v1/quotes': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/quotes' }) },
  'POST /api/v1/quotes': {
    mutates: true,
    prepare: async ({ records }) => {
      const [account, item] = await Promise.all([records.sharedAccountOfKind('own'), records.product('A')]);
      return { method: 'POST', url: '/api/v1/quotes', body: { accountId: account.id, validUntil: '2027-06-30', lines: [{ productId: item.id, quantity: 4 }] } };
    },
  },
  'POST /api/v1/quotes/preview': {
    mutates: false,
    prepare: async ({ records }) => {
      const [account, item] = await Promise.all([records.sharedAccountOfKind('own'), records.product('A')]);
      return { method: 'POST', url: '/api/v1/quotes/preview', body: { accountId: account.id, validUntil: '2027-06-30', lines: [{ productId: item.id, quantity: 4, discountRate: '0.1' }] } };
    },
  },
  'GET /api/v1/quotes/{id}': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/quotes/${(await records.quote(kind!, 'draft')).id}` }) },
  'PATCH /api/v1/quotes/{id}': {
    mutates: true,
    prepare: async ({ records, kind }) => {
      const found = await records.quote(kind!, 'draft');
      return { method: 'PATCH', url: `/api/v1/quotes/${found.id}`, body: { validUntil: '2027-05-31' }, headers: ifMatch(found.version) };
    },
  },
  ...Object.fromEntries(
    (
      [
        ['submit', 'draft', {}],
        ['approve', 'submitted', { note: 'Volume commitment justifies it' }],
        ['reject', 'submitted', { note: 'Too deep a discount' }],
        ['send', 'draft', {}],
        ['accept', 'sent', {}],
        ['decline', 'sent', { note: 'Budget cut' }],
      ] as const
    ).map(([action, state, body]): [string, Recipe] => [
      `POST /api/v1/quotes/{id}/${action}`,
      {
        mutates: true,
        prepare: async ({ records, kind }) => {
          const found = await records.quote(kind!, state);
          return { method: 'POST', url: `/api/v1/quotes/${found.id}/${action}`, body, headers: ifMatch(found.version) };
        },
      },
    ]),
  ),
  'GET /api/v1/quotes/{id}/history': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/quotes/${(await records.quote(kind!, 'draft')).id}/history` }) },
  'GET /api/v1/quotes/{id}/export': { mutates: false, prepare: async ({ records, kind }) => ({ method: 'GET', url: `/api/v1/quotes/${(await records.quote(kind!, 'draft')).id}/export?format=xlsx` }) },
  'GET /api/v1/settings/quotes': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/settings/quotes' }) },
  'PUT /api/v1/settings/quotes': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, caller }) => {
      const settings = ok(await (await records.as(records.adminOf(orgOfPerson(caller)))).get('/api/v1/settings/quotes'), 200, 'read quote settings');
      return { method: 'PUT', url: '/api/v1/settings/quotes', body: { discountThreshold: settings.discountThreshold, marginFloor: settings.marginFloor }, headers: ifMatch(settings.version) };
    },
  },

  // --- notifications (own = the caller's, other = a colleague's, foreign = org B's) ---------------
  'GET /api/v1/notifications': { mutates: false, prepare: async () => ({ method: 'GET', url: '/api/v1/notifications' }) },
  'POST /api/v1/notifications/read-all': { mutates: true, prepare: async () => ({ method: 'POST', url: '/api/v1/notifications/read-all' }) },
  'POST /api/v1/notifications/{id}/read': {
    mutates: true,
    perCaller: true,
    prepare: async ({ records, kind, subject }) => {
      const person: Person = kind === 'own' ? subject : records.bystanderOf(orgOf(kind!));
      return { method: 'POST', url: `/api/v1/notifications/${(await records.notification(person)).id}/read` };
    },
  },
};
