import { onAccountsChanged } from '../core/events.ts';
import type { AppContext } from '../core/context.ts';
import { refreshAccountScores } from './scoring/service.ts';
import { registerTimeSource } from './costs/service.ts';
import { interactionTimeSpent } from './interactions/service.ts';

let wired = false;

/** Connects modules' event listeners once per process; every AppContext is built through here. */
export function wireModules(): void {
  if (wired) return;
  wired = true;
  onAccountsChanged(refreshAccountScores);
  registerTimeSource('interactions', interactionTimeSpent);
}

export function createContext(parts: AppContext): AppContext {
  wireModules();
  return parts;
}
