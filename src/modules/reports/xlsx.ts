import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { currencyDigits } from '../../core/money.ts';
import type { Cell, ColumnType, Kpi, ReportDocument, Table } from './document.ts';
import type { Translate } from './messages.ts';

/**
 * A report as an .xlsx workbook, written as a stream: a cover sheet (report, scope, period,
 * currency, generated at and by whom, what is not yet available, the key figures), then one sheet
 * per section. Cells are typed: numbers as numbers, money with the currency's number format,
 * rates as percentages, dates as dates. A sheet with one table has a frozen, filtered header row.
 */
const SHEET_NAME_MAX = 31;

export function numberFormat(type: ColumnType, currency: string): string | undefined {
  switch (type) {
    case 'money': {
      const digits = currencyDigits(currency);
      return `#,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''} "${currency}"`;
    }
    case 'rate': return '0.0%';
    case 'integer': return '#,##0';
    case 'number': return '#,##0.00';
    case 'date': return 'yyyy-mm-dd';
    case 'month': return 'yyyy-mm';
    default: return undefined;
  }
}

/** The spreadsheet value of a document cell (same number as the JSON). */
export function excelValue(type: ColumnType, value: Cell): ExcelJS.CellValue {
  if (value === null) return null;
  switch (type) {
    case 'money':
    case 'rate':
    case 'number':
    case 'integer':
      return Number(value);
    case 'date':
    case 'month':
      return new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
    default:
      return String(value);
  }
}

/** Excel's sheet-name rules: ≤ 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetNames(titles: readonly string[], reserved: readonly string[] = []): string[] {
  const used = new Set(reserved.map((r) => r.toLowerCase()));
  return titles.map((title) => {
    const base = (title.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Sheet').slice(0, SHEET_NAME_MAX);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, SHEET_NAME_MAX - String(n).length - 1)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

const width = (value: unknown): number => (value === null || value === undefined ? 0 : value instanceof Date ? 12 : String(value).length + 2);

function writeTable(sheet: ExcelJS.Worksheet, table: Table, currency: string, titled: boolean): void {
  if (titled && table.title) sheet.addRow([table.title]).font = { bold: true, size: 12 };
  const header = sheet.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  const formats = table.columns.map((c) => numberFormat(c.type, currency));
  for (const row of table.rows) {
    const added = sheet.addRow(table.columns.map((c) => excelValue(c.type, row[c.key] ?? null)));
    formats.forEach((format, i) => {
      if (format) added.getCell(i + 1).numFmt = format;
    });
    added.commit();
  }
}

function columnWidths(tables: readonly Table[], currency: string): number[] {
  const widths: number[] = [];
  for (const table of tables) {
    table.columns.forEach((c, i) => {
      const sample = table.rows.slice(0, 500).reduce((w, row) => Math.max(w, width(row[c.key]) + (c.type === 'money' ? currency.length + 4 : 0)), width(c.label));
      widths[i] = Math.min(60, Math.max(widths[i] ?? 8, sample));
    });
  }
  return widths;
}

function writeCover(workbook: ExcelJS.stream.xlsx.WorkbookWriter, doc: ReportDocument, t: Translate, name: string): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 34 }, { width: 60 }];
  sheet.addRow([t('cover.field'), t('cover.value')]).font = { bold: true };
  const rows: [string, ExcelJS.CellValue, string?][] = [
    [t('cover.report'), doc.title],
    [t('cover.scope'), `${doc.scope.description} (${doc.scope.expression})`],
    [t('cover.period'), `${doc.period.label} (${doc.period.from} – ${doc.period.to})`],
    [t('cover.currency'), doc.currency],
    [t('cover.generatedAt'), new Date(doc.generatedAt), 'yyyy-mm-dd hh:mm'],
    [t('cover.generatedBy'), doc.generatedBy.name],
    [t('cover.unavailable'), doc.unavailable.length ? doc.unavailable.map((u) => u.label).join('; ') : t('cover.none')],
  ];
  for (const [field, value, format] of rows) {
    const row = sheet.addRow([field, value]);
    if (format) row.getCell(2).numFmt = format;
    row.getCell(2).alignment = { horizontal: 'left', wrapText: true };
    row.commit();
  }
  sheet.addRow([]).commit();
  sheet.addRow([t('cover.summary')]).font = { bold: true };
  for (const kpi of doc.summary) writeKpi(sheet, kpi, doc.currency);
  sheet.commit();
}

function writeKpi(sheet: ExcelJS.Worksheet, kpi: Kpi, currency: string): void {
  const row = sheet.addRow([kpi.label, excelValue(kpi.type, kpi.value)]);
  const format = numberFormat(kpi.type, currency);
  if (format) row.getCell(2).numFmt = format;
  row.getCell(2).alignment = { horizontal: 'left' };
  row.commit();
}

/** Writes the workbook to `stream` and resolves when it is complete. */
export async function writeWorkbook(doc: ReportDocument, t: Translate, stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Patron';
  workbook.created = new Date(doc.generatedAt);
  const [coverName, ...names] = sheetNames([t('cover.sheet'), ...doc.sections.map((s) => s.title)]);
  writeCover(workbook, doc, t, coverName!);
  doc.sections.forEach((section, i) => {
    const single = section.tables.length === 1 ? section.tables[0]! : null;
    const sheet = workbook.addWorksheet(names[i]!, single ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
    sheet.columns = columnWidths(section.tables, doc.currency).map((w) => ({ width: w }));
    if (single) {
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + single.rows.length, column: single.columns.length } };
      writeTable(sheet, single, doc.currency, false);
    } else {
      for (const table of section.tables) {
        writeTable(sheet, table, doc.currency, true);
        sheet.addRow([]).commit();
      }
    }
    sheet.commit();
  });
  await workbook.commit();
}
