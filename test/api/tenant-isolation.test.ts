import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { defectOf, isPerKind, isRecordOperation, matrix } from '../security/authorization-matrix.ts';
import { createRecords, recipes, type Org, type Person, type Prepared, type RecordKind, type Records } from '../support/records.ts';

/**
 * Tenant isolation (issue 8): with two organisations, every id-bearing operation of one called
 * with the other's ids answers 404 and changes nothing: every row of the target organisation, in
 * every table that has an org_id, is the same before and after. Ids carried in query strings and
 * bodies never reach across either.
 */

let api: TestApi;
let records: Records;
let operations: Map<string, OpenApiOperation>;
const orgIds: Partial<Record<Org, string>> = {};

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema?: { format?: string } }[];
}

beforeAll(async () => {
  api = await createTestApi();
  records = createRecords(api);
  orgIds.A = (await records.as('admin')).actor.orgId;
  orgIds.B = (await records.as('rivalAdmin')).actor.orgId;
  const doc = await api.anonymous.request('GET', '/openapi.json');
  operations = new Map();
  for (const [path, item] of Object.entries<Record<string, OpenApiOperation>>(doc.body.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) operations.set(`${method.toUpperCase()} ${path}`, operation);
    }
  }
});
afterAll(() => api?.close());

/**
 * Every table with an org_id, as its row count and a digest of all its rows of the organisation
 * (one query; the digest of sorted JSON rows changes when any column of any row does), plus the
 * organisation row itself.
 */
