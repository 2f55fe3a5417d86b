import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { queryRows } from '../../src/db/connection.ts';
import { contactIdsByExternalIds, importContactsBatch, type ContactImportRow } from '../../src/modules/contacts/service.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { OTHER_ORG_ADMIN, OTHER_ORG_KAM } from '../support/fixtures.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

const KAM = 'kam1@patron.example';

async function createAccount(email: string, name: string): Promise<{ id: string }> {
  const answer = await (await api.as(email)).post('/api/v1/accounts', { name });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function createContact(accountId: string, body: Record<string, unknown>, email = KAM) {
  const answer = await (await api.as(email)).post(`/api/v1/accounts/${accountId}/contacts`, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function countRows(table: 'contacts' | 'audit_log', orgId: string): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(api.ctx.db, sql`select count(*) as n from ${sql.identifier(table)} where org_id = ${orgId}`);
  return Number(row!.n);
}

describe('contacts', () => {
  it('creates, reads, changes and deletes a contact, with ETags and an audit trail', async () => {
    const kam = await api.as(KAM);
    const account = await createAccount(KAM, 'Contact Crud AB');
    const created = await kam.post(`/api/v1/accounts/${account.id}/contacts`, {
      name: 'Hanna Berg', title: 'Head of Procurement', email: 'hanna.berg@example.com', phone: '+46 8 123 456',
      buyingRole: 'economic_buyer', relationshipStrength: -2, externalId: 'CRUD-1',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toEqual({
      id: expect.any(String), accountId: account.id, externalId: 'CRUD-1', name: 'Hanna Berg', title: 'Head of Procurement',
      email: 'hanna.berg@example.com', phone: '+46 8 123 456', buyingRole: 'economic_buyer', reportsToId: null, relationshipStrength: -2,
      createdAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z', version: 1,
    });
    const url = `/api/v1/accounts/${account.id}/contacts/${created.body.id}`;
    const read = await kam.get(url);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(created.body);

    const changed = await kam.patch(url, { relationshipStrength: 2, buyingRole: 'champion', title: null }, 1);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body).toMatchObject({ relationshipStrength: 2, buyingRole: 'champion', title: null, email: 'hanna.berg@example.com', version: 2 });

    const deleted = await kam.delete(url, 2);
    expect(deleted.status).toBe(204);
    expect((await kam.get(url)).status).toBe(404);
    expect((await kam.get(`/api/v1/accounts/${account.id}/contacts`)).body.items).toEqual([]);
    expect((await kam.patch(url, { name: 'Ghost' }, 3)).status).toBe(404);

    const admin = await api.as('admin@patron.example');
    const trail = await admin.get(`/api/v1/audit?entity=contact&entityId=${created.body.id}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(trail.body.items[1].before).toMatchObject({ relationshipStrength: -2, title: 'Head of Procurement' });
    expect(trail.body.items[1].after).toMatchObject({ relationshipStrength: 2, title: null });
    expect(trail.body.items[0].actorId).toBe(kam.actor.userId);
  });

  it('needs If-Match to change or delete, and refuses a stale version with 412', async () => {
    const kam = await api.as(KAM);
    const account = await createAccount(KAM, 'Versioned Contacts Oy');
    const contact = await createContact(account.id, { name: 'Veera Virtanen' });
    const url = `/api/v1/accounts/${account.id}/contacts/${contact.id}`;
    expect((await kam.request('PATCH', url, { name: 'X' })).status).toBe(428);
    expect((await kam.delete(url)).status).toBe(428);
    expect((await kam.patch(url, { name: 'Veera V.' }, 1)).status).toBe(200);
    const stale = await kam.patch(url, { name: 'Lost update' }, 1);
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect((await kam.delete(url, 1)).status).toBe(412);
    expect((await kam.get(url)).body).toMatchObject({ name: 'Veera V.', version: 2 });
  });

  it('lists by name with keyset paging and a search', async () => {
    const kam = await api.as(KAM);
    const account = await createAccount(KAM, 'Paging Contacts Ltd');
    for (const name of ['Echo Person', 'Alpha Person', 'Delta Person', 'Charlie Person', 'Bravo Person']) {
      await createContact(account.id, { name, email: `${name.split(' ')[0]!.toLowerCase()}@paging.example`, title: name.startsWith('D') ? 'Chief Buyer' : null });
    }
    const base = `/api/v1/accounts/${account.id}/contacts`;
    const first = await kam.get(`${base}?limit=2`);
    expect(first.body.items.map((c: { name: string }) => c.name)).toEqual(['Alpha Person', 'Bravo Person']);
    const second = await kam.get(`${base}?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { name: string }) => c.name)).toEqual(['Charlie Person', 'Delta Person']);
    const third = await kam.get(`${base}?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body).toEqual({ items: [expect.objectContaining({ name: 'Echo Person' })], nextCursor: null });
    expect((await kam.get(`${base}?q=charlie`)).body.items.map((c: { name: string }) => c.name)).toEqual(['Charlie Person']);
    expect((await kam.get(`${base}?q=chief buyer`)).body.items.map((c: { name: string }) => c.name)).toEqual(['Delta Person']);
    expect((await kam.get(`${base}?q=echo@paging`)).body.items.map((c: { name: string }) => c.name)).toEqual(['Echo Person']);
    expect((await kam.get(`${base}?q=%25`)).body.items).toEqual([]);
    expect((await kam.get(`${base}?cursor=nonsense`)).status).toBe(400);
    expect((await kam.get(`${base}?limit=0`)).status).toBe(400);
    expect((await kam.get(`${base}?limit=501`)).status).toBe(400);
    expect((await kam.get(`${base}?sort=name`)).status).toBe(400);
  });

  it('shows and guards contacts by the visibility of their account', async () => {
    const account = await createAccount('kam3@patron.example', 'Visible Contacts GmbH');
    const contact = await createContact(account.id, { name: 'Greta Graf' }, 'kam3@patron.example');
    const list = `/api/v1/accounts/${account.id}/contacts`;
    const one = `${list}/${contact.id}`;
    for (const email of ['kam3@patron.example', 'manager@patron.example', 'director@patron.example', 'admin@patron.example', 'viewer@patron.example']) {
      const caller = await api.as(email);
      expect((await caller.get(one)).status, email).toBe(200);
      expect((await caller.get(list)).body.items, email).toHaveLength(1);
    }
    for (const email of ['kam4@patron.example', 'bd1@patron.example', OTHER_ORG_KAM, OTHER_ORG_ADMIN]) {
      const caller = await api.as(email);
      expect((await caller.get(one)).status, email).toBe(404);
      expect((await caller.get(list)).status, email).toBe(404);
      expect((await caller.post(list, { name: 'Intruder' })).status, email).toBe(404);
      expect((await caller.patch(one, { name: 'Intruder' }, 1)).status, email).toBe(404);
      expect((await caller.delete(one, 1)).status, email).toBe(404);
    }
    const viewer = await api.as('viewer@patron.example');
    expect((await viewer.post(list, { name: 'Read Only' })).status).toBe(403);
    expect((await viewer.patch(one, { name: 'Read Only' }, 1)).status).toBe(403);
    expect((await viewer.delete(one, 1)).status).toBe(403);
    expect((await api.anonymous.request('GET', one)).status).toBe(401);
    expect((await api.anonymous.request('POST', list, { name: 'Anon' })).status).toBe(401);
    // A manager writes for their reports' accounts.
    const manager = await api.as('manager@patron.example');
    expect((await manager.patch(one, { relationshipStrength: 1 }, 1)).status).toBe(200);
    // A contact is only reachable under its own account.
    const otherAccount = await createAccount('kam3@patron.example', 'Sibling Account');
    expect((await (await api.as('kam3@patron.example')).get(`/api/v1/accounts/${otherAccount.id}/contacts/${contact.id}`)).status).toBe(404);
    // The rival organisation's own account does not open ours.
    const rival = await api.as(OTHER_ORG_ADMIN);
    const rivalAccount = (await rival.post('/api/v1/accounts', { name: 'Rival Account' })).body;
    expect((await rival.get(`/api/v1/accounts/${rivalAccount.id}/contacts/${contact.id}`)).status).toBe(404);
    expect((await rival.post(`/api/v1/accounts/${rivalAccount.id}/contacts`, { name: 'X', reportsToId: contact.id })).status).toBe(400);
    expect((await (await api.as('kam3@patron.example')).get(one)).body).toMatchObject({ name: 'Greta Graf', relationshipStrength: 1 });
  });

  it('rejects bad input with field errors and writes nothing', async () => {
    const kam = await api.as(KAM);
    const account = await createAccount(KAM, 'Bad Input SA');
    const other = await createAccount(KAM, 'Another Account SA');
    const foreign = await createContact(other.id, { name: 'Foreign Contact', externalId: 'BAD-TAKEN' });
    const list = `/api/v1/accounts/${account.id}/contacts`;
    const contactsBefore = await countRows('contacts', kam.actor.orgId);
    const auditBefore = await countRows('audit_log', kam.actor.orgId);

    const types = await kam.post(list, { name: 12, bogus: true, relationshipStrength: 3, buyingRole: 'friend', email: 'not-an-email' });
    expect(types.status).toBe(400);
    expect(types.body.errors).toEqual(expect.arrayContaining([
      { path: 'name', message: 'must be string' },
      { path: 'bogus', message: 'is not a known field' },
      expect.objectContaining({ path: 'relationshipStrength' }),
      expect.objectContaining({ path: 'buyingRole' }),
      expect.objectContaining({ path: 'email' }),
    ]));
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'X', relationshipStrength: 1.5 }, 'relationshipStrength'],
      [{ name: 'X', relationshipStrength: -3 }, 'relationshipStrength'],
      [{ name: 'X', relationshipStrength: '2' }, 'relationshipStrength'],
      [{ name: 'X', email: 'a@' }, 'email'],
      [{ name: 'X', phone: '1'.repeat(51) }, 'phone'],
      [{ name: 'X', reportsToId: 'not-a-uuid' }, 'reportsToId'],
      [{ name: 'X', reportsToId: foreign.id }, 'reportsToId'],
      [{ name: 'X', reportsToId: '01936b2e-7c1a-7000-8000-000000000000' }, 'reportsToId'],
      [{ name: 'X', externalId: 'BAD-TAKEN' }, 'externalId'],
      [{ name: 'x'.repeat(201) }, 'name'],
    ];
    for (const [body, path] of cases) {
      const answer = await kam.post(list, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
    }
    expect((await kam.request('POST', list, '{"name":', { 'content-type': 'application/json' })).status).toBe(400);
    const contact = await createContact(account.id, { name: 'Patchable' });
    const one = `${list}/${contact.id}`;
    expect((await kam.patch(one, {}, 1)).status).toBe(400);
    expect((await kam.patch(one, { externalId: 'BAD-TAKEN' }, 1)).body.errors).toEqual([{ path: 'externalId', message: 'is already used by another contact' }]);
    expect((await kam.patch(one, { reportsToId: contact.id }, 1)).body.errors[0].path).toBe('reportsToId');
    expect((await kam.patch(one, { name: null }, 1)).status).toBe(400);
    expect((await kam.get('/api/v1/accounts/not-a-uuid/contacts')).status).toBe(400);
    expect((await kam.get(`${list}/not-a-uuid`)).status).toBe(400);
    expect(await countRows('contacts', kam.actor.orgId)).toBe(contactsBefore + 1);
    expect(await countRows('audit_log', kam.actor.orgId)).toBe(auditBefore + 1);
    expect((await kam.get(one)).body.version).toBe(1);
  });

  it('stores hostile strings verbatim', async () => {
    const kam = await api.as(KAM);
    const account = await createAccount(KAM, 'Hostile Strings Inc');
    const hostile = {
      name: "'; drop table contacts; --",
      title: '<script>alert(1)</script>',
      phone: "1' OR '1'='1",
      externalId: 'Robert"); DROP TABLE students;--',
    };
    const created = await createContact(account.id, hostile);
    expect(created).toMatchObject(hostile);
    const read = await kam.get(`/api/v1/accounts/${account.id}/contacts?q=${encodeURIComponent("'; drop")}`);
    expect(read.body.items).toEqual([expect.objectContaining(hostile)]);
    const unicode = await createContact(account.id, { name: 'Zoë Łukasiewicz-Øster 李 🙂', email: 'zoe@example.com' });
    expect((await kam.get(`/api/v1/accounts/${account.id}/contacts/${unicode.id}`)).body.name).toBe('Zoë Łukasiewicz-Øster 李 🙂');
    const nul = await kam.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Nul\u0000Byte' });
    expect(nul.status).toBe(400);
    expect((await kam.get(`/api/v1/accounts/${account.id}/contacts?q=%00`)).status).toBe(400);
  });

  it('keeps reporting lines inside the account and free of cycles; refuses to delete a manager', async () => {
    const kam = await api.as(KAM);
    const account = await createAccount(KAM, 'Reporting Lines plc');
    const base = `/api/v1/accounts/${account.id}/contacts`;
    const ceo = await createContact(account.id, { name: 'Carla CEO', buyingRole: 'economic_buyer' });
    const cfo = await createContact(account.id, { name: 'Frank CFO', reportsToId: ceo.id });
    const buyer = await createContact(account.id, { name: 'Bea Buyer', reportsToId: cfo.id });
    expect(buyer.reportsToId).toBe(cfo.id);

    const self = await kam.patch(`${base}/${ceo.id}`, { reportsToId: ceo.id }, ceo.version);
    expect(self.status).toBe(400);
    const twoStep = await kam.patch(`${base}/${ceo.id}`, { reportsToId: buyer.id }, ceo.version);
    expect(twoStep.status).toBe(400);
    expect(twoStep.body.errors).toEqual([{ path: 'reportsToId', message: 'would make the contact report to themselves' }]);
    const direct = await kam.patch(`${base}/${cfo.id}`, { reportsToId: buyer.id }, cfo.version);
    expect(direct.status).toBe(400);
    expect((await kam.get(`${base}/${ceo.id}`)).body).toMatchObject({ reportsToId: null, version: 1 });

    const blocked = await kam.delete(`${base}/${cfo.id}`, cfo.version);
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toContain('1 contact reports to this one');
    const moved = await kam.patch(`${base}/${buyer.id}`, { reportsToId: ceo.id }, buyer.version);
    expect(moved.status).toBe(200);
    expect((await kam.delete(`${base}/${cfo.id}`, cfo.version)).status).toBe(204);
    // A deleted contact is no manager.
    expect((await kam.patch(`${base}/${buyer.id}`, { reportsToId: cfo.id }, 2)).status).toBe(400);
    // Clearing the line works; the new manager's chain is fine.
    expect((await kam.patch(`${base}/${buyer.id}`, { reportsToId: null }, 2)).body.reportsToId).toBeNull();
    const allowed = await kam.patch(`${base}/${ceo.id}`, { reportsToId: buyer.id }, 1);
    expect(allowed.status).toBe(200);
  });
});

describe('contacts import batch', () => {
  const row = (externalId: string, accountId: string, extra: Partial<ContactImportRow> = {}): ContactImportRow => ({
    externalId, accountId, name: `Person ${externalId}`, title: null, email: null, phone: null, buyingRole: null,
    reportsToExternalId: null, relationshipStrength: null, ...extra,
  });
  const at = new Date('2026-11-24T08:00:00.000Z');
  let admin: Actor;
  const importBatch = (rows: ContactImportRow[], when = at) =>
    api.ctx.db.transaction((tx) => importContactsBatch(tx, admin, rows, when, '01936b2e-7c1a-7000-8000-00000000beef'));

  beforeAll(async () => {
    admin = (await api.as('admin@patron.example')).actor;
  });

  it('creates, then leaves unchanged, then updates only what differs — never duplicating', async () => {
    const account = await createAccount(KAM, 'Imported Contacts KG');
    const kam = await api.as(KAM);
    const existing = await createContact(account.id, { name: 'Already Here', externalId: 'IMP-0' });
    const rows = [
      row('IMP-2', account.id, { reportsToExternalId: 'IMP-1', email: 'two@example.com', buyingRole: 'influencer', relationshipStrength: -1 }),
      row('IMP-1', account.id, { reportsToExternalId: 'IMP-0', title: 'Director' }),
      row('IMP-3', account.id, { reportsToExternalId: 'IMP-0', phone: '+49 30 1234' }),
      row('IMP-0', account.id, { name: 'Already Here' }),
    ];
    const auditBefore = await countRows('audit_log', admin.orgId);
    expect(await importBatch(rows)).toEqual({ created: 3, updated: 0, unchanged: 1 });
    expect(await countRows('audit_log', admin.orgId)).toBe(auditBefore + 3);

    const listed = (await kam.get(`/api/v1/accounts/${account.id}/contacts`)).body.items as { id: string; externalId: string; reportsToId: string | null; version: number }[];
    const byExt = new Map(listed.map((c) => [c.externalId, c]));
    expect(listed).toHaveLength(4);
    expect(byExt.get('IMP-2')!.reportsToId).toBe(byExt.get('IMP-1')!.id);
    expect(byExt.get('IMP-1')!.reportsToId).toBe(existing.id);
    expect(byExt.get('IMP-2')).toMatchObject({ email: 'two@example.com', buyingRole: 'influencer', relationshipStrength: -1, createdAt: at.toISOString(), version: 1 });

    expect(await importBatch(rows)).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(await countRows('audit_log', admin.orgId)).toBe(auditBefore + 3);

    const later = new Date('2026-11-25T08:00:00.000Z');
    const changed = rows.map((r) => (r.externalId === 'IMP-3' ? { ...r, relationshipStrength: 2, phone: null } : r));
    expect(await importBatch(changed, later)).toEqual({ created: 0, updated: 1, unchanged: 3 });
    const three = (await kam.get(`/api/v1/accounts/${account.id}/contacts/${byExt.get('IMP-3')!.id}`)).body;
    expect(three).toMatchObject({ relationshipStrength: 2, phone: null, version: 2, updatedAt: later.toISOString(), createdAt: at.toISOString() });
    expect((await kam.get(`/api/v1/accounts/${account.id}/contacts`)).body.items).toHaveLength(4);

    const trail = await (await api.as('admin@patron.example')).get(`/api/v1/audit?entity=contact&entityId=${three.id}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(trail.body.items[0].before).toMatchObject({ phone: '+49 30 1234', relationshipStrength: null });
    expect(trail.body.items[0].after).toMatchObject({ phone: null, relationshipStrength: 2, importId: '01936b2e-7c1a-7000-8000-00000000beef' });

    const ids = await api.ctx.db.transaction((tx) => contactIdsByExternalIds(tx, admin.orgId, ['IMP-1', 'IMP-3', 'NOPE', 'IMP-1']));
    expect([...ids.keys()].sort()).toEqual(['IMP-1', 'IMP-3']);
    expect(ids.get('IMP-3')).toEqual({ id: three.id, accountId: account.id });
    // Another organisation sees none of them.
    const rival = (await api.as(OTHER_ORG_ADMIN)).actor;
    expect((await contactIdsByExternalIds(api.ctx.db, rival.orgId, ['IMP-1'])).size).toBe(0);
  });

  it('brings a deleted contact back when the file names it again', async () => {
    const kam = await api.as(KAM);
    const account = await createAccount(KAM, 'Revived Contacts AS');
    const gone = await createContact(account.id, { name: 'Gone Person', externalId: 'REV-1' });
    expect((await kam.delete(`/api/v1/accounts/${account.id}/contacts/${gone.id}`, 1)).status).toBe(204);
    expect((await contactIdsByExternalIds(api.ctx.db, admin.orgId, ['REV-1'])).size).toBe(0);
    expect(await importBatch([row('REV-1', account.id, { name: 'Gone Person' })])).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await kam.get(`/api/v1/accounts/${account.id}/contacts/${gone.id}`)).body).toMatchObject({ name: 'Gone Person', version: 3 });
  });

  it('refuses bad reporting lines and duplicate keys, writing nothing', async () => {
    const account = await createAccount(KAM, 'Refused Import BV');
    const other = await createAccount(KAM, 'Other Import BV');
    await importBatch([row('REF-OTHER', other.id), row('REF-A', account.id)]);
    const contactsBefore = await countRows('contacts', admin.orgId);
    const auditBefore = await countRows('audit_log', admin.orgId);

    const attempts: [ContactImportRow[], string][] = [
      [[row('REF-1', account.id, { reportsToExternalId: 'REF-OTHER' })], '0.reportsToExternalId'],
      [[row('REF-1', account.id, { reportsToExternalId: 'REF-MISSING' })], '0.reportsToExternalId'],
      [[row('REF-1', account.id), row('REF-1', account.id)], '1.externalId'],
      [[row('REF-1', account.id, { reportsToExternalId: 'REF-2' }), row('REF-2', account.id, { reportsToExternalId: 'REF-1' })], '0.reportsToExternalId'],
      [[row('REF-1', account.id, { reportsToExternalId: 'REF-A' }), row('REF-A', account.id, { reportsToExternalId: 'REF-1' })], '1.reportsToExternalId'],
      [[row('REF-1', account.id, { reportsToExternalId: 'REF-1' })], '0.reportsToExternalId'],
    ];
    for (const [rows, path] of attempts) {
      const error = await importBatch(rows).then(() => null, (e: unknown) => e as { code: string; errors: { path: string }[] });
      expect(error, path).toMatchObject({ code: 'validation' });
      expect(error!.errors.map((e) => e.path), path).toContain(path);
    }
    // Moving a manager to another account would strand their reports.
    await importBatch([row('REF-B', account.id, { reportsToExternalId: 'REF-A' })]);
    const moved = await importBatch([row('REF-A', other.id)]).then(() => null, (e: unknown) => e as { errors: { path: string; message: string }[] });
    expect(moved!.errors).toEqual([{ path: '0.accountExternalId', message: 'moves the contact to another account while REF-B reports to them' }]);
    expect(await countRows('contacts', admin.orgId)).toBe(contactsBefore + 1);
    expect(await countRows('audit_log', admin.orgId)).toBe(auditBefore + 1);
    // A viewer may not import.
    const viewer = (await api.as('viewer@patron.example')).actor;
    await expect(api.ctx.db.transaction((tx) => importContactsBatch(tx, viewer, [row('REF-V', account.id)], at, 'x'))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('imports a few thousand contacts in one batch and re-imports them unchanged', async () => {
    const accounts = [await createAccount(KAM, 'Bulk One'), await createAccount(KAM, 'Bulk Two')];
    const rows = Array.from({ length: 4500 }, (_, i) =>
      row(`BULK-${i}`, accounts[i % 2]!.id, { reportsToExternalId: i >= 2 ? `BULK-${i - 2}` : null, email: `p${i}@bulk.example`, relationshipStrength: (i % 5) - 2 }));
    const started = performance.now();
    expect(await importBatch(rows)).toEqual({ created: 4500, updated: 0, unchanged: 0 });
    const firstMs = performance.now() - started;
    const again = performance.now();
    expect(await importBatch(rows)).toEqual({ created: 0, updated: 0, unchanged: 4500 });
    const secondMs = performance.now() - again;
    console.log(`contacts import batch of 4,500: ${firstMs.toFixed(0)} ms new, ${secondMs.toFixed(0)} ms unchanged`);
    const [count] = await queryRows<{ n: number | string }>(api.ctx.db, sql`select count(*) as n from contacts where org_id = ${admin.orgId} and external_id like 'BULK-%'`);
    expect(Number(count!.n)).toBe(4500);
  });
});
