import type { Account, AccountCreateBody, Stage } from '../api/types';
import { STAGES } from '../api/types';
import { intOrNull, textOrNull } from '../common/forms';
import type { MessageId } from '../common/labels';

/** What the account form holds: every input as text. */
export interface AccountFormValues {
  [field: string]: string;
  name: string;
  externalId: string;
  stage: string;
  parentId: string;
  industry: string;
  region: string;
  country: string;
  currency: string;
  strategicFit: string;
  referenceValue: string;
  walletEstimate: string;
  ownerId: string;
}

export const ACCOUNT_FIELDS = ['name', 'externalId', 'stage', 'parentId', 'industry', 'region', 'country', 'currency', 'strategicFit', 'referenceValue', 'walletEstimate', 'ownerId'] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

export const accountFieldLabel: Record<AccountField, MessageId> = {
  name: 'account.field.name',
  externalId: 'account.field.externalId',
  stage: 'account.field.stage',
  parentId: 'account.field.parent',
  industry: 'account.field.industry',
  region: 'account.field.region',
  country: 'account.field.country',
  currency: 'account.field.currency',
  strategicFit: 'account.field.strategicFit',
  referenceValue: 'account.field.referenceValue',
  walletEstimate: 'account.field.walletEstimate',
  ownerId: 'account.field.owner',
};

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function accountToForm(account: Account): AccountFormValues {
  return {
    name: account.name,
    externalId: str(account.externalId),
    stage: account.stage,
    parentId: str(account.parentId),
    industry: str(account.industry),
    region: str(account.region),
    country: str(account.country),
    currency: account.currency,
    strategicFit: str(account.strategicFit),
    referenceValue: str(account.referenceValue),
    walletEstimate: str(account.walletEstimate),
    ownerId: str(account.ownerId),
  };
}

export function emptyAccountForm(defaults: { currency: string; ownerId?: string }): AccountFormValues {
  return {
    name: '',
    externalId: '',
    stage: 'prospect',
    parentId: '',
    industry: '',
    region: '',
    country: '',
    currency: defaults.currency,
    strategicFit: '',
    referenceValue: '',
    walletEstimate: '',
    ownerId: defaults.ownerId ?? '',
  };
}

function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

/** The request body for the form's values (text → null / integers / decimal strings). */
export function formToAccountBody(v: AccountFormValues): AccountCreateBody {
  return {
    name: v.name.trim(),
    externalId: textOrNull(v.externalId),
    stage: isStage(v.stage) ? v.stage : 'prospect',
    parentId: textOrNull(v.parentId),
    industry: textOrNull(v.industry),
    region: textOrNull(v.region),
    country: textOrNull(v.country)?.toUpperCase() ?? null,
    currency: v.currency.trim().toUpperCase(),
    strategicFit: intOrNull(v.strategicFit),
    referenceValue: intOrNull(v.referenceValue),
    walletEstimate: textOrNull(v.walletEstimate.replace(/\s/g, '')),
    ownerId: textOrNull(v.ownerId),
  };
}

/** Only the fields that differ from the stored record (a PATCH body). */
export function accountPatch(base: Account, v: AccountFormValues): Partial<AccountCreateBody> {
  const next = formToAccountBody(v);
  const before = formToAccountBody(accountToForm(base));
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof AccountCreateBody)[]) {
    if (JSON.stringify(next[key] ?? null) !== JSON.stringify(before[key] ?? null)) patch[key] = next[key];
  }
  return patch as Partial<AccountCreateBody>;
}

/** Checks the browser can make before asking the API (which checks everything again). */
export function validateAccountForm(v: AccountFormValues): Partial<Record<AccountField, MessageId>> {
  const errors: Partial<Record<AccountField, MessageId>> = {};
  if (!v.name.trim()) errors.name = 'validation.required';
  if (!/^[A-Za-z]{3}$/.test(v.currency.trim())) errors.currency = 'validation.currency';
  if (v.walletEstimate.trim() && !/^\d{1,15}(\.\d{1,4})?$/.test(v.walletEstimate.replace(/\s/g, ''))) errors.walletEstimate = 'validation.decimal';
  return errors;
}

/** Optional columns of the account list (the name is always shown). */
export const ACCOUNT_COLUMNS = ['stage', 'owner', 'parent', 'industry', 'region', 'country', 'currency', 'strategicFit', 'referenceValue', 'walletEstimate', 'externalId', 'createdAt', 'updatedAt'] as const;
export type AccountColumn = (typeof ACCOUNT_COLUMNS)[number];
export const DEFAULT_ACCOUNT_COLUMNS: AccountColumn[] = ['stage', 'owner', 'industry', 'country', 'walletEstimate', 'updatedAt'];

/** The user's saved column choice (`preferences.accountColumns`), ignoring unknown entries. */
export function columnsFromPreferences(preferences: Record<string, unknown> | null | undefined): AccountColumn[] {
  const saved = preferences?.accountColumns;
  if (!Array.isArray(saved)) return DEFAULT_ACCOUNT_COLUMNS;
  const known = saved.filter((c): c is AccountColumn => (ACCOUNT_COLUMNS as readonly string[]).includes(c as string));
  return ACCOUNT_COLUMNS.filter((c) => known.includes(c));
}
