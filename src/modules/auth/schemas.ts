import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Text, Timestamp, Uuid } from '../../http/schemas.ts';
import { Me } from '../users/schemas.ts';

export const LoginResult = Type.Object({ user: Type.Ref(Me), csrfToken: Type.String() });

export const ApiToken = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    prefix: Type.String({ description: 'The first characters of the token, to recognise it' }),
    createdAt: Timestamp,
    lastUsedAt: Nullable(Timestamp),
    revokedAt: Nullable(Timestamp),
  },
  { $id: 'ApiToken' },
);
export type ApiToken = Static<typeof ApiToken>;

export const TokenCreate = Type.Object({ name: Text(100, 1) }, { additionalProperties: false });
export const TokenCreated = Type.Object({
  id: Uuid,
  token: Type.String({ description: 'Shown once; only its hash is stored' }),
  name: Type.String(),
});

export const LoginBody = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;
