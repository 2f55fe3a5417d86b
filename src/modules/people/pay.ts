/** Where a person's expected total pay at 100 % attainment sits against the market band of their role. */

export type BandPosition = 'below' | 'within' | 'above' | 'no_band' | 'no_pay' | 'other_currency';

export interface BandRange {
  currency: string;
  totalLow: bigint;
  totalHigh: bigint;
}

export interface PayComparison {
  position: BandPosition;
  /** Outside the band: the director is told. */
  flagged: boolean;
  /** Expected − the nearer edge of the band (negative below it); 0 within; null when not comparable. */
  distance: bigint | null;
  /** (expected − low) ÷ (high − low) as a fraction string with 4 places; null when not comparable. */
  positionInBand: string | null;
}

export function compareToBand(expected: { amount: bigint; currency: string } | null, band: BandRange | null): PayComparison {
  if (!band) return { position: 'no_band', flagged: false, distance: null, positionInBand: null };
  if (!expected) return { position: 'no_pay', flagged: false, distance: null, positionInBand: null };
  if (expected.currency !== band.currency) return { position: 'other_currency', flagged: false, distance: null, positionInBand: null };
  const { amount } = expected;
  const span = band.totalHigh - band.totalLow;
  const positionInBand = span > 0n ? fraction(amount - band.totalLow, span) : null;
  if (amount < band.totalLow) return { position: 'below', flagged: true, distance: amount - band.totalLow, positionInBand };
  if (amount > band.totalHigh) return { position: 'above', flagged: true, distance: amount - band.totalHigh, positionInBand };
  return { position: 'within', flagged: false, distance: 0n, positionInBand };
}

/** n ÷ d to 4 decimal places, rounded half away from zero, exactly (bigints). */
export function fraction(n: bigint, d: bigint): string {
  const scaled = (n * 20000n) / d;
  const rounded = scaled >= 0n ? (scaled + 1n) / 2n : (scaled - 1n) / 2n;
  const negative = rounded < 0n;
  const digits = (negative ? -rounded : rounded).toString().padStart(5, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

export interface BandProblem {
  path: string;
  message: string;
}

/** Each range low ≤ high, nothing negative. */
export function bandProblems(ranges: Record<string, { low: bigint; high: bigint } | null>): BandProblem[] {
  return Object.entries(ranges).flatMap(([key, range]) => {
    if (!range) return [];
    const problems: BandProblem[] = [];
    if (range.low < 0n) problems.push({ path: `${key}.low`, message: 'cannot be negative' });
    if (range.high < range.low) problems.push({ path: `${key}.high`, message: 'is below the low end' });
    return problems;
  });
}
