import { describe, expect, it } from 'vitest';
import { fractionOf, percentOf } from './opportunityUtils';

describe('percentages', () => {
  it.each([['0.25', '25'], ['0.1', '10'], ['0.3333', '33.33'], ['1', '100'], ['0', '0'], ['0.075', '7.5'], ['0.0001', '0.01']])('%s is %s %%', (fraction, percent) => {
    expect(percentOf(fraction)).toBe(percent);
  });
  it.each([['25', '0.25'], ['33.33', '0.3333'], ['100', '1'], ['0', '0'], ['7,5', '0.075'], [' 10 ', '0.1']])('%s %% is %s', (percent, fraction) => {
    expect(fractionOf(percent)).toBe(fraction);
  });
  it.each(['101', '-5', 'abc', '12.345', ''])('refuses %s', (text) => expect(fractionOf(text)).toBeNull());
});
