import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { AppError } from '../core/errors.ts';

/**
 * Keyset pagination: the cursor holds the sort key and id of the last row served, so a page costs
 * the same at row 10 or row 1,000,000 and inserts between pages never repeat or skip a row.
 */
export type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, expectedLength: number): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === expectedLength &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through
  }
  throw new AppError('bad_cursor', 'The cursor is not one this list gave out; start again without it');
}

/** `(sortColumn, id) > (value, id)` for ascending, `<` for descending. */
export function afterCursor(sortColumn: AnyColumn | SQL, idColumn: AnyColumn, values: CursorValue[], descending: boolean): SQL {
  const [sortValue, id] = values;
  return descending ? sql`(${sortColumn}, ${idColumn}) < (${sortValue}, ${id})` : sql`(${sortColumn}, ${idColumn}) > (${sortValue}, ${id})`;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Fetch limit + 1 rows; the extra one only tells whether there is a next page. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, cursorOf: (row: R) => CursorValue[]): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { items: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null };
}
