import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { accountsChanged } from '../../core/events.ts';
import { newId } from '../../core/ids.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { getVisibleAccount } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import type { Tier } from '../scoring/scoring.ts';
import type { RelationshipStagePut } from './schemas.ts';
import { stageFinding, stageOn, type RelationshipStage } from './stages.ts';
import * as store from './store.ts';

const toEntry = (row: store.StageRow) => ({
  id: row.id,
  stage: row.stage,
  since: row.since,
  note: row.note,
  setBy: row.setBy,
  setByName: row.setByName,
  createdAt: row.createdAt.toISOString(),
});

async function view(ex: Executor, orgId: string, accountId: string, today: string) {
  const history = await store.listStages(ex, orgId, accountId);
  const current = stageOn(history, today);
  const tier = await store.tierOf(ex, orgId, accountId);
  return {
    accountId,
    current: current ? toEntry(current) : null,
    history: history.map(toEntry),
    tier,
    finding: stageFinding(tier as Tier | null, (current?.stage ?? null) as RelationshipStage | null),
    version: history.length + 1,
  };
}

export async function getRelationshipStage(ctx: AppContext, actor: Actor, accountId: string) {
  await getVisibleAccount(ctx.db, actor, accountId);
  return view(ctx.db, actor.orgId, accountId, toIsoDate(ctx.clock.now()));
}

/**
 * Sets the account's stage from a date (default today), keeping the history. The owner sets it;
 * so may a manager above them, a director or an admin (all of whom see the account). If-Match is
 * this resource's own version (history entries + 1), not the account's.
 */
export async function setRelationshipStage(ctx: AppContext, actor: Actor, accountId: string, version: number, input: RelationshipStagePut) {
  return ctx.db.transaction(async (tx) => {
    const account = await getVisibleAccount(tx, actor, accountId);
    const mayOverride = actor.role === 'manager' || actor.role === 'director' || actor.role === 'admin';
    if (account.ownerId !== actor.userId && !mayOverride) {
      throw new AppError('forbidden', "Only the account's owner or their manager sets the relationship stage");
    }
    await store.lockAccountRow(tx, actor.orgId, accountId);
    const now = ctx.clock.now();
    const today = toIsoDate(now);
    const before = await view(tx, actor.orgId, accountId, today);
    checkVersion(before.version, version);
    const since = input.since ?? today;
    if (since > today) throw invalid('since', 'cannot be in the future');
    if (since < '1990-01-01') throw invalid('since', 'is before 1990');
    const id = newId();
    await store.insertStage(tx, { orgId: actor.orgId, id, accountId, stage: input.stage, since, note: input.note ?? null, setBy: actor.userId, createdAt: now });
    const after = await view(tx, actor.orgId, accountId, today);
    await recordChange(tx, actor, now, { action: 'create', entity: 'relationship_stage', entityId: id, before: before.current, after: { accountId, stage: input.stage, since, note: input.note ?? null } });
    await accountsChanged(tx, actor.orgId, [accountId], now);
    return after;
  });
}

/** For other modules (portfolio, reviews): each account's stage today. */
export const currentRelationshipStages = (ex: Executor, orgId: string, accountIds: string[], today: string) => store.currentStages(ex, orgId, accountIds, today);
