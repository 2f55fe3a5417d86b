import { buyingRoles, type BuyingRole } from '../../contacts/tables.ts';
import { RowReader, type Cells, type Checked } from './cells.ts';

/** One valid line of a contacts file, before references are resolved. */
export interface ContactLine {
  externalId: string;
  accountExternalId: string;
  name: string;
  title?: string;
  email?: string;
  phone?: string;
  buyingRole?: BuyingRole;
  reportsToExternalId?: string;
  relationshipStrength?: number;
}

export function checkContactRow(cells: Cells): Checked<ContactLine> {
  const r = new RowReader(cells);
  const line: ContactLine = {
    externalId: r.required('externalId', 100) ?? '',
    accountExternalId: r.required('accountExternalId', 100) ?? '',
    name: r.required('name', 200) ?? '',
    title: r.text('title', 200),
    email: r.email('email'),
    phone: r.text('phone', 50),
    buyingRole: r.oneOf('buyingRole', buyingRoles),
    reportsToExternalId: r.text('reportsToExternalId', 100),
    relationshipStrength: r.integer('relationshipStrength', -2, 2),
  };
  if (line.phone !== undefined && !/^[+()\d\s./-]{3,50}$/.test(line.phone)) r.fail('phone', line.phone, 'is not a phone number');
  if (line.reportsToExternalId !== undefined && line.reportsToExternalId === line.externalId) {
    r.fail('reportsToExternalId', line.reportsToExternalId, 'a contact cannot report to themselves');
  }
  return r.done(line);
}
