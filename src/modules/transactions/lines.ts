import { convertMoney } from '../../core/money.ts';

/**
 * Pure rules of a revenue line: signs, gross profit, conversion into the organisation currency,
 * and month ranges of the rollups. No I/O.
 */

/** A quantity may be negative only on a return, whose amount is negative too. */
export function quantityProblem(quantity: string, amount: bigint): string | null {
  if (quantity.startsWith('-') && !/^-0*(\.0*)?$/.test(quantity) && amount >= 0n) {
    return 'can be negative only for a return, whose amount is negative';
  }
  return null;
}

/** Gross profit of a line in its own currency: amount − cost (no cost: all of the amount). */
export const grossProfit = (amount: bigint, cost: bigint | null): bigint => amount - (cost ?? 0n);

/**
 * The line in the organisation currency at `rate` (units of the organisation currency per unit of
 * the line's), rounded once per amount. A line without cost has cost 0 in the rollups.
 */
export function toOrgCurrency(amount: bigint, cost: bigint | null, currency: string, orgCurrency: string, rate: string): { amountOrg: bigint; costOrg: bigint } {
  if (currency === orgCurrency) return { amountOrg: amount, costOrg: cost ?? 0n };
  return {
    amountOrg: convertMoney(amount, currency, orgCurrency, rate),
    costOrg: cost === null ? 0n : convertMoney(cost, currency, orgCurrency, rate),
  };
}

/**
 * Month filters of the rollups as first days of months ('2026-01' → '2026-01-01'), both included.
 * Null when `from` is after `to`.
 */
export function monthRange(from?: string, to?: string): { from?: string; to?: string } | null {
  if (from && to && from > to) return null;
  return { from: from ? `${from}-01` : undefined, to: to ? `${to}-01` : undefined };
}

/** '2026-01-01' (a month of a rollup table) → '2026-01'. */
export const toMonth = (firstDay: string): string => firstDay.slice(0, 7);
