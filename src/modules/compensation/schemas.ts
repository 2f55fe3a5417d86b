import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoDate, Money, Nullable, PageQuery, Timestamp, Uuid, Version } from '../../http/schemas.ts';

/**
 * The what-if simulator's request and response. The plan and the splits are checked by the engine
 * (plan.ts, engine.ts), not by the JSON schema, so a wrong plan or split answers 422 with the exact
 * reason per field rather than a generic 400.
 */
export const examplePlan = {
  name: 'Key Account Manager 2027',
  currency: 'EUR',
  periodType: 'quarter',
  effectiveFrom: '2027-01-01',
  base: { annual: '72000.00' },
  quota: '100000.00',
  components: [
    { type: 'tiered', on: 'attainment', method: 'marginal', tiers: [{ from: '0', to: '1.0', rate: '0.05' }, { from: '1.0', to: null, rate: '0.09' }] },
    { type: 'bonus', whenAttainmentAtLeast: '1.00', amount: '2500.00' },
  ],
  gate: { attainmentAtLeast: '0.40', payFrom: 'firstDollar' },
  cap: { payout: '30000.00' },
};

export const PlanDocument = Type.Object({}, {
  additionalProperties: true,
  description: 'A plan document as ../shared/COMP-PLANS.md describes it (currency, periodType, components, gate, cap, clawback, draw, deferral, …)',
});

const SplitInput = Type.Object(
  {
    payee: Type.String({ minLength: 1, maxLength: 200 }),
    type: Type.String({ maxLength: 20, description: '"revenue" (revenue splits of a credit total exactly 1) or "overlay" (adds beyond it)' }),
    share: Type.String({ maxLength: 20, description: 'A fraction as a decimal string, "0.60" = 60 %' }),
  },
  { additionalProperties: false },
);

const CreditInput = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 100 }),
    date: IsoDate,
    amount: Money,
    currency: Type.Optional(CurrencyCode),
    grossProfit: Type.Optional(Money),
    splits: Type.Optional(Type.Array(SplitInput, { maxItems: 50 })),
    refund: Type.Optional(Type.Object({ date: IsoDate, amount: Money }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const SimulateBody = Type.Object(
  {
    plan: Type.Union([PlanDocument, Type.Array(PlanDocument, { maxItems: 100 })], { description: 'One plan document, or an array of its effective-dated versions' }),
    payees: Type.Optional(
      Type.Array(
        Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), startDate: Type.Optional(IsoDate), endDate: Type.Optional(IsoDate) }, { additionalProperties: false }),
        { maxItems: 1000, description: 'Default: the payees named in the splits; a credit without splits goes to "payee"' },
      ),
    ),
    periods: Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false, description: "The plan's calendar periods from the one containing `from` to the one containing `to`" }),
    quota: Type.Optional(Type.String({ maxLength: 30, description: "Overrides the plan's quota per period (before proration)", examples: ['150000.00'] })),
    credits: Type.Array(CreditInput, { maxItems: 20000 }),
    fxRates: Type.Optional(
      Type.Array(
        Type.Object({ from: CurrencyCode, to: CurrencyCode, rate: Type.String({ maxLength: 30, description: 'Units of `to` per unit of `from`' }), effectiveFrom: IsoDate }, { additionalProperties: false }),
        { maxItems: 10000 },
      ),
    ),
    payoutCurrency: Type.Optional(CurrencyCode),
    payoutDate: Type.Optional(IsoDate),
  },
  {
    additionalProperties: false,
    examples: [{
      plan: examplePlan,
      periods: { from: '2027-01-01', to: '2027-03-31' },
      credits: [
        { id: 'D-1042', date: '2027-02-11', amount: '130000.00', splits: [{ payee: 'kira', type: 'revenue', share: '0.70' }, { payee: 'jon', type: 'revenue', share: '0.30' }] },
      ],
    }],
  },
);
export type SimulateBody = Static<typeof SimulateBody>;

