import { SingleBar } from 'cli-progress';
import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../core/actor.ts';
import type { AppContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { queryRows } from '../db/connection.ts';
import { describeColumns } from '../modules/imports/columns.ts';
import { formatFromFileName } from '../modules/imports/reader.ts';
import { runImport, type ImportSummary } from '../modules/imports/service.ts';
import { importKinds, type ImportKind } from '../modules/imports/tables.ts';
import { resolveOrganisation } from './users.ts';

export interface ImportOptions {
  skipInvalid?: boolean;
  sheet?: string;
  org?: string;
  as?: string;
  accounts?: string;
  products?: string;
}

export const importHelp = (): string =>
  '\nColumns (matching ignores case, spaces, underscores and hyphens; an empty cell is "not given"):\n' +
  importKinds.map((kind) => `\n${kind}:\n${describeColumns(kind)}`).join('\n') +
  '\n\nExit codes: 0 applied, 1 rejected (nothing written) or failed, 2 usage error.\n';

/** `patron import <kind> <file>`: files named by --accounts and --products go first, in that order. */
export async function importCommand(ctx: AppContext, kind: ImportKind, file: string, options: ImportOptions): Promise<void> {
  const files: [ImportKind, string][] = [];
  if (options.accounts) files.push(['accounts', options.accounts]);
  if (options.products) files.push(['products', options.products]);
  files.push([kind, file]);
  checkImportFiles(file, options);
  const actor = await importingActor(ctx, options);
  for (const [fileKind, name] of files) {
    const summary = await importFile(ctx, actor, fileKind, name, options);
    printSummary(summary);
    if (summary.status !== 'applied') throw new AppError('unprocessable', `The ${fileKind} import was rejected: nothing from ${path.basename(name)} was written`);
  }
}

/** Usage errors before the database is opened: every named file exists and is a .csv or .xlsx. */
export function checkImportFiles(file: string, options: ImportOptions): void {
  for (const name of [options.accounts, options.products, file]) {
    if (name === undefined) continue;
    if (!fs.existsSync(name) || !fs.statSync(name).isFile()) throw new AppError('validation', `No file ${name}`);
    if (!formatFromFileName(name)) throw new AppError('validation', `${name} is not a .csv or .xlsx file`);
  }
}

/** The CLI imports as a user of the organisation: --as EMAIL, or its first admin. */
async function importingActor(ctx: AppContext, options: ImportOptions): Promise<Actor> {
  const orgId = await resolveOrganisation(ctx, options.org);
  const rows = options.as
    ? await queryRows<{ id: string; role: Actor['role'] }>(ctx.db, sql`select id, role from users where org_id = ${orgId} and lower(email) = lower(${options.as}) and active`)
    : await queryRows<{ id: string; role: Actor['role'] }>(ctx.db, sql`select id, role from users where org_id = ${orgId} and role = 'admin' and active order by created_at, id limit 1`);
  const user = rows[0];
  if (!user) throw new AppError('validation', options.as ? `No active user ${options.as} in this organisation` : 'The organisation has no active admin: pass --as EMAIL');
  return { orgId, userId: user.id, role: user.role, via: 'system' };
}

async function importFile(ctx: AppContext, actor: Actor, kind: ImportKind, file: string, options: ImportOptions): Promise<ImportSummary> {
  const size = fs.statSync(file).size;
  const input = fs.createReadStream(file);
  const started = Date.now();
  const bar = process.stderr.isTTY
    ? new SingleBar({
        stream: process.stderr,
        format: `${kind} {bar} {percentage}% | {rows} rows | {rate} rows/s`,
        hideCursor: true,
        clearOnComplete: false,
      })
    : null;
  let bytes = 0;
  let rows = 0;
  const payload = () => ({ rows: rows.toLocaleString('en'), rate: Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001)).toLocaleString('en') });
  bar?.start(Math.max(size, 1), 0, payload());
  input.on('data', (chunk) => {
    bytes += chunk.length;
    bar?.update(bytes, payload());
  });
  try {
    return await runImport(ctx, actor, {
      kind,
      fileName: path.basename(file),
      input,
      sheet: options.sheet,
      skipInvalid: options.skipInvalid,
      onProgress: (read) => {
        rows = read;
        bar?.update(bytes, payload());
      },
    });
  } finally {
    bar?.update(bytes, payload());
    bar?.stop();
    input.destroy();
  }
}

function printSummary(summary: ImportSummary): void {
  const n = (value: number) => value.toLocaleString('en');
  console.log(
    `${summary.fileName} (${summary.kind}): ${summary.status} — read ${n(summary.rowsRead)}, created ${n(summary.created)}, updated ${n(summary.updated)}, ` +
      `unchanged ${n(summary.unchanged)}, rejected ${n(summary.rejected)}`,
  );
  for (const warning of summary.warnings) console.log(`  warning: ${warning}`);
  for (const error of summary.errors) {
    const where = error.column ? `, ${error.column}` : '';
    const value = error.value ? ` "${error.value}"` : '';
    console.log(`  row ${error.row}${where}${value}: ${error.message}`);
  }
  if (summary.errorsNotListed > 0) console.log(`  … and ${n(summary.errorsNotListed)} more errors`);
}
