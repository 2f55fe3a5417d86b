import { toIsoDate } from '../../core/dates.ts';
import { formatMoney, roundMoney } from '../../core/money.ts';
import type { BuyingRole } from '../contacts/tables.ts';
import type { Stage } from '../accounts/tables.ts';
import { columnSpecs } from '../imports/columns.ts';
import type { ImportKind } from '../imports/tables.ts';
import { hashString, seededRandom, type Random } from './random.ts';
import { SUPERSTORE_CURRENCY, type SuperstoreBook, type SuperstoreCustomer } from './superstore.ts';

/**
 * The demo organisation's book of business on top of the Superstore history: who owns which
 * account, lifecycle stages, a few group hierarchies, stakeholder maps and account teams. Pure and
 * deterministic (seeded): the same history and seed give the same organisation every time.
 */

export const DEMO_SEED = 'patron-demo-v1';
export const KAM_EMAILS = ['kam1@patron.example', 'kam2@patron.example', 'kam3@patron.example', 'kam4@patron.example'] as const;
export const BD_EMAILS = ['bd1@patron.example', 'bd2@patron.example'] as const;
/** Each KAM's home territory; a share of accounts is owned across territories, as in life. */
const TERRITORY: Record<string, string> = {
  West: KAM_EMAILS[0],
  East: KAM_EMAILS[1],
  Central: KAM_EMAILS[2],
  South: KAM_EMAILS[3],
};
export const KEY_ACCOUNTS = 40;

/** Rows in the import formats (IMPORT-FORMATS.md); empty string = not given. */
export interface DemoAccountRow {
  externalId: string;
  name: string;
  parentExternalId: string;
  industry: string;
  region: string;
  country: string;
  currency: string;
  stage: Stage;
  ownerEmail: string;
  strategicFit: number;
  referenceValue: number;
  walletEstimate: string;
}

export interface DemoContactRow {
  externalId: string;
  accountExternalId: string;
  name: string;
  title: string;
  email: string;
  phone: string;
  buyingRole: BuyingRole;
  reportsToExternalId: string;
  relationshipStrength: number;
}

export interface DemoTeamRow {
  accountExternalId: string;
  email: string;
  role: 'support' | 'sourcing_bd';
}

export interface DemoBook {
  accounts: DemoAccountRow[];
  contacts: DemoContactRow[];
  team: DemoTeamRow[];
  /** External ids of the key accounts (top by revenue), best first. */
  keyAccounts: string[];
}

/** The import formats' column names (IMPORT-FORMATS.md), from the import module's own specs. */
export const DEMO_COLUMNS: Record<ImportKind, readonly string[]> = {
  accounts: columnSpecs.accounts.map((c) => c.name),
  contacts: columnSpecs.contacts.map((c) => c.name),
  products: columnSpecs.products.map((c) => c.name),
  transactions: columnSpecs.transactions.map((c) => c.name),
};

/** Invented global parents that group some Corporate customers (a global account and its subsidiaries). */
const HOLDINGS = ['Meridian Holdings', 'Northgate Holdings', 'Bluewater Holdings', 'Ashford Holdings', 'Crescent Holdings'];

/** Invented prospects in BD's pipeline: no history yet. */
const PROSPECTS: { name: string; industry: string; region: string; country: string }[] = [
  { name: 'Nordwind Logistik GmbH', industry: 'Corporate', region: 'International', country: 'DE' },
  { name: 'Biuro Kowalski Sp. z o.o.', industry: 'Corporate', region: 'International', country: 'PL' },
  { name: 'Solberg Kontorsmöbler AB', industry: 'Corporate', region: 'International', country: 'SE' },
  { name: 'Mehta Workspace Solutions Pvt Ltd', industry: 'Corporate', region: 'International', country: 'IN' },
  { name: 'Harbourside Dental Group', industry: 'Home Office', region: 'East', country: 'US' },
  { name: 'Prairie Schools Cooperative', industry: 'Corporate', region: 'Central', country: 'US' },
];

