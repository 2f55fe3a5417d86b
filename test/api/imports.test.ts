import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { queryRows } from '../../src/db/connection.ts';
import { putFxRate } from '../../src/modules/fx/service.ts';
import { runImport, type ImportSummary } from '../../src/modules/imports/service.ts';
import type { ImportKind } from '../../src/modules/imports/tables.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { OTHER_ORG_ADMIN } from '../support/fixtures.ts';

let api: TestApi;
let admin: Actor;
let rival: Actor;
beforeAll(async () => {
  api = await createTestApi();
  admin = (await api.as('admin@patron.example')).actor;
  rival = (await api.as(OTHER_ORG_ADMIN)).actor;
});
afterAll(() => api.close());

const csv = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');

const importAs = (actor: Actor, kind: ImportKind, fileName: string, input: Buffer, options: { skipInvalid?: boolean; sheet?: string } = {}): Promise<ImportSummary> =>
  runImport(api.ctx, actor, { kind, fileName, input, ...options });

async function upload(email: string, fields: Record<string, string>, file: { name: string; content: Buffer } | null) {
  const boundary = `----patron${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const token = await tokenOf(email);
  const response = await api.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
    payload: Buffer.concat(parts),
  });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

const tokens = new Map<string, string>();
async function tokenOf(email: string): Promise<string> {
  const known = tokens.get(email);
  if (known) return known;
  const caller = await api.as(email);
  const answer = await caller.post('/api/v1/tokens', { name: `imports ${email}` });
  tokens.set(email, answer.body.token);
  return answer.body.token;
}

async function count(table: string, actor: Actor = admin): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(api.ctx.db, sql`select count(*) as n from ${sql.identifier(table)} where org_id = ${actor.orgId}`);
  return Number(row!.n);
}

describe('account imports', () => {
  it('creates accounts with parents later in the file, owners on the team, and re-imports as unchanged', async () => {
    const file = csv(
      'External ID,name,parent_external_id,Country,currency,stage,ownerEmail,strategicFit,referenceValue,walletEstimate,Notes',
      'ACC-CHILD,Child Co,ACC-PARENT,DE,EUR,onboarding,kam1@patron.example,4,3,125000.50,ignored',
      'ACC-PARENT,Parent Holding,,US,,,,5,,,',
    );
    const summary = await importAs(admin, 'accounts', 'accounts.csv', file);
    expect(summary).toMatchObject({ status: 'applied', rowsRead: 2, created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(summary.warnings).toEqual(['Unknown column ignored: Notes']);
    const kam = await api.as('kam1@patron.example');
    const list = await kam.get('/api/v1/accounts?q=Child%20Co');
    const child = list.body.items.find((a: any) => a.externalId === 'ACC-CHILD');
    expect(child).toMatchObject({ name: 'Child Co', parentName: 'Parent Holding', country: 'DE', currency: 'EUR', stage: 'onboarding', strategicFit: 4, referenceValue: 3, walletEstimate: '125000.50', ownerId: kam.actor.userId });
    const team = await kam.get(`/api/v1/accounts/${child.id}/team`);
    expect(team.body.items).toEqual([expect.objectContaining({ userId: kam.actor.userId, role: 'owner' })]);
    const again = await importAs(admin, 'accounts', 'accounts.csv', file);
    expect(again).toMatchObject({ status: 'applied', created: 0, updated: 0, unchanged: 2 });
    const changed = await importAs(admin, 'accounts', 'accounts.csv', csv('externalId,name,stage', 'ACC-CHILD,Child Co,at_risk'));
    expect(changed).toMatchObject({ status: 'applied', created: 0, updated: 1, unchanged: 0 });
    expect((await kam.get(`/api/v1/accounts/${child.id}`)).body).toMatchObject({ stage: 'at_risk', version: 2, parentName: 'Parent Holding', walletEstimate: '125000.50' });
  });

  it('rejects the whole file when one row is bad, listing every bad row, and writes nothing', async () => {
    const before = await count('accounts');
    const auditBefore = await count('audit_log');
    const summary = await importAs(admin, 'accounts', 'bad.csv', csv(
      'externalId,name,country,currency,stage,strategicFit,walletEstimate,ownerEmail',
      'BAD-1,Fine Row,DE,EUR,active,1,10.00,',
      'BAD-2,,QQ,XYZ,dormant,7,12.345,nobody@nowhere.example',
      'BAD-1,Duplicate,,,,,,',
      'BAD-3,Wallet too precise,,EUR,,,1.005,',
    ));
    expect(summary.status).toBe('rejected');
    expect(summary).toMatchObject({ rowsRead: 4, rejected: 3, created: 0, updated: 0, unchanged: 0 });
    expect(summary.errors).toEqual(expect.arrayContaining([
      { row: 3, column: 'name', value: '', message: 'is required' },
      expect.objectContaining({ row: 3, column: 'country', value: 'QQ' }),
      expect.objectContaining({ row: 3, column: 'currency', value: 'XYZ' }),
      expect.objectContaining({ row: 3, column: 'stage', value: 'dormant' }),
      expect.objectContaining({ row: 3, column: 'strategicFit', value: '7' }),
      expect.objectContaining({ row: 4, column: 'externalId', value: 'BAD-1' }),
      expect.objectContaining({ row: 5, column: 'walletEstimate', value: '1.005' }),
    ]));
    expect(await count('accounts')).toBe(before);
    expect(await count('audit_log')).toBe(auditBefore);
    const runs = await (await api.as('admin@patron.example')).get(`/api/v1/imports/${summary.id}`);
    expect(runs.body).toMatchObject({ status: 'rejected', rejected: 3 });
  });

  it('refuses hierarchy cycles and unknown parents', async () => {
    const summary = await importAs(admin, 'accounts', 'cycle.csv', csv(
      'externalId,name,parentExternalId',
      'CYC-A,A,CYC-B',
      'CYC-B,B,CYC-A',
      'CYC-C,C,NOWHERE',
      'CYC-D,D,CYC-C',
    ));
    expect(summary.status).toBe('rejected');
    expect(summary.errors.map((e) => [e.row, e.column])).toEqual(expect.arrayContaining([[2, 'parentExternalId'], [3, 'parentExternalId'], [4, 'parentExternalId'], [5, 'parentExternalId']]));
  });
});

describe('contact and product imports', () => {
  it('imports contacts with reporting lines to earlier rows and stored contacts, refusing unknown and foreign accounts', async () => {
    await importAs(admin, 'accounts', 'a.csv', csv('externalId,name', 'CT-ACC,Contact Holder', 'CT-OTHER,Other Holder'));
    await importAs(rival, 'accounts', 'rival.csv', csv('externalId,name', 'RIVAL-ACC,Rival account'));
    const summary = await importAs(admin, 'contacts', 'contacts.csv', csv(
      'externalId,accountExternalId,name,title,email,buyingRole,reportsToExternalId,relationshipStrength',
      'CT-1,CT-ACC,Boss Person,CEO,boss@holder.example,economic_buyer,,2',
      'CT-2,CT-ACC,Report Person,Buyer,report@holder.example,user,CT-1,-1',
    ));
    expect(summary).toMatchObject({ status: 'applied', created: 2, rejected: 0 });
    const bad = await importAs(admin, 'contacts', 'contacts.csv', csv(
      'externalId,accountExternalId,name,email,reportsToExternalId,relationshipStrength',
      'CT-3,RIVAL-ACC,Foreign,,,',
      'CT-4,CT-OTHER,Wrong manager,,CT-1,',
      'CT-5,CT-ACC,Later manager,,CT-6,',
      'CT-6,CT-ACC,Bad strength,bad@,,3',
    ));
    expect(bad.status).toBe('rejected');
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([[2, 'accountExternalId'], [3, 'reportsToExternalId'], [4, 'reportsToExternalId'], [5, 'email'], [5, 'relationshipStrength']]);
    const again = await importAs(admin, 'contacts', 'contacts.csv', csv(
      'externalId,accountExternalId,name,title,email,buyingRole,reportsToExternalId,relationshipStrength',
      'CT-1,CT-ACC,Boss Person,CEO,boss@holder.example,economic_buyer,,2',
      'CT-2,CT-ACC,Report Person,Buyer,report@holder.example,user,CT-1,-1',
    ));
    expect(again).toMatchObject({ status: 'applied', created: 0, updated: 0, unchanged: 2 });
  });

  it('imports products, defaulting the currency, and writes the good rows with skipInvalid', async () => {
    const before = await count('products');
    const summary = await importAs(admin, 'products', 'products.csv', csv(
      'sku,name,family,listPrice,unitCost,currency',
      'P-1,Pump,Pumps,1299.00,710.50,',
      'P-2,Valve,Valves,12.999,,EUR',
      'P-3,Hose,Hoses,5,2,JPY',
    ), { skipInvalid: true });
    expect(summary).toMatchObject({ status: 'applied', rowsRead: 3, created: 2, rejected: 1 });
    expect(summary.errors).toEqual([{ row: 3, column: 'listPrice', value: '12.999', message: 'has more than 2 decimal places for EUR' }]);
    expect(await count('products')).toBe(before + 2);
    const [pump] = await queryRows<{ currency: string; list_price: string }>(api.ctx.db, sql`select currency, list_price::text from products where org_id = ${admin.orgId} and sku = 'P-1'`);
    expect(pump).toEqual({ currency: 'USD', list_price: '129900' });
  });
});

describe('file formats and bad files', () => {
  it('reads semicolon CSV with a BOM and an .xlsx sheet by name', async () => {
    const semicolon = Buffer.from('\uFEFFexternal_id;Name;Wallet Estimate\r\nFMT-1;"Semi; Colon AG";1000.10\r\n', 'utf8');
    expect(await importAs(admin, 'accounts', 'semi.csv', semicolon)).toMatchObject({ status: 'applied', created: 1 });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Readme').addRow(['This sheet explains the file']);
    const sheet = workbook.addWorksheet('Accounts');
    sheet.addRow(['externalId', 'name', 'strategicFit', 'walletEstimate']);
    sheet.addRow(['FMT-2', 'Excel GmbH', 3, 2500.5]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await importAs(admin, 'accounts', 'book.xlsx', xlsx, { sheet: 'Accounts' })).toMatchObject({ status: 'applied', created: 1 });
    const [row] = await queryRows<{ strategic_fit: number; wallet_estimate: string }>(api.ctx.db, sql`select strategic_fit, wallet_estimate::text from accounts where org_id = ${admin.orgId} and external_id = 'FMT-2'`);
    expect(row).toEqual({ strategic_fit: 3, wallet_estimate: '250050' });
    const firstSheet = await importAs(admin, 'accounts', 'book.xlsx', xlsx);
    expect(firstSheet.status).toBe('rejected');
    expect(firstSheet.errors[0]).toMatchObject({ row: 1, column: 'externalId', message: expect.stringContaining('required column externalId is missing') });
  });

  it('rejects missing columns, broken quoting, wrong encodings and empty files with clear messages, writing nothing', async () => {
    const before = await count('accounts');
    const missing = await importAs(admin, 'accounts', 'm.csv', csv('externalId,title', 'X,Y'));
    expect(missing).toMatchObject({ status: 'rejected', rowsRead: 0 });
    expect(missing.errors).toEqual([expect.objectContaining({ row: 1, column: 'name', message: expect.stringContaining('required column name is missing') })]);
    const quoting = await importAs(admin, 'accounts', 'q.csv', csv('externalId,name', 'Q-1,Fine', 'Q-2,"Broken"quote', 'Q-3,Fine too'));
    expect(quoting).toMatchObject({ status: 'rejected', rowsRead: 3, rejected: 1 });
    expect(quoting.errors).toEqual([expect.objectContaining({ row: 3, message: expect.stringContaining('broken quoting on line 3') })]);
    const unclosed = await importAs(admin, 'accounts', 'u.csv', csv('externalId,name', 'U-1,"never closed', 'U-2,x'), { skipInvalid: true });
    expect(unclosed.status).toBe('rejected');
    expect(unclosed.errors[0]!.message).toMatch(/never closed/);
    const latin1 = Buffer.concat([Buffer.from('externalId,name\nL-1,'), Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), Buffer.from('\n')]);
    const encoding = await importAs(admin, 'accounts', 'latin1.csv', latin1);
    expect(encoding.status).toBe('rejected');
    expect(encoding.errors[0]!.message).toMatch(/not UTF-8 text \(line 2/);
    expect((await importAs(admin, 'accounts', 'empty.csv', Buffer.alloc(0))).errors[0]!.message).toMatch(/empty/);
    expect(await count('accounts')).toBe(before);
  });
});

describe('the imports API', () => {
  it('imports through multipart, answers 422 with the summary when rejected, and lists the runs newest first', async () => {
    const applied = await upload('manager@patron.example', { kind: 'accounts' }, { name: 'http.csv', content: csv('externalId,name', 'HTTP-1,Over HTTP') });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ kind: 'accounts', fileName: 'http.csv', status: 'applied', created: 1 });
    const rejected = await upload('admin@patron.example', { kind: 'accounts', skipInvalid: 'false' }, { name: 'bad.csv', content: csv('externalId,name,stage', 'HTTP-2,Bad stage,sleeping') });
    expect(rejected.status).toBe(422);
    expect(rejected.headers['content-type']).toContain('application/problem+json');
    expect(rejected.body).toMatchObject({ type: '/problems/unprocessable', status: 422, summary: { status: 'rejected', rejected: 1, errors: [{ row: 2, column: 'stage', value: 'sleeping' }] } });
    const big = Buffer.concat([Buffer.from('externalId,title\r\n'), Buffer.alloc(3 * 1024 * 1024, 'X-1,some title\r\n')]);
    const missingColumn = await upload('admin@patron.example', { kind: 'accounts' }, { name: 'big.csv', content: big });
    expect(missingColumn.status).toBe(422);
    expect(missingColumn.body.summary.errors[0]).toMatchObject({ row: 1, column: 'name' });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['externalId', 'title']);
    for (let i = 0; i < 20_000; i += 1) sheet.addRow([`XL-${i}`, 'a title that makes the file larger']);
    const xlsx = await upload('admin@patron.example', { kind: 'accounts' }, { name: 'big.xlsx', content: Buffer.from(await workbook.xlsx.writeBuffer()) });
    expect(xlsx.status).toBe(422);
    expect(xlsx.body.summary.errors[0]).toMatchObject({ row: 1, column: 'name' });
    const skipped = await upload('admin@patron.example', { kind: 'accounts', skipInvalid: 'true' }, { name: 'bad.csv', content: csv('externalId,name,stage', 'HTTP-2,Bad stage,sleeping', 'HTTP-3,Good,active') });
    expect(skipped.body).toMatchObject({ status: 'applied', created: 1, rejected: 1 });
    const admin = await api.as('admin@patron.example');
    const runs = await admin.get('/api/v1/imports?limit=2');
    expect(runs.status).toBe(200);
    expect(runs.body.items.map((r: any) => r.id)).toEqual([skipped.body.id, xlsx.body.summary.id]);
    expect(runs.body.items[1]).toMatchObject({ status: 'rejected', errors: [], createdBy: admin.actor.userId });
    const older = await admin.get(`/api/v1/imports?limit=2&cursor=${runs.body.nextCursor}`);
    expect(older.body.items.map((r: any) => r.id)).toEqual([missingColumn.body.summary.id, rejected.body.summary.id]);
    const next = await admin.get(`/api/v1/imports?limit=1&cursor=${older.body.nextCursor}`);
    expect(next.body.items[0].id).toBe(applied.body.id);
    const one = await admin.get(`/api/v1/imports/${rejected.body.summary.id}`);
    expect(one.body.errors).toHaveLength(1);
    const audit = await admin.get(`/api/v1/audit?entity=import&entityId=${applied.body.id}`);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'import', entity: 'import' })]);
  });

  it('refuses other roles, bad requests and other organisations', async () => {
    expect((await upload('kam1@patron.example', { kind: 'accounts' }, { name: 'a.csv', content: csv('externalId,name', 'K-1,K') })).status).toBe(403);
    expect((await upload('viewer@patron.example', { kind: 'accounts' }, { name: 'a.csv', content: csv('externalId,name', 'K-1,K') })).status).toBe(403);
    expect((await (await api.as('kam1@patron.example')).get('/api/v1/imports')).status).toBe(403);
    const noKind = await upload('admin@patron.example', {}, { name: 'a.csv', content: csv('externalId,name', 'K-1,K') });
    expect(noKind.status).toBe(400);
    expect(noKind.body.errors).toEqual([expect.objectContaining({ path: 'kind' })]);
    expect((await upload('admin@patron.example', { kind: 'accounts' }, null)).status).toBe(400);
    expect((await upload('admin@patron.example', { kind: 'accounts' }, { name: 'a.pdf', content: Buffer.from('%PDF') })).status).toBe(400);
    const json = await (await api.as('admin@patron.example')).post('/api/v1/imports', { kind: 'accounts' });
    expect(json.status).toBe(415);
    const mine = await importAs(admin, 'accounts', 'mine.csv', csv('externalId,name', 'MINE-1,Mine'));
    expect((await (await api.as(OTHER_ORG_ADMIN)).get(`/api/v1/imports/${mine.id}`)).status).toBe(404);
    const theirs = await importAs(rival, 'contacts', 'c.csv', csv('externalId,accountExternalId,name', 'RC-1,MINE-1,Spy'));
    expect(theirs.errors).toEqual([expect.objectContaining({ row: 2, column: 'accountExternalId', value: 'MINE-1' })]);
  });

  it('lets a manager change only the accounts their team can see', async () => {
    const manager = (await api.as('manager@patron.example')).actor;
    await importAs(admin, 'accounts', 'vis.csv', csv('externalId,name,ownerEmail', 'VIS-ADMIN,Admin owned,admin@patron.example', 'VIS-KAM,Kam owned,kam2@patron.example'));
    const change = await importAs(manager, 'accounts', 'vis.csv', csv('externalId,name', 'VIS-ADMIN,Renamed', 'VIS-KAM,Renamed too'));
    expect(change.status).toBe('rejected');
    expect(change.errors).toEqual([expect.objectContaining({ row: 2, column: 'externalId', value: 'VIS-ADMIN' })]);
    const lines = await importAs(manager, 'transactions', 'vis.csv', csv('externalId,accountExternalId,bookedOn,amount', 'VIS-T1,VIS-KAM,2026-05-01,10.00', 'VIS-T2,VIS-ADMIN,2026-05-01,10.00'), { skipInvalid: true });
    expect(lines).toMatchObject({ status: 'applied', created: 1, rejected: 1 });
    expect(lines.errors).toEqual([expect.objectContaining({ row: 3, column: 'accountExternalId', value: 'VIS-ADMIN' })]);
  });

  it('serves templates whose header imports as-is, and documents everything in /openapi.json', async () => {
    const admin = await api.as('admin@patron.example');
    for (const kind of ['accounts', 'contacts', 'products', 'transactions']) {
      const template = await admin.get(`/api/v1/imports/templates/${kind}.csv`);
      expect(template.status).toBe(200);
      expect(template.headers['content-type']).toContain('text/csv');
      expect(String(template.body).split('\r\n')).toHaveLength(3);
    }
    expect((await admin.get('/api/v1/imports/templates/widgets.csv')).status).toBe(404);
    const product = await admin.get('/api/v1/imports/templates/products.csv');
    expect(await importAs(admin.actor, 'products', 'template.csv', Buffer.from(product.body))).toMatchObject({ status: 'applied', created: 1 });
    const doc = (await api.anonymous.request('GET', '/openapi.json')).body;
    const post = doc.paths['/api/v1/imports'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(post.responses['422']).toBeDefined();
    expect(doc.paths['/api/v1/imports/{id}']).toBeDefined();
    expect(doc.paths['/api/v1/imports/templates/{file}']).toBeDefined();
  });
});

describe('transaction imports', () => {
  beforeAll(async () => {
    await importAs(admin, 'accounts', 'tx-accounts.csv', csv('externalId,name,currency', 'TX-USD,Dollar Buyer,USD', 'TX-EUR,Euro Buyer,EUR'));
    await importAs(admin, 'products', 'tx-products.csv', csv('sku,name,family', 'TX-P1,Widget,Widgets', 'TX-P2,Gadget,Gadgets'));
    await putFxRate(api.ctx, admin, { currency: 'EUR', effectiveOn: '2026-01-01' }, { rate: '1.1000' });
  });

  const lines = [
    'externalId,accountExternalId,productSku,bookedOn,quantity,amount,cost,currency',
    'TX-1,TX-USD,TX-P1,2026-01-15,2,200.00,120.00,',
    'TX-2,TX-USD,TX-P2,2026-01-20,1,50.50,,',
    'TX-3,TX-EUR,TX-P1,2026-02-03,3,300.00,100.00,',
    'TX-4,TX-EUR,,2026-02-10,-1,-100.00,-40.00,EUR',
    'TX-5,TX-USD,TX-P1,2026-03-01,,99.99,10,USD',
  ];

  it('imports lines in the account currency converted at the FX rate, and rollups equal a GROUP BY of the lines', async () => {
    const summary = await importAs(admin, 'transactions', 'lines.csv', csv(...lines));
    expect(summary).toMatchObject({ status: 'applied', rowsRead: 5, created: 5, updated: 0, unchanged: 0, rejected: 0 });
    const [eur] = await queryRows<{ currency: string; amount: string; amount_org: string; family: string | null; quantity: string }>(api.ctx.db, sql`
      select currency, amount::text, amount_org::text, family, quantity::text from transactions where org_id = ${admin.orgId} and external_id = 'TX-3'`);
    expect(eur).toEqual({ currency: 'EUR', amount: '30000', amount_org: '33000', family: 'Widgets', quantity: '3.0000' });
    const grouped = await queryRows<{ account_id: string; month: string; revenue: string; cost: string; lines: number }>(api.ctx.db, sql`
      select account_id, to_char(date_trunc('month', booked_on), 'YYYY-MM-DD') as month, sum(amount_org)::text as revenue, sum(cost_org)::text as cost, count(*)::int as lines
      from transactions where org_id = ${admin.orgId} group by 1, 2 order by 1, 2`);
    const rollups = await queryRows<{ account_id: string; month: string; revenue: string; cost: string; lines: number }>(api.ctx.db, sql`
      select account_id, to_char(month, 'YYYY-MM-DD') as month, revenue::text, cost::text, lines from account_monthly where org_id = ${admin.orgId} order by 1, 2`);
    expect(rollups).toEqual(grouped);
    expect(grouped.length).toBeGreaterThanOrEqual(3);
    const byFamily = await queryRows(api.ctx.db, sql`
      select account_id, coalesce(family, '') as family, to_char(date_trunc('month', booked_on), 'YYYY-MM-DD') as month, sum(amount_org)::text as revenue, count(*)::int as lines
      from transactions where org_id = ${admin.orgId} group by 1, 2, 3 order by 1, 2, 3`);
    expect(await queryRows(api.ctx.db, sql`
      select account_id, family, to_char(month, 'YYYY-MM-DD') as month, revenue::text, lines from account_family_monthly where org_id = ${admin.orgId} order by 1, 2, 3`)).toEqual(byFamily);
    const again = await importAs(admin, 'transactions', 'lines.csv', csv(...lines));
    expect(again).toMatchObject({ status: 'applied', created: 0, updated: 0, unchanged: 5 });
    expect(await queryRows(api.ctx.db, sql`select account_id, to_char(month, 'YYYY-MM-DD') as month, revenue::text, cost::text, lines from account_monthly where org_id = ${admin.orgId} order by 1, 2`)).toEqual(rollups);
  });

  it('rejects the file for bad dates, money, references, duplicates, quantities and missing FX rates, listing every row', async () => {
    const before = { lines: await count('transactions'), rollups: await count('account_monthly'), runs: await count('import_runs') };
    const summary = await importAs(admin, 'transactions', 'bad-lines.csv', csv(
      'externalId,accountExternalId,productSku,bookedOn,quantity,amount,cost,currency',
      'TXB-1,TX-USD,,2026-02-30,1,10.00,,',
      'TXB-2,TX-USD,,2026-02-01,1,10.001,,',
      'TXB-3,NOPE,,2026-02-01,1,10.00,,',
      'TXB-4,TX-USD,NO-SKU,2026-02-01,1,10.00,,',
      'TXB-5,TX-USD,,2026-02-01,-2,10.00,,',
      'TXB-6,TX-USD,,2026-02-01,1,"1,000.00",,',
      'TXB-7,TX-EUR,,2025-12-31,1,10.00,,',
      'TXB-8,TX-USD,,2026-02-01,1,5,,JPY',
      'TXB-1,TX-USD,,2026-02-01,1,10.00,,',
      'TXB-9,TX-USD,,2026-02-01,1,10.00,,',
      'TXB-10,RIVAL-ACC,,2026-02-01,1,10.00,,',
    ));
    expect(summary).toMatchObject({ status: 'rejected', rowsRead: 11, rejected: 10, created: 0 });
    expect(summary.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'bookedOn'], [3, 'amount'], [4, 'accountExternalId'], [5, 'productSku'], [6, 'quantity'], [7, 'amount'],
      [8, 'accountExternalId'], [9, 'currency'], [10, 'externalId'], [12, 'accountExternalId'],
    ]);
    expect(summary.errors.find((e) => e.row === 2)!.message).toBe('is not a real calendar date');
    expect(summary.errors.find((e) => e.row === 8)!.message).toMatch(/No FX rate for EUR/);
    expect({ lines: await count('transactions'), rollups: await count('account_monthly'), runs: await count('import_runs') }).toEqual({ ...before, runs: before.runs + 1 });
  });

  it('writes only the valid lines with skipInvalid, and caps the listed errors', async () => {
    const before = await count('transactions');
    const rows = ['externalId,accountExternalId,bookedOn,amount', 'TXS-OK,TX-USD,2026-04-01,1.00'];
    for (let i = 0; i < 1005; i += 1) rows.push(`TXS-${i},TX-USD,2026-13-01,1.00`);
    const summary = await importAs(admin, 'transactions', 'mixed.csv', csv(...rows), { skipInvalid: true });
    expect(summary).toMatchObject({ status: 'applied', rowsRead: 1006, created: 1, rejected: 1005, errorsNotListed: 5 });
    expect(summary.errors).toHaveLength(1000);
    expect(await count('transactions')).toBe(before + 1);
  });
});
