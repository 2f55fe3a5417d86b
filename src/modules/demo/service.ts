import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { queryRows } from '../../db/connection.ts';
import { createOrganisation, createUser, findUserIdByEmail } from '../users/service.ts';
import { DEMO_PASSWORD, demoPeople } from './people.ts';

export interface DemoResult {
  orgId: string;
  users: Record<string, string>;
}

/** First start only: an empty database gets the demo organisation, a used one is left alone. */
export async function loadDemoIfEmpty(ctx: AppContext, log: (message: string) => void = () => {}): Promise<DemoResult | null> {
  const [row] = await queryRows<{ count: number | string }>(ctx.db, sql`select count(*) as count from organisations`);
  if (Number(row?.count ?? 0) > 0) return null;
  log('Empty database: loading the demo organisation (first start only)');
  const result = await loadDemo(ctx);
  log(`Demo organisation ready: sign in as kam1@patron.example / ${DEMO_PASSWORD}`);
  return result;
}

/** The demo organisation: its people and reporting lines, then its book of business. */
export async function loadDemo(ctx: AppContext): Promise<DemoResult> {
  return createDemoOrganisation(ctx);
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
