/**
 * Writes the fixture database of a release: a small organisation made through the real API on a
 * fresh in-memory database at this version's schema, saved as a plain (uncompressed) backup in
 * test/fixtures/releases/<version>.jsonl. Run it once per release, before the first migration of
 * the next version lands: `npm run release:fixture` (the version comes from package.json).
 * test/api/migrations.test.ts restores every fixture and migrates it to the latest schema.
 */
import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { fixedClock } from '../src/core/clock.ts';
import { loadConfig } from '../src/config.ts';
import { writeBackup } from '../src/db/backup.ts';
import { openDatabase } from '../src/db/connection.ts';
import { buildApp } from '../src/http/app.ts';
import { createApiToken } from '../src/modules/auth/service.ts';
import { createDemoOrganisation } from '../src/modules/demo/service.ts';
import { createContext } from '../src/modules/wiring.ts';
import { PassThrough } from 'node:stream';

const version = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const target = fileURLToPath(new URL(`../test/fixtures/releases/${version}.jsonl`, import.meta.url));
const at = new Date('2026-11-23T10:00:00.000Z');

const database = await openDatabase({ pglite: new PGlite() });
await database.migrate();
const ctx = createContext({ database, db: database.db, clock: fixedClock(at.toISOString()), config: loadConfig({}) });
const app = await buildApp(ctx);
const { orgId, users } = await createDemoOrganisation(ctx);
const { token } = await createApiToken(ctx, { orgId, userId: users['admin@patron.example']!, role: 'admin', via: 'system' }, 'release fixture');

async function call(method: 'POST' | 'PUT', url: string, body: unknown): Promise<{ id: string; version: number }> {
  const response = await app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

await call('PUT', '/fx-rates/EUR/2025-12-31', { rate: '1.0850' });
await call('PUT', '/fx-rates/PLN/2025-12-31', { rate: '0.2510' });
const group = await call('POST', '/accounts', { name: 'Nordwind Handel AG', externalId: 'FIX-1', stage: 'active', currency: 'EUR', country: 'DE', walletEstimate: '250000.00', ownerId: users['kam1@patron.example'] });
const branch = await call('POST', '/accounts', { name: 'Nordwind Polska Sp. z o.o.', externalId: 'FIX-2', parentId: group.id, currency: 'PLN', country: 'PL' });
const buyer = await call('POST', `/accounts/${group.id}/contacts`, { name: 'Greta Einkauf', title: 'Head of Purchasing', buyingRole: 'economic_buyer' });
await call('POST', `/accounts/${group.id}/contacts`, { name: 'Piotr Zakupy', reportsToId: buyer.id, buyingRole: 'influencer' });
const product = await call('POST', '/products', { sku: 'FIX-SKU-1', name: 'Pallet racking', family: 'Storage', listPrice: '120.00', unitCost: '70.00' });
for (const [accountId, bookedOn, amount] of [[group.id, '2026-01-15', '1200.00'], [group.id, '2026-02-03', '640.50'], [branch.id, '2026-02-20', '980.00']] as const) {
  await call('POST', '/transactions', { accountId, bookedOn, amount, cost: '500.00', productId: product.id });
}
await call('POST', `/accounts/${group.id}/interactions`, { kind: 'meeting', occurredAt: '2026-11-20T10:00:00Z', summary: 'Quarterly review', nextStep: 'Send the offer', nextStepDue: '2026-11-30' });
await call('POST', `/accounts/${group.id}/plans`, { period: '2027', strategy: 'Become the sole racking supplier' });
await call('POST', `/accounts/${group.id}/cases`, { title: 'Late delivery', category: 'delivery', severity: 2 });

const gzipped = new PassThrough();
const chunks: Buffer[] = [];
gzipped.on('data', (chunk: Buffer) => chunks.push(chunk));
await writeBackup(database, gzipped, { orgId, now: at });
fs.mkdirSync(fileURLToPath(new URL('../test/fixtures/releases/', import.meta.url)), { recursive: true });
fs.writeFileSync(target, zlib.gunzipSync(Buffer.concat(chunks)));
await app.close();
await database.close();
console.log(`wrote ${target}`);
