import { FORGE_LIMITS } from '../platform/forgeLimits';
import type { Checkpoint } from './checkpoint';
import { retryDelaySeconds } from './events';
import type { JobOutcome, JobProgress, JobStatus, StepResult } from './types';

/** Each function returns the checkpoint that follows `from`; every change moves `seq` on by one. */

const MAX_TEXT_CHARS = 2000;

export function newCheckpoint(
  ids: { id: string; kind: string; createdBy: string },
  state: unknown,
  now: Date,
): Checkpoint {
  const at = now.toISOString();
  return {
    status: {
      ...ids,
      state: 'queued',
      step: 0,
      progress: null,
      error: null,
      retries: 0,
      createdAt: at,
      updatedAt: at,
      finishedAt: null,
      cancelledBy: null,
    },
    seq: 0,
    phase: 'running',
    outcome: null,
    attempts: 0,
    dueAt: at,
    state,
  };
}

export function afterStep(from: Checkpoint, result: StepResult<unknown>, now: Date): Checkpoint {
  return next(
    from,
    now,
    {
      state: 'running',
      step: from.status.step + 1,
      progress: result.progress ? shortProgress(result.progress) : from.status.progress,
      error: null,
    },
    {
      state: result.state,
      attempts: 0,
      ...(result.delaySeconds
        ? {
            dueAt: new Date(
              now.getTime() + Math.min(result.delaySeconds, FORGE_LIMITS.queue.maxDelaySeconds) * 1000,
            ).toISOString(),
          }
        : {}),
    },
  );
}

/** Another attempt at the same work after `delaySeconds`; the phase (running or finishing) is kept. */
export function afterFailedAttempt(
  from: Checkpoint,
  error: string,
  delaySeconds: number,
  now: Date,
): Checkpoint {
  return next(
    from,
    now,
    { error: short(error), retries: from.status.retries + 1 },
    { attempts: from.attempts + 1, dueAt: new Date(now.getTime() + delaySeconds * 1000).toISOString() },
  );
}

/** After a failed attempt at `what`: another attempt after a growing delay, or the reason to give up. */
export function afterFailure(
  from: Checkpoint,
  what: string,
  reason: string,
  maxAttempts: number,
  now: Date,
): { retry: Checkpoint } | { gaveUp: string } {
  const attempts = from.attempts + 1;
  if (attempts >= maxAttempts) return { gaveUp: `${what} failed ${attempts} times; last error: ${reason}` };
  return { retry: afterFailedAttempt(from, `${what} failed: ${reason}`, retryDelaySeconds(attempts), now) };
}

/**
 * The same work again once storage has room (a quota refusal is pacing, not a failure): no attempt is counted
 * and the error shown is cleared, so a job is never failed for a quota.
 */
export function afterStorageRefusal(from: Checkpoint, retryAt: Date, now: Date): Checkpoint {
  return next(
    from,
    now,
    { progress: from.status.progress },
    { dueAt: new Date(Math.max(retryAt.getTime(), now.getTime())).toISOString() },
  );
}

/** The outcome is decided; onFinished runs on the next event. A cancellation shows at once, the others once done. */
export function finishing(
  from: Checkpoint,
  outcome: JobOutcome,
  now: Date,
  details: { error?: string; failedAttempt?: boolean; cancelledBy?: string } = {},
): Checkpoint {
  const status: Partial<JobStatus> = { state: outcome === 'cancelled' ? 'cancelled' : 'running' };
  if (details.error !== undefined) status.error = short(details.error);
  if (details.failedAttempt) status.retries = from.status.retries + 1;
  if (details.cancelledBy !== undefined) status.cancelledBy = details.cancelledBy;
  return next(from, now, status, {
    phase: 'finishing',
    outcome,
    outcomeError: status.error ?? from.status.error,
    attempts: 0,
  });
}

/** onFinished has run, or with `error` has failed for good, which fails the job whatever its outcome was. */
export function finished(from: Checkpoint, now: Date, error?: string): Checkpoint {
  const outcome = from.outcome ?? 'completed';
  return next(
    from,
    now,
    error === undefined
      ? {
          state: outcome,
          finishedAt: now.toISOString(),
          error: from.outcomeError === undefined ? from.status.error : from.outcomeError,
        }
      : {
          state: 'failed',
          finishedAt: now.toISOString(),
          error: short(error),
          retries: from.status.retries + 1,
        },
    { phase: 'finished' },
  );
}

function next(
  from: Checkpoint,
  now: Date,
  status: Partial<JobStatus>,
  checkpoint: Partial<Omit<Checkpoint, 'status' | 'seq'>>,
): Checkpoint {
  const at = now.toISOString();
  return {
    ...from,
    dueAt: at,
    ...checkpoint,
    seq: from.seq + 1,
    status: { ...from.status, ...status, updatedAt: at },
  };
}

function shortProgress(progress: JobProgress): JobProgress {
  return progress.message === undefined ? progress : { ...progress, message: short(progress.message) };
}

function short(text: string): string {
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS - 1)}…` : text;
}
