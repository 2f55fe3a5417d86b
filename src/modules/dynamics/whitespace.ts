/**
 * Whitespace: the product families that accounts like this one buy and this one does not. Pure:
 * the store loads candidate peers with their family revenue; these functions pick and rank.
 */
export interface AccountMix {
  accountId: string;
  industry: string | null;
  region: string | null;
  /** Revenue per product family over the window, minor units of the organisation's currency. */
  families: ReadonlyMap<string, bigint>;
}

/** Cosine similarity of two product-mix vectors (0 when either is empty or all zero). */
export function cosineSimilarity(a: ReadonlyMap<string, bigint>, b: ReadonlyMap<string, bigint>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [family, value] of a) {
    const x = Math.max(0, Number(value));
    normA += x * x;
    const y = Math.max(0, Number(b.get(family) ?? 0n));
    dot += x * y;
  }
  for (const value of b.values()) {
    const y = Math.max(0, Number(value));
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

export type PeerBasis = 'industryAndRegion' | 'industry' | 'region' | 'productMix';

export interface Peer {
  accountId: string;
  similarity: number;
}

/**
 * The most similar accounts: those of the same industry and region if there are at least
 * `minPeers`, else the same industry, else the same region, else every candidate; within the
 * group, nearest by product mix (cosine similarity), at most `maxPeers`. Accounts without revenue
 * are no peers.
 */
export function choosePeers(target: AccountMix, candidates: readonly AccountMix[], options: { minPeers?: number; maxPeers?: number } = {}): { basis: PeerBasis; peers: Peer[] } {
  const minPeers = options.minPeers ?? 5;
  const maxPeers = options.maxPeers ?? 25;
  const others = candidates.filter((c) => c.accountId !== target.accountId && [...c.families.values()].some((v) => v > 0n));
  const groups: [PeerBasis, (c: AccountMix) => boolean][] = [
    ['industryAndRegion', (c) => target.industry !== null && target.region !== null && c.industry === target.industry && c.region === target.region],
    ['industry', (c) => target.industry !== null && c.industry === target.industry],
    ['region', (c) => target.region !== null && c.region === target.region],
  ];
  let basis: PeerBasis = 'productMix';
  let group = others;
  for (const [name, test] of groups) {
    const members = others.filter(test);
    if (members.length >= minPeers) {
      basis = name;
      group = members;
      break;
    }
  }
  const peers = group
    .map((c) => ({ accountId: c.accountId, similarity: Math.round(cosineSimilarity(target.families, c.families) * 10_000) / 10_000 }))
    .sort((a, b) => b.similarity - a.similarity || a.accountId.localeCompare(b.accountId))
    .slice(0, maxPeers);
  return { basis, peers };
}

export interface WhitespaceItem {
  family: string;
  /** Σ of the family's revenue over the peers that buy it. */
  peerRevenue: bigint;
  /** Average over the peers that buy it. */
  averagePerBuyer: bigint;
  buyers: number;
  peers: number;
  /** buyers / peers. */
  penetration: number;
}

/**
 * Families the target does not buy (no positive revenue in the window), bought by at least one
 * peer, ranked by the revenue they bring in the peers (then by how many peers buy them, then name).
 */
export function rankWhitespace(target: AccountMix, peers: readonly AccountMix[]): WhitespaceItem[] {
  const owned = new Set([...target.families].filter(([, v]) => v > 0n).map(([family]) => family));
  const totals = new Map<string, { revenue: bigint; buyers: number }>();
  for (const peer of peers) {
    for (const [family, revenue] of peer.families) {
      if (owned.has(family) || revenue <= 0n) continue;
      const t = totals.get(family) ?? { revenue: 0n, buyers: 0 };
      t.revenue += revenue;
      t.buyers += 1;
      totals.set(family, t);
    }
  }
  return [...totals.entries()]
    .map(([family, t]) => ({
      family,
      peerRevenue: t.revenue,
      averagePerBuyer: t.revenue / BigInt(t.buyers),
      buyers: t.buyers,
      peers: peers.length,
      penetration: Math.round((t.buyers / peers.length) * 10_000) / 10_000,
    }))
    .sort((a, b) => (a.peerRevenue !== b.peerRevenue ? (a.peerRevenue > b.peerRevenue ? -1 : 1) : b.buyers - a.buyers || a.family.localeCompare(b.family)));
}
