import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type { Actor } from '../core/actor.ts';
import type { AppContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { queryRows } from '../db/connection.ts';
import { languages, reportNames, type Language, type ReportName } from '../modules/reports/document.ts';
import { buildReport, renderReport } from '../modules/reports/service.ts';
import { resolveOrganisation } from './users.ts';

export interface ReportOptions {
  period?: string;
  scope?: string;
  format?: string;
  out?: string;
  as?: string;
  org?: string;
  lang?: string;
  section?: string;
  paper?: string;
}

const FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

export const reportHelp = (): string => `
Reports: ${reportNames.join(', ')}
  --period  a quarter 2026-Q3 or a year 2026 (default: the current quarter; the current year for annual-forecast)
  --scope   org | team:<userId|me> | person:<userId|me> | region:<name> | tier:<tier> | account:<id>, comma-separated to narrow
  --format  json (default) | csv (one table: --section) | xlsx | pdf (quarterly-results, account-status; --paper a4|letter)
  --out     a file (default: stdout; xlsx and pdf need --out)
  --as      the user whose view the report takes (default: the first admin)
Example: patron report quarterly-results --period 2026-Q3 --scope team:me --as manager@patron.example --format xlsx --out q3.xlsx`;

/** Checks what can be checked before opening the database (exit 2 on a usage error). */
export function checkReportOptions(name: string, options: ReportOptions): { name: ReportName; format: Format } {
  if (!(reportNames as readonly string[]).includes(name)) throw new AppError('validation', `unknown report "${name}": one of ${reportNames.join(', ')}`);
  const format = (options.format ?? 'json') as Format;
  if (!FORMATS.includes(format)) throw new AppError('validation', `--format is one of ${FORMATS.join(', ')}`);
  if ((format === 'xlsx' || format === 'pdf') && !options.out) throw new AppError('validation', `--format ${format} needs --out FILE`);
  if (options.lang && !(languages as readonly string[]).includes(options.lang)) throw new AppError('validation', `--lang is one of ${languages.join(', ')}`);
  if (options.paper && options.paper !== 'a4' && options.paper !== 'letter') throw new AppError('validation', '--paper is a4 or letter');
  return { name: name as ReportName, format };
}

/** The user whose view the report takes: --as EMAIL (their visibility applies), or the first admin. */
async function reportingActor(ctx: AppContext, options: ReportOptions): Promise<Actor> {
  const orgId = await resolveOrganisation(ctx, options.org);
  const [user] = options.as
    ? await queryRows<{ id: string; role: Actor['role'] }>(ctx.db, sql`select id, role from users where org_id = ${orgId} and lower(email) = lower(${options.as}) and active`)
    : await queryRows<{ id: string; role: Actor['role'] }>(ctx.db, sql`select id, role from users where org_id = ${orgId} and role = 'admin' and active order by created_at, id limit 1`);
  if (!user) throw new AppError('validation', options.as ? `No active user ${options.as} in this organisation` : 'The organisation has no active admin: pass --as EMAIL');
  return { orgId, userId: user.id, role: user.role, via: 'session' };
}

/** `patron report <name>`: the report to --out or stdout. */
export async function reportCommand(ctx: AppContext, reportName: string, options: ReportOptions, stdout: Writable = process.stdout): Promise<void> {
  const { name, format } = checkReportOptions(reportName, options);
  const actor = await reportingActor(ctx, options);
  const doc = await buildReport(ctx, actor, name, { period: options.period, scope: options.scope, lang: options.lang as Language | undefined });
  const body = format === 'json'
    ? Readable.from([`${JSON.stringify(doc, null, 2)}\n`])
    : renderReport(doc, format, { section: options.section, paper: options.paper as 'a4' | 'letter' | undefined }).body;
  if (options.out) {
    await pipeline(body, createWriteStream(options.out));
    console.error(`Wrote ${doc.title} (${doc.period.label}, ${doc.scope.description}) to ${options.out}`);
  } else {
    await pipeline(body, stdout, { end: false });
  }
}
