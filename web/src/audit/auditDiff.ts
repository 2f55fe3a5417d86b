export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bookkeeping fields every row carries; a diff that shows them only hides the real change. */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'orgId']);

/**
 * The fields an audited change touched, in the order they first appear: a create lists every
 * field with `before` undefined, a delete every field with `after` undefined. Values that are not
 * objects (or arrays) compare as a whole, under the field name "".
 */
export function diffChanges(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : [{ field: '', before: before ?? undefined, after: after ?? undefined }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => !BOOKKEEPING.has(f) && JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

/** A value as the diff table shows it: text as is, other values as compact JSON, nothing as "". */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
