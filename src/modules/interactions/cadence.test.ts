import { describe, expect, it } from 'vitest';
import { addDays, byUrgency, cadenceStatus, daysBetween, defaultCadence, lastContactOn, validateCadence, validateMinutes } from './cadence.ts';

const base = { today: '2026-11-23', createdOn: '2026-01-10', cadence: defaultCadence };

describe('dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-23', 14)).toBe('2026-12-07');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('counts whole days, negative backwards, across DST changes', () => {
    expect(daysBetween('2026-11-09', '2026-11-23')).toBe(14);
    expect(daysBetween('2026-11-23', '2026-11-09')).toBe(-14);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });
});

describe('last contact', () => {
  it('is the latest date on or before today', () => {
    expect(lastContactOn(['2026-10-01', '2026-11-20', '2026-11-02'], '2026-11-23')).toBe('2026-11-20');
    expect(lastContactOn(['2026-11-23'], '2026-11-23')).toBe('2026-11-23');
  });
  it('ignores future-dated (planned) interactions', () => {
    expect(lastContactOn(['2026-11-01', '2026-12-01'], '2026-11-23')).toBe('2026-11-01');
    expect(lastContactOn(['2026-11-24'], '2026-11-23')).toBeNull();
  });
  it('is null without interactions', () => {
    expect(lastContactOn([], '2026-11-23')).toBeNull();
  });
});

describe('cadence status', () => {
  it('an account never contacted is due on its creation day and overdue every day after', () => {
    expect(cadenceStatus({ ...base, lastContactOn: null, tier: 'key' })).toEqual({
      tier: 'key', tierKnown: true, cadenceDays: 14, lastContactOn: null, daysSinceContact: null, dueOn: '2026-01-10', overdue: true, overdueDays: 317,
    });
    const createdToday = cadenceStatus({ ...base, createdOn: '2026-11-23', lastContactOn: null, tier: 'key' });
    expect(createdToday).toMatchObject({ dueOn: '2026-11-23', overdue: false, overdueDays: 0 });
  });

  it('boundary: due on last contact + cadence is not overdue; the day after is overdue by 1', () => {
    const onDue = cadenceStatus({ ...base, lastContactOn: '2026-11-09', tier: 'key' });
    expect(onDue).toMatchObject({ dueOn: '2026-11-23', overdue: false, overdueDays: 0, daysSinceContact: 14 });
    const dayAfter = cadenceStatus({ ...base, lastContactOn: '2026-11-08', tier: 'key' });
    expect(dayAfter).toMatchObject({ dueOn: '2026-11-22', overdue: true, overdueDays: 1, daysSinceContact: 15 });
    const dayBefore = cadenceStatus({ ...base, lastContactOn: '2026-11-10', tier: 'key' });
    expect(dayBefore).toMatchObject({ dueOn: '2026-11-24', overdue: false, overdueDays: 0 });
  });

  it('contact today resets the clock', () => {
    expect(cadenceStatus({ ...base, lastContactOn: '2026-11-23', tier: 'key' })).toMatchObject({ dueOn: '2026-12-07', overdue: false, daysSinceContact: 0 });
  });

  it('a future-dated last contact is not a contact', () => {
    expect(cadenceStatus({ ...base, lastContactOn: '2026-12-01', tier: 'key' })).toMatchObject({ lastContactOn: null, dueOn: '2026-01-10', overdue: true });
  });

  it('the tier decides the cadence; a tier change moves the due date', () => {
    const last = '2026-10-01'; // 53 days ago
    const status = (tier: 'key' | 'strategic' | 'maintain' | 'develop' | null) => cadenceStatus({ ...base, lastContactOn: last, tier });
    expect(status('key')).toMatchObject({ cadenceDays: 14, dueOn: '2026-10-15', overdue: true, overdueDays: 39 });
    expect(status('strategic')).toMatchObject({ cadenceDays: 21, dueOn: '2026-10-22', overdue: true, overdueDays: 32 });
    expect(status('maintain')).toMatchObject({ cadenceDays: 45, dueOn: '2026-11-15', overdue: true, overdueDays: 8 });
    expect(status('develop')).toMatchObject({ cadenceDays: 90, dueOn: '2026-12-30', overdue: false, overdueDays: 0 });
  });

  it('accounts without a tier follow develop and say so', () => {
    expect(cadenceStatus({ ...base, lastContactOn: '2026-10-01', tier: null })).toMatchObject({ tier: 'develop', tierKnown: false, cadenceDays: 90 });
  });

  it('uses the organisation cadence', () => {
    const cadence = { ...defaultCadence, key: 7 };
    expect(cadenceStatus({ ...base, cadence, lastContactOn: '2026-11-15', tier: 'key' })).toMatchObject({ dueOn: '2026-11-22', overdue: true, overdueDays: 1 });
  });
});

describe('urgency order', () => {
  it('longest overdue first, then tier, then name', () => {
    const rows = [
      { name: 'B', tier: 'develop' as const, overdueDays: 3 },
      { name: 'A', tier: 'develop' as const, overdueDays: 3 },
      { name: 'C', tier: 'key' as const, overdueDays: 3 },
      { name: 'D', tier: 'maintain' as const, overdueDays: 30 },
      { name: 'E', tier: 'key' as const, overdueDays: 0 },
    ];
    expect([...rows].sort(byUrgency).map((r) => r.name)).toEqual(['D', 'C', 'A', 'B', 'E']);
  });
});

describe('settings validation', () => {
  it('accepts the defaults', () => {
    expect(validateCadence(defaultCadence)).toEqual([]);
    expect(validateMinutes({ meeting: 60, call: 0, visit: 1440, email: 10, note: 5 })).toEqual([]);
  });
  it('refuses zero, negative, fractional, huge, missing and unknown entries', () => {
    expect(validateCadence({ key: 0, strategic: -1, maintain: 1.5, develop: 3651, extra: 3 }).map((p) => p.path)).toEqual([
      'cadence.key', 'cadence.strategic', 'cadence.maintain', 'cadence.develop', 'cadence.extra',
    ]);
    expect(validateCadence({ key: 14 }).map((p) => p.path)).toEqual(['cadence.strategic', 'cadence.maintain', 'cadence.develop']);
    expect(validateMinutes({ meeting: -1, call: 1441, visit: '60', email: 10 }).map((p) => p.path)).toEqual(['minutes.meeting', 'minutes.call', 'minutes.visit', 'minutes.note']);
  });
});
