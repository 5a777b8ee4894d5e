/**
 * When a rule runs. All times are UTC; a run is due once for every scheduled time that passed since the last run
 * (several missed times still make one run).
 */
import { addHours, isAfter, max } from 'date-fns';
import type { RuleSchedule } from './rule';

const HOURS_PER_DAY = 24;
const HOURS_PER_WEEK = 7 * HOURS_PER_DAY;

/** The first scheduled time strictly after `after`, or null for a manual rule. */
export function nextRunAt(schedule: RuleSchedule, after: Date): Date | null {
  const year = after.getUTCFullYear();
  const month = after.getUTCMonth();
  const day = after.getUTCDate();
  switch (schedule.frequency) {
    case 'manual':
      return null;
    case 'daily':
      return firstAfter(utc(year, month, day, schedule.hourUtc), after, HOURS_PER_DAY);
    case 'weekly': {
      const daysAhead = (schedule.weekday - after.getUTCDay() + 7) % 7;
      return firstAfter(utc(year, month, day + daysAhead, schedule.hourUtc), after, HOURS_PER_WEEK);
    }
    case 'monthly': {
      const thisMonth = utc(year, month, schedule.dayOfMonth, schedule.hourUtc);
      return isAfter(thisMonth, after)
        ? thisMonth
        : utc(year, month + 1, schedule.dayOfMonth, schedule.hourUtc);
    }
  }
}

/**
 * Due when a scheduled time lies in (lastRunAt, now]. A rule that never ran is due from its first scheduled time
 * after it was created.
 */
export function isDue(schedule: RuleSchedule, lastRunAt: Date | null, now: Date, createdAt: Date): boolean {
  const windowStart = lastRunAt === null ? createdAt : max([lastRunAt, createdAt]);
  const next = nextRunAt(schedule, windowStart);
  return next !== null && !isAfter(next, now);
}

/** Date.UTC rolls overflowing days and months into the next month and year. */
function utc(year: number, month: number, day: number, hour: number): Date {
  return new Date(Date.UTC(year, month, day, hour));
}

/** A UTC day is always 24 hours, so stepping by hours never drifts the way local-time day arithmetic can. */
function firstAfter(candidate: Date, after: Date, stepHours: number): Date {
  return isAfter(candidate, after) ? candidate : addHours(candidate, stepHours);
}
