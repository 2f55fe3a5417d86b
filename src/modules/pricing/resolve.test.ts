import { describe, expect, it } from 'vitest';
import type { AppError } from '../../core/errors.ts';
import { agreementErrors, resolvePrice, tierFor, type Agreement, type ListPrice, type PriceQuestion, type Terms } from './resolve.ts';

// A group (G) with a parent (P) with a child (C); product "Desk" of the Furniture family.
const chain = [{ id: 'C', name: 'Child Ltd' }, { id: 'P', name: 'Parent Corp' }, { id: 'G', name: 'Group Holding' }];
const desk = { id: 'desk', name: 'Desk', family: 'Furniture', catalogue: { listPrice: 10000n, currency: 'USD' } };
const book = (id: string, listPrice: bigint, validFrom: string, validTo: string | null, currency = 'USD'): ListPrice => ({ priceBookId: id, priceBookName: id, currency, listPrice, validFrom, validTo });
const books = [book('usd-2026', 12000n, '2026-01-01', '2026-12-31'), book('usd-2026-h2', 12500n, '2026-07-01', '2026-12-31')];

let serial = 0;
function agreement(accountId: string, target: { productId: string } | { family: string }, terms: Terms, validFrom = '2026-01-01', validTo: string | null = null, extra: Partial<Agreement> = {}): Agreement {
  serial++;
  return {
    id: extra.id ?? `a${serial}`,
    accountId,
    productId: 'productId' in target ? target.productId : null,
    family: 'family' in target ? target.family : null,
    currency: 'USD',
    terms,
    validFrom,
    validTo,
    createdAt: `2026-01-01T00:00:${String(serial % 60).padStart(2, '0')}.000Z`,
    ...extra,
  };
}
const off = (discountRate: string): Terms => ({ kind: 'discount', discountRate });
const net = (netPrice: bigint): Terms => ({ kind: 'net_price', netPrice });
const onDesk = { productId: 'desk' };
const furniture = { family: 'Furniture' };

const ask = (over: Partial<PriceQuestion>): PriceQuestion => ({ accountChain: chain, product: desk, quantity: 1, date: '2026-03-01', currency: 'USD', priceBookPrices: books, agreements: [], ...over });

const childFamily10 = agreement('C', furniture, off('0.1'), '2026-01-01', null, { id: 'child-family-10' });
const parentNet90 = agreement('P', onDesk, net(9000n), '2026-01-01', null, { id: 'parent-net-90' });
const parentProduct20 = agreement('P', onDesk, off('0.2'), '2026-01-01', null, { id: 'parent-product-20' });
const groupProduct30 = agreement('G', onDesk, off('0.3'), '2026-01-01', null, { id: 'group-product-30' });
const childProduct5 = agreement('C', onDesk, off('0.05'), '2026-01-01', null, { id: 'child-product-5' });
const childFamily25 = agreement('C', furniture, off('0.25'), '2026-01-01', null, { id: 'child-family-25' });
const childJan10 = agreement('C', onDesk, off('0.1'), '2026-01-01', null, { id: 'child-jan-10' });
const childFeb15 = agreement('C', onDesk, off('0.15'), '2026-02-01', null, { id: 'child-feb-15' });
const childUntilFeb = agreement('C', onDesk, off('0.4'), '2026-01-01', '2026-02-28', { id: 'child-until-feb' });
const childFromApril = agreement('C', onDesk, off('0.4'), '2026-04-01', null, { id: 'child-from-april' });
const tiers = agreement('C', onDesk, { kind: 'volume_tiers', tiers: [{ minQuantity: 1, discountRate: '0.05' }, { minQuantity: 10, discountRate: '0.1' }, { minQuantity: 100, netPrice: '9000' }] }, '2026-01-01', null, { id: 'tiers' });
const tiersFrom10 = agreement('C', onDesk, { kind: 'volume_tiers', tiers: [{ minQuantity: 10, discountRate: '0.2' }] }, '2026-01-01', null, { id: 'tiers-from-10' });
const otherProduct = agreement('C', { productId: 'chair' }, off('0.5'), '2026-01-01', null, { id: 'chair-50' });
const otherFamily = agreement('C', { family: 'Technology' }, off('0.5'), '2026-01-01', null, { id: 'tech-50' });
const unrelatedAccount = agreement('X', onDesk, off('0.5'), '2026-01-01', null, { id: 'x-50' });
const eurNet = agreement('C', onDesk, net(8000n), '2026-01-01', null, { id: 'eur-net', currency: 'EUR' });

