/**
 * Reporting lines between the contacts of one account (the stakeholder map). A contact reports to
 * at most one other contact; the lines must form a forest: nobody reports to themselves, directly
 * or through others.
 */

/**
 * `chainAboveProposed` is the chain of managers from the proposed manager upwards (nearest first,
 * not including the proposed manager). Letting `contactId` report to `proposedReportsToId` closes a
 * cycle if the contact is the proposed manager or somewhere above them.
 */
export function closesReportingCycle(contactId: string, proposedReportsToId: string, chainAboveProposed: readonly string[]): boolean {
  return proposedReportsToId === contactId || chainAboveProposed.includes(contactId);
}

/**
 * Every contact that sits on a reporting cycle, given who reports to whom (contact id → manager id
 * or null). Managers missing from the map end a chain. Runs in linear time over the map.
 */
export function contactsOnCycles(reportsTo: ReadonlyMap<string, string | null>): Set<string> {
  const onCycle = new Set<string>();
  const done = new Set<string>();
  for (const start of reportsTo.keys()) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: string | null | undefined = start;
    while (current != null && reportsTo.has(current) && !done.has(current)) {
      const seenAt = onPath.get(current);
      if (seenAt !== undefined) {
        for (const id of path.slice(seenAt)) onCycle.add(id);
        break;
      }
      onPath.set(current, path.length);
      path.push(current);
      current = reportsTo.get(current);
    }
    for (const id of path) done.add(id);
  }
  return onCycle;
}
