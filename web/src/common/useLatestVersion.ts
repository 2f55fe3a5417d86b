import { useState } from 'react';
import { keepMyEdits } from './useRecordForm';

/**
 * The record a form saves against (its version goes in If-Match). After a 412, `reload` fetches the
 * latest version and lays what the user typed over it (`keepMyEdits`): fields they did not touch take
 * the latest stored values, so the next save keeps the other person's change instead of undoing it.
 */
export function useLatestVersion<R extends { version: number }, V extends Record<string, string>>(
  initial: R | null,
  fetchLatest: () => Promise<R>,
  toValues: (record: R | null) => V,
  form: { values: V; setValues: (values: V) => void },
) {
  const [base, setBase] = useState(initial);
  const [reloading, setReloading] = useState(false);
  const reload = async () => {
    setReloading(true);
    try {
      const latest = await fetchLatest();
      form.setValues(keepMyEdits(form.values, toValues(base), toValues(latest)));
      setBase(latest);
    } finally {
      setReloading(false);
    }
  };
  return { version: base?.version ?? 0, reload, reloading };
}
