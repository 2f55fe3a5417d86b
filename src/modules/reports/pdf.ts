import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import type { Column, ReportDocument, ReportName, Table } from './document.ts';
import { formatter, type Formatter } from './format.ts';
import type { Translate } from './messages.ts';

/**
 * The PDF of a report (pdfkit; docs/adr/0005): A4 or US Letter, portrait, every label in the
 * report's language and every figure formatted for its locale. Fonts are Noto Sans Devanagari
 * (OFL), shipped by @fontsource as one file per script subset; each piece of text is split into runs
 * by the subset whose unicode-range holds each character, so Latin, Polish, Swedish, German and
 * Hindi (shaped by fontkit) all render from the same family.
 */
export const PDF_REPORTS: readonly ReportName[] = ['quarterly-results', 'account-status'];

export interface FontFace {
  name: string;
  data: Buffer;
  /** Inclusive code-point ranges this face covers. */
  ranges: [number, number][];
}
export interface FontSet {
  regular: FontFace[];
  bold: FontFace[];
}

/** Parses a CSS unicode-range value: `U+0900-097F,U+20B9` → [[0x900, 0x97f], [0x20b9, 0x20b9]]. */
export function parseUnicodeRange(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
  });
}

/** Splits text into runs of one face each (the first face covering a character; else the last face). */
export function fontRuns(text: string, faces: readonly FontFace[]): { face: string; text: string }[] {
  const runs: { face: string; text: string }[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const face = (faces.find((f) => f.ranges.some(([a, b]) => code >= a && code <= b)) ?? faces[faces.length - 1]!).name;
    const last = runs[runs.length - 1];
    if (last && last.face === face) last.text += char;
    else runs.push({ face, text: char });
  }
  return runs;
}

const PAPER = { a4: 'A4', letter: 'LETTER' } as const;
const MARGIN = 40;
const ROW = 13;
const BODY = 8;

class Writer {
  readonly pdf: PDFKit.PDFDocument;
  y = MARGIN;

  constructor(readonly fonts: FontSet, paper: 'a4' | 'letter') {
    this.pdf = new PDFDocument({ size: PAPER[paper], margin: MARGIN, bufferPages: true, autoFirstPage: true, info: { Producer: 'Patron', Creator: 'Patron' } });
    for (const face of [...fonts.regular, ...fonts.bold]) this.pdf.registerFont(face.name, face.data);
  }

  get width(): number {
    return this.pdf.page.width - 2 * MARGIN;
  }

  private width_(runs: { face: string; text: string }[], size: number): number {
    return runs.reduce((w, r) => w + this.pdf.font(r.face).fontSize(size).widthOfString(r.text), 0);
  }

  /** One line of text in a box: cut with an ellipsis when too wide; left or right aligned. */
  text(text: string, x: number, width: number, options: { size?: number; bold?: boolean; align?: 'left' | 'right' } = {}): void {
    const size = options.size ?? BODY;
    const faces = options.bold ? this.fonts.bold : this.fonts.regular;
    let shown = text.replace(/\s+/g, ' ');
    let runs = fontRuns(shown, faces);
    while (shown.length > 1 && this.width_(runs, size) > width) {
      shown = `${[...shown].slice(0, -2).join('')}…`;
      runs = fontRuns(shown, faces);
    }
    let cx = options.align === 'right' ? x + width - this.width_(runs, size) : x;
    for (const run of runs) {
      this.pdf.font(run.face).fontSize(size).text(run.text, cx, this.y, { lineBreak: false });
      cx += this.pdf.widthOfString(run.text);
    }
  }

  ensure(height: number, onNewPage?: () => void): void {
    if (this.y + height <= this.pdf.page.height - MARGIN - 14) return;
    this.pdf.addPage();
    this.y = MARGIN;
    onNewPage?.();
  }

  rule(): void {
    this.pdf.moveTo(MARGIN, this.y).lineTo(MARGIN + this.width, this.y).lineWidth(0.5).strokeColor('#888888').stroke();
  }
}

function columnWidths(columns: readonly Column[], total: number): number[] {
  const weight = (c: Column) => (c.type === 'text' ? 2.6 : c.type === 'money' ? 1.6 : 1);
  const sum = columns.reduce((s, c) => s + weight(c), 0);
  return columns.map((c) => (total * weight(c)) / sum);
}

function drawTable(w: Writer, table: Table, f: Formatter): void {
  const widths = columnWidths(table.columns, w.width);
  const header = () => {
    let x = MARGIN;
    table.columns.forEach((c, i) => {
      w.text(c.label, x + 2, widths[i]! - 4, { bold: true, align: c.type === 'text' ? 'left' : 'right' });
      x += widths[i]!;
    });
    w.y += ROW;
    w.rule();
    w.y += 3;
  };
  if (table.title) {
    w.ensure(ROW * 3);
    w.text(table.title, MARGIN, w.width, { size: 10, bold: true });
    w.y += ROW + 2;
  }
  w.ensure(ROW * 2);
  header();
  for (const row of table.rows) {
    w.ensure(ROW, header);
    let x = MARGIN;
    table.columns.forEach((c, i) => {
      w.text(f.cell(c.type, row[c.key] ?? null), x + 2, widths[i]! - 4, { align: c.type === 'text' ? 'left' : 'right' });
      x += widths[i]!;
    });
    w.y += ROW;
  }
  w.y += ROW / 2;
}

export function renderPdf(doc: ReportDocument, t: Translate, paper: 'a4' | 'letter', fonts: FontSet): Readable {
  const f = formatter(doc.language, doc.currency);
  const w = new Writer(fonts, paper);
  w.text(doc.title, MARGIN, w.width, { size: 18, bold: true });
  w.y += 26;
  const facts: [string, string][] = [
    [t('cover.scope'), doc.scope.description],
    [t('cover.period'), `${doc.period.label} (${f.cell('date', doc.period.from)} – ${f.cell('date', doc.period.to)})`],
    [t('cover.currency'), doc.currency],
    [t('cover.generatedAt'), `${f.timestamp(doc.generatedAt)} · ${doc.generatedBy.name}`],
  ];
  if (doc.unavailable.length) facts.push([t('cover.unavailable'), doc.unavailable.map((u) => u.label).join('; ')]);
  for (const [label, value] of facts) {
    w.text(label, MARGIN, 110, { size: 9, bold: true });
    w.text(value, MARGIN + 115, w.width - 115, { size: 9 });
    w.y += ROW + 1;
  }
  w.y += ROW;
  w.text(t('cover.summary'), MARGIN, w.width, { size: 12, bold: true });
  w.y += ROW + 6;
  for (const kpi of doc.summary) {
    w.ensure(ROW);
    w.text(kpi.label, MARGIN, 250, { size: 9 });
    w.text(f.cell(kpi.type, kpi.value), MARGIN + 250, 140, { size: 9, bold: true, align: 'right' });
    w.y += ROW + 1;
  }
  for (const section of doc.sections) {
    w.y += ROW;
    w.ensure(ROW * 4);
    w.text(section.title, MARGIN, w.width, { size: 12, bold: true });
    w.y += ROW + 6;
    for (const table of section.tables) drawTable(w, table, f);
  }
  const range = w.pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    w.pdf.switchToPage(range.start + i);
    w.y = w.pdf.page.height - MARGIN;
    w.text(`${doc.title} · ${t('cover.page', { page: i + 1, pages: range.count })}`, MARGIN, w.width, { size: 7, align: 'right' });
  }
  w.pdf.end();
  return w.pdf as unknown as Readable;
}
