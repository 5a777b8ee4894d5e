/**
 * The page's one way of writing dates, times, durations and counts. Times are in UTC, named as such, because
 * schedules run on UTC hours and every admin then reads the same time: "2026-11-22 09:00 UTC".
 */

/** "2026-11-22 09:00 UTC", or "—" when there is no time. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const at = new Date(iso).toISOString();
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

/** "2026-11-22": a day, in UTC like every time. */
export function formatDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
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
