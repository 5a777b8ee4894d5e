const MS_PER_DAY = 24 * 60 * 60 * 1000;

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
