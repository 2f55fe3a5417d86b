/**
 * Request fuzzing from the OpenAPI document: a seeded random source and a generator of values from
 * JSON schemas (as @fastify/swagger publishes TypeBox schemas): valid values, boundary values and
 * values that break exactly one rule. Same seed, same requests.
 */

export type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minProperties?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  $ref?: string;
  default?: unknown;
  examples?: unknown[];
};

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number): boolean => next() < p;
  const uuid = (): string => {
    const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${pick(['8', '9', 'a', 'b'])}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  return { next, int, pick, chance, uuid };
}
export type Random = ReturnType<typeof random>;

/** Strings that have broken programs before: SQL and script fragments, unusual Unicode, control characters. */
export const HOSTILE_STRINGS = [
  "'; drop table accounts; --",
  "' or '1'='1",
  '" or ""="',
  '1; select pg_sleep(5)',
  '$$ language plpgsql $$',
  '%_\\%',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '=cmd|" /C calc"!A0',
  'Zoë Ñúñez Øresund Łódź',
  '日本語のテキスト',
  'हिन्दी पाठ',
  'مرحبا بالعالم',
  '\u202Eevil\u202C',
  'zero\u200Bwidth\uFEFF',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'tab\there\nnew line\r\n',
  'nul\u0000byte',
  'lone \uD800 surrogate',
  '\u0007\u001b[31mred',
  ' ',
  '',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '0x1F',
];

const DEREF_LIMIT = 20;

/** Follows `$ref` to `#/components/schemas/...` and picks the first branch of `allOf`. */
export function resolver(components: Record<string, Schema>) {
  const resolve = (schema: Schema | undefined, depth = 0): Schema => {
    if (!schema) return {};
    if (schema.$ref && depth < DEREF_LIMIT) return resolve(components[schema.$ref.replace('#/components/schemas/', '')], depth + 1);
    if (schema.allOf) return schema.allOf.reduce<Schema>((merged, part) => ({ ...merged, ...resolve(part, depth + 1) }), {});
    return schema;
  };
  return resolve;
}

const typeOf = (schema: Schema): string | undefined => {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.enum) return typeof schema.enum[0];
  return undefined;
};

