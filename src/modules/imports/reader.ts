import { parse, type CsvError } from 'csv-parse';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Reads an import file as rows of text cells, streamed: CSV (UTF-8, RFC 4180, comma or semicolon
 * found from the header line, optional BOM) or .xlsx (first sheet or a named one). `row` is the
 * row number a person sees in a spreadsheet: the header is 1, the first data row 2.
 */
export type FileFormat = 'csv' | 'xlsx';

export type ReadEvent =
  | { kind: 'row'; row: number; cells: string[] }
  /** A row the reader could not read (broken quoting); `fatal` when the rest of the file is lost. */
  | { kind: 'error'; row: number; message: string; fatal: boolean };

/** The file as a whole cannot be read: not UTF-8, not an .xlsx, no such sheet. */
export class FileError extends Error {
  constructor(message: string, readonly row = 1) {
    super(message);
    this.name = 'FileError';
  }
}

export function formatFromFileName(fileName: string): FileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

export interface ReadOptions {
  format: FileFormat;
  sheet?: string;
}

export function readRows(input: NodeJS.ReadableStream | Buffer, options: ReadOptions): AsyncGenerator<ReadEvent[]> {
  const stream = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  return options.format === 'xlsx' ? xlsxRows(stream, options.sheet) : csvRows(stream);
}

/** Decodes UTF-8 strictly: a wrong encoding is one clear error, never silently mangled text. */
async function* decodeUtf8(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let lines = 1;
  // Stopping early must not destroy the caller's stream: an HTTP upload still has to be drained.
  for await (const chunk of (input as Readable).iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (first && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      throw new FileError('The file is UTF-16 text; save it as "CSV UTF-8" and import again');
    }
    first = false;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      const partial = new TextDecoder('utf-8').decode(bytes);
      const bad = partial.indexOf('\uFFFD');
      const line = lines + (bad < 0 ? 0 : (partial.slice(0, bad).match(/\n/g)?.length ?? 0));
      throw new FileError(`The file is not UTF-8 text (line ${line} holds bytes that are not UTF-8, as Windows-1252 or Latin-1 files do); save it as "CSV UTF-8" and import again`, line);
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines += 1;
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new FileError(`The file is not UTF-8 text (it ends inside a character on line ${lines}); save it as "CSV UTF-8" and import again`, lines);
  }
}

/** Comma or semicolon: whichever occurs more often, outside quotes, in the header line. */
export function detectDelimiter(headerText: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerText) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') break;
    else if (!quoted && ch === ',') commas += 1;
    else if (!quoted && ch === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

async function* csvRows(input: NodeJS.ReadableStream): AsyncGenerator<ReadEvent[]> {
  const text = decodeUtf8(input);
  let head = '';
  while (!head.includes('\n') && head.length < 1_000_000) {
    const next = await text.next();
    if (next.done) break;
    head += next.value;
  }
  const skips: { records: number; line: number; message: string; fatal: boolean }[] = [];
  const delimiter = detectDelimiter(head.replace(/^\uFEFF/, ''));
  const strict = strictRecord(delimiter);
  const parser = parse({
    delimiter,
    raw: true,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return;
      const { records = 0, lines = 0 } = error as CsvError & { records?: number; lines?: number };
      if (skips.some((s) => s.line === lines)) return;
      const fatal = error.code === 'CSV_QUOTE_NOT_CLOSED';
      const message = fatal
        ? `a quote opened on line ${lines} is never closed, so the rest of the file cannot be read`
        : `broken quoting on line ${lines}: a field that starts with " must end with " followed by the delimiter or the end of the line (write "" for a quote inside a quoted field)`;
      skips.push({ records, line: lines, message, fatal });
    },
  });
  async function* source(): AsyncGenerator<string> {
    if (head) yield head;
    yield* text;
  }
  let failure: unknown = null;
  const pumping = pipeline(Readable.from(source()), parser).catch((error: unknown) => {
    failure = error;
  });
  let skipped = 0;
  const takeSkips = (beforeRecord: number, events: ReadEvent[]) => {
    while (skips.length > 0 && skips[0]!.records < beforeRecord) {
      const skip = skips.shift()!;
      events.push({ kind: 'error', row: skip.records + skipped + 1, message: skip.message, fatal: skip.fatal });
      skipped += 1;
    }
  };
  try {
    for await (const chunk of batched(parser as AsyncIterable<{ record: string[]; raw: string; info: { records: number; lines: number } }>)) {
      const events: ReadEvent[] = [];
      for (const { record, raw, info } of chunk) {
        takeSkips(info.records, events);
        const row = info.records + skipped;
        // Lenient parsing reads `"x"y` or `a "b" c`; RFC 4180 does not allow them: report the row.
        if (raw.includes('"') && !strict.test(raw)) {
          events.push({ kind: 'error', row, message: `broken quoting on line ${info.lines}: a field with a " must be enclosed in quotes, with "" for each quote inside`, fatal: false });
        } else {
          events.push({ kind: 'row', row, cells: record });
        }
      }
      yield events;
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    failure ??= error;
  } finally {
    // The consumer stopped early (a missing column): end the parse instead of leaving it paused.
    if (!parser.readableEnded) parser.destroy();
  }
  await pumping;
  if (failure) throw failure instanceof FileError ? failure : new FileError(`The file cannot be read as CSV: ${(failure as Error).message}`);
  const rest: ReadEvent[] = [];
  takeSkips(Number.MAX_SAFE_INTEGER, rest);
  if (rest.length > 0) yield rest;
}

/** One RFC 4180 record: quoted fields with doubled quotes inside, unquoted fields without quotes. */
function strictRecord(delimiter: string): RegExp {
  const d = delimiter === ';' ? ';' : ',';
  const field = `(?:"(?:[^"]|"")*"|[^"${d}\\r\\n]*)`;
  return new RegExp(`^${field}(?:${d}${field})*\\r?\\n?$`);
}

/** Groups what an object stream yields, so that callers pay per chunk instead of per row. */
async function* batched<T>(source: AsyncIterable<T>, size = 1000): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

type CellValue = ExcelJS.CellValue;

/** An .xlsx cell as the text a person sees: dates as YYYY-MM-DD, numbers without float noise. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result);
  if ('text' in value) return String((value as { text: unknown }).text);
  if ('error' in value) return String(value.error);
  return '';
}

async function* xlsxRows(input: NodeJS.ReadableStream, sheet: string | undefined): AsyncGenerator<ReadEvent[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input as Readable, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  const seen: string[] = [];
  let found = false;
  try {
    for await (const worksheet of workbook) {
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      if (found || (sheet !== undefined ? name !== sheet : seen.length > 1)) {
        for await (const _row of worksheet) {
          // another sheet: read past it
        }
        continue;
      }
      found = true;
      let events: ReadEvent[] = [];
      for await (const row of worksheet) {
        const values = row.values as CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(cellText(values[i]));
        events.push({ kind: 'row', row: row.number, cells });
        if (events.length >= 1000) {
          yield events;
          events = [];
        }
      }
      if (events.length > 0) yield events;
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(`The file is not a readable .xlsx workbook (${(error as Error).message}); save it from Excel or LibreOffice as .xlsx, or import a CSV`);
  }
  if (!found) throw new FileError(sheet !== undefined ? `The workbook has no sheet named "${sheet}" (it has ${seen.map((s) => `"${s}"`).join(', ') || 'none'})` : 'The workbook has no sheet');
}
