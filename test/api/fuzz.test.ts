import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { isRecordOperation } from '../security/authorization-matrix.ts';
import { createTestApi, type Answer } from '../support/api.ts';
import { badPathValues, HOSTILE_STRINGS, invalidBodies, random, resolver, validValue, type Random, type Schema } from '../support/fuzz.ts';
import { createRecords, multipart, recipes, type Prepared } from '../support/records.ts';

/**
 * Fuzzing every operation of the OpenAPI document (issue 8). Each operation gets its valid request
 * from its recipe (test/support/records.ts), then variants generated from its schemas:
 *   must fail — one rule broken (wrong type, out of range, too long, missing or unknown field, a
 *               shape that is no object, malformed JSON, a wrong content type, an id that is unknown,
 *               of the other organisation or no id at all, a missing or stale If-Match): a 4xx, and
 *               stored data unchanged (every table compared before and after);
 *   may pass  — valid, boundary and hostile values (SQL and script fragments, Unicode, control
 *               characters), query strings: never a 5xx.
 * Always: a 4xx is problem+json with its status; a 2xx JSON body matches the response schema.
 *
 * PATRON_FUZZ_SEED (default fixed, so CI is repeatable) and PATRON_FUZZ_REQUESTS (the total; default
 * 20,000) change the run: `PATRON_FUZZ_SEED=$RANDOM PATRON_FUZZ_REQUESTS=200000 npx vitest run test/api/fuzz.test.ts`.
 * A failure message names the seed, the operation and the variant.
 */

const SEED = Number(process.env.PATRON_FUZZ_SEED ?? 20261123);
const TOTAL_REQUESTS = Number(process.env.PATRON_FUZZ_REQUESTS ?? 20_000);
/**
 * Tables that a refused request may change by design: token last-use stamps, sessions, login
 * throttling, and stored health, a cache that any read of an account's health refreshes.
 */
const BOOKKEEPING_TABLES = ['api_tokens', 'sessions', 'login_failures', 'account_health'];

const api = await createTestApi();
const records = createRecords(api);
afterAll(() => api.close());

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

await api.app.ready();
const document = api.app.swagger() as unknown as { paths: Record<string, Record<string, OpenApiOperation>>; components: { schemas: Record<string, Schema> } };
const resolve = resolver(document.components.schemas);
const operations = Object.entries(document.paths)
  .flatMap(([path, item]) => Object.entries(item).filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method)).map(([method, spec]) => ({ name: `${method.toUpperCase()} ${path}`, method: method.toUpperCase() as Prepared['method'], path, spec })))
  .sort((a, b) => a.name.localeCompare(b.name));
const perOperation = Math.max(20, Math.floor(TOTAL_REQUESTS / operations.length));

const ajv = addFormats.default(new Ajv({ strict: false, allErrors: false, validateFormats: true }));
const responseValidators = new Map<string, ValidateFunction>();
function responseValidator(operation: (typeof operations)[number], status: number): ValidateFunction | null {
  const schema = operation.spec.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) return null;
  const key = `${operation.name} ${status}`;
  if (!responseValidators.has(key)) responseValidators.set(key, ajv.compile({ ...schema, components: document.components }));
  return responseValidators.get(key)!;
}

