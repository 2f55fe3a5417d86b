import { batchPositions, noChanges, type ImportCounts } from '../../core/import-batch.ts';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { isIsoDate } from '../../core/dates.ts';
import { AppError, invalid, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { formatMoney, isCurrency, parseMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { accountsChanged } from '../../core/events.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { loadRateBook, rateFor } from '../fx/service.ts';
import { missingRateMessage } from '../fx/rates.ts';
import { getOrganisationCurrency } from '../users/service.ts';
import type { Role } from '../users/tables.ts';
import { grossProfit, monthRange, quantityProblem, toMonth, toOrgCurrency } from './lines.ts';
import type { FamilyRollup, MonthlyRollup, RollupQuery, Transaction, TransactionCreate, TransactionListQuery, TransactionUpdate } from './schemas.ts';
import * as store from './store.ts';
import type { NewTransactionRow, TransactionRow, TransactionView } from './store.ts';

/** Who records revenue actuals by hand (and imports them); everyone reads those of accounts they see. */
export const TRANSACTION_WRITERS: readonly Role[] = ['admin', 'director', 'manager'];

export function toTransaction(row: TransactionView, orgCurrency: string): Transaction {
  return {
    id: row.id,
    externalId: row.externalId,
    accountId: row.accountId,
    accountName: row.accountName,
    productId: row.productId,
    productSku: row.productSku,
    productName: row.productName,
    bookedOn: row.bookedOn,
    quantity: normalQuantity(row.quantity),
    amount: formatMoney(row.amount, row.currency),
    cost: row.cost === null ? null : formatMoney(row.cost, row.currency),
    grossProfit: formatMoney(grossProfit(row.amount, row.cost), row.currency),
    currency: row.currency,
    amountOrg: formatMoney(row.amountOrg, orgCurrency),
    costOrg: formatMoney(row.costOrg, orgCurrency),
    orgCurrency,
    importId: row.importId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** numeric(18,4) comes back as "2.0000": served as "2", "1.5". */
function normalQuantity(text: string): string {
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

export async function listTransactions(ctx: AppContext, actor: Actor, query: TransactionListQuery): Promise<Page<Transaction>> {
  const limit = query.limit ?? 50;
  if (query.from && query.to && query.from > query.to) throw invalid('from', 'is after to');
  const orgCurrency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const rows = await store.listTransactions(ctx.db, actor, {
    accountId: query.accountId,
    productId: query.productId,
    from: query.from,
    to: query.to,
    after: query.cursor ? cursorOf(query.cursor) : undefined,
    limit,
  });
  return toPage(rows, limit, (row) => toTransaction(row, orgCurrency), (row) => [row.bookedOn, row.id]);
}

function cursorOf(cursor: string) {
  const values = decodeCursor(cursor, 2);
  if (typeof values[0] !== 'string' || !isIsoDate(values[0]) || typeof values[1] !== 'string' || !/^[0-9a-f-]{36}$/i.test(values[1])) {
    throw new AppError('bad_cursor', 'The cursor is not one this list gave out; start again without it');
  }
  return values;
}

async function getVisible(ex: Executor, actor: Actor, id: string, orgCurrency: string): Promise<Transaction> {
  const row = await store.findVisibleTransaction(ex, actor, id);
  if (!row) throw notFound('Transaction');
  return toTransaction(row, orgCurrency);
}

export async function getTransaction(ctx: AppContext, actor: Actor, id: string): Promise<Transaction> {
  return getVisible(ctx.db, actor, id, await getOrganisationCurrency(ctx.db, actor.orgId));
}

export async function createTransaction(ctx: AppContext, actor: Actor, input: TransactionCreate): Promise<Transaction> {
  requireRole(actor, TRANSACTION_WRITERS, 'record transactions');
  return ctx.db.transaction(async (tx) => {
    const orgCurrency = await getOrganisationCurrency(tx, actor.orgId);
    const values = await lineValues(tx, actor, orgCurrency, null, input);
    const now = ctx.clock.now();
    const row = await store.insertTransaction(tx, {
      ...(values as NewTransactionRow),
      orgId: actor.orgId,
      id: newId(),
      createdAt: now,
      updatedAt: now,
    });
    await recordChange(tx, actor, now, { action: 'create', entity: 'transaction', entityId: row.id, after: row });
    await accountsChanged(tx, actor.orgId, [row.accountId], now);
    return getVisible(tx, { ...actor, via: 'system' }, row.id, orgCurrency);
  });
}

export async function updateTransaction(ctx: AppContext, actor: Actor, id: string, version: number, input: TransactionUpdate): Promise<Transaction> {
  return ctx.db.transaction(async (tx) => {
    const before = await store.lockVisibleTransaction(tx, actor, id);
    if (!before) throw notFound('Transaction');
    requireRole(actor, TRANSACTION_WRITERS, 'change transactions');
    checkVersion(before.version, version);
    const orgCurrency = await getOrganisationCurrency(tx, actor.orgId);
    const values = await lineValues(tx, actor, orgCurrency, before, input);
    const now = ctx.clock.now();
    const after = await store.updateTransaction(tx, actor.orgId, id, values, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'transaction', entityId: id, before, after });
    await accountsChanged(tx, actor.orgId, [before.accountId, after.accountId], now);
    return getVisible(tx, { ...actor, via: 'system' }, id, orgCurrency);
  });
}

export async function deleteTransaction(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await store.lockVisibleTransaction(tx, actor, id);
    if (!before) throw notFound('Transaction');
    requireRole(actor, TRANSACTION_WRITERS, 'delete transactions');
    checkVersion(before.version, version);
    await store.deleteTransaction(tx, actor.orgId, id);
    const now = ctx.clock.now();
    await recordChange(tx, actor, now, { action: 'delete', entity: 'transaction', entityId: id, before });
    await accountsChanged(tx, actor.orgId, [before.accountId], now);
  });
}

/**
 * Checks a new line (current null) or a change against stored data and returns the column values
 * to write: money in minor units of the line's currency, converted into the organisation currency
 * at the FX rate in force on bookedOn (re-converted whenever amount, cost, currency or date change),
 * and the product's family.
 */
async function lineValues(ex: Executor, actor: Actor, orgCurrency: string, current: TransactionRow | null, input: TransactionUpdate): Promise<Partial<NewTransactionRow>> {
  const errors: FieldError[] = [];
  const values: Partial<NewTransactionRow> = {};

  let accountCurrency = '';
  const accountId = input.accountId ?? current?.accountId;
  if (input.accountId !== undefined && input.accountId !== current?.accountId) {
    try {
      accountCurrency = (await getVisibleAccount(ex, actor, input.accountId)).currency;
      values.accountId = input.accountId;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
      errors.push({ path: 'accountId', message: 'is not an account of this organisation that you can see' });
    }
  }
  if (input.productId !== undefined && input.productId !== current?.productId) {
    if (input.productId === null) {
      values.productId = null;
      values.family = null;
    } else {
      const product = await store.findProductRef(ex, actor.orgId, input.productId);
      if (!product) errors.push({ path: 'productId', message: 'is not a product of this organisation' });
      else Object.assign(values, { productId: product.id, family: product.family });
    }
  }
  if (input.externalId !== undefined && input.externalId !== current?.externalId) {
    if (input.externalId !== null && (await store.findTransactionIdByExternalId(ex, actor.orgId, input.externalId))) {
      errors.push({ path: 'externalId', message: 'is already used by another transaction' });
    }
    values.externalId = input.externalId;
  }

  const currency = input.currency ?? current?.currency ?? accountCurrency;
  const currencyOk = currency !== '' && isCurrency(currency);
  if (currency !== '' && !currencyOk) errors.push({ path: 'currency', message: `${currency} is not an ISO 4217 currency` });
  const currencyChanged = current !== null && currency !== current.currency;
  if (currencyChanged && input.amount === undefined) errors.push({ path: 'amount', message: 'give the amount in the new currency too' });
  if (currencyChanged && input.cost === undefined && current.cost !== null) errors.push({ path: 'cost', message: 'give the cost in the new currency too' });

  const money = (field: 'amount' | 'cost', text: string | null | undefined, stored: bigint | null): bigint | null => {
    if (text === undefined) return stored;
    if (text === null || !currencyOk) return null;
    try {
      return parseMoney(text, currency);
    } catch (error) {
      errors.push({ path: field, message: (error as Error).message });
      return null;
    }
  };
  const amount = money('amount', input.amount, current?.amount ?? null) ?? 0n;
  const cost = money('cost', input.cost, current?.cost ?? null);
  const bookedOn = input.bookedOn ?? current!.bookedOn;
  if (!isIsoDate(bookedOn)) errors.push({ path: 'bookedOn', message: `${bookedOn} is not a calendar date` });
  const quantity = input.quantity ?? current?.quantity ?? '1';
  const quantityError = quantityProblem(quantity, amount);
  if (quantityError) errors.push({ path: 'quantity', message: quantityError });
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });

  if (current === null && accountId === undefined) throw invalid('accountId', 'is required');
  Object.assign(values, { bookedOn, quantity, currency });
  if (input.amount !== undefined) values.amount = amount;
  if (input.cost !== undefined) values.cost = cost;
  const reconvert = current === null || input.amount !== undefined || input.cost !== undefined || currency !== current.currency || bookedOn !== current.bookedOn;
  if (reconvert) {
    const rate = await rateFor(ex, actor.orgId, currency, bookedOn, orgCurrency);
    Object.assign(values, toOrgCurrency(amount, cost, currency, orgCurrency, rate));
  }
  return values;
}

