import { Type, type Static } from '@sinclair/typebox';
import { CurrencyCode, IsoDate, Money, Nullable, PageQuery, Text, Timestamp, Uuid, Version } from '../../http/schemas.ts';
import { Rate, RuleKind } from '../pricing/schemas.ts';
import { quoteActions, quoteStatuses } from './quote.ts';

export const QuoteStatusSchema = Type.Union(quoteStatuses.map((s) => Type.Literal(s)));
const QuoteActionSchema = Type.Union(quoteActions.map((a) => Type.Literal(a)));
const Margin = Type.String({ description: 'A fraction to four decimals ("0.3125" = 31.25 %); null without unit costs' });

const QuoteLine = Type.Object({
  position: Type.Integer({ minimum: 1 }),
  productId: Uuid,
  sku: Type.String(),
  productName: Type.String(),
  quantity: Type.Integer({ minimum: 1 }),
  listPrice: Nullable(Money),
  agreedPrice: Money,
  rule: Type.Object({ kind: RuleKind, id: Nullable(Uuid), why: Type.String() }, { description: 'The pricing rule that set the agreed price' }),
  discountRate: Rate,
  unitPrice: Money,
  lineTotal: Money,
  unitCost: Nullable(Money),
  margin: Nullable(Margin),
});

const ApprovalReason = Type.Object({
  kind: Type.Union([Type.Literal('discount'), Type.Literal('margin')]),
  message: Type.String(),
  position: Type.Optional(Type.Integer()),
  rate: Type.Optional(Rate),
  threshold: Type.Optional(Rate),
  margin: Type.Optional(Type.String()),
  floor: Type.Optional(Rate),
});

export const Quote = Type.Object(
  {
    id: Uuid,
    accountId: Uuid,
    accountName: Type.String(),
    ownerId: Uuid,
    ownerName: Type.String(),
    status: QuoteStatusSchema,
    currency: CurrencyCode,
    pricedOn: IsoDate,
    validUntil: IsoDate,
    note: Type.String(),
    /** Absent in lists. */
    lines: Type.Optional(Type.Array(QuoteLine)),
    listTotal: Money,
    total: Money,
    discountTotal: Money,
    costTotal: Nullable(Money),
    margin: Nullable(Margin),
    approvalRequired: Type.Boolean({ description: "A line discount beyond the organisation's threshold or a margin below its floor" }),
    approvalReasons: Type.Array(ApprovalReason),
    allowedActions: Type.Array(QuoteActionSchema, { description: 'What the status allows next (approve/reject also need the right to approve: canApprove)' }),
    canApprove: Type.Boolean({ description: 'The caller may approve or reject it (not their own; their report\'s, or any as director or admin)' }),
    decidedBy: Nullable(Uuid),
    decidedByName: Nullable(Type.String()),
    decidedAt: Nullable(Timestamp),
    opportunityId: Nullable(Uuid),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  },
  {
    $id: 'Quote',
    examples: [{
      id: '01936b2e-7c1a-7000-8000-000000000701', accountId: '01936b2e-7c1a-7000-8000-000000000001', accountName: 'Claire Gute', ownerId: '01936b2e-7c1a-7000-8000-0000000000aa', ownerName: 'Kira Lindqvist',
      status: 'submitted', currency: 'USD', pricedOn: '2026-11-23', validUntil: '2026-12-31', note: '',
      lines: [{
        position: 1, productId: '01936b2e-7c1a-7000-8000-000000000201', sku: 'FUR-BO-10001798', productName: 'Bush Somerset Collection Bookcase', quantity: 10,
        listPrice: '139.00', agreedPrice: '125.10', rule: { kind: 'discount', id: '01936b2e-7c1a-7000-8000-000000000601', why: 'Own agreement: 10 % off the Furniture family, valid from 2026-01-01' },
        discountRate: '0.2', unitPrice: '100.08', lineTotal: '1000.80', unitCost: '90.00', margin: '0.1007',
      }],
      listTotal: '1390.00', total: '1000.80', discountTotal: '389.20', costTotal: '900.00', margin: '0.1007', approvalRequired: true,
      approvalReasons: [{ kind: 'discount', position: 1, rate: '0.2', threshold: '0.15', message: 'Line 1: a 20 % discount is beyond the 15 % threshold' }, { kind: 'margin', margin: '0.1007', floor: '0.2', message: 'The margin of 10.07 % is below the 20 % floor' }],
      allowedActions: ['approve', 'reject'], canApprove: false, decidedBy: null, decidedByName: null, decidedAt: null, opportunityId: null,
      createdAt: '2026-11-23T09:00:00.000Z', updatedAt: '2026-11-23T09:05:00.000Z', version: 2,
    }],
  },
);
export type Quote = Static<typeof Quote>;

