import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { listNextSteps, listOverdueAccounts } from '../interactions/service.ts';
import { countUnread } from '../notifications/service.ts';
import { HOME_LIMIT, homeSectionProvider, homeSections, type HomeItem, type HomeSectionName } from './sections.ts';

export { registerHomeSection } from './sections.ts';

const scopeOf = (actor: Actor): 'mine' | 'team' | 'organisation' =>
  actor.role === 'kam' || actor.role === 'bd' ? 'mine' : actor.role === 'manager' ? 'team' : 'organisation';

/**
 * The caller's home: what needs doing now. Lists follow the caller's visibility (a manager's team,
 * the organisation for director, admin and viewer), capped and most urgent first. Sections of
 * other modules come from their registered providers ([] when none is registered).
 */
export async function getHome(ctx: AppContext, actor: Actor) {
  const now = ctx.clock.now();
  const scope = scopeOf(actor);
  const [overdue, steps, unread] = await Promise.all([
    listOverdueAccounts(ctx.db, actor, now, { limit: HOME_LIMIT }),
    listNextSteps(ctx.db, actor, now, { limit: HOME_LIMIT, due: 'week', mine: scope === 'mine' }),
    countUnread(ctx.db, actor),
  ]);
  const sections = Object.fromEntries(
    await Promise.all(
      homeSections.map(async (name): Promise<[HomeSectionName, HomeItem[]]> => {
        const provider = homeSectionProvider(name);
        return [name, provider ? (await provider(ctx.db, actor, now)).slice(0, HOME_LIMIT) : []];
      }),
    ),
  ) as Record<HomeSectionName, HomeItem[]>;
  return { scope, overdueAccounts: overdue.items, dueNextSteps: steps.items, ...sections, notifications: { unread } };
}
