import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { tiers } from '../scoring/scoring.ts';
import { interactionKinds, MAX_CADENCE_DAYS, MAX_MINUTES } from './cadence.ts';

export const InteractionKindSchema = Type.Union(interactionKinds.map((k) => Type.Literal(k)));
export const TierSchema = Type.Union(tiers.map((t) => Type.Literal(t)));
const Sentiment = Type.Integer({ minimum: -2, maximum: 2, description: 'How it went, −2 (very negative) … 0 (neutral) … +2 (very positive)' });
const Minutes = Type.Integer({ minimum: 0, maximum: MAX_MINUTES, description: 'Time spent by each internal participant; default per kind (settings/cadence)' });
const Person = Type.Object({ id: Uuid, name: Type.String() });

export const Interaction = Type.Object(
  {
    id: Uuid,
    accountId: Uuid,
    kind: InteractionKindSchema,
    occurredAt: Timestamp,
    summary: Type.String(),
    sentiment: Nullable(Sentiment),
    minutes: Minutes,
    contacts: Type.Array(Person, { description: "The customer's people who took part (contacts of the account)" }),
    users: Type.Array(Person, { description: 'Our people who took part (besides whoever logged it)' }),
    nextStep: Nullable(Type.String()),
    nextStepDue: Nullable(IsoDate),
    nextStepOwnerId: Nullable(Uuid),
    nextStepOwnerName: Nullable(Type.String()),
    nextStepDone: Type.Boolean(),
    createdBy: Uuid,
    createdByName: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'Interaction',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000201', accountId: '01936b2e-7c1a-7000-8000-000000000001', kind: 'meeting', occurredAt: '2026-11-20T14:00:00.000Z',
      summary: 'Quarterly check-in; they plan to consolidate suppliers next year.', sentiment: 1, minutes: 60,
      contacts: [{ id: '01936b2e-7c1a-7000-8000-000000000101', name: 'Hanna Berg' }], users: [],
      nextStep: 'Send consolidation proposal', nextStepDue: '2026-12-04', nextStepOwnerId: '01936b2e-7c1a-7000-8000-0000000000aa', nextStepOwnerName: 'Kira Novak', nextStepDone: false,
      createdBy: '01936b2e-7c1a-7000-8000-0000000000aa', createdByName: 'Kira Novak', createdAt: '2026-11-20T15:30:00.000Z', updatedAt: '2026-11-20T15:30:00.000Z', version: 1,
    }],
  },
);
export type Interaction = Static<typeof Interaction>;

const fields = {
  sentiment: Type.Optional(Nullable(Sentiment)),
  minutes: Type.Optional(Minutes),
  contactIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
  userIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
  nextStep: Type.Optional(Nullable(Text(1000, 1))),
  nextStepDue: Type.Optional(Nullable(IsoDate)),
  nextStepOwnerId: Type.Optional(Nullable(Uuid)),
};

export const InteractionCreate = Type.Object(
  { kind: InteractionKindSchema, occurredAt: Timestamp, summary: Text(10000, 1), ...fields },
  {
    additionalProperties: false,
    examples: [{ kind: 'call', occurredAt: '2026-11-23T09:30:00Z', summary: 'Asked about delivery delays', sentiment: -1, nextStep: 'Check with logistics', nextStepDue: '2026-11-25' }],
  },
);
export type InteractionCreate = Static<typeof InteractionCreate>;

export const InteractionUpdate = Type.Object(
  {
    kind: Type.Optional(InteractionKindSchema),
    occurredAt: Type.Optional(Timestamp),
    summary: Type.Optional(Text(10000, 1)),
    ...fields,
    nextStepDone: Type.Optional(Type.Boolean({ description: 'Mark the next step done (true) or open again (false)' })),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ nextStepDone: true }] },
);
export type InteractionUpdate = Static<typeof InteractionUpdate>;

