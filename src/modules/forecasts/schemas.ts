import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoDate, Money, Nullable, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';

const PeriodLabel = Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$',
  description: 'A month "2026-11", a quarter "2026-Q4" or a year "2026"',
  examples: ['2026-Q4'],
});
const Ratio = Type.String({ pattern: '^-?\\d+\\.\\d{4}$', description: 'A fraction as decimal text, 4 places ("0.1250" = 12.5 %)' });
const ID = '01936b2e-7c1a-7000-8000-0000000000aa';

export const PeriodSchema = Type.Object(
  {
    label: PeriodLabel,
    type: Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')]),
    from: IsoDate,
    to: IsoDate,
    closed: Type.Boolean({ description: 'The period ended before today: its actuals are final and accuracy can be measured' }),
  },
  { additionalProperties: false },
);

export const ForecastNumbers = Type.Object(
  {
    closed: Money,
    commit: Money,
    bestCase: Money,
    pipeline: Money,
    weighted: Type.String({ pattern: Money.pattern, description: 'Σ amount × probability over open deals not omitted' }),
    expected: Type.String({ pattern: Money.pattern, description: 'closed + weighted: the system forecast' }),
  },
  { additionalProperties: false, description: 'In the organisation currency. Categories are disjoint: commit, bestCase and pipeline are open deals only' },
);
export type ForecastNumbers = Static<typeof ForecastNumbers>;

export const ForecastCall = Type.Object(
  {
    id: Uuid,
    userId: Uuid,
    scope: Type.Union([Type.Literal('own'), Type.Literal('team')], { description: "own: the person's own number; team: their whole team's roll-up" }),
    period: PeriodLabel,
    amount: Money,
    currency: CurrencyCode,
    note: Type.String(),
    calledBy: Uuid,
    calledByName: Type.String(),
    calledAt: Timestamp,
  },
  {
    $id: 'ForecastCall',
    additionalProperties: false,
    examples: [{ id: '01936b2e-7c1a-7000-8000-000000000901', userId: ID, scope: 'team', period: '2026-Q4', amount: '1250000.00', currency: 'EUR', note: 'Holding back the Nordics renewal until legal signs.', calledBy: ID, calledByName: 'Marek Nowak', calledAt: '2026-11-23T09:00:00.000Z' }],
  },
);
export type ForecastCall = Static<typeof ForecastCall>;

export const ForecastPerson = Type.Object(
  {
    userId: Uuid,
    name: Type.String(),
    role: Type.String(),
    managerId: Nullable(Uuid),
    depth: Type.Integer({ minimum: 0, description: '0: the person asked for (or a top of the organisation)' }),
    reports: Type.Integer({ minimum: 0, description: 'Direct reports' }),
    own: ForecastNumbers,
    team: ForecastNumbers,
    ownCall: Nullable(Type.Ref(ForecastCall)),
    teamCall: Nullable(Type.Ref(ForecastCall)),
  },
  { additionalProperties: false },
);

export const Forecast = Type.Object(
  {
    period: PeriodSchema,
    currency: CurrencyCode,
    asOf: IsoDate,
    userId: Nullable(Uuid),
    total: ForecastNumbers,
    call: Nullable(Type.Ref(ForecastCall)),
    people: Type.Array(ForecastPerson, { description: 'The team, depth-first under each manager (by name)' }),
  },
  { $id: 'Forecast', additionalProperties: false },
);
export type Forecast = Static<typeof Forecast>;

export const ForecastQuery = Type.Object(
  {
    period: Type.Optional(PeriodLabel),
    userId: Type.Optional(Type.String({ format: 'uuid', description: "Whose roll-up: default mine (a director, admin or viewer: the whole organisation)" })),
  },
  { additionalProperties: false },
);
export type ForecastQuery = Static<typeof ForecastQuery>;

export const CallCreate = Type.Object(
  {
    userId: Uuid,
    scope: Type.Union([Type.Literal('own'), Type.Literal('team')]),
    period: PeriodLabel,
    amount: Money,
    note: Text(2000, 1),
  },
  { additionalProperties: false, examples: [{ userId: ID, scope: 'team', period: '2026-Q4', amount: '1250000.00', note: 'Holding back the Nordics renewal until legal signs.' }] },
);
export type CallCreate = Static<typeof CallCreate>;

