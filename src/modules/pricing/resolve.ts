import Big from 'big.js';
import { AppError, type FieldError } from '../../core/errors.ts';
import { formatMoney } from '../../core/money.ts';

/**
 * What does an account pay for a product at a quantity on a date, and why? One pure function,
 * `resolvePrice`, answers for the price endpoint, quotes and the UI. Precedence (README.md of this
 * module):
 *   1. Only agreements valid on the date (validFrom ≤ date ≤ validTo) on the account or one of its
 *      ancestors, for the product or its family, count; a tiered agreement counts only when one of
 *      its tiers starts at or below the quantity (the tier with the highest such minQuantity).
 *   2. The most specific wins: the account's own over an inherited one (the nearest ancestor
 *      first), then a product agreement over a family one, then the latest validFrom, then the
 *      most recently created.
 *   3. No agreement: the list price.
 * The list price is the price book of the currency valid on the date (the latest validFrom wins);
 * without one, the product's catalogue price when it is in that currency.
 */

export type AgreementKind = 'discount' | 'net_price' | 'volume_tiers';
export type RuleKind = 'list_price' | AgreementKind;

/** A volume tier as stored: from `minQuantity` units, a discount on the list price or a net price (minor units). */
export interface StoredTier {
  minQuantity: number;
  discountRate?: string;
  netPrice?: string;
}

export type Terms =
  | { kind: 'discount'; discountRate: string }
  | { kind: 'net_price'; netPrice: bigint }
  | { kind: 'volume_tiers'; tiers: StoredTier[] };

export interface Agreement {
  id: string;
  accountId: string;
  productId: string | null;
  family: string | null;
  currency: string;
  terms: Terms;
  validFrom: string;
  validTo: string | null;
  /** ISO timestamp: the last tie-breaker. */
  createdAt: string;
}

/** A candidate list price: from a price book (id, name) or the product catalogue (id null). */
export interface ListPrice {
  priceBookId: string | null;
  priceBookName: string | null;
  currency: string;
  listPrice: bigint;
  validFrom: string | null;
  validTo: string | null;
}

export interface PriceQuestion {
  /** The account first, then its parent, grandparent … */
  accountChain: readonly { id: string; name: string }[];
  product: { id: string; name: string; family: string | null; catalogue: { listPrice: bigint | null; currency: string } };
  quantity: number;
  date: string;
  currency: string;
  /** Price book prices of this product (any currency and date: the function picks). */
  priceBookPrices: readonly ListPrice[];
  /** Agreements of the chain's accounts (any product, date: the function picks). */
  agreements: readonly Agreement[];
}

export interface PriceRule {
  kind: RuleKind;
  /** The agreement's or price book's id; null for the catalogue price. */
  id: string | null;
  why: string;
  /** The account the agreement belongs to (null for a list price). */
  accountId: string | null;
  inherited: boolean;
  /** For volume tiers: the tier that applied. */
  minQuantity: number | null;
}

export interface PriceAnswer {
  unitPrice: bigint;
  currency: string;
  /** null when no list price exists in the currency but a net price applies. */
  listPrice: bigint | null;
  rule: PriceRule;
}

const percent = (rate: string): string => `${new Big(rate).times(100).toString()} %`;

/** Is `date` within [from, to] (to inclusive, null: open-ended)? ISO dates compare as strings. */
export const validOn = (date: string, from: string | null, to: string | null): boolean => (from === null || from <= date) && (to === null || date <= to);

/** The list price in `currency` on `date`: the valid price book with the latest validFrom, else the catalogue price. */
export function listPriceOn(question: Pick<PriceQuestion, 'product' | 'date' | 'currency' | 'priceBookPrices'>): ListPrice | null {
  const books = question.priceBookPrices
    .filter((p) => p.currency === question.currency && validOn(question.date, p.validFrom, p.validTo))
    .sort((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? ''));
  if (books[0]) return books[0];
  const { catalogue } = question.product;
  if (catalogue.listPrice !== null && catalogue.currency === question.currency) {
    return { priceBookId: null, priceBookName: null, currency: catalogue.currency, listPrice: catalogue.listPrice, validFrom: null, validTo: null };
  }
  return null;
}

