/**
 * FX rates: units of the organisation's currency per one unit of a foreign currency, each
 * effective from a date until the next one. Pure: callers load the rates, these pick among them.
 */
export interface DatedRate {
  /** YYYY-MM-DD */
  effectiveOn: string;
  /** Decimal text, e.g. "1.0850". */
  rate: string;
}

const RATE = /^\d{1,10}(\.\d{1,10})?$/;

/** A rate as the API takes it: a positive decimal with at most 10 integer and 10 fraction digits. */
export function rateProblem(text: string): string | null {
  if (!RATE.test(text)) return 'is not a rate like 1.0850 (at most 10 digits before and 10 after the point)';
  if (/^0*(\.0*)?$/.test(text)) return 'must be greater than zero';
  return null;
}

/**
 * The latest rate effective on or before `date` (ISO dates compare as text), or undefined.
 * `rates` must be sorted by effectiveOn ascending; binary search, so a batch of lines resolves fast.
 */
export function pickRate(rates: readonly DatedRate[], date: string): string | undefined {
  let low = 0;
  let high = rates.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (rates[mid]!.effectiveOn <= date) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found < 0 ? undefined : rates[found]!.rate;
}

/** Rates of several currencies, loaded once, resolved in memory. The organisation's currency is always "1". */
export class RateBook {
  private readonly byCurrency = new Map<string, DatedRate[]>();

  constructor(
    readonly orgCurrency: string,
    rows: Iterable<{ currency: string; effectiveOn: string; rate: string }>,
  ) {
    for (const row of rows) {
      let list = this.byCurrency.get(row.currency);
      if (!list) this.byCurrency.set(row.currency, (list = []));
      list.push({ effectiveOn: row.effectiveOn, rate: row.rate });
    }
    for (const list of this.byCurrency.values()) list.sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0));
  }

  rateOn(currency: string, date: string): string | undefined {
    if (currency === this.orgCurrency) return '1';
    const list = this.byCurrency.get(currency);
    return list ? pickRate(list, date) : undefined;
  }
}

export const missingRateMessage = (currency: string, orgCurrency: string, date: string): string =>
  `No FX rate for ${currency} → ${orgCurrency} effective on or before ${date}; add one with PUT /api/v1/fx-rates/${currency}/{effectiveOn}`;
