import fs from 'node:fs';
import { AppError, type FieldError } from '../core/errors.ts';
import { simulate, SimulationError, type SimulationInput } from '../modules/compensation/engine.ts';

/**
 * `patron comp simulate plan.json credits.json`: the what-if simulator without a server or a
 * database. plan.json holds one plan document or an array of its versions; credits.json an array
 * of credits, or an object with `credits` and any other field of the API request (payees, periods,
 * quota, fxRates, payoutCurrency, payoutDate). Options override the file.
 */
export interface CompSimulateOptions {
  from?: string;
  to?: string;
  quota?: string;
  payoutCurrency?: string;
  payoutDate?: string;
}

export const compHelp = (): string =>
  '\ncredits.json: [{"id": "D-1", "date": "2027-02-01", "amount": "52000.00", "splits": [{"payee": "ann", "type": "revenue", "share": "1"}]}]\n' +
  'or {"credits": [...], "payees": [...], "periods": {"from": "...", "to": "..."}, "fxRates": [...]}.\n' +
  'Periods default to those spanning the credit dates. Prints {"statements": [...]} as JSON.\n' +
  '\nExit codes: 0 computed, 1 invalid plan or credits (reasons on stderr), 2 usage error (missing or unreadable file).\n';

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('validation', `cannot read the ${what} file ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('validation', `the ${what} file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape the API's JSON schema enforces, checked here because the CLI has no HTTP layer. */
function shapeErrors(input: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const strings = (value: Record<string, unknown>, at: string, required: string[], optional: string[] = []) => {
    for (const key of required) if (typeof value[key] !== 'string') errors.push({ path: `${at}.${key}`, message: 'must be a string' });
    for (const key of optional) if (value[key] !== undefined && typeof value[key] !== 'string') errors.push({ path: `${at}.${key}`, message: 'must be a string' });
  };
  const list = (value: unknown, at: string, each: (item: Record<string, unknown>, path: string) => void) => {
    if (!Array.isArray(value)) return errors.push({ path: at, message: 'must be an array' });
    value.forEach((item, i) => (isObject(item) ? each(item, `${at}[${i}]`) : errors.push({ path: `${at}[${i}]`, message: 'must be an object' })));
  };
  list(input.credits, 'credits', (credit, at) => {
    strings(credit, at, ['id', 'date', 'amount'], ['currency', 'grossProfit']);
    if (credit.splits !== undefined) list(credit.splits, `${at}.splits`, (split, path) => strings(split, path, ['payee', 'type', 'share']));
    if (credit.refund !== undefined) {
      if (isObject(credit.refund)) strings(credit.refund, `${at}.refund`, ['date', 'amount']);
      else errors.push({ path: `${at}.refund`, message: 'must be an object' });
    }
  });
  if (input.payees !== undefined) list(input.payees, 'payees', (payee, at) => strings(payee, at, ['id'], ['startDate', 'endDate']));
  if (input.fxRates !== undefined) list(input.fxRates, 'fxRates', (rate, at) => strings(rate, at, ['from', 'to', 'rate', 'effectiveFrom']));
  if (!isObject(input.periods)) errors.push({ path: 'periods', message: 'must be an object {from, to}' });
  else strings(input.periods, 'periods', ['from', 'to']);
  return errors;
}

export function compSimulate(planFile: string, creditsFile: string, options: CompSimulateOptions = {}): string {
  const plan = readJson(planFile, 'plan');
  const data = readJson(creditsFile, 'credits');
  const input: Record<string, unknown> = Array.isArray(data) ? { credits: data } : isObject(data) ? { ...data } : { credits: data };
  input.plan = plan;
  if (options.quota !== undefined) input.quota = options.quota;
  if (options.payoutCurrency !== undefined) input.payoutCurrency = options.payoutCurrency;
  if (options.payoutDate !== undefined) input.payoutDate = options.payoutDate;
  const dates = Array.isArray(input.credits) ? input.credits.map((c) => (isObject(c) && typeof c.date === 'string' ? c.date : '')).filter(Boolean).sort() : [];
  const periods = isObject(input.periods) ? input.periods : {};
  const from = options.from ?? (periods.from as string | undefined) ?? dates[0];
  const to = options.to ?? (periods.to as string | undefined) ?? dates.at(-1) ?? from;
  if (from === undefined || to === undefined) throw new AppError('validation', 'there are no credits to take the periods from: give --from and --to');
  input.periods = { from, to };
  const invalid = shapeErrors(input);
  if (invalid.length > 0) throw new AppError('unprocessable', 'The credits file is not valid', { errors: invalid });
  try {
    return JSON.stringify(simulate(input as unknown as SimulationInput), null, 2);
  } catch (error) {
    if (error instanceof SimulationError) throw new AppError('unprocessable', 'The plan or the credits are not valid', { errors: error.errors });
    throw error;
  }
}
