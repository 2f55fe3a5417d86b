import ExcelJS from 'exceljs';
import { currencyDigits } from '../../core/money.ts';
import type { Quote } from './schemas.ts';

/**
 * A quote as an Excel workbook (pure: builds it in memory). Sheet "Quote": the header fields and
 * totals; sheet "Lines": one row per line. Money cells are numbers with the currency's decimals in
 * their number format, rates are percentages, dates are dates; each sheet's header row is bold and
 * frozen.
 */
const asDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const num = (decimal: string | null): number | null => (decimal === null ? null : Number(decimal));

export function buildQuoteWorkbook(quote: Quote): ExcelJS.Workbook {
  const digits = currencyDigits(quote.currency);
  const moneyFormat = `#,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''} "${quote.currency}"`;
  const percentFormat = '0.0%';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Patron';

  const summary = workbook.addWorksheet('Quote', { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.columns = [{ header: 'Field', key: 'field', width: 24 }, { header: 'Value', key: 'value', width: 60 }];
  summary.getRow(1).font = { bold: true };
  const field = (name: string, value: unknown, numFmt?: string) => {
    const row = summary.addRow({ field: name, value });
    if (numFmt) row.getCell('value').numFmt = numFmt;
  };
  field('Account', quote.accountName);
  field('Quote', quote.id);
  field('Status', quote.status);
  field('Owner', quote.ownerName);
  field('Priced on', asDate(quote.pricedOn), 'yyyy-mm-dd');
  field('Valid until', asDate(quote.validUntil), 'yyyy-mm-dd');
  field('Currency', quote.currency);
  field('List total', num(quote.listTotal), moneyFormat);
  field('Discount', num(quote.discountTotal), moneyFormat);
  field('Total', num(quote.total), moneyFormat);
  field('Cost', num(quote.costTotal), moneyFormat);
  field('Margin', num(quote.margin), percentFormat);
  field('Approval', quote.approvalRequired ? quote.approvalReasons.map((r) => r.message).join('; ') : 'Within the limits');
  if (quote.note) field('Note', quote.note);
  summary.getColumn('value').alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };

  const lines = workbook.addWorksheet('Lines', { views: [{ state: 'frozen', ySplit: 1 }] });
  lines.columns = [
    { header: '#', key: 'position', width: 5 },
    { header: 'SKU', key: 'sku', width: 18 },
    { header: 'Product', key: 'product', width: 40 },
    { header: 'Quantity', key: 'quantity', width: 10, style: { numFmt: '#,##0' } },
    { header: 'List price', key: 'listPrice', width: 14, style: { numFmt: moneyFormat } },
    { header: 'Agreed price', key: 'agreedPrice', width: 14, style: { numFmt: moneyFormat } },
    { header: 'Discount', key: 'discountRate', width: 10, style: { numFmt: percentFormat } },
    { header: 'Unit price', key: 'unitPrice', width: 14, style: { numFmt: moneyFormat } },
    { header: 'Line total', key: 'lineTotal', width: 16, style: { numFmt: moneyFormat } },
    { header: 'Unit cost', key: 'unitCost', width: 14, style: { numFmt: moneyFormat } },
    { header: 'Margin', key: 'margin', width: 10, style: { numFmt: percentFormat } },
    { header: 'Price rule', key: 'rule', width: 60 },
  ];
  lines.getRow(1).font = { bold: true };
  for (const line of quote.lines ?? []) {
    lines.addRow({
      position: line.position,
      sku: line.sku,
      product: line.productName,
      quantity: line.quantity,
      listPrice: num(line.listPrice),
      agreedPrice: num(line.agreedPrice),
      discountRate: num(line.discountRate),
      unitPrice: num(line.unitPrice),
      lineTotal: num(line.lineTotal),
      unitCost: num(line.unitCost),
      margin: num(line.margin),
      rule: line.rule.why,
    });
  }
  const total = lines.addRow({ product: 'Total', lineTotal: num(quote.total), margin: num(quote.margin) });
  total.font = { bold: true };
  return workbook;
}
