import { millisecondsInDay } from 'date-fns/constants';

const MS_PER_DAY = millisecondsInDay;

/** Whole days from `fromMs` to `toMs`, rounded down; negative when `fromMs` is later. */
export function wholeDaysBetween(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / MS_PER_DAY);
}

/** The UTC calendar day of an ISO timestamp, as YYYY-MM-DD. */
export function utcDay(iso: string): string {
  // A date alone or a UTC timestamp already starts with its UTC day; only offsets need converting.
  if (iso.length === 10 || iso.endsWith('Z')) return iso.slice(0, 10);
  return new Date(iso).toISOString().slice(0, 10);
}

/** An ISO timestamp to the minute in UTC, the page's one date-time format: "2026-11-22 09:31 UTC". */
export function utcMinute(iso: string): string {
  const at = new Date(iso).toISOString();
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

/**
 * `Date.parse(timestamp)`, read directly when it is in the form the APIs and `toISOString` write
 * (`2026-04-02T09:30:00.000Z`): evaluation reads a timestamp per product of every user, and `Date.parse` is several
 * times slower. Any other form, and any out-of-range field, is left to `Date.parse`.
 */
export function timestampMs(timestamp: string): number {
  if (!isCanonicalUtc(timestamp)) return Date.parse(timestamp);
  const year = digits(timestamp, 0, 4);
  const month = digits(timestamp, 5, 2);
  const day = digits(timestamp, 8, 2);
  const hour = digits(timestamp, 11, 2);
  const minute = digits(timestamp, 14, 2);
  const second = digits(timestamp, 17, 2);
  const ms = digits(timestamp, 20, 3);
  const valid =
    year >= 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59 &&
    ms >= 0;
  if (!valid) return Date.parse(timestamp);
  return daysSinceEpoch(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

const DASH = 45;
const COLON = 58;
const DOT = 46;
const LETTER_T = 84;
const LETTER_Z = 90;

function isCanonicalUtc(timestamp: string): boolean {
  return (
    timestamp.length === 24 &&
    timestamp.charCodeAt(4) === DASH &&
    timestamp.charCodeAt(7) === DASH &&
    timestamp.charCodeAt(10) === LETTER_T &&
    timestamp.charCodeAt(13) === COLON &&
    timestamp.charCodeAt(16) === COLON &&
    timestamp.charCodeAt(19) === DOT &&
    timestamp.charCodeAt(23) === LETTER_Z
  );
}

/** The decimal number in `count` characters from `start`; -1 when one of them is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
