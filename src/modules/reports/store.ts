import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../core/actor.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import { accountIsVisible } from '../../db/visibility.ts';
import type { Period } from './period.ts';
import type { Scope } from './scope.ts';

/**
 * The reports' SQL. Every figure comes from the monthly rollups (account_monthly,
 * account_family_monthly), never raw transaction lines; every query covers only the accounts of
 * the scope that the caller may see (`scoped`). Sums travel as text so bigint minor units stay exact.
 */

/** The accounts of a scope the caller may see, as a CTE body over `accounts a`. */
function scopedAccounts(actor: Actor, scope: Scope): SQL {
  const conditions: SQL[] = [sql`a.org_id = ${actor.orgId}`, sql`a.deleted_at is null`, accountIsVisible(actor, sql`a.id`)];
  if (scope.account) conditions.push(sql`a.id = ${scope.account}::uuid`);
  if (scope.person) conditions.push(sql`a.owner_id = ${scope.person}::uuid`);
  if (scope.region) conditions.push(sql`a.region = ${scope.region}`);
  if (scope.teamOf) {
    conditions.push(sql`a.owner_id in (with recursive tree(id) as (
      select ${scope.teamOf}::uuid
      union select u.id from users u join tree t on u.manager_id = t.id where u.org_id = ${actor.orgId}
    ) select id from tree)`);
  }
  if (scope.tier) conditions.push(sql`exists (select 1 from account_scores s where s.org_id = a.org_id and s.account_id = a.id and s.tier = ${scope.tier})`);
  return sql`select a.id, a.name, a.owner_id, a.region from accounts a where ${sql.join(conditions, sql` and `)}`;
}

const inPeriods = (column: SQL, current: Period, previous: Period): SQL =>
  sql`((${column} >= ${current.from}::date and ${column} <= ${current.to}::date) or (${column} >= ${previous.from}::date and ${column} <= ${previous.to}::date))`;

export interface Sums {
  revenue: string;
  cost: string;
  lyRevenue: string;
  lyCost: string;
}
export interface QuarterlyFigures {
  totals: Sums & { accounts: number; lyAccounts: number };
  months: { month: string; revenue: string; cost: string }[];
  top: (Sums & { id: string; name: string; ownerId: string | null })[];
  owners: (Sums & { ownerId: string | null; ownerName: string | null; accounts: number })[];
  movement: { class: 'new' | 'grown' | 'shrunk' | 'lost' | 'unchanged'; accounts: number; revenue: string; lyRevenue: string }[];
  families: (Sums & { family: string })[];
}

/**
 * Quarterly results in ONE statement (the rollup rows of both quarters are read once): totals, by
 * month, the top accounts, by owner, account movement against the same quarter last year, and by
 * product family. `topLimit` accounts are listed; the rest is the totals minus them.
 */