const LineInput = Type.Object(
  { productId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }), discountRate: Type.Optional(Rate) },
  { additionalProperties: false, description: 'discountRate: the manual discount on the agreed price (default 0)' },
);
const Lines = Type.Array(LineInput, { minItems: 1, maxItems: 200 });

export const QuoteCreate = Type.Object(
  { accountId: Uuid, validUntil: IsoDate, lines: Lines, note: Type.Optional(Text(5000)) },
  {
    additionalProperties: false,
    description: 'Each line is priced with the account\'s agreed price today (GET /accounts/{id}/price), less its manual discount.',
    examples: [{ accountId: '01936b2e-7c1a-7000-8000-000000000001', validUntil: '2026-12-31', lines: [{ productId: '01936b2e-7c1a-7000-8000-000000000201', quantity: 10, discountRate: '0.05' }] }],
  },
);
export type QuoteCreate = Static<typeof QuoteCreate>;

export const QuoteUpdate = Type.Object(
  { validUntil: Type.Optional(IsoDate), lines: Type.Optional(Lines), note: Type.Optional(Text(5000)) },
  { additionalProperties: false, minProperties: 1, description: 'Only a draft or rejected quote changes (a rejected one returns to draft); new lines are priced today.', examples: [{ lines: [{ productId: '01936b2e-7c1a-7000-8000-000000000201', quantity: 12, discountRate: '0.1' }] }] },
);
export type QuoteUpdate = Static<typeof QuoteUpdate>;

export const QuoteActionBody = Type.Object(
  {
    note: Type.Optional(Text(2000)),
    createAgreements: Type.Optional(Type.Boolean({ description: 'accept only: turn each line\'s net unit price into a price agreement for the account, valid for a year from today' })),
    createOpportunity: Type.Optional(Type.Boolean({ description: 'accept only: record a won opportunity for the quote total, closing today, with the quote\'s products (its id lands in opportunityId)' })),
  },
  { additionalProperties: false, examples: [{ note: 'Margin acceptable given the three-year volume commitment' }] },
);
export type QuoteActionBody = Static<typeof QuoteActionBody>;

export const QuoteActionParams = Type.Object({ id: Uuid, action: QuoteActionSchema });

export const QuoteListQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(QuoteStatusSchema),
    accountId: Type.Optional(Uuid),
    mine: Type.Optional(Type.Boolean({ description: 'Only quotes I built' })),
    awaitingMyApproval: Type.Optional(Type.Boolean({ description: 'Only submitted quotes I may approve (the approvals queue)' })),
  },
  { additionalProperties: false },
);
export type QuoteListQuery = Static<typeof QuoteListQuery>;

export const QuoteEvent = Type.Object(
  {
    id: Uuid,
    at: Timestamp,
    actorId: Uuid,
    actorName: Type.String(),
    action: Type.Union([Type.Literal('create'), Type.Literal('update'), QuoteActionSchema]),
    fromStatus: Nullable(QuoteStatusSchema),
    toStatus: QuoteStatusSchema,
    note: Type.String(),
  },
  { $id: 'QuoteEvent' },
);
export type QuoteEvent = Static<typeof QuoteEvent>;

export const QuotePreview = Type.Object(
  {
    currency: CurrencyCode,
    pricedOn: IsoDate,
    lines: Type.Array(QuoteLine),
    listTotal: Money,
    total: Money,
    discountTotal: Money,
    costTotal: Nullable(Money),
    margin: Nullable(Margin),
    approvalRequired: Type.Boolean(),
    approvalReasons: Type.Array(ApprovalReason),
  },
  { $id: 'QuotePreview', description: 'A quote as it would be saved: lines priced, totals, margin and whether it needs approval (nothing is stored)' },
);
export type QuotePreview = Static<typeof QuotePreview>;

export const ExportQuery = Type.Object({ format: Type.Optional(Type.Literal('xlsx')) }, { additionalProperties: false });

export const QuoteSettings = Type.Object(
  { discountThreshold: Rate, marginFloor: Rate, version: Version },
  { $id: 'QuoteSettings', description: 'Beyond the discount threshold (any line\'s manual discount) or below the margin floor (the quote\'s) a quote needs approval', examples: [{ discountThreshold: '0.15', marginFloor: '0.2', version: 1 }] },
);
export type QuoteSettings = Static<typeof QuoteSettings>;

export const QuoteSettingsPut = Type.Object({ discountThreshold: Rate, marginFloor: Rate }, { additionalProperties: false, examples: [{ discountThreshold: '0.1', marginFloor: '0.25' }] });
export type QuoteSettingsPut = Static<typeof QuoteSettingsPut>;
