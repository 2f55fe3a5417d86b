import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoDate, Money, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';

export const Rate = Type.String({ pattern: '^(0(\\.\\d{1,6})?|1(\\.0{1,6})?)$', description: 'A fraction from 0 to 1 as a decimal string ("0.125" = 12.5 %)', examples: ['0.125'] });
const Quantity = Type.Integer({ minimum: 1, maximum: 1_000_000_000 });

// --- price books ---------------------------------------------------------------------------------

const BookPrice = Type.Object(
  { productId: Uuid, sku: Type.String(), productName: Type.String(), family: Nullable(Type.String()), listPrice: Money },
);

export const PriceBook = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    currency: CurrencyCode,
    validFrom: IsoDate,
    validTo: Nullable(IsoDate),
    priceCount: Type.Integer({ minimum: 0 }),
    /** Only on GET /price-books/{id} and writes. */
    prices: Type.Optional(Type.Array(BookPrice)),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'PriceBook',
    description: 'List prices per product in one currency, valid from a date to a date (inclusive; null: open-ended). Where books of a currency overlap, the latest validFrom wins.',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000501', name: 'USD list 2026', currency: 'USD', validFrom: '2026-01-01', validTo: null, priceCount: 1,
      prices: [{ productId: '01936b2e-7c1a-7000-8000-000000000201', sku: 'FUR-BO-10001798', productName: 'Bush Somerset Collection Bookcase', family: 'Furniture', listPrice: '139.00' }],
      createdAt: '2026-01-01T09:00:00.000Z', updatedAt: '2026-01-01T09:00:00.000Z', version: 1,
    }],
  },
);
export type PriceBook = Static<typeof PriceBook>;

const PriceInput = Type.Object({ productId: Uuid, listPrice: Money }, { additionalProperties: false });
const Prices = Type.Array(PriceInput, { maxItems: 10_000, description: 'Replaces every price of the book' });

export const PriceBookCreate = Type.Object(
  { name: Text(200, 1), currency: CurrencyCode, validFrom: IsoDate, validTo: Type.Optional(Nullable(IsoDate)), prices: Type.Optional(Prices) },
  { additionalProperties: false, examples: [{ name: 'USD list 2026', currency: 'USD', validFrom: '2026-01-01', prices: [{ productId: '01936b2e-7c1a-7000-8000-000000000201', listPrice: '139.00' }] }] },
);
export type PriceBookCreate = Static<typeof PriceBookCreate>;

export const PriceBookUpdate = Type.Object(
  { name: Type.Optional(Text(200, 1)), validFrom: Type.Optional(IsoDate), validTo: Type.Optional(Nullable(IsoDate)), prices: Type.Optional(Prices) },
  { additionalProperties: false, minProperties: 1, examples: [{ validTo: '2026-12-31' }, { prices: [{ productId: '01936b2e-7c1a-7000-8000-000000000201', listPrice: '145.00' }] }] },
);
export type PriceBookUpdate = Static<typeof PriceBookUpdate>;

export const PriceBookListQuery = Type.Object(
  {
    ...PageQuery,
    currency: Type.Optional(CurrencyCode),
    validOn: Type.Optional(IsoDate),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name' })),
  },
  { additionalProperties: false },
);
export type PriceBookListQuery = Static<typeof PriceBookListQuery>;

// --- agreements ----------------------------------------------------------------------------------

const TierInput = Type.Object(
  { minQuantity: Quantity, discountRate: Type.Optional(Rate), netPrice: Type.Optional(Money) },
  { additionalProperties: false, description: 'From minQuantity units: a discount on the list price or a net price' },
);
const Tiers = Type.Array(TierInput, { minItems: 1, maxItems: 20 });

export const PriceAgreement = Type.Object(
  {
    id: Uuid,
    accountId: Uuid,
    accountName: Type.String(),
    inherited: Type.Boolean({ description: "True when the agreement is an ancestor's, listed on a subsidiary" }),
    productId: Nullable(Uuid),
    productName: Nullable(Type.String()),
    family: Nullable(Type.String()),
    discountRate: Nullable(Rate),
    netPrice: Nullable(Money),
    volumeTiers: Nullable(Type.Array(Type.Object({ minQuantity: Quantity, discountRate: Type.Optional(Rate), netPrice: Type.Optional(Money) }))),
    currency: CurrencyCode,
    validFrom: IsoDate,
    validTo: Nullable(IsoDate),
    note: Type.String(),
    status: Type.Union([Type.Literal('active'), Type.Literal('future'), Type.Literal('expired')], { description: 'As of today' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'PriceAgreement',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000601', accountId: '01936b2e-7c1a-7000-8000-000000000001', accountName: 'Claire Gute', inherited: false,
      productId: null, productName: null, family: 'Furniture', discountRate: null, netPrice: null,
      volumeTiers: [{ minQuantity: 1, discountRate: '0.05' }, { minQuantity: 10, discountRate: '0.1' }], currency: 'USD',
      validFrom: '2026-01-01', validTo: '2026-12-31', note: 'Framework agreement 2026', status: 'active',
      createdAt: '2026-01-01T09:00:00.000Z', updatedAt: '2026-01-01T09:00:00.000Z', version: 1,
    }],
  },
);
export type PriceAgreement = Static<typeof PriceAgreement>;

