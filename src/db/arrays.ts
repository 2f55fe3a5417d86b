/**
 * PostgreSQL array literals ('{a,b,NULL}') built in one pass, for bulk statements of the form
 * `INSERT … SELECT … FROM unnest($1::uuid[], $2::date[], …)`: one bind parameter per column
 * instead of one per value, so a 5,000-row batch is one short statement on both drivers (PGlite and
 * node-postgres pass the literal as text; PostgreSQL's array input parses it).
 */

/** Elements that never need quoting: numbers, bigints, uuids, ISO dates, booleans. */
export function plainArray(values: readonly (string | number | bigint | boolean | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (i > 0) out += ',';
    out += value === null || value === undefined ? 'NULL' : String(value);
  }
  return out + '}';
}

/** Arbitrary text elements: each quoted, with backslashes and double quotes escaped. */
export function textArray(values: readonly (string | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (i > 0) out += ',';
    out += value === null || value === undefined ? 'NULL' : `"${value.replace(/[\\"]/g, '\\$&')}"`;
  }
  return out + '}';
}
