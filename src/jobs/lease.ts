import { randomUUID } from 'node:crypto';
import { secondsInDay } from 'date-fns/constants';
import { FORGE_LIMITS } from '../platform/forgeLimits';
import type { KeyValueStore } from '../platform/ports';
import { leaseKey } from './keys';

/** No invocation outlives Forge's 900 s limit, so a lease this old belongs to an invocation that died. */
export const LEASE_MS = FORGE_LIMITS.invocation.maxFunctionSeconds * 1000;
/** Leases are never deleted: storage drops them a day on, long after their event was settled. */
const KEPT_FOR_SECONDS = secondsInDay;
/**
 * Claims of one event before the runner gives up on it. The runner counts each takeover as a failed attempt and moves
 * the job on, so this is only reached if the invocations recording those failures keep dying too.
 */
const MAX_TAKEOVERS = 96;

interface LeaseRecord {
  token: string;
  expiresAt: string;
}

/** The right to act on event `seq` of a job, as one delivery holds it. */
export interface HeldLease {
  jobId: string;
  seq: number;
  /** How many earlier holders of this event died and were taken over. */
  generation: number;
  token: string;
}

export type LeaseClaim = { claimed: true; lease: HeldLease } | { claimed: false; expiresInMs: number };

/**
 * Claims event `seq` of a job with an atomic create (FAIL_IF_EXISTS): of deliveries that overlap, exactly one wins.
 * A lease whose holder died expires after LEASE_MS; the next claimant then creates the next generation's key, which
 * again only one can do. Nothing is ever overwritten or deleted, so no claim depends on when storage drops a key.
 */
export async function claimLease(
  store: KeyValueStore,
  jobId: string,
  seq: number,
  now: Date,
): Promise<LeaseClaim> {
  const record: LeaseRecord = {
    token: randomUUID(),
    expiresAt: new Date(now.getTime() + LEASE_MS).toISOString(),
  };
  for (let generation = 0; generation < MAX_TAKEOVERS; generation++) {
    const key = leaseKey(jobId, seq, generation);
    if (await store.create(key, record, { ttlSeconds: KEPT_FOR_SECONDS })) {
      return { claimed: true, lease: { jobId, seq, generation, token: record.token } };
    }
    const held = await store.get<LeaseRecord>(key);
    if (held && isLive(held, now)) {
      return { claimed: false, expiresInMs: Date.parse(held.expiresAt) - now.getTime() };
    }
  }
  throw new Error(
    `job ${jobId}: event ${seq} was claimed ${MAX_TAKEOVERS} times by invocations that died; giving up on it`,
  );
}

/** Whether `lease` is still this delivery's: nobody took it over after it expired. */
export async function holdsLease(store: KeyValueStore, lease: HeldLease): Promise<boolean> {
  const { jobId, seq, generation, token } = lease;
  const [mine, successor] = await Promise.all([
    store.get<LeaseRecord>(leaseKey(jobId, seq, generation)),
    store.get<LeaseRecord>(leaseKey(jobId, seq, generation + 1)),
  ]);
  return mine?.token === token && successor === undefined;
}

/** Whether any delivery ever claimed event `seq`: its events were sent and reached the consumer. */
export async function wasClaimed(store: KeyValueStore, jobId: string, seq: number): Promise<boolean> {
  return (await store.get<LeaseRecord>(leaseKey(jobId, seq, 0))) !== undefined;
}

/** Whether a live invocation is working on event `seq`. */
export async function isLeased(
  store: KeyValueStore,
  jobId: string,
  seq: number,
  now: Date,
): Promise<boolean> {
  for (let generation = 0; generation < MAX_TAKEOVERS; generation++) {
    const held = await store.get<LeaseRecord>(leaseKey(jobId, seq, generation));
    if (!held) return false;
    if (isLive(held, now)) return true;
  }
  return false;
}

function isLive(lease: LeaseRecord, now: Date): boolean {
  return Date.parse(lease.expiresAt) > now.getTime();
}
