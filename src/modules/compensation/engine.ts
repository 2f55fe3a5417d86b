import Big from 'big.js';
import { isIsoDate } from '../../core/dates.ts';
import { currencyDigits, isCurrency, type Rounding } from '../../core/money.ts';
import { pickRate, type DatedRate } from '../fx/rates.ts';
import { planVersions, validatePlan, versionOn, type Component, type Plan, type PlanError, type Tier } from './plan.ts';

/**
 * The compensation engine of ../shared/COMP-PLANS.md. Pure: plan versions, payees, periods,
 * credits and FX rates in; statements out. Every amount is a big.js decimal (never a float),
 * rounded once per payout line to the currency's minor unit; every total is a sum of rounded lines.
 */

export interface Split {
  payee: string;
  type: 'revenue' | 'overlay';
  share: string;
}

export interface Credit {
  id: string;
  date: string;
  amount: string;
  currency?: string;
  grossProfit?: string;
  splits?: Split[];
  refund?: { date: string; amount: string };
}

export interface Payee {
  id: string;
  startDate?: string;
  endDate?: string;
}

export interface FxRate {
  from: string;
  to: string;
  /** Units of `to` per one unit of `from`. */
  rate: string;
  effectiveFrom: string;
}

export interface SimulationInput {
  plan: Plan | Plan[];
  payees?: Payee[];
  periods: { from: string; to: string };
  /** Overrides the plan's quota (per period, before proration). */
  quota?: string;
  credits: Credit[];
  fxRates?: FxRate[];
  payoutCurrency?: string;
  /** The day the payout converts to payoutCurrency; default each period's last day. */
  payoutDate?: string;
}

export type LineKind =
  | 'base'
  | 'commission'
  | 'profitShare'
  | 'bonus'
  | 'award'
  | 'cap'
  | 'clawback'
  | 'carryIn'
  | 'carryForward'
  | 'deferred'
  | 'released'
  | 'drawAdvanced'
  | 'drawRecovered';

export interface Line {
  kind: LineKind;
  creditId?: string;
  amount: string;
  explanation: string;
}

export interface Statement {
  payee: string;
  period: { from: string; to: string };
  currency: string;
  base: string;
  credit: string;
  quota: string | null;
  attainment: string | null;
  lines: Line[];
  /** Base plus variable pay earned (commission, profit share, bonus, less the cap). */
  gross: string;
  /** Sum of clawback lines (zero or negative). */
  clawback: string;
  drawAdvanced: string;
  drawRecovered: string;
  deferred: string;
  released: string;
  /** Sum of every cash line (award lines are never cash). */
  paid: string;
  /** Negative balance carried to the next period (zero or negative). */
  carryForward: string;
  /** Recoverable draw still to be recovered after this period. */
  drawBalance: string;
  /** Value of non-cash awards (cost of sales, never paid). */
  nonCash: string;
}

export interface SimulationResult {
  statements: Statement[];
}

export class SimulationError extends Error {
  readonly errors: PlanError[];
  constructor(errors: PlanError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'SimulationError';
    this.errors = errors;
  }
}

export const DEFAULT_PAYEE = 'payee';
const MAX_PERIODS = 240;
const DECIMAL = /^\d{1,15}(\.\d{1,12})?$/;
const RM: Record<Rounding, Big.RoundingMode> = { halfUp: Big.roundHalfUp, halfEven: Big.roundHalfEven };
const ZERO = new Big(0);
const PERIODS_PER_YEAR = { month: 12, quarter: 4, year: 1 } as const;

// ---------------------------------------------------------------------------------------------
// Dates and periods

const dayNumber = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
const fromDayNumber = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);
const maxDate = (a: string, b: string): string => (a > b ? a : b);
const minDate = (a: string, b: string): string => (a < b ? a : b);
/** Days from a to b, both inclusive (0 when b < a). */
const daysInclusive = (a: string, b: string): number => Math.max(0, dayNumber(b) - dayNumber(a) + 1);

export interface Period {
  from: string;
  to: string;
  label: string;
}

/** The calendar periods of `type` from the one containing `from` to the one containing `to`. */
export function periodsBetween(from: string, to: string, type: Plan['periodType']): Period[] {
  const months = type === 'month' ? 1 : type === 'quarter' ? 3 : 12;
  let [year, month] = from.split('-').map(Number) as [number, number];
  month = Math.floor((month - 1) / months) * months + 1;
  const periods: Period[] = [];
  for (;;) {
    const start = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
    if (start > to || periods.length > MAX_PERIODS) break;
    const next = month + months > 12 ? { year: year + 1, month: month + months - 12 } : { year, month: month + months };
    const end = fromDayNumber(dayNumber(`${String(next.year).padStart(4, '0')}-${String(next.month).padStart(2, '0')}-01`) - 1);
    const label = type === 'month' ? start.slice(0, 7) : type === 'quarter' ? `${year}-Q${(month + 2) / 3}` : String(year);
    periods.push({ from: start, to: end, label });
    ({ year, month } = next);
  }
  return periods;
}

