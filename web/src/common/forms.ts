import { useCallback, useState } from 'react';
import { isApiError } from '../api/client';

/** Per-field messages from a problem+json answer, keyed by the field name the form uses. */
export interface FormErrors {
  fields: Record<string, string>;
  /** Messages the form cannot place beside a field. */
  general: string[];
}

export const NO_ERRORS: FormErrors = { fields: {}, general: [] };

/** `/name`, `body/name`, `body.name`, `name` → `name` (first segment after an optional `body`). */
export function fieldOf(path: string): string {
  const parts = path.split(/[/.[\]]/).filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  return parts[0] ?? '';
}

export function formErrorsFrom(error: unknown, knownFields: readonly string[]): FormErrors {
  if (!isApiError(error)) return NO_ERRORS;
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const e of error.errors) {
    const field = fieldOf(e.path);
    if (knownFields.includes(field)) fields[field] = fields[field] ? `${fields[field]} ${e.message}` : e.message;
    else general.push(e.path ? `${e.path}: ${e.message}` : e.message);
  }
  return { fields, general };
}

/** Form values as strings (what inputs hold); converted to API bodies on submit. */
export function useFormValues<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const set = useCallback(<K extends keyof T>(field: K, value: T[K]) => setValues((v) => ({ ...v, [field]: value })), []);
  return { values, set, setValues };
}

/** '' → null, otherwise the trimmed text. */
export function textOrNull(value: string): string | null {
  const t = value.trim();
  return t === '' ? null : t;
}

export function intOrNull(value: string): number | null {
  const t = value.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isInteger(n) ? n : null;
}

/** The fields whose value differs between two records (for PATCH bodies and conflict notices). */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): (keyof T)[] {
  return (Object.keys(after) as (keyof T)[]).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}
