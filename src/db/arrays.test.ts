import { describe, expect, it } from 'vitest';
import { plainArray, textArray } from './arrays.ts';

describe('array literals', () => {
  it('writes plain elements and NULLs', () => {
    expect(plainArray([1, 2n, '2026-01-31', null, undefined, true])).toBe('{1,2,2026-01-31,NULL,NULL,true}');
    expect(plainArray([])).toBe('{}');
  });

  it('quotes text so commas, braces, quotes, backslashes, spaces and the word NULL survive', () => {
    expect(textArray(['a,b', '{x}', 'say "hi"', 'back\\slash', ' padded ', 'NULL', null, ''])).toBe(
      '{"a,b","{x}","say \\"hi\\"","back\\\\slash"," padded ","NULL",NULL,""}',
    );
  });
});
