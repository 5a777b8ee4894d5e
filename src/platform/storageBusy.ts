/**
 * Forge storage refused a request for its per-installation quota (429 RATE_LIMIT_EXCEEDED: 4,000 read and 4,000
 * write units a minute), or the app's own meter stopped before the quota. Work checkpoints and continues at
 * `retryAt`, the start of the next minute; a resolver answers "busy, try again in a minute".
 */
export class StorageBusyError extends Error {
  readonly retryAt: Date;

  constructor(now: Date, detail: string) {
    super(`Storage is busy (${detail}); try again in a minute.`);
    this.name = 'StorageBusyError';
    this.retryAt = startOfNextMinute(now);
  }
}

/** The code Forge's key-value store answers a quota refusal with, alongside status 429. */
export const STORAGE_RATE_LIMIT_CODE = 'RATE_LIMIT_EXCEEDED';

/** Whether an error from @forge/kvs (ForgeKvsAPIError: `code`, `responseDetails.status`) is a quota refusal. */
export function isStorageRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, responseDetails } = error as { code?: unknown; responseDetails?: { status?: unknown } };
  return code === STORAGE_RATE_LIMIT_CODE || responseDetails?.status === 429;
}

export function startOfNextMinute(now: Date): Date {
  return new Date((Math.floor(now.getTime() / 60_000) + 1) * 60_000);
}