let tableNames: Promise<string[]> | null = null;
async function snapshot(org: Org): Promise<Record<string, string>> {
  const orgId = orgIds[org]!;
  tableNames ??= queryRows<{ table_name: string }>(
    api.ctx.db,
    sql`select distinct table_name from information_schema.columns where table_schema = current_schema() and column_name = 'org_id' order by table_name`,
  ).then((rows) => rows.map((row) => row.table_name));
  const parts = (await tableNames).map(
    (table) =>
      sql`select ${table}::text as name, count(*)::text || ':' || md5(coalesce(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text), '')) as digest from ${sql.identifier(table)} t where t.org_id = ${orgId}`,
  );
  parts.push(sql`select 'organisations'::text as name, md5(coalesce(string_agg(to_jsonb(o)::text, '|'), '')) as digest from organisations o where o.id = ${orgId}`);
  const rows = await queryRows<{ name: string; digest: string }>(api.ctx.db, sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

const idBearing = (): string[] => [...operations.keys()].filter(isRecordOperation);

/** Sends `operation` prepared against a record of `kind` as `caller`, and checks 404 and that `victim` is untouched. */
async function crossOrgCall(operation: string, kind: RecordKind, caller: Person, victim: Org): Promise<void> {
  const recipe = recipes[operation];
  expect(recipe, `no recipe for ${operation} in test/support/records.ts`).toBeDefined();
  const request = await recipe!.prepare({ records, kind, subject: kind === 'foreign' ? 'rivalKam' : 'kam1', caller });
  const before = await snapshot(victim);
  const answer = await (await records.as(caller)).request(request.method, request.url, request.body, request.headers);
  expect(answer.status, `${request.method} ${request.url} → ${JSON.stringify(answer.body)?.slice(0, 300)}`).toBe(404);
  expect(answer.body?.type).toBe('/problems/not-found');
  expect(await snapshot(victim), `${operation} changed the other organisation's rows`).toEqual(before);
}

describe('the isolation suite covers the API', () => {
  it('has at least the id-bearing operations of accounts and users, each with a recipe', () => {
    expect(idBearing()).toEqual(expect.arrayContaining(['GET /api/v1/accounts/{id}', 'PATCH /api/v1/users/{id}']));
    expect(idBearing().filter((op) => !recipes[op]), 'operations missing a recipe in test/support/records.ts').toEqual([]);
  });
});

const idRecipes = Object.keys(recipes).filter(isRecordOperation);

/** The matrix's known defect for this role's foreign cell, if any: the same cell fails here too. */
function knownDefect(operation: string, role: 'admin' | 'kam'): string | null {
  const cell = matrix[operation]?.[role];
  return cell && isPerKind(cell) ? defectOf(cell.foreign) : null;
}

const crossOrgSuites: { title: string; caller: Person; role: 'admin' | 'kam'; kind: RecordKind; victim: Org }[] = [
  { title: "org B's admin with org A's ids", caller: 'rivalAdmin', role: 'admin', kind: 'own', victim: 'A' },
  { title: "org B's KAM with org A's ids", caller: 'rivalKam', role: 'kam', kind: 'own', victim: 'A' },
  { title: "the reverse: org A's admin with org B's ids", caller: 'admin', role: 'admin', kind: 'foreign', victim: 'B' },
];

describe.each(crossOrgSuites)('$title: 404 and nothing changes', ({ caller, role, kind, victim }) => {
  for (const operation of idRecipes) {
    const defect = knownDefect(operation, role);
    (defect ? it.fails : it)(defect ? `${operation} (known defect: ${defect})` : operation, async () => {
      if (!operations.has(operation)) return; // a recipe without its route: the authorization suite reports it
      await crossOrgCall(operation, kind, caller, victim);
    });
  }
});

/**
 * Ids of org A in query strings, asked by org B's admin: the answer holds nothing of org A. Each
 * query also runs as org A's admin first, to prove the filter does find something there.
 */
const ID_QUERY_PARAMETERS: Record<string, 'account' | 'user' | 'product'> = {
  productId: 'product',
  userId: 'user',
  parentId: 'account',
  ownerId: 'user',
  managerId: 'user',
  accountId: 'account',
  entityId: 'account',
  actorId: 'user',
};

/** The rows of a list (`items`), a per-owner aggregate (`owners`) or a roll-up by person (`people`); null for one record. */
const rowsOf = (body: { items?: unknown[]; owners?: unknown[]; people?: unknown[] }): unknown[] | null => body.items ?? body.owners ?? body.people ?? null;

describe("ids of the other organisation in query strings return nothing of it", () => {
  it('knows every id-carrying query parameter of the API', () => {
    const unknown: string[] = [];
    for (const [operation, spec] of operations) {
      for (const parameter of spec.parameters ?? []) {
        if (parameter.in === 'query' && /Id$/.test(parameter.name) && !(parameter.name in ID_QUERY_PARAMETERS)) unknown.push(`${operation} ?${parameter.name}`);
      }
    }
    expect(unknown, 'add these to ID_QUERY_PARAMETERS in test/api/tenant-isolation.test.ts').toEqual([]);
  });

  it('every list filtered by an id of org A answers org B with no items', async () => {
    // Org A: a parent with a child account, both owned by kam1 (a report of the manager).
    const parent = await records.account({ owner: 'kam1' });
    const kam1 = await records.as('kam1');
    const child = await kam1.post('/api/v1/accounts', { name: 'Isolation Child', parentId: parent.id });
    expect(child.status).toBe(201);
    const product = await records.product('A');
    await records.transaction(parent.id, 'A', product.id);
    await records.interaction('own', parent.id); // an open next step
    await records.fxRate('A'); // the fixture's other deals are in EUR: totals convert them
    const deal = await kam1.post('/api/v1/opportunities', { accountId: parent.id, name: 'Isolation Deal', amount: '1000.00', currency: 'USD', stage: 'develop', closeDate: '2027-03-31' });
    expect(deal.status).toBe(201);
    const quote = await kam1.post('/api/v1/quotes', { accountId: parent.id, validUntil: '2027-06-30', lines: [{ productId: product.id, quantity: 2 }] });
    expect(quote.status, JSON.stringify(quote.body)).toBe(201);
    const call = await (await records.as('manager')).post('/api/v1/forecasts/calls', { userId: await records.userId('kam1'), scope: 'own', period: '2026-Q4', amount: '1000.00', note: 'Isolation check' });
    expect(call.status).toBe(201);
    const ids = { account: parent.id, user: await records.userId('kam1'), product: product.id };
    const manager = await records.userId('manager');
    const checked: string[] = [];
    for (const [operation, spec] of operations) {
      const [method, path] = operation.split(' ') as [string, string];
      if (method !== 'GET' || path.includes('{')) continue;
      for (const parameter of spec.parameters ?? []) {
        const idKind = parameter.in === 'query' ? ID_QUERY_PARAMETERS[parameter.name] : undefined;
        if (!idKind) continue;
        const value = parameter.name === 'managerId' ? manager : ids[idKind];
        const url = `${path}?${parameter.name === 'entityId' ? 'entity=account&' : ''}${parameter.name}=${value}`;
        const inA = await (await records.as('admin')).get(url);
        expect(inA.status, `${url} as org A's admin: ${JSON.stringify(inA.body)}`).toBe(200);
        const rowsInA = rowsOf(inA.body);
        if (rowsInA) expect(rowsInA.length, `${url} finds something in org A (else the check below proves nothing): ${JSON.stringify(inA.body).slice(0, 300)}`).toBeGreaterThan(0);
        // Nothing of org A: an empty list, or 404 where the filter names one record (next-steps?accountId=,
        // forecasts/annual?userId=); a single record answered to org B would be a leak.
        const inB = await (await records.as('rivalAdmin')).get(url);
        expect([200, 404], `${url} as org B's admin: ${JSON.stringify(inB.body)}`).toContain(inB.status);
        if (inB.status === 200) expect(rowsOf(inB.body), `${url} as org B's admin`).toEqual([]);
        else expect(inB.body.type).toBe('/problems/not-found');
        checked.push(url.replace(value, `<${idKind}>`));
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(8);
  });
});

/**
 * Ids of org A inside bodies sent by org B (a parent, an owner, a team member, a manager, a
 * reporting line): refused as invalid, and neither organisation changes.
 */
describe('ids of the other organisation in request bodies are refused and change nothing', () => {
  const own = async () => records.accountOfKind('own');
  const cases: { name: string; prepare: () => Promise<Prepared> }[] = [
    {
      name: 'POST /api/v1/accounts with a parentId of org A',
      prepare: async () => ({ method: 'POST', url: '/api/v1/accounts', body: { name: 'Cross Parent', parentId: (await own()).id } }),
    },
    {
      name: 'POST /api/v1/accounts with an ownerId of org A',
      prepare: async () => ({ method: 'POST', url: '/api/v1/accounts', body: { name: 'Cross Owner', ownerId: await records.userId('kam1') } }),
    },
    {
      name: 'PATCH /api/v1/accounts/{id} with a parentId of org A',
      prepare: async () => {
        const mine = await records.accountOfKind('foreign');
        return { method: 'PATCH', url: `/api/v1/accounts/${mine.id}`, body: { parentId: (await own()).id }, headers: { 'if-match': `"${mine.version}"` } };
      },
    },
    {
      name: 'PATCH /api/v1/accounts/{id} with an ownerId of org A',
      prepare: async () => {
        const mine = await records.accountOfKind('foreign');
        return { method: 'PATCH', url: `/api/v1/accounts/${mine.id}`, body: { ownerId: await records.userId('kam1') }, headers: { 'if-match': `"${mine.version}"` } };
      },
    },
    {
      name: 'POST /api/v1/accounts/{id}/team with a userId of org A',
      prepare: async () => ({ method: 'POST', url: `/api/v1/accounts/${(await records.accountOfKind('foreign')).id}/team`, body: { userId: await records.userId('kam1'), role: 'support' } }),
    },
    {
      name: 'POST /api/v1/users with a managerId of org A',
      prepare: async () => ({ method: 'POST', url: '/api/v1/users', body: { email: 'cross-manager@rival.example', name: 'Cross Manager', role: 'kam', managerId: await records.userId('manager') } }),
    },
    {
      name: 'PATCH /api/v1/users/{id} with a managerId of org A',
      prepare: async () => {
        const mine = await records.user('foreign');
        return { method: 'PATCH', url: `/api/v1/users/${mine.id}`, body: { managerId: await records.userId('manager') }, headers: { 'if-match': `"${mine.version}"` } };
      },
    },
    {
      name: 'POST /api/v1/accounts/{id}/contacts with a reportsToId of org A',
      prepare: async () => {
        const mine = await records.accountOfKind('foreign');
        return { method: 'POST', url: `/api/v1/accounts/${mine.id}/contacts`, body: { name: 'Cross Report', reportsToId: (await records.contactOfKind('own')).id } };
      },
    },
    {
      name: 'PATCH /api/v1/accounts/{id}/contacts/{contactId} with a reportsToId of org A',
      prepare: async () => {
        const mine = await records.contactOfKind('foreign');
        const theirs = await records.contactOfKind('own');
        return { method: 'PATCH', url: `/api/v1/accounts/${mine.accountId}/contacts/${mine.id}`, body: { reportsToId: theirs.id }, headers: { 'if-match': `"${mine.version}"` } };
      },
    },
  ];

  it.each(cases)('$name → 400', async ({ prepare }) => {
    const request = await prepare();
    const before = [await snapshot('A'), await snapshot('B')];
    const answer = await (await records.as('rivalAdmin')).request(request.method, request.url, request.body, request.headers);
    expect(answer.status, `${request.method} ${request.url} → ${JSON.stringify(answer.body)?.slice(0, 300)}`).toBe(400);
    expect([await snapshot('A'), await snapshot('B')]).toEqual(before);
  });
});

/** FX rates are keyed by currency and date, not by id: the same key in the other organisation is a different rate. */
describe('FX rates keyed by currency and date stay within their organisation', () => {
  it("org B removing or setting org A's rate key answers for org B only, and org A's rows do not change", async () => {
    const rate = await records.fxRate('A');
    const url = `/api/v1/fx-rates/${rate.currency}/${rate.effectiveOn}`;
    const rival = await records.as('rivalAdmin');
    const before = await snapshot('A');
    const removal = await rival.request('DELETE', url);
    expect(removal.status, JSON.stringify(removal.body)).toBe(404);
    const set = await rival.request('PUT', url, { rate: '0.0950' });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    expect(await snapshot('A')).toEqual(before);
    const inA = await (await records.as('admin')).get(`/api/v1/fx-rates?currency=${rate.currency}&limit=500`);
    const kept = (inA.body.items as { effectiveOn: string; rate: string }[]).find((item) => item.effectiveOn === rate.effectiveOn);
    expect(Number(kept?.rate)).toBe(1.085);
  });
});