/** The index of the period holding `date` (binary search), or -1. */
function periodIndexOf(periods: readonly Period[], date: string): number {
  let low = 0;
  let high = periods.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const period = periods[mid]!;
    if (date < period.from) high = mid - 1;
    else if (date > period.to) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** The first day of the period `n` periods after the one starting on `from`. */
function shiftPeriodStart(from: string, n: number, type: Plan['periodType']): string {
  const months = (type === 'month' ? 1 : type === 'quarter' ? 3 : 12) * n;
  const [y, m] = from.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

// ---------------------------------------------------------------------------------------------
// Formatting (explanations a person can redo by hand)

const digitsOf = (currency: string): number => currencyDigits(currency);
const roundTo = (value: Big, currency: string, rounding: Rounding): Big => value.round(digitsOf(currency), RM[rounding]);

/** "12,000.00": at least the currency's decimals, more only when the value is finer (a split share). */
function fmt(value: Big, currency: string): string {
  const digits = digitsOf(currency);
  const exact = value.toFixed();
  const decimals = Math.max(digits, exact.includes('.') ? exact.split('.')[1]!.length : 0);
  const text = value.toFixed(decimals);
  const negative = text.startsWith('-');
  const [int, frac] = text.replace('-', '').split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}
const money = (value: Big, currency: string): string => value.toFixed(digitsOf(currency));
/** "7 %", "3.5 %". */
const pct = (fraction: Big): string => `${fraction.times(100).toString()} %`;
/** Attainment as a percentage for explanations, truncated (never rounded up across a gate). */
const attainmentPct = (fraction: Big): string => `${fraction.times(100).round(4, Big.roundDown).toString()} %`;

// ---------------------------------------------------------------------------------------------
// Input validation (beyond the plan document)

interface Allocation {
  credit: Credit;
  index: number;
  version: Plan;
  /** The payee's share of the credit's measure, in plan currency, exact. */
  measured: Big;
  /** The payee's share of gross profit, in plan currency, exact; null when the credit has none. */
  grossProfit: Big | null;
  share: Big;
  splitType: Split['type'] | 'default';
}

function fxTable(rates: readonly FxRate[]): Map<string, DatedRate[]> {
  const table = new Map<string, DatedRate[]>();
  for (const rate of rates) {
    const key = `${rate.from}>${rate.to}`;
    const list = table.get(key) ?? [];
    list.push({ effectiveOn: rate.effectiveFrom, rate: rate.rate });
    table.set(key, list);
  }
  for (const list of table.values()) list.sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0));
  return table;
}

/** Units of `to` per unit of `from` on `date`: the latest rate effective on or before it (or the inverse of one). */
function rateOn(table: Map<string, DatedRate[]>, from: string, to: string, date: string): Big | undefined {
  const direct = table.get(`${from}>${to}`);
  const rate = direct ? pickRate(direct, date) : undefined;
  if (rate !== undefined) return new Big(rate);
  const inverse = table.get(`${to}>${from}`);
  const back = inverse ? pickRate(inverse, date) : undefined;
  return back !== undefined ? new Big(1).div(back) : undefined;
}

