import { Type, type Static } from '@sinclair/typebox';
import { CountryCode, CurrencyCode, IsoDate, Money, Nullable, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { factorKeys } from './fit.ts';
import { MAX_RATING, MAX_SKILLS, MIN_RATING } from './skills.ts';
import { educationLevels, goalStatuses } from './tables.ts';

const SkillKey = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'A skill key of the organisation\'s list (people settings)' });
const Rating = Type.Integer({ minimum: MIN_RATING, maximum: MAX_RATING });
const RoleKey = Type.String({ pattern: '^[a-z_]{2,30}$', description: 'A role: kam, bd, manager, director …', examples: ['kam'] });
const Language = Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639 language code', examples: ['de'] });
const Industry = Text(100, 1);
const Years = Type.Integer({ minimum: 0, maximum: 70 });

const Education = Type.Object(
  {
    level: Type.Union(educationLevels.map((l) => Type.Literal(l))),
    field: Text(120, 1),
    institution: Type.Optional(Text(200)),
    year: Type.Optional(Type.Integer({ minimum: 1940, maximum: 2100 })),
  },
  { additionalProperties: false },
);
const Certification = Type.Object(
  { name: Text(200, 1), issuer: Type.Optional(Text(200)), obtainedOn: IsoDate, expiresOn: Type.Optional(Nullable(IsoDate)) },
  { additionalProperties: false },
);
const IndustryYears = Type.Object({ industry: Industry, years: Years }, { additionalProperties: false });

const profileFields = {
  education: Type.Array(Education, { maxItems: 10 }),
  certifications: Type.Array(Certification, { maxItems: 50 }),
  yearsTotal: Nullable(Years),
  yearsSales: Nullable(Years),
  industryYears: Type.Array(IndustryYears, { maxItems: 30, description: 'Years of experience per industry' }),
  industries: Type.Array(Industry, { maxItems: 30, description: 'Industries known' }),
  countries: Type.Array(CountryCode, { maxItems: 60, description: 'Countries known (worked in or with)' }),
  languages: Type.Array(Language, { maxItems: 20, description: 'Languages spoken' }),
};

const profileExample = {
  education: [{ level: 'bachelor', field: 'Mechanical engineering' }, { level: 'mba', field: 'Business administration', year: 2019 }],
  certifications: [{ name: 'Strategic Account Management Certified', issuer: 'SAMA', obtainedOn: '2024-05-01', expiresOn: '2027-05-01' }],
  yearsTotal: 9,
  yearsSales: 6,
  industryYears: [{ industry: 'Metals', years: 4 }],
  industries: ['Metals', 'Automotive'],
  countries: ['DE', 'SE'],
  languages: ['en', 'de', 'sv'],
};

export const Profile = Type.Object(
  { userId: Uuid, name: Type.String(), role: Type.String(), managerId: Nullable(Uuid), ...profileFields, updatedAt: Nullable(Timestamp), version: Version },
  { $id: 'PersonProfile', examples: [{ userId: '01936b2e-7c1a-7000-8000-0000000000aa', name: 'Kira Lindqvist', role: 'kam', managerId: '01936b2e-7c1a-7000-8000-0000000000ab', ...profileExample, updatedAt: '2026-11-23T09:00:00.000Z', version: 2 }] },
);
export type Profile = Static<typeof Profile>;

export const ProfilePut = Type.Object(profileFields, { additionalProperties: false, examples: [profileExample] });
export type ProfilePut = Static<typeof ProfilePut>;

const SkillLine = Type.Object({
  skill: Type.String(),
  label: Type.String(),
  self: Nullable(Rating),
  selfRatedAt: Nullable(Timestamp),
  manager: Nullable(Rating),
  managerRatedAt: Nullable(Timestamp),
  target: Nullable(Rating),
  gap: Nullable(Type.Integer({ description: 'target − the rating that counts (the manager\'s, else the self-assessment); positive: below target' })),
});

