import { describe, expect, it } from 'vitest';
import { demoInteractionPlan } from './demo.ts';

const accounts = Array.from({ length: 200 }, (_, i) => ({ id: `01936b2e-7c1a-7000-8000-${String(i).padStart(12, '0')}`, ownerId: 'owner' }));

describe('demo interactions', () => {
  const today = '2026-11-23';
  const plan = demoInteractionPlan(accounts, today);

  it('is deterministic', () => {
    expect(demoInteractionPlan(accounts, today)).toEqual(plan);
  });

  it('dates every interaction in the past year, none in the future', () => {
    for (const i of plan) {
      expect(i.occurredOn <= today).toBe(true);
      expect(i.occurredOn >= '2025-11-23').toBe(true);
    }
  });

  it('leaves some accounts never contacted, and some next steps overdue and some to come', () => {
    const contacted = new Set(plan.map((i) => i.accountId));
    expect(contacted.size).toBeLessThan(accounts.length);
    expect(contacted.size).toBeGreaterThan(accounts.length / 2);
    const steps = plan.filter((i) => i.nextStep);
    expect(steps.some((s) => s.nextStepDue! < today)).toBe(true);
    expect(steps.some((s) => s.nextStepDue! >= today)).toBe(true);
    for (const s of steps) expect(s.nextStepDue! > s.occurredOn).toBe(true);
  });

  it('keeps sentiment within −2 … 2 and written by the owner', () => {
    for (const i of plan) {
      if (i.sentiment !== null) expect(Math.abs(i.sentiment)).toBeLessThanOrEqual(2);
      expect(i.createdBy).toBe('owner');
    }
  });
});
