import type { Verdict } from '../../src/domain/decision';
import {
  dueDateOf,
  extendedDueDate,
  isDue,
  verdictWhileWarned,
  warningStepFor,
  type PendingUser,
} from '../../src/domain/warning';

const NOW = new Date('2026-11-22T09:00:00.000Z');

function pending(overrides: Partial<PendingUser> = {}): PendingUser {
  return {
    ruleId: 'rule-1',
    accountId: 'u-1',
    name: 'Una User',
    email: null,
    state: 'pending',
    warnedAt: '2026-11-01T09:00:00.000Z',
    warnedInRun: 'run-1',
    dueAt: '2026-11-15T09:00:00.000Z',
    notifiedAt: '2026-11-01T09:00:01.000Z',
    issueKey: 'ENG-1',
    lastActiveAt: null,
    plannedActions: [{ kind: 'suspend' }],
    history: [],
    updatedAt: '2026-11-01T09:00:01.000Z',
    ...overrides,
  };
}

describe('due dates', () => {
  it('falls the warning period after the warning', () => {
    expect(dueDateOf(NOW, 14).toISOString()).toBe('2026-12-06T09:00:00.000Z');
  });

  it('falls at the start of the hour, so the run on that hour days later acts rather than the next day', () => {
    expect(dueDateOf(new Date('2026-11-22T09:03:27.000Z'), 7).toISOString()).toBe('2026-11-29T09:00:00.000Z');
  });

  it('extends from the current due date, not from now', () => {
    expect(extendedDueDate('2026-12-06T09:00:00.000Z', 7)).toBe('2026-12-13T09:00:00.000Z');
  });

  it('is due at the due time exactly, not a moment before', () => {
    const at = pending({ dueAt: NOW.toISOString() });
    expect(isDue(at, NOW)).toBe(true);
    expect(isDue(at, new Date(NOW.getTime() - 1))).toBe(false);
  });
});

describe('warningStepFor', () => {
  it('warns a user who was never warned', () => {
    expect(warningStepFor(null, NOW)).toEqual({ kind: 'warn' });
  });

  it('acts on a told user whose period is over', () => {
    expect(warningStepFor(pending(), NOW).kind).toBe('act');
  });

  it('waits for a user still within the period', () => {
    expect(warningStepFor(pending({ dueAt: '2026-12-01T00:00:00.000Z' }), NOW).kind).toBe('wait');
  });

  it('never acts on a user who was never told, however late: it warns again', () => {
    expect(warningStepFor(pending({ notifiedAt: null }), NOW)).toEqual({ kind: 'warn' });
  });

  it('warns again a user whose earlier warning was cancelled or acted on', () => {
    expect(warningStepFor(pending({ state: 'cancelled' }), NOW)).toEqual({ kind: 'warn' });
    expect(warningStepFor(pending({ state: 'acted' }), NOW)).toEqual({ kind: 'warn' });
  });
});

describe('verdictWhileWarned', () => {
  const inactive = {
    code: 'inactive',
    product: 'jira-software',
    lastActiveAt: '2026-01-01T00:00:00.000Z',
    daysInactive: 325,
    thresholdDays: 90,
  } as const;
  const selected: Verdict = {
    accountId: 'u-1',
    ruleId: 'rule-1',
    outcome: 'selected',
    reasons: [inactive],
    protections: [],
    exclusions: [],
    plannedActions: [{ kind: 'suspend' }],
  };
  const waiting = pending({ dueAt: '2026-12-01T00:00:00.000Z' });

  it('shows a selected user within their warning period as pending, with both dates, and plans nothing', () => {
    expect(verdictWhileWarned(selected, waiting, NOW)).toEqual({
      ...selected,
      outcome: 'excluded',
      reasons: [],
      exclusions: [
        { code: 'warning-pending', warnedAt: waiting.warnedAt, dueAt: waiting.dueAt, selection: inactive },
      ],
      plannedActions: [],
    });
  });

  it('selects again a warned user whose period is over', () => {
    expect(verdictWhileWarned(selected, pending(), NOW)).toBe(selected);
  });

  it('selects a user whose warning was cancelled', () => {
    expect(verdictWhileWarned(selected, pending({ state: 'cancelled', dueAt: waiting.dueAt }), NOW)).toBe(
      selected,
    );
  });
});
