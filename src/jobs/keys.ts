/** Storage keys of the job runner. Ids and kinds are limited to characters Forge accepts in a key. */

const NAME_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
/** Larger than any epoch-millisecond timestamp before the year 2286, so `MAX - t` sorts newest first. */
const MAX_EPOCH_MS = 9_999_999_999_999;

export const ACTIVE_PREFIX = 'job-active:';
export const CANCEL_PREFIX = 'job-cancel:';
export const BY_TIME_PREFIX = 'job-by-time:';

export function assertValidName(what: 'job id' | 'job kind', name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new Error(`${what} ${JSON.stringify(name)} must be 1 to 100 letters, digits, '.', '_' or '-'`);
  }
}

export const checkpointKey = (jobId: string): string => `job:${jobId}`;
/** One key per claim of an event: see lease.ts. */
export const leaseKey = (jobId: string, seq: number, generation: number): string =>
  `job-lease:${jobId}:${seq}:${generation}`;
export const cancelKey = (jobId: string): string => `${CANCEL_PREFIX}${jobId}`;
/** Present while the job is not finished: what resumeStalled looks through. */
export const activeKey = (jobId: string): string => `${ACTIVE_PREFIX}${jobId}`;

export const byKindPrefix = (kind: string): string => `job-by-kind:${kind}:`;

export function byTimeKey(jobId: string, createdAt: string): string {
  return `${BY_TIME_PREFIX}${newestFirst(createdAt)}:${jobId}`;
}

export function byKindKey(kind: string, jobId: string, createdAt: string): string {
  return `${byKindPrefix(kind)}${newestFirst(createdAt)}:${jobId}`;
}

export function jobIdOfKey(prefix: string, key: string): string {
  return key.slice(prefix.length);
}

function newestFirst(isoTime: string): string {
  return String(MAX_EPOCH_MS - Date.parse(isoTime)).padStart(13, '0');
}
