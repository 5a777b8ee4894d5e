/** The contract between the job runner and the jobs it runs (scan, analyse, run, undo). */

export type JobOutcome = 'completed' | 'failed' | 'cancelled';

export type JobState = 'queued' | 'running' | JobOutcome;

export interface JobProgress {
  done: number;
  total: number | null;
  message?: string;
}

export interface JobContext {
  jobId: string;
  now(): Date;
  /** Milliseconds left of this step's budget; at or below zero the step should return its state now. */
  remainingMs(): number;
}

export interface StepResult<S> {
  state: S;
  done: boolean;
  progress?: JobProgress;
  /** Run the next step no sooner than this (≤ 900 s), e.g. once a per-minute request budget has refilled. */
  delaySeconds?: number;
}

/**
 * One kind of long work, split into steps. The runner guarantees that a step's returned state is stored before the
 * next step starts, and that the step sees the state the previous step returned. It cannot guarantee that a step runs
 * only once: an invocation may die after the step's external effects and before its checkpoint, and then the step runs
 * again from the same state. So `step` and `onFinished` must be idempotent with respect to what they do outside the
 * returned state (look before acting, use deterministic ids, write per-page records).
 */
export interface JobDefinition<I, S> {
  kind: string;
  /** JSON-serialisable; the state must stay under MAX_STATE_BYTES as JSON for the whole job. */
  initialState(input: I): S;
  /** Does a bounded amount of work from `state`, stopping early when `ctx.remainingMs()` runs out. */
  step(state: S, ctx: JobContext): Promise<StepResult<S>>;
  /** Runs once the outcome is known, with the last stored state, in its own invocation. */
  onFinished?(state: S, outcome: JobOutcome, ctx: JobContext): Promise<void>;
  /** Attempts per step (and for onFinished) before the job fails; the runner's default when absent. */
  maxAttempts?: number;
  /**
   * Storage requests past the minute's share (80 % of Forge's quota) are refused mid-step, and the step continues
   * from its last checkpoint next minute. Only for steps that make progress within one minute's share.
   */
  pacedStorage?: boolean;
}

export type AnyJobDefinition = JobDefinition<never, unknown>;

export interface JobStatus {
  id: string;
  kind: string;
  state: JobState;
  /** Steps completed so far. */
  step: number;
  progress: JobProgress | null;
  /** The last failure: while a step is being retried, or why the job failed. Cleared when a retry succeeds. */
  error: string | null;
  /** Failed attempts over the whole job (each one retried or, the last, fatal). */
  retries: number;
  createdAt: string;
  updatedAt: string;
  /** Set once the job is over and its onFinished has run. */
  finishedAt: string | null;
  createdBy: string;
  cancelledBy: string | null;
}

/** A job's status as the page reads it: what is stored, plus what the runner has decided but not yet stored. */
export interface JobStatusView extends JobStatus {
  /** The outcome once decided (the job gave up, or completed) while its onFinished has still to run. */
  decidedOutcome: JobOutcome | null;
  /** When the failed step is tried again; null when no retry is waiting. */
  nextAttemptAt: string | null;
  /** Attempts per step before the job fails. */
  maxAttempts: number;
  /** When this status was read, by the app's clock: elapsed and waiting times are measured against it. */
  readAt: string;
}

/** What `JobRunner.handle` did with one event; everything but `ran` left the job unchanged. */
export type HandleOutcome =
  | 'ran'
  | 'duplicate'
  | 'out-of-order'
  | 'busy'
  | 'superseded'
  | 'finished'
  | 'unknown-job'
  | 'not-a-job-step';