const FIRST_NAMES = [
  'Amara', 'Kenji', 'Sofia', 'Lukas', 'Ingrid', 'Rahul', 'Chiara', 'Mateo', 'Aisha', 'Henrik', 'Mei', 'Olu', 'Zofia', 'Diego',
  'Freya', 'Arjun', 'Elena', 'Tobias', 'Yuki', 'Fatima', 'Nils', 'Ananya', 'Camille', 'Kwame', 'Marta', 'Jamal', 'Léa',
  'Björn', 'Isabela', 'Ravi', 'Agnieszka', 'Thomas', 'Hana', 'Emeka', 'Clara', 'Omar', 'Astrid', 'Wei', 'Lucía', 'Daniel',
];
const LAST_NAMES = [
  'Okafor', 'Tanaka', 'Rossi', 'Müller', 'Johansson', 'Iyer', 'Bianchi', 'García', 'Rahman', 'Nilsson', 'Chen', 'Adeyemi',
  'Kowalska', 'Fernández', 'Andersen', 'Patel', 'Popescu', 'Schneider', 'Sato', 'Haddad', 'Berg', 'Reddy', 'Dubois', 'Mensah',
  'Nowak', 'Brooks', 'Lindgren', 'Costa', 'Kumar', 'Wiśniewska', 'Keller', 'Novak', 'Eze', 'Moreau', 'Hassan', 'Dahl', 'Liu',
  'Ortega', 'Walsh', 'Yilmaz',
];

/** US area codes; with 555-0100…0199 (reserved for fiction) no real line is ever dialled. */
const AREA_CODES = ['206', '212', '303', '312', '404', '415', '503', '512', '617', '702', '713', '804', '916'];

const TITLES: Record<BuyingRole, readonly string[]> = {
  economic_buyer: ['Chief Financial Officer', 'VP Finance', 'Managing Director', 'Chief Operating Officer'],
  decision_maker: ['Head of Procurement', 'Facilities Director', 'Director of Operations', 'Purchasing Director'],
  champion: ['Office Manager', 'Workplace Services Lead', 'Facilities Coordinator'],
  influencer: ['IT Manager', 'Senior Buyer', 'Finance Controller', 'Head of Workplace Experience'],
  blocker: ['Compliance Officer', 'Category Manager, Indirect Spend', 'Internal Audit Lead'],
  user: ['Team Assistant', 'Office Administrator'],
  gatekeeper: ['Executive Assistant', 'Procurement Assistant'],
};
const STRENGTH: Record<BuyingRole, readonly number[]> = {
  economic_buyer: [0, 1, 1, 2],
  decision_maker: [0, 1, 2],
  champion: [2, 2, 1],
  influencer: [-1, 0, 1],
  blocker: [-2, -1],
  user: [0, 1],
  gatekeeper: [-1, 0],
};
/** The stakeholder map of an account by its number of contacts (2–5). */
const ROLE_SETS: Record<number, readonly (readonly BuyingRole[])[]> = {
  2: [['economic_buyer', 'champion'], ['decision_maker', 'influencer']],
  3: [['economic_buyer', 'decision_maker', 'champion'], ['decision_maker', 'champion', 'blocker']],
  4: [['economic_buyer', 'decision_maker', 'influencer', 'blocker'], ['economic_buyer', 'decision_maker', 'champion', 'user']],
  5: [['economic_buyer', 'decision_maker', 'champion', 'influencer', 'blocker'], ['economic_buyer', 'decision_maker', 'champion', 'influencer', 'gatekeeper']],
};

function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, lastDay));
  return toIsoDate(date);
}

/** ASCII for e-mail addresses and domains: "Wiśniewska" → "wisniewska". */
export function asciiSlug(text: string, separator: '' | '-' = ''): string {
  const special: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', ß: 'ss', æ: 'ae', Æ: 'AE', đ: 'd' };
  const words = text
    .replace(/[łŁøØßæÆđ]/g, (c) => special[c]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  return words.join(separator);
}

const usd = (dollars: number): string => formatMoney(roundMoney(dollars.toFixed(2), SUPERSTORE_CURRENCY), SUPERSTORE_CURRENCY);
const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, value));
/** A per-account random stream: independent of the order accounts are processed in. */
const randomFor = (seed: string, key: string): Random => seededRandom(`${seed}:${key}`);

/** Stage from the customer's last two years of history. */
export function stageFor(customer: SuperstoreCustomer, latestDate: string): Stage {
  if (customer.firstOrder > addMonths(latestDate, -6)) return 'onboarding';
  if (customer.revenueLastYear === 0n && customer.lastOrder <= addMonths(latestDate, -18)) return 'churned';
  if (customer.revenuePriorYear >= 300_000n && customer.revenueLastYear * 100n < customer.revenuePriorYear * 20n) return 'at_risk';
  return 'active';
}

