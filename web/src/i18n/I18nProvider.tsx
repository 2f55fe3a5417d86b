import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import en from './en.json';
import { initialLocale, rememberLocale, type Locale } from './locale';
import { INTL_LOCALE } from '../format';

export type Messages = Record<keyof typeof en, string>;

/** English ships in the entry chunk; the other languages load when chosen. */
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Messages }>> = {
  de: () => import('./de.json'),
  pl: () => import('./pl.json'),
  sv: () => import('./sv.json'),
  hi: () => import('./hi.json'),
};

interface LocaleContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleContextValue>({ locale: 'en', setLocale: () => undefined });

export function useLocale(): LocaleContextValue {
  return useContext(LocaleContext);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState<Locale>(initialLocale);
  const [loaded, setLoaded] = useState<{ locale: Locale; messages: Messages }>({ locale: 'en', messages: en });

  useEffect(() => {
    let cancelled = false;
    if (wanted === 'en') {
      setLoaded({ locale: 'en', messages: en });
      return;
    }
    loaders[wanted]()
      .then((m) => {
        if (!cancelled) setLoaded({ locale: wanted, messages: m.default });
      })
      .catch(() => {
        if (!cancelled) setLoaded({ locale: 'en', messages: en });
      });
    return () => {
      cancelled = true;
    };
  }, [wanted]);

  useEffect(() => {
    document.documentElement.lang = loaded.locale;
  }, [loaded.locale]);

  const setLocale = useCallback((locale: Locale) => {
    rememberLocale(locale);
    setWanted(locale);
  }, []);

  const value = useMemo(() => ({ locale: loaded.locale, setLocale }), [loaded.locale, setLocale]);

  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={INTL_LOCALE[loaded.locale]} messages={loaded.messages} defaultLocale="en-US">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
