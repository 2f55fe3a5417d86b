import { Type, type Static } from '@sinclair/typebox';
import { Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { caseStatuses, MAX_SLA_HOURS } from './sla.ts';

export const CaseStatusSchema = Type.Union(caseStatuses.map((s) => Type.Literal(s)));
const Severity = Type.Integer({ minimum: 1, maximum: 4, description: '1 (critical) … 4 (low)' });
const Category = Type.String({ pattern: '^[a-z0-9_]{1,40}$', description: 'One of the organisation\'s case categories (settings/case-sla)' });
const Minutes = Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Time spent on the case in total (minutes); feeds cost to serve' });

export const Case = Type.Object(
  {
    id: Uuid,
    accountId: Uuid,
    accountName: Type.String(),
    title: Type.String(),
    description: Type.String(),
    category: Type.String(),
    severity: Severity,
    status: CaseStatusSchema,
    ownerId: Nullable(Uuid),
    ownerName: Nullable(Type.String()),
    openedAt: Timestamp,
    slaHours: Type.Number({ description: 'The SLA period of this case (from its severity when opened or re-graded)' }),
    dueAt: Timestamp,
    breached: Type.Boolean({ description: 'The SLA passed before the case was resolved' }),
    escalationLevel: Type.Integer({ minimum: 0, maximum: 3, description: '0: within SLA; 1 at the breach; +1 per further SLA period; at most 3' }),
    escalatedAt: Nullable(Timestamp),
    nextEscalationAt: Nullable(Timestamp),
    resolution: Nullable(Type.String()),
    resolvedAt: Nullable(Timestamp),
    closedAt: Nullable(Timestamp),
    timeToResolveMinutes: Nullable(Type.Integer({ description: 'Opened → (last) resolved, in minutes; null while unresolved' })),
    minutesSpent: Minutes,
    allowedTransitions: Type.Array(CaseStatusSchema),
    createdBy: Uuid,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'Case',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000301', accountId: '01936b2e-7c1a-7000-8000-000000000001', accountName: 'Claire Gute',
      title: 'Pallets delivered damaged', description: 'Two of five pallets crushed on arrival in Leipzig.', category: 'delivery', severity: 2, status: 'in_progress',
      ownerId: '01936b2e-7c1a-7000-8000-0000000000aa', ownerName: 'Kira Novak', openedAt: '2026-11-23T09:00:00.000Z', slaHours: 24,
      dueAt: '2026-11-24T09:00:00.000Z', breached: false, escalationLevel: 0, escalatedAt: null, nextEscalationAt: '2026-11-24T09:00:00.000Z',
      resolution: null, resolvedAt: null, closedAt: null, timeToResolveMinutes: null, minutesSpent: 45, allowedTransitions: ['resolved'],
      createdBy: '01936b2e-7c1a-7000-8000-0000000000aa', createdAt: '2026-11-23T09:00:00.000Z', updatedAt: '2026-11-23T09:30:00.000Z', version: 2,
    }],
  },
);
export type Case = Static<typeof Case>;

export const CaseCreate = Type.Object(
  {
    title: Text(200, 1),
    description: Type.Optional(Text(10000)),
    category: Category,
    severity: Severity,
    ownerId: Type.Optional(Nullable(Uuid)),
    minutesSpent: Type.Optional(Minutes),
  },
  { additionalProperties: false, examples: [{ title: 'Invoice disputed: double charge', category: 'billing', severity: 3, description: 'Invoice 4471 charged twice.' }] },
);
export type CaseCreate = Static<typeof CaseCreate>;

export const CaseUpdate = Type.Object(
  {
    title: Type.Optional(Text(200, 1)),
    description: Type.Optional(Text(10000)),
    category: Type.Optional(Category),
    severity: Type.Optional(Severity),
    ownerId: Type.Optional(Nullable(Uuid)),
    minutesSpent: Type.Optional(Minutes),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ severity: 1, minutesSpent: 90 }] },
);
export type CaseUpdate = Static<typeof CaseUpdate>;

export const CaseTransition = Type.Object(
  {
    to: CaseStatusSchema,
    resolution: Type.Optional(Text(10000, 1)),
  },
  { additionalProperties: false, examples: [{ to: 'resolved', resolution: 'Replacement pallets delivered; carrier credited the freight.' }] },
);
export type CaseTransition = Static<typeof CaseTransition>;

const listFilters = {
  status: Type.Optional(Type.Union([...caseStatuses.map((s) => Type.Literal(s)), Type.Literal('active')], { description: 'active: open or in progress' })),
  severity: Type.Optional(Severity),
  escalated: Type.Optional(Type.Boolean({ description: 'true: escalation level 1 or more; false: level 0' })),
};

export const CaseListQuery = Type.Object(
  { ...PageQuery, ...listFilters, mine: Type.Optional(Type.Boolean({ description: 'Only cases I own' })) },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuery>;

export const AccountCaseListQuery = Type.Object({ ...PageQuery, ...listFilters }, { additionalProperties: false });
export type AccountCaseListQuery = Static<typeof AccountCaseListQuery>;

export const CaseEvent = Type.Object(
  {
    id: Uuid,
    at: Timestamp,
    kind: Type.Union([Type.Literal('opened'), Type.Literal('status'), Type.Literal('escalated'), Type.Literal('updated'), Type.Literal('breach_effects')]),
    actorId: Nullable(Uuid),
    actorName: Nullable(Type.String({ description: 'null: the system (escalation)' })),
    fromStatus: Nullable(CaseStatusSchema),
    toStatus: Nullable(CaseStatusSchema),
    fromLevel: Nullable(Type.Integer()),
    toLevel: Nullable(Type.Integer()),
    minutes: Type.Integer(),
    note: Nullable(Type.String()),
    changes: Nullable(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'CaseEvent' },
);
export type CaseEvent = Static<typeof CaseEvent>;

const Hours = Type.Integer({ minimum: 1, maximum: MAX_SLA_HOURS });
const HoursSchema = Type.Object({ sev1: Hours, sev2: Hours, sev3: Hours, sev4: Hours }, { additionalProperties: false });
const Categories = Type.Array(Category, { minItems: 1, maxItems: 30 });

export const CaseSettings = Type.Object(
  { hours: HoursSchema, categories: Categories, version: Version },
  { $id: 'CaseSettings', examples: [{ hours: { sev1: 4, sev2: 24, sev3: 72, sev4: 168 }, categories: ['delivery', 'quality', 'billing', 'service', 'contract', 'other'], version: 1 }] },
);
export type CaseSettings = Static<typeof CaseSettings>;

export const CaseSettingsPut = Type.Object(
  { hours: HoursSchema, categories: Categories },
  { additionalProperties: false, examples: [{ hours: { sev1: 2, sev2: 12, sev3: 72, sev4: 168 }, categories: ['delivery', 'quality', 'billing', 'service', 'contract', 'other'] }] },
);
export type CaseSettingsPut = Static<typeof CaseSettingsPut>;

export const EscalationRun = Type.Object({ escalated: Type.Integer({ description: 'Cases whose level rose' }) });
