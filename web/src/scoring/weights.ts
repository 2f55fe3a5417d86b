/**
 * Weights are decimal fractions with up to four places ("0.25"). They are added as integers in
 * ten-thousandths, so "0.1" + "0.2" + "0.7" is exactly 10000 (= 1), never 0.9999999.
 */
export const WEIGHT_PATTERN = /^\d(\.\d{1,4})?$/;
const ONE = 10_000;

/** "0.25" → 2500; null when the text is not a weight from 0 to 1 with at most four decimals. */
export function toTenThousandths(text: string): number | null {
  const t = text.trim();
  if (!WEIGHT_PATTERN.test(t)) return null;
  const [whole = '0', fraction = ''] = t.split('.');
  const value = Number(whole) * ONE + Number(fraction.padEnd(4, '0'));
  return value <= ONE ? value : null;
}

/** 2500 → "0.25"; 10000 → "1". */
export function fromTenThousandths(value: number): string {
  const whole = Math.trunc(value / ONE);
  const fraction = String(value % ONE).padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

export interface AxisSum {
  /** The sum in ten-thousandths (invalid entries left out); null when nothing valid was entered. */
  total: number;
  /** As a decimal string, e.g. "0.95". */
  text: string;
  /** Exactly 1, and every entry a valid weight. */
  ok: boolean;
  invalid: string[];
}

/** The sum of one axis's weights; empty entries count 0. */
export function sumWeights(values: Record<string, string>, keys: readonly string[]): AxisSum {
  let total = 0;
  const invalid: string[] = [];
  for (const key of keys) {
    const text = (values[key] ?? '').trim();
    if (text === '') continue;
    const v = toTenThousandths(text);
    if (v === null) invalid.push(key);
    else total += v;
  }
  return { total, text: fromTenThousandths(total), ok: total === ONE && invalid.length === 0, invalid };
}

/** The weights to send: empty entries left out (the criterion does not count). */
export function weightsBody(values: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, (values[k] ?? '').trim()]).filter(([, v]) => v !== ''));
}
