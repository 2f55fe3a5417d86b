import { noChanges, type ImportCounts } from '../../core/import-batch.ts';
import { ORG_WIDE_ROLES, type Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { requireRole } from '../../core/permissions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import {
  accountIdsByExternalIds,
  accountParentLinks,
  importAccountsBatch,
  storedAccountsByExternalIds,
  type AccountImportRow,
  type AccountRef,
  visibleAccountIdsAmong,
} from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { contactIdsByExternalIds, importContactsBatch, type ContactImportRow } from '../contacts/service.ts';
import { missingRateMessage, type RateBook } from '../fx/rates.ts';
import { loadRateBook } from '../fx/service.ts';
import { importProductsBatch, productsBySkus, type ProductImportRow } from '../products/service.ts';
import { importTransactionsBatch, type TransactionImportRow } from '../transactions/service.ts';
import { accountsChanged } from '../../core/events.ts';
import { findUserIdByEmail, getOrganisationCurrency } from '../users/service.ts';
import { columnSpecs, matchHeader, templateCsv } from './columns.ts';
import { accountsOnCycles, checkAccountRow, parentsFirst, type AccountLine } from './kinds/accounts.ts';
import { minorUnits, type CellError, type Cells, type Checked } from './kinds/cells.ts';
import { checkContactRow, type ContactLine } from './kinds/contacts.ts';
import { checkProductRow, type ProductLine } from './kinds/products.ts';
import { checkTransactionRow, transactionMoney, type TransactionLine } from './kinds/transactions.ts';
import { FileError, formatFromFileName, readRows, type FileFormat, type ReadEvent } from './reader.ts';
import * as store from './store.ts';
import { importKinds, type ImportKind } from './tables.ts';

export const IMPORT_ROLES = ['admin', 'director', 'manager'] as const;
/** Errors listed per run; the rest are counted in `errorsNotListed`. */
export const MAX_LISTED_ERRORS = 1000;
/** Rows per write: one multi-row upsert each (well under PostgreSQL's 65,535 bind parameters). */
const BATCH_ROWS = 5000;

export interface ImportRequest {
  kind: ImportKind;
  fileName: string;
  input: NodeJS.ReadableStream | Buffer;
  /** Default: from the file name (.csv, .txt → csv; .xlsx → xlsx). */
  format?: FileFormat;
  /** .xlsx: the sheet to read (default the first). */
  sheet?: string;
  /** Write the valid rows and report the others, instead of writing nothing when a row is invalid. */
  skipInvalid?: boolean;
  onProgress?: (rowsRead: number) => void;
}

export interface ImportError {
  /** The row number a spreadsheet shows: the header is 1, the first data row 2. */
  row: number;
  column: string;
  value: string;
  message: string;
}

export interface ImportSummary {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: 'applied' | 'rejected';
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not written because they are invalid (with skipInvalid) or would be (without). */
  rejected: number;
  errors: ImportError[];
  /** Errors beyond the first MAX_LISTED_ERRORS, counted but not listed. */
  errorsNotListed: number;
  warnings: string[];
}

export interface ImportRun extends ImportSummary {
  createdAt: string;
  createdBy: string | null;
}

/** Thrown inside the transaction to roll it back when the import is rejected. */
class Rejected extends Error {}

/** Collects what goes wrong, row by row, capped. */
class Report {
  readonly errors: ImportError[] = [];
  errorsNotListed = 0;
  readonly rejectedRows = new Set<number>();
  readonly warnings: string[] = [];
  fatal = false;

  add(row: number, errors: readonly CellError[]): void {
    this.rejectedRows.add(row);
    for (const error of errors) {
      if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push({ row, ...error });
      else this.errorsNotListed += 1;
    }
  }

  get clean(): boolean {
    return this.rejectedRows.size === 0 && !this.fatal;
  }
}

interface Pending<L> {
  row: number;
  line: L;
}