// --- Rollup reads ------------------------------------------------------------------------------

export async function getMonthlyRollup(ctx: AppContext, actor: Actor, accountId: string, query: RollupQuery): Promise<MonthlyRollup> {
  await getVisibleAccount(ctx.db, actor, accountId);
  const range = monthRange(query.from, query.to);
  if (!range) throw invalid('from', 'is after to');
  const currency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const rows = await store.monthlyRollup(ctx.db, actor.orgId, accountId, range.from, range.to);
  return {
    currency,
    items: rows.map((row) => ({
      month: toMonth(row.month),
      revenue: formatMoney(row.revenue, currency),
      cost: formatMoney(row.cost, currency),
      grossProfit: formatMoney(row.revenue - row.cost, currency),
      lines: row.lines,
    })),
  };
}

export async function getFamilyRollup(ctx: AppContext, actor: Actor, accountId: string, query: RollupQuery): Promise<FamilyRollup> {
  await getVisibleAccount(ctx.db, actor, accountId);
  const range = monthRange(query.from, query.to);
  if (!range) throw invalid('from', 'is after to');
  const currency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const rows = await store.familyRollup(ctx.db, actor.orgId, accountId, range.from, range.to);
  return {
    currency,
    items: rows.map((row) => {
      const revenue = BigInt(row.revenue);
      const cost = BigInt(row.cost);
      return {
        family: row.family === '' ? null : row.family,
        revenue: formatMoney(revenue, currency),
        cost: formatMoney(cost, currency),
        grossProfit: formatMoney(revenue - cost, currency),
        lines: row.lines,
      };
    }),
  };
}

