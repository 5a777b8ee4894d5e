import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from '../platform/ports';
import { leaseKey } from './keys';

/** No invocation outlives Forge's 900 s limit, so a lease this old belongs to an invocation that died. */
export const LEASE_MS = 900_000;

interface Lease {
  token: string;
  seq: number;
  expiresAt: string;
}

export type LeaseClaim = { claimed: true; token: string } | { claimed: false; expiresInMs: number };

/**
 * Claims the right to act on event `seq` of a job. Forge KVS has no compare-and-set, so this writes a token and reads
 * it back: of deliveries that overlap, the last writer wins and the others back off. Deliveries whose read and write
 * do not overlap at all can both succeed; that residue is why steps must be idempotent.
 */
export async function claimLease(
  store: KeyValueStore,
  jobId: string,
  seq: number,
  now: Date,
): Promise<LeaseClaim> {
  const key = leaseKey(jobId);
  const held = await store.get<Lease>(key);
  if (held && heldFor(held, seq, now)) {
    return { claimed: false, expiresInMs: Date.parse(held.expiresAt) - now.getTime() };
  }
  const token = randomUUID();
  await store.set<Lease>(key, { token, seq, expiresAt: new Date(now.getTime() + LEASE_MS).toISOString() });
  const winner = await store.get<Lease>(key);
  return winner?.token === token ? { claimed: true, token } : { claimed: false, expiresInMs: LEASE_MS };
}

export async function holdsLease(store: KeyValueStore, jobId: string, token: string): Promise<boolean> {
  return (await store.get<Lease>(leaseKey(jobId)))?.token === token;
}

/** Whether a live invocation is working on event `seq`. */
export async function isLeased(
  store: KeyValueStore,
  jobId: string,
  seq: number,
  now: Date,
): Promise<boolean> {
  const held = await store.get<Lease>(leaseKey(jobId));
  return held !== undefined && heldFor(held, seq, now);
}

function heldFor(lease: Lease, seq: number, now: Date): boolean {
  return lease.seq === seq && Date.parse(lease.expiresAt) > now.getTime();
}
