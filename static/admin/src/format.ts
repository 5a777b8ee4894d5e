/** The page's one way of writing dates, times, durations and counts. */

const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "Dec 4, 2026, 12:05 PM UTC": every date-time on the page, in the browser's time zone, which it names. */
export function formatDateTime(iso: string | null): string {
  if (iso === null) return '—';
  return DATE_TIME.format(new Date(iso));
}

/** "Dec 4, 2026": a day, in the browser's time zone like every date-time. */
export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A count with thousands separators: "5,000". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
