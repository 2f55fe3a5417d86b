import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { checklistKeys, handoverEventKinds, handoverStates } from './handover.ts';

export const HandoverStateSchema = Type.Union(handoverStates.map((s) => Type.Literal(s)), { description: 'pending → accepted | returned | cancelled' });

const Item = Type.Object({ done: Type.Boolean(), notes: Nullable(Type.String()) });
const FirstReview = Type.Object({ done: Type.Boolean(), notes: Nullable(Type.String()), date: Nullable(IsoDate) });
export const Checklist = Type.Object({
  contractSigned: Item,
  keyContactsIntroduced: Item,
  openCommitments: Item,
  pricingAgreed: Item,
  firstReviewDate: FirstReview,
});

const ItemInput = Type.Object({ done: Type.Optional(Type.Boolean()), notes: Type.Optional(Nullable(Text(2000))) }, { additionalProperties: false });
const FirstReviewInput = Type.Object(
  { done: Type.Optional(Type.Boolean()), notes: Type.Optional(Nullable(Text(2000))), date: Type.Optional(Nullable(IsoDate)) },
  { additionalProperties: false },
);
export const ChecklistInput = Type.Object(
  {
    contractSigned: Type.Optional(ItemInput),
    keyContactsIntroduced: Type.Optional(ItemInput),
    openCommitments: Type.Optional(ItemInput),
    pricingAgreed: Type.Optional(ItemInput),
    firstReviewDate: Type.Optional(FirstReviewInput),
  },
  { additionalProperties: false, description: 'Items to change; fields not given are kept' },
);

export const HandoverEvent = Type.Object({
  id: Uuid,
  kind: Type.Union(handoverEventKinds.map((k) => Type.Literal(k))),
  at: Timestamp,
  actorId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

const handoverFields = {
  id: Uuid,
  accountId: Uuid,
  accountName: Type.String(),
  fromUserId: Uuid,
  fromUserName: Type.String(),
  toUserId: Uuid,
  toUserName: Type.String(),
  state: HandoverStateSchema,
  checklist: Checklist,
  missing: Type.Array(Type.Union(checklistKeys.map((k) => Type.Literal(k))), { description: 'Checklist items not done yet (acceptance needs none)' }),
  notes: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  decidedBy: Nullable(Uuid),
  decidedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Version,
};

export const Handover = Type.Object(handoverFields, {
  $id: 'Handover',
  examples: [{
    id: '01936b2e-7c1a-7000-8000-000000000501', accountId: '01936b2e-7c1a-7000-8000-000000000001', accountName: 'Nordwind Logistik GmbH',
    fromUserId: '01936b2e-7c1a-7000-8000-0000000000b1', fromUserName: 'Ben Duarte', toUserId: '01936b2e-7c1a-7000-8000-0000000000aa', toUserName: 'Kira Novak',
    state: 'pending',
    checklist: {
      contractSigned: { done: true, notes: 'Framework agreement signed 20 Nov' }, keyContactsIntroduced: { done: true, notes: null },
      openCommitments: { done: true, notes: 'Free pilot delivery in December' }, pricingAgreed: { done: true, notes: null },
      firstReviewDate: { done: true, notes: null, date: '2027-01-15' },
    },
    missing: [], notes: 'Very price-sensitive buyer', returnReason: null, decidedBy: null, decidedAt: null,
    createdAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z', version: 1,
  }],
});
export type Handover = Static<typeof Handover>;

export const HandoverDetail = Type.Object({ ...handoverFields, events: Type.Array(HandoverEvent) }, { $id: 'HandoverDetail' });
export type HandoverDetail = Static<typeof HandoverDetail>;

export const HandoverCreate = Type.Object(
  { toUserId: Uuid, checklist: Type.Optional(ChecklistInput), notes: Type.Optional(Nullable(Text(10_000))) },
  {
    additionalProperties: false,
    examples: [{ toUserId: '01936b2e-7c1a-7000-8000-0000000000aa', checklist: { contractSigned: { done: true }, firstReviewDate: { done: true, date: '2027-01-15' } }, notes: 'Introduced to the CFO' }],
  },
);
export type HandoverCreate = Static<typeof HandoverCreate>;

export const HandoverUpdate = Type.Object(
  { checklist: Type.Optional(ChecklistInput), notes: Type.Optional(Nullable(Text(10_000))) },
  { additionalProperties: false, minProperties: 1, examples: [{ checklist: { pricingAgreed: { done: true, notes: 'Net 30' } } }] },
);
export type HandoverUpdate = Static<typeof HandoverUpdate>;

export const HandoverReturn = Type.Object({ reason: Text(2000, 1) }, { additionalProperties: false, examples: [{ reason: 'The pricing is not agreed yet' }] });
export type HandoverReturn = Static<typeof HandoverReturn>;

export const HandoverListQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(HandoverStateSchema),
    mine: Type.Optional(Type.Boolean({ description: 'Only handovers I started or receive' })),
  },
  { additionalProperties: false },
);
export type HandoverListQuery = Static<typeof HandoverListQuery>;

export const AccountHandoverListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type AccountHandoverListQuery = Static<typeof AccountHandoverListQuery>;
