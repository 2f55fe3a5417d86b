import { Type, type Static } from '@sinclair/typebox';
import { CountryCode, CurrencyCode, Money, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { stages, teamRoles } from './tables.ts';

export const StageSchema = Type.Union(stages.map((s) => Type.Literal(s)));
export const TeamRoleSchema = Type.Union(teamRoles.map((r) => Type.Literal(r)));
const Score05 = Type.Integer({ minimum: 0, maximum: 5 });

export const Account = Type.Object(
  {
    id: Uuid,
    externalId: Nullable(Type.String()),
    name: Type.String(),
    parentId: Nullable(Uuid),
    parentName: Nullable(Type.String()),
    stage: StageSchema,
    industry: Nullable(Type.String()),
    region: Nullable(Type.String()),
    country: Nullable(CountryCode),
    currency: CurrencyCode,
    strategicFit: Nullable(Score05),
    referenceValue: Nullable(Score05),
    walletEstimate: Nullable(Money),
    ownerId: Nullable(Uuid),
    ownerName: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'Account',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000001', externalId: 'CG-12520', name: 'Claire Gute', parentId: null, parentName: null,
      stage: 'active', industry: 'Consumer', region: 'South', country: 'US', currency: 'USD', strategicFit: 3, referenceValue: 2,
      walletEstimate: '25000.00', ownerId: '01936b2e-7c1a-7000-8000-0000000000aa', ownerName: 'Kira Novak',
      createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-11-20T15:30:00.000Z', version: 3,
    }],
  },
);
export type Account = Static<typeof Account>;

const accountFields = {
  externalId: Type.Optional(Nullable(Text(100, 1))),
  parentId: Type.Optional(Nullable(Uuid)),
  stage: Type.Optional(StageSchema),
  industry: Type.Optional(Nullable(Text(100))),
  region: Type.Optional(Nullable(Text(100))),
  country: Type.Optional(Nullable(CountryCode)),
  strategicFit: Type.Optional(Nullable(Score05)),
  referenceValue: Type.Optional(Nullable(Score05)),
  walletEstimate: Type.Optional(Nullable(Money)),
  ownerId: Type.Optional(Nullable(Uuid)),
};

export const AccountCreate = Type.Object(
  { name: Text(200, 1), currency: Type.Optional(CurrencyCode), ...accountFields },
  { additionalProperties: false, examples: [{ name: 'Nordwind Logistik GmbH', stage: 'prospect', country: 'DE', currency: 'EUR', industry: 'Logistics' }] },
);
export type AccountCreate = Static<typeof AccountCreate>;

export const AccountUpdate = Type.Object(
  { name: Type.Optional(Text(200, 1)), currency: Type.Optional(CurrencyCode), ...accountFields },
  { additionalProperties: false, minProperties: 1, examples: [{ stage: 'at_risk' }] },
);
export type AccountUpdate = Static<typeof AccountUpdate>;

export const accountSorts = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type AccountSort = (typeof accountSorts)[number];

export const AccountListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name' })),
    stage: Type.Optional(StageSchema),
    ownerId: Type.Optional(Uuid),
    parentId: Type.Optional(Uuid),
    sort: Type.Optional(Type.Union(accountSorts.map((s) => Type.Literal(s)), { default: 'name' })),
  },
  { additionalProperties: false },
);
export type AccountListQuery = Static<typeof AccountListQuery>;

export const TeamMember = Type.Object(
  { userId: Uuid, name: Type.String(), email: Type.String(), role: TeamRoleSchema, userRole: Type.String() },
  { $id: 'TeamMember' },
);
export type TeamMember = Static<typeof TeamMember>;

export const TeamMemberAdd = Type.Object(
  { userId: Uuid, role: Type.Union([Type.Literal('sourcing_bd'), Type.Literal('support')]) },
  { additionalProperties: false },
);
export type TeamMemberAdd = Static<typeof TeamMemberAdd>;