export const CallListQuery = Type.Object(
  { userId: Type.Optional(Type.String({ format: 'uuid', description: 'Default: me' })), period: Type.Optional(PeriodLabel) },
  { additionalProperties: false },
);
export type CallListQuery = Static<typeof CallListQuery>;

export const CallList = Type.Object({ items: Type.Array(Type.Ref(ForecastCall), { description: 'Newest first' }) }, { additionalProperties: false });

export const SnapshotWeek = Type.Object(
  {
    id: Uuid,
    week: Type.String({ description: 'ISO week', examples: ['2026-W48'] }),
    takenAt: Timestamp,
    numbers: ForecastNumbers,
    forecast: Type.String({ pattern: Money.pattern, description: "F: Σ per person of their own call that week, else closed + weighted" }),
    actual: Nullable(Type.String({ pattern: Money.pattern, description: 'A, once the period is closed: won (+ revenue where the organisation measures it)' })),
    bias: Nullable(Ratio),
    wape: Nullable(Ratio),
  },
  { additionalProperties: false },
);

export const SnapshotHistory = Type.Object(
  {
    period: PeriodSchema,
    currency: CurrencyCode,
    userId: Nullable(Uuid),
    actuals: Type.Union([Type.Literal('bookings'), Type.Literal('bookingsAndRevenue')]),
    weeks: Type.Array(SnapshotWeek, { description: 'Oldest week first' }),
  },
  { $id: 'ForecastSnapshotHistory', additionalProperties: false },
);
export type SnapshotHistory = Static<typeof SnapshotHistory>;

export const SnapshotCreate = Type.Object({}, { additionalProperties: false, description: 'No fields: snapshots the month, quarter and year holding today' });

export const SnapshotResult = Type.Object(
  {
    week: Type.String(),
    taken: Type.Array(PeriodLabel, { description: 'Periods snapshotted now' }),
    existing: Type.Array(PeriodLabel, { description: 'Periods that already had this week’s snapshot (left as they were)' }),
  },
  { additionalProperties: false, examples: [{ week: '2026-W48', taken: ['2026-11', '2026-Q4', '2026'], existing: [] }] },
);

export const AnnualQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 9999, description: 'Default: this year' })),
    userId: Type.Optional(Type.String({ format: 'uuid', description: "Whose roll-up: default mine (director, admin, viewer: the organisation)" })),
  },
  { additionalProperties: false },
);
export type AnnualQuery = Static<typeof AnnualQuery>;

const Band = Type.Object({ low: Money, expected: Money, high: Money }, { additionalProperties: false });

export const AnnualForecast = Type.Object(
  {
    year: Type.Integer(),
    currency: CurrencyCode,
    asOf: IsoDate,
    userId: Nullable(Uuid),
    closedToDate: Money,
    pipeline: Band,
    trend: Band,
    runRate: Type.String({ pattern: Money.pattern, description: 'Mean monthly revenue of the last three complete months' }),
    slope: Type.String({ pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$', description: 'Monthly change of the least-squares line through the last six complete months' }),
    remainingMonths: Type.Integer({ minimum: 0 }),
    months: Type.Array(Type.Object({ month: Type.String(), revenue: Money }, { additionalProperties: false }), { description: 'The revenue actuals the trend is fitted to' }),
    low: Money,
    expected: Money,
    high: Money,
  },
  { $id: 'AnnualForecast', additionalProperties: false },
);
export type AnnualForecast = Static<typeof AnnualForecast>;

export const ForecastSettings = Type.Object(
  {
    actuals: Type.Union([Type.Literal('bookings'), Type.Literal('bookingsAndRevenue')], { description: 'What A (actual) is for accuracy: won deals, or won deals plus transaction revenue' }),
    version: Version,
  },
  { $id: 'ForecastSettings', additionalProperties: false, examples: [{ actuals: 'bookings', version: 1 }] },
);
export type ForecastSettings = Static<typeof ForecastSettings>;

export const ForecastSettingsPut = Type.Object(
  { actuals: Type.Union([Type.Literal('bookings'), Type.Literal('bookingsAndRevenue')]) },
  { additionalProperties: false, examples: [{ actuals: 'bookingsAndRevenue' }] },
);
export type ForecastSettingsPut = Static<typeof ForecastSettingsPut>;
