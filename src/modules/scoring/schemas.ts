import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable, PageQuery, Timestamp, Uuid } from '../../http/schemas.ts';
import { criterionKeys, tiers } from './scoring.ts';

export const TierSchema = Type.Union(tiers.map((t) => Type.Literal(t)));
const CriterionKeySchema = Type.Union(criterionKeys.map((k) => Type.Literal(k)));
const Weight = Type.String({ pattern: '^\\d(\\.\\d{1,4})?$', description: 'A decimal fraction from 0 to 1', examples: ['0.25'] });
const Percent = Type.Number({ minimum: 0, maximum: 100 });

export const AccountScore = Type.Object(
  {
    accountId: Uuid,
    score: Percent,
    tier: TierSchema,
    attractiveness: Percent,
    strength: Percent,
    asOf: IsoDate,
    computedAt: Timestamp,
    modelNumber: Type.Integer(),
    criteria: Type.Array(
      Type.Object({
        key: CriterionKeySchema,
        label: Type.String(),
        axis: Type.Union([Type.Literal('attractiveness'), Type.Literal('strength')]),
        raw: Nullable(Type.Number({ description: 'The measured value (money in the organisation currency, ratios as fractions)' })),
        normalised: Percent,
        weight: Weight,
        contribution: Type.Number(),
      }),
    ),
  },
  { $id: 'AccountScore' },
);

export const RankedAccount = Type.Object(
  {
    accountId: Uuid,
    name: Type.String(),
    ownerId: Nullable(Uuid),
    ownerName: Nullable(Type.String()),
    region: Nullable(Type.String()),
    stage: Type.String(),
    score: Percent,
    tier: TierSchema,
    attractiveness: Percent,
    strength: Percent,
    revenue: Nullable(Type.Number({ description: 'Trailing-12-month revenue, organisation currency' })),
    grossProfit: Nullable(Type.Number()),
  },
  { $id: 'RankedAccount' },
);

export const RankingQuery = Type.Object(
  { ...PageQuery, ownerId: Type.Optional(Uuid), tier: Type.Optional(TierSchema), region: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

export const ScoreHistory = Type.Object({
  points: Type.Array(Type.Object({ day: IsoDate, score: Percent, attractiveness: Percent, strength: Percent, tier: TierSchema })),
  tierChanges: Type.Array(
    Type.Object({
      fromTier: Nullable(TierSchema),
      toTier: TierSchema,
      score: Percent,
      reason: Nullable(Type.Object({ key: Type.String(), delta: Type.Number() })),
      at: Timestamp,
    }),
  ),
});

export const Portfolio = Type.Object({
  thresholds: Type.Object({ attractiveness: Percent, strength: Percent }),
  tierCounts: Type.Object({ key: Type.Integer(), strategic: Type.Integer(), maintain: Type.Integer(), develop: Type.Integer() }),
  paretoAccountIds: Type.Array(Uuid, { description: 'The accounts that make 80 % of gross profit' }),
  items: Type.Array(
    Type.Object({ accountId: Uuid, name: Type.String(), attractiveness: Percent, strength: Percent, score: Percent, tier: TierSchema, revenue: Type.Number(), grossProfit: Type.Number() }),
  ),
});

const weightsProperties = Object.fromEntries(criterionKeys.map((k) => [k, Type.Optional(Weight)]));

export const ModelInput = Type.Object(
  {
    weights: Type.Object(weightsProperties, { additionalProperties: false, description: 'Per criterion; the weights of each axis sum to 1' }),
    thresholds: Type.Object({ attractiveness: Percent, strength: Percent }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type ModelInput = Static<typeof ModelInput>;

export const Model = Type.Object(
  {
    id: Uuid,
    number: Type.Integer({ description: 'The version number; send it back as If-Match to change the model' }),
    weights: Type.Record(Type.String(), Weight),
    thresholds: Type.Object({ attractiveness: Percent, strength: Percent }),
    createdAt: Timestamp,
    createdBy: Nullable(Uuid),
  },
  { $id: 'ScoringModel' },
);

export const RecomputeResult = Type.Object({ scored: Type.Integer(), tierChanges: Type.Integer(), milliseconds: Type.Integer() });
