import { useMemo } from 'react';
import { useLocale } from '../i18n/I18nProvider';
import { formatCountry, formatDate, formatDateTime, formatMoney, formatMonth, formatNumber, formatPercent } from '../format';

/** The formatters of format.ts bound to the user's current locale. */
export function useFormat() {
  const { locale } = useLocale();
  return useMemo(
    () => ({
      locale,
      money: (value: string | null | undefined, currency: string, options?: { compact?: boolean; fractionDigits?: number }) => formatMoney(value, currency, locale, options),
      number: (value: string | number | null | undefined, options?: Intl.NumberFormatOptions) => formatNumber(value, locale, options),
      percent: (value: string | number | null | undefined) => formatPercent(value, locale),
      date: (value: string | null | undefined) => formatDate(value, locale),
      dateTime: (value: string | null | undefined) => formatDateTime(value, locale),
      month: (value: string) => formatMonth(value, locale),
      country: (code: string | null | undefined) => formatCountry(code, locale),
    }),
    [locale],
  );
}