export function quarterlyResultsQuery(actor: Actor, scope: Scope, current: Period, previous: Period, topLimit = 20): SQL {
  const sumsOf = (prefix: string) => sql.raw(`'revenue', ${prefix}rev::text, 'cost', ${prefix}cost::text, 'lyRevenue', ${prefix}ly_rev::text, 'lyCost', ${prefix}ly_cost::text`);
  const isCurrent = sql`month >= ${current.from}::date`;
  const familyIsCurrent = sql`f.month >= ${current.from}::date`;
  return sql`
    with scoped as materialized (${scopedAccounts(actor, scope)}),
    m as materialized (
      select am.account_id, am.month, am.revenue, am.cost from account_monthly am join scoped s on s.id = am.account_id
      where am.org_id = ${actor.orgId} and ${inPeriods(sql`am.month`, current, previous)}),
    pa as materialized (
      select account_id,
             coalesce(sum(revenue) filter (where ${isCurrent}), 0) as rev, coalesce(sum(cost) filter (where ${isCurrent}), 0) as cost,
             coalesce(sum(revenue) filter (where not ${isCurrent}), 0) as ly_rev, coalesce(sum(cost) filter (where not ${isCurrent}), 0) as ly_cost
      from m group by account_id)
    select
      (select json_build_object('accounts', count(*) filter (where rev > 0), 'lyAccounts', count(*) filter (where ly_rev > 0),
              'revenue', coalesce(sum(rev), 0)::text, 'cost', coalesce(sum(cost), 0)::text, 'lyRevenue', coalesce(sum(ly_rev), 0)::text, 'lyCost', coalesce(sum(ly_cost), 0)::text) from pa) as totals,
      (select coalesce(json_agg(json_build_object('month', month, 'revenue', revenue::text, 'cost', cost::text) order by month), '[]')
         from (select month, sum(revenue) as revenue, sum(cost) as cost from m group by month) x) as months,
      (select coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'ownerId', s.owner_id, ${sumsOf('t.')}) order by t.rev desc, t.account_id), '[]')
         from (select * from pa where rev > 0 order by rev desc, account_id limit ${topLimit}) t join scoped s on s.id = t.account_id) as top,
      (select coalesce(json_agg(json_build_object('ownerId', o.owner_id, 'ownerName', u.name, 'accounts', o.accounts, ${sumsOf('o.')}) order by o.rev desc, u.name), '[]')
         from (select s.owner_id, count(*) filter (where pa.rev > 0) as accounts, sum(pa.rev) as rev, sum(pa.cost) as cost, sum(pa.ly_rev) as ly_rev, sum(pa.ly_cost) as ly_cost
               from pa join scoped s on s.id = pa.account_id group by s.owner_id) o
         left join users u on u.org_id = ${actor.orgId} and u.id = o.owner_id) as owners,
      (select coalesce(json_agg(json_build_object('class', class, 'accounts', accounts, 'revenue', rev::text, 'lyRevenue', ly_rev::text)), '[]')
         from (select case when ly_rev <= 0 then 'new' when rev <= 0 then 'lost' when rev > ly_rev then 'grown' when rev < ly_rev then 'shrunk' else 'unchanged' end as class,
                      count(*) as accounts, sum(rev) as rev, sum(ly_rev) as ly_rev
               from pa where rev > 0 or ly_rev > 0 group by 1) c) as movement,
      (select coalesce(json_agg(json_build_object('family', family, ${sumsOf('')}) order by rev desc, family), '[]')
         from (select f.family, coalesce(sum(f.revenue) filter (where ${familyIsCurrent}), 0) as rev, coalesce(sum(f.cost) filter (where ${familyIsCurrent}), 0) as cost,
                      coalesce(sum(f.revenue) filter (where not ${familyIsCurrent}), 0) as ly_rev, coalesce(sum(f.cost) filter (where not ${familyIsCurrent}), 0) as ly_cost
               from account_family_monthly f join scoped s on s.id = f.account_id
               where f.org_id = ${actor.orgId} and ${inPeriods(sql`f.month`, current, previous)} group by f.family) x) as families`;
}

export async function quarterlyFigures(ex: Executor, actor: Actor, scope: Scope, current: Period, previous: Period): Promise<QuarterlyFigures> {
  const [row] = await queryRows<QuarterlyFigures>(ex, quarterlyResultsQuery(actor, scope, current, previous));
  return row!;
}

export interface AccountPeriodRow {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  region: string | null;
  revenue: string;
  cost: string;
}

/** Every account of the scope with its revenue and cost over the period (zero without any). */
export async function accountPeriodFigures(ex: Executor, actor: Actor, scope: Scope, period: Period): Promise<AccountPeriodRow[]> {
  return queryRows<AccountPeriodRow>(ex, sql`
    with scoped as (${scopedAccounts(actor, scope)})
    select s.id, s.name, s.owner_id as "ownerId", u.name as "ownerName", s.region,
           coalesce(sum(am.revenue), 0)::text as revenue, coalesce(sum(am.cost), 0)::text as cost
    from scoped s
    left join account_monthly am on am.org_id = ${actor.orgId} and am.account_id = s.id and am.month >= ${period.from}::date and am.month <= ${period.to}::date
    left join users u on u.org_id = ${actor.orgId} and u.id = s.owner_id
    group by s.id, s.name, s.owner_id, u.name, s.region
    order by s.name, s.id`);
}

export interface TierMoveRow {
  accountId: string;
  name: string;
  fromTier: string | null;
  toTier: string;
  at: string;
}

