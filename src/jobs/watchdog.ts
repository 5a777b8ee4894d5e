import type { KeyValueStore } from '../platform/ports';
import type { Checkpoint } from './checkpoint';
import { jobStepEvent, jobStepEvents } from './events';
import { LEASE_MS, wasClaimed } from './lease';

/** When the watchdog copy of each event is due: once the lease of a delivery that died has run out. */
export const WATCHDOG_SECONDS = LEASE_MS / 1000;

/**
 * What a watchdog of `seq` sends when the checkpoint has moved past it. Its handler may have written checkpoint
 * `seq + 1` and stopped before sending that event: if nobody ever claimed `seq + 1`, its events are sent again once
 * it is due (duplicates change nothing, see JobRunner), and until then this watchdog comes back when it is due.
 */
export async function lostPushEvents(
  store: KeyValueStore,
  checkpoint: Checkpoint,
  seq: number,
  now: Date,
): Promise<Array<ReturnType<typeof jobStepEvent>>> {
  const { id } = checkpoint.status;
  if (checkpoint.seq !== seq + 1 || (await wasClaimed(store, id, checkpoint.seq))) return [];
  const dueInMs = Date.parse(checkpoint.dueAt) - now.getTime();
  if (dueInMs > 0) return [jobStepEvent(id, seq, Math.ceil(dueInMs / 1000), true)];
  return jobStepEvents(id, checkpoint.seq, 0, WATCHDOG_SECONDS);
}
