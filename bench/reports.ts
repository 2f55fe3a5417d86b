import { sql } from 'drizzle-orm';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../src/core/actor.ts';
import { queryRows } from '../src/db/connection.ts';
import type { ReportDocument } from '../src/modules/reports/document.ts';
import { lastYear, parsePeriod } from '../src/modules/reports/period.ts';
import { buildReport, renderReport } from '../src/modules/reports/service.ts';
import { quarterlyResultsQuery } from '../src/modules/reports/store.ts';
import { openBenchDatabase, printTable, seedOrganisation } from './support.ts';

/**
 * Quarterly results (issue 7 target: 100,000 accounts and 10,000,000 transactions on PostgreSQL in
 * ≤ 300 ms and ≤ 1.2× the raw SQL) beside the raw-SQL floor: the report's one statement run
 * directly. The report reads only the monthly rollups, so the benchmark writes the rollups that
 * 10,000,000 lines reduce to (60 months, ~100 lines per account, 2 families) instead of spending
 * many minutes inserting lines on a shared machine. Then a 100,000-row export, streamed, with the
 * process's peak RSS.
 */
const ACCOUNTS = Number(process.env.BENCH_REPORT_ACCOUNTS ?? 100_000);
const RUNS = 5;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time(run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return Math.round(median(samples));
}

export async function benchReports(kind: 'postgres' | 'pglite') {
  const bench = await openBenchDatabase(kind);
  try {
    const { orgId, users } = await seedOrganisation(bench.ctx, ACCOUNTS);
    // Each account buys in ~2 of 3 months over 5 years: 100,000 × 40 months × ~2.5 lines ≈ 10 M lines.
    await bench.ctx.db.execute(sql`
      insert into account_monthly (org_id, account_id, month, revenue, cost, lines)
      select a.org_id, a.id, (date '2026-11-01' - (m || ' months')::interval)::date,
             (100000 + (abs(hashtext(a.id::text || m)) % 5000000))::bigint, (60000 + (abs(hashtext(a.id::text || m || 'c')) % 3000000))::bigint, 2 + abs(hashtext(a.id::text || m)) % 2
      from accounts a cross join generate_series(0, 59) m where a.org_id = ${orgId} and abs(hashtext(a.id::text || m || 'x')) % 3 <> 0`);
    await bench.ctx.db.execute(sql`
      insert into account_family_monthly (org_id, account_id, family, month, revenue, cost, lines)
      select org_id, account_id, f.family, month, revenue / 2, cost / 2, lines from account_monthly cross join (values ('Furniture'), ('Technology')) f(family) where org_id = ${orgId}`);
    await bench.ctx.db.execute(sql`vacuum analyze account_monthly`);
    await bench.ctx.db.execute(sql`vacuum analyze account_family_monthly`);
    const [{ lines } = { lines: 0 }] = await queryRows<{ lines: number }>(bench.ctx.db, sql`select sum(lines)::int8 as lines from account_monthly where org_id = ${orgId}`);
    const actor: Actor = { orgId, userId: users['director@patron.example']!, role: 'director', via: 'session' };
    const period = parsePeriod('2026-Q3')!;
    const floorMs = await time(() => bench.ctx.db.execute(quarterlyResultsQuery(actor, { expression: 'org' }, period, lastYear(period))));
    const reportMs = await time(() => buildReport(bench.ctx, actor, 'quarterly-results', { period: '2026-Q3' }));
    return { database: kind, accounts: ACCOUNTS, 'transactions (as rollups)': Number(lines), 'quarterly-results ms (median of 5)': reportMs, 'raw SQL floor ms': floorMs, ratio: (reportMs / floorMs).toFixed(2) };
  } finally {
    await bench.close();
  }
}

/** A 100,000-row table streamed as CSV and as .xlsx to nowhere; RSS sampled every 10 ms. */
export async function benchExport(rows = 100_000) {
  const doc: ReportDocument = {
    report: 'portfolio', title: 'Portfolio', language: 'en', period: { label: '2026-Q3', from: '2026-07-01', to: '2026-09-30' },
    scope: { expression: 'org', description: 'Whole organisation' }, currency: 'USD', generatedAt: new Date().toISOString(), generatedBy: { id: '0', name: 'Bench' },
    unavailable: [], summary: [],
    sections: [{ key: 'matrix', title: 'Matrix', tables: [{ key: 'matrix', title: null, columns: [
      { key: 'account', label: 'Account', type: 'text' }, { key: 'score', label: 'Score', type: 'number' }, { key: 'revenue', label: 'Revenue', type: 'money' }, { key: 'margin', label: 'Margin', type: 'rate' }, { key: 'since', label: 'Since', type: 'date' },
    ], rows: Array.from({ length: rows }, (_, i) => ({ account: `Account ${i}`, score: (i % 1000) / 10, revenue: `${i}.50`, margin: '0.2500', since: '2026-07-01' })) }] }],
  };
  const results = [];
  for (const format of ['csv', 'xlsx'] as const) {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    let bytes = 0;
    const start = performance.now();
    await pipeline(renderReport(doc, format, {}).body, new Writable({ write(chunk: Buffer, _encoding, done) { bytes += chunk.length; done(); } }));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    results.push({ format, rows, 'MB written': (bytes / 1e6).toFixed(1), ms: Math.round(performance.now() - start), 'RSS before MB': Math.round(before / 1e6), 'peak RSS MB': Math.round(peak / 1e6) });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(`Quarterly results — ${ACCOUNTS.toLocaleString('en')} accounts`, [await benchReports('postgres')]);
  printTable('100,000-row report export, streamed', await benchExport());
}