function checkInput(input: SimulationInput, errors: PlanError[]): void {
  const add = (path: string, message: string) => errors.push({ path, message });
  const { periods } = input;
  if (!periods || !isIsoDate(periods.from)) add('periods.from', 'must be a date YYYY-MM-DD');
  if (!periods || !isIsoDate(periods.to)) add('periods.to', 'must be a date YYYY-MM-DD');
  else if (isIsoDate(periods.from) && periods.to < periods.from) add('periods.to', 'must not be before periods.from');
  if (input.quota !== undefined && !DECIMAL.test(input.quota)) add('quota', 'must be a non-negative amount like "150000.00"');
  if (input.payoutCurrency !== undefined && !isCurrency(input.payoutCurrency)) add('payoutCurrency', 'must be an ISO 4217 currency code');
  if (input.payoutDate !== undefined && !isIsoDate(input.payoutDate)) add('payoutDate', 'must be a date YYYY-MM-DD');
  (input.fxRates ?? []).forEach((rate, i) => {
    if (!isCurrency(rate.from)) add(`fxRates[${i}].from`, 'must be an ISO 4217 currency code');
    if (!isCurrency(rate.to)) add(`fxRates[${i}].to`, 'must be an ISO 4217 currency code');
    if (!DECIMAL.test(rate.rate) || new Big(rate.rate).eq(0)) add(`fxRates[${i}].rate`, 'must be a positive decimal like "1.0850"');
    if (!isIsoDate(rate.effectiveFrom)) add(`fxRates[${i}].effectiveFrom`, 'must be a date YYYY-MM-DD');
  });
  const payeeIds = new Set<string>();
  (input.payees ?? []).forEach((payee, i) => {
    if (typeof payee.id !== 'string' || payee.id === '') add(`payees[${i}].id`, 'is required');
    else if (payeeIds.has(payee.id)) add(`payees[${i}].id`, `"${payee.id}" is listed twice`);
    payeeIds.add(payee.id);
    if (payee.startDate !== undefined && !isIsoDate(payee.startDate)) add(`payees[${i}].startDate`, 'must be a date YYYY-MM-DD');
    if (payee.endDate !== undefined && !isIsoDate(payee.endDate)) add(`payees[${i}].endDate`, 'must be a date YYYY-MM-DD');
    if (payee.startDate && payee.endDate && payee.endDate < payee.startDate) add(`payees[${i}].endDate`, 'must not be before startDate');
  });
  const creditIds = new Set<string>();
  input.credits.forEach((credit, i) => {
    const at = `credits[${i}]`;
    if (creditIds.has(credit.id)) add(`${at}.id`, `"${credit.id}" is listed twice`);
    creditIds.add(credit.id);
    if (!isIsoDate(credit.date)) add(`${at}.date`, 'must be a date YYYY-MM-DD');
    if (!DECIMAL.test(credit.amount)) add(`${at}.amount`, 'must be a non-negative amount like "12000.00"');
    if (credit.grossProfit !== undefined && !/^-?\d{1,15}(\.\d{1,12})?$/.test(credit.grossProfit)) add(`${at}.grossProfit`, 'must be an amount like "3000.00"');
    if (credit.currency !== undefined && !isCurrency(credit.currency)) add(`${at}.currency`, 'must be an ISO 4217 currency code');
    if (credit.refund) {
      if (!isIsoDate(credit.refund.date)) add(`${at}.refund.date`, 'must be a date YYYY-MM-DD');
      else if (isIsoDate(credit.date) && credit.refund.date < credit.date) add(`${at}.refund.date`, `must not be before the credit date (${credit.date})`);
      if (!DECIMAL.test(credit.refund.amount)) add(`${at}.refund.amount`, 'must be a non-negative amount like "5000.00"');
      else if (DECIMAL.test(credit.amount) && new Big(credit.refund.amount).gt(credit.amount)) add(`${at}.refund.amount`, `must not exceed the credit amount (${credit.amount})`);
    }
    if (credit.splits !== undefined) checkSplits(credit.splits, `${at}.splits`, input.payees ? payeeIds : null, add);
  });
}

