import { describe, expect, it } from 'vitest';
import { accountsOnCycles, checkAccountRow, parentsFirst } from './accounts.ts';
import { minorUnits } from './cells.ts';
import { checkContactRow } from './contacts.ts';
import { checkProductRow } from './products.ts';
import { checkTransactionRow, transactionMoney } from './transactions.ts';

const columns = (result: { errors: { column: string }[] | null }) => (result.errors ?? []).map((e) => e.column).sort();

describe('money cells', () => {
  it('converts exactly to minor units and refuses extra decimals, commas and noise', () => {
    expect(minorUnits('1234.50', 'EUR')).toBe(123450n);
    expect(minorUnits('-0.5', 'EUR')).toBe(-50n);
    expect(minorUnits('12', 'JPY')).toBe(12n);
    expect(minorUnits('1.230', 'EUR')).toBe(123n);
    expect(minorUnits('1.234', 'KWD')).toBe(1234n);
    expect(minorUnits('1.5', 'JPY')).toMatch(/more than 0 decimal places for JPY/);
    expect(minorUnits('12.345', 'EUR')).toMatch(/more than 2 decimal places/);
    for (const bad of ['1,234.50', '1234,50', '€12', '1e3', '', '.5', '5.', '--1', '1 000']) expect(typeof minorUnits(bad, 'EUR')).toBe('string');
    expect(minorUnits('999999999999999.99', 'EUR')).toBe(99999999999999999n);
  });
});

describe('account rows', () => {
  it('reads a full row with types and normalised codes', () => {
    const result = checkAccountRow({ externalId: 'A1', name: 'Acme', country: 'de', currency: 'eur', stage: 'At Risk', strategicFit: '5', referenceValue: '0', walletEstimate: '100.5', ownerEmail: 'a@b.example' });
    expect(result.errors).toBeNull();
    expect(result.value).toMatchObject({ country: 'DE', currency: 'EUR', stage: 'at_risk', strategicFit: 5, referenceValue: 0, walletEstimate: '100.5' });
  });

  it('names every bad cell', () => {
    const result = checkAccountRow({ externalId: undefined, name: 'x'.repeat(201), country: 'XX', currency: 'EURO', stage: 'dead', strategicFit: '6', referenceValue: '2.5', walletEstimate: '-5', ownerEmail: 'not-an-email' });
    expect(columns(result)).toEqual(['country', 'currency', 'externalId', 'name', 'ownerEmail', 'referenceValue', 'stage', 'strategicFit', 'walletEstimate']);
    expect(result.errors!.find((e) => e.column === 'externalId')).toEqual({ column: 'externalId', value: '', message: 'is required' });
  });

  it('checks wallet decimals against a given currency, and refuses being its own parent', () => {
    expect(columns(checkAccountRow({ externalId: 'A', name: 'A', currency: 'JPY', walletEstimate: '10.5' }))).toEqual(['walletEstimate']);
    expect(columns(checkAccountRow({ externalId: 'A', name: 'A', parentExternalId: 'A' }))).toEqual(['parentExternalId']);
  });

  it('finds cycles through imported and stored links, and orders parents first', () => {
    const parents = new Map([['a', 'b'], ['b', 'c'], ['c', 'a'], ['d', 'a'], ['e', 'f']]);
    expect([...accountsOnCycles(['d', 'e', 'a'], (id) => parents.get(id))].sort()).toEqual(['a', 'b', 'c']);
    expect(accountsOnCycles(['x'], () => undefined).size).toBe(0);
    const ordered = parentsFirst([
      { externalId: 'grandchild', parentExternalId: 'child' },
      { externalId: 'child', parentExternalId: 'root' },
      { externalId: 'stored-parent-child', parentExternalId: 'elsewhere' },
      { externalId: 'root' },
    ]).map((l) => l.externalId);
    expect(ordered.indexOf('root')).toBeLessThan(ordered.indexOf('child'));
    expect(ordered.indexOf('child')).toBeLessThan(ordered.indexOf('grandchild'));
  });
});

describe('contact rows', () => {
  it('accepts a full row and checks email, role, strength −2…2 and phone', () => {
    const ok = checkContactRow({ externalId: 'C1', accountExternalId: 'A1', name: 'Jana', email: 'jana@acme.example', buyingRole: 'economic buyer', relationshipStrength: '−2', phone: '+49 (30) 123-45' });
    expect(ok.errors).toBeNull();
    expect(ok.value).toMatchObject({ buyingRole: 'economic_buyer', relationshipStrength: -2 });
    const bad = checkContactRow({ externalId: 'C1', accountExternalId: undefined, name: 'J', email: 'jana@', buyingRole: 'boss', relationshipStrength: '3', phone: 'call me', reportsToExternalId: 'C1' });
    expect(columns(bad)).toEqual(['accountExternalId', 'buyingRole', 'email', 'phone', 'relationshipStrength', 'reportsToExternalId']);
  });
});

describe('product rows', () => {
  it('defaults the currency and refuses negative or over-precise prices', () => {
    expect(checkProductRow({ sku: 'S', name: 'N', listPrice: '10.00' }, 'USD').value).toMatchObject({ currency: 'USD', listPrice: 1000n });
    expect(columns(checkProductRow({ sku: 'S', name: 'N', listPrice: '-1', unitCost: '1.001' }, 'USD'))).toEqual(['listPrice', 'unitCost']);
    expect(columns(checkProductRow({ sku: undefined, name: undefined, currency: 'ABC' }, 'USD'))).toEqual(['currency', 'name', 'sku']);
  });
});

describe('transaction rows', () => {
  const base = { externalId: 'T1', accountExternalId: 'A1', bookedOn: '2026-03-31', amount: '100.00' };
  it('defaults quantity to 1 and keeps money as text until the currency is known', () => {
    expect(checkTransactionRow(base).value).toMatchObject({ quantity: '1', amount: '100.00', currency: undefined });
    expect(transactionMoney(checkTransactionRow({ ...base, cost: '40.5' }).value!, 'EUR')).toEqual({ amount: 10000n, cost: 4050n });
    expect(transactionMoney(checkTransactionRow({ ...base, amount: '1.5' }).value!, 'JPY')).toEqual([expect.objectContaining({ column: 'amount' })]);
  });

  it('refuses impossible dates, bad amounts and negative quantities that are not returns', () => {
    expect(checkTransactionRow({ ...base, bookedOn: '2026-02-30' }).errors).toEqual([{ column: 'bookedOn', value: '2026-02-30', message: 'is not a real calendar date' }]);
    expect(columns(checkTransactionRow({ ...base, bookedOn: '31.03.2026' }))).toEqual(['bookedOn']);
    expect(columns(checkTransactionRow({ ...base, amount: '1.234,50' }))).toEqual(['amount']);
    expect(columns(checkTransactionRow({ ...base, quantity: '-2' }))).toEqual(['quantity']);
    expect(checkTransactionRow({ ...base, quantity: '-2', amount: '-100.00' }).errors).toBeNull();
    expect(columns(checkTransactionRow({ ...base, quantity: '1.23456' }))).toEqual(['quantity']);
    expect(columns(checkTransactionRow({ ...base, currency: 'EUR', amount: '1.001' }))).toEqual(['amount']);
    expect(columns(checkTransactionRow({ externalId: 'T', accountExternalId: 'A', bookedOn: undefined, amount: undefined }))).toEqual(['amount', 'bookedOn']);
    expect(checkTransactionRow({ ...base, bookedOn: '2024-02-29' }).errors).toBeNull();
  });
});
