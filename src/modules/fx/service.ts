import Big from 'big.js';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import { isCurrency } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { recordChange } from '../audit/service.ts';
import { getOrganisationCurrency } from '../users/service.ts';
import type { Role } from '../users/tables.ts';
import { missingRateMessage, RateBook, rateProblem } from './rates.ts';
import type { FxRate, FxRateListQuery, FxRateParams, FxRatePut } from './schemas.ts';
import * as store from './store.ts';

export { RateBook } from './rates.ts';

/** Who sets rates; only the admin removes one. Every role of the organisation reads them. */
export const FX_WRITERS: readonly Role[] = ['admin', 'director'];
const FX_DELETERS: readonly Role[] = ['admin'];

/** Stored as numeric(20,10); served without trailing zeros ("1.0850000000" → "1.085"). */
const normalRate = (rate: string): string => new Big(rate).toFixed();

const toFxRate = (row: store.FxRateRow, orgCurrency: string): FxRate => ({
  currency: row.currency,
  effectiveOn: row.effectiveOn,
  rate: normalRate(row.rate),
  orgCurrency,
  createdAt: row.createdAt.toISOString(),
});

export async function listFxRates(ctx: AppContext, actor: Actor, query: FxRateListQuery): Promise<Page<FxRate>> {
  const limit = query.limit ?? 50;
  const orgCurrency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const rows = await store.listRates(ctx.db, actor.orgId, { currency: query.currency, after: query.cursor ? decodeCursor(query.cursor, 2) : undefined, limit });
  return toPage(rows, limit, (row) => toFxRate(row, orgCurrency), (row) => [row.currency, row.effectiveOn]);
}

/** Sets the rate of a currency from a date: creates it or replaces it; the same rate again changes nothing. */
export async function putFxRate(ctx: AppContext, actor: Actor, params: FxRateParams, input: FxRatePut): Promise<{ rate: FxRate; created: boolean }> {
  requireRole(actor, FX_WRITERS, 'set FX rates');
  const problem = rateProblem(input.rate);
  if (problem) throw invalid('rate', problem);
  return ctx.db.transaction(async (tx) => {
    const orgCurrency = await getOrganisationCurrency(tx, actor.orgId);
    checkCurrency(params.currency, orgCurrency);
    const before = await store.findRate(tx, actor.orgId, params.currency, params.effectiveOn, true);
    if (before && new Big(before.rate).eq(input.rate)) return { rate: toFxRate(before, orgCurrency), created: false };
    const now = ctx.clock.now();
    const after = await store.upsertRate(tx, { orgId: actor.orgId, currency: params.currency, effectiveOn: params.effectiveOn, rate: input.rate, createdAt: now });
    await recordChange(tx, actor, now, { action: before ? 'update' : 'create', entity: 'fx_rate', entityId: `${params.currency}/${params.effectiveOn}`, before, after });
    return { rate: toFxRate(after, orgCurrency), created: !before };
  });
}

export async function deleteFxRate(ctx: AppContext, actor: Actor, params: FxRateParams): Promise<void> {
  requireRole(actor, FX_DELETERS, 'delete FX rates');
  await ctx.db.transaction(async (tx) => {
    const before = await store.findRate(tx, actor.orgId, params.currency, params.effectiveOn, true);
    if (!before) throw notFound('FX rate');
    await store.deleteRate(tx, actor.orgId, params.currency, params.effectiveOn);
    await recordChange(tx, actor, ctx.clock.now(), { action: 'delete', entity: 'fx_rate', entityId: `${params.currency}/${params.effectiveOn}`, before });
  });
}

function checkCurrency(currency: string, orgCurrency: string): void {
  if (!isCurrency(currency)) throw invalid('currency', `${currency} is not an ISO 4217 currency`);
  if (currency === orgCurrency) throw invalid('currency', `${currency} is the organisation's currency; its rate is always 1`);
}

// ---------------------------------------------------------------------------------------------
// For other modules (transactions, reports): conversion rates at a date.

/**
 * The rate in force on `onDate` (the latest effective on or before it): units of the
 * organisation's currency per unit of `currency`; "1" for the organisation's own currency.
 * No such rate → 422 naming the currency and the date.
 */
export async function rateFor(ex: Executor, orgId: string, currency: string, onDate: string, orgCurrency?: string): Promise<string> {
  const own = orgCurrency ?? (await getOrganisationCurrency(ex, orgId));
  if (currency === own) return '1';
  const rate = await store.latestRate(ex, orgId, currency, onDate);
  if (rate === undefined) throw new AppError('unprocessable', missingRateMessage(currency, own, onDate));
  return normalRate(rate);
}

/**
 * Every stored rate of the given currencies, loaded in one query, for resolving many lines in
 * memory (`book.rateOn(currency, date)`, undefined when none is in force).
 */
export async function loadRateBook(ex: Executor, orgId: string, currencies: Iterable<string>, orgCurrency?: string): Promise<RateBook> {
  const own = orgCurrency ?? (await getOrganisationCurrency(ex, orgId));
  const foreign = [...new Set(currencies)].filter((c) => c !== own);
  return new RateBook(own, (await store.ratesOf(ex, orgId, foreign)).map((row) => ({ ...row, rate: normalRate(row.rate) })));
}