// --- Import (the imports module validates and resolves the rows; this writes them) -------------

/**
 * A validated, resolved transaction line: the account and product ids looked up already, money in
 * minor units of `currency` (the line's, defaulting to the account's: resolved by the caller).
 */
export interface TransactionImportRow {
  externalId: string;
  accountId: string;
  productId: string | null;
  /** YYYY-MM-DD */
  bookedOn: string;
  /** Decimal text, at most 4 decimals; "1" when the file gives none. */
  quantity: string;
  amount: bigint;
  cost: bigint | null;
  currency: string;
}

/**
 * Upserts a batch of lines by (org_id, external_id) in the caller's transaction, with ONE bulk
 * statement (see store.upsertLines); amounts are converted at the FX rate in force on each line's
 * date (rates loaded once per batch), the family copied from the product. No per-row audit: the
 * imports module records the run. Nor are the accounts announced (core/events accountsChanged,
 * which re-scores them one by one): the caller refreshes scores once per run. Rows the writer refuses (duplicate external ids in the batch, no
 * FX rate, an account the caller may not see) throw one validation AppError whose paths are
 * `<row index>.<column>`, before anything is written.
 */
export async function importTransactionsBatch(tx: Executor, actor: Actor, rows: readonly TransactionImportRow[], at: Date, importId: string): Promise<ImportCounts> {
  requireRole(actor, TRANSACTION_WRITERS, 'import transactions');
  if (rows.length === 0) return noChanges();
  // PGlite runs on this thread and a chain of its queries never yields to the event loop (a
  // 200,000-line import froze it for the whole run): give timers and other requests a turn per batch.
  await new Promise((resolve) => setImmediate(resolve));
  const { positions: seen, errors } = batchPositions(rows, (row) => row.externalId, 'externalId');
  const currencies = new Set(rows.map((row) => row.currency));
  const orgCurrency = await getOrganisationCurrency(tx, actor.orgId);
  const book = await loadRateBook(tx, actor.orgId, currencies, orgCurrency);

  const lines: store.BulkLine[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i]!;
    if (!isIsoDate(row.bookedOn)) {
      errors.push({ path: `${i}.bookedOn`, message: `${row.bookedOn} is not a calendar date` });
      continue;
    }
    const quantityError = quantityProblem(row.quantity, row.amount);
    if (quantityError) errors.push({ path: `${i}.quantity`, message: quantityError });
    const rate = book.rateOn(row.currency, row.bookedOn);
    if (rate === undefined) {
      errors.push({ path: `${i}.currency`, message: missingRateMessage(row.currency, orgCurrency, row.bookedOn) });
      continue;
    }
    const { amountOrg, costOrg } = toOrgCurrency(row.amount, row.cost, row.currency, orgCurrency, rate);
    lines[i] = {
      id: newId(),
      externalId: row.externalId,
      accountId: row.accountId,
      productId: row.productId,
      bookedOn: row.bookedOn,
      quantity: row.quantity,
      amount: row.amount,
      cost: row.cost,
      currency: row.currency,
      amountOrg,
      costOrg,
    };
  }
  if (errors.length === 0) {
    const hidden = await store.invisibleAccounts(tx, actor, [...new Set(rows.map((r) => r.accountId))], [...seen.keys()]);
    if (hidden.length > 0) {
      const hiddenAccounts = new Set(hidden.filter((h) => h.externalId === null).map((h) => h.accountId));
      const hiddenLines = new Set(hidden.flatMap((h) => (h.externalId === null ? [] : [h.externalId])));
      rows.forEach((row, i) => {
        if (hiddenAccounts.has(row.accountId)) errors.push({ path: `${i}.accountExternalId`, message: 'is not an account you can see' });
        else if (hiddenLines.has(row.externalId)) errors.push({ path: `${i}.externalId`, message: 'is a stored line of an account you cannot see' });
      });
    }
  }
  if (errors.length > 0) throw new AppError('validation', `${errors.length} transaction line(s) refused: ${errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors });

  const { inserted, updated } = await store.upsertLines(tx, actor.orgId, lines, importId, at);
  return { created: inserted, updated, unchanged: rows.length - inserted - updated };
}

/**
 * For other modules (forecasts, performance): revenue in the organisation's currency per account
 * owner and month (`YYYY-MM-01`) over [from, to], from the monthly rollups. Accounts without an
 * owner come as `ownerId: null`.
 */
export async function revenueByOwnerMonth(ex: Executor, orgId: string, from: string, to: string): Promise<{ ownerId: string | null; month: string; revenue: bigint }[]> {
  const rows = await store.revenueByOwnerMonth(ex, orgId, from, to);
  return rows.map((row) => ({ ownerId: row.ownerId, month: row.month, revenue: BigInt(row.revenue) }));
}
