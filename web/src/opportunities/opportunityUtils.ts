/** A fraction as decimal text → the same as a percentage, exactly: "0.25" → "25", "0.3333" → "33.33", "1" → "100". */
export function percentOf(fraction: string): string {
  const [int = '0', frac = ''] = fraction.split('.');
  const padded = frac.padEnd(2, '0');
  const whole = `${int}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

/** A percentage as typed ("25", "33.33", "7,5") → a fraction as decimal text ("0.25"); null when not 0…100 with ≤ 2 decimals. */
export function fractionOf(percent: string): string | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(percent.trim());
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (hundredths > 10_000) return null;
  const text = String(hundredths).padStart(5, '0');
  const fraction = `${text.slice(0, 1)}.${text.slice(1)}`.replace(/0+$/, '').replace(/\.$/, '');
  return fraction;
}
