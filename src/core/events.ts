import type { Executor } from '../db/connection.ts';

/**
 * Domain events inside one transaction. A module that changes what accounts are measured by
 * (transactions, attributes, contacts, cases) announces it; modules that derive data from it
 * (scoring) listen. Listeners run in the writer's transaction, so derived data commits or rolls
 * back with the change, and the writer needs no import of the listener (no dependency cycle).
 */
export type AccountsChangedListener = (ex: Executor, orgId: string, accountIds: string[], at: Date) => Promise<void>;

const accountsChangedListeners = new Set<AccountsChangedListener>();

export function onAccountsChanged(listener: AccountsChangedListener): void {
  accountsChangedListeners.add(listener);
}

export async function accountsChanged(ex: Executor, orgId: string, accountIds: Iterable<string>, at: Date): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  for (const listener of accountsChangedListeners) await listener(ex, orgId, ids, at);
}
