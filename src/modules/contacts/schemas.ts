import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { buyingRoles } from './tables.ts';

export const BuyingRoleSchema = Type.Union(buyingRoles.map((r) => Type.Literal(r)), { description: 'The part the contact plays in buying decisions' });
const Strength = Type.Integer({ minimum: -2, maximum: 2, description: 'Relationship strength, −2 (hostile) … +2 (strong ally)' });
const Email = Type.String({ format: 'email', maxLength: 254 });

export const Contact = Type.Object(
  {
    id: Uuid,
    accountId: Uuid,
    externalId: Nullable(Type.String()),
    name: Type.String(),
    title: Nullable(Type.String()),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    buyingRole: Nullable(BuyingRoleSchema),
    reportsToId: Nullable(Uuid),
    relationshipStrength: Nullable(Strength),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'Contact',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000101', accountId: '01936b2e-7c1a-7000-8000-000000000001', externalId: 'CG-12520-C1',
      name: 'Hanna Berg', title: 'Head of Procurement', email: 'hanna.berg@example.com', phone: '+46 8 123 456', buyingRole: 'economic_buyer',
      reportsToId: null, relationshipStrength: 1, createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-20T15:30:00.000Z', version: 2,
    }],
  },
);
export type Contact = Static<typeof Contact>;

const contactFields = {
  externalId: Type.Optional(Nullable(Text(100, 1))),
  title: Type.Optional(Nullable(Text(200))),
  email: Type.Optional(Nullable(Email)),
  phone: Type.Optional(Nullable(Text(50))),
  buyingRole: Type.Optional(Nullable(BuyingRoleSchema)),
  reportsToId: Type.Optional(Nullable(Uuid)),
  relationshipStrength: Type.Optional(Nullable(Strength)),
};

export const ContactCreate = Type.Object(
  { name: Text(200, 1), ...contactFields },
  {
    additionalProperties: false,
    examples: [{ name: 'Hanna Berg', title: 'Head of Procurement', email: 'hanna.berg@example.com', buyingRole: 'economic_buyer', relationshipStrength: 1 }],
  },
);
export type ContactCreate = Static<typeof ContactCreate>;

export const ContactUpdate = Type.Object(
  { name: Type.Optional(Text(200, 1)), ...contactFields },
  { additionalProperties: false, minProperties: 1, examples: [{ buyingRole: 'champion', relationshipStrength: 2 }] },
);
export type ContactUpdate = Static<typeof ContactUpdate>;

export const ContactListQuery = Type.Object(
  { ...PageQuery, q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name, title or email' })) },
  { additionalProperties: false },
);
export type ContactListQuery = Static<typeof ContactListQuery>;

export const ContactParams = Type.Object({ id: Uuid, contactId: Uuid });
