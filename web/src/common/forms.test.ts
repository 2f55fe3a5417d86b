import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { changedFields, fieldOf, formErrorsFrom, intOrNull, textOrNull } from './forms';

describe('form helpers', () => {
  it('maps API error paths to field names', () => {
    expect(fieldOf('/name')).toBe('name');
    expect(fieldOf('body/walletEstimate')).toBe('walletEstimate');
    expect(fieldOf('body.stage')).toBe('stage');
    expect(fieldOf('name')).toBe('name');
  });
  it('puts known fields beside inputs and the rest on top', () => {
    const error = new ApiError({ status: 400, title: 'Bad Request', errors: [{ path: '/name', message: 'must not be empty' }, { path: '/foo', message: 'unknown' }] });
    expect(formErrorsFrom(error, ['name'])).toEqual({ fields: { name: 'must not be empty' }, general: ['/foo: unknown'] });
  });
  it('converts inputs to API values', () => {
    expect(textOrNull('  ')).toBeNull();
    expect(textOrNull(' a ')).toBe('a');
    expect(intOrNull('3')).toBe(3);
    expect(intOrNull('')).toBeNull();
  });
  it('lists changed fields', () => {
    expect(changedFields({ a: 1, b: null, c: 'x' }, { a: 1, b: 'y', c: 'x' })).toEqual(['b']);
  });
});

describe('keepMyEdits', () => {
  it('keeps what I typed and takes the rest from the latest version', async () => {
    const { keepMyEdits } = await import('./useRecordForm');
    const oldBase = { name: 'Acme', industry: 'Retail', region: 'West' };
    const mine = { name: 'Acme', industry: 'Wholesale', region: 'West' };
    const latest = { name: 'Acme Corp', industry: 'Retail', region: 'East' };
    expect(keepMyEdits(mine, oldBase, latest)).toEqual({ name: 'Acme Corp', industry: 'Wholesale', region: 'East' });
  });
});
