import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  caseStatuses,
  defaultSlaHours,
  dueAt,
  isBreached,
  isSevereOpen,
  levelAt,
  nextEscalationAt,
  slaPeriodMs,
  timeToResolveMs,
  transitionError,
  validateCategories,
  validateSlaHours,
} from './sla.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

describe('SLA period and due time', () => {
  it('takes hours per severity from the setting', () => {
    expect(slaPeriodMs(1, defaultSlaHours)).toBe(4 * H);
    expect(slaPeriodMs(2, defaultSlaHours)).toBe(24 * H);
    expect(slaPeriodMs(3, defaultSlaHours)).toBe(72 * H);
    expect(slaPeriodMs(4, defaultSlaHours)).toBe(168 * H);
    expect(slaPeriodMs(1, { ...defaultSlaHours, sev1: 2 })).toBe(2 * H);
  });

  it('is opened + period, later by the time spent resolved', () => {
    expect(dueAt(T0, 4 * H)).toBe(T0 + 4 * H);
    expect(dueAt(T0, 4 * H, 0)).toBe(T0 + 4 * H);
    expect(dueAt(T0, 4 * H, 90 * 60_000)).toBe(T0 + 5.5 * H);
  });
});

describe('escalation level at a time', () => {
  const clock = { dueAt: T0 + 4 * H, periodMs: 4 * H, stoppedAt: null };

  it('is 0 before the due time, 1 exactly at the due instant', () => {
    expect(levelAt(clock, T0)).toBe(0);
    expect(levelAt(clock, T0 + 4 * H - 1)).toBe(0);
    expect(levelAt(clock, T0 + 4 * H)).toBe(1);
    expect(isBreached(clock, T0 + 4 * H - 1)).toBe(false);
    expect(isBreached(clock, T0 + 4 * H)).toBe(true);
  });

  it('rises by one per further whole period and stops at 3', () => {
    expect(levelAt(clock, T0 + 8 * H - 1)).toBe(1);
    expect(levelAt(clock, T0 + 8 * H)).toBe(2);
    expect(levelAt(clock, T0 + 12 * H - 1)).toBe(2);
    expect(levelAt(clock, T0 + 12 * H)).toBe(3);
    expect(levelAt(clock, T0 + 16 * H)).toBe(3);
    expect(levelAt(clock, T0 + 1000 * H)).toBe(3);
  });

  it('stays 0 for a case resolved before the breach, however late we look', () => {
    const resolved = { ...clock, stoppedAt: T0 + 3 * H };
    expect(levelAt(resolved, T0 + 4 * H)).toBe(0);
    expect(levelAt(resolved, T0 + 100 * H)).toBe(0);
    expect(isBreached(resolved, T0 + 100 * H)).toBe(false);
  });

  it('freezes at the level reached when the case was resolved after the breach', () => {
    const resolved = { ...clock, stoppedAt: T0 + 9 * H };
    expect(levelAt(resolved, T0 + 100 * H)).toBe(2);
    // looking back before the stop, the clock still ran
    expect(levelAt(resolved, T0 + 5 * H)).toBe(1);
  });

  it('a reopened case: the time spent resolved moves the due time', () => {
    // resolved after 3 h, reopened 10 h later: 1 h of the period is left
    const reopened = { dueAt: dueAt(T0, 4 * H, 10 * H), periodMs: 4 * H, stoppedAt: null };
    expect(levelAt(reopened, T0 + 13 * H + 59 * 60_000)).toBe(0);
    expect(levelAt(reopened, T0 + 14 * H)).toBe(1);
    expect(levelAt(reopened, T0 + 18 * H)).toBe(2);
  });

  it('a zero period escalates to the cap at once', () => {
    expect(levelAt({ dueAt: T0, periodMs: 0, stoppedAt: null }, T0)).toBe(3);
    expect(levelAt({ dueAt: T0, periodMs: 0, stoppedAt: null }, T0 - 1)).toBe(0);
  });
});

