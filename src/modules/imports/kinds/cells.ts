import { isCountry } from '../../../core/countries.ts';
import { isIsoDate } from '../../../core/dates.ts';
import { currencyDigits, isCurrency } from '../../../core/money.ts';

/**
 * Reading one import row: each helper returns the typed value or undefined ("not given"), and
 * records a cell error naming the column, the value and what is wrong. Pure, no I/O.
 */
export interface CellError {
  column: string;
  value: string;
  message: string;
}

/** A row's cells by column name; an empty cell is absent (undefined). */
export type Cells = Readonly<Record<string, string | undefined>>;

export type Checked<T> = { value: T; errors: null } | { value: null; errors: CellError[] };

const DECIMAL = /^-?\d{1,15}(\.\d+)?$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Money as integer minor units of `currency`, or the reason it is not. Exact: no rounding. */
export function minorUnits(text: string, currency: string): bigint | string {
  if (!DECIMAL.test(text)) return 'is not an amount like 1234.50 (a dot for decimals, no thousands separators)';
  const digits = currencyDigits(currency);
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.') as [string, string?];
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) return `has more than ${digits} decimal places for ${currency}`;
  const minor = BigInt(whole + significant.padEnd(digits, '0'));
  return negative ? -minor : minor;
}

export class RowReader {
  readonly errors: CellError[] = [];

  constructor(private readonly cells: Cells) {}

  fail(column: string, value: string, message: string): undefined {
    this.errors.push({ column, value, message });
    return undefined;
  }

  /** Free text up to `max` characters. */
  text(column: string, max = 200): string | undefined {
    const value = this.cells[column];
    if (value === undefined) return undefined;
    if (value.length > max) return this.fail(column, value, `is longer than ${max} characters`);
    return value;
  }

  /** Required text: a missing value is an error. */
  required(column: string, max = 200): string | undefined {
    if (this.cells[column] === undefined) return this.fail(column, '', 'is required');
    return this.text(column, max);
  }

  integer(column: string, min: number, max: number): number | undefined {
    const value = this.cells[column];
    if (value === undefined) return undefined;
    if (!/^[-+−]?\d{1,6}$/.test(value)) return this.fail(column, value, `is not a whole number from ${min} to ${max}`);
    const n = Number(value.replace('−', '-'));
    if (n < min || n > max) return this.fail(column, value, `is not a whole number from ${min} to ${max}`);
    return n;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[]): T | undefined {
    const value = this.cells[column];
    if (value === undefined) return undefined;
    const normalised = value.toLowerCase().replace(/[\s-]+/g, '_');
    if (!(allowed as readonly string[]).includes(normalised)) return this.fail(column, value, `is not one of ${allowed.join(', ')}`);
    return normalised as T;
  }

  date(column: string): string | undefined {
    const value = this.cells[column];
    if (value === undefined) return undefined;
    if (!isIsoDate(value)) {
      return this.fail(column, value, /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'is not a real calendar date' : 'is not a date like 2026-03-31 (YYYY-MM-DD)');
    }
    return value;
  }

  currency(column: string): string | undefined {
    const value = this.cells[column];
    if (value === undefined) return undefined;
    const code = value.toUpperCase();
    if (!/^[A-Z]{3}$/.test(code) || !isCurrency(code)) return this.fail(column, value, 'is not an ISO 4217 currency code like EUR');
    return code;
  }

  country(column: string): string | undefined {
    const value = this.cells[column];
    if (value === undefined) return undefined;
    const code = value.toUpperCase();
    if (!isCountry(code)) return this.fail(column, value, 'is not an ISO 3166-1 alpha-2 country code like DE');
    return code;
  }

  email(column: string): string | undefined {
    const value = this.text(column, 254);
    if (value === undefined) return undefined;
    if (!EMAIL.test(value)) return this.fail(column, value, 'is not an email address');
    return value;
  }

  /** A decimal amount whose currency may only be known later: checked for shape now, returned as text. */
  decimal(column: string): string | undefined {
    const value = this.cells[column];
    if (value === undefined) return undefined;
    if (!DECIMAL.test(value)) return this.fail(column, value, 'is not an amount like 1234.50 (a dot for decimals, no thousands separators)');
    return value;
  }

  /** Money in `currency` (minor units); `nonNegative` refuses amounts below zero. */
  money(column: string, currency: string, nonNegative = false): bigint | undefined {
    const value = this.cells[column];
    if (value === undefined) return undefined;
    const minor = minorUnits(value, currency);
    if (typeof minor === 'string') return this.fail(column, value, minor);
    if (nonNegative && minor < 0n) return this.fail(column, value, 'cannot be negative');
    return minor;
  }

  done<T>(value: T): Checked<T> {
    return this.errors.length > 0 ? { value: null, errors: this.errors } : { value, errors: null };
  }
}
