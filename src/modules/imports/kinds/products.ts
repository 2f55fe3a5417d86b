import { RowReader, type Cells, type Checked } from './cells.ts';

/** One valid line of a products file: money already in minor units of its currency. */
export interface ProductLine {
  sku: string;
  name: string;
  family?: string;
  listPrice?: bigint;
  unitCost?: bigint;
  currency: string;
}

export function checkProductRow(cells: Cells, orgCurrency: string): Checked<ProductLine> {
  const r = new RowReader(cells);
  const sku = r.required('sku', 100) ?? '';
  const name = r.required('name', 200) ?? '';
  const family = r.text('family', 100);
  const given = r.currency('currency');
  const currency = given ?? orgCurrency;
  const line: ProductLine = {
    sku,
    name,
    family,
    listPrice: r.money('listPrice', currency, true),
    unitCost: r.money('unitCost', currency, true),
    currency,
  };
  return r.done(line);
}