describe('next escalation', () => {
  const clock = { dueAt: T0 + 24 * H, periodMs: 24 * H, stoppedAt: null };
  it('is the due time at level 0, then one period later per level, none at the cap', () => {
    expect(nextEscalationAt(clock, 0)).toBe(T0 + 24 * H);
    expect(nextEscalationAt(clock, 1)).toBe(T0 + 48 * H);
    expect(nextEscalationAt(clock, 2)).toBe(T0 + 72 * H);
    expect(nextEscalationAt(clock, 3)).toBeNull();
  });
  it('is none while the clock is stopped', () => {
    expect(nextEscalationAt({ ...clock, stoppedAt: T0 }, 0)).toBeNull();
  });
  it('agrees with levelAt: at the next escalation time the level is one higher', () => {
    for (let level = 0; level < 3; level++) {
      const at = nextEscalationAt(clock, level)!;
      expect(levelAt(clock, at)).toBe(level + 1);
      expect(levelAt(clock, at - 1)).toBe(level);
    }
  });
});

describe('time to resolve', () => {
  it('is opened → resolved, null while unresolved', () => {
    expect(timeToResolveMs(T0, T0 + 90 * 60_000)).toBe(90 * 60_000);
    expect(timeToResolveMs(T0, null)).toBeNull();
    expect(timeToResolveMs(T0, T0)).toBe(0);
  });
});

describe('status transitions', () => {
  it('follows open → in progress → resolved → closed, open → resolved, and reopen', () => {
    expect(allowedTransitions('open')).toEqual(['in_progress', 'resolved']);
    expect(allowedTransitions('in_progress')).toEqual(['resolved']);
    expect(allowedTransitions('resolved')).toEqual(['closed', 'open']);
    expect(allowedTransitions('closed')).toEqual([]);
    expect(transitionError('open', 'in_progress')).toBeNull();
    expect(transitionError('resolved', 'open')).toBeNull();
  });

  it('explains every refused move', () => {
    for (const from of caseStatuses) {
      for (const to of caseStatuses) {
        const error = transitionError(from, to);
        expect(error === null).toBe(allowedTransitions(from).includes(to));
      }
    }
    expect(transitionError('open', 'closed')).toBe('A case that is open can move to in progress or resolved, not to closed');
    expect(transitionError('closed', 'open')).toBe('A closed case cannot change any more; open a new case instead');
    expect(transitionError('in_progress', 'in_progress')).toBe('The case is already in progress');
  });
});

describe('severe open cases', () => {
  it('are severity 1 or 2, open or in progress', () => {
    expect(isSevereOpen(1, 'open')).toBe(true);
    expect(isSevereOpen(2, 'in_progress')).toBe(true);
    expect(isSevereOpen(3, 'open')).toBe(false);
    expect(isSevereOpen(1, 'resolved')).toBe(false);
    expect(isSevereOpen(1, 'closed')).toBe(false);
  });
});

describe('settings validation', () => {
  it('accepts the defaults and refuses out-of-range, fractional and inverted hours', () => {
    expect(validateSlaHours(defaultSlaHours)).toEqual([]);
    expect(validateSlaHours({ ...defaultSlaHours, sev1: 0 })).toEqual([{ path: 'hours/sev1', message: 'must be a whole number of hours from 1 to 8760' }]);
    expect(validateSlaHours({ ...defaultSlaHours, sev4: 8761 })[0]!.path).toBe('hours/sev4');
    expect(validateSlaHours({ ...defaultSlaHours, sev2: 1.5 })[0]!.path).toBe('hours/sev2');
    expect(validateSlaHours({ sev1: 48, sev2: 24, sev3: 72, sev4: 168 })).toEqual([{ path: 'hours/sev2', message: 'cannot be shorter than severity 1' }]);
    expect(validateSlaHours({ sev1: 8, sev2: 8, sev3: 8, sev4: 8 })).toEqual([]);
  });

  it('accepts distinct lower-case categories and refuses empty, duplicate and odd ones', () => {
    expect(validateCategories(['delivery', 'other'])).toEqual([]);
    expect(validateCategories([])).toEqual([{ path: 'categories', message: 'needs at least one category' }]);
    expect(validateCategories(['a', 'a'])).toEqual([{ path: 'categories/1', message: 'a is listed twice' }]);
    expect(validateCategories(['Bad Key'])[0]!.path).toBe('categories/0');
    expect(validateCategories(['<script>'])[0]!.path).toBe('categories/0');
  });
});
