import { isDue, nextRunAt } from '../../src/domain/schedule';

const at = (iso: string) => new Date(iso);

describe('nextRunAt', () => {
  it('has no next run for a manual rule', () => {
    expect(nextRunAt({ frequency: 'manual' }, at('2026-11-22T10:00:00Z'))).toBeNull();
  });

  it('runs a daily rule later the same day when the hour is still ahead', () => {
    expect(nextRunAt({ frequency: 'daily', hourUtc: 14 }, at('2026-11-22T10:00:00Z'))).toEqual(
      at('2026-11-22T14:00:00Z'),
    );
  });

  it('runs a daily rule the next day once the hour has passed', () => {
    expect(nextRunAt({ frequency: 'daily', hourUtc: 6 }, at('2026-11-22T10:00:00Z'))).toEqual(
      at('2026-11-23T06:00:00Z'),
    );
  });

  it('is strictly after: a daily rule asked at its own time runs the next day', () => {
    expect(nextRunAt({ frequency: 'daily', hourUtc: 6 }, at('2026-11-22T06:00:00Z'))).toEqual(
      at('2026-11-23T06:00:00Z'),
    );
  });

  it('crosses a month and year end for a daily rule', () => {
    expect(nextRunAt({ frequency: 'daily', hourUtc: 0 }, at('2026-12-31T23:30:00Z'))).toEqual(
      at('2027-01-01T00:00:00Z'),
    );
  });

  it('runs a weekly rule on the next matching weekday', () => {
    // 2026-11-22 is a Sunday; weekday 3 is Wednesday.
    expect(nextRunAt({ frequency: 'weekly', weekday: 3, hourUtc: 9 }, at('2026-11-22T10:00:00Z'))).toEqual(
      at('2026-11-25T09:00:00Z'),
    );
  });

  it('runs a weekly rule a week later once this week’s time has passed', () => {
    expect(nextRunAt({ frequency: 'weekly', weekday: 0, hourUtc: 9 }, at('2026-11-22T10:00:00Z'))).toEqual(
      at('2026-11-29T09:00:00Z'),
    );
  });

  it('runs a weekly rule later the same day when the hour is still ahead', () => {
    expect(nextRunAt({ frequency: 'weekly', weekday: 0, hourUtc: 18 }, at('2026-11-22T10:00:00Z'))).toEqual(
      at('2026-11-22T18:00:00Z'),
    );
  });

  it('runs a monthly rule this month when the day is still ahead', () => {
    expect(
      nextRunAt({ frequency: 'monthly', dayOfMonth: 28, hourUtc: 2 }, at('2026-02-10T00:00:00Z')),
    ).toEqual(at('2026-02-28T02:00:00Z'));
  });

  it('runs a monthly rule next month once the day has passed, across the year end', () => {
    expect(
      nextRunAt({ frequency: 'monthly', dayOfMonth: 1, hourUtc: 2 }, at('2026-12-01T02:00:00Z')),
    ).toEqual(at('2027-01-01T02:00:00Z'));
  });

  it('runs a monthly rule on day 28 of February after a 31-day month', () => {
    expect(
      nextRunAt({ frequency: 'monthly', dayOfMonth: 28, hourUtc: 0 }, at('2027-01-31T12:00:00Z')),
    ).toEqual(at('2027-02-28T00:00:00Z'));
  });
});

describe('isDue', () => {
  const daily = { frequency: 'daily', hourUtc: 6 } as const;
  const created = at('2026-11-01T12:00:00Z');

  it('is due when a scheduled time passed since the last run', () => {
    expect(isDue(daily, at('2026-11-21T06:00:05Z'), at('2026-11-22T06:00:03Z'), created)).toBe(true);
  });

  it('is due at exactly the scheduled time', () => {
    expect(isDue(daily, at('2026-11-21T06:00:05Z'), at('2026-11-22T06:00:00Z'), created)).toBe(true);
  });

  it('is not due before the next scheduled time', () => {
    expect(isDue(daily, at('2026-11-22T06:00:05Z'), at('2026-11-22T23:00:00Z'), created)).toBe(false);
  });

  it('is not due again for the scheduled time the last run already covered', () => {
    expect(isDue(daily, at('2026-11-22T06:00:00Z'), at('2026-11-22T07:00:00Z'), created)).toBe(false);
  });

  it('is due once after several missed scheduled times', () => {
    expect(isDue(daily, at('2026-11-10T06:00:00Z'), at('2026-11-22T07:00:00Z'), created)).toBe(true);
  });

  it('is not due for a never-run rule before its first scheduled time after creation', () => {
    expect(isDue(daily, null, at('2026-11-02T05:59:59Z'), created)).toBe(false);
  });

  it('is due for a never-run rule from its first scheduled time after creation', () => {
    expect(isDue(daily, null, at('2026-11-02T06:00:00Z'), created)).toBe(true);
  });

  it('never counts scheduled times from before the rule was created', () => {
    expect(isDue(daily, at('2026-10-01T06:00:00Z'), at('2026-11-01T13:00:00Z'), created)).toBe(false);
  });

  it('is never due for a manual rule', () => {
    expect(isDue({ frequency: 'manual' }, null, at('2030-01-01T00:00:00Z'), created)).toBe(false);
  });
});
