import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { convertMoney, formatMoney, parseMoney } from '../../core/money.ts';
import type { Executor } from '../../db/connection.ts';
import { getVisibleAccount } from '../accounts/service.ts';
import { loadRateBook } from '../fx/service.ts';
import { getOrganisationCurrency } from '../users/service.ts';
import { addMonths, fillMonths, productMix, seasonalNaiveForecast, shareOfWallet, toQuarters, trailingTrend, withYearOverYear, type FamilyFigures, type MonthFigures, type Period } from './dynamics.ts';
import type { AccountDynamics, DynamicsQuery, PortfolioDynamics, PortfolioQuery, Whitespace } from './schemas.ts';
import * as store from './store.ts';
import { choosePeers, rankWhitespace, type AccountMix, type PeerBasis } from './whitespace.ts';

const fraction = (n: number | null): string | null => (n === null ? null : String(n));
const currentMonth = (ctx: AppContext): string => ctx.clock.now().toISOString().slice(0, 7);

interface Window {
  from: string;
  to: string;
  /** The last complete month (trend and forecast use complete periods only). */
  lastComplete: string;
}

/** The window: `years` × 12 months back to the current month, plus a year before it for year-over-year. */
function windowOf(ctx: AppContext, years: number): Window {
  const to = currentMonth(ctx);
  return { from: addMonths(to, -12 * years + 1), to, lastComplete: addMonths(to, -1) };
}

function describePeriods(periods: Period[], currency: string) {
  return periods.map((p) => ({
    period: p.period,
    revenue: formatMoney(p.revenue, currency),
    grossProfit: formatMoney(p.grossProfit, currency),
    margin: fraction(p.margin),
    revenueYoy: fraction(p.revenueYoy),
    grossProfitYoy: fraction(p.grossProfitYoy),
  }));
}

/** Everything but share of wallet, from months loaded one year before the window (for the first year's change). */
function dynamicsOf(window: Window, loaded: MonthFigures[], families: FamilyFigures[], currency: string) {
  const withHistory = fillMonths(loaded, addMonths(window.from, -12), window.to);
  const months = withYearOverYear(withHistory, 12).slice(12);
  const quarterFigures = toQuarters(withHistory);
  const quarters = withYearOverYear(quarterFigures, 4).filter((q) => q.period >= `${window.from.slice(0, 4)}-Q${Math.floor((Number(window.from.slice(5)) - 1) / 3) + 1}`);
  const complete = withHistory.filter((m) => m.month <= window.lastComplete);
  const completeQuarters = toQuarters(complete.filter((m) => m.month <= lastQuarterEnd(window.lastComplete)));
  const trend = trailingTrend(complete);
  return {
    currency,
    from: window.from,
    to: window.to,
    months: describePeriods(months, currency),
    quarters: describePeriods(quarters, currency),
    productMix: productMix(families.filter((f) => f.month >= window.from)).map((q) => ({
      period: q.period,
      families: q.families.map((f) => ({ family: f.family, revenue: formatMoney(f.revenue, currency), share: fraction(f.share) })),
    })),
    trend: {
      slopePerMonth: formatMoney(trend.slopePerMonth, currency),
      relativeSlope: fraction(trend.relativeSlope),
      direction: trend.direction,
      window: { from: addMonths(window.lastComplete, -11), to: window.lastComplete },
    },
    forecast: seasonalNaiveForecast(completeQuarters).map((f) => ({ period: f.period, revenue: formatMoney(f.revenue, currency), grossProfit: formatMoney(f.grossProfit, currency) })),
    withHistory,
  };
}

/** The last month of the last complete quarter on or before `month`. */
function lastQuarterEnd(month: string): string {
  const m = Number(month.slice(5));
  return m % 3 === 0 ? month : addMonths(month, -(m % 3));
}

function walletSeries(window: Window, months: MonthFigures[], wallet: bigint | null, currency: string) {
  return {
    walletEstimate: wallet === null ? null : formatMoney(wallet, currency),
    items: shareOfWallet(months, wallet)
      .filter((s) => s.month >= window.from)
      .map((s) => ({ month: s.month, trailingRevenue: formatMoney(s.trailingRevenue, currency), share: fraction(s.share) })),
  };
}

async function toOrgCurrency(ex: Executor, orgId: string, orgCurrency: string, amounts: { currency: string; amount: bigint }[], onDate: string): Promise<bigint> {
  const book = await loadRateBook(ex, orgId, amounts.map((a) => a.currency), orgCurrency);
  let total = 0n;
  for (const a of amounts) {
    const rate = book.rateOn(a.currency, onDate);
    if (rate === undefined) throw new AppError('unprocessable', `No FX rate for ${a.currency} → ${orgCurrency} in force on ${onDate}; add one with PUT /api/v1/fx-rates/${a.currency}/{effectiveOn}`);
    total += convertMoney(a.amount, a.currency, orgCurrency, rate);
  }
  return total;
}