export const InteractionListQuery = Type.Object({ ...PageQuery, kind: Type.Optional(InteractionKindSchema) }, { additionalProperties: false });
export type InteractionListQuery = Static<typeof InteractionListQuery>;

export const NextStep = Type.Object(
  {
    interactionId: Uuid,
    accountId: Uuid,
    accountName: Type.String(),
    kind: InteractionKindSchema,
    occurredAt: Timestamp,
    nextStep: Type.String(),
    dueOn: IsoDate,
    overdueDays: Type.Integer({ minimum: 0 }),
    ownerId: Nullable(Uuid),
    ownerName: Nullable(Type.String()),
    version: Version,
  },
  { $id: 'NextStep' },
);
export type NextStep = Static<typeof NextStep>;

export const NextStepQuery = Type.Object(
  {
    ...PageQuery,
    due: Type.Optional(Type.Union([Type.Literal('overdue'), Type.Literal('week')], { description: 'overdue: due before today; week: due within the next 7 days, overdue ones included' })),
    mine: Type.Optional(Type.Boolean({ description: 'Only next steps I own' })),
    accountId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type NextStepQuery = Static<typeof NextStepQuery>;

export const CadenceStatusSchema = Type.Object({
  tier: TierSchema,
  tierKnown: Type.Boolean({ description: 'False when the account has no score yet and the develop cadence applies' }),
  cadenceDays: Type.Integer(),
  lastContactOn: Nullable(IsoDate),
  daysSinceContact: Nullable(Type.Integer()),
  dueOn: IsoDate,
  overdue: Type.Boolean(),
  overdueDays: Type.Integer({ minimum: 0 }),
});

export const Engagement = Type.Object(
  {
    accountId: Uuid,
    ...CadenceStatusSchema.properties,
    openNextSteps: Type.Integer({ minimum: 0 }),
    recent: Type.Array(Type.Ref(Interaction), { description: 'The latest interactions, newest first (at most 5)' }),
  },
  { $id: 'Engagement' },
);

export const OverdueAccount = Type.Object(
  {
    accountId: Uuid,
    name: Type.String(),
    ownerId: Nullable(Uuid),
    ownerName: Nullable(Type.String()),
    ...CadenceStatusSchema.properties,
  },
  { $id: 'OverdueAccount' },
);
export type OverdueAccount = Static<typeof OverdueAccount>;

export const OverdueQuery = Type.Object(
  { ...PageQuery, mine: Type.Optional(Type.Boolean({ description: 'Only accounts I own' })) },
  { additionalProperties: false },
);
export type OverdueQuery = Static<typeof OverdueQuery>;

const Days = Type.Integer({ minimum: 1, maximum: MAX_CADENCE_DAYS });
const KindMinutesSchema = Type.Object(Object.fromEntries(interactionKinds.map((k) => [k, Type.Integer({ minimum: 0, maximum: MAX_MINUTES })])), { additionalProperties: false });
const CadenceDaysSchema = Type.Object(Object.fromEntries(tiers.map((t) => [t, Days])), { additionalProperties: false });

export const EngagementSettings = Type.Object(
  {
    cadence: CadenceDaysSchema,
    minutes: KindMinutesSchema,
    version: Version,
  },
  { $id: 'EngagementSettings', examples: [{ cadence: { key: 14, strategic: 21, maintain: 45, develop: 90 }, minutes: { meeting: 60, call: 20, visit: 180, email: 10, note: 5 }, version: 1 }] },
);
export type EngagementSettings = Static<typeof EngagementSettings>;

export const EngagementSettingsPut = Type.Object(
  { cadence: CadenceDaysSchema, minutes: KindMinutesSchema },
  { additionalProperties: false, examples: [{ cadence: { key: 10, strategic: 21, maintain: 45, develop: 90 }, minutes: { meeting: 60, call: 20, visit: 180, email: 10, note: 5 } }] },
);
export type EngagementSettingsPut = Static<typeof EngagementSettingsPut>;
