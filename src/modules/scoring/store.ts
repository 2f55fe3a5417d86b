import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../core/actor.ts';
import { plainArray } from '../../db/arrays.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import { afterCursor, type CursorValue } from '../../db/paging.ts';
import { accountIsVisible } from '../../db/visibility.ts';
import { accounts } from '../accounts/tables.ts';
import { users } from '../users/tables.ts';
import { criterionKeys, type CriterionKey, type OrganisationScore, type Tier } from './scoring.ts';
import { accountScores, scoreHistory, scoringModels, tierChanges } from './tables.ts';

export type ModelRow = typeof scoringModels.$inferSelect;
export type ScoreRow = typeof accountScores.$inferSelect;

/** The database column of each criterion's raw value in account_scores. */
export const criterionColumn = (key: CriterionKey): string => accountScores[key].name;

export async function latestModel(ex: Executor, orgId: string): Promise<ModelRow | undefined> {
  const [row] = await ex.select().from(scoringModels).where(eq(scoringModels.orgId, orgId)).orderBy(desc(scoringModels.number)).limit(1);
  return row;
}

export async function getModelById(ex: Executor, orgId: string, id: string): Promise<ModelRow | undefined> {
  const [row] = await ex.select().from(scoringModels).where(and(eq(scoringModels.orgId, orgId), eq(scoringModels.id, id)));
  return row;
}

export async function listModels(ex: Executor, orgId: string): Promise<ModelRow[]> {
  return ex.select().from(scoringModels).where(eq(scoringModels.orgId, orgId)).orderBy(desc(scoringModels.number)).limit(500);
}

export async function insertModel(ex: Executor, row: typeof scoringModels.$inferInsert): Promise<ModelRow> {
  const [created] = await ex.insert(scoringModels).values(row).returning();
  return created!;
}

export interface ScoringInputs {
  orgId: string;
  asOf: string;
  orgCurrency: string;
  /** Minor-unit digits of every currency the organisation's accounts use. */
  currencyDigits: Record<string, number>;
  accountIds?: string[];
}

/**
 * The raw criteria of each live account, as of a date: trailing-12-month revenue and gross profit
 * (from the monthly rollups, in the organisation's currency's major units), margin, growth over the
 * previous 12 months, the wallet estimate converted at the latest FX rate, strategic attributes,
 * share of wallet and the share of the seven buying roles covered by a positive relationship.
 * Open severe cases count the account's open severity-1/2 cases; contact recency is the days since
 * its last interaction up to the date (null when never contacted).
 */
