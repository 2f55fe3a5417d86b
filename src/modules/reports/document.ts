import Big from 'big.js';
import { formatMoney } from '../../core/money.ts';

/**
 * Every report is one document: a summary of key figures and sections of tables, each column typed.
 * The JSON answer is the document; the .xlsx, CSV and PDF renderers read nothing else, so a figure
 * on screen, in the workbook and in the PDF is the same value.
 *
 * Cell values by column type: `money` a decimal string in the report currency; `rate` a decimal
 * string fraction ("0.125" = 12.5 %); `integer`/`number` numbers; `date` YYYY-MM-DD; `month` the
 * month's first day; `text` text. Null: no value (e.g. a margin without revenue).
 */
export type ColumnType = 'text' | 'money' | 'integer' | 'number' | 'rate' | 'date' | 'month';
export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  type: ColumnType;
}

export interface Table {
  key: string;
  title: string | null;
  columns: Column[];
  rows: Record<string, Cell>[];
}

export interface Section {
  key: string;
  title: string;
  tables: Table[];
}

export interface Kpi {
  key: string;
  label: string;
  type: ColumnType;
  value: Cell;
}

export interface ReportDocument {
  report: ReportName;
  title: string;
  language: Language;
  period: { label: string; from: string; to: string };
  scope: { expression: string; description: string };
  currency: string;
  generatedAt: string;
  generatedBy: { id: string; name: string };
  /** Parts of the report that need modules not yet present (opportunities, quotas, forecast calls). */
  unavailable: { key: string; label: string }[];
  summary: Kpi[];
  sections: Section[];
}

export const reportNames = ['quarterly-results', 'annual-forecast', 'account-status', 'portfolio', 'team-performance'] as const;
export type ReportName = (typeof reportNames)[number];
export const languages = ['en', 'de', 'pl', 'sv', 'hi'] as const;
export type Language = (typeof languages)[number];

/** Minor units → the API's decimal string. */
export const money = (minor: bigint | string, currency: string): string => formatMoney(BigInt(minor), currency);

/** part / whole as a decimal-string fraction (4 places), null when the whole is zero. */
export function rate(part: bigint | string, whole: bigint | string): string | null {
  const w = new Big(whole.toString());
  if (w.eq(0)) return null;
  return new Big(part.toString()).div(w).toFixed(4);
}

/** Relative change from `before` to `after` ("0.2500" = +25 %), null without a base. */
export function change(after: bigint | string, before: bigint | string): string | null {
  if (BigInt(before) <= 0n) return null;
  return rate(BigInt(after) - BigInt(before), before);
}

/** Gross margin: (revenue − cost) / revenue. */
export const margin = (revenue: bigint | string, cost: bigint | string): string | null => rate(BigInt(revenue) - BigInt(cost), revenue);

export const table = (key: string, title: string | null, columns: Column[], rows: Record<string, Cell>[]): Table => ({ key, title, columns, rows });
export const section = (key: string, title: string, ...tables: Table[]): Section => ({ key, title, tables });
