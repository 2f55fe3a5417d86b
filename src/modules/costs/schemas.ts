import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoMonth, Money, Nullable, Version } from '../../http/schemas.ts';
import { costRoles } from './costs.ts';

const RatesSchema = Type.Object(Object.fromEntries(costRoles.map((r) => [r, Type.Optional(Nullable(Money))])), {
  additionalProperties: false,
  description: 'Cost of one hour of each role, in the organisation currency; null or absent: not priced',
});

export const CostRates = Type.Object(
  { currency: CurrencyCode, hourly: RatesSchema, version: Version },
  { $id: 'CostRates', examples: [{ currency: 'USD', hourly: { kam: '95.00', manager: '120.00', bd: '80.00', director: '160.00', admin: null, viewer: null }, version: 2 }] },
);
export type CostRates = Static<typeof CostRates>;

export const CostRatesPut = Type.Object(
  { hourly: RatesSchema },
  { additionalProperties: false, examples: [{ hourly: { kam: '95.00', manager: '120.00', bd: '80.00', director: '160.00' } }] },
);
export type CostRatesPut = Static<typeof CostRatesPut>;

export const CostToServeQuery = Type.Object(
  {
    from: Type.Optional(IsoMonth),
    to: Type.Optional(IsoMonth),
  },
  { additionalProperties: false, description: 'Months, inclusive; default: the 12 months up to the current one; at most 60' },
);
export type CostToServeQuery = Static<typeof CostToServeQuery>;

const Figures = {
  minutes: Type.Integer({ minimum: 0 }),
  grossProfit: Money,
  costToServe: Money,
  netProfit: Money,
};

export const CostToServe = Type.Object(
  {
    accountId: Type.String({ format: 'uuid' }),
    currency: CurrencyCode,
    from: IsoMonth,
    to: IsoMonth,
    ratesSet: Type.Boolean({ description: 'False until an admin sets cost rates: every cost is then 0' }),
    months: Type.Array(Type.Object({ month: IsoMonth, ...Figures })),
    totals: Type.Object(Figures),
  },
  {
    $id: 'CostToServe',
    examples: [{
      accountId: '01936b2e-7c1a-7000-8000-000000000001', currency: 'USD', from: '2026-11', to: '2026-11', ratesSet: true,
      months: [{ month: '2026-11', minutes: 240, grossProfit: '1250.00', costToServe: '380.00', netProfit: '870.00' }],
      totals: { minutes: 240, grossProfit: '1250.00', costToServe: '380.00', netProfit: '870.00' },
    }],
  },
);
