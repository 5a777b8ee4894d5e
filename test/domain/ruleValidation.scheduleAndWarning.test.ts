import { validateRuleInput } from '../../src/domain/ruleValidation';
import { ctx, validInput, withPart, errorsOf } from './ruleValidationFixtures';

describe('validateRuleInput: schedule and warning period', () => {
  it.each([
    [
      { frequency: 'daily', hourUtc: 24 },
      'schedule.hourUtc',
      'Hour (UTC) must be a whole number from 0 to 23',
    ],
    [
      { frequency: 'weekly', weekday: 7, hourUtc: 0 },
      'schedule.weekday',
      'Weekday must be a whole number from 0 to 6',
    ],
    [
      { frequency: 'monthly', dayOfMonth: 29, hourUtc: 0 },
      'schedule.dayOfMonth',
      'Day of the month must be a whole number from 1 to 28',
    ],
    [
      { frequency: 'hourly' },
      'schedule.frequency',
      'frequency must be one of manual, daily, weekly, monthly',
    ],
  ])('rejects the schedule %p', (schedule, field, message) => {
    expect(errorsOf({ ...validInput(), schedule })).toEqual([{ field, message }]);
  });

  it('rejects schedule fields that do not belong to its frequency', () => {
    expect(errorsOf({ ...validInput(), schedule: { frequency: 'manual', hourUtc: 3 } })).toEqual([
      { field: 'schedule.hourUtc', message: "unknown field 'hourUtc'" },
    ]);
  });

  it.each([
    [
      { maxUsersPerRun: 0 },
      'limits.maxUsersPerRun',
      'Users per run must be a whole number from 1 to 100,000',
    ],
    [
      { maxUsersPerRun: 100_001 },
      'limits.maxUsersPerRun',
      'Users per run must be a whole number from 1 to 100,000',
    ],
    [
      { maxPercentOfScope: 0.05 },
      'limits.maxPercentOfScope',
      'Share of the scope per run must be from 0.1 to 100 %',
    ],
    [
      { maxPercentOfScope: 101 },
      'limits.maxPercentOfScope',
      'Share of the scope per run must be from 0.1 to 100 %',
    ],
  ])('rejects the limits %p', (limits, field, message) => {
    expect(errorsOf(withPart('limits', limits))).toEqual([{ field, message }]);
  });

  it('accepts a warning period of 1 to 90 days', () => {
    expect(validateRuleInput({ ...validInput(), warning: { days: 1 } }, ctx)).toMatchObject({
      ok: true,
      rule: { warning: { days: 1 } },
    });
    expect(validateRuleInput({ ...validInput(), warning: { days: 90 } }, ctx)).toMatchObject({
      ok: true,
      rule: { warning: { days: 90 } },
    });
  });

  it('reads a rule without a warning field as acting without warning', () => {
    const withoutWarning = validInput();
    delete withoutWarning.warning;

    expect(validateRuleInput(withoutWarning, ctx)).toMatchObject({ ok: true, rule: { warning: null } });
  });

  it('rejects a warning period outside 1..90 days, naming warning.days', () => {
    expect(errorsOf({ ...validInput(), warning: { days: 0 } })).toEqual([
      { field: 'warning.days', message: 'Warning days must be a whole number from 1 to 90' },
    ]);
    expect(errorsOf({ ...validInput(), warning: { days: 91 } })).toEqual([
      { field: 'warning.days', message: 'Warning days must be a whole number from 1 to 90' },
    ]);
  });

  it('rejects a warning that is neither null nor an object with days', () => {
    expect(errorsOf({ ...validInput(), warning: 14 })).toEqual([
      { field: 'warning', message: 'warning must be null (act without warning) or an object with days' },
    ]);
    expect(errorsOf({ ...validInput(), warning: {} })).toEqual([
      { field: 'warning.days', message: 'Warning days is required' },
    ]);
  });
});
