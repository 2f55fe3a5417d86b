/** The negation of a decimal string, digits kept exactly ("12.50" → "-12.50", "-3" → "3", "0.00" → "0.00"). */
export function negate(decimal: string): string {
  if (decimal.startsWith('-')) return decimal.slice(1);
  return /^[0.]+$/.test(decimal) ? decimal : `-${decimal}`;
}

/** A refund of a line: negative and at most the line's amount (compared exactly, in minor units up to 4 decimals). */
export function refundProblem(amount: string, original: string): 'notNegative' | 'tooLarge' | null {
  const units = (d: string) => {
    const [whole = '0', fraction = ''] = d.replace('-', '').split('.');
    return (d.startsWith('-') ? -1n : 1n) * BigInt(whole + fraction.padEnd(4, '0').slice(0, 4));
  };
  const refund = units(amount);
  if (refund >= 0n) return 'notNegative';
  return -refund > units(original) ? 'tooLarge' : null;
}
