import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import type { Account } from '../accounts/schemas.ts';
import { getVisibleAccount, updateAccount } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { severeOpenCases } from '../cases/service.ts';
import { listContacts } from '../contacts/service.ts';
import { buyingRoles } from '../contacts/tables.ts';
import { getEngagement } from '../interactions/service.ts';
import { activePlanProgress } from '../plans/service.ts';
import { getMonthlyRollup } from '../transactions/service.ts';
import { accountHealth as computeHealth, DEFAULT_AT_RISK_BELOW, type HealthInputs } from './health.ts';
import type { AccountHealth, AtRiskQuery, AtRiskSuggestion, HealthSettings, HealthSettingsPut } from './schemas.ts';
import * as store from './store.ts';

/** Stored health older than this is recomputed before the at-risk list answers (revenue windows and contact recency move with time). */
const FRESH_MS = 24 * 3_600_000;
/** At most this many accounts are recomputed per at-risk request (the rest on the next ones). */
const REFRESH_BATCH = 200;

// --- settings -----------------------------------------------------------------------------------

export async function healthSettings(ex: Executor, orgId: string): Promise<HealthSettings> {
  const row = await store.getSettings(ex, orgId);
  return row ? { atRiskBelow: row.atRiskBelow, version: row.version } : { atRiskBelow: DEFAULT_AT_RISK_BELOW, version: 1 };
}

export const getHealthSettings = (ctx: AppContext, actor: Actor) => healthSettings(ctx.db, actor.orgId);

export async function putHealthSettings(ctx: AppContext, actor: Actor, version: number, input: HealthSettingsPut): Promise<HealthSettings> {
  requireRole(actor, ['admin'], 'change the health threshold');
  return ctx.db.transaction(async (tx) => {
    const stored = await store.getSettings(tx, actor.orgId, true);
    const before = await healthSettings(tx, actor.orgId);
    checkVersion(stored?.version ?? 1, version);
    const now = ctx.clock.now();
    const saved = await store.saveSettings(tx, { orgId: actor.orgId, atRiskBelow: input.atRiskBelow, updatedAt: now, version: before.version + 1 });
    const after = { atRiskBelow: saved.atRiskBelow, version: saved.version };
    await recordChange(tx, actor, now, { action: 'update', entity: 'health_settings', entityId: actor.orgId, before, after });
    return after;
  });
}

// --- health -------------------------------------------------------------------------------------

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** What health is computed from, through each owning module's service (the caller has checked visibility). */
async function healthInputs(ctx: AppContext, actor: Actor, accountId: string, now: Date): Promise<HealthInputs> {
  const system: Actor = { ...actor, via: 'system' };
  const month = toIsoDate(now).slice(0, 7);
  const rollup = await getMonthlyRollup(ctx, system, accountId, { from: shiftMonth(month, -6), to: shiftMonth(month, -1) });
  const revenue = { last3: 0, prev3: 0, grossProfitLast3: 0, grossProfitPrev3: 0 };
  for (const item of rollup.items) {
    if (item.month >= shiftMonth(month, -3)) {
      revenue.last3 += Number(item.revenue);
      revenue.grossProfitLast3 += Number(item.grossProfit);
    } else {
      revenue.prev3 += Number(item.revenue);
      revenue.grossProfitPrev3 += Number(item.grossProfit);
    }
  }
  const engagement = await getEngagement(ctx, system, accountId).catch(() => null);
  const severe = (await severeOpenCases(ctx.db, actor.orgId, [accountId])).get(accountId) ?? { sev1: 0, sev2: 0 };
  const covered = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await listContacts(ctx, system, accountId, { limit: 500, ...(cursor ? { cursor } : {}) });
    for (const contact of page.items) if (contact.buyingRole && (contact.relationshipStrength ?? 0) > 0) covered.add(contact.buyingRole);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const plan = await activePlanProgress(ctx.db, actor.orgId, accountId, toIsoDate(now));
  return {
    revenue,
    contact: engagement ? { cadenceDays: engagement.cadenceDays, daysSinceContact: engagement.daysSinceContact, overdueDays: engagement.overdueDays } : null,
    severeCases: severe,
    coverage: { covered: covered.size, of: buyingRoles.length },
    plan: plan ? { objectives: plan.objectives, behind: plan.behind } : null,
  };
}

