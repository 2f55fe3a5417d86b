import type { FieldError } from './errors.ts';

/** What one import batch did to stored rows: the same shape for every kind of import. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export const noChanges = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

/**
 * Where each key first stands in a batch; a key seen again is a field error on the later row
 * (path `<row index>.<column>`, as the imports module maps it back to file rows).
 */
export function batchPositions<T>(rows: readonly T[], keyOf: (row: T) => string, column: string): { positions: Map<string, number>; errors: FieldError[] } {
  const positions = new Map<string, number>();
  const errors: FieldError[] = [];
  rows.forEach((row, i) => {
    const key = keyOf(row);
    const earlier = positions.get(key);
    if (earlier !== undefined) errors.push({ path: `${i}.${column}`, message: `${key} is also in row ${earlier} of this batch` });
    else positions.set(key, i);
  });
  return { positions, errors };
}
