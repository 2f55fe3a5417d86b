import { sql } from 'drizzle-orm';
import type { Actor } from '../src/core/actor.ts';
import { queryRows } from '../src/db/connection.ts';
import { getOwnerCandidates } from '../src/modules/people/service.ts';
import { recomputeScores } from '../src/modules/scoring/service.ts';
import { openBenchDatabase, printTable, seedOrganisation } from './support.ts';

/**
 * GET /accounts/{id}/owner-candidates for one account in an organisation of 100,000 accounts and
 * 200 KAMs (each with a profile and 11 skill ratings; two contacts per account, every e-mail on two
 * accounts), beside the raw-SQL floor: the same reads (KAM books by tier, profiles, ratings, the
 * account, contacts known from other accounts) as plain SELECTs, without ranking.
 */
const ACCOUNTS = Number(process.env.BENCH_PEOPLE_ACCOUNTS ?? 100_000);
const KAMS = 200;
const RUNS = 20;

export async function benchOwnerCandidates(kind: 'postgres' | 'pglite') {
  const bench = await openBenchDatabase(kind);
  try {
    const { orgId, users } = await seedOrganisation(bench.ctx, ACCOUNTS);
    const db = bench.ctx.db;
    const managerId = users['manager@patron.example']!;
    await db.execute(sql`
      insert into users (org_id, id, email, name, role, manager_id)
      select ${orgId}::uuid, gen_random_uuid(), 'bench-kam-' || g || '@patron.example', 'Bench Kam ' || g, 'kam', ${managerId}::uuid from generate_series(5, ${KAMS}) g`);
    await db.execute(sql`
      with kams as (select id, row_number() over (order by id) - 1 as n from users where org_id = ${orgId} and role = 'kam'),
      numbered as (select id, row_number() over (order by id) as g from accounts where org_id = ${orgId})
      update accounts a set owner_id = k.id from numbered x join kams k on k.n = x.g % ${KAMS} where a.org_id = ${orgId} and a.id = x.id`);
    await db.execute(sql`delete from account_team where org_id = ${orgId}`);
    await db.execute(sql`insert into account_team (org_id, account_id, user_id, role) select org_id, id, owner_id, 'owner' from accounts where org_id = ${orgId}`);
    await db.execute(sql`
      insert into person_profiles (org_id, user_id, industry_years, industries, countries, languages, years_total, years_sales)
      select org_id, id, jsonb_build_array(jsonb_build_object('industry', (array['Consumer','Corporate','Home Office'])[1 + abs(hashtext(id::text)) % 3], 'years', abs(hashtext(id::text)) % 9)),
             '["Consumer"]'::jsonb, '["US"]'::jsonb, '["en"]'::jsonb, 10, 6
      from users where org_id = ${orgId} and role = 'kam'`);
    await db.execute(sql`
      insert into skill_ratings (org_id, id, user_id, skill, kind, rating, rated_by, rated_at)
      select u.org_id, gen_random_uuid(), u.id, s, 'manager', 1 + abs(hashtext(u.id::text || s)) % 5, ${managerId}::uuid, now()
      from users u cross join unnest(array['negotiation','customer_service','teamwork','creative_thinking','critical_thinking','organisation','communication','networking','presentation','reporting','product_knowledge']) s
      where u.org_id = ${orgId} and u.role = 'kam'`);
    await db.execute(sql`
      insert into contacts (org_id, id, account_id, name, email)
      select a.org_id, gen_random_uuid(), a.id, 'Contact ' || x.g || '-' || c, 'person' || ((x.g + c * 7919) % ${ACCOUNTS / 2}) || '@customer.example'
      from (select org_id, id, row_number() over (order by id) as g from accounts where org_id = ${orgId}) x join accounts a on a.org_id = x.org_id and a.id = x.id
      cross join generate_series(0, 1) c`);
    await db.transaction((tx) => recomputeScores(tx, orgId, new Date('2026-11-23T12:00:00Z')));
    await db.execute(sql`analyze`);
    const [target] = await queryRows<{ id: string }>(db, sql`select id from accounts where org_id = ${orgId} order by id offset ${Math.floor(ACCOUNTS / 2)} limit 1`);
    const actor: Actor = { orgId, userId: users['admin@patron.example']!, role: 'admin', via: 'session' };

    let candidates = 0;
    const api = await timed(async () => {
      candidates = (await getOwnerCandidates(bench.ctx, actor, target!.id)).candidates.length;
    });
    const floor = await timed(async () => {
      await db.execute(sql`select a.owner_id, s.tier, count(*) from accounts a left join account_scores s on s.org_id = a.org_id and s.account_id = a.id
        where a.org_id = ${orgId} and a.deleted_at is null and a.owner_id in (select id from users where org_id = ${orgId} and role = 'kam') group by 1, 2`);
      await db.execute(sql`select * from person_profiles where org_id = ${orgId}`);
      await db.execute(sql`select * from skill_ratings where org_id = ${orgId}`);
      await db.execute(sql`select t.user_id, count(distinct lower(c1.email)) from contacts c1
        join contacts c2 on c2.org_id = c1.org_id and lower(c2.email) = lower(c1.email) and c2.account_id <> c1.account_id and c2.email is not null and c2.deleted_at is null
        join account_team t on t.org_id = c2.org_id and t.account_id = c2.account_id
        where c1.org_id = ${orgId} and c1.account_id = ${target!.id} and c1.email is not null and c1.deleted_at is null group by 1`);
    });
    return { database: kind, accounts: ACCOUNTS, kams: KAMS, candidates, 'api p50 ms': api.p50, 'api max ms': api.max, 'raw SQL floor p50 ms': floor.p50 };
  } finally {
    await bench.close();
  }
}

/** One warm-up, then RUNS timed calls: median and maximum in ms. */
async function timed(run: () => Promise<void>): Promise<{ p50: number; max: number }> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { p50: Math.round(ms[Math.floor(RUNS / 2)]! * 10) / 10, max: Math.round(ms.at(-1)! * 10) / 10 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = [];
  for (const kind of ['postgres', 'pglite'] as const) rows.push(await benchOwnerCandidates(kind));
  printTable(`GET /accounts/{id}/owner-candidates — ${ACCOUNTS.toLocaleString('en')} accounts, ${KAMS} KAMs`, rows);
}
