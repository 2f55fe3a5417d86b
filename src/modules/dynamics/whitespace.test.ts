import { describe, expect, it } from 'vitest';
import { choosePeers, cosineSimilarity, rankWhitespace, type AccountMix } from './whitespace.ts';

const mix = (accountId: string, industry: string | null, region: string | null, families: Record<string, number>): AccountMix => ({
  accountId, industry, region, families: new Map(Object.entries(families).map(([k, v]) => [k, BigInt(v)])),
});

describe('cosineSimilarity', () => {
  it('is 1 for proportional mixes, 0 for disjoint ones', () => {
    expect(cosineSimilarity(mix('a', null, null, { x: 1, y: 2 }).families, mix('b', null, null, { x: 2, y: 4 }).families)).toBeCloseTo(1, 12);
    expect(cosineSimilarity(mix('a', null, null, { x: 1 }).families, mix('b', null, null, { y: 1 }).families)).toBe(0);
    expect(cosineSimilarity(mix('a', null, null, { x: 3, y: 4 }).families, mix('b', null, null, { x: 1 }).families)).toBeCloseTo(0.6, 12);
    expect(cosineSimilarity(new Map(), mix('b', null, null, { x: 1 }).families)).toBe(0);
  });
});

describe('whitespace on a constructed portfolio', () => {
  // Target: a retailer in the West buying Paper and Binders. Five West retailers are its peers; the
  // East retailer and the West manufacturer are not. Expected ranking by hand:
  //   Chairs:  p1 500 + p2 300 + p4 200 = 1000 (3 buyers)
  //   Phones:  p3 600 + p5 400          = 1000 (2 buyers) → after Chairs (fewer buyers)
  //   Storage: p2 50                    =   50 (1 buyer)
  //   Tables (only the East retailer and the manufacturer buy it) is not whitespace here.
  const target = mix('t', 'Retail', 'West', { Paper: 1000, Binders: 200 });
  const portfolio = [
    target,
    mix('p1', 'Retail', 'West', { Paper: 900, Chairs: 500 }),
    mix('p2', 'Retail', 'West', { Paper: 100, Binders: 100, Chairs: 300, Storage: 50 }),
    mix('p3', 'Retail', 'West', { Phones: 600 }),
    mix('p4', 'Retail', 'West', { Binders: 400, Chairs: 200 }),
    mix('p5', 'Retail', 'West', { Paper: 10, Phones: 400 }),
    mix('e1', 'Retail', 'East', { Paper: 1000, Tables: 9000 }),
    mix('m1', 'Manufacturing', 'West', { Paper: 1000, Tables: 5000 }),
    mix('z0', 'Retail', 'West', {}),
  ];

  it('takes the same industry and region as peers, nearest first', () => {
    const { basis, peers } = choosePeers(target, portfolio);
    expect(basis).toBe('industryAndRegion');
    // cosines by hand: p1 0.857, p2 0.351, p4 0.175, p5 0.025, p3 0
    expect(peers.map((p) => p.accountId)).toEqual(['p1', 'p2', 'p4', 'p5', 'p3']);
    expect(peers.find((p) => p.accountId === 'p3')!.similarity).toBe(0);
  });

  it('ranks the families the peers buy and the target does not by their revenue in the peers', () => {
    const { peers } = choosePeers(target, portfolio);
    const peerMixes = portfolio.filter((a) => peers.some((p) => p.accountId === a.accountId));
    expect(rankWhitespace(target, peerMixes)).toEqual([
      { family: 'Chairs', peerRevenue: 1000n, averagePerBuyer: 333n, buyers: 3, peers: 5, penetration: 0.6 },
      { family: 'Phones', peerRevenue: 1000n, averagePerBuyer: 500n, buyers: 2, peers: 5, penetration: 0.4 },
      { family: 'Storage', peerRevenue: 50n, averagePerBuyer: 50n, buyers: 1, peers: 5, penetration: 0.2 },
    ]);
  });

  it('falls back to the industry, the region, then product mix when a group is too small', () => {
    const eastRetailer = mix('t2', 'Retail', 'East', { Paper: 10 });
    expect(choosePeers(eastRetailer, portfolio).basis).toBe('industry');
    expect(choosePeers(mix('t3', 'Mining', 'West', { Paper: 1 }), portfolio).basis).toBe('region');
    const loner = choosePeers(mix('t4', null, null, { Tables: 1 }), portfolio, { maxPeers: 2 });
    expect(loner).toEqual({ basis: 'productMix', peers: [{ accountId: 'e1', similarity: 0.9939 }, { accountId: 'm1', similarity: 0.9806 }] });
  });
});
