import type { KeyValueStore } from '../platform/ports';
import { readCheckpoint } from './checkpoint';
import { everyEntry } from './jobList';
import { ACTIVE_PREFIX, jobIdOfKey } from './keys';
import { isLeased } from './lease';

export interface StalledJob {
  jobId: string;
  /** The event the job waits for. */
  seq: number;
  /** When the job last changed. */
  since: string;
}

/** Unfinished jobs with no change for `olderThanMs`, no retry waiting and no live step: their event was lost. */
export async function stalledJobs(
  store: KeyValueStore,
  now: Date,
  olderThanMs: number,
): Promise<StalledJob[]> {
  const cutoff = now.getTime() - olderThanMs;
  const stalled: StalledJob[] = [];
  for (const { key } of await everyEntry(store, ACTIVE_PREFIX)) {
    const jobId = jobIdOfKey(ACTIVE_PREFIX, key);
    const checkpoint = await readCheckpoint(store, jobId);
    if (!checkpoint || checkpoint.phase === 'finished') continue;
    const lastMoved = Math.max(Date.parse(checkpoint.status.updatedAt), Date.parse(checkpoint.dueAt));
    if (lastMoved > cutoff || (await isLeased(store, jobId, checkpoint.seq, now))) continue;
    stalled.push({ jobId, seq: checkpoint.seq, since: checkpoint.status.updatedAt });
  }
  return stalled;
}
