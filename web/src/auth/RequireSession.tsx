import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isApiError } from '../api/client';
import { ErrorState, PageSkeleton } from '../common/states';
import { useLocale } from '../i18n/I18nProvider';
import { isLocale } from '../i18n/locale';
import { useMe } from './session';

/** Renders its children for a signed-in user; otherwise goes to /login?next=<here>. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const { setLocale } = useLocale();
  const appliedFor = useRef<string | null>(null);

  // The language saved on the profile wins over the browser's, once per sign-in.
  useEffect(() => {
    if (me.data && appliedFor.current !== me.data.id) {
      appliedFor.current = me.data.id;
      if (isLocale(me.data.locale)) setLocale(me.data.locale);
    }
  }, [me.data, setLocale]);

  if (me.isPending) return <PageSkeleton />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const here = `${location.pathname}${location.search}`;
      return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
    }
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  return <>{children}</>;
}
