import type { SeatCount } from './domain/directory';

/**
 * What the admin page and the backend agree on: every resolver answers a `ResolverResult`, so errors reach
 * the page as data it can show, never as a mangled exception. docs/api.md documents each resolver.
 */

export type ErrorCode = 'forbidden' | 'invalid-input' | 'upstream-unavailable' | 'internal';

export type ResolverResult<T> =
  { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; field?: string } };

/** Seats per Jira product, as Jira's `applicationrole` reports them. */
export type SeatSummary = SeatCount;

export interface Heartbeat {
  /** ISO time the scheduled trigger last ran. */
  scheduledAt: string | null;
  /** ISO time the job queue consumer last processed the schedule's check event. */
  processedAt: string | null;
}

export interface AppStatus {
  /** Whether an organization API key is stored; the key itself never leaves secret storage. */
  orgApiKeySet: boolean;
  seats: SeatSummary[];
  heartbeat: Heartbeat;
}
