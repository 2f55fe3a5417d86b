import Big from 'big.js';
import { isIsoDate } from '../../core/dates.ts';
import { currencyDigits, isCurrency, type Rounding } from '../../core/money.ts';

/**
 * The compensation plan document of ../shared/COMP-PLANS.md and its validation. Pure: a plan (or
 * an array of its effective-dated versions) in, a list of `{path, message}` problems out.
 */
export type PeriodType = 'month' | 'quarter' | 'year';
export type Measure = 'bookings' | 'revenue' | 'grossProfit';

export interface Tier {
  from: string;
  to: string | null;
  rate: string;
}

export type Component =
  | { type: 'flat'; rate: string }
  | { type: 'tiered'; on: 'amount' | 'attainment'; method: 'marginal' | 'retroactive'; tiers: Tier[] }
  | { type: 'bonus'; whenAttainmentAtLeast: string; amount: string }
  | { type: 'profitShare'; rate: string; of: 'grossProfit' }
  | { type: 'award'; description: string; value: string; whenAttainmentAtLeast?: string };

export interface Plan {
  name?: string;
  currency: string;
  periodType: PeriodType;
  /** First day in force (inclusive). */
  effectiveFrom?: string;
  /** Last day in force (inclusive); null or absent: open-ended. */
  effectiveTo?: string | null;
  rounding?: Rounding;
  measure?: Measure;
  base?: { annual: string };
  quota?: string;
  targetIncentive?: string;
  proration?: 'calendarDays' | 'none';
  components: Component[];
  gate?: { attainmentAtLeast: string; payFrom: 'firstDollar' | 'threshold' };
  cap?: { payout: string } | { attainment: string };
  clawback?: { onRefund: boolean; windowDays: number };
  draw?: { type: 'recoverable' | 'nonRecoverable'; amount: string; periods: number };
  deferral?: { rate: string; releaseAfterPeriods: number };
}

export interface PlanError {
  path: string;
  message: string;
}

const DECIMAL = /^\d{1,15}(\.\d{1,12})?$/;
const MAX_COMPONENTS = 50;
const MAX_TIERS = 50;

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const join = (prefix: string, key: string | number): string =>
  typeof key === 'number' ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key;

class Checker {
  readonly errors: PlanError[] = [];
  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  /** Reports fields the shape does not know (a typo must not be silently ignored). */
  known(value: Obj, path: string, keys: readonly string[]): void {
    for (const key of Object.keys(value)) if (!keys.includes(key)) this.add(join(path, key), 'is not a known field');
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[], required = true): value is T {
    if (value === undefined && !required) return false;
    if (typeof value !== 'string' || !options.includes(value as T)) {
      this.add(path, `must be one of ${options.map((o) => `"${o}"`).join(', ')}`);
      return false;
    }
    return true;
  }

