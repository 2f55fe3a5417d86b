import { sql } from 'drizzle-orm';
import { recomputeScores } from '../src/modules/scoring/service.ts';
import { openBenchDatabase, printTable, seedOrganisation } from './support.ts';

/**
 * Full recompute of every account's score (issue 4 target: 100,000 accounts over 10,000,000
 * transactions in ≤ 2 s on PostgreSQL), beside the raw-SQL floor: the same rollup aggregation
 * and percentile ranks as a plain SELECT, without writing anything.
 * The recompute reads the monthly rollups, never raw lines, so the benchmark seeds 24 months of
 * rollups per account (what 10,000,000 transactions reduce to) rather than spending minutes
 * inserting the lines themselves.
 */
const ACCOUNTS = Number(process.env.BENCH_SCORING_ACCOUNTS ?? 100_000);
const MONTHS = 24;

export async function benchScoring(kind: 'postgres' | 'pglite') {
  const bench = await openBenchDatabase(kind);
  try {
    const { orgId } = await seedOrganisation(bench.ctx, ACCOUNTS);
    await bench.ctx.db.execute(sql`
      insert into account_monthly (org_id, account_id, month, revenue, cost, lines)
      select a.org_id, a.id, (date_trunc('month', date '2026-11-23') - (m || ' months')::interval)::date,
             (100000 + (abs(hashtext(a.id::text || m)) % 5000000))::bigint,
             (60000 + (abs(hashtext(a.id::text || m || 'c')) % 3000000))::bigint,
             1 + abs(hashtext(a.id::text)) % 20
      from accounts a cross join generate_series(0, ${MONTHS - 1}) m where a.org_id = ${orgId}`);
    await bench.ctx.db.execute(sql`analyze`);
    const at = new Date('2026-11-23T12:00:00Z');
    const floorStart = performance.now();
    await bench.ctx.db.execute(sql`
      with r as (
        select account_id, sum(revenue) filter (where month >= date '2025-12-01') as revenue,
               sum(revenue - cost) filter (where month >= date '2025-12-01') as gp,
               sum(revenue) filter (where month < date '2025-12-01') as prev
        from account_monthly where org_id = ${orgId} group by account_id)
      select account_id, percent_rank() over (order by revenue), percent_rank() over (order by gp), percent_rank() over (order by revenue - prev) from r`);
    const floorMs = performance.now() - floorStart;
    const first = performance.now();
    const result = await bench.ctx.db.transaction((tx) => recomputeScores(tx, orgId, at));
    const firstMs = performance.now() - first;
    const again = performance.now();
    await bench.ctx.db.transaction((tx) => recomputeScores(tx, orgId, at));
    const againMs = performance.now() - again;
    return {
      database: kind,
      accounts: result.scored,
      'rollup rows': ACCOUNTS * MONTHS,
      'first recompute ms': Math.round(firstMs),
      'recompute again ms': Math.round(againMs),
      'raw SQL floor ms': Math.round(floorMs),
    };
  } finally {
    await bench.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = [];
  for (const kind of ['postgres', 'pglite'] as const) rows.push(await benchScoring(kind));
  printTable(`Full score recompute — ${ACCOUNTS.toLocaleString('en')} accounts`, rows);
}
