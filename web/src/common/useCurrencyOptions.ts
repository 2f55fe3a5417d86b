import { useMemo } from 'react';
import { useLocale } from '../i18n/I18nProvider';
import { INTL_LOCALE } from '../format';
import { currencyCodes } from './regions';

/** ISO 4217 codes with their names in the user's language, for a currency picker. */
export function useCurrencyOptions() {
  const { locale } = useLocale();
  return useMemo(() => {
    const names = new Intl.DisplayNames([INTL_LOCALE[locale]], { type: 'currency' });
    return currencyCodes().map((code) => ({ value: code, label: `${code} · ${names.of(code) ?? code}` }));
  }, [locale]);
}