export const Goal = Type.Object(
  {
    id: Uuid,
    userId: Uuid,
    skill: Type.String(),
    targetRating: Rating,
    dueOn: Nullable(IsoDate),
    note: Type.String(),
    status: Type.Union(goalStatuses.map((s) => Type.Literal(s))),
    createdBy: Uuid,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  { $id: 'DevelopmentGoal' },
);
export type Goal = Static<typeof Goal>;

export const Skills = Type.Object(
  {
    userId: Uuid,
    role: Type.String(),
    skills: Type.Array(SkillLine),
    gaps: Type.Array(Type.String(), { description: 'Skills below the role target, largest gap first' }),
    goals: Type.Array(Type.Ref(Goal)),
  },
  { $id: 'PersonSkills' },
);
export type Skills = Static<typeof Skills>;

export const RatingsPost = Type.Object(
  {
    kind: Type.Union([Type.Literal('self'), Type.Literal('manager')], { description: 'self: the person rates themselves; manager: someone above them rates them' }),
    ratings: Type.Array(Type.Object({ skill: SkillKey, rating: Rating, note: Type.Optional(Text(1000)) }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_SKILLS }),
  },
  { additionalProperties: false, examples: [{ kind: 'self', ratings: [{ skill: 'negotiation', rating: 4 }, { skill: 'presentation', rating: 3, note: 'Pitched at the Q3 review' }] }] },
);
export type RatingsPost = Static<typeof RatingsPost>;

export const RatingEntry = Type.Object({
  id: Uuid,
  skill: Type.String(),
  kind: Type.Union([Type.Literal('self'), Type.Literal('manager')]),
  rating: Rating,
  note: Nullable(Type.String()),
  ratedBy: Uuid,
  ratedByName: Type.String(),
  ratedAt: Timestamp,
});
export const RatingHistory = Type.Object({ items: Type.Array(RatingEntry) });

export const GoalCreate = Type.Object(
  { skill: SkillKey, targetRating: Type.Optional(Rating), dueOn: Type.Optional(Nullable(IsoDate)), note: Type.Optional(Text(2000)) },
  { additionalProperties: false, examples: [{ skill: 'negotiation', targetRating: 4, dueOn: '2027-06-30', note: 'Negotiation workshop in Q1' }] },
);
export type GoalCreate = Static<typeof GoalCreate>;

export const GoalUpdate = Type.Object(
  {
    targetRating: Type.Optional(Rating),
    dueOn: Type.Optional(Nullable(IsoDate)),
    note: Type.Optional(Text(2000)),
    status: Type.Optional(Type.Union(goalStatuses.map((s) => Type.Literal(s)))),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ status: 'done' }] },
);
export type GoalUpdate = Static<typeof GoalUpdate>;

const TierWeights = Type.Object(
  { key: Type.Number({ minimum: 0, maximum: 100 }), strategic: Type.Number({ minimum: 0, maximum: 100 }), develop: Type.Number({ minimum: 0, maximum: 100 }), maintain: Type.Number({ minimum: 0, maximum: 100 }), unscored: Type.Number({ minimum: 0, maximum: 100 }) },
  { additionalProperties: false, description: 'Workload points per account of each tier' },
);
const settingsFields = {
  skills: Type.Array(Type.Object({ key: SkillKey, label: Text(100, 1) }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_SKILLS }),
  roleProfiles: Type.Record(RoleKey, Type.Record(SkillKey, Rating), { description: 'Target rating per skill for each role' }),
  tierWeights: TierWeights,
  capacityTargets: Type.Record(RoleKey, Type.Number({ minimum: 0, maximum: 100000 }), { description: 'Workload points a person of the role carries at 100 %' }),
};
const settingsExample = {
  skills: [{ key: 'negotiation', label: 'Negotiation' }, { key: 'communication', label: 'Communication' }],
  roleProfiles: { kam: { negotiation: 4, communication: 4 } },
  tierWeights: { key: 4, strategic: 3, develop: 2, maintain: 1, unscored: 1 },
  capacityTargets: { kam: 40, bd: 20 },
};
export const PeopleSettings = Type.Object({ ...settingsFields, version: Version }, { $id: 'PeopleSettings', examples: [{ ...settingsExample, version: 1 }] });
export type PeopleSettings = Static<typeof PeopleSettings>;
export const PeopleSettingsPut = Type.Object(settingsFields, { additionalProperties: false, examples: [settingsExample] });
export type PeopleSettingsPut = Static<typeof PeopleSettingsPut>;