const Line = Type.Object({
  kind: Type.String({ description: 'base, commission, profitShare, bonus, award (non-cash, never paid), cap, clawback, carryIn, carryForward, deferred, released, drawAdvanced, drawRecovered' }),
  creditId: Type.Optional(Type.String()),
  amount: Money,
  explanation: Type.String({ examples: ['D-1042 · 12,000.00 × 7 % (tier 1 of 2, marginal)'] }),
});

const StatementSchema = Type.Object({
  payee: Type.String(),
  period: Type.Object({ from: IsoDate, to: IsoDate }),
  currency: CurrencyCode,
  base: Money,
  credit: Money,
  quota: Nullable(Money),
  attainment: Nullable(Type.String({ description: 'Credit ÷ prorated quota as a fraction, "1.3000" = 130 %' })),
  lines: Type.Array(Line),
  gross: Money,
  clawback: Money,
  drawAdvanced: Money,
  drawRecovered: Money,
  deferred: Money,
  released: Money,
  paid: Money,
  carryForward: Money,
  drawBalance: Money,
  nonCash: Money,
});

export const SimulateResult = Type.Object(
  { statements: Type.Array(StatementSchema) },
  {
    $id: 'CompensationSimulation',
    examples: [{
      statements: [{
        payee: 'kira', period: { from: '2027-01-01', to: '2027-03-31' }, currency: 'EUR', base: '18000.00', credit: '91000.00', quota: '100000.00', attainment: '0.9100',
        lines: [
          { kind: 'base', amount: '18000.00', explanation: 'Base 72,000.00 ÷ 4' },
          { kind: 'commission', creditId: 'D-1042', amount: '4550.00', explanation: 'D-1042 · 91,000.00 × 5 % (tier 1 of 2, marginal) (revenue split 70 %)' },
        ],
        gross: '22550.00', clawback: '0.00', drawAdvanced: '0.00', drawRecovered: '0.00', deferred: '0.00', released: '0.00', paid: '22550.00', carryForward: '0.00', drawBalance: '0.00', nonCash: '0.00',
      }],
    }],
  },
);

// --- stored plans ------------------------------------------------------------------------------------

const PlanVersion = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  effectiveFrom: IsoDate,
  effectiveTo: Nullable(IsoDate),
  document: PlanDocument,
  createdBy: Uuid,
  createdAt: Timestamp,
});