function rawCriteriaSql(inputs: ScoringInputs): SQL {
  const digits = Object.entries(inputs.currencyDigits);
  const digitsTable = digits.length > 0 ? sql.join(digits.map(([c, d]) => sql`(${c}::text, ${d}::int)`), sql`, `) : sql`('XXX'::text, 2::int)`;
  const orgScale = 10 ** (inputs.currencyDigits[inputs.orgCurrency] ?? 2);
  // The live path scores a few accounts: every CTE reads only their rows.
  const only = (column: string) => (inputs.accountIds ? sql`and ${sql.raw(column)} in ${inputs.accountIds}` : sql``);
  const onlyAccounts = only('a.id');
  return sql`
    bounds as (
      select (date_trunc('month', ${inputs.asOf}::date) - interval '11 months')::date as cur_from,
             (date_trunc('month', ${inputs.asOf}::date) - interval '23 months')::date as prev_from,
             date_trunc('month', ${inputs.asOf}::date)::date as cur_to
    ),
    rollup as (
      select m.account_id,
             sum(m.revenue) filter (where m.month >= b.cur_from) as revenue,
             sum(m.revenue - m.cost) filter (where m.month >= b.cur_from) as gross_profit,
             sum(m.revenue) filter (where m.month < b.cur_from) as prev_revenue
      from account_monthly m cross join bounds b
      where m.org_id = ${inputs.orgId} and m.month >= b.prev_from and m.month <= b.cur_to ${only('m.account_id')}
      group by m.account_id
    ),
    coverage as (
      select account_id, count(distinct buying_role) filter (where relationship_strength > 0)::float8 / 7 as coverage
      from contacts where org_id = ${inputs.orgId} and deleted_at is null and buying_role is not null ${only('account_id')}
      group by account_id
    ),
    severe as (
      select account_id, count(*)::float8 as severe_cases
      from cases where org_id = ${inputs.orgId} and severity <= 2 and status in ('open', 'in_progress') ${only('account_id')}
      group by account_id
    ),
    contacted as (
      select account_id, max((occurred_at at time zone 'UTC')::date) as last_contact
      from interactions
      where org_id = ${inputs.orgId} and deleted_at is null and (occurred_at at time zone 'UTC')::date <= ${inputs.asOf}::date ${only('account_id')}
      group by account_id
    ),
    served as (
      -- cost to serve: minutes people spent on the account (interactions they took part in, case work),
      -- priced by their role's hourly rate (organisation currency, minor units), as the costs module does
      select t.account_id, sum(t.minutes * coalesce((r.hourly ->> u.role)::numeric, 0)) / 60 as cost
      from (
        select i.account_id, p.user_id, i.minutes
        from interactions i cross join bounds b
        join lateral (select iu.user_id from interaction_users iu where iu.org_id = i.org_id and iu.interaction_id = i.id union select i.created_by) p on true
        where i.org_id = ${inputs.orgId} and i.deleted_at is null and i.minutes > 0 ${only('i.account_id')}
          and i.occurred_at >= b.cur_from::timestamp at time zone 'UTC' and i.occurred_at < (${inputs.asOf}::date + 1)::timestamp at time zone 'UTC'
        union all
        select c.account_id, e.actor_id, e.minutes
        from case_events e join cases c on c.org_id = e.org_id and c.id = e.case_id cross join bounds b
        where e.org_id = ${inputs.orgId} and e.minutes <> 0 ${only('c.account_id')}
          and e.at >= b.cur_from::timestamp at time zone 'UTC' and e.at < (${inputs.asOf}::date + 1)::timestamp at time zone 'UTC'
      ) t
      join users u on u.org_id = ${inputs.orgId} and u.id = t.user_id
      cross join (select coalesce((select hourly from cost_rates where org_id = ${inputs.orgId}), '{}'::jsonb) as hourly) r
      group by t.account_id
    ),
    digits(currency, digits) as (values ${digitsTable}),
    raw as (
      select a.id as account_id,
             coalesce(r.revenue, 0)::float8 / ${orgScale} as revenue,
             coalesce(r.gross_profit, 0)::float8 / ${orgScale} as gross_profit,
             (coalesce(r.gross_profit, 0) - round(coalesce(s.cost, 0)))::float8 / ${orgScale} as net_profit,
             case when r.revenue > 0 then r.gross_profit::float8 / r.revenue end as margin,
             case when r.prev_revenue > 0 then (coalesce(r.revenue, 0) - r.prev_revenue)::float8 / r.prev_revenue end as growth,
             w.wallet,
             a.strategic_fit::float8 as strategic_fit,
             a.reference_value::float8 as reference_value,
             case when w.wallet > 0 then (coalesce(r.revenue, 0)::float8 / ${orgScale}) / w.wallet end as share_of_wallet,
             coalesce(c.coverage, 0) as relationship_coverage,
             coalesce(k.severe_cases, 0) as severe_cases,
             (${inputs.asOf}::date - i.last_contact)::float8 as days_since_contact
      from accounts a
      left join rollup r on r.account_id = a.id
      left join coverage c on c.account_id = a.id
      left join served s on s.account_id = a.id
      left join severe k on k.account_id = a.id
      left join contacted i on i.account_id = a.id
      left join digits d on d.currency = a.currency
      left join lateral (
        select a.wallet_estimate::float8 / power(10, coalesce(d.digits, 2)) *
               case when a.currency = ${inputs.orgCurrency} then 1
                    else (select f.rate::float8 from fx_rates f where f.org_id = a.org_id and f.currency = a.currency and f.effective_on <= ${inputs.asOf}::date order by f.effective_on desc limit 1) end as wallet
      ) w on true
      where a.org_id = ${inputs.orgId} and a.deleted_at is null ${onlyAccounts}
    )`;
}

export interface RawRow extends Record<CriterionKey, number | null> {
  accountId: string;
}

export async function rawCriteria(ex: Executor, inputs: ScoringInputs): Promise<RawRow[]> {
  const columns = sql.join(criterionKeys.map((k) => sql.raw(`${criterionColumn(k)} as "${k}"`)), sql`, `);
  return queryRows<RawRow>(ex, sql`with ${rawCriteriaSql(inputs)} select account_id as "accountId", ${columns} from raw`);
}

/** For one account: how many other accounts' stored values lie below, equal, and are known, per criterion. */
export async function rankCounts(ex: Executor, orgId: string, accountId: string, raw: RawRow) {
  const parts = criterionKeys.flatMap((k) => {
    const column = sql.raw(criterionColumn(k));
    const value = raw[k];
    return [
      sql`count(*) filter (where ${column} < ${value}::float8)::int as ${sql.raw(`"${k}Below"`)}`,
      sql`count(*) filter (where ${column} = ${value}::float8)::int as ${sql.raw(`"${k}Equal"`)}`,
      sql`count(${column})::int as ${sql.raw(`"${k}Known"`)}`,
    ];
  });
  const [row] = await queryRows<Record<string, number>>(ex, sql`select ${sql.join(parts, sql`, `)} from account_scores where org_id = ${orgId} and account_id <> ${accountId}`);
  return row!;
}

