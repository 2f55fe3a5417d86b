import { describe, expect, it } from 'vitest';
import { batchPositions, noChanges } from './import-batch.ts';

describe('import batches', () => {
  it('keeps the first position of each key and reports later repeats on their own row', () => {
    const { positions, errors } = batchPositions([{ k: 'a' }, { k: 'b' }, { k: 'a' }, { k: 'a' }], (r) => r.k, 'externalId');
    expect([...positions]).toEqual([['a', 0], ['b', 1]]);
    expect(errors).toEqual([
      { path: '2.externalId', message: 'a is also in row 0 of this batch' },
      { path: '3.externalId', message: 'a is also in row 0 of this batch' },
    ]);
  });
  it('starts from no changes', () => {
    expect(noChanges()).toEqual({ created: 0, updated: 0, unchanged: 0 });
  });
});
