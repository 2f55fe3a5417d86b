import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { relationshipStages } from './stages.ts';

export const RelationshipStageSchema = Type.Union(relationshipStages.map((s) => Type.Literal(s)), {
  description: 'McDonald/Cranfield key-account relationship stage',
});

const StageEntry = Type.Object({
  id: Uuid,
  stage: RelationshipStageSchema,
  since: IsoDate,
  note: Nullable(Type.String()),
  setBy: Uuid,
  setByName: Type.String(),
  createdAt: Timestamp,
});

export const RelationshipStageView = Type.Object(
  {
    accountId: Uuid,
    current: Nullable(StageEntry),
    history: Type.Array(StageEntry, { description: 'Every stage set, the latest `since` first' }),
    tier: Nullable(Type.String({ description: "The account's key-account tier, shown beside the stage" })),
    finding: Nullable(Type.Literal('key_account_shallow', { description: 'A key or strategic account still exploratory or basic (or never staged)' })),
    version: Version,
  },
  {
    $id: 'RelationshipStage',
    description: 'version counts the history (entries + 1): send it as If-Match to set the next stage',
    examples: [{
      accountId: '01936b2e-7c1a-7000-8000-000000000001',
      current: { id: '01936b2e-7c1a-7000-8000-000000000301', stage: 'cooperative', since: '2026-09-01', note: 'Joint planning started', setBy: '01936b2e-7c1a-7000-8000-0000000000aa', setByName: 'Kira Novak', createdAt: '2026-09-01T10:00:00.000Z' },
      history: [], tier: 'key', finding: null, version: 2,
    }],
  },
);

export const RelationshipStagePut = Type.Object(
  {
    stage: RelationshipStageSchema,
    since: Type.Optional(IsoDate),
    note: Type.Optional(Nullable(Text(1000))),
  },
  { additionalProperties: false, examples: [{ stage: 'interdependent', since: '2026-11-23', note: 'Signed a three-year supply agreement' }] },
);
export type RelationshipStagePut = Static<typeof RelationshipStagePut>;
