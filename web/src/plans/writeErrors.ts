import type { IntlShape } from 'react-intl';
import { isApiError } from '../api/client';
import { notify } from '../common/notify';

/**
 * The toast after a failed write on the plan, review and handover screens: a stale version (412)
 * says the data was reloaded (the mutations refetch on settle); other problems show their detail.
 */
export function showWriteError(intl: IntlShape, error: unknown): void {
  if (isApiError(error) && error.status === 412) notify(intl, intl.formatMessage({ id: 'work.conflict' }), 'red');
  else if (isApiError(error)) notify(intl, [error.detail ?? error.title, ...error.errors.map((e) => e.message)].filter((v, i, all) => all.indexOf(v) === i).join(' · '), 'red');
  else notify(intl, intl.formatMessage({ id: 'work.failed' }), 'red');
}

/** A field's message from a problem answer, if the API named that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  const found = error.errors.filter((e) => e.path.replace(/^\/?(body[./])?/, '').split(/[./]/)[0] === field);
  return found.length > 0 ? found.map((e) => e.message).join(' ') : undefined;
}
