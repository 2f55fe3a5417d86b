import Big from 'big.js';
import { discountMinor } from '../pricing/resolve.ts';

/**
 * Quote arithmetic and its life cycle (pure). A line's unit price is the agreed price (from the
 * price resolver) less the line's manual discount; margins come from the products' unit costs.
 * Beyond the organisation's discount threshold (on any line) or below its margin floor (the whole
 * quote) a quote needs approval by the owner's manager, a director or an admin before it is sent.
 */

export const quoteStatuses = ['draft', 'submitted', 'approved', 'rejected', 'sent', 'accepted', 'declined'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];
export const quoteActions = ['submit', 'approve', 'reject', 'send', 'accept', 'decline'] as const;
export type QuoteAction = (typeof quoteActions)[number];

export interface QuoteSettings {
  /** The largest manual line discount that needs no approval (a fraction). */
  discountThreshold: string;
  /** The lowest overall margin that needs no approval (a fraction). */
  marginFloor: string;
}
export const defaultQuoteSettings: QuoteSettings = { discountThreshold: '0.15', marginFloor: '0.2' };

export interface LineInput {
  quantity: number;
  listPrice: bigint | null;
  agreedPrice: bigint;
  /** The manual discount on the agreed price, a fraction. */
  discountRate: string;
  unitCost: bigint | null;
}

export interface LineFigures {
  unitPrice: bigint;
  lineTotal: bigint;
  /** null when the product has no unit cost. */
  costTotal: bigint | null;
  margin: string | null;
}

/** A fraction to four decimals, or null for a zero denominator. */
export function fraction(numerator: bigint, denominator: bigint): string | null {
  if (denominator === 0n) return null;
  return new Big(numerator.toString()).div(denominator.toString()).round(4, Big.roundHalfUp).toString();
}

export function lineFigures(line: LineInput): LineFigures {
  const unitPrice = discountMinor(line.agreedPrice, line.discountRate);
  const lineTotal = unitPrice * BigInt(line.quantity);
  const costTotal = line.unitCost === null ? null : line.unitCost * BigInt(line.quantity);
  return { unitPrice, lineTotal, costTotal, margin: costTotal === null ? null : fraction(lineTotal - costTotal, lineTotal) };
}

export interface QuoteTotals {
  /** At list prices (lines without a list price count at their agreed price). */
  listTotal: bigint;
  total: bigint;
  discountTotal: bigint;
  /** Cost of the lines whose product has a unit cost; null when none has. */
  costTotal: bigint | null;
  /** Over the lines with a cost; null when none has one (or they total zero). */
  margin: string | null;
}

export function quoteTotals(lines: readonly (LineInput & LineFigures)[]): QuoteTotals {
  let listTotal = 0n;
  let total = 0n;
  let costedRevenue = 0n;
  let costTotal: bigint | null = null;
  for (const line of lines) {
    listTotal += (line.listPrice ?? line.agreedPrice) * BigInt(line.quantity);
    total += line.lineTotal;
    if (line.costTotal !== null) {
      costTotal = (costTotal ?? 0n) + line.costTotal;
      costedRevenue += line.lineTotal;
    }
  }
  return { listTotal, total, discountTotal: listTotal - total, costTotal, margin: costTotal === null ? null : fraction(costedRevenue - costTotal, costedRevenue) };
}

export type ApprovalReason =
  | { kind: 'discount'; position: number; rate: string; threshold: string }
  | { kind: 'margin'; margin: string; floor: string };

/** Why the quote needs approval (empty: it may be sent as it is). */
export function approvalReasons(lines: readonly { position: number; discountRate: string }[], totals: QuoteTotals, settings: QuoteSettings): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  for (const line of lines) {
    if (new Big(line.discountRate).gt(settings.discountThreshold)) reasons.push({ kind: 'discount', position: line.position, rate: line.discountRate, threshold: settings.discountThreshold });
  }
  if (totals.margin !== null && new Big(totals.margin).lt(settings.marginFloor)) reasons.push({ kind: 'margin', margin: totals.margin, floor: settings.marginFloor });
  return reasons;
}

const pct = (rate: string): string => `${new Big(rate).times(100).toString()} %`;
export function describeReason(reason: ApprovalReason): string {
  return reason.kind === 'discount'
    ? `Line ${reason.position}: a ${pct(reason.rate)} discount is beyond the ${pct(reason.threshold)} threshold`
    : `The margin of ${pct(reason.margin)} is below the ${pct(reason.floor)} floor`;
}

const moves: Record<QuoteAction, { from: readonly QuoteStatus[]; to: QuoteStatus }> = {
  submit: { from: ['draft', 'rejected'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted'], to: 'rejected' },
  send: { from: ['draft', 'approved'], to: 'sent' },
  accept: { from: ['sent'], to: 'accepted' },
  decline: { from: ['sent'], to: 'declined' },
};

/** Where an action takes a quote, or why it cannot (a draft that needs approval cannot be sent). */
export function transition(status: QuoteStatus, action: QuoteAction, needsApproval: boolean): { to: QuoteStatus } | { refused: string } {
  const move = moves[action];
  if (!move.from.includes(status)) return { refused: `The quote is ${status}; only a ${move.from.join(' or ')} quote can be ${pastTense[action]}` };
  if (action === 'send' && status === 'draft' && needsApproval) return { refused: 'This quote needs approval before it is sent: submit it' };
  return { to: move.to };
}

const pastTense: Record<QuoteAction, string> = { submit: 'submitted', approve: 'approved', reject: 'rejected', send: 'sent', accept: 'accepted', decline: 'declined' };

/** The actions a quote's status allows (approval rights are checked separately). */
export function allowedActions(status: QuoteStatus, needsApproval: boolean): QuoteAction[] {
  return quoteActions.filter((action) => 'to' in transition(status, action, needsApproval));
}

/** Lines and validity may change while a quote is a draft or after a rejection (it returns to draft). */
export const isEditable = (status: QuoteStatus): boolean => status === 'draft' || status === 'rejected';
