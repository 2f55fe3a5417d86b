import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoMonth, Money, Nullable, Uuid } from '../../http/schemas.ts';

const Rate = Nullable(Type.String({ description: 'A fraction as decimal text ("0.125" = 12.5 %); null when undefined (no base)' }));
const PeriodFigures = Type.Object({
  period: Type.String({ description: 'YYYY-MM or YYYY-Qn' }),
  revenue: Money,
  grossProfit: Money,
  margin: Rate,
  revenueYoy: Rate,
  grossProfitYoy: Rate,
});

const dynamicsFields = {
  currency: CurrencyCode,
  from: IsoMonth,
  to: IsoMonth,
  months: Type.Array(PeriodFigures),
  quarters: Type.Array(PeriodFigures),
  productMix: Type.Array(Type.Object({ period: Type.String(), families: Type.Array(Type.Object({ family: Type.String(), revenue: Money, share: Rate })) })),
  trend: Type.Object({
    slopePerMonth: Money,
    relativeSlope: Rate,
    direction: Type.Union([Type.Literal('growing'), Type.Literal('flat'), Type.Literal('declining')]),
    window: Type.Object({ from: IsoMonth, to: IsoMonth }),
  }, { description: 'Least-squares slope of monthly revenue over the trailing 12 complete months' }),
  forecast: Type.Array(Type.Object({ period: Type.String(), revenue: Money, grossProfit: Money }), { description: 'Seasonal-naive: each of the next 4 quarters repeats the same quarter of the last year' }),
  shareOfWallet: Type.Object({
    walletEstimate: Nullable(Money),
    items: Type.Array(Type.Object({ month: IsoMonth, trailingRevenue: Money, share: Rate })),
  }, { description: 'Trailing-12-month revenue over the annual wallet estimate (converted to the organisation currency at today\'s rate)' }),
};

const example = {
  currency: 'USD', from: '2024-01', to: '2026-11',
  months: [{ period: '2026-10', revenue: '12000.00', grossProfit: '3600.00', margin: '0.3', revenueYoy: '0.2', grossProfitYoy: '0.125' }],
  quarters: [{ period: '2026-Q3', revenue: '33000.00', grossProfit: '9900.00', margin: '0.3', revenueYoy: '0.1', grossProfitYoy: '0.05' }],
  productMix: [{ period: '2026-Q3', families: [{ family: 'Furniture', revenue: '20000.00', share: '0.6061' }] }],
  trend: { slopePerMonth: '150.00', relativeSlope: '0.0135', direction: 'growing', window: { from: '2025-11', to: '2026-10' } },
  forecast: [{ period: '2026-Q4', revenue: '31000.00', grossProfit: '9000.00' }],
  shareOfWallet: { walletEstimate: '400000.00', items: [{ month: '2026-10', trailingRevenue: '130000.00', share: '0.325' }] },
};

export const AccountDynamics = Type.Object({ accountId: Uuid, ...dynamicsFields }, { $id: 'AccountDynamics', examples: [{ accountId: '01936b2e-7c1a-7000-8000-000000000001', ...example }] });
export type AccountDynamics = Static<typeof AccountDynamics>;

export const PortfolioDynamics = Type.Object(
  { accounts: Type.Integer({ minimum: 0 }), ...dynamicsFields },
  { $id: 'PortfolioDynamics', examples: [{ accounts: 42, ...example }] },
);
export type PortfolioDynamics = Static<typeof PortfolioDynamics>;

const Years = Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 3, description: 'How many years back from the current month' }));
export const DynamicsQuery = Type.Object({ years: Years }, { additionalProperties: false });
export type DynamicsQuery = Static<typeof DynamicsQuery>;

export const PortfolioQuery = Type.Object(
  {
    years: Years,
    owner: Type.Optional(Uuid),
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    tier: Type.Optional(Type.Union([Type.Literal('key'), Type.Literal('strategic'), Type.Literal('develop'), Type.Literal('maintain')])),
  },
  { additionalProperties: false },
);
export type PortfolioQuery = Static<typeof PortfolioQuery>;

export const Whitespace = Type.Object(
  {
    accountId: Uuid,
    currency: CurrencyCode,
    window: Type.Object({ from: IsoMonth, to: IsoMonth }),
    basis: Type.Union([Type.Literal('industryAndRegion'), Type.Literal('industry'), Type.Literal('region'), Type.Literal('productMix')], {
      description: 'How the peers were chosen: same industry and region, same industry, same region, or nearest by product mix among all accounts',
    }),
    peers: Type.Integer({ minimum: 0 }),
    items: Type.Array(Type.Object({
      family: Type.String(),
      peerRevenue: Money,
      averagePerBuyer: Money,
      buyers: Type.Integer(),
      penetration: Type.String({ description: 'Share of the peers that buy it, a fraction' }),
      why: Type.String(),
    })),
  },
  {
    $id: 'Whitespace',
    examples: [{
      accountId: '01936b2e-7c1a-7000-8000-000000000001', currency: 'USD', window: { from: '2025-12', to: '2026-11' }, basis: 'industryAndRegion', peers: 25,
      items: [{ family: 'Technology', peerRevenue: '182000.00', averagePerBuyer: '9100.00', buyers: 20, penetration: '0.8', why: '20 of 25 similar accounts (same industry and region) buy Technology: 182000.00 USD in the last 12 months, 9100.00 USD each on average.' }],
    }],
  },
);
export type Whitespace = Static<typeof Whitespace>;