describe('resolvePrice: which rule wins', () => {
  const table: [string, Partial<PriceQuestion>, { unitPrice: bigint; listPrice: bigint | null; kind: string; id: string | null; inherited?: boolean; minQuantity?: number | null }][] = [
    ['no agreement, no price book on the date: the catalogue price', { date: '2025-06-01' }, { unitPrice: 10000n, listPrice: 10000n, kind: 'list_price', id: null }],
    ['no agreement: the price book valid on the date', {}, { unitPrice: 12000n, listPrice: 12000n, kind: 'list_price', id: 'usd-2026' }],
    ['overlapping price books: the latest validFrom', { date: '2026-08-01' }, { unitPrice: 12500n, listPrice: 12500n, kind: 'list_price', id: 'usd-2026-h2' }],
    ['price book on its last day (validTo inclusive)', { date: '2026-12-31' }, { unitPrice: 12500n, listPrice: 12500n, kind: 'list_price', id: 'usd-2026-h2' }],
    ['price book expired: back to the catalogue', { date: '2027-01-01' }, { unitPrice: 10000n, listPrice: 10000n, kind: 'list_price', id: null }],
    ['inherited from the parent when the child has none', { agreements: [parentProduct20] }, { unitPrice: 9600n, listPrice: 12000n, kind: 'discount', id: 'parent-product-20', inherited: true }],
    ['inherited from the grandparent through the parent', { agreements: [groupProduct30] }, { unitPrice: 8400n, listPrice: 12000n, kind: 'discount', id: 'group-product-30', inherited: true }],
    ['nearest ancestor over a farther one', { agreements: [groupProduct30, parentProduct20] }, { unitPrice: 9600n, listPrice: 12000n, kind: 'discount', id: 'parent-product-20' }],
    ["the account's own (family) over an inherited product net price", { agreements: [parentNet90, childFamily10] }, { unitPrice: 10800n, listPrice: 12000n, kind: 'discount', id: 'child-family-10', inherited: false }],
    ['same account: product over family', { agreements: [childFamily25, childProduct5] }, { unitPrice: 11400n, listPrice: 12000n, kind: 'discount', id: 'child-product-5' }],
    ['overlapping dates: the latest validFrom wins', { agreements: [childJan10, childFeb15] }, { unitPrice: 10200n, listPrice: 12000n, kind: 'discount', id: 'child-feb-15' }],
    ['overlapping dates: before the later one starts, the earlier one', { agreements: [childJan10, childFeb15], date: '2026-01-31' }, { unitPrice: 10800n, listPrice: 12000n, kind: 'discount', id: 'child-jan-10' }],
    ['expired agreement ignored (validTo the day before)', { agreements: [childUntilFeb, parentProduct20] }, { unitPrice: 9600n, listPrice: 12000n, kind: 'discount', id: 'parent-product-20' }],
    ['agreement on its last day still applies', { agreements: [childUntilFeb, parentProduct20], date: '2026-02-28' }, { unitPrice: 7200n, listPrice: 12000n, kind: 'discount', id: 'child-until-feb' }],
    ['agreement not yet valid ignored', { agreements: [childFromApril] }, { unitPrice: 12000n, listPrice: 12000n, kind: 'list_price', id: 'usd-2026' }],
    ['agreement on its first day applies', { agreements: [childFromApril], date: '2026-04-01' }, { unitPrice: 7200n, listPrice: 12000n, kind: 'discount', id: 'child-from-april' }],
    ['tiers: quantity 1 takes the first tier', { agreements: [tiers], quantity: 1 }, { unitPrice: 11400n, listPrice: 12000n, kind: 'volume_tiers', id: 'tiers', minQuantity: 1 }],
    ['tiers: one below a break stays on the lower tier', { agreements: [tiers], quantity: 9 }, { unitPrice: 11400n, listPrice: 12000n, kind: 'volume_tiers', id: 'tiers', minQuantity: 1 }],
    ['tiers: exactly at a break takes it', { agreements: [tiers], quantity: 10 }, { unitPrice: 10800n, listPrice: 12000n, kind: 'volume_tiers', id: 'tiers', minQuantity: 10 }],
    ['tiers: just below the top break', { agreements: [tiers], quantity: 99 }, { unitPrice: 10800n, listPrice: 12000n, kind: 'volume_tiers', id: 'tiers', minQuantity: 10 }],
    ['tiers: a net-price tier at its break', { agreements: [tiers], quantity: 100 }, { unitPrice: 9000n, listPrice: 12000n, kind: 'volume_tiers', id: 'tiers', minQuantity: 100 }],
    ['tiers: far above the top break', { agreements: [tiers], quantity: 100000 }, { unitPrice: 9000n, listPrice: 12000n, kind: 'volume_tiers', id: 'tiers', minQuantity: 100 }],
    ['tiers below their first break do not apply: the next rule does', { agreements: [tiersFrom10, childFamily10], quantity: 5 }, { unitPrice: 10800n, listPrice: 12000n, kind: 'discount', id: 'child-family-10' }],
    ['tiers at their first break beat a family rule', { agreements: [tiersFrom10, childFamily10], quantity: 10 }, { unitPrice: 9600n, listPrice: 12000n, kind: 'volume_tiers', id: 'tiers-from-10', minQuantity: 10 }],
    ["another product's, another family's and another account's agreements never apply", { agreements: [otherProduct, otherFamily, unrelatedAccount] }, { unitPrice: 12000n, listPrice: 12000n, kind: 'list_price', id: 'usd-2026' }],
    ['a product without a family: family agreements do not apply', { agreements: [childFamily10], product: { ...desk, family: null } }, { unitPrice: 12000n, listPrice: 12000n, kind: 'list_price', id: 'usd-2026' }],
    ['net price without any list price in the currency', { agreements: [parentNet90], priceBookPrices: [], product: { ...desk, catalogue: { listPrice: null, currency: 'USD' } } }, { unitPrice: 9000n, listPrice: null, kind: 'net_price', id: 'parent-net-90' }],
    ['a price book in the asked currency answers for a foreign-currency product', { currency: 'EUR', priceBookPrices: [book('eur-2026', 11000n, '2026-01-01', null, 'EUR')] }, { unitPrice: 11000n, listPrice: 11000n, kind: 'list_price', id: 'eur-2026' }],
    ['discount rounds half-up to the minor unit (999 × 0.875 = 874.125)', { agreements: [agreement('C', onDesk, off('0.125'), '2026-01-01', null, { id: 'r' })], priceBookPrices: [book('b', 999n, '2026-01-01', null)] }, { unitPrice: 874n, listPrice: 999n, kind: 'discount', id: 'r' }],
    ['discount at exactly half a minor unit rounds up (999 × 0.5 = 499.5)', { agreements: [agreement('C', onDesk, off('0.5'), '2026-01-01', null, { id: 'h' })], priceBookPrices: [book('b', 999n, '2026-01-01', null)] }, { unitPrice: 500n, listPrice: 999n, kind: 'discount', id: 'h' }],
    ['a 100 % discount gives the product away', { agreements: [agreement('C', onDesk, off('1'), '2026-01-01', null, { id: 'free' })] }, { unitPrice: 0n, listPrice: 12000n, kind: 'discount', id: 'free' }],
  ];
  it.each(table)('%s', (_name, over, expected) => {
    const answer = resolvePrice(ask(over));
    expect(answer.unitPrice).toBe(expected.unitPrice);
    expect(answer.listPrice).toBe(expected.listPrice);
    expect(answer.rule.kind).toBe(expected.kind);
    expect(answer.rule.id).toBe(expected.id);
    if (expected.inherited !== undefined) expect(answer.rule.inherited).toBe(expected.inherited);
    if (expected.minQuantity !== undefined) expect(answer.rule.minQuantity).toBe(expected.minQuantity);
  });

  it('a full tie (same account, target and validFrom): the most recently created', () => {
    const older = agreement('C', onDesk, off('0.1'), '2026-01-01', null, { id: 'older', createdAt: '2026-01-01T00:00:00.000Z' });
    const newer = agreement('C', onDesk, off('0.2'), '2026-01-01', null, { id: 'newer', createdAt: '2026-01-02T00:00:00.000Z' });
    expect(resolvePrice(ask({ agreements: [newer, older] })).rule.id).toBe('newer');
    expect(resolvePrice(ask({ agreements: [older, newer] })).rule.id).toBe('newer');
  });

  it('says why, naming the owner of an inherited agreement and what it beat', () => {
    const answer = resolvePrice(ask({ agreements: [parentProduct20, groupProduct30] }));
    expect(answer.rule.why).toBe('Inherited from Parent Corp: 20 % off Desk, valid from 2026-01-01; it takes precedence over 1 other applicable agreement');
    expect(resolvePrice(ask({ agreements: [tiers], quantity: 100 })).rule.why).toBe('Own agreement: volume tier from 100 units on Desk: net price 90.00 USD, valid from 2026-01-01');
    expect(resolvePrice(ask({})).rule.why).toBe('List price 120.00 USD from price book "usd-2026" (valid from 2026-01-01 to 2026-12-31); no agreement applies');
    expect(resolvePrice(ask({ agreements: [childFamily10] })).rule.why).toBe('Own agreement: 10 % off the Furniture family, valid from 2026-01-01');
  });
});

