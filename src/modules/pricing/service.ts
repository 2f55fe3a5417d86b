import Big from 'big.js';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { formatMoney, isCurrency, parseMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount } from '../accounts/service.ts';
import { recordChange, recordChanges } from '../audit/service.ts';
import type { Role } from '../users/tables.ts';
import { agreementErrors, isRate, resolvePrice, validOn, type Agreement, type PriceAnswer, type StoredTier, type Terms } from './resolve.ts';
import type { Price, PriceAgreement, PriceAgreementCreate, PriceAgreementUpdate, PriceBook, PriceBookCreate, PriceBookListQuery, PriceBookUpdate, PriceQuery } from './schemas.ts';
import * as store from './store.ts';

/** Who sets list prices and customer agreements; every role reads them (on the accounts it sees). */
export const PRICE_WRITERS: readonly Role[] = ['admin', 'director', 'manager'];

const fail = (errors: FieldError[]): void => {
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
};

const today = (ctx: AppContext): string => toIsoDate(ctx.clock.now());

// --- price books ---------------------------------------------------------------------------------

function toPriceBook(row: store.PriceBookRow, priceCount: number, prices?: store.BookPriceView[]): PriceBook {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    validFrom: row.validFrom,
    validTo: row.validTo,
    priceCount,
    ...(prices ? { prices: prices.map((p) => ({ productId: p.productId, sku: p.sku, productName: p.productName, family: p.family, listPrice: formatMoney(p.listPrice, row.currency) })) } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function listPriceBooks(ctx: AppContext, actor: Actor, query: PriceBookListQuery): Promise<Page<PriceBook>> {
  const limit = query.limit ?? 50;
  const rows = await store.listPriceBooks(ctx.db, actor.orgId, { currency: query.currency, validOn: query.validOn, q: query.q, after: query.cursor ? decodeCursor(query.cursor, 2) : undefined, limit });
  return toPage(rows, limit, (row) => toPriceBook(row, row.priceCount), (row) => [row.validFrom, row.id]);
}

async function bookWithPrices(ex: Executor, orgId: string, row: store.PriceBookRow): Promise<PriceBook> {
  const prices = await store.bookPrices(ex, orgId, row.id);
  return toPriceBook(row, prices.length, prices);
}

export async function getPriceBook(ctx: AppContext, actor: Actor, id: string): Promise<PriceBook> {
  const row = await store.findPriceBook(ctx.db, actor.orgId, id);
  if (!row) throw notFound('Price book');
  return bookWithPrices(ctx.db, actor.orgId, row);
}

/** Prices in minor units of `currency`, each product of the organisation and listed once. */
async function validatedPrices(ex: Executor, orgId: string, currency: string, prices: readonly { productId: string; listPrice: string }[], errors: FieldError[]) {
  const known = new Set((await store.productsByIds(ex, orgId, prices.map((p) => p.productId))).map((p) => p.id));
  const seen = new Set<string>();
  const parsed: { productId: string; listPrice: bigint }[] = [];
  prices.forEach((price, i) => {
    if (!known.has(price.productId)) errors.push({ path: `prices.${i}.productId`, message: 'is not a product of this organisation' });
    if (seen.has(price.productId)) errors.push({ path: `prices.${i}.productId`, message: 'is listed twice' });
    seen.add(price.productId);
    try {
      const minor = parseMoney(price.listPrice, currency);
      if (minor < 0n) errors.push({ path: `prices.${i}.listPrice`, message: 'cannot be negative' });
      parsed.push({ productId: price.productId, listPrice: minor });
    } catch (error) {
      errors.push({ path: `prices.${i}.listPrice`, message: (error as Error).message });
    }
  });
  return parsed;
}

export async function createPriceBook(ctx: AppContext, actor: Actor, input: PriceBookCreate): Promise<PriceBook> {
  requireRole(actor, PRICE_WRITERS, 'change price books');
  return ctx.db.transaction(async (tx) => {
    const errors: FieldError[] = [];
    if (!isCurrency(input.currency)) errors.push({ path: 'currency', message: `${input.currency} is not an ISO 4217 currency` });
    if (input.validTo && input.validTo < input.validFrom) errors.push({ path: 'validTo', message: 'is before validFrom' });
    const prices = isCurrency(input.currency) ? await validatedPrices(tx, actor.orgId, input.currency, input.prices ?? [], errors) : [];
    fail(errors);
    const now = ctx.clock.now();
    const row = await store.insertPriceBook(tx, { orgId: actor.orgId, id: newId(), name: input.name, currency: input.currency, validFrom: input.validFrom, validTo: input.validTo ?? null, createdAt: now, updatedAt: now });
    await store.replacePrices(tx, actor.orgId, row.id, prices);
    const after = await bookWithPrices(tx, actor.orgId, row);
    await recordChange(tx, actor, now, { action: 'create', entity: 'price_book', entityId: row.id, after });
    return after;
  });
}

export async function updatePriceBook(ctx: AppContext, actor: Actor, id: string, version: number, input: PriceBookUpdate): Promise<PriceBook> {
  return ctx.db.transaction(async (tx) => {
    const current = await store.findPriceBook(tx, actor.orgId, id, true);
    if (!current) throw notFound('Price book');
    requireRole(actor, PRICE_WRITERS, 'change price books');
    checkVersion(current.version, version);
    const errors: FieldError[] = [];
    const validFrom = input.validFrom ?? current.validFrom;
    const validTo = input.validTo === undefined ? current.validTo : input.validTo;
    if (validTo && validTo < validFrom) errors.push({ path: 'validTo', message: 'is before validFrom' });
    const prices = input.prices ? await validatedPrices(tx, actor.orgId, current.currency, input.prices, errors) : null;
    fail(errors);
    const now = ctx.clock.now();
    const before = await bookWithPrices(tx, actor.orgId, current);
    const row = await store.updatePriceBook(tx, actor.orgId, id, { name: input.name ?? current.name, validFrom, validTo }, now);
    if (prices) await store.replacePrices(tx, actor.orgId, id, prices);
    const after = await bookWithPrices(tx, actor.orgId, row);
    await recordChange(tx, actor, now, { action: 'update', entity: 'price_book', entityId: id, before, after });
    return after;
  });
}

export async function deletePriceBook(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await store.findPriceBook(tx, actor.orgId, id, true);
    if (!current) throw notFound('Price book');
    requireRole(actor, PRICE_WRITERS, 'change price books');
    checkVersion(current.version, version);
    const before = await bookWithPrices(tx, actor.orgId, current);
    await store.deletePriceBook(tx, actor.orgId, id);
    await recordChange(tx, actor, ctx.clock.now(), { action: 'delete', entity: 'price_book', entityId: id, before });
  });
}

