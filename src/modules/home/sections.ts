/**
 * The home page's sections that other modules provide (pure registry, no I/O of its own).
 * A module registers its section from src/modules/wiring.ts:
 *
 *   registerHomeSection('pendingHandovers', (ex, actor, now) => listMyPendingHandovers(ex, actor, now));
 *
 * Each provider answers the caller's items, most urgent first (the home caps each list at
 * HOME_LIMIT). Items are plain JSON objects; the web UI shows `title`, `accountName` and `dueOn`
 * or `dueAt` and links to `accountId`, so give those where they make sense.
 */
import type { Actor } from '../../core/actor.ts';

export const HOME_LIMIT = 10;

/** The sections the home page always answers ([] until a module registers a provider). */
export const homeSections = ['pendingHandovers', 'upcomingReviews', 'openSevereCases', 'atRiskSuggestions', 'payOutsideBand', 'quotesAwaitingApproval'] as const;
export type HomeSectionName = (typeof homeSections)[number];

export interface HomeItem {
  id: string;
  title?: string;
  accountId?: string | null;
  accountName?: string | null;
  dueOn?: string | null;
  dueAt?: string | null;
  [key: string]: unknown;
}

/** `ex` is the database or a transaction (typed loosely here so this file stays free of db imports). */
export type HomeSectionProvider<Ex = unknown> = (ex: Ex, actor: Actor, now: Date) => Promise<HomeItem[]>;

const providers = new Map<string, HomeSectionProvider>();

export function registerHomeSection<Ex>(name: HomeSectionName, provider: HomeSectionProvider<Ex>): void {
  providers.set(name, provider as HomeSectionProvider);
}

export function homeSectionProvider(name: HomeSectionName): HomeSectionProvider | undefined {
  return providers.get(name);
}
