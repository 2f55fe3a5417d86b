import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { columnSpecs, matchHeader, normaliseColumnName, templateCsv } from './columns.ts';
import { cellText, detectDelimiter, FileError, readRows, type ReadEvent } from './reader.ts';

async function read(input: Buffer | Readable, format: 'csv' | 'xlsx' = 'csv', sheet?: string): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  for await (const chunk of readRows(input, { format, sheet })) events.push(...chunk);
  return events;
}

const rows = (events: ReadEvent[]) => events.map((e) => (e.kind === 'row' ? [e.row, ...e.cells] : [e.row, `error: ${e.message.slice(0, 20)}`]));

describe('column matching', () => {
  it('ignores case, spaces, underscores and hyphens and reports unknown, missing and doubled columns', () => {
    expect(normaliseColumnName('Booked On')).toBe(normaliseColumnName('booked_on'));
    expect(normaliseColumnName('booked-on')).toBe(normaliseColumnName('bookedOn'));
    const match = matchHeader(columnSpecs.transactions, ['External ID', 'account_external_id', 'BOOKED-ON', 'Notes', 'externalid', '']);
    expect(match.positions.get('bookedOn')).toBe(2);
    expect(match.unknown).toEqual(['Notes']);
    expect(match.duplicates).toEqual(['externalid']);
    expect(match.missing).toEqual(['amount']);
  });

  it('makes templates whose header matches its own spec', () => {
    for (const kind of ['accounts', 'contacts', 'products', 'transactions'] as const) {
      const [header] = templateCsv(kind).split('\r\n');
      expect(matchHeader(columnSpecs[kind], header!.split(','))).toMatchObject({ missing: [], unknown: [], duplicates: [] });
    }
  });
});

describe('CSV reading', () => {
  it('detects comma or semicolon from the header, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a;b;"c,d,e"\n')).toBe(';');
  });

  it('reads semicolons, a BOM, quoted delimiters, quotes and line breaks, numbering rows as a spreadsheet does', async () => {
    const text = '\uFEFFname;note\r\n"Müller; Söhne";"said ""hi"""\r\n\r\n"two\nlines";x\r\nlast;y';
    expect(rows(await read(Buffer.from(text)))).toEqual([
      [1, 'name', 'note'],
      [2, 'Müller; Söhne', 'said "hi"'],
      [3, ''],
      [4, 'two\nlines', 'x'],
      [5, 'last', 'y'],
    ]);
  });

  it('keeps reading after a row with broken quoting and reports it on its row', async () => {
    const events = await read(Buffer.from(`a,b\n1,2\n"x"y,3\n4,5\n3 "q" x,4\n"""ok""",""\n`));
    expect(rows(events)).toEqual([[1, 'a', 'b'], [2, '1', '2'], [3, 'error: broken quoting on li'], [4, '4', '5'], [5, 'error: broken quoting on li'], [6, '"ok"', '']]);
  });

  it('treats a quote that is never closed as fatal', async () => {
    const events = await read(Buffer.from('a,b\n1,2\n"open,3\n4,5\n'));
    expect(events.at(-1)).toMatchObject({ kind: 'error', fatal: true, row: 3 });
  });

  it('refuses text that is not UTF-8, naming the line, and UTF-16', async () => {
    const latin1 = Buffer.concat([Buffer.from('name\nok\n'), Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a])]);
    await expect(read(latin1)).rejects.toThrow(/not UTF-8 text \(line 3/);
    await expect(read(Buffer.from('\uFEFFname\n', 'utf16le'))).rejects.toBeInstanceOf(FileError);
  });

  it('reads a stream chunk by chunk with multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('name\nŁódź\n');
    const events = await read(Readable.from([bytes.subarray(0, 7), bytes.subarray(7)]));
    expect(rows(events)).toEqual([[1, 'name'], [2, 'Łódź']]);
  });
});

describe('xlsx reading', () => {
  it('reads the first sheet or a named one, with dates, numbers, formulas and rich text as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('Lines');
    first.addRow(['externalId', 'bookedOn', 'amount', 'note']);
    first.addRow(['T1', new Date(Date.UTC(2026, 2, 31)), 0.1 + 0.2, { richText: [{ text: 'ri' }, { text: 'ch' }] }]);
    first.addRow([]);
    first.addRow(['T2', '2026-01-01', { formula: '1+1', result: 2 }, true]);
    workbook.addWorksheet('Other').addRow(['only here']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(rows(await read(buffer, 'xlsx'))).toEqual([
      [1, 'externalId', 'bookedOn', 'amount', 'note'],
      [2, 'T1', '2026-03-31', '0.3', 'rich'],
      [4, 'T2', '2026-01-01', '2', 'true'],
    ]);
    expect(rows(await read(buffer, 'xlsx', 'Other'))).toEqual([[1, 'only here']]);
    await expect(read(buffer, 'xlsx', 'Missing')).rejects.toThrow(/no sheet named "Missing" \(it has "Lines", "Other"\)/);
    await expect(read(Buffer.from('not a zip'), 'xlsx')).rejects.toThrow(/not a readable .xlsx/);
    expect(cellText(1234.5)).toBe('1234.5');
  });
});

describe('docs/imports.md', () => {
  it('lists every column of every kind with whether it is required', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/imports.md', import.meta.url), 'utf8');
    for (const specs of Object.values(columnSpecs)) {
      for (const spec of specs) expect(doc).toContain(`| ${spec.name} | ${spec.required ? 'yes' : 'no'} | ${spec.description} |`);
    }
  });
});