/** Tier changes of the scope's accounts within the period, oldest first. */
export async function tierMoves(ex: Executor, actor: Actor, scope: Scope, period: Period): Promise<TierMoveRow[]> {
  return queryRows<TierMoveRow>(ex, sql`
    with scoped as (${scopedAccounts(actor, scope)})
    select c.account_id as "accountId", s.name, c.from_tier as "fromTier", c.to_tier as "toTier", to_char(c.at at time zone 'UTC', 'YYYY-MM-DD') as at
    from tier_changes c join scoped s on s.id = c.account_id
    where c.org_id = ${actor.orgId} and c.at >= ${period.from}::date and c.at < (${period.to}::date + 1)
    order by c.at, s.name`);
}

/** Revenue and cost per month of the scope, between two month starts (inclusive). */
export async function monthlyTotals(ex: Executor, actor: Actor, scope: Scope, fromMonth: string, toMonth: string): Promise<{ month: string; revenue: string; cost: string }[]> {
  return queryRows(ex, sql`
    with scoped as (${scopedAccounts(actor, scope)})
    select to_char(am.month, 'YYYY-MM-DD') as month, sum(am.revenue)::text as revenue, sum(am.cost)::text as cost
    from account_monthly am join scoped s on s.id = am.account_id
    where am.org_id = ${actor.orgId} and am.month >= ${fromMonth}::date and am.month <= ${toMonth}::date
    group by am.month order by am.month`);
}

export interface OwnerMonthRow {
  ownerId: string | null;
  month: string;
  revenue: string;
  cost: string;
  accounts: number;
}

/** Per owner and month of both periods: revenue, cost and how many of their accounts bought. */
export async function ownerMonthly(ex: Executor, actor: Actor, scope: Scope, current: Period, previous: Period): Promise<OwnerMonthRow[]> {
  return queryRows<OwnerMonthRow>(ex, sql`
    with scoped as (${scopedAccounts(actor, scope)})
    select s.owner_id as "ownerId", to_char(am.month, 'YYYY-MM-DD') as month, sum(am.revenue)::text as revenue, sum(am.cost)::text as cost, count(*)::int as accounts
    from account_monthly am join scoped s on s.id = am.account_id
    where am.org_id = ${actor.orgId} and ${inPeriods(sql`am.month`, current, previous)}
    group by s.owner_id, am.month order by s.owner_id, am.month`);
}

export interface OwnerRow {
  ownerId: string | null;
  ownerName: string | null;
  accounts: number;
  keyAccounts: number;
}

/** The owners of the scope's accounts, with how many accounts (and key accounts) each owns. */
export async function owners(ex: Executor, actor: Actor, scope: Scope): Promise<OwnerRow[]> {
  return queryRows<OwnerRow>(ex, sql`
    with scoped as (${scopedAccounts(actor, scope)})
    select s.owner_id as "ownerId", u.name as "ownerName", count(*)::int as accounts,
           count(*) filter (where sc.tier = 'key')::int as "keyAccounts"
    from scoped s
    left join users u on u.org_id = ${actor.orgId} and u.id = s.owner_id
    left join account_scores sc on sc.org_id = ${actor.orgId} and sc.account_id = s.id
    group by s.owner_id, u.name order by u.name nulls last`);
}

/** The scope's account ids and names, by name (at most `limit` + 1, so the caller can tell there are more). */
export async function scopeAccounts(ex: Executor, actor: Actor, scope: Scope, limit: number): Promise<{ id: string; name: string }[]> {
  return queryRows(ex, sql`with scoped as (${scopedAccounts(actor, scope)}) select id, name from scoped order by name, id limit ${limit + 1}`);
}

/** One account's revenue and cost per month (first days), between two month starts. */
export async function accountMonths(ex: Executor, orgId: string, accountId: string, fromMonth: string, toMonth: string): Promise<{ month: string; revenue: string; cost: string }[]> {
  return queryRows(ex, sql`
    select to_char(month, 'YYYY-MM-DD') as month, revenue::text as revenue, cost::text as cost from account_monthly
    where org_id = ${orgId} and account_id = ${accountId}::uuid and month >= ${fromMonth}::date and month <= ${toMonth}::date order by month`);
}

/** Whether a user of the organisation exists (scope terms name people by id). */
export async function userName(ex: Executor, orgId: string, id: string): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(ex, sql`select name from users where org_id = ${orgId} and id = ${id}::uuid`);
  return row?.name ?? null;
}
