import { LOCALES } from '../api/types';

export type Locale = (typeof LOCALES)[number];

export const LOCALE_STORAGE_KEY = 'patron.locale';

/** The language names as their speakers write them (shown in the switcher, never translated). */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  pl: 'Polski',
  sv: 'Svenska',
  hi: 'हिन्दी',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** First of the browser's preferred languages that Patron speaks (`de-AT` → `de`), else English. */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** The locale for a first visit: a choice made on this device, else the browser's languages. */
export function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage may be disabled; fall through to the browser's languages
  }
  return matchLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // not fatal: the profile keeps the choice for signed-in users
  }
}
