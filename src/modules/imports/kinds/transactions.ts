import { minorUnits, RowReader, type Cells, type CellError, type Checked } from './cells.ts';

/** One valid line of a transactions file, before its account and product are resolved. */
export interface TransactionLine {
  externalId: string;
  accountExternalId: string;
  productSku?: string;
  bookedOn: string;
  /** Decimal text, at most 4 decimals (numeric(18,4)); "1" when not given. */
  quantity: string;
  /** Decimal texts: the currency may be the account's, known only after the lookup. */
  amount: string;
  cost?: string;
  currency?: string;
}

const QUANTITY = /^-?\d{1,14}(\.\d{1,4})?$/;

export function checkTransactionRow(cells: Cells): Checked<TransactionLine> {
  const r = new RowReader(cells);
  const externalId = r.required('externalId', 100) ?? '';
  const accountExternalId = r.required('accountExternalId', 100) ?? '';
  const productSku = r.text('productSku', 100);
  const bookedOn = cells.bookedOn === undefined ? r.fail('bookedOn', '', 'is required') : r.date('bookedOn');
  const amount = cells.amount === undefined ? r.fail('amount', '', 'is required') : r.decimal('amount');
  const cost = r.decimal('cost');
  const currency = r.currency('currency');
  let quantity = cells.quantity ?? '1';
  if (!QUANTITY.test(quantity)) {
    r.fail('quantity', quantity, 'is not a quantity like 2 or 1.5 (at most 4 decimals)');
    quantity = '1';
  } else if (quantity.startsWith('-') && amount !== undefined && !amount.startsWith('-')) {
    r.fail('quantity', quantity, 'can be negative only for a return, whose amount is negative');
  }
  if (currency && amount !== undefined) r.money('amount', currency);
  if (currency && cost !== undefined) r.money('cost', currency);
  return r.done({ externalId, accountExternalId, productSku, bookedOn: bookedOn ?? '', quantity, amount: amount ?? '', cost, currency });
}

/** The line's money in minor units of `currency`, or the cell errors (too many decimals). */
export function transactionMoney(line: TransactionLine, currency: string): { amount: bigint; cost: bigint | null } | CellError[] {
  const amount = minorUnits(line.amount, currency);
  const cost = line.cost === undefined ? null : minorUnits(line.cost, currency);
  const errors: CellError[] = [];
  if (typeof amount === 'string') errors.push({ column: 'amount', value: line.amount, message: amount });
  if (typeof cost === 'string') errors.push({ column: 'cost', value: line.cost!, message: cost });
  if (errors.length > 0) return errors;
  return { amount: amount as bigint, cost: cost as bigint | null };
}
