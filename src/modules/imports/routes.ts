import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import { AppError, errorCodes } from '../../core/errors.ts';
import type { App } from '../../http/app.ts';
import { problemType } from '../../http/problems.ts';
import { requireActor } from '../../http/request.ts';
import { IdParams, Page, problemResponses } from '../../http/schemas.ts';
import { ImportError, ImportListQuery, ImportRejected, ImportRun, ImportSummary, ImportUpload } from './schemas.ts';
import * as service from './service.ts';
import { importKinds, type ImportKind } from './tables.ts';

export function importRoutes(app: App, ctx: AppContext): void {
  const tags = ['imports'];
  app.addSchema(ImportError);
  app.addSchema(ImportSummary);
  app.addSchema(ImportRun);
  app.addSchema(ImportRejected);

  app.post('/imports', {
    schema: {
      tags,
      summary: 'Import a CSV or .xlsx file of accounts, contacts, products or transactions',
      description:
        'multipart/form-data with the fields `kind`, optional `skipInvalid` and `sheet`, then the file (fields first). ' +
        'Column formats: ../shared/IMPORT-FORMATS.md, templates at GET /imports/templates/{kind}.csv. ' +
        '200: applied. 422: rejected (nothing written); the problem document carries the summary with every bad row. ' +
        '400: the request itself is wrong (no file, unknown kind, not .csv/.xlsx).',
      consumes: ['multipart/form-data'],
      body: ImportUpload,
      response: { 200: Type.Ref(ImportSummary), 422: Type.Ref(ImportRejected), ...problemResponses(400, 401, 403, 413, 415) },
    },
    // The multipart body is read as a stream below; the schema above documents it.
    validatorCompiler: () => () => true,
  }, async (request, reply) => {
    const actor = requireActor(request);
    service.requireImportRole(actor);
    if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
    const fields: Record<string, string> = {};
    let summary: service.ImportSummary | null = null;
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String((part as MultipartValue).value);
        continue;
      }
      const file = part as MultipartFile;
      if (summary) throw new AppError('validation', 'Send one file per import', { errors: [{ path: 'file', message: 'only one file per import' }] });
      const kind = fields.kind;
      if (!kind || !importKinds.includes(kind as ImportKind)) {
        throw new AppError('validation', `The field kind (${importKinds.join(', ')}) must come before the file`, { errors: [{ path: 'kind', message: `must be one of ${importKinds.join(', ')}, sent before the file` }] });
      }
      const skipInvalid = parseFlag(fields.skipInvalid);
      summary = await service.runImport(ctx, actor, { kind: kind as ImportKind, fileName: file.filename || 'upload', input: file.file, skipInvalid, sheet: fields.sheet || undefined });
      if (file.file.truncated) throw new AppError('payload_too_large', 'The file is larger than 512 MiB');
      // A file rejected early (a missing column) is drained, away from any parser, so the request completes.
      file.file.unpipe();
      file.file.resume();
    }
    if (!summary) throw new AppError('validation', 'No file in the request', { errors: [{ path: 'file', message: 'is required' }] });
    if (summary.status === 'applied') return summary;
    const { status, title } = errorCodes.unprocessable;
    return reply
      .status(status)
      .type('application/problem+json')
      .send({ type: problemType('unprocessable'), title, status, detail: rejectionDetail(summary), summary });
  });

  app.get('/imports', {
    schema: { tags, summary: 'Past imports, newest first (without their error lists)', querystring: ImportListQuery, response: { 200: Page(Type.Ref(ImportRun)), ...problemResponses(400, 401, 403) } },
  }, async (request) => service.listImports(ctx, requireActor(request), request.query));

  app.get('/imports/:id', {
    schema: { tags, summary: 'One import with its errors', params: IdParams, response: { 200: Type.Ref(ImportRun), ...problemResponses(401, 403, 404) } },
  }, async (request) => service.getImport(ctx, requireActor(request), request.params.id));

  app.get('/imports/templates/:file', {
    schema: {
      tags,
      summary: 'A CSV template: the header row and one example row',
      description: 'Paths: /imports/templates/accounts.csv, contacts.csv, products.csv, transactions.csv',
      params: Type.Object({ file: Type.String({ pattern: '^[a-z]+\\.csv$', examples: ['accounts.csv'] }) }),
      produces: ['text/csv'],
      response: { 200: Type.String({ description: 'text/csv' }), ...problemResponses(401, 404) },
    },
  }, async (request, reply) => {
    requireActor(request);
    const kind = request.params.file.replace(/\.csv$/, '');
    const csv = service.importTemplate(kind);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${kind}.csv"`).send(csv);
  });
}

function parseFlag(value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new AppError('validation', 'skipInvalid must be true or false', { errors: [{ path: 'skipInvalid', message: 'must be true or false' }] });
}

function rejectionDetail(summary: service.ImportSummary): string {
  const count = summary.rejected;
  return `Nothing was imported: ${count} row${count === 1 ? '' : 's'} of ${summary.fileName} ${count === 1 ? 'is' : 'are'} not valid (see summary.errors)` +
    (summary.errorsNotListed ? `; ${summary.errorsNotListed} more errors are not listed` : '');
}
