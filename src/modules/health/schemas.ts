import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { StageSchema } from '../accounts/schemas.ts';
import { healthBands, healthFactors } from './health.ts';

export const HealthBandSchema = Type.Union(healthBands.map((b) => Type.Literal(b)));

export const HealthReasonSchema = Type.Object({
  key: Type.Union(healthFactors.map((f) => Type.Literal(f))),
  impact: Type.Integer({ description: 'Points added to (or taken from) the neutral 65' }),
  detail: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
});

export const AccountHealth = Type.Object(
  {
    accountId: Uuid,
    score: Type.Integer({ minimum: 0, maximum: 100 }),
    band: HealthBandSchema,
    reasons: Type.Array(HealthReasonSchema, { description: 'Worst first' }),
    atRiskBelow: Type.Integer({ description: "The organisation's threshold" }),
    stage: StageSchema,
    suggestAtRisk: Type.Boolean({ description: 'Health is below the threshold and the stage is not yet at_risk (or churned): the owner may confirm' }),
    accountVersion: Version,
    computedAt: Timestamp,
  },
  {
    $id: 'AccountHealth',
    examples: [{
      accountId: '01936b2e-7c1a-7000-8000-000000000001', score: 34, band: 'at_risk', atRiskBelow: 40, stage: 'active', suggestAtRisk: true, accountVersion: 4, computedAt: '2026-11-23T10:00:00.000Z',
      reasons: [
        { key: 'severe_cases', impact: -15, detail: '1 open severity-1 and 0 open severity-2 cases', params: { sev1: 1, sev2: 0 } },
        { key: 'revenue_trend', impact: -12, detail: 'Revenue of the last 3 months is -24% against the 3 before', params: { changePercent: -24 } },
      ],
    }],
  },
);
export type AccountHealth = Static<typeof AccountHealth>;

export const AtRiskSuggestion = Type.Object(
  {
    accountId: Uuid,
    name: Type.String(),
    stage: StageSchema,
    ownerId: Nullable(Uuid),
    ownerName: Nullable(Type.String()),
    score: Type.Integer(),
    band: HealthBandSchema,
    reasons: Type.Array(HealthReasonSchema),
    accountVersion: Version,
    computedAt: Timestamp,
  },
  { $id: 'AtRiskSuggestion' },
);
export type AtRiskSuggestion = Static<typeof AtRiskSuggestion>;

export const AtRiskQuery = Type.Object({ ...PageQuery, mine: Type.Optional(Type.Boolean({ description: 'Only accounts I own' })) }, { additionalProperties: false });
export type AtRiskQuery = Static<typeof AtRiskQuery>;

export const HealthSettings = Type.Object(
  { atRiskBelow: Type.Integer({ minimum: 1, maximum: 100 }), version: Version },
  { $id: 'HealthSettings', examples: [{ atRiskBelow: 40, version: 1 }] },
);
export type HealthSettings = Static<typeof HealthSettings>;

export const HealthSettingsPut = Type.Object(
  { atRiskBelow: Type.Integer({ minimum: 1, maximum: 100, description: 'Accounts whose health is below this are suggested as at risk' }) },
  { additionalProperties: false, examples: [{ atRiskBelow: 45 }] },
);
export type HealthSettingsPut = Static<typeof HealthSettingsPut>;