const agreementFields = {
  productId: Type.Optional(Nullable(Uuid)),
  family: Type.Optional(Nullable(Text(100, 1))),
  discountRate: Type.Optional(Nullable(Rate)),
  netPrice: Type.Optional(Nullable(Money)),
  volumeTiers: Type.Optional(Nullable(Tiers)),
  validTo: Type.Optional(Nullable(IsoDate)),
  note: Type.Optional(Text(2000)),
};

export const PriceAgreementCreate = Type.Object(
  { ...agreementFields, validFrom: IsoDate, currency: Type.Optional(CurrencyCode) },
  {
    additionalProperties: false,
    description: 'Exactly one of productId and family; exactly one of discountRate, netPrice and volumeTiers. Net prices are in `currency` (default: the account\'s).',
    examples: [
      { family: 'Furniture', discountRate: '0.125', validFrom: '2026-01-01', validTo: '2026-12-31' },
      { productId: '01936b2e-7c1a-7000-8000-000000000201', netPrice: '119.00', validFrom: '2026-01-01' },
      { productId: '01936b2e-7c1a-7000-8000-000000000201', volumeTiers: [{ minQuantity: 1, discountRate: '0.05' }, { minQuantity: 50, netPrice: '110.00' }], validFrom: '2026-01-01' },
    ],
  },
);
export type PriceAgreementCreate = Static<typeof PriceAgreementCreate>;

export const PriceAgreementUpdate = Type.Object(
  { ...agreementFields, validFrom: Type.Optional(IsoDate), currency: Type.Optional(CurrencyCode) },
  { additionalProperties: false, minProperties: 1, description: 'Changes the fields given; to switch the kind of terms, null the old one.', examples: [{ validTo: '2027-06-30' }, { discountRate: null, netPrice: '115.00' }] },
);
export type PriceAgreementUpdate = Static<typeof PriceAgreementUpdate>;

export const AgreementParams = Type.Object({ id: Uuid, agreementId: Uuid });

// --- the price ------------------------------------------------------------------------------------

export const PriceQuery = Type.Object(
  {
    productId: Uuid,
    quantity: Type.Optional(Quantity),
    date: Type.Optional(IsoDate),
    currency: Type.Optional(CurrencyCode),
  },
  { additionalProperties: false },
);
export type PriceQuery = Static<typeof PriceQuery>;

export const RuleKind = Type.Union([Type.Literal('list_price'), Type.Literal('discount'), Type.Literal('net_price'), Type.Literal('volume_tiers')]);

export const PriceRule = Type.Object({
  kind: RuleKind,
  id: Nullable(Uuid),
  why: Type.String(),
  accountId: Nullable(Uuid),
  inherited: Type.Boolean(),
  minQuantity: Nullable(Type.Integer()),
});

export const Price = Type.Object(
  {
    productId: Uuid,
    quantity: Type.Integer(),
    date: IsoDate,
    unitPrice: Money,
    currency: CurrencyCode,
    listPrice: Nullable(Money),
    discountRate: Nullable(Type.String({ description: 'The effective discount on the list price, a fraction' })),
    rule: PriceRule,
  },
  {
    $id: 'Price',
    description:
      'What the account pays per unit, and the rule that won. Precedence: the account\'s own agreement over an inherited one (nearest ancestor first); ' +
      'a product agreement over a family one; then the latest validFrom; then the most recently created. Volume tiers take the highest minQuantity ≤ quantity ' +
      '(an agreement whose first tier is above the quantity does not apply). Agreements outside their validity are ignored. Without an agreement: the list price ' +
      '(the price book of the currency valid on the date, else the catalogue price). rule.id is the agreement or price book (null: the catalogue).',
    examples: [{
      productId: '01936b2e-7c1a-7000-8000-000000000201', quantity: 10, date: '2026-11-23', unitPrice: '125.10', currency: 'USD', listPrice: '139.00', discountRate: '0.1',
      rule: { kind: 'volume_tiers', id: '01936b2e-7c1a-7000-8000-000000000601', why: 'Inherited from Acme Holdings: volume tier from 10 units on the Furniture family: 10 % off, valid from 2026-01-01 to 2026-12-31', accountId: '01936b2e-7c1a-7000-8000-000000000002', inherited: true, minQuantity: 10 },
    }],
  },
);
export type Price = Static<typeof Price>;