const Workload = Type.Object({
  load: Type.Number({ description: 'Tier-weighted account count' }),
  target: Nullable(Type.Number({ description: 'Capacity target of the role (points)' })),
  index: Nullable(Type.Number({ description: 'load ÷ target: 1 is full' })),
  headroom: Nullable(Type.Number({ description: 'target − load; negative: over capacity' })),
});
export const Book = Type.Object(
  {
    userId: Uuid,
    name: Type.String(),
    role: Type.String(),
    managerId: Nullable(Uuid),
    accounts: Type.Integer(),
    accountsByTier: Type.Object({ key: Type.Integer(), strategic: Type.Integer(), develop: Type.Integer(), maintain: Type.Integer(), unscored: Type.Integer() }),
    revenue: Money,
    grossProfit: Money,
    currency: CurrencyCode,
    openCases: Type.Integer(),
    escalatedCases: Type.Integer(),
    interactionsPerMonth: Type.Number({ description: 'Interactions logged on the book, average per month over the last three months' }),
    workload: Workload,
  },
  { $id: 'PersonBook', description: 'Revenue and gross profit: the owned accounts, trailing 12 months, organisation currency' },
);
export type Book = Static<typeof Book>;
export const Capacity = Type.Object({ items: Type.Array(Type.Ref(Book)) });

