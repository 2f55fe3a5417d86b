import { useCallback, useState } from 'react';
import { formErrorsFrom, NO_ERRORS, type FormErrors } from './forms';
import type { MessageId } from './labels';

/**
 * State of a create/edit form: values as text, API field errors (cleared as the user edits the
 * field), checks made in the browser, and the last save error.
 */
export function useRecordForm<V extends Record<string, string>>(initial: V, fields: readonly string[]) {
  const [values, setValues] = useState<V>(initial);
  const [serverErrors, setServerErrors] = useState<FormErrors>(NO_ERRORS);
  const [localErrors, setLocalErrors] = useState<Partial<Record<string, MessageId>>>({});
  const [saveError, setSaveError] = useState<unknown>(null);

  const set = useCallback((field: string, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => {
      if (!(field in e.fields)) return e;
      const rest = { ...e.fields };
      delete rest[field];
      return { ...e, fields: rest };
    });
    setLocalErrors((e) => {
      if (!(field in e)) return e;
      const rest = { ...e };
      delete rest[field];
      return rest;
    });
  }, []);

  const failed = useCallback(
    (error: unknown) => {
      setSaveError(error);
      setServerErrors(formErrorsFrom(error, fields));
    },
    [fields],
  );

  const clearErrors = useCallback(() => {
    setSaveError(null);
    setServerErrors(NO_ERRORS);
  }, []);

  return { values, setValues, set, serverErrors, localErrors, setLocalErrors, saveError, failed, clearErrors };
}

/** Three-way merge after a conflict: fields the user did not touch take the latest stored value. */
export function keepMyEdits<V extends Record<string, string>>(mine: V, oldBase: V, latest: V): V {
  const merged = { ...latest };
  for (const key of Object.keys(mine) as (keyof V)[]) {
    if (mine[key] !== oldBase[key]) merged[key] = mine[key];
  }
  return merged;
}