  /** A non-negative decimal string; returns it as Big or undefined. */
  decimal(value: unknown, path: string, what = 'a decimal string like "0.05"'): Big | undefined {
    if (value === undefined) {
      this.add(path, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || !DECIMAL.test(value)) {
      this.add(path, `must be ${what}${typeof value === 'number' ? ' (a string, not a JSON number)' : ''}`);
      return undefined;
    }
    return new Big(value);
  }

  fraction(value: unknown, path: string, allowZero: boolean): Big | undefined {
    const n = this.decimal(value, path, 'a decimal fraction like "0.20"');
    if (n && (n.gt(1) || (!allowZero && n.eq(0)))) {
      this.add(path, allowZero ? 'must be from 0 to 1' : 'must be greater than 0 and at most 1');
      return undefined;
    }
    return n;
  }

  money(value: unknown, path: string, currency: string | undefined): Big | undefined {
    const n = this.decimal(value, path, 'an amount as a decimal string like "1234.50"');
    if (n && currency) {
      const fraction = (value as string).split('.')[1] ?? '';
      const digits = currencyDigits(currency);
      if (fraction.replace(/0+$/, '').length > digits) {
        this.add(path, `${currency} amounts have at most ${digits} decimal places`);
        return undefined;
      }
    }
    return n;
  }

  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(path, `must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }

  date(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || !isIsoDate(value)) {
      this.add(path, 'must be a date YYYY-MM-DD');
      return undefined;
    }
    return value;
  }

  object(value: unknown, path: string): value is Obj {
    if (!isObject(value)) {
      this.add(path, 'must be an object');
      return false;
    }
    return true;
  }
}

const PLAN_KEYS = [
  'name', 'currency', 'periodType', 'effectiveFrom', 'effectiveTo', 'rounding', 'measure', 'base', 'quota',
  'targetIncentive', 'proration', 'components', 'gate', 'cap', 'clawback', 'draw', 'deferral',
] as const;

function checkTiers(c: Checker, tiers: unknown, path: string): void {
  if (!Array.isArray(tiers) || tiers.length === 0) {
    c.add(path, 'must be a non-empty array of tiers');
    return;
  }
  if (tiers.length > MAX_TIERS) c.add(path, `has more than ${MAX_TIERS} tiers`);
  let previousTo: Big | null | undefined;
  tiers.forEach((tier: unknown, i) => {
    const at = join(path, i);
    if (!c.object(tier, at)) return;
    c.known(tier, at, ['from', 'to', 'rate']);
    c.decimal(tier.rate, join(at, 'rate'));
    const from = c.decimal(tier.from, join(at, 'from'));
    let to: Big | null | undefined;
    if (tier.to === null) {
      to = null;
      if (i !== tiers.length - 1) c.add(join(at, 'to'), 'only the last tier may be open-ended (to: null)');
    } else {
      to = c.decimal(tier.to, join(at, 'to'));
      if (to && i === tiers.length - 1) c.add(join(at, 'to'), 'the last tier must be open-ended (to: null), so every amount has a rate');
    }
    if (from) {
      if (i === 0 && !from.eq(0)) c.add(join(at, 'from'), 'the first tier must start at "0"');
      if (i > 0 && previousTo && !from.eq(previousTo)) {
        c.add(join(at, 'from'), `tiers must be contiguous: this tier starts at ${from.toString()} but the previous one ends at ${previousTo.toString()}`);
      }
      if (to && !to.gt(from)) c.add(join(at, 'to'), `must be greater than from (${from.toString()}): tiers are half-open [from, to) and ascending`);
    }
    previousTo = to;
  });
}

function checkComponent(c: Checker, component: unknown, path: string, currency: string | undefined): void {
  if (!c.object(component, path)) return;
  const type = component.type;
  if (!c.oneOf(type, join(path, 'type'), ['flat', 'tiered', 'bonus', 'profitShare', 'award'] as const)) return;
  switch (type) {
    case 'flat':
      c.known(component, path, ['type', 'rate']);
      c.decimal(component.rate, join(path, 'rate'));
      break;
    case 'tiered':
      c.known(component, path, ['type', 'on', 'method', 'tiers']);
      c.oneOf(component.on, join(path, 'on'), ['amount', 'attainment'] as const);
      c.oneOf(component.method, join(path, 'method'), ['marginal', 'retroactive'] as const);
      checkTiers(c, component.tiers, join(path, 'tiers'));
      break;
    case 'bonus':
      c.known(component, path, ['type', 'whenAttainmentAtLeast', 'amount']);
      c.decimal(component.whenAttainmentAtLeast, join(path, 'whenAttainmentAtLeast'), 'an attainment fraction like "1.00"');
      c.money(component.amount, join(path, 'amount'), currency);
      break;
    case 'profitShare':
      c.known(component, path, ['type', 'rate', 'of']);
      c.decimal(component.rate, join(path, 'rate'));
      c.oneOf(component.of, join(path, 'of'), ['grossProfit'] as const);
      break;
    case 'award':
      c.known(component, path, ['type', 'description', 'value', 'whenAttainmentAtLeast']);
      if (typeof component.description !== 'string' || component.description.trim() === '' || component.description.length > 200) {
        c.add(join(path, 'description'), 'must be a text of 1 to 200 characters');
      }
      c.money(component.value, join(path, 'value'), currency);
      if (component.whenAttainmentAtLeast !== undefined) c.decimal(component.whenAttainmentAtLeast, join(path, 'whenAttainmentAtLeast'), 'an attainment fraction like "1.00"');
      break;
  }
}

function checkOne(c: Checker, plan: unknown, path: string): void {
  if (!c.object(plan, path || 'plan')) return;
  c.known(plan, path, PLAN_KEYS);
  if (plan.name !== undefined && (typeof plan.name !== 'string' || plan.name.length > 200)) c.add(join(path, 'name'), 'must be a text of at most 200 characters');
  let currency: string | undefined;
  if (typeof plan.currency !== 'string' || !isCurrency(plan.currency)) c.add(join(path, 'currency'), 'must be an ISO 4217 currency code like "EUR"');
  else currency = plan.currency;
  c.oneOf(plan.periodType, join(path, 'periodType'), ['month', 'quarter', 'year'] as const);
  let from: string | undefined;
  if (plan.effectiveFrom !== undefined) from = c.date(plan.effectiveFrom, join(path, 'effectiveFrom'));
  if (plan.effectiveTo !== undefined && plan.effectiveTo !== null) {
    const to = c.date(plan.effectiveTo, join(path, 'effectiveTo'));
    if (to && from && to < from) c.add(join(path, 'effectiveTo'), `must not be before effectiveFrom (${from})`);
  }
  c.oneOf(plan.rounding, join(path, 'rounding'), ['halfUp', 'halfEven'] as const, false);
  c.oneOf(plan.measure, join(path, 'measure'), ['bookings', 'revenue', 'grossProfit'] as const, false);
  c.oneOf(plan.proration, join(path, 'proration'), ['calendarDays', 'none'] as const, false);
  if (plan.base !== undefined && c.object(plan.base, join(path, 'base'))) {
    c.known(plan.base, join(path, 'base'), ['annual']);
    c.money(plan.base.annual, join(path, 'base.annual'), currency);
  }
  if (plan.quota !== undefined) c.money(plan.quota, join(path, 'quota'), currency);
  if (plan.targetIncentive !== undefined) c.money(plan.targetIncentive, join(path, 'targetIncentive'), currency);

  const components = plan.components;
  if (!Array.isArray(components)) c.add(join(path, 'components'), 'must be an array of components');
  else {
    if (components.length > MAX_COMPONENTS) c.add(join(path, 'components'), `has more than ${MAX_COMPONENTS} components`);
    components.forEach((component: unknown, i) => checkComponent(c, component, join(join(path, 'components'), i), currency));
  }

  if (plan.gate !== undefined && c.object(plan.gate, join(path, 'gate'))) {
    const at = join(path, 'gate');
    c.known(plan.gate, at, ['attainmentAtLeast', 'payFrom']);
    c.decimal(plan.gate.attainmentAtLeast, join(at, 'attainmentAtLeast'), 'an attainment fraction like "0.40"');
    c.oneOf(plan.gate.payFrom, join(at, 'payFrom'), ['firstDollar', 'threshold'] as const);
  }
  if (plan.cap !== undefined && c.object(plan.cap, join(path, 'cap'))) {
    const at = join(path, 'cap');
    c.known(plan.cap, at, ['payout', 'attainment']);
    const hasPayout = plan.cap.payout !== undefined;
    const hasAttainment = plan.cap.attainment !== undefined;
    if (hasPayout === hasAttainment) c.add(at, 'must have exactly one of payout (an amount) or attainment (a fraction like "2.0")');
    else if (hasPayout) c.money(plan.cap.payout, join(at, 'payout'), currency);
    else {
      const level = c.decimal(plan.cap.attainment, join(at, 'attainment'), 'an attainment fraction like "2.0"');
      if (level?.eq(0)) c.add(join(at, 'attainment'), 'must be greater than 0');
    }
  }
  if (plan.clawback !== undefined && c.object(plan.clawback, join(path, 'clawback'))) {
    const at = join(path, 'clawback');
    c.known(plan.clawback, at, ['onRefund', 'windowDays']);
    if (typeof plan.clawback.onRefund !== 'boolean') c.add(join(at, 'onRefund'), 'must be true or false');
    c.integer(plan.clawback.windowDays, join(at, 'windowDays'), 0, 3660);
  }
  if (plan.draw !== undefined && c.object(plan.draw, join(path, 'draw'))) {
    const at = join(path, 'draw');
    c.known(plan.draw, at, ['type', 'amount', 'periods']);
    c.oneOf(plan.draw.type, join(at, 'type'), ['recoverable', 'nonRecoverable'] as const);
    c.money(plan.draw.amount, join(at, 'amount'), currency);
    c.integer(plan.draw.periods, join(at, 'periods'), 1, 120);
  }
  if (plan.deferral !== undefined && c.object(plan.deferral, join(path, 'deferral'))) {
    const at = join(path, 'deferral');
    c.known(plan.deferral, at, ['rate', 'releaseAfterPeriods']);
    c.fraction(plan.deferral.rate, join(at, 'rate'), false);
    c.integer(plan.deferral.releaseAfterPeriods, join(at, 'releaseAfterPeriods'), 1, 120);
  }
}

/**
 * Validates one plan document or an array of its effective-dated versions. An empty list means
 * valid. Paths are relative to the plan: "components[0].tiers[1].from", "[1].effectiveFrom".
 */
export function validatePlan(input: unknown): PlanError[] {
  const c = new Checker();
  if (!Array.isArray(input)) {
    checkOne(c, input, '');
    return c.errors;
  }
  if (input.length === 0) {
    c.add('', 'must be a plan or a non-empty array of its versions');
    return c.errors;
  }
  if (input.length > 100) c.add('', 'has more than 100 versions');
  input.forEach((version: unknown, i) => checkOne(c, version, `[${i}]`));
  if (c.errors.length > 0) return c.errors;
  const versions = input as Plan[];
  versions.forEach((version, i) => {
    if (version.effectiveFrom === undefined) c.add(`[${i}].effectiveFrom`, 'is required when the plan has several versions');
    if (version.currency !== versions[0]!.currency) c.add(`[${i}].currency`, `every version must pay in the same currency (${versions[0]!.currency})`);
    if (version.periodType !== versions[0]!.periodType) c.add(`[${i}].periodType`, `every version must have the same period type (${versions[0]!.periodType})`);
  });
  if (c.errors.length > 0) return c.errors;
  const order = versions.map((v, i) => ({ v, i })).sort((a, b) => (a.v.effectiveFrom! < b.v.effectiveFrom! ? -1 : a.v.effectiveFrom! > b.v.effectiveFrom! ? 1 : 0));
  for (let k = 1; k < order.length; k++) {
    const previous = order[k - 1]!;
    const next = order[k]!;
    if (previous.v.effectiveTo === undefined || previous.v.effectiveTo === null || previous.v.effectiveTo >= next.v.effectiveFrom!) {
      c.add(
        `[${next.i}].effectiveFrom`,
        `overlaps version [${previous.i}] (in force ${previous.v.effectiveFrom} to ${previous.v.effectiveTo ?? 'open-ended'}, both days inclusive): versions must not overlap`,
      );
    }
  }
  return c.errors;
}

/** The plan versions as a sorted array (call after validatePlan returned no errors). */
export function planVersions(input: Plan | Plan[]): Plan[] {
  const versions = Array.isArray(input) ? [...input] : [input];
  return versions.sort((a, b) => ((a.effectiveFrom ?? '') < (b.effectiveFrom ?? '') ? -1 : (a.effectiveFrom ?? '') > (b.effectiveFrom ?? '') ? 1 : 0));
}

/** The version in force on `date` (effectiveFrom and effectiveTo both inclusive), or undefined. */
export function versionOn(versions: readonly Plan[], date: string): Plan | undefined {
  for (const version of versions) {
    if ((version.effectiveFrom === undefined || version.effectiveFrom <= date) && (version.effectiveTo == null || date <= version.effectiveTo)) return version;
  }
  return undefined;
}
