import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { defectOf, isPerKind, isRecordOperation, matrix } from '../security/authorization-matrix.ts';
import { createRecords, recipes, type Org, type Person, type RecordKind, type Records } from '../support/records.ts';

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

/** Every table with an org_id, as one sorted list of JSON rows per table, plus the organisation row. */
async function snapshot(org: Org): Promise<Record<string, string[]>> {
  const orgId = orgIds[org]!;
  const tables = await queryRows<{ table_name: string }>(
    api.ctx.db,
    sql`select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'org_id' order by table_name`,
  );
  const result: Record<string, string[]> = {};
  for (const { table_name: table } of tables) {
    const rows = await queryRows<{ row: unknown }>(api.ctx.db, sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where t.org_id = ${orgId}`);
    result[table] = rows.map((r) => JSON.stringify(r.row)).sort();
  }
  const organisation = await queryRows<{ row: unknown }>(api.ctx.db, sql`select to_jsonb(o) as row from organisations o where o.id = ${orgId}`);
  result.organisations = organisation.map((r) => JSON.stringify(r.row));
  return result;
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
