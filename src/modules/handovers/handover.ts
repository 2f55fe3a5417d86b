/**
 * Handover rules (pure): the checklist a BD fills in before a KAM takes an account over, and the
 * states a handover moves through. No I/O here; service.ts applies these in transactions.
 */

export const handoverStates = ['pending', 'accepted', 'returned', 'cancelled'] as const;
export type HandoverState = (typeof handoverStates)[number];

export const handoverEventKinds = ['started', 'changed', 'accepted', 'returned', 'cancelled'] as const;
export type HandoverEventKind = (typeof handoverEventKinds)[number];

export type HandoverAction = 'change' | 'accept' | 'return' | 'cancel';

/** The checklist items, in the order people read them. */
export const checklistKeys = ['contractSigned', 'keyContactsIntroduced', 'openCommitments', 'pricingAgreed', 'firstReviewDate'] as const;
export type ChecklistKey = (typeof checklistKeys)[number];

export interface ChecklistItem {
  done: boolean;
  notes: string | null;
}
export interface FirstReviewItem extends ChecklistItem {
  /** YYYY-MM-DD: when the KAM's first account review with the customer takes place. */
  date: string | null;
}
export type Checklist = Record<Exclude<ChecklistKey, 'firstReviewDate'>, ChecklistItem> & { firstReviewDate: FirstReviewItem };

export type ChecklistInput = { [K in ChecklistKey]?: Partial<K extends 'firstReviewDate' ? FirstReviewItem : ChecklistItem> };

export function emptyChecklist(): Checklist {
  return {
    contractSigned: { done: false, notes: null },
    keyContactsIntroduced: { done: false, notes: null },
    openCommitments: { done: false, notes: null },
    pricingAgreed: { done: false, notes: null },
    firstReviewDate: { done: false, notes: null, date: null },
  };
}

/** The stored checklist with the given items' fields replaced (fields not given are kept). */
export function mergeChecklist(current: Checklist, input: ChecklistInput | undefined): Checklist {
  const next = structuredClone(current);
  if (!input) return next;
  for (const key of checklistKeys) {
    const item = input[key];
    if (!item) continue;
    Object.assign(next[key], Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)));
  }
  return next;
}

export interface ChecklistProblem {
  path: string;
  message: string;
}

/** Rules the schema cannot express: the first review date is ticked only with a date, and not in the past. */
export function checklistProblems(checklist: Checklist, today: string): ChecklistProblem[] {
  const problems: ChecklistProblem[] = [];
  const review = checklist.firstReviewDate;
  if (review.done && !review.date) problems.push({ path: 'checklist.firstReviewDate.date', message: 'give the date before ticking the first review' });
  if (review.date && review.date < today) problems.push({ path: 'checklist.firstReviewDate.date', message: `is in the past (today is ${today})` });
  return problems;
}

/** The items not yet done: a KAM accepts only a complete checklist. */
export function missingItems(checklist: Checklist): ChecklistKey[] {
  return checklistKeys.filter((key) => !checklist[key].done);
}

/** Only a pending handover can be changed, accepted, returned or cancelled; the end states are final. */
export function canApply(state: HandoverState, _action: HandoverAction): boolean {
  return state === 'pending';
}

export const stateAfter: Record<Exclude<HandoverAction, 'change'>, HandoverState> = { accept: 'accepted', return: 'returned', cancel: 'cancelled' };

/** Accounts a BD may hand over: onboarded customers, or prospects about to be. */
export const handoverStages = ['prospect', 'onboarding'] as const;
export const canHandOverFrom = (stage: string): boolean => (handoverStages as readonly string[]).includes(stage);
