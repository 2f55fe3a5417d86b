import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, type FieldError } from '../../core/errors.ts';
import { formatMoney, parseMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { getVisibleAccount } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { getOrganisationCurrency } from '../users/service.ts';
import { costRoles, monthsBetween, netProfitability, type RoleRates, type TimeSpent } from './costs.ts';
import type { CostRates, CostRatesPut, CostToServeQuery } from './schemas.ts';
import * as store from './store.ts';

/**
 * Sources of time spent on accounts (interactions now; cases and others later). A module registers
 * one in src/modules/wiring.ts: `registerTimeSource('cases', (ex, orgId, accountId, fromMonth, toMonth, now) => ...)`
 * answering minutes per month ('YYYY-MM') and role for that account, up to `now`.
 */
export type TimeSource = (ex: Executor, orgId: string, accountId: string, fromMonth: string, toMonth: string, now: Date) => Promise<TimeSpent[]>;
const timeSources = new Map<string, TimeSource>();

export function registerTimeSource(name: string, source: TimeSource): void {
  timeSources.set(name, source);
}

async function rates(ex: Executor, orgId: string): Promise<{ currency: string; hourly: RoleRates; version: number; set: boolean }> {
  const row = await store.getRates(ex, orgId);
  const currency = await getOrganisationCurrency(ex, orgId);
  if (!row) return { currency, hourly: {}, version: 1, set: false };
  return { currency, hourly: row.hourly, version: row.version, set: Object.values(row.hourly).some((v) => v !== undefined && BigInt(v) > 0n) };
}

const toView = (r: { currency: string; hourly: RoleRates; version: number }): CostRates => ({
  currency: r.currency,
  hourly: Object.fromEntries(costRoles.map((role) => [role, r.hourly[role] === undefined ? null : formatMoney(BigInt(r.hourly[role]!), r.currency)])),
  version: r.version,
});

/** Everyone may read the rates (they explain the cost on every account page). */
export async function getCostRates(ctx: AppContext, actor: Actor): Promise<CostRates> {
  return toView(await rates(ctx.db, actor.orgId));
}

export async function putCostRates(ctx: AppContext, actor: Actor, version: number, input: CostRatesPut): Promise<CostRates> {
  requireRole(actor, ['admin'], 'change cost rates');
  return ctx.db.transaction(async (tx) => {
    const stored = await store.getRates(tx, actor.orgId, true);
    const before = await rates(tx, actor.orgId);
    checkVersion(stored?.version ?? 1, version);
    const errors: FieldError[] = [];
    const hourly: RoleRates = {};
    for (const role of costRoles) {
      const value = (input.hourly as Record<string, string | null | undefined>)[role];
      if (value === undefined || value === null) continue;
      try {
        const minor = parseMoney(value, before.currency);
        if (minor < 0n) errors.push({ path: `hourly.${role}`, message: 'cannot be negative' });
        else if (minor > 100_000_000n) errors.push({ path: `hourly.${role}`, message: 'is more than a million an hour' });
        else hourly[role] = minor.toString();
      } catch (error) {
        errors.push({ path: `hourly.${role}`, message: (error as Error).message });
      }
    }
    if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
    const now = ctx.clock.now();
    const saved = await store.saveRates(tx, { orgId: actor.orgId, currency: before.currency, hourly, updatedAt: now, version: before.version + 1 });
    const after = toView({ currency: saved.currency, hourly: saved.hourly, version: saved.version });
    await recordChange(tx, actor, now, { action: 'update', entity: 'cost_rates', entityId: actor.orgId, before: toView(before), after });
    return after;
  });
}

const monthOf = (date: Date): string => date.toISOString().slice(0, 7);

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Time spent on the account from every registered source. */
export async function timeSpent(ex: Executor, orgId: string, accountId: string, fromMonth: string, toMonth: string, now: Date): Promise<TimeSpent[]> {
  const all: TimeSpent[] = [];
  for (const source of timeSources.values()) all.push(...(await source(ex, orgId, accountId, fromMonth, toMonth, now)));
  return all;
}

/** Per month: minutes, gross profit, cost to serve and net profit of one account, in the organisation currency. */
export async function getCostToServe(ctx: AppContext, actor: Actor, accountId: string, query: CostToServeQuery) {
  await getVisibleAccount(ctx.db, actor, accountId);
  const now = ctx.clock.now();
  const to = query.to ?? (query.from ? shiftMonth(query.from, 11) : monthOf(now));
  const from = query.from ?? shiftMonth(to, -11);
  if (from > to) throw new AppError('validation', 'from: is after to', { errors: [{ path: 'from', message: 'is after to' }] });
  const months = monthsBetween(from, to);
  if (months.length > 60) throw new AppError('validation', 'to: at most 60 months at a time', { errors: [{ path: 'to', message: 'at most 60 months at a time' }] });
  const priced = await rates(ctx.db, actor.orgId);
  const spent = await timeSpent(ctx.db, actor.orgId, accountId, from, to, now);
  const gp = await store.grossProfitByMonth(ctx.db, actor.orgId, accountId, `${from}-01`, `${to}-01`);
  const figures = netProfitability(months, gp, spent, priced.hourly);
  const money = (v: bigint) => formatMoney(v, priced.currency);
  const sum = (pick: (f: (typeof figures)[number]) => bigint) => figures.reduce((total, f) => total + pick(f), 0n);
  return {
    accountId,
    currency: priced.currency,
    from,
    to,
    ratesSet: priced.set,
    months: figures.map((f) => ({ month: f.month, minutes: f.minutes, grossProfit: money(f.grossProfit), costToServe: money(f.costToServe), netProfit: money(f.netProfit) })),
    totals: {
      minutes: figures.reduce((total, f) => total + f.minutes, 0),
      grossProfit: money(sum((f) => f.grossProfit)),
      costToServe: money(sum((f) => f.costToServe)),
      netProfit: money(sum((f) => f.netProfit)),
    },
  };
}