// --- agreements ----------------------------------------------------------------------------------

function termsOf(row: store.AgreementRow): Terms {
  if (row.kind === 'discount') return { kind: 'discount', discountRate: new Big(row.discountRate!).toString() };
  if (row.kind === 'net_price') return { kind: 'net_price', netPrice: row.netPrice! };
  return { kind: 'volume_tiers', tiers: row.tiers ?? [] };
}

const toAgreementInput = (row: store.AgreementRow): Agreement => ({
  id: row.id,
  accountId: row.accountId,
  productId: row.productId,
  family: row.family,
  currency: row.currency,
  terms: termsOf(row),
  validFrom: row.validFrom,
  validTo: row.validTo,
  createdAt: row.createdAt.toISOString(),
});

function toAgreement(row: store.AgreementView, askedAccountId: string, on: string): PriceAgreement {
  const terms = termsOf(row);
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: row.accountName,
    inherited: row.accountId !== askedAccountId,
    productId: row.productId,
    productName: row.productName,
    family: row.family,
    discountRate: terms.kind === 'discount' ? terms.discountRate : null,
    netPrice: terms.kind === 'net_price' ? formatMoney(terms.netPrice, row.currency) : null,
    volumeTiers: terms.kind === 'volume_tiers'
      ? terms.tiers.map((t) => ({ minQuantity: t.minQuantity, ...(t.discountRate !== undefined ? { discountRate: t.discountRate } : { netPrice: formatMoney(BigInt(t.netPrice!), row.currency) }) }))
      : null,
    currency: row.currency,
    validFrom: row.validFrom,
    validTo: row.validTo,
    note: row.note,
    status: validOn(on, row.validFrom, row.validTo) ? 'active' : row.validFrom > on ? 'future' : 'expired',
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The account's own agreements, then those it inherits (nearest ancestor first), each latest first. */
export async function listAgreements(ctx: AppContext, actor: Actor, accountId: string): Promise<PriceAgreement[]> {
  await getVisibleAccount(ctx.db, actor, accountId);
  const chain = await store.accountChain(ctx.db, actor.orgId, accountId);
  const depth = new Map(chain.map((link, i) => [link.id, i]));
  const rows = await store.agreementsOfAccounts(ctx.db, actor.orgId, chain.map((link) => link.id));
  const on = today(ctx);
  return rows.sort((a, b) => depth.get(a.accountId)! - depth.get(b.accountId)!).map((row) => toAgreement(row, accountId, on));
}

type AgreementFields = Omit<PriceAgreementCreate, 'validFrom'> & { validFrom: string; currency: string };

/** Checks what the schema cannot and converts to the stored shape (money in minor units of the agreement's currency). */
async function agreementValues(ex: Executor, orgId: string, input: AgreementFields): Promise<Omit<store.NewAgreementRow, 'orgId' | 'id' | 'accountId' | 'createdBy'>> {
  const errors = agreementErrors(input);
  if (!isCurrency(input.currency)) errors.push({ path: 'currency', message: `${input.currency} is not an ISO 4217 currency` });
  if (input.productId && (await store.productsByIds(ex, orgId, [input.productId])).length === 0) errors.push({ path: 'productId', message: 'is not a product of this organisation' });
  const money = (text: string, path: string): bigint | null => {
    if (!isCurrency(input.currency)) return null;
    try {
      const minor = parseMoney(text, input.currency);
      if (minor < 0n) errors.push({ path, message: 'cannot be negative' });
      return minor;
    } catch (error) {
      errors.push({ path, message: (error as Error).message });
      return null;
    }
  };
  const netPrice = input.netPrice ? money(input.netPrice, 'netPrice') : null;
  const tiers: StoredTier[] | null = input.volumeTiers
    ? [...input.volumeTiers]
        .sort((a, b) => a.minQuantity - b.minQuantity)
        .map((tier, i) => (tier.netPrice !== undefined ? { minQuantity: tier.minQuantity, netPrice: String(money(tier.netPrice, `volumeTiers.${i}.netPrice`)) } : { minQuantity: tier.minQuantity, discountRate: isRate(tier.discountRate ?? '') ? new Big(tier.discountRate!).toString() : '' }))
    : null;
  fail(errors);
  return {
    productId: input.productId ?? null,
    family: input.family ?? null,
    kind: input.discountRate ? 'discount' : input.netPrice ? 'net_price' : 'volume_tiers',
    discountRate: input.discountRate ?? null,
    netPrice,
    tiers,
    currency: input.currency,
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
    note: input.note ?? '',
  };
}

async function writableAccount(ex: Executor, actor: Actor, accountId: string) {
  const account = await getVisibleAccount(ex, actor, accountId);
  requireRole(actor, PRICE_WRITERS, 'change price agreements');
  return account;
}

export async function createAgreement(ctx: AppContext, actor: Actor, accountId: string, input: PriceAgreementCreate): Promise<PriceAgreement> {
  return ctx.db.transaction(async (tx) => {
    const account = await writableAccount(tx, actor, accountId);
    const values = await agreementValues(tx, actor.orgId, { ...input, currency: input.currency ?? account.currency });
    const now = ctx.clock.now();
    const [row] = await store.insertAgreements(tx, [{ ...values, orgId: actor.orgId, id: newId(), accountId, createdBy: actor.userId, createdAt: now, updatedAt: now }]);
    await recordChange(tx, actor, now, { action: 'create', entity: 'price_agreement', entityId: row!.id, after: row });
    return toAgreement((await store.findAgreementView(tx, actor.orgId, row!.id))!, accountId, today(ctx));
  });
}

/**
 * Price agreements from an accepted quote (the quotes module): one net price per product line,
 * valid from `validFrom` for a year. Audited as the actor who accepted.
 */
export async function createAgreementsFromQuote(tx: Executor, actor: Actor, at: Date, input: { accountId: string; currency: string; validFrom: string; validTo: string; note: string; lines: { productId: string; netPrice: bigint }[] }): Promise<string[]> {
  const rows = await store.insertAgreements(
    tx,
    input.lines.map((line) => ({
      orgId: actor.orgId, id: newId(), accountId: input.accountId, productId: line.productId, family: null, kind: 'net_price' as const, discountRate: null, netPrice: line.netPrice, tiers: null,
      currency: input.currency, validFrom: input.validFrom, validTo: input.validTo, note: input.note, createdBy: actor.userId, createdAt: at, updatedAt: at,
    })),
  );
  await recordChanges(tx, actor, at, rows.map((row) => ({ action: 'create' as const, entity: 'price_agreement', entityId: row.id, after: row })));
  return rows.map((row) => row.id);
}

export async function updateAgreement(ctx: AppContext, actor: Actor, accountId: string, id: string, version: number, input: PriceAgreementUpdate): Promise<PriceAgreement> {
  return ctx.db.transaction(async (tx) => {
    await writableAccount(tx, actor, accountId);
    const before = await store.findAgreement(tx, actor.orgId, accountId, id, true);
    if (!before) throw notFound('Price agreement');
    checkVersion(before.version, version);
    const current = toAgreement({ ...before, accountName: '', productName: null }, accountId, today(ctx));
    const merged = {
      productId: current.productId, family: current.family, discountRate: current.discountRate, netPrice: current.netPrice,
      volumeTiers: current.volumeTiers, validFrom: current.validFrom, validTo: current.validTo, note: current.note, currency: current.currency,
      ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
    } as AgreementFields;
    const values = await agreementValues(tx, actor.orgId, merged);
    const now = ctx.clock.now();
    const after = await store.updateAgreement(tx, actor.orgId, id, values, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'price_agreement', entityId: id, before, after });
    return toAgreement((await store.findAgreementView(tx, actor.orgId, id))!, accountId, today(ctx));
  });
}

