/** The queue events that drive jobs: `{ kind: 'job-step', jobId, seq }`, one per checkpoint change. */

const JOB_STEP_EVENT = 'job-step';

/** Forge's limit on `delayInSeconds`. */
const MAX_DELAY_SECONDS = 900;

export interface JobStepEvent {
  jobId: string;
  seq: number;
}

export function jobStepEvent(
  jobId: string,
  seq: number,
  delayInSeconds = 0,
): { body: Record<string, unknown>; delayInSeconds?: number } {
  const body = { kind: JOB_STEP_EVENT, jobId, seq };
  return delayInSeconds > 0
    ? { body, delayInSeconds: Math.min(delayInSeconds, MAX_DELAY_SECONDS) }
    : { body };
}

/** The event's job and sequence number, or null when the body is not a job-step event. */
export function parseJobStepEvent(body: Record<string, unknown>): JobStepEvent | null {
  const { kind, jobId, seq } = body;
  if (
    kind !== JOB_STEP_EVENT ||
    typeof jobId !== 'string' ||
    !Number.isSafeInteger(seq) ||
    (seq as number) < 0
  ) {
    return null;
  }
  return { jobId, seq: seq as number };
}

export function isJobStepEvent(body: Record<string, unknown>): boolean {
  return body.kind === JOB_STEP_EVENT;
}

/** Exponential backoff between attempts: 30 s, 60 s, 120 s, ... up to Forge's 900 s delay limit. */
export function retryDelaySeconds(failedAttempts: number): number {
  return Math.min(30 * 2 ** (failedAttempts - 1), MAX_DELAY_SECONDS);
}
