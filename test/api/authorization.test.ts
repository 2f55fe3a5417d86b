import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defectOf, expectedOf, isPerKind, isRecordOperation, matrix, type Cell } from '../security/authorization-matrix.ts';
import { createTestApi, type Answer, type TestApi } from '../support/api.ts';
import { CALLER_OF_ROLE, createRecords, multipart, PEOPLE, RECORD_KINDS, recipes, ROLES, type Person, type Prepared, type RecordKind, type Records, type Role, unique } from '../support/records.ts';

/**
 * The authorization matrix (test/security/authorization-matrix.ts) checked cell by cell against the
 * real HTTP API: every operation × anonymous and every role × own / other / foreign record.
 */

let api: TestApi;
let records: Records;
let openApiOperations: Map<string, { security?: unknown[] }>;

beforeAll(async () => {
  api = await createTestApi();
  records = createRecords(api);
  const answer = await api.anonymous.request('GET', '/openapi.json');
  expect(answer.status).toBe(200);
  openApiOperations = new Map();
  for (const [path, item] of Object.entries<Record<string, { security?: unknown[] }>>(answer.body.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) openApiOperations.set(`${method.toUpperCase()} ${path}`, operation);
    }
  }
});
afterAll(() => api?.close());

describe('the matrix covers the API', () => {
  it('has a row and a request recipe for every operation of /openapi.json', () => {
    const operations = [...openApiOperations.keys()];
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((op) => !(op in matrix)), 'operations missing from test/security/authorization-matrix.ts').toEqual([]);
    expect(operations.filter((op) => !(op in recipes)), 'operations missing a recipe in test/support/records.ts').toEqual([]);
  });

  it('has no row or recipe for an operation that no longer exists', () => {
    expect(Object.keys(matrix).filter((op) => !openApiOperations.has(op)), 'stale rows in the matrix').toEqual([]);
    expect(Object.keys(recipes).filter((op) => !openApiOperations.has(op)), 'stale recipes').toEqual([]);
  });

  it('states the invariants: foreign records are 404, anonymous is 401 except on public routes', () => {
    const problems: string[] = [];
    for (const [operation, row] of Object.entries(matrix)) {
      const isPublic = Array.isArray(openApiOperations.get(operation)?.security) && openApiOperations.get(operation)!.security!.length === 0;
      if (isPublic === (expectedOf(row.anonymous) === 401)) problems.push(`${operation}: anonymous ${expectedOf(row.anonymous)} on a ${isPublic ? 'public' : 'protected'} route`);
      for (const role of ROLES) {
        const cell = row[role];
        if (isPerKind(cell) && expectedOf(cell.foreign) !== 404) problems.push(`${operation} · ${role} · foreign: ${expectedOf(cell.foreign)}`);
        if (isPerKind(cell) !== isRecordOperation(operation)) problems.push(`${operation} · ${role}: ${isPerKind(cell) ? 'per-kind cells on an operation without a record' : 'one cell on an operation with a record'}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

/**
 * Beyond status codes: what lists answer. Whether a role sees the `own` and `other` accounts in a
 * list follows the matrix's row for reading one account; foreign accounts never appear.
 */
describe('lists show exactly the records each role may read', () => {
  const visibleIn = (role: Role, kind: RecordKind): boolean => {
    const cell = matrix['GET /api/v1/accounts/{id}']![role];
    return isPerKind(cell) && expectedOf(cell[kind]) === 200;
  };
  let accounts: Record<RecordKind, string>;
  beforeAll(async () => {
    accounts = { own: (await records.accountOfKind('own')).id, other: (await records.accountOfKind('other')).id, foreign: (await records.accountOfKind('foreign')).id };
  });

  async function allIds(person: Person, url: string): Promise<string[]> {
    const caller = await api.as(PEOPLE[person]);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const answer: Answer = await caller.get(`${url}${url.includes('?') ? '&' : '?'}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(answer.status, `${url}: ${JSON.stringify(answer.body)?.slice(0, 300)}`).toBe(200);
      for (const item of answer.body.items as { id?: string; accountId?: string }[]) ids.push(item.accountId ?? item.id!);
      cursor = answer.body.nextCursor ?? null;
    } while (cursor);
    return ids;
  }

  const lists = [
    { name: 'GET /api/v1/accounts', url: '/api/v1/accounts', paged: true },
    { name: 'GET /api/v1/scores/ranking', url: '/api/v1/scores/ranking', paged: true },
    { name: 'GET /api/v1/scores/portfolio', url: '/api/v1/scores/portfolio', paged: false },
  ];
  const cases = lists.flatMap((list) => ROLES.map((role) => ({ ...list, role })));
  it.each(cases)('$name as $role', async ({ url, paged, role }) => {
    const person = CALLER_OF_ROLE[role];
    let ids: string[];
    if (paged) ids = await allIds(person, url);
    else {
      const answer = await (await api.as(PEOPLE[person])).get(url);
      expect(answer.status).toBe(200);
      ids = (answer.body.items as { accountId: string }[]).map((item) => item.accountId);
    }
    expect({ own: ids.includes(accounts.own), other: ids.includes(accounts.other), foreign: ids.includes(accounts.foreign) }).toEqual({
      own: visibleIn(role, 'own'),
      other: visibleIn(role, 'other'),
      foreign: false,
    });
  });

  it.each(['manager', 'kam', 'bd'] as const)("the audit trail of an account, as %s: the own account's, never another team's", async (role) => {
    const caller = await api.as(PEOPLE[CALLER_OF_ROLE[role]]);
    const own = await caller.get(`/api/v1/audit?entity=account&entityId=${accounts.own}`);
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    for (const kind of ['other', 'foreign'] as const) {
      const answer = await caller.get(`/api/v1/audit?entity=account&entityId=${accounts[kind]}`);
      expect([200, 404], `${kind}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
      if (answer.status === 200) expect(answer.body.items, kind).toEqual([]);
    }
  });

  it("a record of another team's account is not reachable through a visible account's path", async () => {
    const kam = await api.as(PEOPLE.kam1);
    const theirs = await records.contactOfKind('other');
    const mine = await records.accountOfKind('own');
    const read = await kam.get(`/api/v1/accounts/${mine.id}/contacts/${theirs.id}`);
    expect(read.status).toBe(404);
    const change = await kam.patch(`/api/v1/accounts/${mine.id}/contacts/${theirs.id}`, { title: 'Hijacked' }, theirs.version);
    expect(change.status).toBe(404);
    const remove = await kam.delete(`/api/v1/accounts/${mine.id}/contacts/${theirs.id}`, theirs.version);
    expect(remove.status).toBe(404);
    const after = await (await api.as(PEOPLE.admin)).get(`/api/v1/accounts/${theirs.accountId}/contacts/${theirs.id}`);
    expect(after.body).toMatchObject({ title: 'Buyer', version: theirs.version });
  });
});

/**
 * Imports write many records at once: they may reach only what the importer could reach through the
 * API. A manager's file naming another team's account (by external id) must not change it.
 */
describe('imports stay within what the importer may see', () => {
  async function directorsAccount(): Promise<{ id: string; externalId: string }> {
    const externalId = unique('AUTHZ-EXT');
    const created = await (await api.as(PEOPLE.director)).post('/api/v1/accounts', { name: 'Director Only', externalId });
    expect(created.status).toBe(201);
    return { id: created.body.id, externalId };
  }
  const importAs = async (person: Person, kind: string, csv: string) => {
    const upload = multipart({ kind }, { name: `${kind}.csv`, content: csv });
    return (await api.as(PEOPLE[person])).request('POST', '/api/v1/imports', upload.body, upload.headers);
  };

  it("a manager's accounts file cannot change another team's account", async () => {
    const theirs = await directorsAccount();
    const answer = await importAs('manager', 'accounts', `externalId,name,stage\n${theirs.externalId},Renamed By Import,churned\n`);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(422);
    const after = await (await api.as(PEOPLE.director)).get(`/api/v1/accounts/${theirs.id}`);
    expect(after.body).toMatchObject({ name: 'Director Only', stage: 'active', version: 1 });
  });

  it("a manager's contacts file cannot add contacts to another team's account", async () => {
    const theirs = await directorsAccount();
    const answer = await importAs('manager', 'contacts', `externalId,accountExternalId,name\n${unique('AUTHZ-C')},${theirs.externalId},Planted Contact\n`);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(422);
    const contacts = await (await api.as(PEOPLE.director)).get(`/api/v1/accounts/${theirs.id}/contacts`);
    expect(contacts.body.items).toEqual([]);
  });
});

interface Case {
  name: string;
  operation: string;
  role: Role | 'anonymous';
  kind: RecordKind | null;
  cell: Cell;
}

const casesOf = (operation: string): Case[] => {
  const row = matrix[operation]!;
  const cases: Case[] = [{ name: `${operation} · anonymous → ${expectedOf(row.anonymous)}`, operation, role: 'anonymous', kind: isRecordOperation(operation) ? 'own' : null, cell: row.anonymous }];
  for (const role of ROLES) {
    const cell = row[role];
    if (isPerKind(cell)) {
      for (const kind of RECORD_KINDS) cases.push({ name: `${operation} · ${role} · ${kind} → ${expectedOf(cell[kind])}`, operation, role, kind, cell: cell[kind] });
    } else {
      cases.push({ name: `${operation} · ${role} → ${expectedOf(cell)}`, operation, role, kind: null, cell });
    }
  }
  return cases;
};

/**
 * A request that must succeed gets fresh records (it changes them); requests expected to be
 * refused, and reads, are prepared once per operation and record kind and shared between cells.
 */
const shared = new Map<string, Promise<Prepared>>();

async function run({ operation, role, kind, cell }: Case): Promise<{ status: number; body: unknown; request: Prepared }> {
  const recipe = recipes[operation];
  if (!recipe) throw new Error(`No recipe for ${operation} in test/support/records.ts`);
  const caller: Person | null = role === 'anonymous' ? null : CALLER_OF_ROLE[role];
  const subject: Person = caller ?? 'kam1';
  const input = { records, kind, subject, caller };
  const expected = expectedOf(cell);
  let request: Prepared;
  if (recipe.mutates && ((expected >= 200 && expected < 300) || defectOf(cell))) request = await recipe.prepare(input);
  else {
    const key = `${operation}|${kind}|${recipe.perCaller ? (caller ?? 'anonymous') : ''}`;
    if (!shared.has(key)) shared.set(key, recipe.prepare(input));
    request = await shared.get(key)!;
  }
  const answer = caller
    ? await (await api.as(PEOPLE[caller])).request(request.method, request.url, request.body, request.headers)
    : await api.anonymous.request(request.method, request.url, request.body, request.headers);
  return { status: answer.status, body: answer.body, request };
}

describe.each(Object.keys(matrix))('%s', (operation) => {
  for (const testCase of casesOf(operation)) {
    const defect = defectOf(testCase.cell);
    const test = defect ? it.fails : it;
    test(defect ? `${testCase.name} (known defect: ${defect})` : testCase.name, async () => {
      const { status, body, request } = await run(testCase);
      expect(status, `${request.method} ${request.url} → ${JSON.stringify(body)?.slice(0, 300)}`).toBe(expectedOf(testCase.cell));
    });
  }
});
