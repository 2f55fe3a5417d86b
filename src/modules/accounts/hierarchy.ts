/**
 * Parent/child rules for the account hierarchy. `ancestorsOfParent` is the chain from the proposed
 * parent up to the root; making `accountId` its child closes a cycle if the account is on it.
 */
export function closesCycle(accountId: string, proposedParentId: string, ancestorsOfParent: readonly string[]): boolean {
  return proposedParentId === accountId || ancestorsOfParent.includes(accountId);
}

export const MAX_HIERARCHY_DEPTH = 20;
