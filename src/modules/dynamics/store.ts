import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.ts';
import { monthStart } from '../../core/dates.ts';
import { queryRows, type Executor } from '../../db/connection.ts';
import { accountIsVisible } from '../../db/visibility.ts';

/**
 * Reads of the monthly rollups (account_monthly, account_family_monthly: maintained by triggers in
 * the transaction that writes a line, so always current) for dynamics and whitespace.
 */
const toBig = (v: string | number | null): bigint => BigInt(v ?? 0);

export async function accountMonths(ex: Executor, orgId: string, accountId: string, fromMonth: string, toMonth: string) {
  const rows = await queryRows<{ month: string; revenue: string; cost: string }>(ex, sql`
    select to_char(month, 'YYYY-MM') as month, revenue::text as revenue, cost::text as cost from account_monthly
    where org_id = ${orgId} and account_id = ${accountId} and month >= ${monthStart(fromMonth)}::date and month <= ${monthStart(toMonth)}::date
    order by month`);
  return rows.map((r) => ({ month: r.month, revenue: toBig(r.revenue), cost: toBig(r.cost) }));
}

export async function accountFamilyMonths(ex: Executor, orgId: string, accountId: string, fromMonth: string, toMonth: string) {
  const rows = await queryRows<{ family: string; month: string; revenue: string }>(ex, sql`
    select family, to_char(month, 'YYYY-MM') as month, revenue::text as revenue from account_family_monthly
    where org_id = ${orgId} and account_id = ${accountId} and month >= ${monthStart(fromMonth)}::date and month <= ${monthStart(toMonth)}::date`);
  return rows.map((r) => ({ family: r.family, month: r.month, revenue: toBig(r.revenue) }));
}

export interface PortfolioFilter {
  ownerId?: string;
  region?: string;
  tier?: string;
}

function portfolioAccounts(actor: Actor, filter: PortfolioFilter) {
  return sql`
    select a.id, a.wallet_estimate, a.currency from accounts a
    ${filter.tier ? sql`join account_scores s on s.org_id = a.org_id and s.account_id = a.id and s.tier = ${filter.tier}` : sql``}
    where a.org_id = ${actor.orgId} and a.deleted_at is null and ${accountIsVisible(actor, sql`a.id`)}
      ${filter.ownerId ? sql`and a.owner_id = ${filter.ownerId}` : sql``}
      ${filter.region ? sql`and a.region = ${filter.region}` : sql``}`;
}

/** Monthly sums over the visible accounts of a portfolio; `walletRevenue` counts only accounts with a wallet estimate. */
export async function portfolioMonths(ex: Executor, actor: Actor, filter: PortfolioFilter, fromMonth: string, toMonth: string) {
  const rows = await queryRows<{ month: string; revenue: string; cost: string; walletRevenue: string }>(ex, sql`
    with p as (${portfolioAccounts(actor, filter)})
    select to_char(m.month, 'YYYY-MM') as month, sum(m.revenue)::text as revenue, sum(m.cost)::text as cost,
      coalesce(sum(m.revenue) filter (where p.wallet_estimate is not null), 0)::text as "walletRevenue"
    from account_monthly m join p on p.id = m.account_id
    where m.org_id = ${actor.orgId} and m.month >= ${monthStart(fromMonth)}::date and m.month <= ${monthStart(toMonth)}::date
    group by m.month order by m.month`);
  return rows.map((r) => ({ month: r.month, revenue: toBig(r.revenue), cost: toBig(r.cost), walletRevenue: toBig(r.walletRevenue) }));
}

export async function portfolioFamilyMonths(ex: Executor, actor: Actor, filter: PortfolioFilter, fromMonth: string, toMonth: string) {
  const rows = await queryRows<{ family: string; month: string; revenue: string }>(ex, sql`
    with p as (${portfolioAccounts(actor, filter)})
    select f.family, to_char(f.month, 'YYYY-MM') as month, sum(f.revenue)::text as revenue
    from account_family_monthly f join p on p.id = f.account_id
    where f.org_id = ${actor.orgId} and f.month >= ${monthStart(fromMonth)}::date and f.month <= ${monthStart(toMonth)}::date
    group by f.family, f.month`);
  return rows.map((r) => ({ family: r.family, month: r.month, revenue: toBig(r.revenue) }));
}

/** Wallet estimates of the portfolio's accounts, per account currency. */
export async function portfolioWallets(ex: Executor, actor: Actor, filter: PortfolioFilter) {
  const rows = await queryRows<{ currency: string; wallet: string }>(ex, sql`
    with p as (${portfolioAccounts(actor, filter)})
    select currency, sum(wallet_estimate)::text as wallet from p where wallet_estimate is not null group by currency`);
  return rows.map((r) => ({ currency: r.currency, wallet: toBig(r.wallet) }));
}

/**
 * Product-mix vectors (family → revenue from `fromMonth` on) of an organisation's live accounts in
 * a segment (same industry and/or region; neither: any account, the first `limit` by id).
 */
export async function familyMixes(ex: Executor, orgId: string, segment: { industry?: string; region?: string }, fromMonth: string, limit: number) {
  const rows = await queryRows<{ accountId: string; industry: string | null; region: string | null; family: string; revenue: string }>(ex, sql`
    with c as (
      select a.id, a.industry, a.region from accounts a
      where a.org_id = ${orgId} and a.deleted_at is null
        ${segment.industry !== undefined ? sql`and a.industry = ${segment.industry}` : sql``}
        ${segment.region !== undefined ? sql`and a.region = ${segment.region}` : sql``}
      order by a.id limit ${limit}
    )
    select c.id as "accountId", c.industry, c.region, f.family, sum(f.revenue)::text as revenue
    from c join account_family_monthly f on f.org_id = ${orgId} and f.account_id = c.id and f.month >= ${monthStart(fromMonth)}::date
    group by c.id, c.industry, c.region, f.family`);
  const byAccount = new Map<string, { accountId: string; industry: string | null; region: string | null; families: Map<string, bigint> }>();
  for (const r of rows) {
    let account = byAccount.get(r.accountId);
    if (!account) byAccount.set(r.accountId, (account = { accountId: r.accountId, industry: r.industry, region: r.region, families: new Map() }));
    account.families.set(r.family, toBig(r.revenue));
  }
  return [...byAccount.values()];
}

export async function accountSegment(ex: Executor, orgId: string, accountId: string) {
  const [row] = await queryRows<{ industry: string | null; region: string | null }>(ex, sql`select industry, region from accounts where org_id = ${orgId} and id = ${accountId}`);
  return row ?? { industry: null, region: null };
}

export async function portfolioCount(ex: Executor, actor: Actor, filter: PortfolioFilter): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ex, sql`with p as (${portfolioAccounts(actor, filter)}) select count(*)::int as n from p`);
  return row?.n ?? 0;
}