export interface TierMove {
  accountId: string;
  fromTier: Tier | null;
  toTier: Tier;
  score: string;
  oldCriteria: Record<string, number> | null;
  newCriteria: Record<string, number>;
}

export interface ScoredAccount {
  raw: RawRow;
  score: OrganisationScore;
}

/**
 * Stores a full recompute in one statement: every account's raw criteria, axes, tier and normalised
 * criteria (one array parameter per column), today's history point, and drops the scores of
 * accounts no longer live. Answers the accounts whose tier moved.
 */
export async function saveAllScores(ex: Executor, run: { orgId: string; modelId: string; asOf: string; computedAt: Date }, scored: readonly ScoredAccount[]): Promise<TierMove[]> {
  const rawColumns = criterionKeys.map(criterionColumn);
  const rawArrays = criterionKeys.map((k) => sql`${plainArray(scored.map((s) => s.raw[k]))}::float8[]`);
  const normalisedArrays = criterionKeys.map((k) => sql`${plainArray(scored.map((s) => s.score.normalised[k]))}::numeric[]`);
  const inputColumns = sql.raw(['account_id', ...rawColumns, 'attractiveness', 'strength', 'score', 'tier', ...criterionKeys.map((k) => `n_${criterionColumn(k)}`)].join(', '));
  const criteriaJson = sql.raw(`jsonb_build_object(${criterionKeys.map((k) => `'${k}', n_${criterionColumn(k)}`).join(', ')})`);
  const columns = sql.raw(rawColumns.join(', '));
  return queryRows<TierMove>(ex, sql`
    with input(${inputColumns}) as (
      select * from unnest(
        ${plainArray(scored.map((s) => s.raw.accountId))}::uuid[], ${sql.join(rawArrays, sql`, `)},
        ${plainArray(scored.map((s) => s.score.attractiveness))}::numeric[], ${plainArray(scored.map((s) => s.score.strength))}::numeric[],
        ${plainArray(scored.map((s) => s.score.score))}::numeric[], ${plainArray(scored.map((s) => s.score.tier))}::text[],
        ${sql.join(normalisedArrays, sql`, `)})
    ),
    previous as (select account_id, tier, criteria from account_scores where org_id = ${run.orgId}),
    dropped as (delete from account_scores s where s.org_id = ${run.orgId} and not exists (select 1 from input n where n.account_id = s.account_id)),
    upserted as (
      insert into account_scores (org_id, account_id, model_id, as_of, ${columns}, attractiveness, strength, score, tier, criteria, computed_at)
      select ${run.orgId}, account_id, ${run.modelId}, ${run.asOf}::date, ${columns}, attractiveness, strength, score, tier, ${criteriaJson}, ${run.computedAt}
      from input
      on conflict (org_id, account_id) do update set
        model_id = excluded.model_id, as_of = excluded.as_of,
        ${sql.raw(rawColumns.map((c) => `${c} = excluded.${c}`).join(', '))},
        attractiveness = excluded.attractiveness, strength = excluded.strength, score = excluded.score, tier = excluded.tier,
        criteria = excluded.criteria, computed_at = excluded.computed_at
      returning account_id, tier, score, attractiveness, strength, criteria
    ),
    history as (
      insert into score_history (org_id, account_id, day, score, attractiveness, strength, tier)
      select ${run.orgId}, account_id, ${run.asOf}::date, score, attractiveness, strength, tier from upserted
      on conflict (org_id, account_id, day) do update set score = excluded.score, attractiveness = excluded.attractiveness, strength = excluded.strength, tier = excluded.tier
    )
    select u.account_id as "accountId", p.tier as "fromTier", u.tier as "toTier", u.score::text as score, p.criteria as "oldCriteria", u.criteria as "newCriteria"
    from upserted u left join previous p on p.account_id = u.account_id
    where p.tier is distinct from u.tier`);
}

export async function upsertScore(ex: Executor, row: typeof accountScores.$inferInsert): Promise<void> {
  const { orgId: _org, accountId: _account, ...changes } = row;
  await ex.insert(accountScores).values(row).onConflictDoUpdate({ target: [accountScores.orgId, accountScores.accountId], set: changes });
  await ex
    .insert(scoreHistory)
    .values({ orgId: row.orgId, accountId: row.accountId, day: row.asOf, score: row.score, attractiveness: row.attractiveness, strength: row.strength, tier: row.tier })
    .onConflictDoUpdate({ target: [scoreHistory.orgId, scoreHistory.accountId, scoreHistory.day], set: { score: row.score, attractiveness: row.attractiveness, strength: row.strength, tier: row.tier } });
}

export async function deleteScores(ex: Executor, orgId: string, accountIds: string[]): Promise<void> {
  if (accountIds.length > 0) await ex.delete(accountScores).where(and(eq(accountScores.orgId, orgId), inArray(accountScores.accountId, accountIds)));
}

