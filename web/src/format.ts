/**
 * Every number, money amount and date the UI shows goes through these Intl-based formatters,
 * in the user's locale and the record's currency. Money arrives from the API as a decimal string
 * ("1234.50"); it is handed to Intl as that string, never converted to a float first, so large
 * amounts keep every digit.
 */

/** The UI languages and the Intl locale each one formats with. */
export const INTL_LOCALE = { en: 'en-US', de: 'de-DE', pl: 'pl-PL', sv: 'sv-SE', hi: 'hi-IN' } as const;
export type UiLocale = keyof typeof INTL_LOCALE;

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

function intlLocale(locale: string): string {
  return (INTL_LOCALE as Record<string, string>)[locale] ?? locale;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal string as Intl accepts it (it formats strings exactly); anything else → null. */
function decimal(value: string | number | null | undefined): `${number}` | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const trimmed = value.trim();
  return DECIMAL.test(trimmed) ? (trimmed as `${number}`) : null;
}

export function formatMoney(
  value: string | number | null | undefined,
  currency: string,
  locale: string,
  options: { compact?: boolean; fractionDigits?: number } = {},
): string {
  const v = decimal(value);
  if (v === null) return '—';
  const key = `m|${locale}|${currency}|${options.compact ? 1 : 0}|${options.fractionDigits ?? ''}`;
  const f = cached(key, () =>
    new Intl.NumberFormat(intlLocale(locale), {
      style: 'currency',
      currency,
      ...(options.compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
      ...(options.fractionDigits !== undefined ? { minimumFractionDigits: options.fractionDigits, maximumFractionDigits: options.fractionDigits } : {}),
    }),
  );
  return f.format(v);
}

export function formatNumber(value: string | number | null | undefined, locale: string, options: Intl.NumberFormatOptions = {}): string {
  const v = decimal(value);
  if (v === null) return '—';
  const key = `n|${locale}|${JSON.stringify(options)}`;
  return cached(key, () => new Intl.NumberFormat(intlLocale(locale), options)).format(v);
}

export function formatPercent(fraction: string | number | null | undefined, locale: string): string {
  return formatNumber(fraction, locale, { style: 'percent', maximumFractionDigits: 1 });
}

/** A calendar date `YYYY-MM-DD`: shown as that same day whatever the browser's time zone. */
export function formatDate(value: string | null | undefined, locale: string, style: 'medium' | 'short' | 'long' = 'medium'): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return '—';
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return cached(`d|${locale}|${style}`, () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: style, timeZone: 'UTC' })).format(date);
}

/** A month `YYYY-MM` as e.g. "Jan 2026" / "जन॰ 2026". */
export function formatMonth(value: string, locale: string, style: 'short' | 'long' = 'short'): string {
  const m = /^(\d{4})-(\d{2})/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return cached(`mo|${locale}|${style}`, () => new Intl.DateTimeFormat(intlLocale(locale), { month: style, year: 'numeric', timeZone: 'UTC' })).format(date);
}

/** An ISO timestamp in the browser's time zone. */
export function formatDateTime(value: string | null | undefined, locale: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  return cached(`dt|${locale}`, () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' })).format(date);
}

/** A country code (ISO 3166-1 alpha-2) as its name in the user's language. */
export function formatCountry(code: string | null | undefined, locale: string): string {
  if (!code) return '—';
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Shifts a `YYYY-MM` month by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A decimal string as a number for charts only (never for arithmetic on money). */
export function chartNumber(value: string | null | undefined): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** Exact sum of decimal strings (money), as a decimal string with the largest scale seen. */
export function sumDecimals(values: readonly (string | null | undefined)[]): string {
  const parsed = values.filter((v): v is string => !!v && DECIMAL.test(v.trim())).map((v) => v.trim());
  const scale = Math.max(0, ...parsed.map((v) => (v.split('.')[1] ?? '').length));
  let total = 0n;
  for (const v of parsed) {
    const negative = v.startsWith('-');
    const [int = '0', frac = ''] = v.replace('-', '').split('.');
    const units = BigInt(int + frac.padEnd(scale, '0'));
    total += negative ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}