describe('resolvePrice: refusals', () => {
  const refusal = (question: PriceQuestion): AppError => {
    try {
      resolvePrice(question);
    } catch (error) {
      return error as AppError;
    }
    throw new Error('no refusal');
  };

  it('no list price in the asked currency (catalogue in another): currency_mismatch naming both', () => {
    const error = refusal(ask({ currency: 'EUR' }));
    expect(error.code).toBe('currency_mismatch');
    expect(error.message).toBe('Desk has no list price in EUR on 2026-03-01: its catalogue price is in USD and no EUR price book lists it');
  });

  it('a discount needs a list price in the currency: currency_mismatch', () => {
    expect(refusal(ask({ currency: 'EUR', agreements: [childFamily10] })).code).toBe('currency_mismatch');
  });

  it('a winning net price in another currency: currency_mismatch', () => {
    const error = refusal(ask({ agreements: [eurNet] }));
    expect(error.code).toBe('currency_mismatch');
    expect(error.message).toContain('sets net prices in EUR; Child Ltd is priced in USD');
  });

  it('a net-price tier in another currency: currency_mismatch', () => {
    const eurTiers = agreement('C', onDesk, { kind: 'volume_tiers', tiers: [{ minQuantity: 1, netPrice: '5000' }] }, '2026-01-01', null, { currency: 'EUR' });
    expect(refusal(ask({ agreements: [eurTiers] })).code).toBe('currency_mismatch');
  });

  it('no list price anywhere and no agreement: unprocessable', () => {
    expect(refusal(ask({ priceBookPrices: [], product: { ...desk, catalogue: { listPrice: null, currency: 'USD' } } })).code).toBe('unprocessable');
  });
});