const Factor = Type.Object({
  key: Type.Union(factorKeys.map((k) => Type.Literal(k))),
  score: Type.Number({ minimum: 0, maximum: 1 }),
  weight: Type.Number({ description: 'Points at a perfect match; 0: the account gives no basis for this factor' }),
  points: Type.Number(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
const RankedCandidate = Type.Object({
  userId: Uuid,
  name: Type.String(),
  score: Type.Number({ description: '0–100: points earned out of the points that apply' }),
  factors: Type.Array(Factor),
  workloadAfter: Nullable(Type.Number()),
  overCapacity: Type.Boolean(),
  isCurrentOwner: Type.Boolean(),
});
export const OwnerCandidates = Type.Object(
  {
    account: Type.Object({
      id: Uuid,
      name: Type.String(),
      ownerId: Nullable(Uuid),
      tier: Nullable(Type.String()),
      industry: Nullable(Type.String()),
      country: Nullable(Type.String()),
      languages: Type.Array(Type.String()),
      neededSkills: Type.Array(Type.String()),
      openEscalations: Type.Integer(),
      openNegotiations: Type.Integer({ description: 'Open opportunities on the account (deals being negotiated): negotiation becomes a needed skill' }),
      weight: Type.Number(),
    }),
    candidates: Type.Array(RankedCandidate),
  },
  { $id: 'OwnerCandidates' },
);
export type OwnerCandidates = Static<typeof OwnerCandidates>;

const ChecklistItem = Type.Object({ done: Type.Optional(Type.Boolean()), note: Type.Optional(Text(2000)) }, { additionalProperties: false });
const HandoverChecklist = Type.Object(
  {
    contractSigned: Type.Optional(ChecklistItem),
    keyContactsIntroduced: Type.Optional(ChecklistItem),
    openCommitments: Type.Optional(ChecklistItem),
    pricingAgreed: Type.Optional(ChecklistItem),
    firstReviewDate: Type.Optional(Type.Object({ done: Type.Optional(Type.Boolean()), note: Type.Optional(Text(2000)), date: Type.Optional(Nullable(IsoDate)) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const OwnerAssignment = Type.Object(
  {
    toUserId: Uuid,
    keepPreviousOwner: Type.Optional(Type.Boolean({ description: 'true: the previous owner stays on the team as support' })),
    checklist: Type.Optional(HandoverChecklist),
    notes: Type.Optional(Nullable(Text(10_000))),
  },
  { additionalProperties: false, examples: [{ toUserId: '01936b2e-7c1a-7000-8000-0000000000aa', notes: 'Metals background; knows the buyer from Nordstahl' }] },
);
export type OwnerAssignment = Static<typeof OwnerAssignment>;

export const AssignmentResult = Type.Object({ accountId: Uuid, ownerId: Uuid, previousOwnerId: Nullable(Uuid), handoverId: Uuid, version: Version });
export type AssignmentResult = Static<typeof AssignmentResult>;

export const ReassignmentPlan = Type.Object(
  {
    userId: Uuid,
    suggestions: Type.Array(Type.Object({
      accountId: Uuid,
      accountName: Type.String(),
      tier: Nullable(Type.String()),
      toUserId: Nullable(Uuid),
      toUserName: Nullable(Type.String()),
      score: Type.Number(),
      alternatives: Type.Array(Type.Object({ userId: Uuid, name: Type.String(), score: Type.Number() })),
    })),
    loadsAfter: Type.Array(Type.Object({ userId: Uuid, name: Type.String(), load: Type.Number(), target: Nullable(Type.Number()), index: Nullable(Type.Number()) })),
  },
  { $id: 'ReassignmentPlan' },
);
export type ReassignmentPlan = Static<typeof ReassignmentPlan>;

export const Reassignment = Type.Object(
  {
    assignments: Type.Array(Type.Object({ accountId: Uuid, toUserId: Uuid }, { additionalProperties: false }), { minItems: 1, maxItems: 5000 }),
    notes: Type.Optional(Nullable(Text(10_000))),
  },
  { additionalProperties: false, examples: [{ assignments: [{ accountId: '01936b2e-7c1a-7000-8000-000000000001', toUserId: '01936b2e-7c1a-7000-8000-0000000000aa' }], notes: 'Kira leaves at the end of the month' }] },
);
export type Reassignment = Static<typeof Reassignment>;
export const ReassignmentResult = Type.Object({ moved: Type.Integer(), handoverIds: Type.Array(Uuid) });

const Range = Type.Object({ low: Money, high: Money }, { additionalProperties: false });
const bandFields = {
  role: RoleKey,
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
  currency: CurrencyCode,
  source: Text(300, 1),
  base: Type.Optional(Nullable(Range)),
  bonus: Type.Optional(Nullable(Range)),
  profitShare: Type.Optional(Nullable(Range)),
  commission: Type.Optional(Nullable(Range)),
  total: Range,
};
const bandExample = {
  role: 'kam', year: 2026, currency: 'USD', source: 'Published salary survey 2026, key account managers, US',
  base: { low: '70000.00', high: '95000.00' }, bonus: { low: '5000.00', high: '15000.00' }, profitShare: null, commission: { low: '10000.00', high: '30000.00' },
  total: { low: '85000.00', high: '140000.00' },
};
export const PayBand = Type.Object(
  {
    id: Uuid,
    role: Type.String(),
    year: Type.Integer(),
    currency: CurrencyCode,
    source: Type.String(),
    base: Nullable(Range),
    bonus: Nullable(Range),
    profitShare: Nullable(Range),
    commission: Nullable(Range),
    total: Range,
    updatedAt: Timestamp,
    version: Version,
  },
  { $id: 'PayBand', examples: [{ id: '01936b2e-7c1a-7000-8000-000000000501', ...bandExample, updatedAt: '2026-11-23T09:00:00.000Z', version: 1 }] },
);
export type PayBand = Static<typeof PayBand>;
export const PayBandCreate = Type.Object(bandFields, { additionalProperties: false, examples: [bandExample] });
export type PayBandCreate = Static<typeof PayBandCreate>;
export const PayBandUpdate = Type.Partial(Type.Object(bandFields), { additionalProperties: false, minProperties: 1, examples: [{ total: { low: '88000.00', high: '145000.00' } }] });
export type PayBandUpdate = Static<typeof PayBandUpdate>;
export const PayBandList = Type.Object({ items: Type.Array(Type.Ref(PayBand)) });

export const PersonPay = Type.Object(
  {
    userId: Uuid,
    name: Type.String(),
    role: Type.String(),
    expected: Nullable(Type.Object({
      amount: Money,
      currency: CurrencyCode,
      source: Type.Union([Type.Literal('compensation_plan'), Type.Literal('recorded')], {
        description: 'compensation_plan: the plan assigned today at 100 % of quota over a year; recorded: the figure an admin recorded (no plan assigned)',
      }),
      note: Type.String({ description: 'The plan name, or the note recorded with the figure' }),
      version: Version,
    })),
    band: Nullable(Type.Ref(PayBand)),
    position: Type.Union(['below', 'within', 'above', 'no_band', 'no_pay', 'other_currency'].map((p) => Type.Literal(p))),
    flagged: Type.Boolean({ description: 'Outside the band: shown to the director' }),
    distance: Nullable(Money),
    positionInBand: Nullable(Type.String({ description: '(expected − low) ÷ (high − low), a fraction' })),
  },
  { $id: 'PersonPay' },
);
export type PersonPay = Static<typeof PersonPay>;
export const PayOverview = Type.Object({ items: Type.Array(Type.Ref(PersonPay)) });

export const ExpectedPayPut = Type.Object(
  { amount: Money, currency: CurrencyCode, note: Type.Optional(Text(1000)) },
  { additionalProperties: false, examples: [{ amount: '118000.00', currency: 'USD', note: 'Base 80k, target commission 30k, bonus 8k' }] },
);
export type ExpectedPayPut = Static<typeof ExpectedPayPut>;
