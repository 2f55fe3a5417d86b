import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoDate, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { actionStatuses, needChangeKinds, objectiveDirections, objectiveMetrics, objectiveStatuses, PERIOD_PATTERN, planStatuses } from './plan.ts';


export const PlanStatusSchema = Type.Union(planStatuses.map((v) => Type.Literal(v)), { description: 'draft → active → closed; one active plan per account and period' });
export const ActionStatusSchema = Type.Union(actionStatuses.map((v) => Type.Literal(v)));
export const MetricSchema = Type.Union(objectiveMetrics.map((v) => Type.Literal(v)), { description: "`revenue`: the current value is the account's revenue over the plan period, live from transactions; `custom`: typed in" });
export const DirectionSchema = Type.Union(objectiveDirections.map((v) => Type.Literal(v)));
export const Period = Type.String({ pattern: PERIOD_PATTERN, description: 'A year (2027), a half (2027-H1) or a quarter (2027-Q3)', examples: ['2027'] });
/** A decimal number as a string (objective values: counts, percentages, money). */
export const DecimalValue = Type.String({ pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$', description: 'A decimal number as a string', examples: ['250000.00'] });

export const Progress = Type.Object({
  direction: DirectionSchema,
  ratio: Nullable(Type.Number({ description: '0 at the baseline, 1 at the target; above 1 on overshoot' })),
  percent: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  achieved: Type.Boolean(),
  expected: Nullable(Type.Number({ description: 'Share of the way the schedule expects by today (start → due date)' })),
  status: Type.Union(objectiveStatuses.map((v) => Type.Literal(v))),
});

export const NeedChange = Type.Object({
  kind: Type.Union(needChangeKinds.map((v) => Type.Literal(v))),
  at: Timestamp,
  actorId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  fromText: Nullable(Type.String()),
  toText: Nullable(Type.String()),
  fromPriority: Nullable(Type.Integer()),
  toPriority: Nullable(Type.Integer()),
});

export const Need = Type.Object(
  { id: Uuid, text: Type.String(), priority: Type.Integer(), history: Type.Array(NeedChange), createdAt: Timestamp, updatedAt: Timestamp, version: Version },
  { $id: 'PlanNeed' },
);
export type Need = Static<typeof Need>;

export const Objective = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    metric: MetricSchema,
    unit: Nullable(Type.String({ description: 'For revenue objectives the organisation currency' })),
    direction: Nullable(DirectionSchema),
    baseline: DecimalValue,
    target: DecimalValue,
    current: Nullable(DecimalValue),
    dueOn: Nullable(IsoDate),
    progress: Progress,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { $id: 'PlanObjective' },
);
export type Objective = Static<typeof Objective>;

export const Action = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    ownerId: Nullable(Uuid),
    ownerName: Nullable(Type.String()),
    dueOn: Nullable(IsoDate),
    status: ActionStatusSchema,
    agreed: Type.Boolean({ description: 'Agreed with the customer: shown on the joint plan' }),
    source: Type.String({ description: 'plan, review, copy …' }),
    sourceId: Nullable(Uuid),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { $id: 'PlanAction' },
);
export type Action = Static<typeof Action>;

export const Risk = Type.Object(
  { id: Uuid, text: Type.String(), source: Type.String({ description: 'manual, case, review …' }), at: Timestamp, createdBy: Nullable(Uuid) },
  { $id: 'PlanRisk' },
);
export type Risk = Static<typeof Risk>;

const planFields = {
  id: Uuid,
  accountId: Uuid,
  accountName: Type.String(),
  period: Period,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  status: PlanStatusSchema,
  strategy: Nullable(Type.String()),
  copiedFromId: Nullable(Uuid),
  currency: CurrencyCode,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Version,
};

export const Plan = Type.Object(planFields, {
  $id: 'Plan',
  examples: [{
    id: '01936b2e-7c1a-7000-8000-000000000301', accountId: '01936b2e-7c1a-7000-8000-000000000001', accountName: 'Claire Gute', period: '2027',
    periodStart: '2027-01-01', periodEnd: '2027-12-31', status: 'active', strategy: 'Become the sole office-supplies partner', copiedFromId: null, currency: 'USD',
    createdAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z', version: 2,
  }],
});
export type Plan = Static<typeof Plan>;

export const PlanDetail = Type.Object(
  {
    ...planFields,
    summary: Type.Object({ objectives: Type.Integer(), achieved: Type.Integer(), behind: Type.Integer(), average: Nullable(Type.Number()) }),
    needs: Type.Array(Type.Ref(Need)),
    objectives: Type.Array(Type.Ref(Objective)),
    actions: Type.Array(Type.Ref(Action)),
    risks: Type.Array(Type.Ref(Risk)),
  },
  { $id: 'PlanDetail' },
);
export type PlanDetail = Static<typeof PlanDetail>;

export const PlanCreate = Type.Object(
  { period: Type.Optional(Period), strategy: Type.Optional(Nullable(Text(20_000))) },
  { additionalProperties: false, examples: [{ period: '2027', strategy: 'Grow the furniture share of wallet' }] },
);
export type PlanCreate = Static<typeof PlanCreate>;

export const PlanUpdate = Type.Object(
  { strategy: Type.Optional(Nullable(Text(20_000))), status: Type.Optional(PlanStatusSchema) },
  { additionalProperties: false, minProperties: 1, examples: [{ status: 'active' }] },
);
export type PlanUpdate = Static<typeof PlanUpdate>;