describe('tierFor', () => {
  const steps = [{ minQuantity: 5 }, { minQuantity: 50 }, { minQuantity: 20 }];
  it.each([[4, null], [5, 5], [19, 5], [20, 20], [49, 20], [50, 50], [51, 50]])('quantity %i → tier %s (order of tiers does not matter)', (quantity, min) => {
    expect(tierFor(steps, quantity)?.minQuantity ?? null).toBe(min);
  });
});

describe('agreementErrors', () => {
  const base = { productId: 'desk', discountRate: '0.1', validFrom: '2026-01-01' };
  it('accepts each kind of terms', () => {
    expect(agreementErrors(base)).toEqual([]);
    expect(agreementErrors({ productId: 'desk', netPrice: '90.00', validFrom: '2026-01-01', validTo: '2026-01-01' })).toEqual([]);
    expect(agreementErrors({ family: 'Furniture', volumeTiers: [{ minQuantity: 1, discountRate: '0' }, { minQuantity: 10, discountRate: '1' }], validFrom: '2026-01-01' })).toEqual([]);
  });
  it.each([
    ['both product and family', { ...base, family: 'Furniture' }, 'productId'],
    ['neither product nor family', { discountRate: '0.1', validFrom: '2026-01-01' }, 'productId'],
    ['two kinds of terms', { ...base, netPrice: '10.00' }, 'discountRate'],
    ['no terms', { productId: 'desk', validFrom: '2026-01-01' }, 'discountRate'],
    ['a percentage instead of a fraction', { ...base, discountRate: '12.5' }, 'discountRate'],
    ['a negative rate', { ...base, discountRate: '-0.1' }, 'discountRate'],
    ['more than 100 %', { ...base, discountRate: '1.01' }, 'discountRate'],
    ['a net price on a family', { family: 'Furniture', netPrice: '10.00', validFrom: '2026-01-01' }, 'netPrice'],
    ['a tier with both rate and price', { productId: 'desk', volumeTiers: [{ minQuantity: 1, discountRate: '0.1', netPrice: '1.00' }], validFrom: '2026-01-01' }, 'volumeTiers.0'],
    ['a tier twice', { productId: 'desk', volumeTiers: [{ minQuantity: 10, discountRate: '0.1' }, { minQuantity: 10, discountRate: '0.2' }], validFrom: '2026-01-01' }, 'volumeTiers.1.minQuantity'],
    ['validTo before validFrom', { ...base, validTo: '2025-12-31' }, 'validTo'],
  ])('refuses %s', (_name, input, path) => {
    expect(agreementErrors(input).map((e) => e.path)).toContain(path);
  });
});