/** What one kind does with its valid lines: resolve references, report, write. */
interface KindImporter<L> {
  keyColumn: string;
  check(cells: Cells): Checked<L>;
  /** Resolves a batch (reporting rows that refer to nothing) and writes the rest when `write`. */
  flush(batch: Pending<L>[], write: boolean): Promise<void>;
  /** After the last row (accounts write here: parents may come after their children). */
  finish(write: boolean): Promise<void>;
}

interface RunState {
  tx: Executor;
  actor: Actor;
  at: Date;
  importId: string;
  report: Report;
  counts: ImportCounts;
  orgCurrency: string;
  skipInvalid: boolean;
}

/**
 * Imports one file: read (streamed), validate every row, resolve references, write in batches, all
 * in one transaction. Any invalid row rejects the whole file (nothing written) unless skipInvalid.
 * Every run is kept in import_runs, rejected ones too; an applied run also writes an audit row.
 */
export const requireImportRole = (actor: Actor): void => requireRole(actor, IMPORT_ROLES, 'imports');

export async function runImport(ctx: AppContext, actor: Actor, request: ImportRequest): Promise<ImportSummary> {
  requireImportRole(actor);
  if (!importKinds.includes(request.kind)) throw new AppError('validation', `kind must be one of ${importKinds.join(', ')}`, { errors: [{ path: 'kind', message: `must be one of ${importKinds.join(', ')}` }] });
  const format = request.format ?? formatFromFileName(request.fileName);
  if (!format) throw new AppError('validation', 'The file must be a .csv or an .xlsx', { errors: [{ path: 'file', message: 'must be a .csv or an .xlsx' }] });

  const id = newId();
  const at = ctx.clock.now();
  const report = new Report();
  const counts: ImportCounts = noChanges();
  let rowsRead = 0;
  let status: ImportSummary['status'] = 'rejected';
  const summary = (): ImportSummary => ({
    id,
    kind: request.kind,
    fileName: request.fileName,
    status,
    rowsRead,
    ...(status === 'applied' ? counts : noChanges()),
    rejected: report.rejectedRows.size,
    errors: [...report.errors].sort((a, b) => a.row - b.row),
    errorsNotListed: report.errorsNotListed,
    warnings: report.warnings,
  });

  const events = readRows(request.input, { format, sheet: request.sheet });
  try {
    const header = await readHeader(events, request.kind, report);
    if (header) {
      await ctx.db.transaction(async (tx) => {
        const state: RunState = { tx, actor, at, importId: id, report, counts, orgCurrency: await getOrganisationCurrency(tx, actor.orgId), skipInvalid: !!request.skipInvalid };
        const importer = createImporter(request.kind, state) as KindImporter<unknown>;
        const writing = () => state.skipInvalid || report.clean;
        const keys = new Set<string>();
        const keyPosition = header.positions.get(importer.keyColumn)!;
        const width = header.width;
        let batch: Pending<unknown>[] = [];
        let flushing: Promise<void> = Promise.resolve();
        const flush = async (rows: Pending<unknown>[]) => {
          await flushing;
          flushing = importer.flush(rows, writing());
          flushing.catch(() => {}); // awaited below; keeps an early failure from going unhandled
        };
        for await (const chunk of events) {
          for (const event of chunk) {
            if (event.kind === 'error') {
              rowsRead += 1;
              report.add(event.row, [{ column: '', value: '', message: event.message }]);
              if (event.fatal) report.fatal = true;
              continue;
            }
            const cells = toCells(event, header.positions, width);
            if (!cells) continue; // an empty row
            rowsRead += 1;
            const errors: CellError[] = [];
            if (cells.extra) errors.push({ column: '', value: cells.extra, message: `the row has more cells than the header has columns (${width})` });
            const key = event.cells[keyPosition]?.trim();
            if (key) {
              if (keys.has(key)) errors.push({ column: importer.keyColumn, value: key, message: `${key} appears more than once in this file; only its first row counts` });
              else keys.add(key);
            }
            const checked = importer.check(cells.values);
            if (checked.errors) errors.push(...checked.errors);
            if (errors.length > 0) report.add(event.row, errors);
            else batch.push({ row: event.row, line: checked.value });
          }
          if (batch.length >= BATCH_ROWS) {
            await flush(batch);
            batch = [];
          }
          request.onProgress?.(rowsRead);
        }
        await flush(batch);
        await flushing;
        await importer.finish(writing());
        if (!report.clean && (!state.skipInvalid || report.fatal)) throw new Rejected();
        status = 'applied';
        const { errors: _errors, ...audited } = summary();
        await recordChange(tx, actor, at, { action: 'import', entity: 'import', entityId: id, after: { ...audited, errorCount: report.errors.length + report.errorsNotListed } });
      });
    }
  } catch (error) {
    status = 'rejected';
    if (error instanceof FileError) report.add(error.row, [{ column: '', value: '', message: error.message }]);
    else if (!(error instanceof Rejected)) {
      await recordRun(ctx, actor, summary(), at, `The import failed and was rolled back: ${(error as Error).message}`);
      throw error;
    }
  } finally {
    await events.return(undefined).catch(() => {});
  }
  request.onProgress?.(rowsRead);
  const result = summary();
  await recordRun(ctx, actor, result, at);
  return result;
}

