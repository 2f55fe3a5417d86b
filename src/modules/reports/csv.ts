import { csvLine, type CsvValue } from '../../core/csv.ts';
import type { Cell, ColumnType, ReportDocument, Table } from './document.ts';

/**
 * One table of a report as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read it as
 * UTF-8, header row of the column labels in the report's language). Values stay machine-readable —
 * decimal points, ISO dates — whatever the language; text goes through the formula guard.
 */
export const BOM = '\uFEFF';

/** `section` or `section.table`; the report's first table when not given. */
export function findTable(doc: ReportDocument, name: string | undefined): Table | null {
  if (!name) return doc.sections[0]?.tables[0] ?? null;
  const [sectionKey, tableKey] = name.split('.');
  const section = doc.sections.find((s) => s.key === sectionKey);
  if (!section) return null;
  return tableKey ? (section.tables.find((t) => t.key === tableKey) ?? null) : (section.tables[0] ?? null);
}

export function csvValue(type: ColumnType, value: Cell): CsvValue {
  if (value === null) return null;
  switch (type) {
    case 'money':
    case 'rate':
      return { number: String(value) };
    case 'integer':
    case 'number':
      return typeof value === 'number' ? value : { number: value };
    default:
      return String(value);
  }
}

/** The table's lines, header first, each ending CRLF. */
export function* csvLines(table: Table): Generator<string> {
  yield BOM + csvLine(table.columns.map((c) => c.label));
  for (const row of table.rows) yield csvLine(table.columns.map((c) => csvValue(c.type, row[c.key] ?? null)));
}