/** Every table's rows (but the bookkeeping tables) as one digest per table, in one snapshot. */
let tableNames: Promise<string[]> | null = null;
const timing = { digest: 0, send: 0, prepare: 0 };
async function digest(): Promise<Record<string, string>> {
  const started = performance.now();
  try {
    return await digestNow();
  } finally {
    timing.digest += performance.now() - started;
  }
}
async function digestNow(): Promise<Record<string, string>> {
  tableNames ??= queryRows<{ name: string }>(api.ctx.db, sql`select relname::text as name from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r' order by 1`).then((rows) =>
    rows.map((row) => row.name).filter((name) => !BOOKKEEPING_TABLES.includes(name)),
  );
  const parts = (await tableNames).map((table) => sql`select ${table}::text as name, count(*)::text || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql.identifier(table)} t`);
  const rows = await queryRows<{ name: string; digest: string }>(api.ctx.db, sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

interface Variant {
  what: string;
  request: Prepared;
  /** The body as sent, when it is not JSON of `request.body` (malformed JSON, another content type). */
  raw?: string;
  mustFail: boolean;
}

let sent = 0;
let foreignAccountId: Promise<string> | null = null;

async function send(variant: Variant): Promise<Answer> {
  const admin = await records.as('admin');
  sent += 1;
  const { request } = variant;
  const started = performance.now();
  try {
    return await admin.request(request.method, request.url, variant.raw ?? request.body, request.headers);
  } finally {
    timing.send += performance.now() - started;
  }
}

function check(operation: (typeof operations)[number], variant: Variant, answer: Answer): string[] {
  const where = `seed ${SEED} · ${operation.name} · ${variant.what} → ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 200)}`;
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`5xx: ${where}`);
  if (variant.mustFail && answer.status < 400) problems.push(`accepted what it must refuse: ${where}`);
  if (answer.status >= 400) {
    if (!String(answer.headers['content-type']).startsWith('application/problem+json')) problems.push(`not problem+json: ${where}`);
    const body = answer.body as { type?: unknown; title?: unknown; status?: unknown };
    if (typeof body?.type !== 'string' || typeof body?.title !== 'string' || body?.status !== answer.status) problems.push(`problem body malformed: ${where}`);
  } else if (String(answer.headers['content-type']).startsWith('application/json')) {
    const validate = responseValidator(operation, answer.status);
    if (validate && !validate(answer.body)) problems.push(`response does not match its schema (${ajv.errorsText(validate.errors)}): ${where}`);
  }
  return problems;
}

const hash = (text: string): number => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, SEED);

function withPath(request: Prepared, operation: (typeof operations)[number], parameter: string, value: string): Prepared {
  // The recipe's URL holds the real values: put the bad one where the template has the parameter.
  const template = operation.path.split('/');
  const actual = request.url.split('?')[0]!.split('/');
  const index = template.indexOf(`{${parameter}}`);
  actual[index] = value;
  return { ...request, url: actual.join('/') };
}