/** The report echoes the file's values; PostgreSQL's jsonb cannot hold a NUL character, so it becomes U+FFFD. */
const storable = (summary: ImportSummary): ImportSummary =>
  JSON.parse(JSON.stringify(summary, (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '\uFFFD') : value))) as ImportSummary;

async function recordRun(ctx: AppContext, actor: Actor, summary: ImportSummary, at: Date, warning?: string): Promise<void> {
  const kept = warning ? { ...summary, warnings: [...summary.warnings, warning] } : summary;
  await store.insertImportRun(ctx.db, {
    orgId: actor.orgId,
    id: summary.id,
    kind: summary.kind,
    fileName: summary.fileName,
    status: summary.status,
    summary: storable(kept),
    createdBy: actor.via === 'system' && !isUserId(actor.userId) ? null : actor.userId,
    createdAt: at,
  });
}

const isUserId = (id: string): boolean => id !== '00000000-0000-7000-8000-000000000000';

interface Header {
  positions: Map<string, number>;
  width: number;
}

/** The first row names the columns; a missing required column rejects the file before any row. */
async function readHeader(events: AsyncGenerator<ReadEvent[]>, kind: ImportKind, report: Report): Promise<Header | null> {
  let pending: ReadEvent[] = [];
  while (pending.length === 0) {
    const next = await events.next();
    if (next.done) {
      report.add(1, [{ column: '', value: '', message: 'The file is empty: the first row must name the columns' }]);
      return null;
    }
    pending = next.value;
  }
  const first = pending[0]!;
  if (first.kind === 'error') {
    report.add(first.row, [{ column: '', value: '', message: `the header row cannot be read: ${first.message}` }]);
    return null;
  }
  const match = matchHeader(columnSpecs[kind], first.cells);
  if (match.unknown.length > 0) report.warnings.push(`Unknown column${match.unknown.length > 1 ? 's' : ''} ignored: ${match.unknown.join(', ')}`);
  for (const name of match.missing) report.add(first.row, [{ column: name, value: '', message: `the required column ${name} is missing (the header has ${first.cells.filter(Boolean).join(', ') || 'no names'})` }]);
  for (const name of match.duplicates) report.add(first.row, [{ column: name, value: name, message: 'this column appears twice' }]);
  if (!report.clean) return null;
  // The events after the header in the same chunk: hand them back through the generator's queue.
  const rest = pending.slice(1);
  if (rest.length > 0) unshift(events, rest);
  return { positions: match.positions, width: first.cells.length };
}

/** Puts events back at the front of a generator (the rows that came in the header's chunk). */
function unshift(events: AsyncGenerator<ReadEvent[]>, chunk: ReadEvent[]): void {
  const next = events.next.bind(events);
  let given = false;
  events.next = async (...args: [] | [unknown]) => {
    if (!given) {
      given = true;
      return { done: false, value: chunk };
    }
    return next(...args);
  };
}

