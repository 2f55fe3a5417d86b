import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoDate, PageQuery, Timestamp } from '../../http/schemas.ts';

const Rate = Type.String({
  pattern: '^\\d{1,10}(\\.\\d{1,10})?$',
  description: "Units of the organisation's currency per one unit of `currency`, a positive decimal",
  examples: ['1.0850'],
});

export const FxRate = Type.Object(
  {
    currency: CurrencyCode,
    effectiveOn: IsoDate,
    rate: Rate,
    orgCurrency: CurrencyCode,
    createdAt: Timestamp,
  },
  {
    $id: 'FxRate',
    description: 'A rate is in force from effectiveOn until the next rate of the same currency',
    examples: [{ currency: 'EUR', effectiveOn: '2026-01-01', rate: '1.085', orgCurrency: 'USD', createdAt: '2026-01-02T08:00:00.000Z' }],
  },
);
export type FxRate = Static<typeof FxRate>;

export const FxRatePut = Type.Object({ rate: Rate }, { additionalProperties: false, examples: [{ rate: '1.0850' }] });
export type FxRatePut = Static<typeof FxRatePut>;

export const FxRateParams = Type.Object({ currency: CurrencyCode, effectiveOn: IsoDate });
export type FxRateParams = Static<typeof FxRateParams>;

export const FxRateListQuery = Type.Object(
  { ...PageQuery, currency: Type.Optional(CurrencyCode) },
  { additionalProperties: false },
);
export type FxRateListQuery = Static<typeof FxRateListQuery>;
