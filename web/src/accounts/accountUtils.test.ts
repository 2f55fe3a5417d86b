import { describe, expect, it } from 'vitest';
import type { Account } from '../api/types';
import { accountPatch, accountToForm, emptyAccountForm, formToAccountBody, validateAccountForm } from './accountUtils';

const account: Account = {
  id: 'a1', externalId: null, name: 'Acme', parentId: null, parentName: null, stage: 'active', industry: 'Retail', region: null,
  country: 'DE', currency: 'EUR', strategicFit: 3, referenceValue: null, walletEstimate: '100000.00', ownerId: 'u1', ownerName: 'Kim',
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', version: 4,
};

describe('account form', () => {
  it('round-trips a record without changes', () => {
    expect(accountPatch(account, accountToForm(account))).toEqual({});
  });
  it('sends only what changed, with nulls for cleared fields', () => {
    const v = { ...accountToForm(account), name: ' Acme GmbH ', industry: '', strategicFit: '5' };
    expect(accountPatch(account, v)).toEqual({ name: 'Acme GmbH', industry: null, strategicFit: 5 });
  });
  it('keeps money as a decimal string', () => {
    const v = { ...emptyAccountForm({ currency: 'usd' }), name: 'X', walletEstimate: '12345678901234.56' };
    expect(formToAccountBody(v)).toMatchObject({ walletEstimate: '12345678901234.56', currency: 'USD', stage: 'prospect' });
  });
  it('validates what the browser can', () => {
    expect(validateAccountForm({ ...emptyAccountForm({ currency: 'EUR' }), walletEstimate: '1,5' })).toEqual({ name: 'validation.required', walletEstimate: 'validation.decimal' });
  });
});

describe('column preferences', async () => {
  const { columnsFromPreferences, DEFAULT_ACCOUNT_COLUMNS } = await import('./accountUtils');
  it('falls back to the defaults', () => {
    expect(columnsFromPreferences({})).toEqual(DEFAULT_ACCOUNT_COLUMNS);
    expect(columnsFromPreferences(null)).toEqual(DEFAULT_ACCOUNT_COLUMNS);
  });
  it('keeps known columns in display order', () => {
    expect(columnsFromPreferences({ accountColumns: ['updatedAt', 'bogus', 'stage'] })).toEqual(['stage', 'updatedAt']);
  });
});