function checkSplits(splits: Split[], at: string, payees: Set<string> | null, add: (path: string, message: string) => void): void {
  if (splits.length === 0) {
    add(at, 'must name at least one payee (or leave splits out)');
    return;
  }
  let revenue = ZERO;
  let revenueCount = 0;
  const seen = new Set<string>();
  splits.forEach((split, j) => {
    const key = `${split.type}:${split.payee}`;
    if (seen.has(key)) add(`${at}[${j}]`, `"${split.payee}" has two ${split.type} splits on this credit`);
    seen.add(key);
    if (payees && !payees.has(split.payee)) add(`${at}[${j}].payee`, `"${split.payee}" is not one of the payees`);
    if (split.type !== 'revenue' && split.type !== 'overlay') add(`${at}[${j}].type`, 'must be "revenue" or "overlay"');
    if (!/^\d(\.\d{1,12})?$/.test(split.share) || new Big(split.share).gt(1) || new Big(split.share).eq(0)) {
      add(`${at}[${j}].share`, 'must be a fraction greater than 0 and at most 1, like "0.60"');
      return;
    }
    if (split.type === 'revenue') {
      revenue = revenue.plus(split.share);
      revenueCount++;
    }
  });
  if (!revenue.eq(1)) {
    add(
      at,
      revenueCount === 0
        ? 'has no revenue split: revenue splits must total exactly 1 (100 %); overlay splits come on top'
        : `revenue splits total ${revenue.toString()} (${pct(revenue)}); they must total exactly 1 (100 %) — overlay splits may add beyond it`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Tiers

/** The boundaries of a tier in amount (attainment tiers × quota). */
const bound = (value: string, on: 'amount' | 'attainment', quota: Big | null): Big => (on === 'attainment' ? new Big(value).times(quota!) : new Big(value));

/** Marginal: each slice of [lo, hi) pays its tier's rate. */
function marginalSlices(tiers: Tier[], on: 'amount' | 'attainment', quota: Big | null, lo: Big, hi: Big): { slice: Big; rate: Big; tier: number }[] {
  const slices: { slice: Big; rate: Big; tier: number }[] = [];
  tiers.forEach((tier, i) => {
    const from = bound(tier.from, on, quota);
    const a = lo.gt(from) ? lo : from;
    const b = tier.to === null ? hi : hi.lt(bound(tier.to, on, quota)) ? hi : bound(tier.to, on, quota);
    if (b.gt(a)) slices.push({ slice: b.minus(a), rate: new Big(tier.rate), tier: i + 1 });
  });
  return slices;
}

/** Retroactive: the tier the total reaches (half-open: a boundary belongs to the upper tier). */
function reachedTier(tiers: Tier[], on: 'amount' | 'attainment', quota: Big | null, total: Big): number {
  let reached = 0;
  tiers.forEach((tier, i) => {
    if (total.gte(bound(tier.from, on, quota))) reached = i;
  });
  return reached;
}

// ---------------------------------------------------------------------------------------------
// The simulation

interface PaidLine {
  component: string;
  amount: Big;
}

interface Deferral {
  releaseIndex: number;
  amount: Big;
  label: string;
}

interface PayeeState {
  carry: Big;
  drawBalance: Big;
  drawAmount: Big;
  statementsSoFar: number;
  deferrals: Deferral[];
  paidByCredit: Map<string, PaidLine[]>;
}

interface RawLine {
  kind: LineKind;
  creditId?: string;
  amount: Big;
  explanation: string;
}

export function simulate(input: SimulationInput): SimulationResult {
  const planErrors = validatePlan(input.plan).map((e) => ({ path: e.path ? (e.path.startsWith('[') ? `plan${e.path}` : `plan.${e.path}`) : 'plan', message: e.message }));
  if (planErrors.length > 0) throw new SimulationError(planErrors);
  const errors: PlanError[] = [];
  checkInput(input, errors);
  if (errors.length > 0) throw new SimulationError(errors);

  const versions = planVersions(input.plan);
  const first = versions[0]!;
  const currency = first.currency;
  const periodType = first.periodType;
  const periods = periodsBetween(input.periods.from, input.periods.to, periodType);
  if (periods.length > MAX_PERIODS) throw new SimulationError([{ path: 'periods', message: `spans more than ${MAX_PERIODS} ${periodType}s` }]);
  const fx = fxTable(input.fxRates ?? []);
  const quotaOverride = input.quota !== undefined ? new Big(input.quota) : undefined;

  // Payees: as given, or those named in the splits (first mention first), or "payee".
  const payees: Payee[] = input.payees ? input.payees : [];
  if (!input.payees) {
    const named = new Set<string>();
    for (const credit of input.credits) {
      for (const payee of credit.splits ? credit.splits.map((s) => s.payee) : [DEFAULT_PAYEE]) {
        if (!named.has(payee)) {
          named.add(payee);
          payees.push({ id: payee });
        }
      }
    }
    if (payees.length === 0) payees.push({ id: DEFAULT_PAYEE });
  }
  const payeeIds = new Set(payees.map((p) => p.id));
  const defaultPayee = payees.length === 1 && input.payees ? payees[0]!.id : DEFAULT_PAYEE;

  // Each credit under the version in force on its date, converted to the plan currency.
  const allocations = new Map<string, Allocation[]>(payees.map((p) => [p.id, []]));
  const order = input.credits.map((credit, index) => ({ credit, index })).sort((a, b) => (a.credit.date < b.credit.date ? -1 : a.credit.date > b.credit.date ? 1 : a.index - b.index));
  const convert = (text: string, from: string | undefined, date: string, rounding: Rounding, path: string): Big | undefined => {
    if (from === undefined || from === currency) return new Big(text);
    const rate = rateOn(fx, from, currency, date);
    if (!rate) {
      errors.push({ path, message: `no FX rate ${from}→${currency} effective on or before ${date}` });
      return undefined;
    }
    return roundTo(new Big(text).times(rate), currency, rounding);
  };
  for (const { credit, index } of order) {
    const at = `credits[${index}]`;
    const version = versionOn(versions, credit.date);
    if (!version) {
      if (credit.date >= periods[0]!.from && credit.date <= periods.at(-1)!.to) errors.push({ path: `${at}.date`, message: `no plan version is in force on ${credit.date}` });
      continue;
    }
    const rounding = version.rounding ?? 'halfUp';
    const amount = convert(credit.amount, credit.currency, credit.date, rounding, `${at}.currency`);
    const grossProfit = credit.grossProfit === undefined ? null : convert(credit.grossProfit, credit.currency, credit.date, rounding, `${at}.currency`);
    if (amount === undefined || grossProfit === undefined) continue;
    let measure = amount;
    if (version.measure === 'grossProfit') {
      if (grossProfit === null) {
        errors.push({ path: `${at}.grossProfit`, message: 'is required: the plan measures gross profit' });
        continue;
      }
      measure = grossProfit;
    }
    const splits: { payee: string; share: Big; type: Allocation['splitType'] }[] = credit.splits
      ? credit.splits.map((s) => ({ payee: s.payee, share: new Big(s.share), type: s.type }))
      : [{ payee: defaultPayee, share: new Big(1), type: 'default' }];
    for (const split of splits) {
      if (!payeeIds.has(split.payee)) {
        errors.push({ path: `${at}.splits`, message: `the credit has no splits and no payee is named "${DEFAULT_PAYEE}": give the credit splits` });
        continue;
      }
      allocations.get(split.payee)!.push({
        credit,
        index,
        version,
        measured: measure.times(split.share),
        grossProfit: grossProfit === null ? null : grossProfit.times(split.share),
        share: split.share,
        splitType: split.type,
      });
    }
  }
  if (errors.length > 0) throw new SimulationError(errors);

  const statements: Statement[] = [];
  for (const payee of payees) {
    const state: PayeeState = { carry: ZERO, drawBalance: ZERO, drawAmount: ZERO, statementsSoFar: 0, deferrals: [], paidByCredit: new Map() };
    const mine = allocations.get(payee.id)!;
    const byPeriod = new Map<number, Allocation[]>();
    for (const allocation of mine) {
      const index = periodIndexOf(periods, allocation.credit.date);
      if (index < 0) continue;
      const list = byPeriod.get(index);
      if (list) list.push(allocation);
      else byPeriod.set(index, [allocation]);
    }
    const refunds = mine.filter((a) => a.credit.refund !== undefined);
    periods.forEach((period, periodIndex) => {
      const statement = computePeriod({ payee, period, periodIndex, periods, versions, byPeriod, refunds, state, quotaOverride, currency });
      if (statement) statements.push(finish(statement, input, fx, currency));
    });
  }
  return { statements };
}

interface PeriodArgs {
  payee: Payee;
  period: Period;
  periodIndex: number;
  periods: Period[];
  versions: Plan[];
  /** The payee's allocations by the index of the period of their credit date. */
  byPeriod: Map<number, Allocation[]>;
  /** The payee's allocations whose credit has a refund. */
  refunds: Allocation[];
  state: PayeeState;
  quotaOverride: Big | undefined;
  currency: string;
}

interface RawStatement {
  payee: string;
  period: Period;
  rounding: Rounding;
  credit: Big;
  quota: Big | null;
  attainment: Big | null;
  lines: RawLine[];
  carryForward: Big;
  drawBalance: Big;
}

function computePeriod(args: PeriodArgs): RawStatement | null {
  const { payee, period, periodIndex, periods, versions, byPeriod, refunds, state, quotaOverride, currency } = args;
  const employedFrom = maxDate(period.from, payee.startDate ?? period.from);
  const employedTo = minDate(period.to, payee.endDate ?? period.to);
  if (employedTo < employedFrom) return null;
  const periodDays = daysInclusive(period.from, period.to);

  // Version segments of the period: base and quota prorate by the days each version is in force.
  const segments: { version: Plan; days: number }[] = [];
  for (const version of versions) {
    const prorate = (version.proration ?? 'calendarDays') === 'calendarDays';
    const a = maxDate(prorate ? employedFrom : period.from, version.effectiveFrom ?? period.from);
    const b = minDate(prorate ? employedTo : period.to, version.effectiveTo ?? period.to);
    const days = daysInclusive(a, b);
    if (days > 0) segments.push({ version, days });
  }
  if (segments.length === 0) return null;
  const plan = versionOn(versions, employedTo) ?? segments.at(-1)!.version;
  const rounding = plan.rounding ?? 'halfUp';
  const round = (value: Big, r: Rounding = rounding) => roundTo(value, currency, r);
  const lines: RawLine[] = [];
  const perYear = PERIODS_PER_YEAR[plan.periodType];

  // Base
  for (const { version, days } of segments) {
    if (!version.base) continue;
    const annual = new Big(version.base.annual);
    const prorated = days !== periodDays;
    const amount = roundTo(annual.div(perYear).times(days).div(periodDays), currency, version.rounding ?? 'halfUp');
    lines.push({
      kind: 'base',
      amount,
      explanation: `Base ${fmt(annual, currency)} ÷ ${perYear}${prorated ? ` × ${days}/${periodDays} days` : ''}${segments.length > 1 ? ` (${version.name ?? 'plan'} from ${version.effectiveFrom})` : ''}`,
    });
  }

  // Quota (prorated, rounded to the currency) and attainment
  let quota: Big | null = null;
  for (const { version, days } of segments) {
    const q = quotaOverride ?? (version.quota !== undefined ? new Big(version.quota) : undefined);
    if (q === undefined) continue;
    quota = (quota ?? ZERO).plus(q.times(days).div(periodDays));
  }
  if (quota !== null) quota = round(quota);
  const inPeriod = (byPeriod.get(periodIndex) ?? []).filter((a) => a.credit.date >= employedFrom && a.credit.date <= employedTo);
  const credit = inPeriod.reduce((sum, a) => sum.plus(a.measured), ZERO);
  const attainment = quota !== null && quota.gt(0) ? credit.div(quota) : null;
  const needsAttainment = (what: string) => {
    if (attainment === null) throw new SimulationError([{ path: 'quota', message: `is required (and above 0): ${what} depends on attainment` }]);
    return attainment;
  };

  // Gate and attainment cap (from the version in force at the end of the period)
  let gateMet = true;
  let threshold = ZERO;
  let gateNote = '';
  if (plan.gate) {
    const level = new Big(plan.gate.attainmentAtLeast);
    const att = needsAttainment('the gate');
    gateMet = att.gte(level);
    if (!gateMet) gateNote = ` — not paid: attainment ${attainmentPct(att)} is below the gate ${pct(level)}`;
    else if (plan.gate.payFrom === 'threshold') threshold = level.times(quota!);
  }
  let ceiling: Big | null = null;
  if (plan.cap && 'attainment' in plan.cap) {
    needsAttainment('the attainment cap');
    ceiling = new Big(plan.cap.attainment).times(quota!);
  }
  const total = ceiling && credit.gt(ceiling) ? ceiling : credit;

  // One line per credit × component
  let earned = ZERO;
  let cumulative = ZERO;
  for (const allocation of inPeriod) {
    const { credit: c, version } = allocation;
    const r = version.rounding ?? 'halfUp';
    const start = cumulative;
    cumulative = cumulative.plus(allocation.measured);
    const lo = start.gt(threshold) ? start : threshold;
    const hi = ceiling && cumulative.gt(ceiling) ? ceiling : cumulative;
    const eligible = hi.gt(lo) ? hi.minus(lo) : ZERO;
    const share = allocation.splitType === 'default' ? '' : ` (${allocation.splitType} split ${pct(allocation.share)})`;
    let note = '';
    if (gateMet && eligible.lt(allocation.measured)) {
      const parts: string[] = [];
      if (threshold.gt(start)) parts.push(`paid only above the gate threshold ${fmt(threshold, currency)}`);
      if (ceiling && cumulative.gt(ceiling)) parts.push(`credit beyond the ${pct(new Big((plan.cap as { attainment: string }).attainment))} attainment cap ignored`);
      note = parts.length ? ` — of ${fmt(allocation.measured, currency)} credited, ${parts.join('; ')}` : '';
    }
    const paid: PaidLine[] = state.paidByCredit.get(c.id) ?? [];
    version.components.forEach((component: Component, ci) => {
      let exact = ZERO;
      let explanation: string;
      let kind: LineKind = 'commission';
      switch (component.type) {
        case 'flat':
          exact = eligible.times(component.rate);
          explanation = `${c.id} · ${fmt(eligible, currency)} × ${pct(new Big(component.rate))} (flat)`;
          break;
        case 'tiered': {
          if (component.on === 'attainment') needsAttainment('a tiered component on attainment');
          const n = component.tiers.length;
          if (component.method === 'marginal') {
            const slices = marginalSlices(component.tiers, component.on, quota, lo, hi);
            exact = slices.reduce((sum, s) => sum.plus(s.slice.times(s.rate)), ZERO);
            explanation = `${c.id} · ${slices.length === 0 ? `${fmt(ZERO, currency)} (marginal)` : slices.map((s) => `${fmt(s.slice, currency)} × ${pct(s.rate)} (tier ${s.tier} of ${n}, marginal)`).join(' + ')}`;
          } else {
            const tier = reachedTier(component.tiers, component.on, quota, total);
            const rate = new Big(component.tiers[tier]!.rate);
            exact = eligible.times(rate);
            const reached = component.on === 'attainment' ? `attainment ${attainmentPct(total.div(quota!))}` : `period credit ${fmt(total, currency)}`;
            explanation = `${c.id} · ${fmt(eligible, currency)} × ${pct(rate)} (tier ${tier + 1} of ${n}, retroactive: ${reached})`;
          }
          break;
        }
        case 'profitShare':
          if (allocation.grossProfit === null) return;
          kind = 'profitShare';
          exact = allocation.grossProfit.times(component.rate);
          explanation = `${c.id} · gross profit ${fmt(allocation.grossProfit, currency)} × ${pct(new Big(component.rate))} (profit share)`;
          break;
        default:
          return; // bonus and award are per period, below
      }
      const amount = gateMet ? roundTo(exact, currency, r) : ZERO;
      earned = earned.plus(amount);
      if (!amount.eq(0)) paid.push({ component: `${component.type}#${ci}`, amount });
      lines.push({ kind, creditId: c.id, amount, explanation: `${explanation}${share}${kind === 'commission' ? note : ''}${gateNote}` });
    });
    state.paidByCredit.set(c.id, paid);
  }

  // Bonus and award (the version in force at the end of the period)
  for (const component of plan.components) {
    if (component.type === 'bonus') {
      const level = new Big(component.whenAttainmentAtLeast);
      const att = needsAttainment('a bonus');
      if (!att.gte(level)) continue;
      const amount = gateMet ? new Big(component.amount) : ZERO;
      earned = earned.plus(amount);
      lines.push({ kind: 'bonus', amount, explanation: `Bonus ${fmt(new Big(component.amount), currency)}: attainment ${attainmentPct(att)} ≥ ${pct(level)}${gateNote}` });
    } else if (component.type === 'award') {
      const level = new Big(component.whenAttainmentAtLeast ?? '1');
      const att = needsAttainment('an award');
      if (!att.gte(level) || !gateMet) continue;
      lines.push({ kind: 'award', amount: new Big(component.value), explanation: `Award (non-cash, not paid): ${component.description}, value ${fmt(new Big(component.value), currency)} — attainment ${attainmentPct(att)} ≥ ${pct(level)}` });
    }
  }

  // Payout cap
  if (plan.cap && 'payout' in plan.cap) {
    const cap = new Big(plan.cap.payout);
    if (earned.gt(cap)) {
      lines.push({ kind: 'cap', amount: cap.minus(earned), explanation: `Cap: variable pay ${fmt(earned, currency)} limited to ${fmt(cap, currency)} per period` });
      earned = cap;
    }
  }

  // Clawbacks: refunds dated in this period reverse what was paid on the refunded share
  let clawback = ZERO;
  for (const allocation of refunds) {
    const { credit: c, version } = allocation;
    const refund = c.refund;
    if (!refund || !version.clawback?.onRefund || refund.date < period.from || refund.date > period.to || c.date < periods[0]!.from) continue;
    const days = dayNumber(refund.date) - dayNumber(c.date);
    const refundText = `${c.id} · refund ${fmt(new Big(refund.amount), c.currency ?? currency)} of ${fmt(new Big(c.amount), c.currency ?? currency)} on ${refund.date} (${days} days after the credit)`;
    if (days > version.clawback.windowDays) {
      lines.push({ kind: 'clawback', creditId: c.id, amount: ZERO, explanation: `${refundText}: outside the ${version.clawback.windowDays}-day window, nothing clawed back` });
      continue;
    }
    const paidLines = state.paidByCredit.get(c.id) ?? [];
    if (paidLines.length === 0 || new Big(c.amount).eq(0)) {
      lines.push({ kind: 'clawback', creditId: c.id, amount: ZERO, explanation: `${refundText}: nothing was paid on it` });
      continue;
    }
    for (const line of paidLines) {
      const amount = roundTo(line.amount.times(refund.amount).div(c.amount).neg(), currency, version.rounding ?? 'halfUp');
      clawback = clawback.plus(amount);
      lines.push({ kind: 'clawback', creditId: c.id, amount, explanation: `${refundText}: −(${fmt(line.amount, currency)} paid × ${fmt(new Big(refund.amount), c.currency ?? currency)} ÷ ${fmt(new Big(c.amount), c.currency ?? currency)})` });
    }
  }

  // Negative net carried forward (base never reduced), deferral, release, draw
  let variable = earned.plus(clawback);
  if (state.carry.lt(0)) {
    lines.push({ kind: 'carryIn', amount: state.carry, explanation: `Negative balance ${fmt(state.carry, currency)} carried from the previous period` });
    variable = variable.plus(state.carry);
  }
  let carryForward = ZERO;
  if (variable.lt(0)) {
    carryForward = variable;
    lines.push({ kind: 'carryForward', amount: variable.neg(), explanation: `Negative variable net ${fmt(variable, currency)} carried forward: variable pays 0, base is not reduced` });
    variable = ZERO;
  } else if (plan.deferral && variable.gt(0)) {
    const rate = new Big(plan.deferral.rate);
    const deferred = round(variable.times(rate));
    const releaseIndex = periodIndex + plan.deferral.releaseAfterPeriods;
    const release = periods[releaseIndex];
    const releaseFrom = shiftPeriodStart(period.from, plan.deferral.releaseAfterPeriods, plan.periodType);
    const releaseLabel = release?.label ?? `the period starting ${releaseFrom}`;
    const leaves = payee.endDate !== undefined && payee.endDate < releaseFrom;
    if (!deferred.eq(0)) {
      lines.push({
        kind: 'deferred',
        amount: deferred.neg(),
        explanation: `Deferred ${pct(rate)} of ${fmt(variable, currency)}, released in ${releaseLabel}${leaves ? ` — forfeited: the payee leaves on ${payee.endDate} before the release` : ''}`,
      });
      if (!leaves) state.deferrals.push({ releaseIndex, amount: deferred, label: period.label });
    }
    variable = variable.minus(deferred);
  }
  for (const deferral of state.deferrals.filter((d) => d.releaseIndex === periodIndex)) {
    lines.push({ kind: 'released', amount: deferral.amount, explanation: `Released: ${fmt(deferral.amount, currency)} deferred in ${deferral.label}` });
    variable = variable.plus(deferral.amount);
  }
  state.deferrals = state.deferrals.filter((d) => d.releaseIndex !== periodIndex);

  const drawIndex = state.statementsSoFar;
  if (plan.draw && drawIndex < plan.draw.periods) {
    const guarantee = new Big(plan.draw.amount);
    state.drawAmount = guarantee;
    if (variable.lt(guarantee)) {
      const advance = guarantee.minus(variable);
      lines.push({
        kind: 'drawAdvanced',
        amount: advance,
        explanation: `Draw (${plan.draw.type === 'recoverable' ? 'recoverable' : 'non-recoverable'}, period ${drawIndex + 1} of ${plan.draw.periods}): variable ${fmt(variable, currency)} topped up to ${fmt(guarantee, currency)}`,
      });
      if (plan.draw.type === 'recoverable') state.drawBalance = state.drawBalance.plus(advance);
      variable = guarantee;
    }
  }
  if (state.drawBalance.gt(0) && variable.gt(state.drawAmount)) {
    const above = variable.minus(state.drawAmount);
    const recovered = above.lt(state.drawBalance) ? above : state.drawBalance;
    lines.push({ kind: 'drawRecovered', amount: recovered.neg(), explanation: `Draw recovered: ${fmt(recovered, currency)} of the ${fmt(state.drawBalance, currency)} advanced, from variable pay above ${fmt(state.drawAmount, currency)}` });
    state.drawBalance = state.drawBalance.minus(recovered);
  }

  state.carry = carryForward;
  state.statementsSoFar++;
  return { payee: payee.id, period, rounding, credit, quota, attainment, lines, carryForward, drawBalance: state.drawBalance };
}

const GROSS_KINDS: ReadonlySet<LineKind> = new Set(['base', 'commission', 'profitShare', 'bonus', 'cap']);

/** Converts to the payout currency (round after each conversion) and sums the rounded lines. */
function finish(raw: RawStatement, input: SimulationInput, fx: Map<string, DatedRate[]>, planCurrency: string): Statement {
  const payout = input.payoutCurrency ?? planCurrency;
  let convert = (value: Big): Big => value;
  let suffix = '';
  if (payout !== planCurrency) {
    const date = input.payoutDate ?? raw.period.to;
    const rate = rateOn(fx, planCurrency, payout, date);
    if (!rate) throw new SimulationError([{ path: 'fxRates', message: `no FX rate ${planCurrency}→${payout} effective on or before the payout date ${date}` }]);
    convert = (value) => roundTo(value.times(rate), payout, raw.rounding);
    suffix = ` → ${payout} at ${rate.toString()} (${date})`;
  }
  // The carry-forward line brings the variable net to exactly 0 in the payout currency too, so
  // it is the negation of the converted lines before it (not a separately rounded conversion).
  let variableSoFar = ZERO;
  const lines: Line[] = raw.lines.map((line) => {
    const amount = line.kind === 'carryForward' && payout !== planCurrency ? variableSoFar.neg() : convert(line.amount);
    if (line.kind !== 'base' && line.kind !== 'award') variableSoFar = variableSoFar.plus(amount);
    return { kind: line.kind, ...(line.creditId !== undefined ? { creditId: line.creditId } : {}), amount: money(amount, payout), explanation: `${line.explanation}${suffix}` };
  });
  const sum = (kinds: (kind: LineKind) => boolean, sign = 1): string =>
    money(
      lines.reduce((total, line) => (kinds(line.kind) ? total.plus(line.amount) : total), ZERO).times(sign),
      payout,
    );
  return {
    payee: raw.payee,
    period: { from: raw.period.from, to: raw.period.to },
    currency: payout,
    base: sum((k) => k === 'base'),
    credit: money(convert(roundTo(raw.credit, planCurrency, raw.rounding)), payout),
    quota: raw.quota === null ? null : money(convert(raw.quota), payout),
    attainment: raw.attainment === null ? null : raw.attainment.toFixed(4),
    lines,
    gross: sum((k) => GROSS_KINDS.has(k)),
    clawback: sum((k) => k === 'clawback'),
    drawAdvanced: sum((k) => k === 'drawAdvanced'),
    drawRecovered: sum((k) => k === 'drawRecovered', -1),
    deferred: sum((k) => k === 'deferred', -1),
    released: sum((k) => k === 'released'),
    paid: sum((k) => k !== 'award'),
    carryForward: money(convert(raw.carryForward), payout),
    drawBalance: money(convert(raw.drawBalance), payout),
    nonCash: sum((k) => k === 'award'),
  };
}