export const PlanCopy = Type.Object(
  { period: Type.Optional(Period) },
  { additionalProperties: false, description: 'The period of the copy; the next period by default', examples: [{ period: '2028' }] },
);
export type PlanCopy = Static<typeof PlanCopy>;

export const PlanListQuery = Type.Object(
  { ...PageQuery, status: Type.Optional(PlanStatusSchema), period: Type.Optional(Period) },
  { additionalProperties: false },
);
export type PlanListQuery = Static<typeof PlanListQuery>;

const Priority = Type.Integer({ minimum: 1, maximum: 99, description: '1 = most important' });
export const NeedCreate = Type.Object({ text: Text(2000, 1), priority: Priority }, { additionalProperties: false, examples: [{ text: 'Next-day delivery to 40 stores', priority: 1 }] });
export type NeedCreate = Static<typeof NeedCreate>;
export const NeedUpdate = Type.Object(
  { text: Type.Optional(Text(2000, 1)), priority: Type.Optional(Priority) },
  { additionalProperties: false, minProperties: 1, examples: [{ priority: 2 }] },
);
export type NeedUpdate = Static<typeof NeedUpdate>;

const objectiveFields = {
  unit: Type.Optional(Nullable(Text(20))),
  direction: Type.Optional(Nullable(DirectionSchema)),
  current: Type.Optional(Nullable(DecimalValue)),
  dueOn: Type.Optional(Nullable(IsoDate)),
};
export const ObjectiveCreate = Type.Object(
  { title: Text(500, 1), metric: Type.Optional(MetricSchema), baseline: DecimalValue, target: DecimalValue, ...objectiveFields },
  { additionalProperties: false, examples: [{ title: 'Revenue 2027', metric: 'revenue', baseline: '180000.00', target: '250000.00', dueOn: '2027-12-31' }] },
);
export type ObjectiveCreate = Static<typeof ObjectiveCreate>;
export const ObjectiveUpdate = Type.Object(
  { title: Type.Optional(Text(500, 1)), baseline: Type.Optional(DecimalValue), target: Type.Optional(DecimalValue), ...objectiveFields },
  { additionalProperties: false, minProperties: 1, examples: [{ current: '42' }] },
);
export type ObjectiveUpdate = Static<typeof ObjectiveUpdate>;

export const ActionCreate = Type.Object(
  { title: Text(500, 1), ownerId: Type.Optional(Nullable(Uuid)), dueOn: Type.Optional(Nullable(IsoDate)), status: Type.Optional(ActionStatusSchema), agreed: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, examples: [{ title: 'Quarterly business review with procurement', dueOn: '2027-03-31', agreed: true }] },
);
export type ActionCreate = Static<typeof ActionCreate>;
export const ActionUpdate = Type.Object(
  { title: Type.Optional(Text(500, 1)), ownerId: Type.Optional(Nullable(Uuid)), dueOn: Type.Optional(Nullable(IsoDate)), status: Type.Optional(ActionStatusSchema), agreed: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1, examples: [{ status: 'done' }] },
);
export type ActionUpdate = Static<typeof ActionUpdate>;

export const RiskCreate = Type.Object({ text: Text(2000, 1) }, { additionalProperties: false, examples: [{ text: 'Procurement is tendering the furniture category' }] });
export type RiskCreate = Static<typeof RiskCreate>;

export const Share = Type.Object(
  { id: Uuid, planId: Uuid, prefix: Type.String({ description: 'The first characters of the token, to tell links apart' }), expiresAt: Timestamp, revokedAt: Nullable(Timestamp), active: Type.Boolean(), createdBy: Nullable(Uuid), createdAt: Timestamp },
  { $id: 'PlanShare' },
);
export type Share = Static<typeof Share>;
export const ShareCreated = Type.Intersect([Type.Ref(Share), Type.Object({ token: Type.String({ description: 'Shown once; only its hash is stored' }), path: Type.String({ description: 'The web page to send the customer' }) })]);
export type ShareCreated = Share & { token: string; path: string };
export const ShareCreate = Type.Object(
  { expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30 })) },
  { additionalProperties: false, examples: [{ expiresInDays: 30 }] },
);
export type ShareCreate = Static<typeof ShareCreate>;

/** The joint plan: the customer-facing parts only. Never scores, margins, revenue figures, notes or internal risks. */
export const SharedPlan = Type.Object(
  {
    accountName: Type.String(),
    period: Period,
    periodStart: IsoDate,
    periodEnd: IsoDate,
    needs: Type.Array(Type.Object({ text: Type.String(), priority: Type.Integer() })),
    objectives: Type.Array(Type.Object({
      title: Type.String(),
      unit: Nullable(Type.String()),
      baseline: Nullable(DecimalValue),
      target: Nullable(DecimalValue),
      current: Nullable(DecimalValue),
      dueOn: Nullable(IsoDate),
      percent: Nullable(Type.Integer()),
      achieved: Type.Boolean(),
    }, { description: 'Revenue objectives show their progress, never their figures' })),
    actions: Type.Array(Type.Object({ title: Type.String(), dueOn: Nullable(IsoDate), status: ActionStatusSchema })),
    expiresAt: Timestamp,
  },
  { $id: 'SharedPlan' },
);
export type SharedPlan = Static<typeof SharedPlan>;

export const PlanParams = Type.Object({ id: Uuid });
export const NeedParams = Type.Object({ id: Uuid, needId: Uuid });
export const ObjectiveParams = Type.Object({ id: Uuid, objectiveId: Uuid });
export const ActionParams = Type.Object({ id: Uuid, actionId: Uuid });
export const ShareParams = Type.Object({ id: Uuid, shareId: Uuid });
export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'The share token' }) });