export async function deleteAgreement(ctx: AppContext, actor: Actor, accountId: string, id: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await writableAccount(tx, actor, accountId);
    const before = await store.findAgreement(tx, actor.orgId, accountId, id, true);
    if (!before) throw notFound('Price agreement');
    checkVersion(before.version, version);
    await store.deleteAgreement(tx, actor.orgId, id);
    await recordChange(tx, actor, ctx.clock.now(), { action: 'delete', entity: 'price_agreement', entityId: id, before });
  });
}

// --- the price ------------------------------------------------------------------------------------

export interface PricedLine {
  product: store.PricedProduct;
  quantity: number;
  answer: PriceAnswer;
}

/**
 * Prices several lines for one account on one date in a fixed number of queries (the account
 * chain, the products, their price book prices, the applicable agreements): quotes and the price
 * endpoint. Unknown products are a validation error at `lines.<i>.productId`.
 */
export async function priceLines(ex: Executor, orgId: string, accountId: string, lines: readonly { productId: string; quantity: number }[], date: string, currency?: string): Promise<{ currency: string; lines: PricedLine[] }> {
  const chain = await store.accountChain(ex, orgId, accountId);
  if (chain.length === 0) throw notFound('Account');
  const priceCurrency = currency ?? chain[0]!.currency;
  const productIds = lines.map((line) => line.productId);
  const products = new Map((await store.productsByIds(ex, orgId, productIds)).map((p) => [p.id, p]));
  fail(lines.flatMap((line, i) => (products.has(line.productId) ? [] : [{ path: `lines.${i}.productId`, message: 'is not a product of this organisation' }])));
  const families = [...new Set([...products.values()].map((p) => p.family).filter((f): f is string => f !== null))];
  const [bookRows, agreementRows] = await Promise.all([
    store.pricesOn(ex, orgId, productIds, date),
    store.agreementsOn(ex, orgId, chain.map((link) => link.id), productIds, families, date),
  ]);
  const agreements = agreementRows.map(toAgreementInput);
  const priced = lines.map((line) => {
    const product = products.get(line.productId)!;
    const answer = resolvePrice({
      accountChain: chain,
      product: { id: product.id, name: product.name, family: product.family, catalogue: { listPrice: product.listPrice, currency: product.currency } },
      quantity: line.quantity,
      date,
      currency: priceCurrency,
      priceBookPrices: bookRows.filter((p) => p.productId === product.id),
      agreements,
    });
    return { product, quantity: line.quantity, answer };
  });
  return { currency: priceCurrency, lines: priced };
}

