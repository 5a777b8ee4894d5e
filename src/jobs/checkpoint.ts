import type { KeyValueOperation, KeyValueStore } from '../platform/ports';
import { activeKey, byKindKey, byTimeKey, cancelKey, checkpointKey } from './keys';
import type { HandleOutcome, JobOutcome, JobStatus, JobStatusView } from './types';

/** Forge allows 240 KiB a value; the rest of the checkpoint (status, bookkeeping) fits in the difference. */
export const MAX_STATE_BYTES = 200 * 1024;

/**
 * Everything the runner knows about one job, stored as one value so that a step's new state and the job's progress
 * are written together.
 */
export interface Checkpoint {
  /** What status() and list() show, before a pending cancel request is taken into account. */
  status: JobStatus;
  /** The sequence number of the one event that may act on the job next; every change increments it. */
  seq: number;
  /** `finishing`: the outcome is decided and onFinished has still to run. */
  phase: 'running' | 'finishing' | 'finished';
  outcome: JobOutcome | null;
  /** The error that decided a failed outcome, shown again once a retried onFinished has run (absent before it). */
  outcomeError?: string | null;
  /** Failed attempts at the work of the current seq. */
  attempts: number;
  /** When the event for `seq` was due: later than `status.updatedAt` while a retry waits out its delay. */
  dueAt: string;
  state: unknown;
}

export interface CancelRequest {
  by: string;
  at: string;
}

export class JobStateTooLargeError extends Error {}

/** Throws JobStateTooLargeError unless `state` is JSON that fits MAX_STATE_BYTES. */
export function assertStateFits(kind: string, state: unknown): void {
  const json = JSON.stringify(state);
  if (json === undefined) {
    throw new JobStateTooLargeError(`the ${kind} job's state is not JSON-serialisable`);
  }
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_STATE_BYTES) {
    throw new JobStateTooLargeError(
      `the ${kind} job's state is ${bytes} bytes as JSON; the limit is ${MAX_STATE_BYTES} bytes (200 KiB, one storage value)`,
    );
  }
}

/** The status to show: a cancel request counts from the moment it is stored, before the runner acts on it. */
export function visibleStatus(status: JobStatus, cancel: CancelRequest | undefined): JobStatus {
  if (!cancel || (status.state !== 'queued' && status.state !== 'running')) return status;
  return { ...status, state: 'cancelled', cancelledBy: cancel.by };
}

/** What the page reads: the status, and what the runner decided but has not stored yet (a retry, a failure). */
export function statusView(
  checkpoint: Checkpoint,
  cancel: CancelRequest | undefined,
  maxAttempts: number,
  now: Date,
): JobStatusView {
  const shown = visibleStatus(checkpoint.status, cancel);
  const over = shown.state === 'cancelled' || checkpoint.phase === 'finished';
  return {
    ...shown,
    decidedOutcome: checkpoint.phase === 'finishing' && !over ? checkpoint.outcome : null,
    nextAttemptAt: checkpoint.attempts > 0 && !over ? checkpoint.dueAt : null,
    maxAttempts,
    readAt: now.toISOString(),
  };
}

export function readCheckpoint(store: KeyValueStore, jobId: string): Promise<Checkpoint | undefined> {
  return store.get<Checkpoint>(checkpointKey(jobId));
}

/** Writes the checkpoint with its list entries, in one transaction; the next seq has a lease key of its own. */
export async function writeCheckpoint(store: KeyValueStore, checkpoint: Checkpoint): Promise<void> {
  const { id, kind, createdAt } = checkpoint.status;
  const finished = checkpoint.phase === 'finished';
  const operations: KeyValueOperation[] = [
    { op: 'set', key: checkpointKey(id), value: checkpoint },
    { op: 'set', key: byTimeKey(id, createdAt), value: checkpoint.status },
    { op: 'set', key: byKindKey(kind, id, createdAt), value: checkpoint.status },
    finished ? { op: 'delete', key: activeKey(id) } : { op: 'set', key: activeKey(id), value: { id } },
  ];
  if (finished) operations.push({ op: 'delete', key: cancelKey(id) });
  await store.transact(operations);
}

/** Why an event for `seq` changes nothing, or null when it is the one the checkpoint expects. */
export function skipReason(checkpoint: Checkpoint | undefined, seq: number): HandleOutcome | null {
  if (!checkpoint) return 'unknown-job';
  if (checkpoint.phase === 'finished') return 'finished';
  if (seq < checkpoint.seq) return 'duplicate';
  if (seq > checkpoint.seq) return 'out-of-order';
  return null;
}

/** Why a skipped event was not the one expected, for the log. */
export function skipNote(checkpoint: Checkpoint | undefined): string {
  if (!checkpoint) return 'no such job';
  return checkpoint.phase === 'finished' ? 'job is over' : `expected ${checkpoint.seq}`;
}
