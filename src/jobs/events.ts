import { FORGE_LIMITS } from '../platform/forgeLimits';

/**
 * The queue events that drive jobs: `{ kind: 'job-step', jobId, seq }`, one per checkpoint change, each with a
 * watchdog copy (`watchdog: true`) that is only there in case the invocation handling the event dies.
 */

const JOB_STEP_EVENT = 'job-step';

const MAX_DELAY_SECONDS = FORGE_LIMITS.queue.maxDelaySeconds;

export interface JobStepEvent {
  jobId: string;
  seq: number;
  /** A copy sent in case an invocation died: no other copy of it is waiting to stand in for its own handler. */
  watchdog: boolean;
}

export function jobStepEvent(
  jobId: string,
  seq: number,
  delayInSeconds = 0,
  watchdog = false,
): { body: Record<string, unknown>; delayInSeconds?: number } {
  const body = watchdog
    ? { kind: JOB_STEP_EVENT, jobId, seq, watchdog }
    : { kind: JOB_STEP_EVENT, jobId, seq };
  return delayInSeconds > 0
    ? { body, delayInSeconds: Math.min(delayInSeconds, MAX_DELAY_SECONDS) }
    : { body };
}

/**
 * The event for `seq` and a second copy of it, the watchdog, due once a lease taken on the first would have
 * expired. Forge does not promise to deliver an event again when the invocation handling it dies (a crash, a
 * timeout, a deploy), so the watchdog does: if the step committed, it is a duplicate and costs one read; if its
 * invocation died, it finds the lease expired (or backs off until it is) and runs the step. Both go in one push.
 * A delivery of a watchdog that goes on to run the step sends a watchdog of its own first (see JobRunner).
 */
export function jobStepEvents(
  jobId: string,
  seq: number,
  delayInSeconds: number,
  watchdogAfterSeconds: number,
): Array<ReturnType<typeof jobStepEvent>> {
  return [jobStepEvent(jobId, seq, delayInSeconds), jobStepEvent(jobId, seq, watchdogAfterSeconds, true)];
}

/** The event's job and sequence number, or null when the body is not a job-step event. */
export function parseJobStepEvent(body: Record<string, unknown>): JobStepEvent | null {
  const { kind, jobId, seq, watchdog } = body;
  if (
    kind !== JOB_STEP_EVENT ||
    typeof jobId !== 'string' ||
    !Number.isSafeInteger(seq) ||
    (seq as number) < 0
  ) {
    return null;
  }
  return { jobId, seq: seq as number, watchdog: watchdog === true };
}

export function isJobStepEvent(body: Record<string, unknown>): boolean {
  return body.kind === JOB_STEP_EVENT;
}

/** Exponential backoff between attempts: 30 s, 60 s, 120 s, ... up to Forge's 900 s delay limit. */
export function retryDelaySeconds(failedAttempts: number): number {
  return Math.min(30 * 2 ** (failedAttempts - 1), MAX_DELAY_SECONDS);
}