/** The must-fail variants of an operation: its rules broken one at a time. */
async function mustFailVariants(operation: (typeof operations)[number], base: Prepared, r: Random): Promise<Variant[]> {
  const variants: Variant[] = [];
  const jsonBody = operation.spec.requestBody?.content['application/json']?.schema;
  if (jsonBody) {
    const schema = resolve(jsonBody);
    const valid = (typeof base.body === 'object' && base.body && !Array.isArray(base.body) ? base.body : validValue(schema, r, resolve)) as Record<string, unknown>;
    for (const mutation of invalidBodies(schema, valid, r, resolve)) variants.push({ what: mutation.what, request: { ...base, body: mutation.body }, mustFail: true });
    const deep = `{"deep": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    variants.push({ what: 'JSON nested 20,000 deep', request: { ...base, headers: { ...base.headers, 'content-type': 'application/json' } }, raw: deep, mustFail: true });
    for (const raw of ['{', '{"name": ', '[1, 2', 'nul', '{"a":1}{"b":2}', '\u0000', '{"name": "\\ud800"']) variants.push({ what: `malformed JSON ${JSON.stringify(raw)}`, request: { ...base, headers: { ...base.headers, 'content-type': 'application/json' } }, raw, mustFail: true });
    if (operation.spec.requestBody?.required) {
      for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
        variants.push({ what: `content type ${type}`, request: { ...base, headers: { ...base.headers, 'content-type': type } }, raw: JSON.stringify(base.body ?? {}), mustFail: true });
      }
    }
  }
  foreignAccountId ??= records.accountOfKind('foreign').then((account) => account.id);
  for (const parameter of operation.spec.parameters?.filter((p) => p.in === 'path') ?? []) {
    for (const bad of badPathValues(r, await foreignAccountId)) {
      variants.push({ what: `{${parameter.name}} ${bad.what}`, request: withPath(base, operation, parameter.name, bad.value), mustFail: true });
    }
  }
  if (base.headers?.['if-match']) {
    const { 'if-match': _current, ...others } = base.headers;
    variants.push({ what: 'no If-Match', request: { ...base, headers: others }, mustFail: true });
    for (const value of ['"999999"', '"0"', '"-1"', 'garbage', '"1.5"', `"${'9'.repeat(40)}"`, 'W/"999999"']) variants.push({ what: `If-Match ${value}`, request: { ...base, headers: { ...others, 'if-match': value } }, mustFail: true });
  }
  return variants;
}

/** The may-pass variants: valid, boundary and hostile values for the body and the query string. */
function mayPassVariant(operation: (typeof operations)[number], base: Prepared, r: Random): Variant {
  const jsonBody = operation.spec.requestBody?.content['application/json']?.schema;
  const query = operation.spec.parameters?.filter((p) => p.in === 'query') ?? [];
  if (jsonBody && (query.length === 0 || r.chance(0.8))) {
    const schema = resolve(jsonBody);
    const style = r.pick(['valid', 'boundary', 'hostile'] as const);
    let body = validValue(schema, r, resolve, style === 'boundary') as Record<string, unknown>;
    if (style === 'hostile' && body && typeof body === 'object') {
      const strings = Object.entries(schema.properties ?? {}).filter(([, p]) => JSON.stringify(resolve(p)).includes('"string"'));
      if (strings.length) body = { ...body, [r.pick(strings)[0]]: r.pick(HOSTILE_STRINGS) };
    }
    return { what: `${style} body ${JSON.stringify(body).slice(0, 120)}`, request: { ...base, body }, mustFail: false };
  }
  if (query.length > 0) {
    const params = new URLSearchParams();
    for (const parameter of query) {
      if (!r.chance(0.5)) continue;
      const schema = resolve(parameter.schema ?? {});
      const value = r.chance(0.6) ? validValue(schema, r, resolve, r.chance(0.3)) : r.pick([...HOSTILE_STRINGS, '-1', '99999999999999999999', 'a'.repeat(3000), r.uuid()]);
      params.append(parameter.name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    if (r.chance(0.1)) params.append(r.pick(['unknown', 'limit', 'cursor']), r.pick(HOSTILE_STRINGS));
    const url = `${base.url.split('?')[0]}?${params}`;
    return { what: `query ${url.slice(0, 160)}`, request: { ...base, url }, mustFail: false };
  }
  return { what: 'the recipe as is', request: base, mustFail: false };
}

async function fuzz(operation: (typeof operations)[number]): Promise<string[]> {
  const recipe = recipes[operation.name];
  if (!recipe) return [`${operation.name} has no recipe in test/support/records.ts`];
  const r = random(hash(operation.name));
  const preparing = performance.now();
  const base = await recipe.prepare({ records, kind: isRecordOperation(operation.name) ? 'own' : null, subject: 'kam1', caller: 'admin' });
  timing.prepare += performance.now() - preparing;
  const writes = operation.method !== 'GET';
  const problems: string[] = [];

  const mustFail = await mustFailVariants(operation, base, r);
  const before = writes ? await digest() : null;
  for (const variant of mustFail) problems.push(...check(operation, variant, await send(variant)));
  // The tables after the refused requests are the starting point of the ones that may pass.
  const mayPassBefore = before ? await digest() : null;
  if (before && mayPassBefore) {
    const changed = Object.keys(before).filter((table) => before[table] !== mayPassBefore[table]);
    if (changed.length) problems.push(`seed ${SEED} · ${operation.name}: refused requests changed ${changed.join(', ')}`);
  }

  let succeeded = false;
  for (let i = mustFail.length; i < perOperation; i += 1) {
    const variant = mayPassVariant(operation, base, r);
    const answer = await send(variant);
    if (answer.status < 300) succeeded = true;
    problems.push(...check(operation, variant, answer));
  }
  if (mayPassBefore && !succeeded) {
    const after = await digest();
    const changed = Object.keys(mayPassBefore).filter((table) => mayPassBefore[table] !== after[table]);
    if (changed.length) problems.push(`seed ${SEED} · ${operation.name}: requests that all failed changed ${changed.join(', ')}`);
  }
  return problems;
}

describe(`fuzzing every operation of the OpenAPI document (seed ${SEED}, ${perOperation} requests each)`, { timeout: 180_000 }, () => {
  it.each(operations.map((operation) => [operation.name, operation] as const))('%s', async (_name, operation) => {
    expect(await fuzz(operation)).toEqual([]);
  });
});

/** CSV and .xlsx files for POST /imports: broken encodings, shapes and values; all rows or none. */
describe('fuzzing imports', { timeout: 180_000 }, () => {
  const kinds = ['accounts', 'contacts', 'products', 'transactions'];
  const columns: Record<string, string[]> = {
    accounts: ['externalId', 'name', 'stage', 'currency', 'country', 'parentExternalId', 'ownerEmail', 'walletEstimate'],
    contacts: ['externalId', 'accountExternalId', 'name', 'email', 'title', 'buyingRole'],
    products: ['sku', 'name', 'family', 'listPrice', 'unitCost'],
    transactions: ['externalId', 'accountExternalId', 'sku', 'bookedOn', 'amount', 'cost', 'currency', 'quantity'],
  };
  const cell = (r: Random): string =>
    r.pick([
      () => r.pick(HOSTILE_STRINGS),
      () => String(r.int(-1e6, 1e6)),
      () => `${r.int(1, 9999)}.${r.int(0, 99)}`,
      () => `"${r.pick(HOSTILE_STRINGS).replaceAll('"', '""')}"`,
      () => `FUZZ-${r.int(0, 50)}`,
      () => '',
      () => 'x'.repeat(r.int(100, 5000)),
      () => `20${r.int(0, 99)}-${r.int(0, 14)}-${r.int(0, 40)}`,
      () => r.pick(['EUR', 'USD', 'SEK', 'XXX', 'eur']),
      () => r.pick(['active', 'prospect', 'churned', 'ACTIVE']),
    ])();
  function file(r: Random): { name: string; content: string; what: string } {
    const kind = r.pick(kinds);
    const shape = r.pick(['csv', 'semicolons', 'bom', 'ragged', 'no header', 'binary', 'xlsx junk', 'empty', 'header only'] as const);
    const header = [...columns[kind]!].filter(() => r.chance(0.8));
    const rows = Array.from({ length: r.int(1, 30) }, () => header.map(() => cell(r)));
    const separator = shape === 'semicolons' ? ';' : ',';
    let content = [header.join(separator), ...rows.map((row) => (shape === 'ragged' ? row.slice(0, r.int(0, row.length)) : row).join(separator))].join('\n');
    if (shape === 'bom') content = `\uFEFF${content}`;
    if (shape === 'no header') content = rows.map((row) => row.join(',')).join('\n');
    if (shape === 'binary') content = Array.from({ length: 400 }, () => String.fromCharCode(r.int(0, 255))).join('');
    if (shape === 'xlsx junk') content = `PK\u0003\u0004${Array.from({ length: 300 }, () => String.fromCharCode(r.int(0, 255))).join('')}`;
    if (shape === 'empty') content = '';
    if (shape === 'header only') content = header.join(',');
    return { name: `${kind}.${shape === 'xlsx junk' ? 'xlsx' : 'csv'}`, content, what: `${kind} ${shape}` };
  }

  it('never answers 5xx; a refused file changes nothing', async () => {
    const r = random(SEED);
    const operation = operations.find((candidate) => candidate.name === 'POST /api/v1/imports')!;
    const problems: string[] = [];
    // The tables before the next upload: after a refused one, the tables it was checked against.
    let before: Record<string, string> | null = null;
    for (let i = 0; i < Math.max(40, Math.floor(perOperation / 2)); i += 1) {
      const generated = file(r);
      const kind = generated.name.split('.')[0]!;
      const upload = multipart({ kind: r.chance(0.9) ? kind : r.pick(['people', '', 'accounts;drop']), ...(r.chance(0.3) ? { skipInvalid: r.pick(['true', 'false', 'maybe']) } : {}) }, generated);
      const start: Record<string, string> = before ?? (await digest());
      const variant: Variant = { what: generated.what, request: { method: 'POST', url: '/api/v1/imports', body: upload.body, headers: upload.headers }, mustFail: false };
      const answer = await send(variant);
      problems.push(...check(operation, variant, answer));
      before = null;
      if (answer.status >= 400) {
        const after = await digest();
        const changed = Object.keys(start).filter((table) => start[table] !== after[table] && table !== 'import_runs');
        if (changed.length) problems.push(`seed ${SEED} · import ${generated.what} refused with ${answer.status} but changed ${changed.join(', ')}`);
        before = after;
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the fuzzing run', () => {
  it(`sent at least ${Math.min(TOTAL_REQUESTS, 20_000)} requests`, () => {
    // Runs last (vitest keeps the order of tests in a file).
    console.log(`fuzz: ${sent} requests over ${operations.length} operations, seed ${SEED}; ms sending ${Math.round(timing.send)}, comparing tables ${Math.round(timing.digest)}, preparing ${Math.round(timing.prepare)}`);
    expect(sent).toBeGreaterThanOrEqual(Math.min(TOTAL_REQUESTS, 20_000) * 0.95);
  });
});
