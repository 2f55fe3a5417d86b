import { describe, expect, it } from 'vitest';
import { diffChanges, showValue } from './auditDiff';

describe('diffChanges', () => {
  it('lists only the fields an update changed, without bookkeeping', () => {
    const before = { name: 'Acme', stage: 'active', version: 1, updatedAt: '2026-11-01T00:00:00Z', tags: ['a'] };
    const after = { name: 'Acme', stage: 'at_risk', version: 2, updatedAt: '2026-11-02T00:00:00Z', tags: ['a', 'b'] };
    expect(diffChanges(before, after)).toEqual([
      { field: 'stage', before: 'active', after: 'at_risk' },
      { field: 'tags', before: ['a'], after: ['a', 'b'] },
    ]);
  });

  it('shows a create as every field new and a delete as every field gone', () => {
    expect(diffChanges(null, { name: 'Acme', region: null })).toEqual([{ field: 'name', before: undefined, after: 'Acme' }]);
    expect(diffChanges({ name: 'Acme' }, null)).toEqual([{ field: 'name', before: 'Acme', after: undefined }]);
  });

  it('treats a missing field and null alike, and compares values that are not objects whole', () => {
    expect(diffChanges({ a: null }, { b: undefined })).toEqual([]);
    expect(diffChanges('x', 'y')).toEqual([{ field: '', before: 'x', after: 'y' }]);
    expect(diffChanges(null, null)).toEqual([]);
  });
});

describe('showValue', () => {
  it('shows text as is and other values as JSON', () => {
    expect(showValue('Acme')).toBe('Acme');
    expect(showValue(3)).toBe('3');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue(null)).toBe('');
  });
});
