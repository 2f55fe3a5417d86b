import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { createTestApi, type Answer, type TestApi } from '../support/api.ts';
import { createRecords, multipart, type Records } from '../support/records.ts';

/**
 * Concurrency (issue 8): 50 clients at once. With If-Match, exactly one write wins per version and
 * the others answer 412, so no update is lost; overlapping imports at once do not duplicate rows.
 * On PostgreSQL (npm run test:pg) the requests really run in parallel on a pool of connections.
 */

const CLIENTS = 50;
let api: TestApi;
let records: Records;

beforeAll(async () => {
  api = await createTestApi();
  records = createRecords(api);
});
afterAll(() => api?.close());

const auditCount = async (entityId: string): Promise<number> =>
  (await queryRows<{ n: number }>(api.ctx.db, sql`select count(*)::int as n from audit_log where entity_id = ${entityId}`))[0]!.n;

describe('50 clients changing the same record with the same If-Match', { timeout: 120_000 }, () => {
  it('an account: one 200, 49 × 412, the winner stored, one audit row', async () => {
    const account = await records.account({ owner: 'kam1' });
    const audits = await auditCount(account.id);
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => records.as('admin')));
    const answers = await Promise.all(clients.map((client, i) => client.patch(`/api/v1/accounts/${account.id}`, { name: `Winner ${i}` }, account.version)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(CLIENTS - 1);
    const winner = answers.find((answer) => answer.status === 200)!;
    for (const loser of answers.filter((answer) => answer.status === 412)) expect(loser.body.type).toBe('/problems/precondition-failed');
    const stored = await (await records.as('admin')).get(`/api/v1/accounts/${account.id}`);
    expect(stored.body).toMatchObject({ name: winner.body.name, version: account.version + 1 });
    expect(await auditCount(account.id)).toBe(audits + 1);
  });

  it('a contact: one 200 per version over several rounds', async () => {
    const account = await records.account({ owner: 'kam1' });
    const contact = await records.contact(account.id);
    const admin = await records.as('admin');
    let version = contact.version;
    for (let round = 0; round < 3; round += 1) {
      const answers = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => admin.patch(`/api/v1/accounts/${account.id}/contacts/${contact.id}`, { title: `Round ${round} client ${i}` }, version)));
      expect(answers.filter((answer) => answer.status === 200), `round ${round}`).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 412), `round ${round}`).toHaveLength(CLIENTS - 1);
      version = answers.find((answer) => answer.status === 200)!.body.version;
    }
    expect(version).toBe(contact.version + 3);
  });
});

/** Every success makes the others retry, so the work grows with the square of the writers: 12 of them. */
const WRITERS = 12;

describe(`${WRITERS} clients each adding to the same record (read, change, retry on 412)`, { timeout: 120_000 }, () => {
  it('loses no update: every client’s mark is in the final value', async () => {
    const account = await records.account({ owner: 'kam1' });
    const admin = await records.as('admin');
    const url = `/api/v1/accounts/${account.id}`;
    let conflicts = 0;
    const addMark = async (mark: string) => {
      for (let attempt = 0; attempt < 500; attempt += 1) {
        const current = await admin.get(url);
        const answer: Answer = await admin.patch(url, { name: `${current.body.name}${mark}` }, current.body.version);
        if (answer.status === 200) return;
        expect(answer.status).toBe(412);
        conflicts += 1;
      }
      throw new Error(`${mark} never got through`);
    };
    const marks = Array.from({ length: WRITERS }, (_, i) => `${String(i).padStart(2, '0')},`);
    const base = (await admin.get(url)).body;
    await Promise.all(marks.map(addMark));
    const final = (await admin.get(url)).body;
    expect(final.version).toBe(base.version + WRITERS);
    const stored = (final.name as string).slice(base.name.length).split(',').filter(Boolean).sort();
    expect(stored).toEqual(marks.map((mark) => mark.slice(0, 2)).sort());
    console.log(`${WRITERS} writers: ${conflicts} answers 412 before every mark got through`);
  });
});

describe('overlapping imports at the same time', { timeout: 120_000 }, () => {
  const importAccounts = async (rows: string[]) => {
    const upload = multipart({ kind: 'accounts' }, { name: 'accounts.csv', content: `externalId,name\n${rows.join('\n')}\n` });
    return (await records.as('admin')).request('POST', '/api/v1/imports', upload.body, upload.headers);
  };

  it('ten files sharing most of their rows: each external id is stored once', async () => {
    const prefix = `OVERLAP-${Date.now().toString(36)}`;
    const shared = Array.from({ length: 30 }, (_, i) => `${prefix}-S${i},Shared Account ${i}`);
    const files = Array.from({ length: 10 }, (_, f) => [...shared, ...Array.from({ length: 5 }, (_, i) => `${prefix}-F${f}-${i},Own Account ${f}.${i}`)]);
    const answers = await Promise.all(files.map(importAccounts));
    for (const answer of answers) expect([200, 409], JSON.stringify(answer.body).slice(0, 300)).toContain(answer.status);
    const imported = answers.filter((answer) => answer.status === 200).length;
    expect(imported).toBeGreaterThan(0);
    const rows = await queryRows<{ external_id: string; n: number }>(
      api.ctx.db,
      sql`select external_id, count(*)::int as n from accounts where external_id like ${`${prefix}-%`} group by external_id`,
    );
    expect(rows.filter((row) => row.n > 1), 'duplicated external ids').toEqual([]);
    const own = rows.filter((row) => row.external_id.includes('-F')).length;
    expect(rows.filter((row) => row.external_id.includes('-S'))).toHaveLength(30);
    // A file that was refused wrote none of its rows; one that was accepted wrote all of them.
    expect(own).toBe(imported * 5);
  });
});
