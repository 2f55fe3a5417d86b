import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { reviewStatuses } from './review.ts';

export const ReviewStatusSchema = Type.Union(reviewStatuses.map((s) => Type.Literal(s)), { description: 'scheduled → held (snapshot frozen) | cancelled' });

export const Attendee = Type.Object({ kind: Type.Union([Type.Literal('user'), Type.Literal('contact')]), id: Uuid, name: Type.String() });
export const AttendeeInput = Type.Object({ kind: Type.Union([Type.Literal('user'), Type.Literal('contact')]), id: Uuid }, { additionalProperties: false });

export const AgreedAction = Type.Object({ title: Type.String(), ownerId: Nullable(Uuid), dueOn: Nullable(IsoDate), planActionId: Nullable(Uuid) });
export const AgreedActionInput = Type.Object(
  { title: Text(500, 1), ownerId: Type.Optional(Nullable(Uuid)), dueOn: Type.Optional(Nullable(IsoDate)) },
  { additionalProperties: false },
);

export const AgendaItem = Type.Object({ id: Uuid, text: Type.String(), source: Type.String({ description: 'manual, case, handover …' }), at: Timestamp, createdBy: Nullable(Uuid) });

export const Snapshot = Type.Object(
  {
    asOf: IsoDate,
    currency: Type.String(),
    revenue: Type.String({ description: 'Trailing twelve months, organisation currency' }),
    grossProfit: Type.String(),
    margin: Nullable(Type.String({ description: 'Decimal fraction' })),
    growth: Nullable(Type.String({ description: 'Decimal fraction vs the twelve months before' })),
    score: Nullable(Type.Number()),
    tier: Nullable(Type.String()),
    plan: Nullable(Type.Object({ planId: Uuid, period: Type.String(), objectives: Type.Integer(), achieved: Type.Integer(), behind: Type.Integer(), average: Nullable(Type.Number()) })),
    openCases: Type.Optional(Type.Integer()),
    lastContacts: Type.Array(Type.Object({ name: Type.String(), title: Nullable(Type.String()), buyingRole: Nullable(Type.String()) })),
  },
  { description: 'KPIs frozen when the review was held' },
);

const textList = Type.Array(Text(2000, 1), { maxItems: 100 });

export const Review = Type.Object(
  {
    id: Uuid,
    accountId: Uuid,
    accountName: Type.String(),
    status: ReviewStatusSchema,
    scheduledOn: IsoDate,
    heldOn: Nullable(IsoDate),
    source: Type.String({ description: 'manual, handover, previous_review, case' }),
    attendees: Type.Array(Attendee),
    discussion: Nullable(Type.String()),
    risks: Type.Array(Type.String()),
    decisions: Type.Array(Type.String()),
    agreedActions: Type.Array(AgreedAction),
    agenda: Type.Array(AgendaItem),
    snapshot: Nullable(Snapshot),
    nextReviewOn: Nullable(IsoDate),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'Review',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000401', accountId: '01936b2e-7c1a-7000-8000-000000000001', accountName: 'Claire Gute', status: 'scheduled',
      scheduledOn: '2027-02-15', heldOn: null, source: 'handover', attendees: [], discussion: null, risks: [], decisions: [], agreedActions: [], agenda: [],
      snapshot: null, nextReviewOn: null, createdAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z', version: 1,
    }],
  },
);
export type Review = Static<typeof Review>;

export const ReviewCreate = Type.Object(
  { scheduledOn: Type.Optional(IsoDate) },
  { additionalProperties: false, description: 'The date defaults to today plus the organisation cadence', examples: [{ scheduledOn: '2027-02-15' }] },
);
export type ReviewCreate = Static<typeof ReviewCreate>;

const editable = {
  attendees: Type.Optional(Type.Array(AttendeeInput, { maxItems: 50 })),
  discussion: Type.Optional(Nullable(Text(20_000))),
  risks: Type.Optional(textList),
  decisions: Type.Optional(textList),
  agreedActions: Type.Optional(Type.Array(AgreedActionInput, { maxItems: 50 })),
  nextReviewOn: Type.Optional(Nullable(IsoDate)),
};

export const ReviewUpdate = Type.Object(
  { scheduledOn: Type.Optional(IsoDate), ...editable },
  { additionalProperties: false, minProperties: 1, examples: [{ scheduledOn: '2027-02-20', discussion: 'Prepare the furniture roll-out' }] },
);
export type ReviewUpdate = Static<typeof ReviewUpdate>;

export const ReviewHold = Type.Object(
  { heldOn: Type.Optional(IsoDate), ...editable },
  {
    additionalProperties: false,
    description: 'Holds the review: freezes the KPI snapshot, turns agreed actions into actions of the active plan, schedules the next review',
    examples: [{ heldOn: '2027-02-15', decisions: ['Pilot next-day delivery in 5 stores'], agreedActions: [{ title: 'Send pilot proposal', dueOn: '2027-03-01' }], nextReviewOn: '2027-05-15' }],
  },
);
export type ReviewHold = Static<typeof ReviewHold>;

export const AgendaCreate = Type.Object({ text: Text(2000, 1) }, { additionalProperties: false, examples: [{ text: 'Delivery delays in January' }] });
export type AgendaCreate = Static<typeof AgendaCreate>;

export const ReviewListQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(ReviewStatusSchema),
    dueWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366, description: 'Scheduled reviews due up to this many days ahead (overdue included)' })),
    mine: Type.Optional(Type.Boolean({ description: 'Only accounts I own' })),
  },
  { additionalProperties: false },
);
export type ReviewListQuery = Static<typeof ReviewListQuery>;

export const AccountReviewListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type AccountReviewListQuery = Static<typeof AccountReviewListQuery>;

export const ReviewSettings = Type.Object(
  { cadenceMonths: Type.Integer({ minimum: 1, maximum: 24, description: 'Months between reviews: 3 = quarterly' }), version: Version },
  { $id: 'ReviewSettings' },
);
export type ReviewSettings = Static<typeof ReviewSettings>;
export const ReviewSettingsUpdate = Type.Object(
  { cadenceMonths: Type.Integer({ minimum: 1, maximum: 24 }) },
  { additionalProperties: false, examples: [{ cadenceMonths: 6 }] },
);
export type ReviewSettingsUpdate = Static<typeof ReviewSettingsUpdate>;
