import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, Money, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';

export const Product = Type.Object(
  {
    id: Uuid,
    sku: Type.String(),
    name: Type.String(),
    family: Nullable(Type.String()),
    listPrice: Nullable(Money),
    unitCost: Nullable(Money),
    currency: CurrencyCode,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'Product',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000201', sku: 'FUR-BO-10001798', name: "Bush Somerset Collection Bookcase", family: 'Furniture',
      listPrice: '130.98', unitCost: '110.03', currency: 'USD', createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-01T09:00:00.000Z', version: 1,
    }],
  },
);
export type Product = Static<typeof Product>;

const Sku = Text(100, 1);
const productFields = {
  family: Type.Optional(Nullable(Text(100))),
  listPrice: Type.Optional(Nullable(Money)),
  unitCost: Type.Optional(Nullable(Money)),
  currency: Type.Optional(CurrencyCode),
};

export const ProductCreate = Type.Object(
  { sku: Sku, name: Text(200, 1), ...productFields },
  {
    additionalProperties: false,
    description: 'Prices are in `currency` (default: the organisation currency)',
    examples: [{ sku: 'TEC-PH-10002275', name: 'Mitel 5320 IP Phone VoIP phone', family: 'Technology', listPrice: '907.15', unitCost: '850.00', currency: 'USD' }],
  },
);
export type ProductCreate = Static<typeof ProductCreate>;

export const ProductUpdate = Type.Object(
  { sku: Type.Optional(Sku), name: Type.Optional(Text(200, 1)), ...productFields },
  { additionalProperties: false, minProperties: 1, examples: [{ listPrice: '949.00' }] },
);
export type ProductUpdate = Static<typeof ProductUpdate>;

export const ProductListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the sku or the name' })),
    family: Type.Optional(Type.String({ maxLength: 100, description: 'Exactly this family' })),
  },
  { additionalProperties: false },
);
export type ProductListQuery = Static<typeof ProductListQuery>;
