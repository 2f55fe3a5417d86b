/**
 * The `scope` of a report: which accounts it covers, always within what the caller may see.
 *
 *   scope   = term *("," term)          terms of different kinds narrow together (AND)
 *   term    = "org"                     the whole organisation (the default)
 *           | "team:" user              accounts owned by a manager or anyone reporting to them
 *           | "person:" user            accounts owned by one person
 *           | "region:" text            accounts in a region (as written on the account)
 *           | "tier:" tier              accounts whose current tier is key, strategic, maintain or develop
 *           | "account:" uuid           one account
 *   user    = uuid | "me"
 *
 * Examples: `org`, `team:me`, `person:0193…`, `region:West,tier:key`.
 */
import type { Tier } from '../scoring/scoring.ts';

export const TIERS: readonly Tier[] = ['key', 'strategic', 'maintain', 'develop'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Scope {
  /** The expression as normalised (`org` when empty). */
  expression: string;
  teamOf?: string;
  person?: string;
  region?: string;
  tier?: Tier;
  account?: string;
}

export type ScopeResult = { ok: true; scope: Scope } | { ok: false; message: string };

const KINDS = ['team', 'person', 'region', 'tier', 'account'] as const;
type Kind = (typeof KINDS)[number];

export function parseScope(text: string | undefined, me: string): ScopeResult {
  const terms = (text ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '' && t !== 'org');
  const scope: Scope = { expression: 'org' };
  const seen = new Set<Kind>();
  for (const term of terms) {
    const colon = term.indexOf(':');
    const kind = (colon > 0 ? term.slice(0, colon) : term) as Kind;
    const value = colon > 0 ? term.slice(colon + 1).trim() : '';
    if (!KINDS.includes(kind)) return { ok: false, message: `unknown scope term "${term}": use org, team:, person:, region:, tier: or account:` };
    if (value === '') return { ok: false, message: `"${kind}:" needs a value` };
    if (seen.has(kind)) return { ok: false, message: `"${kind}:" appears twice` };
    seen.add(kind);
    const error = assign(scope, kind, value, me);
    if (error) return { ok: false, message: error };
  }
  scope.expression = terms.length === 0 ? 'org' : terms.join(',');
  return { ok: true, scope };
}

function assign(scope: Scope, kind: Kind, value: string, me: string): string | null {
  switch (kind) {
    case 'team':
    case 'person': {
      const id = value === 'me' ? me : value;
      if (!UUID.test(id)) return `"${kind}:" takes a user id or "me"`;
      if (kind === 'team') scope.teamOf = id.toLowerCase();
      else scope.person = id.toLowerCase();
      return null;
    }
    case 'account':
      if (!UUID.test(value)) return '"account:" takes an account id';
      scope.account = value.toLowerCase();
      return null;
    case 'tier':
      if (!TIERS.includes(value as Tier)) return `"tier:" is one of ${TIERS.join(', ')}`;
      scope.tier = value as Tier;
      return null;
    case 'region':
      if (value.length > 100) return '"region:" is at most 100 characters';
      scope.region = value;
      return null;
  }
}