function dateString(r: Random): string {
  return `${r.int(1990, 2040)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

/** A string matching the common patterns of this API (currency, country, decimals); null when the pattern is unknown. */
function stringForPattern(pattern: string, r: Random): string | null {
  const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(65 + r.int(0, 25))).join('');
  if (pattern === '^[A-Z]{3}$') return r.pick(['EUR', 'USD', 'SEK', 'PLN', 'INR', 'GBP', letters(3)]);
  if (pattern === '^[A-Z]{2}$') return r.pick(['DE', 'SE', 'PL', 'IN', 'US', letters(2)]);
  if (pattern.includes('\\d')) {
    const negative = pattern.includes('-?') && r.chance(0.2) ? '-' : '';
    const whole = r.pick(['0', '1', '12', String(r.int(0, 99999)), '999999999999999']);
    return `${negative}${whole}${pattern.includes('\\.') && r.chance(0.5) ? `.${r.int(0, 99)}` : ''}`;
  }
  return null;
}

export function validString(schema: Schema, r: Random, boundary = false): string {
  if (schema.enum) return String(r.pick(schema.enum));
  if (schema.format === 'uuid') return r.uuid();
  if (schema.format === 'date') return dateString(r);
  if (schema.format === 'date-time') return `${dateString(r)}T${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00.000Z`;
  if (schema.format === 'email') return `fuzz${r.int(0, 1e9)}@fuzz.example`;
  if (schema.pattern) {
    const matching = stringForPattern(schema.pattern, r);
    if (matching !== null && new RegExp(schema.pattern).test(matching)) return matching;
    if (schema.examples?.length) return String(r.pick(schema.examples));
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 40);
  if (boundary) return 'x'.repeat(r.pick([min, max]));
  const text = r.chance(0.5) ? r.pick(HOSTILE_STRINGS) : `fuzz ${r.int(0, 1e6)}`;
  const fitted = [...text].slice(0, max).join('');
  return fitted.length >= min ? fitted : fitted.padEnd(min, 'x');
}

function validNumber(schema: Schema, integer: boolean, r: Random, boundary = false): number {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 0.001) : -1000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 0.001) : 1000);
  if (boundary) return r.pick([min, max]);
  return integer ? r.int(Math.ceil(min), Math.floor(max)) : min + r.next() * (max - min);
}

/** A value the schema accepts (randomly chosen optional fields and branches); boundary values when asked. */
export function validValue(input: Schema, r: Random, resolve: (s: Schema) => Schema, boundary = false, depth = 0): unknown {
  const schema = resolve(input);
  if (schema.const !== undefined) return schema.const;
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return validValue(r.pick(branches), r, resolve, boundary, depth + 1);
  switch (typeOf(schema)) {
    case 'string':
      return validString(schema, r, boundary);
    case 'integer':
      return validNumber(schema, true, r, boundary);
    case 'number':
      return validNumber(schema, false, r, boundary);
    case 'boolean':
      return r.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? 3, min + 3);
      const length = boundary ? r.pick([min, max]) : r.int(min, max);
      const items = Array.from({ length: depth > 4 ? min : length }, () => validValue(schema.items ?? {}, r, resolve, boundary, depth + 1));
      return schema.uniqueItems ? [...new Map(items.map((item) => [JSON.stringify(item), item])).values()] : items;
    }
    case 'object': {
      const result: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (required.has(name) || (depth < 4 && r.chance(0.6))) result[name] = validValue(property, r, resolve, boundary, depth + 1);
      }
      if (Object.keys(result).length < (schema.minProperties ?? 0)) {
        const [name, property] = r.pick(Object.entries(schema.properties ?? {}));
        result[name] = validValue(property, r, resolve, boundary, depth + 1);
      }
      return result;
    }
    default:
      return r.pick([1, 'text', true, null]);
  }
}

export interface Mutation {
  /** What was broken, for the assertion message. */
  what: string;
  body: unknown;
}

const huge = (length: number) => 'ž'.repeat(length);

/** A value of a type the schema does not allow (null only where the schema does not allow null). */
function wrongType(schema: Schema, r: Random): unknown | undefined {
  const allowed = new Set<string>();
  for (const branch of schema.anyOf ?? schema.oneOf ?? [schema]) {
    const types = Array.isArray(branch.type) ? branch.type : branch.type ? [branch.type] : branch.enum ? [typeof branch.enum[0]] : [];
    for (const type of types) allowed.add(type === 'integer' ? 'number' : type);
    if (branch.properties) allowed.add('object');
  }
  if (allowed.size === 0) return undefined;
  const candidates: [string, unknown][] = [
    ['string', r.pick(['12', 'true', 'x'])],
    ['number', r.pick([7, -1, 1.5])],
    ['boolean', true],
    ['object', { nested: { deeper: [1] } }],
    ['array', [1, 'two']],
    ['null', null],
  ];
  const wrong = candidates.filter(([type]) => !allowed.has(type));
  return wrong.length ? r.pick(wrong)[1] : undefined;
}

/** Values that break one rule of a (resolved) property schema; empty when the schema has no rule to break. */
function ruleBreakers(schema: Schema, r: Random): { what: string; value: unknown }[] {
  const breakers: { what: string; value: unknown }[] = [];
  const wrong = wrongType(schema, r);
  if (wrong !== undefined) breakers.push({ what: `wrong type ${JSON.stringify(wrong)}`, value: wrong });
  const plain = (schema.anyOf ?? schema.oneOf ?? [schema]).filter((branch) => branch.type !== 'null');
  if (plain.length !== 1) {
    const enums = plain.flatMap((branch) => branch.enum ?? (branch.const !== undefined ? [branch.const] : []));
    if (enums.length === plain.length && enums.length > 0) breakers.push({ what: 'not one of the enum', value: `${String(enums[0])}_not_allowed` });
    return breakers;
  }
  const only = plain[0]!;
  if (only.enum) breakers.push({ what: 'not one of the enum', value: `${String(only.enum[0])}_not_allowed` });
  if (only.maxLength !== undefined) breakers.push({ what: `longer than ${only.maxLength}`, value: huge(only.maxLength + 1) });
  if (only.minLength !== undefined && only.minLength > 0) breakers.push({ what: `shorter than ${only.minLength}`, value: '' });
  if (only.format === 'uuid') breakers.push({ what: 'not a uuid', value: r.pick(['not-a-uuid', "1' or '1'='1", '00000000-0000-0000-0000-00000000000g']) });
  if (only.format === 'date') breakers.push({ what: 'not a date', value: r.pick(['2026-02-30', '2026-13-01', 'yesterday', '20261101']) });
  if (only.format === 'date-time') breakers.push({ what: 'not a date-time', value: r.pick(['2026-11-23 25:00', 'now', '2026-11-23T10:00:00+25:00']) });
  if (only.format === 'email') breakers.push({ what: 'not an email', value: r.pick(['no-at-sign', '@example', 'a@']) });
  if (only.pattern && !new RegExp(only.pattern).test('§ not matching ¶')) breakers.push({ what: `not matching ${only.pattern}`, value: '§ not matching ¶' });
  if (only.minimum !== undefined) breakers.push({ what: `below ${only.minimum}`, value: only.minimum - (only.type === 'integer' ? 1 : 0.5) });
  if (only.maximum !== undefined) breakers.push({ what: `above ${only.maximum}`, value: only.maximum + (only.type === 'integer' ? 1 : 0.5) });
  if (only.type === 'integer') breakers.push({ what: 'a fraction for an integer', value: 1.5 });
  if (only.maxItems !== undefined) breakers.push({ what: `more than ${only.maxItems} items`, value: Array.from({ length: only.maxItems + 1 }, () => r.uuid()) });
  return breakers;
}

/**
 * Bodies that break exactly one rule of the schema, starting from a valid body (so that nothing else
 * is wrong): wrong types, out-of-range values, too long, missing required, unknown fields, wrong shapes.
 */
export function invalidBodies(schema: Schema, valid: Record<string, unknown>, r: Random, resolve: (s: Schema) => Schema): Mutation[] {
  const mutations: Mutation[] = [
    { what: 'an array for the object', body: [valid] },
    { what: 'a string for the object', body: 'just a string' },
    { what: 'a number for the object', body: 42 },
    { what: 'null for the object', body: null },
  ];
  if (schema.additionalProperties === false) mutations.push({ what: 'an unknown field', body: { ...valid, [r.pick(['isAdmin', 'orgId', '__proto__x', 'constructor'])]: true } });
  for (const name of schema.required ?? []) {
    const { [name]: _dropped, ...rest } = valid;
    mutations.push({ what: `without required ${name}`, body: rest });
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    for (const breaker of ruleBreakers(resolve(property), r)) mutations.push({ what: `${name}: ${breaker.what}`, body: { ...valid, [name]: breaker.value } });
  }
  return mutations;
}

/** Path parameter values that name no record of the caller's organisation, or are not ids at all. */
export function badPathValues(r: Random, foreignId: string): { what: string; value: string }[] {
  return [
    { what: 'an unknown id', value: r.uuid() },
    { what: "another organisation's id", value: foreignId },
    { what: 'not an id', value: r.pick(['not-an-id', '1', 'null', '%00', '-']) },
    { what: 'an SQL fragment', value: encodeURIComponent("1' or '1'='1") },
    { what: 'a huge value', value: 'a'.repeat(r.pick([300, 5000])) },
    { what: 'unicode', value: encodeURIComponent('日本🏳️‍🌈') },
  ];
}
