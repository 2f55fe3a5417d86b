import { describe, expect, it } from 'vitest';
import { defaultSkills, effectiveRatings, gapsOf, skillLines, skillListProblems, targetProblems, type RatingEvent } from './skills.ts';
import { weightedLoad, workload, defaultTierWeights } from './capacity.ts';
import { bandProblems, compareToBand, fraction } from './pay.ts';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const rating = (skill: string, kind: 'self' | 'manager', value: number, day: number): RatingEvent => ({ skill, kind, rating: value, ratedAt: at(day), ratedBy: 'u' });
const list = [{ key: 'negotiation', label: 'Negotiation' }, { key: 'teamwork', label: 'Teamwork' }, { key: 'networking', label: 'Networking' }];

describe('skill lines', () => {
  it('take the latest self and manager rating side by side, whatever order the history comes in', () => {
    const history = [rating('negotiation', 'self', 4, 3), rating('negotiation', 'self', 2, 1), rating('negotiation', 'manager', 3, 2), rating('teamwork', 'self', 5, 1), rating('gone', 'self', 5, 1)];
    const lines = skillLines(list, history, { negotiation: 5, teamwork: 3 });
    expect(lines.map((l) => [l.skill, l.self, l.manager, l.target, l.gap])).toEqual([
      ['negotiation', 4, 3, 5, 2], // the manager's 3 counts: 5 − 3
      ['teamwork', 5, null, 3, -2],
      ['networking', null, null, null, null],
    ]);
    expect(lines[0]!.selfRatedAt).toEqual(at(3));
  });

  it('gaps: only below target, largest first', () => {
    const lines = skillLines(list, [rating('negotiation', 'self', 1, 1), rating('teamwork', 'self', 2, 1), rating('networking', 'manager', 4, 1)], { negotiation: 3, teamwork: 3, networking: 4 });
    expect(gapsOf(lines).map((l) => [l.skill, l.gap])).toEqual([['negotiation', 2], ['teamwork', 1]]);
    expect([...effectiveRatings(lines)]).toEqual([['negotiation', 1], ['teamwork', 2], ['networking', 4]]);
  });

  it('the default list has the eleven skills of the issue', () => {
    expect(defaultSkills.map((s) => s.key)).toEqual(['negotiation', 'customer_service', 'teamwork', 'creative_thinking', 'critical_thinking', 'organisation', 'communication', 'networking', 'presentation', 'reporting', 'product_knowledge']);
  });

  it('refuses duplicate skills, empty labels, unknown skills and ratings outside 1–5', () => {
    expect(skillListProblems([...list, { key: 'teamwork', label: ' ' }])).toEqual([
      { path: 'skills.3.key', message: 'teamwork is listed twice' },
      { path: 'skills.3.label', message: 'is empty' },
    ]);
    expect(targetProblems({ negotiation: 6, juggling: 3, teamwork: 0, networking: 2.5 }, list, 'roleProfiles.kam').map((p) => p.path)).toEqual([
      'roleProfiles.kam.negotiation', 'roleProfiles.kam.juggling', 'roleProfiles.kam.teamwork', 'roleProfiles.kam.networking',
    ]);
  });
});

describe('workload', () => {
  it('weighs accounts by tier against the role target', () => {
    const load = weightedLoad({ key: 3, strategic: 2, maintain: 5, unscored: 1 }, defaultTierWeights); // 12 + 6 + 5 + 1
    expect(load).toBe(24);
    expect(workload(load, 40)).toEqual({ load: 24, target: 40, index: 0.6, headroom: 16 });
    expect(workload(50, 40)).toEqual({ load: 50, target: 40, index: 1.25, headroom: -10 });
    expect(workload(5, null)).toEqual({ load: 5, target: null, index: null, headroom: null });
  });
});

describe('pay against the band', () => {
  const band = { currency: 'EUR', totalLow: 6_000_000n, totalHigh: 9_000_000n };
  it('places expected pay below, within and above, flagging outside', () => {
    expect(compareToBand({ amount: 5_000_000n, currency: 'EUR' }, band)).toEqual({ position: 'below', flagged: true, distance: -1_000_000n, positionInBand: '-0.3333' });
    expect(compareToBand({ amount: 7_500_000n, currency: 'EUR' }, band)).toEqual({ position: 'within', flagged: false, distance: 0n, positionInBand: '0.5000' });
    expect(compareToBand({ amount: 9_000_000n, currency: 'EUR' }, band)).toMatchObject({ position: 'within', positionInBand: '1.0000' });
    expect(compareToBand({ amount: 9_000_001n, currency: 'EUR' }, band)).toMatchObject({ position: 'above', flagged: true, distance: 1n });
  });
  it('says why it cannot compare', () => {
    expect(compareToBand({ amount: 1n, currency: 'EUR' }, null).position).toBe('no_band');
    expect(compareToBand(null, band).position).toBe('no_pay');
    expect(compareToBand({ amount: 7_000_000n, currency: 'USD' }, band)).toMatchObject({ position: 'other_currency', flagged: false });
  });
  it('fractions round half away from zero', () => {
    expect(fraction(1n, 3n)).toBe('0.3333');
    expect(fraction(2n, 3n)).toBe('0.6667');
    expect(fraction(-1n, 8n)).toBe('-0.1250');
    expect(fraction(1n, 20000n)).toBe('0.0001');
  });
  it('checks ranges', () => {
    expect(bandProblems({ base: { low: 5n, high: 4n }, bonus: { low: -1n, high: 0n }, total: null })).toEqual([
      { path: 'base.high', message: 'is below the low end' },
      { path: 'bonus.low', message: 'cannot be negative' },
    ]);
  });
});
