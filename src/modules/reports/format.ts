import type { Cell, ColumnType, Language } from './document.ts';

/**
 * Cells as a reader of the language expects them (the PDF): money with the currency, rates as
 * percentages, dates in the locale's style. Locale per language: en-US, de-DE, pl-PL, sv-SE, hi-IN.
 */
export const LOCALES: Record<Language, string> = { en: 'en-US', de: 'de-DE', pl: 'pl-PL', sv: 'sv-SE', hi: 'hi-IN' };

export interface Formatter {
  cell(type: ColumnType, value: Cell): string;
  timestamp(iso: string): string;
}

export function formatter(language: Language, currency: string): Formatter {
  const locale = LOCALES[language];
  const moneyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const stamp = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const day = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return {
    cell(type, value) {
      if (value === null || value === '') return '—';
      switch (type) {
        case 'money': return moneyFormat.format(Number(value));
        case 'rate': return percent.format(Number(value));
        case 'integer': return integer.format(Number(value));
        case 'number': return decimal.format(Number(value));
        case 'date': return date.format(day(String(value)));
        case 'month': return month.format(day(String(value)));
        default: return String(value);
      }
    },
    timestamp: (iso) => `${stamp.format(new Date(iso))} UTC`,
  };
}
