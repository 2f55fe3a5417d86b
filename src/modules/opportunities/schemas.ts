import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoDate, Money, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { forecastCategories, MAX_STAGES, outcomes } from './stages.ts';

const Fraction = Type.String({ pattern: '^(0(\\.\\d{1,4})?|1(\\.0{1,4})?)$', description: 'A fraction 0…1 as decimal text ("0.25" = 25 %)', examples: ['0.25'] });
export const ForecastCategorySchema = Type.Union(forecastCategories.map((c) => Type.Literal(c)), {
  description: 'pipeline, bestCase (best case), commit, closed (won), omitted (lost or left out of the forecast)',
});
const Outcome = Type.Union(outcomes.map((o) => Type.Literal(o)));
const StageKey = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: "One of the organisation's stage keys (GET /api/v1/settings/opportunity-stages)", examples: ['propose'] });
const ProductIds = Type.Array(Uuid, { maxItems: 50, uniqueItems: true, description: 'Catalogue products the deal is about' });

export const Opportunity = Type.Object(
  {
    id: Uuid,
    accountId: Uuid,
    accountName: Type.String(),
    name: Type.String(),
    ownerId: Nullable(Uuid),
    ownerName: Nullable(Type.String()),
    amount: Money,
    currency: CurrencyCode,
    stage: Type.String(),
    outcome: Outcome,
    probability: Fraction,
    weightedAmount: Money,
    forecastCategory: ForecastCategorySchema,
    closeDate: IsoDate,
    closedAt: Nullable(Timestamp),
    products: Type.Array(Type.Object({ id: Uuid, name: Type.String(), family: Nullable(Type.String()) })),
    competitor: Nullable(Type.String()),
    lostReason: Nullable(Type.String()),
    createdBy: Uuid,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'Opportunity',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000401', accountId: '01936b2e-7c1a-7000-8000-000000000001', accountName: 'Claire Gute',
      name: 'Office furniture refresh 2027', ownerId: '01936b2e-7c1a-7000-8000-0000000000aa', ownerName: 'Kira Novak',
      amount: '48000.00', currency: 'EUR', stage: 'propose', outcome: 'open', probability: '0.5', weightedAmount: '24000.00', forecastCategory: 'bestCase',
      closeDate: '2027-02-28', closedAt: null, products: [{ id: '01936b2e-7c1a-7000-8000-000000000501', name: 'Hon Deluxe Fabric Chair', family: 'Furniture' }],
      competitor: 'Staples', lostReason: null, createdBy: '01936b2e-7c1a-7000-8000-0000000000aa',
      createdAt: '2026-11-02T09:00:00.000Z', updatedAt: '2026-11-20T14:10:00.000Z', version: 3,
    }],
  },
);
export type Opportunity = Static<typeof Opportunity>;

const editable = {
  name: Text(200, 1),
  ownerId: Nullable(Uuid),
  amount: Money,
  currency: CurrencyCode,
  stage: StageKey,
  closeDate: IsoDate,
  probability: Fraction,
  forecastCategory: ForecastCategorySchema,
  productIds: ProductIds,
  competitor: Nullable(Text(200)),
  lostReason: Nullable(Text(2000)),
};

export const OpportunityCreate = Type.Object(
  {
    accountId: Uuid,
    name: editable.name,
    amount: editable.amount,
    currency: editable.currency,
    stage: editable.stage,
    closeDate: editable.closeDate,
    probability: Type.Optional(editable.probability),
    forecastCategory: Type.Optional(editable.forecastCategory),
    ownerId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: "Default: the account's owner, else the caller" })),
    productIds: Type.Optional(editable.productIds),
    competitor: Type.Optional(editable.competitor),
    lostReason: Type.Optional(editable.lostReason),
  },
  {
    additionalProperties: false,
    examples: [{ accountId: '01936b2e-7c1a-7000-8000-000000000001', name: 'Office furniture refresh 2027', amount: '48000.00', currency: 'EUR', stage: 'qualify', closeDate: '2027-02-28', competitor: 'Staples' }],
  },
);
export type OpportunityCreate = Static<typeof OpportunityCreate>;