/** The effective discount on the list price, as a fraction (null without a list price). */
export function effectiveDiscount(listPrice: bigint | null, unitPrice: bigint): string | null {
  if (listPrice === null || listPrice === 0n) return null;
  return new Big(1).minus(new Big(unitPrice.toString()).div(listPrice.toString())).round(6, Big.roundHalfUp).toString();
}

export async function priceFor(ctx: AppContext, actor: Actor, accountId: string, query: PriceQuery): Promise<Price> {
  await getVisibleAccount(ctx.db, actor, accountId);
  if (query.currency && !isCurrency(query.currency)) fail([{ path: 'currency', message: `${query.currency} is not an ISO 4217 currency` }]);
  const date = query.date ?? today(ctx);
  const quantity = query.quantity ?? 1;
  let priced;
  try {
    priced = await priceLines(ctx.db, actor.orgId, accountId, [{ productId: query.productId, quantity }], date, query.currency);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') throw new AppError('validation', 'productId: is not a product of this organisation', { errors: [{ path: 'productId', message: 'is not a product of this organisation' }] });
    throw error;
  }
  const { answer } = priced.lines[0]!;
  return {
    productId: query.productId,
    quantity,
    date,
    unitPrice: formatMoney(answer.unitPrice, answer.currency),
    currency: answer.currency,
    listPrice: answer.listPrice === null ? null : formatMoney(answer.listPrice, answer.currency),
    discountRate: effectiveDiscount(answer.listPrice, answer.unitPrice),
    rule: answer.rule,
  };
}
