import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoDate, Nullable, Timestamp, Uuid } from '../../http/schemas.ts';
import { languages, reportNames } from './document.ts';

const literals = <T extends string>(values: readonly T[]) => values.map((v) => Type.Literal(v));

export const ReportParams = Type.Object({ name: Type.Union(literals(reportNames), { description: 'Which report' }) }, { additionalProperties: false });

export const ReportQuery = Type.Object(
  {
    format: Type.Optional(Type.Union(literals(['json', 'csv', 'xlsx', 'pdf'] as const), { default: 'json', description: 'json (default), csv (one table), xlsx (every section), pdf (quarterly-results and account-status)' })),
    period: Type.Optional(Type.String({
      maxLength: 7,
      description: 'A quarter `2026-Q3` or a year `2026` (the annual forecast takes a year). Default: the current quarter (the current year for the annual forecast).',
      examples: ['2026-Q3'],
    })),
    scope: Type.Optional(Type.String({
      maxLength: 300,
      description:
        'Which accounts, always within what you may see. Terms, comma-separated, narrow together: `org` (default, the whole organisation), ' +
        '`team:<userId|me>` (accounts owned by a manager or anyone reporting to them), `person:<userId|me>` (accounts owned by one person), ' +
        '`region:<name>`, `tier:<key|strategic|maintain|develop>` (current tier), `account:<accountId>`. Example: `team:me,tier:key`.',
      examples: ['org', 'team:me', 'region:West,tier:key'],
    })),
    lang: Type.Optional(Type.Union(literals(languages), { description: "Language of titles and labels; default the caller's language" })),
    section: Type.Optional(Type.String({ maxLength: 80, pattern: '^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)?$', description: 'CSV only: the table to export, `section` or `section.table`; default the first' })),
    paper: Type.Optional(Type.Union(literals(['a4', 'letter'] as const), { default: 'a4', description: 'PDF only: A4 or US Letter' })),
  },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof ReportQuery>;

const ColumnType = Type.Union(literals(['text', 'money', 'integer', 'number', 'rate', 'date', 'month'] as const), {
  description: 'money: decimal string in the report currency; rate: decimal-string fraction ("0.125" = 12.5 %); date: YYYY-MM-DD; month: its first day',
});
const CellValue = Nullable(Type.Union([Type.String(), Type.Number()]));
const Column = Type.Object({ key: Type.String(), label: Type.String(), type: ColumnType });
const Table = Type.Object({ key: Type.String(), title: Nullable(Type.String()), columns: Type.Array(Column), rows: Type.Array(Type.Record(Type.String(), CellValue)) });

export const Report = Type.Object(
  {
    report: Type.Union(literals(reportNames)),
    title: Type.String(),
    language: Type.Union(literals(languages)),
    period: Type.Object({ label: Type.String(), from: IsoDate, to: IsoDate }),
    scope: Type.Object({ expression: Type.String(), description: Type.String() }),
    currency: CurrencyCode,
    generatedAt: Timestamp,
    generatedBy: Type.Object({ id: Uuid, name: Type.String() }),
    unavailable: Type.Array(Type.Object({ key: Type.String(), label: Type.String() }), { description: 'Sections this report gains once opportunities, quotas and the forecast exist' }),
    summary: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), type: ColumnType, value: CellValue })),
    sections: Type.Array(Type.Object({ key: Type.String(), title: Type.String(), tables: Type.Array(Table) })),
  },
  {
    $id: 'Report',
    examples: [{
      report: 'quarterly-results', title: 'Quarterly sales results', language: 'en',
      period: { label: '2026-Q3', from: '2026-07-01', to: '2026-09-30' }, scope: { expression: 'org', description: 'Whole organisation' },
      currency: 'USD', generatedAt: '2026-11-23T10:00:00.000Z', generatedBy: { id: '01936b2e-7c1a-7000-8000-0000000000aa', name: 'Dana Director' },
      unavailable: [{ key: 'bookings', label: 'Bookings (needs opportunities)' }],
      summary: [{ key: 'revenue', label: 'Revenue', type: 'money', value: '125000.00' }, { key: 'margin', label: 'Margin', type: 'rate', value: '0.3120' }],
      sections: [{ key: 'byMonth', title: 'By month', tables: [{ key: 'byMonth', title: null, columns: [{ key: 'month', label: 'Month', type: 'month' }, { key: 'revenue', label: 'Revenue', type: 'money' }], rows: [{ month: '2026-07-01', revenue: '41000.00' }] }] }],
    }],
  },
);