async function computeAndStore(ctx: AppContext, actor: Actor, account: Account, threshold: number, now: Date): Promise<AccountHealth> {
  const health = computeHealth(await healthInputs(ctx, actor, account.id, now), threshold);
  await store.saveHealth(ctx.db, { orgId: actor.orgId, accountId: account.id, score: health.score, band: health.band, reasons: health.reasons, computedAt: now, stale: false });
  return {
    accountId: account.id,
    ...health,
    atRiskBelow: threshold,
    stage: account.stage,
    suggestAtRisk: health.band === 'at_risk' && account.stage !== 'at_risk' && account.stage !== 'churned',
    accountVersion: account.version,
    computedAt: now.toISOString(),
  };
}

/** The account's health now, with its reasons (and stored for the at-risk suggestions). */
export async function getAccountHealth(ctx: AppContext, actor: Actor, accountId: string): Promise<AccountHealth> {
  const account = await getVisibleAccount(ctx.db, actor, accountId);
  const { atRiskBelow } = await healthSettings(ctx.db, actor.orgId);
  return computeAndStore(ctx, actor, account, atRiskBelow, ctx.clock.now());
}

/**
 * Accounts I can see whose health is below the organisation's threshold and whose stage is not
 * yet at risk: suggestions for the owner to confirm. Health missing, stale or older than a day is
 * recomputed first (up to 200 accounts per request).
 */
export async function listAtRiskSuggestions(ctx: AppContext, actor: Actor, query: AtRiskQuery): Promise<Page<AtRiskSuggestion>> {
  const now = ctx.clock.now();
  const { atRiskBelow } = await healthSettings(ctx.db, actor.orgId);
  for (const id of await store.accountsNeedingHealth(ctx.db, actor, new Date(now.getTime() - FRESH_MS), REFRESH_BATCH)) {
    await computeAndStore(ctx, actor, await getVisibleAccount(ctx.db, actor, id), atRiskBelow, now);
  }
  const limit = query.limit ?? 50;
  const rows = await store.listSuggestions(ctx.db, actor, atRiskBelow, {
    ownerId: query.mine ? actor.userId : undefined,
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  return toPage(rows, limit, (row) => ({ ...row, computedAt: row.computedAt.toISOString() }), (row) => [row.score, row.accountId]);
}

/**
 * The owner (or anyone who may change the account) confirms a suggestion: the stage moves to
 * at_risk through the accounts service (If-Match on the account's version; audited there).
 * Refused (409) when the health is not below the threshold or the stage is already at risk or churned.
 */
export async function confirmAtRisk(ctx: AppContext, actor: Actor, accountId: string, version: number): Promise<Account> {
  const health = await getAccountHealth(ctx, actor, accountId);
  if (health.stage === 'at_risk' || health.stage === 'churned') throw new AppError('conflict', `The account is already ${health.stage.replace('_', ' ')}`);
  if (!health.suggestAtRisk) throw new AppError('conflict', `Health ${health.score} is not below the threshold ${health.atRiskBelow}; change the stage on the account instead`);
  return updateAccount(ctx, actor, accountId, version, { stage: 'at_risk' });
}

// --- for other modules --------------------------------------------------------------------------

/** Listener (wiring.ts): an account's measures changed, so its stored health is out of date. */
export const markHealthStale = (ex: Executor, orgId: string, accountIds: string[]): Promise<void> => store.markStale(ex, orgId, accountIds);

/** The home page's at-risk suggestions (from stored health; the at-risk list refreshes it). */
export async function atRiskSuggestionsForHome(ex: Executor, actor: Actor) {
  const { atRiskBelow } = await healthSettings(ex, actor.orgId);
  const rows = await store.listSuggestions(ex, actor, atRiskBelow, { limit: 10 });
  return rows.slice(0, 10).map((row) => ({ id: row.accountId, title: row.name, accountId: row.accountId, accountName: row.name, score: row.score, accountVersion: row.accountVersion }));
}