/** Revenue, gross profit and margin by month and quarter with year-over-year change, product mix, trend, forecast and share of wallet of one account. */
export async function accountDynamics(ctx: AppContext, actor: Actor, accountId: string, query: DynamicsQuery): Promise<AccountDynamics> {
  const account = await getVisibleAccount(ctx.db, actor, accountId);
  const orgCurrency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const window = windowOf(ctx, query.years ?? 3);
  const loadFrom = addMonths(window.from, -12);
  const [months, families] = await Promise.all([
    store.accountMonths(ctx.db, actor.orgId, accountId, loadFrom, window.to),
    store.accountFamilyMonths(ctx.db, actor.orgId, accountId, window.from, window.to),
  ]);
  const { withHistory, ...dynamics } = dynamicsOf(window, months, families, orgCurrency);
  const walletInOwn = account.walletEstimate === null ? null : parseMoney(account.walletEstimate, account.currency);
  const wallet = walletInOwn === null ? null : await toOrgCurrency(ctx.db, actor.orgId, orgCurrency, [{ currency: account.currency, amount: walletInOwn }], toIsoDate(ctx.clock.now()));
  return { accountId, ...dynamics, shareOfWallet: walletSeries(window, withHistory, wallet, orgCurrency) };
}

/** The same over a portfolio: the visible accounts of an owner, a region and/or a tier. */
export async function portfolioDynamics(ctx: AppContext, actor: Actor, query: PortfolioQuery): Promise<PortfolioDynamics> {
  const orgCurrency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const window = windowOf(ctx, query.years ?? 3);
  const filter = { ownerId: query.owner, region: query.region, tier: query.tier };
  const [months, families, wallets, accounts] = await Promise.all([
    store.portfolioMonths(ctx.db, actor, filter, addMonths(window.from, -12), window.to),
    store.portfolioFamilyMonths(ctx.db, actor, filter, window.from, window.to),
    store.portfolioWallets(ctx.db, actor, filter),
    store.portfolioCount(ctx.db, actor, filter),
  ]);
  const { withHistory, ...dynamics } = dynamicsOf(window, months, families, orgCurrency);
  const wallet = wallets.length === 0 ? null : await toOrgCurrency(ctx.db, actor.orgId, orgCurrency, wallets.map((w) => ({ currency: w.currency, amount: w.wallet })), toIsoDate(ctx.clock.now()));
  const walletMonths = fillMonths(months.map((m) => ({ month: m.month, revenue: m.walletRevenue, cost: 0n })), withHistory[0]!.month, window.to);
  return { accounts, ...dynamics, shareOfWallet: walletSeries(window, walletMonths, wallet, orgCurrency) };
}

const BASIS_WHY: Record<PeerBasis, string> = {
  industryAndRegion: 'same industry and region',
  industry: 'same industry',
  region: 'same region',
  productMix: 'nearest by product mix',
};

const MIN_PEERS = 5;
const MAX_PEERS = 25;
const CANDIDATE_LIMIT = 5000;

/**
 * Cross-sell: product families bought by the most similar accounts (over the last 12 months) that
 * this account does not buy, ranked by the revenue they bring in those peers, each with why. Peers
 * are counted, never named (they may be accounts the caller cannot see).
 */
export async function accountWhitespace(ctx: AppContext, actor: Actor, accountId: string): Promise<Whitespace> {
  await getVisibleAccount(ctx.db, actor, accountId);
  const orgCurrency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const to = currentMonth(ctx);
  const from = addMonths(to, -11);
  const segment = await store.accountSegment(ctx.db, actor.orgId, accountId);
  const own = await store.accountFamilyMonths(ctx.db, actor.orgId, accountId, from, to);
  const families = new Map<string, bigint>();
  for (const f of own) families.set(f.family, (families.get(f.family) ?? 0n) + f.revenue);
  const target: AccountMix = { accountId, industry: segment.industry, region: segment.region, families };
  const candidates = await loadCandidates(ctx.db, actor.orgId, target, from);
  const { basis, peers } = choosePeers(target, candidates, { minPeers: MIN_PEERS, maxPeers: MAX_PEERS });
  const chosen = new Set(peers.map((p) => p.accountId));
  const items = rankWhitespace(target, candidates.filter((c) => chosen.has(c.accountId)));
  const money = (v: bigint) => `${formatMoney(v, orgCurrency)} ${orgCurrency}`;
  return {
    accountId,
    currency: orgCurrency,
    window: { from, to },
    basis,
    peers: peers.length,
    items: items.map((i) => ({
      family: i.family,
      peerRevenue: formatMoney(i.peerRevenue, orgCurrency),
      averagePerBuyer: formatMoney(i.averagePerBuyer, orgCurrency),
      buyers: i.buyers,
      penetration: String(i.penetration),
      why: `${i.buyers} of ${i.peers} similar accounts (${BASIS_WHY[basis]}) buy ${i.family}: ${money(i.peerRevenue)} in the last 12 months, ${money(i.averagePerBuyer)} each on average.`,
    })),
  };
}

/** Candidates from the narrowest segment that holds enough accounts with revenue (the pure choosePeers decides among them). */
async function loadCandidates(ex: Executor, orgId: string, target: AccountMix, from: string): Promise<AccountMix[]> {
  const segments: { industry?: string; region?: string }[] = [];
  if (target.industry !== null && target.region !== null) segments.push({ industry: target.industry, region: target.region });
  if (target.industry !== null) segments.push({ industry: target.industry });
  if (target.region !== null) segments.push({ region: target.region });
  for (const segment of segments) {
    const found = await store.familyMixes(ex, orgId, segment, from, CANDIDATE_LIMIT);
    if (found.filter((c) => c.accountId !== target.accountId).length >= MIN_PEERS) return found;
  }
  return store.familyMixes(ex, orgId, {}, from, CANDIDATE_LIMIT);
}