export function buildDemoBook(history: SuperstoreBook, seed: string = DEMO_SEED): DemoBook {
  const rng = seededRandom(seed);
  const ranked = [...history.customers].sort((a, b) => (a.revenue === b.revenue ? a.externalId.localeCompare(b.externalId) : a.revenue > b.revenue ? -1 : 1));
  const stages = new Map(ranked.map((c) => [c.externalId, stageFor(c, history.latestDate)]));
  const handedOverFrom = addMonths(history.latestDate, -12);

  // Key accounts: the top by revenue among established customers, dealt to the four KAMs in
  // rounds of four with a seeded order per round, so each KAM gets ten of every size.
  const keyAccounts = ranked.filter((c) => stages.get(c.externalId) !== 'onboarding').slice(0, KEY_ACCOUNTS);
  const owners = new Map<string, string>();
  for (let round = 0; round * KAM_EMAILS.length < keyAccounts.length; round++) {
    const order = rng.shuffle(KAM_EMAILS);
    keyAccounts.slice(round * 4, round * 4 + 4).forEach((c, i) => owners.set(c.externalId, order[i]!));
  }
  let bdTurn = 0;
  for (const customer of ranked) {
    if (owners.has(customer.externalId)) continue;
    const random = randomFor(seed, `owner:${customer.externalId}`);
    if (stages.get(customer.externalId) === 'onboarding') owners.set(customer.externalId, BD_EMAILS[bdTurn++ % BD_EMAILS.length]!);
    else owners.set(customer.externalId, random.chance(0.85) ? (TERRITORY[customer.region] ?? random.pick(KAM_EMAILS)) : random.pick(KAM_EMAILS));
  }

  const rank = new Map(ranked.map((c, i) => [c.externalId, i]));
  const accounts: DemoAccountRow[] = [];
  const team: DemoTeamRow[] = [];
  const addTeam = (row: DemoTeamRow): void => {
    const owner = owners.get(row.accountExternalId);
    if (owner === row.email || team.some((t) => t.accountExternalId === row.accountExternalId && t.email === row.email)) return;
    team.push(row);
  };

  // Groups: a few Corporate customers under invented global parents; the parent belongs to the
  // KAM of its largest subsidiary, who joins the other subsidiaries' teams as support.
  const corporate = rng.shuffle(ranked.filter((c) => c.segment === 'Corporate' && stages.get(c.externalId) === 'active' && (rank.get(c.externalId) ?? 0) < 300));
  const parents = new Map<string, string>();
  const groups: { externalId: string; name: string; children: SuperstoreCustomer[] }[] = [];
  HOLDINGS.forEach((name, i) => {
    const children = corporate.splice(0, 3 + (i % 2)).sort((a, b) => (rank.get(a.externalId) ?? 0) - (rank.get(b.externalId) ?? 0));
    if (children.length === 0) return;
    const externalId = `GRP-${asciiSlug(name.split(' ')[0]!, '-').toUpperCase()}`;
    groups.push({ externalId, name, children });
    for (const child of children) parents.set(child.externalId, externalId);
  });
  for (const group of groups) {
    const random = randomFor(seed, group.externalId);
    const lead = group.children[0]!;
    const owner = owners.get(lead.externalId)!;
    owners.set(group.externalId, owner);
    const wallet = group.children.reduce((sum, c) => sum + walletFor(c, randomFor(seed, `wallet:${c.externalId}`)), 0) * 1.5;
    accounts.push({
      externalId: group.externalId,
      name: group.name,
      parentExternalId: '',
      industry: 'Corporate',
      region: lead.region,
      country: 'US',
      currency: SUPERSTORE_CURRENCY,
      stage: 'active',
      ownerEmail: owner,
      strategicFit: random.int(4, 5),
      referenceValue: random.int(3, 5),
      walletEstimate: usd(Math.round(wallet / 1000) * 1000),
    });
    for (const child of group.children) addTeam({ accountExternalId: child.externalId, email: owner, role: 'support' });
  }

  for (const customer of ranked) {
    const random = randomFor(seed, customer.externalId);
    const stage = stages.get(customer.externalId)!;
    const position = rank.get(customer.externalId)!;
    const fitBase = customer.segment === 'Corporate' ? 3 : customer.segment === 'Home Office' ? 2 : 1;
    const margin = customer.revenue > 0n ? Number((customer.grossProfit * 1000n) / customer.revenue) / 1000 : 0;
    accounts.push({
      externalId: customer.externalId,
      name: customer.name,
      parentExternalId: parents.get(customer.externalId) ?? '',
      industry: customer.segment,
      region: customer.region,
      country: 'US',
      currency: SUPERSTORE_CURRENCY,
      stage,
      ownerEmail: owners.get(customer.externalId)!,
      strategicFit: clamp(fitBase + random.int(-1, 2), 0, 5),
      referenceValue: clamp(random.int(0, 3) + (position < 100 ? 1 : 0) + (margin > 0.2 ? 1 : 0) - (stage === 'at_risk' || stage === 'churned' ? 1 : 0), 0, 5),
      walletEstimate: usd(walletFor(customer, randomFor(seed, `wallet:${customer.externalId}`))),
    });
    const owner = owners.get(customer.externalId)!;
    const bd = BD_EMAILS[hashString(`${seed}:bd:${customer.externalId}`) % BD_EMAILS.length]!;
    if (stage === 'onboarding') {
      // The KAM who will take over after the handover already supports the account.
      addTeam({ accountExternalId: customer.externalId, email: TERRITORY[customer.region] ?? KAM_EMAILS[0], role: 'support' });
    } else if (customer.firstOrder > handedOverFrom || (position < KEY_ACCOUNTS && random.chance(0.3))) {
      addTeam({ accountExternalId: customer.externalId, email: bd, role: 'sourcing_bd' });
    }
    if (keyAccounts.includes(customer) && random.chance(0.5)) {
      const backup = KAM_EMAILS[(KAM_EMAILS.indexOf(owner as (typeof KAM_EMAILS)[number]) + 1) % KAM_EMAILS.length]!;
      addTeam({ accountExternalId: customer.externalId, email: backup, role: 'support' });
    }
  }

  PROSPECTS.forEach((prospect, i) => {
    const random = randomFor(seed, `prospect:${prospect.name}`);
    accounts.push({
      externalId: `PROSPECT-${i + 1}`,
      name: prospect.name,
      parentExternalId: '',
      industry: prospect.industry,
      region: prospect.region,
      country: prospect.country,
      currency: SUPERSTORE_CURRENCY,
      stage: 'prospect',
      ownerEmail: BD_EMAILS[i % BD_EMAILS.length]!,
      strategicFit: random.int(2, 5),
      referenceValue: random.int(0, 3),
      walletEstimate: usd(random.int(8, 60) * 2500),
    });
  });

  const contacts: DemoContactRow[] = [];
  const withContacts = [...groups.map((g) => g.externalId), ...keyAccounts.map((c) => c.externalId), ...PROSPECTS.map((_, i) => `PROSPECT-${i + 1}`)];
  const names = new Map(accounts.map((a) => [a.externalId, a.name]));
  const usedNames = new Set<string>();
  for (const accountExternalId of withContacts) {
    contacts.push(...stakeholders(accountExternalId, names.get(accountExternalId)!, randomFor(seed, `contacts:${accountExternalId}`), usedNames));
  }
  return { accounts, contacts, team, keyAccounts: keyAccounts.map((c) => c.externalId) };
}

