import { describe, expect, it } from 'vitest';
import { fontRuns, parseUnicodeRange, type FontFace } from './pdf.ts';

const face = (name: string, ranges: string): FontFace => ({ name, data: Buffer.alloc(0), ranges: parseUnicodeRange(ranges) });
const faces = [face('deva', 'U+0900-097F,U+200C-200D'), face('ext', 'U+0100-02BA'), face('latin', 'U+0000-00FF,U+2000-206F')];

describe('PDF font runs', () => {
  it('parses CSS unicode ranges', () => {
    expect(parseUnicodeRange('U+0900-097F,U+20B9')).toEqual([[0x900, 0x97f], [0x20b9, 0x20b9]]);
  });

  it('splits text into runs by the face covering each character', () => {
    expect(fontRuns('Zysk łączny', faces)).toEqual([{ face: 'latin', text: 'Zysk ' }, { face: 'ext', text: 'łą' }, { face: 'latin', text: 'czny' }]);
    expect(fontRuns('सकल लाभ 5', faces)).toEqual([{ face: 'deva', text: 'सकल' }, { face: 'latin', text: ' ' }, { face: 'deva', text: 'लाभ' }, { face: 'latin', text: ' 5' }]);
    expect(fontRuns('Ök', faces)).toEqual([{ face: 'latin', text: 'Ök' }]);
    expect(fontRuns('€', [face('a', 'U+0041')])).toEqual([{ face: 'a', text: '€' }]);
  });
});
