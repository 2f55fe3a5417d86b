/**
 * Import speed through the product's own path (runImport: streamed CSV parsing, validation,
 * reference lookups, batched upserts, rollup triggers), beside the raw-SQL floor: the same lines
 * inserted as pre-built unnest() batches with no parsing or validation.
 * Sizes: BENCH_IMPORT_ROWS (default 200,000), BENCH_IMPORT_ACCOUNTS (10,000), BENCH_IMPORT_PRODUCTS (1,000).
 * Standalone: `npx tsx bench/imports.ts [postgres|pglite]`.
 */
import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Actor } from '../src/core/actor.ts';
import { newId } from '../src/core/ids.ts';
import { queryRows } from '../src/db/connection.ts';
import { createDemoOrganisation } from '../src/modules/demo/service.ts';
import { runImport } from '../src/modules/imports/service.ts';
import { openBenchDatabase, perSecond, printTable, seededRandom } from './support.ts';

export const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
const ROWS = IMPORT_ROWS;
const ACCOUNTS = Number(process.env.BENCH_IMPORT_ACCOUNTS ?? 10_000);
const PRODUCTS = Number(process.env.BENCH_IMPORT_PRODUCTS ?? 1_000);

function writeFile(name: string, header: string, count: number, line: (i: number) => string): string {
  const file = path.join(os.tmpdir(), `patron-bench-${process.pid}-${name}`);
  const out = fs.openSync(file, 'w');
  let chunk = `${header}\n`;
  for (let i = 0; i < count; i += 1) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
  return file;
}

export async function benchImports(kind: 'postgres' | 'pglite'): Promise<Record<string, string | number>[]> {
  const bench = await openBenchDatabase(kind);
  const random = seededRandom(42);
  const files: string[] = [];
  try {
    const { orgId, users } = await createDemoOrganisation(bench.ctx);
    const actor: Actor = { orgId, userId: users['admin@patron.example']!, role: 'admin', via: 'system' };
    const accounts = writeFile('accounts.csv', 'externalId,name,region,country,stage,strategicFit', ACCOUNTS, (i) => `A-${i},Account ${i},${['East', 'West', 'Central', 'South'][i % 4]},US,active,${i % 6}`);
    const products = writeFile('products.csv', 'sku,name,family,listPrice,unitCost', PRODUCTS, (i) => `P-${i},Product ${i},${['Chairs', 'Tables', 'Paper', 'Phones'][i % 4]},${(i % 500) + 10}.00,${(i % 300) + 5}.50`);
    const lines = writeFile('transactions.csv', 'externalId,accountExternalId,productSku,bookedOn,quantity,amount,cost', ROWS, (i) => {
      const day = 1 + Math.floor(random() * 28);
      const month = 1 + Math.floor(random() * 12);
      const cents = Math.floor(random() * 100_000);
      return `T-${i},A-${Math.floor(random() * ACCOUNTS)},P-${Math.floor(random() * PRODUCTS)},${2021 + (i % 5)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${1 + (i % 7)},${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')},${Math.floor(cents / 250)}.00`;
    });
    files.push(accounts, products, lines);

    const measure = async (label: string, kindOf: 'accounts' | 'products' | 'transactions', file: string, count: number) => {
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const started = performance.now();
      const summary = await runImport(bench.ctx, actor, { kind: kindOf, fileName: path.basename(file), input: fs.createReadStream(file) });
      const ms = performance.now() - started;
      delay.disable();
      clearInterval(sampler);
      if (summary.status !== 'applied' || summary.created !== count) throw new Error(`${label}: ${JSON.stringify(summary).slice(0, 500)}`);
      return { database: kind, operation: label, rows: count, ms: Math.round(ms), 'rows/s': perSecond(count, ms), 'peak RSS MiB': Math.round(peakRss / 2 ** 20), 'max event-loop delay ms': Math.round(delay.max / 1e6) };
    };

    const results = [];
    results.push(await measure('import accounts (runImport)', 'accounts', accounts, ACCOUNTS));
    results.push(await measure('import products (runImport)', 'products', products, PRODUCTS));
    results.push(await measure('import transactions (runImport)', 'transactions', lines, ROWS));
    const reimport = await (async () => {
      const started = performance.now();
      const summary = await runImport(bench.ctx, actor, { kind: 'transactions', fileName: 'again.csv', input: fs.createReadStream(lines) });
      const ms = performance.now() - started;
      if (summary.unchanged !== ROWS) throw new Error(`re-import: ${JSON.stringify(summary).slice(0, 500)}`);
      return { database: kind, operation: 're-import transactions, all unchanged', rows: ROWS, ms: Math.round(ms), 'rows/s': perSecond(ROWS, ms) };
    })();
    results.push(reimport);
    results.push(await rawFloor(bench.ctx.db, orgId, kind));
    return results;
  } finally {
    for (const file of files) fs.rmSync(file, { force: true });
    await bench.close();
  }
}

/** The floor: the same number of lines as pre-built 2,000-row unnest() inserts in one transaction. */
async function rawFloor(db: Parameters<typeof queryRows>[0], orgId: string, kind: string) {
  const accounts = await queryRows<{ id: string }>(db, sql`select id from accounts where org_id = ${orgId} order by id`);
  const products = await queryRows<{ id: string }>(db, sql`select id from products where org_id = ${orgId} order by id`);
  const random = seededRandom(7);
  const started = performance.now();
  await db.transaction(async (tx) => {
    for (let offset = 0; offset < ROWS; offset += 2000) {
      const n = Math.min(2000, ROWS - offset);
      const cols = { id: [] as string[], ext: [] as string[], account: [] as string[], product: [] as string[], booked: [] as string[], amount: [] as string[] };
      for (let i = 0; i < n; i += 1) {
        cols.id.push(newId());
        cols.ext.push(`RAW-${offset + i}`);
        cols.account.push(accounts[Math.floor(random() * accounts.length)]!.id);
        cols.product.push(products[Math.floor(random() * products.length)]!.id);
        cols.booked.push(`${2021 + (i % 5)}-0${1 + (i % 9)}-1${i % 10}`);
        cols.amount.push(String(Math.floor(random() * 100_000)));
      }
      const arr = (values: string[]) => `{${values.join(',')}}`;
      await tx.execute(sql`
        insert into transactions (org_id, id, external_id, account_id, product_id, booked_on, quantity, amount, cost, currency, amount_org, cost_org)
        select ${orgId}::uuid, u.id, u.ext, u.account, u.product, u.booked, 1, u.amount, u.amount / 3, 'USD', u.amount, u.amount / 3
        from unnest(${arr(cols.id)}::uuid[], ${arr(cols.ext)}::text[], ${arr(cols.account)}::uuid[], ${arr(cols.product)}::uuid[], ${arr(cols.booked)}::date[], ${arr(cols.amount)}::int8[])
          as u(id, ext, account, product, booked, amount)`);
    }
  });
  const ms = performance.now() - started;
  return { database: kind, operation: 'raw SQL floor: unnest() inserts, no parsing/validation', rows: ROWS, ms: Math.round(ms), 'rows/s': perSecond(ROWS, ms) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kinds = (process.argv[2] ? [process.argv[2]] : ['postgres', 'pglite']) as ('postgres' | 'pglite')[];
  const rows = [];
  for (const kind of kinds) rows.push(...(await benchImports(kind)));
  printTable(`Imports: ${ROWS.toLocaleString('en')} transaction lines over ${ACCOUNTS.toLocaleString('en')} accounts`, rows);
}
