import { stages, type Stage } from '../../accounts/tables.ts';
import { RowReader, type Cells, type Checked } from './cells.ts';

/** One valid line of an accounts file, before references are resolved. */
export interface AccountLine {
  externalId: string;
  name: string;
  parentExternalId?: string;
  industry?: string;
  region?: string;
  country?: string;
  currency?: string;
  stage?: Stage;
  ownerEmail?: string;
  strategicFit?: number;
  referenceValue?: number;
  /** Decimal text: its currency may be the stored account's, known only after the lookup. */
  walletEstimate?: string;
}

export function checkAccountRow(cells: Cells): Checked<AccountLine> {
  const r = new RowReader(cells);
  const externalId = r.required('externalId', 100);
  const name = r.required('name', 200);
  const currency = r.currency('currency');
  const line: AccountLine = {
    externalId: externalId ?? '',
    name: name ?? '',
    parentExternalId: r.text('parentExternalId', 100),
    industry: r.text('industry', 100),
    region: r.text('region', 100),
    country: r.country('country'),
    currency,
    stage: r.oneOf('stage', stages),
    ownerEmail: r.email('ownerEmail'),
    strategicFit: r.integer('strategicFit', 0, 5),
    referenceValue: r.integer('referenceValue', 0, 5),
    walletEstimate: r.decimal('walletEstimate'),
  };
  if (line.walletEstimate !== undefined) {
    if (line.walletEstimate.startsWith('-')) r.fail('walletEstimate', line.walletEstimate, 'cannot be negative');
    else if (currency) r.money('walletEstimate', currency);
  }
  if (externalId !== undefined && line.parentExternalId === externalId) r.fail('parentExternalId', externalId, 'an account cannot be its own parent');
  return r.done(line);
}

/**
 * The accounts among `starts` that would be their own ancestor. `parentOf` gives each account's
 * parent after the import (the file's parent where it names one, else the stored one).
 */
export function accountsOnCycles(starts: Iterable<string>, parentOf: (id: string) => string | undefined): Set<string> {
  const onCycle = new Set<string>();
  const settled = new Set<string>();
  for (const start of starts) {
    const path: string[] = [];
    const position = new Map<string, number>();
    let current: string | undefined = start;
    while (current !== undefined && !settled.has(current)) {
      const seenAt = position.get(current);
      if (seenAt !== undefined) {
        for (const id of path.slice(seenAt)) onCycle.add(id);
        break;
      }
      position.set(current, path.length);
      path.push(current);
      current = parentOf(current);
    }
    for (const id of path) settled.add(id);
  }
  return onCycle;
}

/** Orders lines so that every parent named in the file comes before its children. */
export function parentsFirst<T extends { externalId: string; parentExternalId?: string }>(lines: readonly T[]): T[] {
  const byKey = new Map(lines.map((line) => [line.externalId, line]));
  const depth = new Map<string, number>();
  const depthOf = (line: T): number => {
    const known = depth.get(line.externalId);
    if (known !== undefined) return known;
    const chain: T[] = [];
    let current: T | undefined = line;
    let base = 0;
    while (current) {
      const d = depth.get(current.externalId);
      if (d !== undefined) {
        base = d + 1;
        break;
      }
      if (chain.includes(current)) break; // cycles were refused before; stay finite anyway
      chain.push(current);
      current = current.parentExternalId ? byKey.get(current.parentExternalId) : undefined;
    }
    chain.reverse().forEach((item, i) => depth.set(item.externalId, base + i));
    return depth.get(line.externalId)!;
  };
  return lines
    .map((line, index) => ({ line, index, depth: depthOf(line) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((entry) => entry.line);
}
