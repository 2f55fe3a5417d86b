import Big from 'big.js';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { addYears, toIsoDate } from '../../core/dates.ts';
import { AppError, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { formatMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount, requireWritableAccount } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { createOpportunityIn, opportunityStages, wonStage } from '../opportunities/service.ts';
import { createAgreementsFromQuote, priceLines } from '../pricing/service.ts';
import {
  allowedActions,
  approvalReasons,
  defaultQuoteSettings,
  describeReason,
  isEditable,
  lineFigures,
  quoteTotals,
  transition,
  type ApprovalReason,
  type QuoteAction,
  type QuoteSettings as Settings,
} from './quote.ts';
import type { Quote, QuoteActionBody, QuoteCreate, QuoteEvent, QuoteListQuery, QuotePreview, QuoteSettings, QuoteSettingsPut, QuoteUpdate } from './schemas.ts';
import * as store from './store.ts';
import { buildQuoteWorkbook } from './workbook.ts';

const fail = (errors: FieldError[]): void => {
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
};
const today = (ctx: AppContext): string => toIsoDate(ctx.clock.now());
const rate = (numeric: string): string => new Big(numeric).toString();

// --- settings -----------------------------------------------------------------------------------

export async function quoteSettings(ex: Executor, orgId: string): Promise<QuoteSettings> {
  const row = await store.getSettings(ex, orgId);
  return row ? { discountThreshold: rate(row.discountThreshold), marginFloor: rate(row.marginFloor), version: row.version } : { ...defaultQuoteSettings, version: 1 };
}

export const getQuoteSettings = (ctx: AppContext, actor: Actor) => quoteSettings(ctx.db, actor.orgId);

export async function putQuoteSettings(ctx: AppContext, actor: Actor, version: number, input: QuoteSettingsPut): Promise<QuoteSettings> {
  requireRole(actor, ['admin'], 'change quote approval limits');
  return ctx.db.transaction(async (tx) => {
    const stored = await store.getSettings(tx, actor.orgId, true);
    const before = await quoteSettings(tx, actor.orgId);
    checkVersion(stored?.version ?? 1, version);
    const now = ctx.clock.now();
    const saved = await store.saveSettings(tx, { orgId: actor.orgId, discountThreshold: input.discountThreshold, marginFloor: input.marginFloor, updatedAt: now, version: before.version + 1 });
    const after = { discountThreshold: rate(saved.discountThreshold), marginFloor: rate(saved.marginFloor), version: saved.version };
    await recordChange(tx, actor, now, { action: 'update', entity: 'quote_settings', entityId: actor.orgId, before, after });
    return after;
  });
}

// --- pricing a quote ----------------------------------------------------------------------------

type LineRow = Omit<store.QuoteLineRow, 'orgId' | 'quoteId'> & { sku: string; productName: string };

interface Priced {
  currency: string;
  lines: LineRow[];
  totals: ReturnType<typeof quoteTotals>;
  reasons: ApprovalReason[];
}

/** Prices the lines for the account as of `date` (agreed prices), applies each manual discount, totals, checks the limits. */
async function priceQuote(ex: Executor, orgId: string, accountId: string, lines: QuoteCreate['lines'], date: string, settings: Settings): Promise<Priced> {
  const priced = await priceLines(ex, orgId, accountId, lines, date);
  const rows = priced.lines.map(({ product, quantity, answer }, i): LineRow => {
    const discountRate = lines[i]!.discountRate === undefined ? '0' : rate(lines[i]!.discountRate!);
    const figures = lineFigures({ quantity, listPrice: answer.listPrice, agreedPrice: answer.unitPrice, discountRate, unitCost: product.unitCost });
    return {
      position: i + 1,
      productId: product.id,
      sku: product.sku,
      productName: product.name,
      quantity,
      listPrice: answer.listPrice,
      agreedPrice: answer.unitPrice,
      ruleKind: answer.rule.kind,
      ruleId: answer.rule.id,
      ruleWhy: answer.rule.why,
      discountRate,
      unitPrice: figures.unitPrice,
      lineTotal: figures.lineTotal,
      // a unit cost in another currency than the quote's cannot give a margin
      unitCost: product.currency === priced.currency ? product.unitCost : null,
    };
  });
  const withFigures = rows.map((row) => ({ ...row, ...lineFigures(row) }));
  const totals = quoteTotals(withFigures);
  return { currency: priced.currency, lines: rows, totals, reasons: approvalReasons(rows, totals, settings) };
}

const money = (minor: bigint | null, currency: string): string | null => (minor === null ? null : formatMoney(minor, currency));

function toLine(row: LineRow, currency: string): NonNullable<Quote['lines']>[number] {
  const figures = lineFigures({ quantity: row.quantity, listPrice: row.listPrice, agreedPrice: row.agreedPrice, discountRate: rate(row.discountRate), unitCost: row.unitCost });
  return {
    position: row.position,
    productId: row.productId,
    sku: row.sku,
    productName: row.productName,
    quantity: row.quantity,
    listPrice: money(row.listPrice, currency),
    agreedPrice: formatMoney(row.agreedPrice, currency),
    rule: { kind: row.ruleKind, id: row.ruleId, why: row.ruleWhy },
    discountRate: rate(row.discountRate),
    unitPrice: formatMoney(row.unitPrice, currency),
    lineTotal: formatMoney(row.lineTotal, currency),
    unitCost: money(row.unitCost, currency),
    margin: figures.margin,
  };
}

const toReason = (reason: ApprovalReason) => ({ ...reason, message: describeReason(reason) });

export async function previewQuote(ctx: AppContext, actor: Actor, input: QuoteCreate): Promise<QuotePreview> {
  await requireWritableAccount(ctx.db, actor, input.accountId);
  const pricedOn = today(ctx);
  const priced = await priceQuote(ctx.db, actor.orgId, input.accountId, input.lines, pricedOn, await quoteSettings(ctx.db, actor.orgId));
  const { currency, totals } = priced;
  return {
    currency,
    pricedOn,
    lines: priced.lines.map((line) => toLine(line, currency)),
    listTotal: formatMoney(totals.listTotal, currency),
    total: formatMoney(totals.total, currency),
    discountTotal: formatMoney(totals.discountTotal, currency),
    costTotal: money(totals.costTotal, currency),
    margin: totals.margin,
    approvalRequired: priced.reasons.length > 0,
    approvalReasons: priced.reasons.map(toReason),
  };
}

// --- who approves -------------------------------------------------------------------------------

/** May `actor` approve quotes built by `ownerId`? Never their own; a director or admin any other; a manager their reports'. */
async function mayApprove(ex: Executor, actor: Actor, ownerId: string): Promise<boolean> {
  if (actor.userId === ownerId) return false;
  if (actor.role === 'director' || actor.role === 'admin') return true;
  return actor.role === 'manager' && (await store.reportsTo(ex, actor.orgId, ownerId, actor.userId));
}

async function requireApprover(ex: Executor, actor: Actor, quote: store.QuoteView): Promise<void> {
  if (actor.userId === quote.ownerId) throw new AppError('forbidden', 'You cannot approve or reject your own quote: it needs your manager, a director or an admin');
  if (!(await mayApprove(ex, actor, quote.ownerId))) throw new AppError('forbidden', `Only ${quote.ownerName}'s manager, a director or an admin can approve or reject this quote`);
}

// --- reads --------------------------------------------------------------------------------------

function toQuote(row: store.QuoteView, lines: store.QuoteLineView[] | null, canApprove: boolean): Quote {
  const { currency } = row;
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: row.accountName,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    status: row.status,
    currency,
    pricedOn: row.pricedOn,
    validUntil: row.validUntil,
    note: row.note,
    ...(lines ? { lines: lines.map((line) => toLine(line, currency)) } : {}),
    listTotal: formatMoney(row.listTotal, currency),
    total: formatMoney(row.total, currency),
    discountTotal: formatMoney(row.listTotal - row.total, currency),
    costTotal: money(row.costTotal, currency),
    margin: row.margin === null ? null : rate(row.margin),
    approvalRequired: row.approvalRequired,
    approvalReasons: row.approvalReasons.map(toReason),
    allowedActions: allowedActions(row.status, row.approvalRequired),
    canApprove,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    opportunityId: row.opportunityId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The quote, if the caller may see its account; otherwise 404. */
async function visibleQuote(ex: Executor, actor: Actor, id: string): Promise<store.QuoteView> {
  const row = await store.findQuote(ex, actor.orgId, id);
  if (!row) throw notFound('Quote');
  await getVisibleAccount(ex, actor, row.accountId).catch(() => {
    throw notFound('Quote');
  });
  return row;
}

async function fullQuote(ex: Executor, actor: Actor, row: store.QuoteView): Promise<Quote> {
  return toQuote(row, await store.quoteLinesOf(ex, actor.orgId, row.id), await mayApprove(ex, actor, row.ownerId));
}

export async function getQuote(ctx: AppContext, actor: Actor, id: string): Promise<Quote> {
  return fullQuote(ctx.db, actor, await visibleQuote(ctx.db, actor, id));
}

export async function listQuotes(ctx: AppContext, actor: Actor, query: QuoteListQuery): Promise<Page<Quote>> {
  const limit = query.limit ?? 50;
  const rows = await store.listQuotes(ctx.db, actor, {
    status: query.status,
    accountId: query.accountId,
    ownerId: query.mine ? actor.userId : undefined,
    awaitingApprovalBy: query.awaitingMyApproval ? actor : undefined,
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  const approvable = new Map<string, boolean>();
  for (const ownerId of new Set(rows.map((row) => row.ownerId))) approvable.set(ownerId, await mayApprove(ctx.db, actor, ownerId));
  return toPage(rows, limit, (row) => toQuote(row, null, approvable.get(row.ownerId)!), (row) => [row.createdAt.toISOString(), row.id]);
}

export async function quoteHistory(ctx: AppContext, actor: Actor, id: string): Promise<QuoteEvent[]> {
  await visibleQuote(ctx.db, actor, id);
  return (await store.listEvents(ctx.db, actor.orgId, id)).map((event) => ({
    id: event.id,
    at: event.at.toISOString(),
    actorId: event.actorId,
    actorName: event.actorName,
    action: event.action,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    note: event.note,
  }));
}

/** Submitted quotes the caller may approve, oldest wait first: the home page's approvals queue. */
export async function quotesAwaitingApprovalForHome(ex: Executor, actor: Actor) {
  const rows = await store.listQuotes(ex, actor, { awaitingApprovalBy: actor, limit: 10 });
  return rows.slice(0, 10).reverse().map((row) => ({
    id: row.id,
    title: `${formatMoney(row.total, row.currency)} ${row.currency} · ${row.ownerName}`,
    accountId: row.accountId,
    accountName: row.accountName,
    dueOn: row.validUntil,
    total: formatMoney(row.total, row.currency),
    currency: row.currency,
    ownerName: row.ownerName,
  }));
}

// --- writes -------------------------------------------------------------------------------------

function checkValidUntil(validUntil: string, on: string): void {
  if (validUntil < on) fail([{ path: 'validUntil', message: `is in the past (today is ${on})` }]);
}

const quoteValues = (priced: Priced) => ({
  currency: priced.currency,
  listTotal: priced.totals.listTotal,
  total: priced.totals.total,
  costTotal: priced.totals.costTotal,
  margin: priced.totals.margin,
  approvalReasons: priced.reasons,
  approvalRequired: priced.reasons.length > 0,
});

const lineRows = (orgId: string, quoteId: string, lines: LineRow[]) => lines.map(({ sku: _sku, productName: _name, ...line }) => ({ ...line, orgId, quoteId }));

export async function createQuote(ctx: AppContext, actor: Actor, input: QuoteCreate): Promise<Quote> {
  return ctx.db.transaction(async (tx) => {
    await requireWritableAccount(tx, actor, input.accountId);
    const pricedOn = today(ctx);
    checkValidUntil(input.validUntil, pricedOn);
    const priced = await priceQuote(tx, actor.orgId, input.accountId, input.lines, pricedOn, await quoteSettings(tx, actor.orgId));
    const now = ctx.clock.now();
    const row = await store.insertQuote(tx, {
      orgId: actor.orgId, id: newId(), accountId: input.accountId, ownerId: actor.userId, status: 'draft', pricedOn, validUntil: input.validUntil, note: input.note ?? '',
      ...quoteValues(priced), createdAt: now, updatedAt: now,
    });
    await store.replaceLines(tx, actor.orgId, row.id, lineRows(actor.orgId, row.id, priced.lines));
    await store.insertEvent(tx, { orgId: actor.orgId, id: newId(), quoteId: row.id, at: now, actorId: actor.userId, action: 'create', toStatus: 'draft' });
    await recordChange(tx, actor, now, { action: 'create', entity: 'quote', entityId: row.id, after: { ...row, lines: priced.lines } });
    return fullQuote(tx, actor, (await store.findQuote(tx, actor.orgId, row.id))!);
  });
}

export async function updateQuote(ctx: AppContext, actor: Actor, id: string, version: number, input: QuoteUpdate): Promise<Quote> {
  return ctx.db.transaction(async (tx) => {
    const current = await visibleQuote(tx, actor, id);
    await requireWritableAccount(tx, actor, current.accountId);
    const before = await store.lockQuote(tx, actor.orgId, id);
    if (!before) throw notFound('Quote');
    checkVersion(before.version, version);
    if (!isEditable(before.status)) throw new AppError('conflict', `A ${before.status} quote cannot be changed; only a draft or a rejected one`);
    const on = today(ctx);
    if (input.validUntil !== undefined) checkValidUntil(input.validUntil, on);
    const settings = await quoteSettings(tx, actor.orgId);
    const beforeLines = await store.quoteLinesOf(tx, actor.orgId, id);
    const lines = input.lines ?? beforeLines.map((line) => ({ productId: line.productId, quantity: line.quantity, discountRate: rate(line.discountRate) }));
    const priced = await priceQuote(tx, actor.orgId, before.accountId, lines, on, settings);
    const now = ctx.clock.now();
    const after = await store.updateQuote(tx, actor.orgId, id, {
      ...quoteValues(priced), pricedOn: on, status: 'draft', validUntil: input.validUntil ?? before.validUntil, note: input.note ?? before.note, decidedBy: null, decidedAt: null,
    }, now);
    await store.replaceLines(tx, actor.orgId, id, lineRows(actor.orgId, id, priced.lines));
    await store.insertEvent(tx, { orgId: actor.orgId, id: newId(), quoteId: id, at: now, actorId: actor.userId, action: 'update', fromStatus: before.status, toStatus: 'draft' });
    await recordChange(tx, actor, now, { action: 'update', entity: 'quote', entityId: id, before: { ...before, lines: beforeLines }, after: { ...after, lines: priced.lines } });
    return fullQuote(tx, actor, (await store.findQuote(tx, actor.orgId, id))!);
  });
}

/**
 * submit | approve | reject | send | accept | decline. Approve and reject: the owner's manager (up
 * the reporting line), a director or an admin, never the owner (403); a rejection says why. Send
 * and accept refuse an expired quote. Sending a draft re-checks the limits as they are today.
 */
export async function actOnQuote(ctx: AppContext, actor: Actor, id: string, action: QuoteAction, version: number, input: QuoteActionBody): Promise<Quote> {
  return ctx.db.transaction(async (tx) => {
    const current = await visibleQuote(tx, actor, id);
    if (action === 'approve' || action === 'reject') await requireApprover(tx, actor, current);
    else await requireWritableAccount(tx, actor, current.accountId);
    const before = await store.lockQuote(tx, actor.orgId, id);
    if (!before) throw notFound('Quote');
    checkVersion(before.version, version);
    const note = input.note?.trim() ?? '';
    if (action === 'reject' && !note) fail([{ path: 'note', message: 'say why the quote is rejected' }]);
    for (const flag of ['createAgreements', 'createOpportunity'] as const) {
      if (input[flag] !== undefined && action !== 'accept') fail([{ path: flag, message: 'is only taken when accepting' }]);
    }
    const on = today(ctx);
    const changes: Partial<store.NewQuoteRow> = {};
    let needsApproval = before.approvalRequired;
    if (action === 'send' && before.status === 'draft') {
      const lines = await store.quoteLinesOf(tx, actor.orgId, id);
      const figures = lines.map((line) => ({ ...line, discountRate: rate(line.discountRate), ...lineFigures({ ...line, discountRate: rate(line.discountRate) }) }));
      const reasons = approvalReasons(figures, quoteTotals(figures), await quoteSettings(tx, actor.orgId));
      needsApproval = reasons.length > 0;
      Object.assign(changes, { approvalReasons: reasons, approvalRequired: needsApproval });
    }
    const move = transition(before.status, action, needsApproval);
    if ('refused' in move) throw new AppError('conflict', move.refused);
    if ((action === 'send' || action === 'accept') && before.validUntil < on) throw new AppError('conflict', `The quote expired on ${before.validUntil}; change its validity first`);
    const now = ctx.clock.now();
    changes.status = move.to;
    if (action === 'approve' || action === 'reject') Object.assign(changes, { decidedBy: actor.userId, decidedAt: now });
    if (action === 'accept' && input.createOpportunity) changes.opportunityId = await wonOpportunity(tx, actor, now, current);
    const after = await store.updateQuote(tx, actor.orgId, id, changes, now);
    await store.insertEvent(tx, { orgId: actor.orgId, id: newId(), quoteId: id, at: now, actorId: actor.userId, action, fromStatus: before.status, toStatus: move.to, note });
    await recordChange(tx, actor, now, { action: 'update', entity: 'quote', entityId: id, before, after: { ...after, action, note } });
    if (action === 'accept' && input.createAgreements) await agreementsFromQuote(tx, actor, now, after);
    return fullQuote(tx, actor, (await store.findQuote(tx, actor.orgId, id))!);
  });
}

/** A won opportunity for the quote's total, closing today, with its products: the pipeline records the deal. */
async function wonOpportunity(tx: Executor, actor: Actor, at: Date, quote: store.QuoteView): Promise<string> {
  const { stages } = await opportunityStages(tx, actor.orgId);
  const lines = await store.quoteLinesOf(tx, actor.orgId, quote.id);
  const opportunity = await createOpportunityIn(tx, actor, at, {
    accountId: quote.accountId,
    name: `Quote ${toIsoDate(quote.createdAt)}: ${lines.map((line) => line.productName).slice(0, 3).join(', ')}${lines.length > 3 ? ' …' : ''}`.slice(0, 200),
    amount: formatMoney(quote.total, quote.currency),
    currency: quote.currency,
    stage: wonStage(stages).key,
    closeDate: toIsoDate(at),
    ownerId: quote.ownerId,
    productIds: [...new Set(lines.map((line) => line.productId))].slice(0, 50),
  });
  return opportunity.id;
}

/** Each line's net unit price becomes the account's agreed price for its product, for a year from today. */
async function agreementsFromQuote(tx: Executor, actor: Actor, at: Date, quote: store.QuoteRow): Promise<void> {
  const lines = await store.quoteLinesOf(tx, actor.orgId, quote.id);
  const validFrom = toIsoDate(at);
  const validTo = toIsoDate(new Date(new Date(`${addYears(validFrom, 1)}T00:00:00Z`).getTime() - 86_400_000));
  const byProduct = new Map(lines.map((line) => [line.productId, line.unitPrice]));
  await createAgreementsFromQuote(tx, actor, at, {
    accountId: quote.accountId,
    currency: quote.currency,
    validFrom,
    validTo,
    note: `From accepted quote ${quote.id}`,
    lines: [...byProduct].map(([productId, netPrice]) => ({ productId, netPrice })),
  });
}

// --- export -------------------------------------------------------------------------------------

export async function exportQuote(ctx: AppContext, actor: Actor, id: string): Promise<{ fileName: string; content: Buffer }> {
  const quote = await getQuote(ctx, actor, id);
  const workbook = buildQuoteWorkbook(quote);
  const safeName = quote.accountName.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'account';
  return { fileName: `quote-${safeName}-${quote.pricedOn}.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
