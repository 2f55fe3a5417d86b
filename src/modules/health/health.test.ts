import { describe, expect, it } from 'vitest';
import { accountHealth, bandOf, NEUTRAL, type HealthInputs } from './health.ts';

const neutral: HealthInputs = {
  revenue: { last3: 0, prev3: 0, grossProfitLast3: 0, grossProfitPrev3: 0 },
  contact: null,
  severeCases: { sev1: 0, sev2: 0 },
  coverage: { covered: 0, of: 7 },
  plan: null,
};
const impact = (inputs: Partial<HealthInputs>, key: string) => accountHealth({ ...neutral, ...inputs }).reasons.find((r) => r.key === key)!.impact;

describe('account health', () => {
  it('with nothing known only the missing relationships count', () => {
    const health = accountHealth(neutral);
    expect(health.score).toBe(NEUTRAL - 10);
    expect(health.reasons).toHaveLength(6);
    expect(health.reasons[0]).toMatchObject({ key: 'relationship_coverage', impact: -10 });
    expect(health.reasons.filter((r) => r.impact === 0).map((r) => r.key)).toEqual(['revenue_trend', 'margin_trend', 'contact_recency', 'severe_cases', 'plan_behind']);
  });

  it('revenue trend: change × 50 points, capped −25..+15; stopped revenue −25; new revenue +5', () => {
    const revenue = (last3: number, prev3: number) => impact({ revenue: { last3, prev3, grossProfitLast3: 0, grossProfitPrev3: 0 } }, 'revenue_trend');
    expect(revenue(100, 100)).toBe(0);
    expect(revenue(110, 100)).toBe(5);
    expect(revenue(90, 100)).toBe(-5);
    expect(revenue(80, 100)).toBe(-10);
    expect(revenue(1000, 100)).toBe(15);
    expect(revenue(10, 100)).toBe(-25);
    expect(revenue(0, 100)).toBe(-25);
    expect(revenue(-20, 100)).toBe(-25);
    expect(revenue(50, 0)).toBe(5);
    expect(revenue(0, 0)).toBe(0);
    expect(accountHealth({ ...neutral, revenue: { last3: 76, prev3: 100, grossProfitLast3: 0, grossProfitPrev3: 0 } }).reasons.find((r) => r.key === 'revenue_trend')!.params).toEqual({ changePercent: -24 });
  });

  it('margin trend: points of margin change, −15..+5, only with revenue in both windows; negative margins too', () => {
    const margin = (gpLast: number, gpPrev: number, last3 = 100, prev3 = 100) => impact({ revenue: { last3, prev3, grossProfitLast3: gpLast, grossProfitPrev3: gpPrev } }, 'margin_trend');
    expect(margin(30, 30)).toBe(0);
    expect(margin(25, 30)).toBe(-5);
    expect(margin(40, 30)).toBe(5);
    expect(margin(-10, 30)).toBe(-15);
    expect(margin(-20, -10)).toBe(-10);
    expect(margin(30, 30, 0, 100)).toBe(0);
    expect(margin(30, 30, 100, 0)).toBe(0);
  });

  it('contact recency: within cadence +5; overdue −10 per cadence overdue, at least −3, at most −20; never −10; unknown 0', () => {
    const contact = (c: HealthInputs['contact']) => impact({ contact: c }, 'contact_recency');
    expect(contact({ cadenceDays: 14, daysSinceContact: 14, overdueDays: 0 })).toBe(5);
    expect(contact({ cadenceDays: 14, daysSinceContact: 15, overdueDays: 1 })).toBe(-3);
    expect(contact({ cadenceDays: 14, daysSinceContact: 28, overdueDays: 14 })).toBe(-10);
    expect(contact({ cadenceDays: 14, daysSinceContact: 100, overdueDays: 86 })).toBe(-20);
    expect(contact({ cadenceDays: 14, daysSinceContact: null, overdueDays: 5 })).toBe(-10);
    expect(contact({ cadenceDays: 0, daysSinceContact: 3, overdueDays: 3 })).toBe(-20);
    expect(contact(null)).toBe(0);
  });

  it('severe cases: −15 per severity 1, −8 per severity 2, at most −40', () => {
    expect(impact({ severeCases: { sev1: 1, sev2: 0 } }, 'severe_cases')).toBe(-15);
    expect(impact({ severeCases: { sev1: 0, sev2: 2 } }, 'severe_cases')).toBe(-16);
    expect(impact({ severeCases: { sev1: 3, sev2: 1 } }, 'severe_cases')).toBe(-40);
    expect(impact({ severeCases: { sev1: 0, sev2: 0 } }, 'severe_cases')).toBe(0);
  });

  it('relationship coverage: −10 (none) … +10 (every buying role)', () => {
    expect(impact({ coverage: { covered: 7, of: 7 } }, 'relationship_coverage')).toBe(10);
    expect(impact({ coverage: { covered: 3, of: 7 } }, 'relationship_coverage')).toBe(-1);
    expect(impact({ coverage: { covered: 4, of: 7 } }, 'relationship_coverage')).toBe(1);
    expect(impact({ coverage: { covered: 9, of: 7 } }, 'relationship_coverage')).toBe(10);
    expect(impact({ coverage: { covered: 0, of: 0 } }, 'relationship_coverage')).toBe(-10);
  });

  it('plan objectives behind: share behind × −15; no plan or no objectives 0', () => {
    expect(impact({ plan: { objectives: 4, behind: 2 } }, 'plan_behind')).toBe(-8);
    expect(impact({ plan: { objectives: 4, behind: 4 } }, 'plan_behind')).toBe(-15);
    expect(impact({ plan: { objectives: 4, behind: 0 } }, 'plan_behind')).toBe(0);
    expect(impact({ plan: { objectives: 0, behind: 0 } }, 'plan_behind')).toBe(0);
    expect(impact({ plan: null }, 'plan_behind')).toBe(0);
  });

  it('adds up, clamps to 0..100, sorts reasons worst first', () => {
    const best = accountHealth({
      revenue: { last3: 200, prev3: 100, grossProfitLast3: 80, grossProfitPrev3: 30 },
      contact: { cadenceDays: 14, daysSinceContact: 2, overdueDays: 0 },
      severeCases: { sev1: 0, sev2: 0 },
      coverage: { covered: 7, of: 7 },
      plan: { objectives: 3, behind: 0 },
    });
    expect(best.score).toBe(100);
    expect(best.band).toBe('healthy');
    const worst = accountHealth({
      revenue: { last3: 0, prev3: 100, grossProfitLast3: 0, grossProfitPrev3: 30 },
      contact: { cadenceDays: 14, daysSinceContact: 200, overdueDays: 186 },
      severeCases: { sev1: 3, sev2: 0 },
      coverage: { covered: 0, of: 7 },
      plan: { objectives: 2, behind: 2 },
    });
    expect(worst.score).toBe(0);
    expect(worst.band).toBe('at_risk');
    const impacts = worst.reasons.map((r) => r.impact);
    expect(impacts).toEqual([...impacts].sort((a, b) => a - b));
    const mixed = accountHealth({ ...neutral, severeCases: { sev1: 1, sev2: 0 }, coverage: { covered: 7, of: 7 } });
    expect(mixed.score).toBe(NEUTRAL - 15 + 10);
  });
});

describe('bands', () => {
  it('at risk below the threshold, watch below threshold + 20, else healthy; exact boundaries', () => {
    expect(bandOf(39)).toBe('at_risk');
    expect(bandOf(40)).toBe('watch');
    expect(bandOf(59)).toBe('watch');
    expect(bandOf(60)).toBe('healthy');
    expect(bandOf(49, 50)).toBe('at_risk');
    expect(bandOf(69, 50)).toBe('watch');
    expect(bandOf(99, 90)).toBe('watch');
    expect(bandOf(100, 90)).toBe('healthy');
    expect(accountHealth(neutral, 60).band).toBe('at_risk');
  });
});
