import type { ImportKind } from './tables.ts';

/**
 * The import formats of ../shared/IMPORT-FORMATS.md as data: `patron import --help`, the CSV
 * templates, the README and header matching all read these specs, so they cannot drift apart.
 */
export interface ColumnSpec {
  name: string;
  required: boolean;
  description: string;
  example: string;
}

const col = (name: string, required: boolean, description: string, example: string): ColumnSpec => ({ name, required, description, example });

export const columnSpecs: Record<ImportKind, readonly ColumnSpec[]> = {
  accounts: [
    col('externalId', true, 'your key for the account, unique within the organisation', 'ACME-001'),
    col('name', true, 'account name', 'Acme Industrial GmbH'),
    col('parentExternalId', false, 'externalId of the parent account (in this file or already stored)', ''),
    col('industry', false, 'industry', 'Manufacturing'),
    col('region', false, 'sales region', 'EMEA'),
    col('country', false, 'ISO 3166-1 alpha-2 code', 'DE'),
    col('currency', false, "ISO 4217 code; default the organisation's", 'EUR'),
    col('stage', false, 'prospect, onboarding, active, at_risk or churned; default active', 'active'),
    col('ownerEmail', false, 'email of a user of the organisation; default the importing user', ''),
    col('strategicFit', false, 'integer 0–5', '4'),
    col('referenceValue', false, 'integer 0–5', '3'),
    col('walletEstimate', false, "estimated spend per year in the account's currency, like 250000.00", '250000.00'),
  ],
  contacts: [
    col('externalId', true, 'your key for the contact', 'C-1001'),
    col('accountExternalId', true, 'externalId of the account (already stored)', 'ACME-001'),
    col('name', true, 'full name', 'Jana Novak'),
    col('title', false, 'job title', 'Head of Procurement'),
    col('email', false, 'email address', 'jana.novak@acme.example'),
    col('phone', false, 'phone number', '+49 30 1234567'),
    col('buyingRole', false, 'economic_buyer, decision_maker, influencer, champion, user, blocker or gatekeeper', 'decision_maker'),
    col('reportsToExternalId', false, 'externalId of a contact of the same account (earlier in this file or stored)', ''),
    col('relationshipStrength', false, 'integer −2…2', '1'),
  ],
  products: [
    col('sku', true, "the product's key", 'SKU-100'),
    col('name', true, 'product name', 'Industrial pump P100'),
    col('family', false, 'product family', 'Pumps'),
    col('listPrice', false, 'money, like 1299.00', '1299.00'),
    col('unitCost', false, 'money, like 710.50', '710.50'),
    col('currency', false, "ISO 4217 code; default the organisation's", 'EUR'),
  ],
  transactions: [
    col('externalId', true, 'your key for the transaction line', 'INV-2026-0001-1'),
    col('accountExternalId', true, 'externalId of a stored account', 'ACME-001'),
    col('productSku', false, 'sku of a stored product', 'SKU-100'),
    col('bookedOn', true, 'date, YYYY-MM-DD', '2026-03-31'),
    col('quantity', false, 'decimal, default 1; negative only for a return (negative amount)', '2'),
    col('amount', true, 'net revenue of the line, like 2598.00; negative for a refund', '2598.00'),
    col('cost', false, 'cost of the line; gross profit = amount − cost', '1421.00'),
    col('currency', false, "ISO 4217 code; default the account's", 'EUR'),
  ],
};

/** `Booked On`, `booked_on`, `booked-on` and `bookedOn` are the same column. */
export const normaliseColumnName = (name: string): string => name.replace(/[\s_-]+/g, '').toLowerCase();

export interface HeaderMatch {
  /** Column name (as in the spec) → position in the row. */
  positions: Map<string, number>;
  unknown: string[];
  missing: string[];
  duplicates: string[];
}

export function matchHeader(specs: readonly ColumnSpec[], header: readonly string[]): HeaderMatch {
  const byKey = new Map(specs.map((spec) => [normaliseColumnName(spec.name), spec.name]));
  const positions = new Map<string, number>();
  const unknown: string[] = [];
  const duplicates: string[] = [];
  header.forEach((raw, index) => {
    const cell = raw.trim();
    if (cell === '') return;
    const name = byKey.get(normaliseColumnName(cell));
    if (!name) unknown.push(cell);
    else if (positions.has(name)) duplicates.push(cell);
    else positions.set(name, index);
  });
  const missing = specs.filter((spec) => spec.required && !positions.has(spec.name)).map((spec) => spec.name);
  return { positions, unknown, missing, duplicates };
}

/** A CSV field as RFC 4180 writes it. */
export const csvField = (value: string): string => (/[",\r\n;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The downloadable template: the header row and one example row. */
export function templateCsv(kind: ImportKind): string {
  const specs = columnSpecs[kind];
  return `${specs.map((spec) => csvField(spec.name)).join(',')}\r\n${specs.map((spec) => csvField(spec.example)).join(',')}\r\n`;
}

/** The column reference printed by `patron import --help` (and copied into the README). */
export function describeColumns(kind: ImportKind): string {
  const width = Math.max(...columnSpecs[kind].map((spec) => spec.name.length));
  return columnSpecs[kind].map((spec) => `  ${spec.name.padEnd(width)}  ${spec.required ? 'required' : 'optional'}  ${spec.description}`).join('\n');
}
