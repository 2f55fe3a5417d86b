import { describe, expect, it } from 'vitest';
import { csvField, csvLine, guardFormula, toCsv } from './csv.ts';

describe('CSV (RFC 4180) with a formula-injection guard', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('escapes text that a spreadsheet would run as a formula', () => {
    for (const hostile of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx']) expect(guardFormula(hostile)).toBe(`'${hostile}`);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(guardFormula('a=b')).toBe('a=b');
  });

  it('leaves numbers alone, negative ones included', () => {
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField({ number: '-1234.50' })).toBe('-1234.50');
    expect(csvField(10n)).toBe('10');
    expect(csvField(true)).toBe('true');
  });

  it('ends every line with CRLF and keeps UTF-8 text as is', () => {
    expect(csvLine(['Åsa', 'हिन्दी', 3])).toBe('Åsa,हिन्दी,3\r\n');
    expect(toCsv(['a', 'b'], [[1, 'x'], [2, null]])).toBe('a,b\r\n1,x\r\n2,\r\n');
  });
});
