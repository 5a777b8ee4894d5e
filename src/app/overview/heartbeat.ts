import type { Clock, JobQueue, KeyValueStore } from '../../platform/ports';
import type { Heartbeat } from '../../contract';

const HEARTBEAT_KEY = 'heartbeat';

export const HEARTBEAT_JOB = 'heartbeat';

/**
 * The schedule records that it ran and sends a check through the job queue; the consumer records that it
 * got it. Together they show the admin that background processing works end to end.
 */
export async function recordScheduledRun(deps: {
  store: KeyValueStore;
  queue: JobQueue;
  clock: Clock;
}): Promise<void> {
  const at = deps.clock.now().toISOString();
  const current = await readHeartbeat(deps.store);
  await deps.store.set<Heartbeat>(HEARTBEAT_KEY, { ...current, scheduledAt: at });
  await deps.queue.push([{ body: { kind: HEARTBEAT_JOB, sentAt: at } }]);
}

export async function recordQueueCheck(deps: { store: KeyValueStore; clock: Clock }): Promise<void> {
  const current = await readHeartbeat(deps.store);
  await deps.store.set<Heartbeat>(HEARTBEAT_KEY, { ...current, processedAt: deps.clock.now().toISOString() });
}

export async function readHeartbeat(store: KeyValueStore): Promise<Heartbeat> {
  return (await store.get<Heartbeat>(HEARTBEAT_KEY)) ?? { scheduledAt: null, processedAt: null };
}
