import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from './labels';

/** Sets the document title ("Accounts · Patron") in the user's language. */
export function usePageTitle(id: MessageId, values?: Record<string, string | number>, extra?: string | null) {
  const intl = useIntl();
  const title = extra ?? intl.formatMessage({ id }, values);
  useEffect(() => {
    document.title = intl.formatMessage({ id: 'app.documentTitle' }, { page: title });
  }, [intl, title]);
}