/** 1.5–4 × the customer's yearly revenue (the better of last year and the yearly average), in whole hundreds. */
function walletFor(customer: SuperstoreCustomer, random: Random): number {
  const yearly = Math.max(Number(customer.revenueLastYear), Number(customer.revenue) / 4) / 100;
  const factor = 1.5 + random.next() * 2.5;
  return Math.max(500, Math.round((yearly * factor) / 100) * 100);
}

function stakeholders(accountExternalId: string, accountName: string, random: Random, usedNames: Set<string>): DemoContactRow[] {
  const count = random.int(2, 5);
  const roles = random.pick(ROLE_SETS[count]!);
  const domain = `${asciiSlug(accountName, '-')}.example`;
  const rows: DemoContactRow[] = [];
  for (const [i, role] of roles.entries()) {
    let first: string;
    let last: string;
    do {
      first = random.pick(FIRST_NAMES);
      last = random.pick(LAST_NAMES);
    } while (usedNames.has(`${first} ${last}`) && usedNames.size < FIRST_NAMES.length * LAST_NAMES.length);
    usedNames.add(`${first} ${last}`);
    const top = rows.find((r) => r.buyingRole === 'economic_buyer') ?? rows[0];
    const lead = rows.find((r) => r.buyingRole === 'decision_maker') ?? top;
    const reportsTo = role === 'economic_buyer' || i === 0 ? undefined : role === 'decision_maker' ? top : lead;
    rows.push({
      externalId: `${accountExternalId}-C${i + 1}`,
      accountExternalId,
      name: `${first} ${last}`,
      title: random.pick(TITLES[role]),
      email: `${asciiSlug(first)}.${asciiSlug(last)}@${domain}`,
      phone: `+1 ${random.pick(AREA_CODES)} 555 01${String(random.int(0, 99)).padStart(2, '0')}`, // 555-01xx: reserved for fiction
      buyingRole: role,
      reportsToExternalId: reportsTo?.externalId ?? '',
      relationshipStrength: random.pick(STRENGTH[role]),
    });
  }
  return rows;
}

/** RFC 4180 CSV with a header row; `null`/`undefined`/'' are empty cells. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\r\n') + '\r\n';
}
