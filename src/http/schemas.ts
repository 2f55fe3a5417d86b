import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** Schemas shared by every module's routes: pages, ids, money, dates, problems. */
export const Uuid = Type.String({ format: 'uuid', description: 'A UUIDv7 id' });
export const IsoDate = Type.String({ format: 'date', description: 'A calendar date, YYYY-MM-DD', examples: ['2026-11-23'] });
export const IsoMonth = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A month, YYYY-MM', examples: ['2026-11'] });
export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
export const Money = Type.String({ pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$', description: 'A decimal amount; its currency is the sibling `currency` field', examples: ['1234.50'] });
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217', examples: ['EUR'] });
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2', examples: ['DE'] });
export const Version = Type.Integer({ minimum: 1, description: 'Optimistic-concurrency version; send it back as If-Match' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** Free text a person types: trimmed length limits keep hostile payloads out of the database. */
export const Text = (maxLength = 200, minLength = 0) => Type.String({ minLength, maxLength });

export const IdParams = Type.Object({ id: Uuid });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor from the previous page' })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
export type ProblemBody = Static<typeof Problem>;

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, Type.Ref('Problem')]));
