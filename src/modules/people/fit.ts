/**
 * Who should own an account: the organisation's key account managers ranked by fit, each factor
 * shown with its score (0–1), weight and points, so a manager sees why the first is first.
 * Pure: the service gathers profiles, ratings, books and contact overlaps; this decides.
 */
import type { Tier } from '../scoring/scoring.ts';

export const factorKeys = ['industry', 'country', 'language', 'skills', 'capacity', 'relationships'] as const;
export type FactorKey = (typeof factorKeys)[number];

/** Points per factor at a perfect match (they add up to 100). */
export const factorWeights: Record<FactorKey, number> = { industry: 25, country: 10, language: 10, skills: 25, capacity: 20, relationships: 10 };

/** Years in an industry that count as fully experienced. */
export const EXPERIENCED_YEARS = 5;
/** Contacts already known that count as a full network in the account. */
export const FULL_NETWORK = 3;
/** The rating a needed skill asks for when the role profile names none. */
export const DEFAULT_NEEDED_RATING = 4;

export interface AccountNeeds {
  id: string;
  tier: Tier | null;
  industry: string | null;
  country: string | null;
  /** Tier-weighted points the account adds to its owner's load. */
  weight: number;
  openEscalations: number;
  /** Open negotiations or opportunities (0 while no pipeline module exists). */
  openNegotiations: number;
  /** Contacts of this account each candidate already knows from their other accounts, by user id. */
  knownContacts: ReadonlyMap<string, number>;
}

export interface Candidate {
  userId: string;
  name: string;
  /** Years per industry (lower-case names). */
  industryYears: Readonly<Record<string, number>>;
  industries: readonly string[];
  countries: readonly string[];
  languages: readonly string[];
  /** Effective rating 1–5 per skill key. */
  ratings: ReadonlyMap<string, number>;
  /** Tier-weighted points of the book now. */
  load: number;
  /** Capacity target of their role (points); null: none set. */
  capacity: number | null;
}

export interface Factor {
  key: FactorKey;
  /** 0 … 1 */
  score: number;
  weight: number;
  points: number;
  /** What the score rests on, for the explanation (plain values; the UI words them). */
  detail: Record<string, string | number | boolean | null | string[]>;
}

export interface RankedCandidate {
  userId: string;
  name: string;
  score: number;
  factors: Factor[];
  /** Load ÷ capacity after taking the account on. */
  workloadAfter: number | null;
  overCapacity: boolean;
}

/** The skills an account calls for: by tier, plus negotiation while deals are open and service under escalation. */
export function neededSkills(account: Pick<AccountNeeds, 'tier' | 'openEscalations' | 'openNegotiations'>): string[] {
  const byTier: Record<Tier | 'unscored', string[]> = {
    key: ['negotiation', 'networking', 'presentation', 'critical_thinking'],
    strategic: ['negotiation', 'networking', 'communication'],
    develop: ['creative_thinking', 'communication', 'product_knowledge'],
    maintain: ['customer_service', 'organisation'],
    unscored: ['communication', 'customer_service'],
  };
  const skills = new Set(byTier[account.tier ?? 'unscored']);
  if (account.openNegotiations > 0) skills.add('negotiation');
  if (account.openEscalations > 0) {
    skills.add('customer_service');
    skills.add('critical_thinking');
  }
  return [...skills];
}

/**
 * The main language of a country, for the language match (ISO 639-1; countries not listed here
 * get no language factor rather than a guess).
 */
const countryLanguages: Record<string, string[]> = {
  US: ['en'], GB: ['en'], IE: ['en'], CA: ['en', 'fr'], AU: ['en'], NZ: ['en'], IN: ['hi', 'en'], DE: ['de'], AT: ['de'], CH: ['de', 'fr', 'it'],
  PL: ['pl'], SE: ['sv'], NO: ['no', 'nb'], DK: ['da'], FI: ['fi', 'sv'], FR: ['fr'], BE: ['nl', 'fr'], NL: ['nl'], ES: ['es'], MX: ['es'],
  IT: ['it'], PT: ['pt'], BR: ['pt'], CZ: ['cs'], JP: ['ja'], CN: ['zh'],
};
export const languagesOf = (country: string | null): string[] => (country ? (countryLanguages[country.toUpperCase()] ?? []) : []);

const clamp01 = (n: number): number => Math.min(1, Math.max(0, n));
const round2 = (n: number): number => Math.round(n * 100) / 100;
const lower = (list: readonly string[]): string[] => list.map((s) => s.toLowerCase());

function factor(key: FactorKey, score: number, detail: Factor['detail'], weight = factorWeights[key]): Factor {
  const s = round2(clamp01(score));
  return { key, score: s, weight, points: round2(s * weight), detail };
}

function industryFactor(account: AccountNeeds, c: Candidate): Factor {
  if (!account.industry) return factor('industry', 0, { industry: null, years: 0 }, 0);
  const industry = account.industry.toLowerCase();
  const years = Object.entries(c.industryYears).find(([name]) => name.toLowerCase() === industry)?.[1] ?? 0;
  const known = lower(c.industries).includes(industry);
  // knowing the industry without years of it is worth a year
  return factor('industry', Math.max(years, known ? 1 : 0) / EXPERIENCED_YEARS, { industry: account.industry, years, known });
}