/** The row's cells by column name, trimmed; empty cells are absent. Null for an empty row. */
function toCells(event: Extract<ReadEvent, { kind: 'row' }>, positions: Map<string, number>, width: number): { values: Cells; extra: string | null } | null {
  const cells = event.cells;
  let empty = true;
  for (const cell of cells) {
    if (cell.trim() !== '') {
      empty = false;
      break;
    }
  }
  if (empty) return null;
  const values: Record<string, string | undefined> = {};
  for (const [name, position] of positions) {
    const value = cells[position]?.trim();
    values[name] = value === '' ? undefined : value;
  }
  let extra: string | null = null;
  for (let i = width; i < cells.length; i += 1) {
    if (cells[i]!.trim() !== '') {
      extra = cells.slice(width).join(', ');
      break;
    }
  }
  return { values, extra };
}

function createImporter(kind: ImportKind, state: RunState): KindImporter<unknown> {
  switch (kind) {
    case 'accounts':
      return accountsImporter(state) as KindImporter<unknown>;
    case 'contacts':
      return contactsImporter(state) as KindImporter<unknown>;
    case 'products':
      return productsImporter(state) as KindImporter<unknown>;
    case 'transactions':
      return transactionsImporter(state) as KindImporter<unknown>;
  }
}

const addCounts = (counts: ImportCounts, more: ImportCounts): void => {
  counts.created += more.created;
  counts.updated += more.updated;
  counts.unchanged += more.unchanged;
};

/** Cached reference lookups: each key is asked of the database once per import. */
class RefCache<T> {
  private readonly known = new Map<string, T | null>();
  constructor(private readonly lookup: (keys: string[]) => Promise<Map<string, T>>) {}

  async load(keys: Iterable<string>): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !this.known.has(key));
    if (missing.length === 0) return;
    const found = await this.lookup(missing);
    for (const key of missing) this.known.set(key, found.get(key) ?? null);
  }

  get(key: string): T | null {
    return this.known.get(key) ?? null;
  }

  set(key: string, value: T): void {
    this.known.set(key, value);
  }
}

/** Accounts by external id, as the caller may see them: another team's account is "not found". */
function visibleAccounts(tx: Executor, actor: Actor): RefCache<AccountRef> {
  return new RefCache<AccountRef>(async (keys) => {
    const found = await accountIdsByExternalIds(tx, actor.orgId, keys);
    if (ORG_WIDE_ROLES.includes(actor.role) || actor.via === 'system') return found;
    const visible = await visibleAccountIdsAmong(tx, actor, [...found.values()].map((ref) => ref.id));
    return new Map([...found].filter(([, ref]) => visible.has(ref.id)));
  });
}

// --- accounts -------------------------------------------------------------------------------

/**
 * Accounts are collected first and written at the end: a parent may be named before or after its
 * children in the file, cycles must be refused before anything is written, and parents must be
 * written first. An organisation has at most some 100,000 accounts, so this stays small.
 */
