import { onAccountsChanged } from '../core/events.ts';
import type { AppContext } from '../core/context.ts';
import { refreshAccountScores } from './scoring/service.ts';
import { registerTimeSource } from './costs/service.ts';
import { interactionTimeSpent } from './interactions/service.ts';
import { pendingHandoversHome } from './handovers/service.ts';
import { upcomingReviewsHome } from './reviews/service.ts';
import { caseTimeSpent, openSevereCasesForHome } from './cases/service.ts';
import { registerHomeSection } from './home/sections.ts';
import { atRiskSuggestionsForHome, markHealthStale } from './health/service.ts';
import { payOutsideBandHome } from './people/service.ts';
import { quotesAwaitingApprovalForHome } from './quotes/service.ts';

let wired = false;

/** Connects modules' event listeners once per process; every AppContext is built through here. */
export function wireModules(): void {
  if (wired) return;
  wired = true;
  onAccountsChanged(refreshAccountScores);
  registerTimeSource('interactions', interactionTimeSpent);
  registerHomeSection('pendingHandovers', pendingHandoversHome);
  registerHomeSection('upcomingReviews', upcomingReviewsHome);
  registerTimeSource('cases', caseTimeSpent);
  registerHomeSection('openSevereCases', openSevereCasesForHome);
  onAccountsChanged(markHealthStale);
  registerHomeSection('atRiskSuggestions', atRiskSuggestionsForHome);
  registerHomeSection('payOutsideBand', payOutsideBandHome);
  registerHomeSection('quotesAwaitingApproval', quotesAwaitingApprovalForHome);
}

export function createContext(parts: AppContext): AppContext {
  wireModules();
  return parts;
}