function countryFactor(account: AccountNeeds, c: Candidate): Factor {
  if (!account.country) return factor('country', 0, { country: null, match: false }, 0);
  const match = c.countries.some((x) => x.toUpperCase() === account.country!.toUpperCase());
  return factor('country', match ? 1 : 0, { country: account.country, match });
}

function languageFactor(account: AccountNeeds, c: Candidate): Factor {
  const wanted = languagesOf(account.country);
  if (wanted.length === 0) return factor('language', 0, { languages: [], spoken: [] }, 0);
  const spoken = wanted.filter((l) => lower(c.languages).includes(l));
  return factor('language', spoken.length > 0 ? 1 : 0, { languages: wanted, spoken });
}

function skillsFactor(account: AccountNeeds, c: Candidate, targets: Readonly<Record<string, number>>): Factor {
  const needed = neededSkills(account);
  const shares = needed.map((skill) => Math.min(1, (c.ratings.get(skill) ?? 0) / (targets[skill] ?? DEFAULT_NEEDED_RATING)));
  const met = needed.filter((skill, i) => shares[i]! >= 1);
  return factor('skills', shares.reduce((a, b) => a + b, 0) / needed.length, { needed, met });
}

function capacityFactor(account: AccountNeeds, c: Candidate): Factor {
  if (c.capacity === null || c.capacity <= 0) return factor('capacity', 0, { load: c.load, capacity: null, headroomAfter: null }, factorWeights.capacity);
  const headroomAfter = c.capacity - c.load - account.weight;
  return factor('capacity', headroomAfter / c.capacity, { load: c.load, capacity: c.capacity, headroomAfter });
}

function relationshipFactor(account: AccountNeeds, c: Candidate): Factor {
  const known = account.knownContacts.get(c.userId) ?? 0;
  return factor('relationships', known / FULL_NETWORK, { knownContacts: known });
}

/**
 * One candidate's fit for one account. Factors that do not apply to the account (no industry, no
 * country, a country whose language is not known) carry weight 0, and the score is the points
 * earned out of the points that apply, scaled to 100.
 */
export function fitOf(account: AccountNeeds, c: Candidate, targets: Readonly<Record<string, number>> = {}): RankedCandidate {
  const factors = [industryFactor(account, c), countryFactor(account, c), languageFactor(account, c), skillsFactor(account, c, targets), capacityFactor(account, c), relationshipFactor(account, c)];
  const possible = factors.reduce((sum, f) => sum + f.weight, 0);
  const earned = factors.reduce((sum, f) => sum + f.points, 0);
  const workloadAfter = c.capacity ? round2((c.load + account.weight) / c.capacity) : null;
  return {
    userId: c.userId,
    name: c.name,
    score: possible === 0 ? 0 : round2((earned / possible) * 100),
    factors,
    workloadAfter,
    overCapacity: workloadAfter !== null && workloadAfter > 1,
  };
}

/** Best first; ties go to more headroom, then name, then id (a stable order). */
export function rankCandidates(account: AccountNeeds, candidates: readonly Candidate[], targets: Readonly<Record<string, number>> = {}): RankedCandidate[] {
  const headroom = new Map(candidates.map((c) => [c.userId, c.capacity === null ? -Infinity : c.capacity - c.load]));
  return candidates
    .map((c) => fitOf(account, c, targets))
    .sort((a, b) => b.score - a.score || headroom.get(b.userId)! - headroom.get(a.userId)! || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

export interface Suggestion {
  accountId: string;
  toUserId: string | null;
  score: number;
  /** The ranking the choice came from (top few), for the explanation. */
  alternatives: { userId: string; score: number }[];
}

/**
 * Owners for a whole book (someone leaves): the heaviest accounts choose first, each takes the
 * best-fitting candidate, and that candidate's load grows by the account's weight before the next
 * choice, so the book spreads over people with headroom instead of piling onto one. A candidate
 * who would pass their capacity is passed over while anyone with room fits at all (score > 0).
 */
export function suggestOwners(accounts: readonly AccountNeeds[], candidates: readonly Candidate[], targets: Readonly<Record<string, number>> = {}): Suggestion[] {
  const loads = new Map(candidates.map((c) => [c.userId, c.load]));
  const order = [...accounts].sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
  const chosen = new Map<string, Suggestion>();
  for (const account of order) {
    const current = candidates.map((c) => ({ ...c, load: loads.get(c.userId)! }));
    const ranked = rankCandidates(account, current, targets);
    const best = ranked.find((r) => !r.overCapacity) ?? ranked[0];
    if (best) loads.set(best.userId, loads.get(best.userId)! + account.weight);
    chosen.set(account.id, {
      accountId: account.id,
      toUserId: best?.userId ?? null,
      score: best?.score ?? 0,
      alternatives: ranked.slice(0, 3).map((r) => ({ userId: r.userId, score: r.score })),
    });
  }
  return accounts.map((a) => chosen.get(a.id)!);
}