export async function getScore(ex: Executor, orgId: string, accountId: string): Promise<ScoreRow | undefined> {
  const [row] = await ex.select().from(accountScores).where(and(eq(accountScores.orgId, orgId), eq(accountScores.accountId, accountId)));
  return row;
}

/** Whether the organisation was ever scored: one index probe, asked on every write and ranking read. */
export async function hasScores(ex: Executor, orgId: string): Promise<boolean> {
  const rows = await ex.select({ accountId: accountScores.accountId }).from(accountScores).where(eq(accountScores.orgId, orgId)).limit(1);
  return rows.length > 0;
}

/** In chunks: a first recompute moves every account into its first tier at once. */
export async function insertTierChanges(ex: Executor, rows: (typeof tierChanges.$inferInsert)[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 2_000) await ex.insert(tierChanges).values(rows.slice(start, start + 2_000));
}

export async function listTierChanges(ex: Executor, orgId: string, accountId: string) {
  return ex.select().from(tierChanges).where(and(eq(tierChanges.orgId, orgId), eq(tierChanges.accountId, accountId))).orderBy(desc(tierChanges.at)).limit(200);
}

export async function listHistory(ex: Executor, orgId: string, accountId: string, from: string) {
  return ex
    .select()
    .from(scoreHistory)
    .where(and(eq(scoreHistory.orgId, orgId), eq(scoreHistory.accountId, accountId), sql`${scoreHistory.day} >= ${from}::date`))
    .orderBy(asc(scoreHistory.day));
}

export interface RankingFilter {
  ownerId?: string;
  tier?: Tier;
  region?: string;
  after?: CursorValue[];
  limit: number;
}

export async function ranking(ex: Executor, actor: Actor, filter: RankingFilter) {
  const conditions: SQL[] = [eq(accountScores.orgId, actor.orgId), accountIsVisible(actor, accountScores.accountId)];
  if (filter.ownerId) conditions.push(eq(accounts.ownerId, filter.ownerId));
  if (filter.tier) conditions.push(eq(accountScores.tier, filter.tier));
  if (filter.region) conditions.push(eq(accounts.region, filter.region));
  if (filter.after) conditions.push(afterCursor(accountScores.score, accountScores.accountId, filter.after, true));
  return ex
    .select({ score: accountScores, name: accounts.name, ownerId: accounts.ownerId, ownerName: users.name, region: accounts.region, stage: accounts.stage })
    .from(accountScores)
    .innerJoin(accounts, and(eq(accounts.orgId, accountScores.orgId), eq(accounts.id, accountScores.accountId)))
    .leftJoin(users, and(eq(users.orgId, accounts.orgId), eq(users.id, accounts.ownerId)))
    .where(and(...conditions))
    .orderBy(desc(accountScores.score), desc(accountScores.accountId))
    .limit(filter.limit + 1);
}

/** Every visible account's position on the matrix, for the portfolio screen (small: one row each). */
export async function portfolio(ex: Executor, actor: Actor) {
  return ex
    .select({ accountId: accountScores.accountId, name: accounts.name, attractiveness: accountScores.attractiveness, strength: accountScores.strength, score: accountScores.score, tier: accountScores.tier, revenue: accountScores.revenue, grossProfit: accountScores.grossProfit })
    .from(accountScores)
    .innerJoin(accounts, and(eq(accounts.orgId, accountScores.orgId), eq(accounts.id, accountScores.accountId)))
    .where(and(eq(accountScores.orgId, actor.orgId), accountIsVisible(actor, accountScores.accountId)))
    .orderBy(desc(accountScores.score))
    .limit(100_000);
}

export async function organisationCurrencies(ex: Executor, orgId: string): Promise<string[]> {
  const rows = await queryRows<{ currency: string }>(ex, sql`select distinct currency from accounts where org_id = ${orgId} union select currency from organisations where id = ${orgId}`);
  return rows.map((r) => r.currency.trim());
}

/** Organisations whose scores were last computed before `day` (the 12-month window has moved). */
export async function organisationsScoredBefore(ex: Executor, day: string): Promise<string[]> {
  const rows = await queryRows<{ orgId: string }>(ex, sql`select org_id as "orgId" from account_scores group by org_id having max(as_of) < ${day}::date`);
  return rows.map((r) => r.orgId);
}

/** One process at a time re-scores an organisation; the others skip it (transaction-scoped lock). */
export async function tryLockOrganisationScores(ex: Executor, orgId: string): Promise<boolean> {
  const [row] = await queryRows<{ locked: boolean }>(ex, sql`select pg_try_advisory_xact_lock(hashtext('patron.scores'), hashtext(${orgId})) as locked`);
  return row?.locked === true;
}
