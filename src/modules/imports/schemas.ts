import { Type, type Static } from '@sinclair/typebox';
import { PageQuery, Timestamp, Uuid } from '../../http/schemas.ts';
import { importKinds } from './tables.ts';

export const ImportKindSchema = Type.Union(importKinds.map((k) => Type.Literal(k)), { description: 'What the file holds' });

export const ImportError = Type.Object(
  {
    row: Type.Integer({ description: 'The row number a spreadsheet shows: the header is 1, the first data row 2' }),
    column: Type.String({ description: 'The column (empty when the whole row or file is at fault)' }),
    value: Type.String({ description: 'The cell as given' }),
    message: Type.String({ description: 'What is wrong' }),
  },
  { $id: 'ImportError' },
);

const summaryFields = {
  id: Uuid,
  kind: ImportKindSchema,
  fileName: Type.String(),
  status: Type.Union([Type.Literal('applied'), Type.Literal('rejected')], { description: 'applied: written; rejected: nothing written' }),
  rowsRead: Type.Integer({ description: 'Data rows read (empty rows are not counted)' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer({ description: 'Rows with at least one error' }),
  errors: Type.Array(Type.Ref(ImportError), { description: 'Every error, up to 1,000 (the rest are counted in errorsNotListed)' }),
  errorsNotListed: Type.Integer(),
  warnings: Type.Array(Type.String(), { description: 'For example unknown columns, which are ignored' }),
};

export const ImportSummary = Type.Object(summaryFields, {
  $id: 'ImportSummary',
  examples: [{
    id: '01936b2e-7c1a-7000-8000-0000000000c1', kind: 'accounts', fileName: 'accounts.csv', status: 'applied', rowsRead: 3, created: 2, updated: 1,
    unchanged: 0, rejected: 0, errors: [], errorsNotListed: 0, warnings: ['Unknown column ignored: Notes'],
  }],
});
export type ImportSummary = Static<typeof ImportSummary>;

export const ImportRun = Type.Object(
  { ...summaryFields, createdAt: Timestamp, createdBy: Type.Union([Uuid, Type.Null()]) },
  { $id: 'ImportRun', description: 'A past import; lists leave `errors` empty, GET /imports/{id} has them' },
);

/** 422: the problem document of a rejected import, with the whole summary as an extension member. */
export const ImportRejected = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    summary: Type.Ref(ImportSummary),
  },
  { $id: 'ImportRejected', description: 'RFC 9457 problem details; `summary` lists every rejected row (row, column, value, message). Nothing was written.' },
);

/** Documentation of the multipart body (the route reads the parts as a stream itself). */
export const ImportUpload = Type.Object(
  {
    kind: ImportKindSchema,
    skipInvalid: Type.Optional(Type.Boolean({ description: 'true: write the valid rows and report the others. Default false: any invalid row rejects the whole file' })),
    sheet: Type.Optional(Type.String({ description: '.xlsx only: the sheet to read (default the first)' })),
    file: Type.String({ format: 'binary', description: 'A .csv (UTF-8, comma or semicolon) or .xlsx file, at most 512 MiB. Send the other fields before the file.' }),
  },
  { required: ['kind', 'file'] },
);

export const ImportListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type ImportListQuery = Static<typeof ImportListQuery>;