/** The tier that applies at `quantity`: the highest minQuantity ≤ quantity (none: the agreement does not apply). */
export function tierFor(tiers: readonly StoredTier[], quantity: number): StoredTier | null {
  let best: StoredTier | null = null;
  for (const tier of tiers) if (tier.minQuantity <= quantity && (!best || tier.minQuantity > best.minQuantity)) best = tier;
  return best;
}

interface Candidate {
  agreement: Agreement;
  depth: number;
  tier: StoredTier | null;
}

/** Applicable agreements, best first (the precedence above). */
export function rankAgreements(question: Pick<PriceQuestion, 'accountChain' | 'product' | 'quantity' | 'date' | 'agreements'>): Candidate[] {
  const depthOf = new Map(question.accountChain.map((account, depth) => [account.id, depth]));
  const { product } = question;
  const candidates: Candidate[] = [];
  for (const agreement of question.agreements) {
    const depth = depthOf.get(agreement.accountId);
    if (depth === undefined || !validOn(question.date, agreement.validFrom, agreement.validTo)) continue;
    const covers = agreement.productId !== null ? agreement.productId === product.id : product.family !== null && agreement.family === product.family;
    if (!covers) continue;
    const tier = agreement.terms.kind === 'volume_tiers' ? tierFor(agreement.terms.tiers, question.quantity) : null;
    if (agreement.terms.kind === 'volume_tiers' && !tier) continue;
    candidates.push({ agreement, depth, tier });
  }
  const specificity = (c: Candidate): number => (c.agreement.productId !== null ? 0 : 1);
  return candidates.sort(
    (a, b) =>
      a.depth - b.depth ||
      specificity(a) - specificity(b) ||
      b.agreement.validFrom.localeCompare(a.agreement.validFrom) ||
      b.agreement.createdAt.localeCompare(a.agreement.createdAt) ||
      b.agreement.id.localeCompare(a.agreement.id),
  );
}

const currencyMismatch = (detail: string): AppError => new AppError('currency_mismatch', detail);

function requireListPrice(list: ListPrice | null, question: PriceQuestion): ListPrice {
  if (list) return list;
  const { product, currency, date } = question;
  if (product.catalogue.listPrice !== null && product.catalogue.currency !== currency) {
    throw currencyMismatch(`${product.name} has no list price in ${currency} on ${date}: its catalogue price is in ${product.catalogue.currency} and no ${currency} price book lists it`);
  }
  throw new AppError('unprocessable', `${product.name} has no list price on ${date}: give it one in the catalogue or a ${currency} price book`);
}

function describeList(list: ListPrice): string {
  const price = `${formatMoney(list.listPrice, list.currency)} ${list.currency}`;
  return list.priceBookId
    ? `List price ${price} from price book "${list.priceBookName}" (valid from ${list.validFrom}${list.validTo ? ` to ${list.validTo}` : ''}); no agreement applies`
    : `Catalogue list price ${price}; no price book or agreement applies`;
}

function describeAgreement(candidate: Candidate, question: PriceQuestion, unitPrice: bigint, others: number): string {
  const { agreement, depth, tier } = candidate;
  const owner = depth === 0 ? 'Own agreement' : `Inherited from ${question.accountChain[depth]!.name}`;
  const target = agreement.productId !== null ? question.product.name : `the ${agreement.family} family`;
  const validity = `valid from ${agreement.validFrom}${agreement.validTo ? ` to ${agreement.validTo}` : ''}`;
  const price = `${formatMoney(unitPrice, question.currency)} ${question.currency}`;
  let terms: string;
  if (agreement.terms.kind === 'discount') terms = `${percent(agreement.terms.discountRate)} off ${target}`;
  else if (agreement.terms.kind === 'net_price') terms = `net price ${price} for ${target}`;
  else terms = `volume tier from ${tier!.minQuantity} units on ${target}: ${tier!.discountRate !== undefined ? `${percent(tier!.discountRate)} off` : `net price ${price}`}`;
  const beaten = others > 0 ? `; it takes precedence over ${others} other applicable agreement${others === 1 ? '' : 's'}` : '';
  return `${owner}: ${terms}, ${validity}${beaten}`;
}

/** A list price (minor units) less a discount rate, rounded half-up to the minor unit. */
export function discountMinor(listMinor: bigint, rate: string): bigint {
  return BigInt(new Big(listMinor.toString()).times(new Big(1).minus(rate)).round(0, Big.roundHalfUp).toFixed(0));
}

