import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { roles } from './tables.ts';

export const locales = ['en', 'de', 'pl', 'sv', 'hi'] as const;
export const Locale = Type.Union(locales.map((l) => Type.Literal(l)));
export const RoleSchema = Type.Union(roles.map((r) => Type.Literal(r)));
const Email = Type.String({ format: 'email', maxLength: 254, examples: ['kam1@patron.example'] });
const Password = Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters' });
const Preferences = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { description: 'UI preferences, e.g. chosen columns' });

export const User = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    managerId: Nullable(Uuid),
    locale: Nullable(Locale),
    active: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { $id: 'User' },
);
export type User = Static<typeof User>;

export const Me = Type.Object(
  {
    id: Uuid,
    orgId: Uuid,
    orgName: Type.String(),
    orgCurrency: CurrencyCode,
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    locale: Nullable(Locale),
    preferences: Preferences,
    version: Version,
  },
  { $id: 'Me' },
);
export type Me = Static<typeof Me>;

export const UserCreate = Type.Object(
  {
    email: Email,
    name: Text(200, 1),
    role: RoleSchema,
    password: Type.Optional(Password),
    managerId: Type.Optional(Nullable(Uuid)),
    locale: Type.Optional(Nullable(Locale)),
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreate>;

export const UserUpdate = Type.Object(
  {
    name: Type.Optional(Text(200, 1)),
    role: Type.Optional(RoleSchema),
    managerId: Type.Optional(Nullable(Uuid)),
    locale: Type.Optional(Nullable(Locale)),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserUpdate = Static<typeof UserUpdate>;

export const MeUpdate = Type.Object(
  {
    name: Type.Optional(Text(200, 1)),
    locale: Type.Optional(Nullable(Locale)),
    preferences: Type.Optional(Preferences),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type MeUpdate = Static<typeof MeUpdate>;

export const UserListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    managerId: Type.Optional(Uuid),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const Signup = Type.Object(
  {
    orgName: Text(200, 1),
    name: Text(200, 1),
    email: Email,
    password: Password,
    currency: Type.Optional(CurrencyCode),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type Signup = Static<typeof Signup>;