export const CompPlan = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    currency: CurrencyCode,
    periodType: Type.String({ enum: ['month', 'quarter', 'year'] }),
    currentVersion: Type.Integer({ description: 'The version in force today (else the latest)' }),
    document: PlanDocument,
    versions: Type.Array(PlanVersion, { description: 'Every version, oldest first; a later version closes the one before it the day before it starts' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { $id: 'CompPlan' },
);
export type CompPlan = Static<typeof CompPlan>;

export const PlanWrite = Type.Object(
  { document: PlanDocument },
  {
    additionalProperties: false,
    description: 'A plan document exactly as ../shared/COMP-PLANS.md describes it; stored plans also need `name` and `effectiveFrom`. Invalid → 422 with each reason in `errors`.',
    examples: [{ document: { ...examplePlan, effectiveFrom: '2027-01-01' } }],
  },
);
export type PlanWrite = Static<typeof PlanWrite>;

export const PlanListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type PlanListQuery = Static<typeof PlanListQuery>;

// --- assignments -------------------------------------------------------------------------------------

const AnnualAmount = Type.String({ pattern: '^\\d{1,13}(\\.\\d{1,4})?$', description: "Annual base salary in the plan's currency", examples: ['72000.00'] });

export const Assignment = Type.Object(
  {
    id: Uuid,
    userId: Uuid,
    userName: Type.String(),
    planId: Uuid,
    planName: Type.String(),
    effectiveFrom: IsoDate,
    effectiveTo: Nullable(IsoDate),
    baseAnnual: Money,
    currency: CurrencyCode,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { $id: 'CompAssignment' },
);
export type Assignment = Static<typeof Assignment>;

export const AssignmentCreate = Type.Object(
  {
    userId: Uuid,
    planId: Uuid,
    effectiveFrom: IsoDate,
    effectiveTo: Type.Optional(Nullable(IsoDate)),
    baseAnnual: Type.Optional(AnnualAmount),
  },
  { additionalProperties: false, examples: [{ userId: '0193a0b0-0000-7000-8000-000000000001', planId: '0193a0b0-0000-7000-8000-000000000002', effectiveFrom: '2027-01-01', baseAnnual: '72000.00' }] },
);
export type AssignmentCreate = Static<typeof AssignmentCreate>;

export const AssignmentUpdate = Type.Object(
  { effectiveFrom: Type.Optional(IsoDate), effectiveTo: Type.Optional(Nullable(IsoDate)), baseAnnual: Type.Optional(AnnualAmount) },
  { additionalProperties: false, examples: [{ effectiveTo: '2027-06-30' }] },
);
export type AssignmentUpdate = Static<typeof AssignmentUpdate>;

export const AssignmentListQuery = Type.Object(
  { ...PageQuery, payee: Type.Optional(Uuid), plan: Type.Optional(Uuid), on: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export type AssignmentListQuery = Static<typeof AssignmentListQuery>;

// --- quotas ----------------------------------------------------------------------------------------------

export const PeriodLabel = Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$', description: 'A month (2027-03), a quarter (2027-Q1) or a year (2027)', examples: ['2027-Q1'] });
const Amount = Type.String({ pattern: '^\\d{1,13}(\\.\\d{1,4})?$', description: "An amount in the organisation's currency", examples: ['150000.00'] });
const QuotaSourceSchema = Type.String({ enum: ['manual', 'allocation', 'ramp'] });

export const Quota = Type.Object(
  { userId: Uuid, period: PeriodLabel, amount: Money, currency: CurrencyCode, source: QuotaSourceSchema, updatedAt: Timestamp, version: Version },
  { $id: 'CompQuota' },
);
export type Quota = Static<typeof Quota>;

export const QuotaParams = Type.Object({ userId: Uuid, period: PeriodLabel });
export const QuotaPut = Type.Object({ amount: Amount, note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false, examples: [{ amount: '150000.00', note: 'Q1 target after territory change' }] });
export type QuotaPut = Static<typeof QuotaPut>;

export const QuotaAllocate = Type.Object(
  {
    period: PeriodLabel,
    amount: Amount,
    weights: Type.Array(Type.Object({ userId: Uuid, weight: Type.String({ maxLength: 30, description: 'A non-negative decimal; parts are proportional to it' }) }, { additionalProperties: false }), { maxItems: 500 }),
    apply: Type.Optional(Type.Boolean({ description: 'Set each part as that person\'s quota (default: only compute)' })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false, examples: [{ period: '2027-Q1', amount: '600000.00', weights: [{ userId: '0193a0b0-0000-7000-8000-000000000001', weight: '2' }, { userId: '0193a0b0-0000-7000-8000-000000000002', weight: '1' }], apply: false }] },
);
export type QuotaAllocate = Static<typeof QuotaAllocate>;

export const QuotaAllocation = Type.Object({ period: PeriodLabel, currency: CurrencyCode, parts: Type.Array(Type.Object({ userId: Uuid, amount: Money })) }, { $id: 'CompQuotaAllocation' });

export const QuotaRamp = Type.Object(
  {
    userId: Uuid,
    firstPeriod: PeriodLabel,
    fullAmount: Amount,
    schedule: Type.Array(Type.String({ maxLength: 10, description: 'A fraction of the full quota, "0.25" = 25 %' }), { minItems: 1, maxItems: 24 }),
  },
  { additionalProperties: false, examples: [{ userId: '0193a0b0-0000-7000-8000-000000000001', firstPeriod: '2027-Q1', fullAmount: '150000.00', schedule: ['0.25', '0.5', '0.75', '1'] }] },
);
export type QuotaRamp = Static<typeof QuotaRamp>;

export const QuotaChange = Type.Object(
  { id: Uuid, period: PeriodLabel, before: Nullable(Money), after: Money, source: QuotaSourceSchema, note: Nullable(Type.String()), changedBy: Uuid, changedByName: Nullable(Type.String()), changedAt: Timestamp },
  { $id: 'CompQuotaChange' },
);
export type QuotaChange = Static<typeof QuotaChange>;

const PeriodOut = Type.Object({ label: PeriodLabel, from: IsoDate, to: IsoDate });

export const Attainment = Type.Object(
  {
    period: PeriodOut,
    currency: CurrencyCode,
    people: Type.Array(Type.Object({
      userId: Uuid,
      name: Type.String(),
      role: Type.String(),
      managerId: Nullable(Uuid),
      measure: Type.String({ description: "The measure of the person's plan: bookings, revenue or grossProfit" }),
      quota: Nullable(Money),
      credit: Money,
      attainment: Nullable(Type.String({ description: 'credit ÷ quota as a fraction ("1.0500" = 105 %); null without a quota' })),
      teamSize: Type.Integer(),
      teamQuota: Money,
      teamCredit: Money,
      teamAttainment: Nullable(Type.String()),
    })),
  },
  { $id: 'CompAttainment' },
);
export type Attainment = Static<typeof Attainment>;
export const AttainmentQuery = Type.Object({ period: PeriodLabel }, { additionalProperties: false });

// --- crediting -------------------------------------------------------------------------------------------

const Share = Type.String({ maxLength: 20, description: 'A fraction as a decimal string, "0.60" = 60 %' });

export const CreditingRulesSchema = Type.Object(
  {
    managerOverlay: Nullable(Type.Object({ share: Share }, { additionalProperties: false, description: "The manager of each revenue payee gets overlay credit of this share × the payee's share" })),
    sourcingOverlay: Nullable(Type.Object({ share: Share, months: Type.Integer({ minimum: 1, maximum: 60 }) }, { additionalProperties: false, description: 'The BD who handed the account over gets overlay credit for this many months after the handover was accepted' })),
  },
  { additionalProperties: false, examples: [{ managerOverlay: { share: '1' }, sourcingOverlay: { share: '0.5', months: 6 } }] },
);
export const CreditingRulesOut = Type.Object({ ...CreditingRulesSchema.properties, version: Version }, { $id: 'CompCreditingRules' });

export const SplitPut = Type.Object(
  {
    splits: Type.Array(Type.Object({ userId: Uuid, type: Type.String({ enum: ['revenue', 'overlay'] }), share: Share }, { additionalProperties: false }), { maxItems: 20 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false, examples: [{ splits: [{ userId: '0193a0b0-0000-7000-8000-000000000001', type: 'revenue', share: '0.70' }, { userId: '0193a0b0-0000-7000-8000-000000000002', type: 'revenue', share: '0.30' }], note: 'Joint pursuit' }] },
);
export const SplitOut = Type.Object(
  { sourceType: Type.String({ enum: ['transaction', 'opportunity'] }), sourceId: Uuid, splits: SplitPut.properties.splits, note: Nullable(Type.String()), version: Version },
  { $id: 'CompCreditSplit' },
);

export const CreditListQuery = Type.Object({ payee: Type.Optional(Uuid), period: PeriodLabel }, { additionalProperties: false });
export type CreditListQuery = Static<typeof CreditListQuery>;

export const CreditList = Type.Object(
  {
    payee: Uuid,
    period: PeriodOut,
    currency: CurrencyCode,
    revenue: Money,
    bookings: Money,
    credits: Type.Array(Type.Object({
      source: Type.String({ enum: ['revenue', 'booking'] }),
      sourceId: Uuid,
      accountId: Uuid,
      accountName: Type.String(),
      label: Type.String(),
      date: IsoDate,
      amount: Money,
      type: Type.String({ enum: ['revenue', 'overlay'] }),
      share: Share,
      reason: Type.String({ enum: ['owner', 'split', 'manager', 'sourcing'] }),
      credited: Money,
      explanation: Type.String({ examples: ['Revenue 2027-02-10 · Acme · 12000.00 × 100 % revenue (owner of the account)'] }),
    })),
  },
  { $id: 'CompCreditList' },
);
export type CreditList = Static<typeof CreditList>;