export function resolvePrice(question: PriceQuestion): PriceAnswer {
  const list = listPriceOn(question);
  const ranked = rankAgreements(question);
  const winner = ranked[0];
  if (!winner) {
    const found = requireListPrice(list, question);
    return {
      unitPrice: found.listPrice,
      currency: question.currency,
      listPrice: found.listPrice,
      rule: { kind: 'list_price', id: found.priceBookId, why: describeList(found), accountId: null, inherited: false, minQuantity: null },
    };
  }
  const unitPrice = unitPriceOf(winner, question, () => requireListPrice(list, question));
  return {
    unitPrice,
    currency: question.currency,
    listPrice: list?.listPrice ?? null,
    rule: {
      kind: winner.agreement.terms.kind,
      id: winner.agreement.id,
      why: describeAgreement(winner, question, unitPrice, ranked.length - 1),
      accountId: winner.agreement.accountId,
      inherited: winner.depth > 0,
      minQuantity: winner.tier?.minQuantity ?? null,
    },
  };
}

function unitPriceOf(candidate: Candidate, question: PriceQuestion, list: () => ListPrice): bigint {
  const { agreement, tier } = candidate;
  const net = (minor: bigint): bigint => {
    if (agreement.currency !== question.currency) {
      throw currencyMismatch(`The agreement that applies (${agreement.id}) sets net prices in ${agreement.currency}; ${question.accountChain[0]!.name} is priced in ${question.currency}`);
    }
    return minor;
  };
  if (agreement.terms.kind === 'discount') return discountMinor(list().listPrice, agreement.terms.discountRate);
  if (agreement.terms.kind === 'net_price') return net(agreement.terms.netPrice);
  return tier!.discountRate !== undefined ? discountMinor(list().listPrice, tier!.discountRate) : net(BigInt(tier!.netPrice!));
}

// --- validation of agreements (what the schema cannot say) ---------------------------------------

const RATE = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;

/** A fraction between 0 and 1 with at most six decimals ("0.125" = 12.5 %). */
export const isRate = (text: string): boolean => RATE.test(text);

export interface AgreementShape {
  productId?: string | null;
  family?: string | null;
  discountRate?: string | null;
  netPrice?: string | null;
  volumeTiers?: readonly { minQuantity: number; discountRate?: string; netPrice?: string }[] | null;
  validFrom: string;
  validTo?: string | null;
}

/** Exactly one target, exactly one kind of terms, sane tiers and dates. */
export function agreementErrors(input: AgreementShape): FieldError[] {
  const errors: FieldError[] = [];
  const given = (value: unknown): boolean => value !== undefined && value !== null;
  if (given(input.productId) === given(input.family)) errors.push({ path: 'productId', message: 'give either productId or family' });
  const terms = [given(input.discountRate), given(input.netPrice), given(input.volumeTiers)].filter(Boolean).length;
  if (terms !== 1) errors.push({ path: 'discountRate', message: 'give exactly one of discountRate, netPrice, volumeTiers' });
  if (given(input.discountRate) && !isRate(input.discountRate!)) errors.push({ path: 'discountRate', message: 'must be a fraction from 0 to 1, like "0.125"' });
  if (given(input.family) && given(input.netPrice)) errors.push({ path: 'netPrice', message: 'a net price is for one product; use a discount for a family' });
  if (input.volumeTiers) {
    const seen = new Set<number>();
    input.volumeTiers.forEach((tier, i) => {
      if (seen.has(tier.minQuantity)) errors.push({ path: `volumeTiers.${i}.minQuantity`, message: 'is given twice' });
      seen.add(tier.minQuantity);
      if (given(tier.discountRate) === given(tier.netPrice)) errors.push({ path: `volumeTiers.${i}`, message: 'give either discountRate or netPrice' });
      if (given(tier.discountRate) && !isRate(tier.discountRate!)) errors.push({ path: `volumeTiers.${i}.discountRate`, message: 'must be a fraction from 0 to 1, like "0.125"' });
      if (given(tier.netPrice) && given(input.family)) errors.push({ path: `volumeTiers.${i}.netPrice`, message: 'a net price is for one product; use a discount for a family' });
    });
  }
  if (given(input.validTo) && input.validTo! < input.validFrom) errors.push({ path: 'validTo', message: 'is before validFrom' });
  return errors;
}