function accountsImporter(state: RunState): KindImporter<AccountLine> {
  const lines: Pending<AccountLine>[] = [];
  return {
    keyColumn: 'externalId',
    check: checkAccountRow,
    async flush(batch) {
      lines.push(...batch);
    },
    async finish(write) {
      const { tx, actor, report } = state;
      const stored = await storedAccountsByExternalIds(tx, actor.orgId, [...lines.map((p) => p.line.externalId), ...lines.flatMap((p) => (p.line.parentExternalId ? [p.line.parentExternalId] : []))]);
      const owners = new Map<string, string | null>();
      for (const email of new Set(lines.flatMap((p) => (p.line.ownerEmail ? [p.line.ownerEmail.toLowerCase()] : [])))) {
        owners.set(email, await findUserIdByEmail(tx, actor.orgId, email));
      }
      const visible = await visibleAccountIdsAmong(tx, actor, [...stored.values()].map((ref) => ref.id));
      const valid = new Map<string, { pending: Pending<AccountLine>; row: AccountImportRow }>();
      for (const pending of lines) {
        const { line } = pending;
        const errors: CellError[] = [];
        const before = stored.get(line.externalId);
        if (before && !visible.has(before.id)) errors.push({ column: 'externalId', value: line.externalId, message: 'is an account you cannot see, so you cannot change it' });
        const currency = line.currency ?? before?.currency ?? state.orgCurrency;
        let walletEstimate: bigint | undefined;
        if (line.walletEstimate !== undefined) {
          const minor = minorUnits(line.walletEstimate, currency);
          if (typeof minor === 'string') errors.push({ column: 'walletEstimate', value: line.walletEstimate, message: minor });
          else walletEstimate = minor;
        } else if (before && line.currency && line.currency !== before.currency && before.walletEstimate !== null) {
          errors.push({ column: 'currency', value: line.currency, message: 'changes the currency: give the walletEstimate in the new currency too' });
        }
        let ownerId: string | undefined;
        if (line.ownerEmail) {
          ownerId = owners.get(line.ownerEmail.toLowerCase()) ?? undefined;
          if (!ownerId) errors.push({ column: 'ownerEmail', value: line.ownerEmail, message: 'is not a user of this organisation' });
        }
        if (errors.length > 0) {
          report.add(pending.row, errors);
          continue;
        }
        const { ownerEmail: _email, walletEstimate: _wallet, ...rest } = line;
        valid.set(line.externalId, { pending, row: { ...rest, ownerId, walletEstimate } });
      }

      // Parents: in the file (and valid) or stored; no cycles through stored or imported links.
      const links = await accountParentLinks(tx, actor.orgId);
      const nodeOf = (externalId: string): string => stored.get(externalId)?.id ?? `new:${externalId}`;
      for (;;) {
        let changed = false;
        for (const [externalId, { pending, row }] of valid) {
          const parent = row.parentExternalId;
          if (parent === undefined || valid.has(parent)) continue;
          const storedParent = stored.get(parent);
          const inFile = lines.some((p) => p.line.externalId === parent);
          const message = inFile ? `the parent ${parent} is rejected in this file` : storedParent?.deleted ? `the parent ${parent} is a deleted account` : `no account ${parent} in this file or in the organisation`;
          if (storedParent && !storedParent.deleted) continue;
          report.add(pending.row, [{ column: 'parentExternalId', value: parent, message }]);
          valid.delete(externalId);
          changed = true;
        }
        const parentOf = new Map<string, string>(links);
        for (const { row } of valid.values()) if (row.parentExternalId) parentOf.set(nodeOf(row.externalId), nodeOf(row.parentExternalId));
        const starts = [...valid.values()].filter(({ row }) => row.parentExternalId).map(({ row }) => nodeOf(row.externalId));
        const cyclic = accountsOnCycles(starts, (node) => parentOf.get(node));
        for (const [externalId, { pending, row }] of valid) {
          if (!cyclic.has(nodeOf(externalId))) continue;
          report.add(pending.row, [{ column: 'parentExternalId', value: row.parentExternalId ?? '', message: 'would make the account its own ancestor' }]);
          valid.delete(externalId);
          changed = true;
        }
        if (!changed) break;
      }
      if (!write || (!state.skipInvalid && !report.clean)) return;
      const ordered = parentsFirst([...valid.values()].map((v) => v.row));
      for (let i = 0; i < ordered.length; i += 1000) {
        addCounts(state.counts, await importAccountsBatch(tx, actor, ordered.slice(i, i + 1000), state.at, state.importId));
      }
    },
  };
}

// --- contacts -------------------------------------------------------------------------------

