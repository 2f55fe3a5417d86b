import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defectOf, expectedOf, isPerKind, isRecordOperation, matrix, type Cell } from '../security/authorization-matrix.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { CALLER_OF_ROLE, createRecords, PEOPLE, RECORD_KINDS, recipes, ROLES, type Person, type Prepared, type RecordKind, type Records, type Role } from '../support/records.ts';

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

/** Requests of operations that change nothing are prepared once per record kind and shared. */
const shared = new Map<string, Promise<Prepared>>();

async function run({ operation, role, kind }: Case): Promise<{ status: number; body: unknown; request: Prepared }> {
  const recipe = recipes[operation];
  if (!recipe) throw new Error(`No recipe for ${operation} in test/support/records.ts`);
  const caller: Person | null = role === 'anonymous' ? null : CALLER_OF_ROLE[role];
  const subject: Person = caller ?? 'kam1';
  const input = { records, kind, subject, caller };
  let request: Prepared;
  if (recipe.mutates) request = await recipe.prepare(input);
  else {
    const key = `${operation}|${kind}`;
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
