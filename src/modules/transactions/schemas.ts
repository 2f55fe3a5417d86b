import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoDate, IsoMonth, Money, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';

export const Quantity = Type.String({
  pattern: '^-?\\d{1,14}(\\.\\d{1,4})?$',
  description: 'A decimal quantity (at most 4 decimals); negative only for a return, whose amount is negative',
  examples: ['2', '1.5', '-1'],
});

export const Transaction = Type.Object(
  {
    id: Uuid,
    externalId: Nullable(Type.String()),
    accountId: Uuid,
    accountName: Type.String(),
    productId: Nullable(Uuid),
    productSku: Nullable(Type.String()),
    productName: Nullable(Type.String()),
    bookedOn: IsoDate,
    quantity: Quantity,
    amount: Money,
    cost: Nullable(Money),
    grossProfit: Money,
    currency: CurrencyCode,
    amountOrg: Money,
    costOrg: Money,
    orgCurrency: CurrencyCode,
    importId: Nullable(Uuid),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'Transaction',
    description: 'A revenue line. amount, cost and grossProfit are in `currency`; amountOrg and costOrg are the same line in the organisation currency, converted at the FX rate in force on bookedOn.',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000301', externalId: 'CA-2026-152156-1', accountId: '01936b2e-7c1a-7000-8000-000000000001', accountName: 'Claire Gute',
      productId: '01936b2e-7c1a-7000-8000-000000000201', productSku: 'FUR-BO-10001798', productName: 'Bush Somerset Collection Bookcase',
      bookedOn: '2026-11-08', quantity: '2', amount: '261.96', cost: '220.06', grossProfit: '41.90', currency: 'USD', amountOrg: '261.96', costOrg: '220.06', orgCurrency: 'USD',
      importId: null, createdAt: '2026-11-08T09:00:00.000Z', updatedAt: '2026-11-08T09:00:00.000Z', version: 1,
    }],
  },
);
export type Transaction = Static<typeof Transaction>;

const lineFields = {
  productId: Type.Optional(Nullable(Uuid)),
  externalId: Type.Optional(Nullable(Text(100, 1))),
  quantity: Type.Optional(Quantity),
  cost: Type.Optional(Nullable(Money)),
  currency: Type.Optional(CurrencyCode),
};

export const TransactionCreate = Type.Object(
  { accountId: Uuid, bookedOn: IsoDate, amount: Money, ...lineFields },
  {
    additionalProperties: false,
    description: "quantity defaults to 1; currency to the account's; a negative amount is a refund (with a negative quantity, a return)",
    examples: [{ accountId: '01936b2e-7c1a-7000-8000-000000000001', productId: '01936b2e-7c1a-7000-8000-000000000201', bookedOn: '2026-11-08', quantity: '2', amount: '261.96', cost: '220.06' }],
  },
);
export type TransactionCreate = Static<typeof TransactionCreate>;

export const TransactionUpdate = Type.Object(
  { accountId: Type.Optional(Uuid), bookedOn: Type.Optional(IsoDate), amount: Type.Optional(Money), ...lineFields },
  { additionalProperties: false, minProperties: 1, examples: [{ amount: '249.00' }] },
);
export type TransactionUpdate = Static<typeof TransactionUpdate>;

export const TransactionListQuery = Type.Object(
  {
    ...PageQuery,
    accountId: Type.Optional(Uuid),
    productId: Type.Optional(Uuid),
    from: Type.Optional({ ...IsoDate, description: 'Booked on or after this date' }),
    to: Type.Optional({ ...IsoDate, description: 'Booked on or before this date' }),
  },
  { additionalProperties: false },
);
export type TransactionListQuery = Static<typeof TransactionListQuery>;

export const RollupQuery = Type.Object(
  {
    from: Type.Optional({ ...IsoMonth, description: 'First month, YYYY-MM (default: the earliest)' }),
    to: Type.Optional({ ...IsoMonth, description: 'Last month, YYYY-MM, included (default: the latest)' }),
  },
  { additionalProperties: false },
);
export type RollupQuery = Static<typeof RollupQuery>;

export const MonthlyRollup = Type.Object(
  {
    currency: CurrencyCode,
    items: Type.Array(
      Type.Object({ month: IsoMonth, revenue: Money, cost: Money, grossProfit: Money, lines: Type.Integer() }),
    ),
  },
  {
    $id: 'MonthlyRollup',
    description: 'Revenue, cost and gross profit per month in the organisation currency, oldest first. Months without transaction lines are left out.',
  },
);
export type MonthlyRollup = Static<typeof MonthlyRollup>;

export const FamilyRollup = Type.Object(
  {
    currency: CurrencyCode,
    items: Type.Array(
      Type.Object({
        family: Nullable(Type.String({ description: 'null: lines without a product family' })),
        revenue: Money,
        cost: Money,
        grossProfit: Money,
        lines: Type.Integer(),
      }),
    ),
  },
  {
    $id: 'FamilyRollup',
    description: 'Revenue, cost and gross profit per product family over the months asked, in the organisation currency, largest revenue first.',
  },
);
export type FamilyRollup = Static<typeof FamilyRollup>;