function contactsImporter(state: RunState): KindImporter<ContactLine> {
  const { tx, actor, report } = state;
  const accounts = visibleAccounts(tx, actor);
  const contacts = new RefCache<{ id: string; accountId: string }>((keys) => contactIdsByExternalIds(tx, actor.orgId, keys));
  /** Valid contacts of this file so far: external id → account id. */
  const inFile = new Map<string, string>();
  return {
    keyColumn: 'externalId',
    check: checkContactRow,
    async flush(batch, write) {
      await accounts.load(batch.map((p) => p.line.accountExternalId));
      await contacts.load(batch.flatMap((p) => (p.line.reportsToExternalId && !inFile.has(p.line.reportsToExternalId) ? [p.line.reportsToExternalId] : [])));
      const rows: { row: number; value: ContactImportRow }[] = [];
      for (const { row, line } of batch) {
        const account = accounts.get(line.accountExternalId);
        if (!account) {
          report.add(row, [{ column: 'accountExternalId', value: line.accountExternalId, message: 'no account with this externalId that you can see in the organisation' }]);
          continue;
        }
        if (line.reportsToExternalId) {
          const manager = inFile.get(line.reportsToExternalId) ?? contacts.get(line.reportsToExternalId)?.accountId;
          if (!manager) {
            report.add(row, [{ column: 'reportsToExternalId', value: line.reportsToExternalId, message: 'no contact with this externalId earlier in this file or in the organisation' }]);
            continue;
          }
          if (manager !== account.id) {
            report.add(row, [{ column: 'reportsToExternalId', value: line.reportsToExternalId, message: 'is a contact of another account' }]);
            continue;
          }
        }
        inFile.set(line.externalId, account.id);
        rows.push({
          row,
          value: {
            externalId: line.externalId,
            accountId: account.id,
            name: line.name,
            title: line.title ?? null,
            email: line.email ?? null,
            phone: line.phone ?? null,
            buyingRole: line.buyingRole ?? null,
            reportsToExternalId: line.reportsToExternalId ?? null,
            relationshipStrength: line.relationshipStrength ?? null,
          },
        });
      }
      if (write) await writeWithSavepoint(state, rows, (ex, values) => importContactsBatch(ex, actor, values, state.at, state.importId));
    },
    async finish() {},
  };
}

/**
 * Writes a batch inside a savepoint. A writer that refuses some rows (a validation AppError whose
 * paths start with the row's index in the batch) leaves nothing behind: its rows are reported and,
 * with skipInvalid, the batch is written again without them.
 */
async function writeWithSavepoint<T>(state: RunState, rows: { row: number; value: T }[], write: (ex: Executor, values: T[]) => Promise<ImportCounts>): Promise<void> {
  let remaining = rows;
  while (remaining.length > 0) {
    try {
      const counts = await state.tx.transaction((savepoint) => write(savepoint, remaining.map((r) => r.value)));
      addCounts(state.counts, counts);
      return;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation' || !error.errors?.length) throw error;
      const refused = new Set<number>();
      for (const fieldError of error.errors) {
        const [index, ...path] = fieldError.path.split('.');
        const entry = /^\d+$/.test(index ?? '') ? remaining[Number(index)] : undefined;
        if (entry) {
          refused.add(Number(index));
          state.report.add(entry.row, [{ column: path.join('.'), value: '', message: fieldError.message }]);
        } else {
          // Not one row's fault (a stored record the batch conflicts with): the file cannot be applied.
          state.report.add(remaining[0]!.row, [{ column: '', value: '', message: `${fieldError.path}: ${fieldError.message}` }]);
          state.report.fatal = true;
        }
      }
      if (!state.skipInvalid || state.report.fatal) return;
      remaining = remaining.filter((_r, i) => !refused.has(i));
    }
  }
}

// --- products -------------------------------------------------------------------------------

function productsImporter(state: RunState): KindImporter<ProductLine> {
  return {
    keyColumn: 'sku',
    check: (cells) => checkProductRow(cells, state.orgCurrency),
    async flush(batch, write) {
      if (!write) return;
      const rows = batch.map(({ row, line }) => ({
        row,
        value: { sku: line.sku, name: line.name, family: line.family ?? null, listPrice: line.listPrice ?? null, unitCost: line.unitCost ?? null, currency: line.currency } satisfies ProductImportRow,
      }));
      await writeWithSavepoint(state, rows, (ex, values) => importProductsBatch(ex, state.actor, values, state.at, state.importId));
    },
    async finish() {},
  };
}

// --- transactions ---------------------------------------------------------------------------

/**
 * Transactions stream through in batches: accounts and products are looked up once each (cached),
 * money is read in the line's currency (default the account's), and every line needs an FX rate
 * in force on its date when its currency is not the organisation's.
 */