export const OpportunityUpdate = Type.Object(
  {
    name: Type.Optional(editable.name),
    ownerId: Type.Optional(editable.ownerId),
    amount: Type.Optional(editable.amount),
    currency: Type.Optional(editable.currency),
    stage: Type.Optional(editable.stage),
    closeDate: Type.Optional(editable.closeDate),
    probability: Type.Optional(editable.probability),
    forecastCategory: Type.Optional(editable.forecastCategory),
    productIds: Type.Optional(editable.productIds),
    competitor: Type.Optional(editable.competitor),
    lostReason: Type.Optional(editable.lostReason),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ stage: 'negotiate' }, { stage: 'lost', lostReason: 'Price: the competitor offered 12 % less' }] },
);
export type OpportunityUpdate = Static<typeof OpportunityUpdate>;

export const opportunitySorts = ['closeDate', '-closeDate', 'updatedAt', '-updatedAt', 'name'] as const;

const filters = {
  ownerId: Type.Optional(Uuid),
  accountId: Type.Optional(Uuid),
  stage: Type.Optional(StageKey),
  outcome: Type.Optional(Type.Union([...outcomes.map((o) => Type.Literal(o)), Type.Literal('closed')], { description: 'open, won, lost, or closed (won or lost)' })),
  forecastCategory: Type.Optional(ForecastCategorySchema),
  closeFrom: Type.Optional(Type.String({ format: 'date', description: 'Expected close on or after (YYYY-MM-DD)' })),
  closeTo: Type.Optional(Type.String({ format: 'date', description: 'Expected close on or before (YYYY-MM-DD)' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name' })),
};

export const OpportunityListQuery = Type.Object(
  { ...PageQuery, ...filters, sort: Type.Optional(Type.Union(opportunitySorts.map((s) => Type.Literal(s)), { default: 'closeDate' })) },
  { additionalProperties: false },
);
export type OpportunityListQuery = Static<typeof OpportunityListQuery>;

export const OpportunityTotalsQuery = Type.Object(filters, { additionalProperties: false });
export type OpportunityTotalsQuery = Static<typeof OpportunityTotalsQuery>;

const TotalLine = {
  count: Type.Integer({ minimum: 0 }),
  amount: Type.String({ description: 'Unweighted, in the organisation currency' }),
  weightedAmount: Type.String({ description: 'Σ amount × probability, each opportunity rounded to the minor unit' }),
};
export const OpportunityTotals = Type.Object(
  {
    currency: CurrencyCode,
    asOf: IsoDate,
    owners: Type.Array(Type.Object({ ownerId: Nullable(Uuid), ownerName: Nullable(Type.String()), ...TotalLine })),
    total: Type.Object(TotalLine),
  },
  {
    $id: 'OpportunityTotals',
    description: 'Amounts converted to the organisation currency at the FX rate in force on asOf (today)',
    examples: [{ currency: 'EUR', asOf: '2026-11-23', owners: [{ ownerId: '01936b2e-7c1a-7000-8000-0000000000aa', ownerName: 'Kira Novak', count: 2, amount: '60000.00', weightedAmount: '27000.00' }], total: { count: 2, amount: '60000.00', weightedAmount: '27000.00' } }],
  },
);
export type OpportunityTotals = Static<typeof OpportunityTotals>;

export const StageChange = Type.Object(
  {
    id: Uuid,
    at: Timestamp,
    fromStage: Nullable(Type.String({ description: 'null: created in toStage' })),
    toStage: Type.String(),
    amount: Money,
    currency: CurrencyCode,
    probability: Fraction,
    actorId: Uuid,
    actorName: Type.String(),
  },
  { $id: 'OpportunityStageChange' },
);
export type StageChange = Static<typeof StageChange>;

const Concession = Type.Object(
  {
    description: Text(500, 1),
    value: Type.Optional(Nullable(Money)),
    currency: Type.Optional(Nullable(CurrencyCode)),
  },
  { additionalProperties: false },
);
const Concessions = Type.Array(Concession, { maxItems: 20 });

const entryFields = {
  occurredOn: IsoDate,
  ourPosition: Nullable(Text(4000)),
  theirPosition: Nullable(Text(4000)),
  concessionsGiven: Concessions,
  concessionsReceived: Concessions,
  agreedTerms: Nullable(Text(4000)),
  nextMove: Nullable(Text(2000)),
};

export const NegotiationEntry = Type.Object(
  {
    id: Uuid,
    opportunityId: Uuid,
    ...entryFields,
    concessionsGiven: Type.Array(Type.Object({ description: Type.String(), value: Nullable(Money), currency: Nullable(CurrencyCode) })),
    concessionsReceived: Type.Array(Type.Object({ description: Type.String(), value: Nullable(Money), currency: Nullable(CurrencyCode) })),
    authorId: Uuid,
    authorName: Type.String(),
    editable: Type.Boolean({ description: 'The caller wrote it (only the author edits an entry)' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'NegotiationEntry',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000601', opportunityId: '01936b2e-7c1a-7000-8000-000000000401', occurredOn: '2026-11-18',
      ourPosition: '8 % off list for a two-year commitment', theirPosition: 'Wants 15 % and 60-day payment terms',
      concessionsGiven: [{ description: 'Free delivery to all sites', value: '1200.00', currency: 'EUR' }],
      concessionsReceived: [{ description: 'Two-year term instead of one', value: null, currency: null }],
      agreedTerms: null, nextMove: 'Send revised quote with 10 % by Friday', authorId: '01936b2e-7c1a-7000-8000-0000000000aa', authorName: 'Kira Novak', editable: true,
      createdAt: '2026-11-18T16:00:00.000Z', updatedAt: '2026-11-18T16:00:00.000Z', version: 1,
    }],
  },
);
export type NegotiationEntry = Static<typeof NegotiationEntry>;

export const NegotiationEntryCreate = Type.Object(
  {
    occurredOn: Type.Optional(Type.String({ format: 'date', description: 'Default: today' })),
    ourPosition: Type.Optional(entryFields.ourPosition),
    theirPosition: Type.Optional(entryFields.theirPosition),
    concessionsGiven: Type.Optional(Concessions),
    concessionsReceived: Type.Optional(Concessions),
    agreedTerms: Type.Optional(entryFields.agreedTerms),
    nextMove: Type.Optional(entryFields.nextMove),
  },
  {
    additionalProperties: false,
    examples: [{ ourPosition: '8 % off list for a two-year commitment', theirPosition: 'Wants 15 %', concessionsGiven: [{ description: 'Free delivery', value: '1200.00', currency: 'EUR' }], nextMove: 'Revised quote by Friday' }],
  },
);
export type NegotiationEntryCreate = Static<typeof NegotiationEntryCreate>;

export const NegotiationEntryUpdate = Type.Object(
  {
    occurredOn: Type.Optional(IsoDate),
    ourPosition: Type.Optional(entryFields.ourPosition),
    theirPosition: Type.Optional(entryFields.theirPosition),
    concessionsGiven: Type.Optional(Concessions),
    concessionsReceived: Type.Optional(Concessions),
    agreedTerms: Type.Optional(entryFields.agreedTerms),
    nextMove: Type.Optional(entryFields.nextMove),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ agreedTerms: '10 % off list, 45-day terms, two-year agreement' }] },
);
export type NegotiationEntryUpdate = Static<typeof NegotiationEntryUpdate>;

export const NegotiationParams = Type.Object({ id: Uuid, entryId: Uuid });

const StageSetting = Type.Object(
  {
    key: StageKey,
    label: Nullable(Text(60, 1)),
    probability: Fraction,
    forecastCategory: ForecastCategorySchema,
    outcome: Outcome,
  },
  { additionalProperties: false },
);
const Stages = Type.Array(StageSetting, { minItems: 3, maxItems: MAX_STAGES });

export const OpportunityStages = Type.Object(
  { stages: Stages, version: Version },
  {
    $id: 'OpportunityStages',
    examples: [{
      stages: [
        { key: 'qualify', label: null, probability: '0.1', forecastCategory: 'pipeline', outcome: 'open' },
        { key: 'develop', label: null, probability: '0.25', forecastCategory: 'pipeline', outcome: 'open' },
        { key: 'propose', label: null, probability: '0.5', forecastCategory: 'bestCase', outcome: 'open' },
        { key: 'negotiate', label: null, probability: '0.75', forecastCategory: 'commit', outcome: 'open' },
        { key: 'won', label: null, probability: '1', forecastCategory: 'closed', outcome: 'won' },
        { key: 'lost', label: null, probability: '0', forecastCategory: 'omitted', outcome: 'lost' },
      ],
      version: 1,
    }],
  },
);
export type OpportunityStages = Static<typeof OpportunityStages>;

export const OpportunityStagesPut = Type.Object({ stages: Stages }, { additionalProperties: false });
export type OpportunityStagesPut = Static<typeof OpportunityStagesPut>;
