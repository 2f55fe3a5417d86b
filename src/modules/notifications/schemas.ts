import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery, Timestamp, Uuid } from '../../http/schemas.ts';

export const Notification = Type.Object(
  {
    id: Uuid,
    kind: Type.String({ description: 'What happened, e.g. tier_into_key, tier_out_of_key; the UI renders the text from kind and params' }),
    accountId: Nullable(Uuid),
    params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
    at: Timestamp,
    readAt: Nullable(Timestamp),
  },
  {
    $id: 'Notification',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000101', kind: 'tier_into_key', accountId: '01936b2e-7c1a-7000-8000-000000000001',
      params: { accountName: 'Claire Gute', fromTier: 'strategic', toTier: 'key' }, at: '2026-11-20T15:30:00.000Z', readAt: null,
    }],
  },
);
export type Notification = Static<typeof Notification>;

export const NotificationListQuery = Type.Object(
  { ...PageQuery, unread: Type.Optional(Type.Boolean({ description: 'Only unread ones' })) },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuery>;

export const NotificationPage = Type.Object({
  items: Type.Array(Type.Ref(Notification)),
  nextCursor: Nullable(Type.String()),
  unread: Type.Integer({ minimum: 0, description: 'How many of my notifications are unread' }),
});

export const ReadAllResult = Type.Object({ marked: Type.Integer({ minimum: 0 }) });