function transactionsImporter(state: RunState): KindImporter<TransactionLine> {
  const { tx, actor, report } = state;
  const accounts = visibleAccounts(tx, actor);
  const products = new RefCache<{ id: string }>((keys) => productsBySkus(tx, actor.orgId, keys));
  const currencies = new Set<string>([state.orgCurrency]);
  let rates: RateBook | null = null;
  /** Accounts whose lines changed: announced once at the end, so scores follow without a query chain per batch. */
  const touched = new Set<string>();
  return {
    keyColumn: 'externalId',
    check: checkTransactionRow,
    async flush(batch, write) {
      await accounts.load(batch.map((p) => p.line.accountExternalId));
      await products.load(batch.flatMap((p) => (p.line.productSku ? [p.line.productSku] : [])));
      const rows: { row: number; value: TransactionImportRow }[] = [];
      for (const { row, line } of batch) {
        const errors: CellError[] = [];
        const account = accounts.get(line.accountExternalId);
        if (!account) errors.push({ column: 'accountExternalId', value: line.accountExternalId, message: 'no account with this externalId that you can see in the organisation' });
        const product = line.productSku ? products.get(line.productSku) : null;
        if (line.productSku && !product) errors.push({ column: 'productSku', value: line.productSku, message: 'no product with this sku in the organisation' });
        if (!account) {
          report.add(row, errors);
          continue;
        }
        const currency = line.currency ?? account.currency;
        const money = transactionMoney(line, currency);
        if (Array.isArray(money)) errors.push(...money);
        if (!currencies.has(currency)) {
          currencies.add(currency);
          rates = null;
        }
        rates ??= await loadRateBook(tx, actor.orgId, currencies, state.orgCurrency);
        if (rates.rateOn(currency, line.bookedOn) === undefined) {
          errors.push({ column: line.currency ? 'currency' : 'accountExternalId', value: line.currency ?? line.accountExternalId, message: missingRateMessage(currency, state.orgCurrency, line.bookedOn) });
        }
        if (errors.length > 0 || Array.isArray(money)) {
          report.add(row, errors);
          continue;
        }
        rows.push({
          row,
          value: { externalId: line.externalId, accountId: account.id, productId: product?.id ?? null, bookedOn: line.bookedOn, quantity: line.quantity, amount: money.amount, cost: money.cost, currency },
        });
      }
      if (write) {
        await writeWithSavepoint(state, rows, (ex, values) => importTransactionsBatch(ex, actor, values, state.at, state.importId));
        for (const { value } of rows) touched.add(value.accountId);
      }
    },
    async finish(write) {
      if (write) await accountsChanged(tx, actor.orgId, touched, state.at);
    },
  };
}

// --- runs and templates ---------------------------------------------------------------------

export interface ImportRunQuery {
  limit?: number;
  cursor?: string;
}

const toRun = (row: store.ImportRunRow, withErrors: boolean): ImportRun => {
  const summary = row.summary as ImportSummary;
  return {
    ...summary,
    errors: withErrors ? summary.errors : [],
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
};

/** Import runs, newest first. The list leaves out the error lists; one run shows them. */
export async function listImports(ctx: AppContext, actor: Actor, query: ImportRunQuery): Promise<Page<ImportRun>> {
  requireRole(actor, IMPORT_ROLES, 'imports');
  const limit = query.limit ?? 50;
  const beforeId = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await store.listImportRuns(ctx.db, actor.orgId, beforeId, limit);
  return toPage(rows, limit, (row) => toRun(row, false), (row) => [row.id]);
}

/** Another organisation's run is not found (404) for every role; only then does the role matter. */
export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportRun> {
  const row = await store.getImportRun(ctx.db, actor.orgId, id);
  if (!row) throw notFound('Import');
  requireImportRole(actor);
  return toRun(row, true);
}

export function importTemplate(kind: string): string {
  if (!importKinds.includes(kind as ImportKind)) throw notFound(`Template ${kind}.csv`);
  return templateCsv(kind as ImportKind);
}
