import Big from 'big.js';

/**
 * Money is an integer count of the currency's minor unit (bigint) everywhere inside Patron and a
 * decimal string at the edges ("1234.50"). This module is the one place that converts and rounds.
 */
export type Rounding = 'halfUp' | 'halfEven';

const ROUNDING: Record<Rounding, Big.RoundingMode> = { halfUp: Big.roundHalfUp, halfEven: Big.roundHalfEven };
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const DECIMAL = /^-?\d{1,15}(\.\d+)?$/;
const digitsCache = new Map<string, number>();

export function isCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

/** Number of minor-unit digits of an ISO 4217 currency (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/** Parses an exact decimal amount; more decimals than the currency has is an error, not a rounding. */
export function parseMoney(text: string, currency: string): bigint {
  if (!DECIMAL.test(text)) throw new RangeError(`"${text}" is not a decimal amount like 1234.50`);
  const digits = currencyDigits(currency);
  const [, fraction = ''] = text.replace('-', '').split('.');
  if (fraction.replace(/0+$/, '').length > digits) {
    throw new RangeError(`${currency} amounts have at most ${digits} decimal places`);
  }
  return BigInt(new Big(text).times(10 ** digits).toFixed(0));
}

/** Rounds any decimal to the currency's minor unit. */
export function roundMoney(value: Big.BigSource, currency: string, rounding: Rounding = 'halfUp'): bigint {
  const digits = currencyDigits(currency);
  return BigInt(new Big(value).times(10 ** digits).round(0, ROUNDING[rounding]).toFixed(0));
}

export function formatMoney(minor: bigint, currency: string): string {
  return toDecimal(minor, currency).toFixed(currencyDigits(currency));
}

export function toDecimal(minor: bigint, currency: string): Big {
  return new Big(minor.toString()).div(10 ** currencyDigits(currency));
}

/** Converts at `rate` (units of `to` per unit of `from`) and rounds once, in the target currency. */
export function convertMoney(minor: bigint, from: string, to: string, rate: string, rounding: Rounding = 'halfUp'): bigint {
  if (from === to) return minor;
  return roundMoney(toDecimal(minor, from).times(rate), to, rounding);
}
