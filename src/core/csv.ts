/**
 * CSV as RFC 4180 (comma-separated, CRLF line ends, fields with a comma, quote or line break quoted,
 * quotes doubled), UTF-8. Every export writes its cells through here so that every one carries the
 * formula-injection guard: a text cell starting with = + - @ (or a tab or carriage return, which
 * some spreadsheets also evaluate) is prefixed with an apostrophe so it is shown, never run.
 * Numbers are not text: pass them as numbers, or as `{ number: '-12.50' }` for exact decimals.
 */
export type CsvValue = string | number | bigint | boolean | null | undefined | { number: string };

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell as a spreadsheet should show it: formula starters are escaped with a leading apostrophe. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'object' ? value.number
    : typeof value === 'string' ? guardFormula(value)
    : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole document: header row then rows. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}
