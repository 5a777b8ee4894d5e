/**
 * Runs long work (scan, analyse, run, undo) as a chain of queue events, one step per consumer invocation, with the
 * job's state checkpointed in storage between steps.
 *
 * Step functions keep the contract in JobDefinition (types.ts): a step that died part-way runs again from the same
 * state, so its external effects must be idempotent. Overlapping deliveries of one event are kept apart by a lease
 * claimed with an atomic create (lease.ts). ADR 0021 explains the design.
 *
 * How an event is handled: every event is `{ kind: 'job-step', jobId, seq }`, and the checkpoint names the one `seq`
 * it accepts next. An older seq is a duplicate, a newer one out of order; both change nothing. For the expected
 * seq the runner claims the event's lease, re-reads the checkpoint, runs the step, checks that nobody took the lease
 * over and that the checkpoint has not moved, writes the new checkpoint (seq + 1) and only then pushes the next event
 * together with its watchdog copy (events.ts). If the invocation that takes the event dies, the watchdog finds its
 * lease expired and takes it over; if it died after the checkpoint and before the push, the watchdog of seq finds
 * seq + 1 never claimed and sends it. Only when the watchdogs are lost too does `resumeStalled` (hourly) step in.
 *
 * A step that throws, or whose invocation stopped (a takeover: the event's lease was claimed before and expired
 * without a commit), is retried with backoff up to `maxAttempts`; then the job fails. Completion, failure and
 * cancellation all pass through a `finishing` checkpoint whose own event runs `onFinished`, so that it runs once
 * however often the final events are delivered, in an invocation of its own.
 */
import { errorMessage } from '../platform/errorMessage';
import { randomUUID } from 'node:crypto';
import { FORGE_LIMITS } from '../platform/forgeLimits';
import type { Clock, JobQueue, KeyValueStore } from '../platform/ports';
import {
  assertStateFits,
  JobStateTooLargeError,
  readCheckpoint,
  skipNote,
  skipReason,
  statusView,
  visibleStatus,
  writeCheckpoint,
  type CancelRequest,
  type Checkpoint,
} from './checkpoint';
import { jobStepEvent, jobStepEvents, parseJobStepEvent, type JobStepEvent } from './events';
import { listJobs } from './jobList';
import { stalledJobs } from './stalled';
import { assertValidName, cancelKey } from './keys';
import { claimLease, holdsLease, LEASE_MS, type HeldLease } from './lease';
import { lostPushEvents, WATCHDOG_SECONDS } from './watchdog';
import { startOfNextMinute, StorageBusyError } from '../platform/storageBusy';
import {
  afterFailure,
  afterStep,
  afterStorageRefusal,
  finished,
  finishing,
  newCheckpoint,
} from './transitions';
import type {
  AnyJobDefinition,
  HandleOutcome,
  JobContext,
  JobStatus,
  JobStatusView,
  StepResult,
} from './types';

export interface JobRunnerDeps {
  store: KeyValueStore;
  queue: JobQueue;
  clock: Clock;
  /** Time a step is given (`ctx.remainingMs()`); the default is 540 s, 60 % of Forge's 900 s. */
  stepBudgetMs?: number;
  /** Attempts per step before the job fails, for definitions that do not set their own. */
  maxAttempts?: number;
  log?: (message: string) => void;
  /** Counts the storage units of each step (see StorageMeter); a step that spent its minute's share delays the next. */
  meter?: StepMeter;
}

/** What the runner needs of a storage meter. */
export interface StepMeter {
  startStep(pace: boolean): void;
  endStep(): void;
  spent(): boolean;
}

// 60 % of the consumer's 900 s, so the longest invocation stays well inside Forge's time limit.
const DEFAULT_STEP_BUDGET_MS = 0.6 * FORGE_LIMITS.invocation.maxFunctionSeconds * 1000;
const DEFAULT_MAX_ATTEMPTS = 5;
const MAX_EVENTS_PER_PUSH = FORGE_LIMITS.queue.maxEventsPerPush;
/** Why a step (or onFinished) whose invocation stopped counts as a failed attempt, as the job status shows it. */
const STOPPED_INVOCATION =
  'the invocation running it stopped before finishing (Forge time limit, crash or memory)';

export class JobRunner {
  private readonly definitions = new Map<string, AnyJobDefinition>();
  private readonly store: KeyValueStore;
  private readonly queue: JobQueue;
  private readonly clock: Clock;
  private readonly stepBudgetMs: number;
  private readonly maxAttempts: number;
  private readonly log: (message: string) => void;
  private readonly meter: StepMeter | undefined;

  constructor(deps: JobRunnerDeps, definitions: AnyJobDefinition[]) {
    for (const definition of definitions) {
      assertValidName('job kind', definition.kind);
      if (this.definitions.has(definition.kind)) {
        throw new Error(`job kind ${definition.kind} is defined twice`);
      }
      this.definitions.set(definition.kind, definition);
    }
    this.store = deps.store;
    this.queue = deps.queue;
    this.clock = deps.clock;
    this.stepBudgetMs = deps.stepBudgetMs ?? DEFAULT_STEP_BUDGET_MS;
    this.maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.log = deps.log ?? ((message) => console.info(message));
    this.meter = deps.meter;
    if (this.stepBudgetMs <= 0 || this.stepBudgetMs > LEASE_MS) {
      throw new Error(`stepBudgetMs must be between 1 and ${LEASE_MS}, got ${this.stepBudgetMs}`);
    }
  }

  /**
   * Stores the job and sends its first event. With `jobId`, starting a job that already exists returns its status and
   * sends nothing. Throws JobStateTooLargeError when the initial state does not fit one storage value.
   */
  async start<I>(
    kind: string,
    input: I,
    createdBy: string,
    options: { jobId?: string } = {},
  ): Promise<JobStatus> {
    const definition = this.definition(kind);
    const id = options.jobId ?? randomUUID();
    assertValidName('job id', id);
    const existing = options.jobId === undefined ? undefined : await readCheckpoint(this.store, id);
    if (existing) {
      if (existing.status.kind !== kind) {
        throw new Error(`job ${id} already exists as a ${existing.status.kind} job`);
      }
      return visibleStatus(existing.status, await this.cancelRequest(id));
    }
    const state = definition.initialState(input as never);
    assertStateFits(kind, state);
    const checkpoint = newCheckpoint({ id, kind, createdBy }, state, this.clock.now());
    await writeCheckpoint(this.store, checkpoint);
    await this.send(jobStepEvents(id, checkpoint.seq, 0, WATCHDOG_SECONDS));
    return checkpoint.status;
  }

  /** The queue consumer calls this for every job-step event; anything but `ran` left the job as it was. */
  async handle(event: { body: Record<string, unknown> }): Promise<HandleOutcome> {
    const parsed = parseJobStepEvent(event.body);
    if (!parsed) {
      return this.noted(
        'not-a-job-step',
        `ignored an event that is not a job step: ${JSON.stringify(event.body)}`,
      );
    }
    try {
      return await this.handleStep(parsed);
    } catch (error) {
      if (!(error instanceof StorageBusyError)) throw error;
      // Refused before a step ran (or while committing it): the same event comes back next minute.
      await this.send([
        jobStepEvent(
          parsed.jobId,
          parsed.seq,
          secondsUntilDue(error.retryAt, this.clock.now()),
          parsed.watchdog,
        ),
      ]);
      return this.noted('busy', `job ${parsed.jobId}: event ${parsed.seq} deferred: ${error.message}`);
    }
  }

  private async handleStep({ jobId, seq, watchdog }: JobStepEvent): Promise<HandleOutcome> {
    const seen = await readCheckpoint(this.store, jobId);
    const skipped = skipReason(seen, seq);
    if (skipped) {
      if (watchdog && skipped === 'duplicate' && seen) {
        await this.send(await lostPushEvents(this.store, seen, seq, this.clock.now()));
      }
      return this.skip(skipped, jobId, seq, seen);
    }

    const claim = await claimLease(this.store, jobId, seq, this.clock.now());
    if (!claim.claimed) return this.backOff(jobId, seq, claim.expiresInMs);
    // An earlier holder may have written its checkpoint between our first read and our claim.
    const checkpoint = await readCheckpoint(this.store, jobId);
    const skippedNow = skipReason(checkpoint, seq);
    if (skippedNow || !checkpoint) return this.skip(skippedNow ?? 'unknown-job', jobId, seq, checkpoint);
    // Standing in for a handler that died: nothing else would stand in for this one if it died too.
    if (watchdog) await this.send([jobStepEvent(jobId, seq, WATCHDOG_SECONDS, true)]);
    // An earlier claim of this event expired without a commit: the invocation holding it stopped.
    if (claim.lease.generation > 0) return this.commit(checkpoint, this.takenOver(checkpoint), claim.lease);
    return this.act(checkpoint, claim.lease);
  }

  /** The work of the checkpoint's seq was taken over from an invocation that stopped: a failed attempt. */
  private takenOver(checkpoint: Checkpoint): Checkpoint {
    const what = checkpoint.phase === 'finishing' ? 'onFinished' : `step ${checkpoint.status.step + 1}`;
    return this.afterFailedAttempt(checkpoint, what, STOPPED_INVOCATION);
  }

  async status(jobId: string): Promise<JobStatusView | null> {
    const checkpoint = await readCheckpoint(this.store, jobId);
    if (!checkpoint) return null;
    const maxAttempts = this.definitions.get(checkpoint.status.kind)?.maxAttempts ?? this.maxAttempts;
    return statusView(checkpoint, await this.cancelRequest(jobId), maxAttempts, this.clock.now());
  }

  /**
   * Shows the job as cancelled at once; the runner stops it at its next event (a step under way finishes, and its
   * state is kept for onFinished). A job that is finishing or finished is left as it is.
   */
  async cancel(jobId: string, by: string): Promise<JobStatus | null> {
    const checkpoint = await readCheckpoint(this.store, jobId);
    if (!checkpoint) return null;
    const pending = await this.cancelRequest(jobId);
    if (checkpoint.phase !== 'running' || pending) return visibleStatus(checkpoint.status, pending);
    const request: CancelRequest = { by, at: this.clock.now().toISOString() };
    await this.store.set(cancelKey(jobId), request);
    // A job waiting out a retry delay, or whose event was lost, is stopped now rather than later.
    await this.send([jobStepEvent(jobId, checkpoint.seq)]);
    return visibleStatus(checkpoint.status, request);
  }

  /** Re-sends the expected event of every unfinished job with no change for `olderThanMs` and no live step. */
  async resumeStalled(olderThanMs: number): Promise<number> {
    const stalled = await stalledJobs(this.store, this.clock.now(), olderThanMs);
    for (const { jobId, seq, since } of stalled) {
      this.log(`job ${jobId}: no progress since ${since}; re-sending event ${seq}`);
    }
    await this.send(stalled.map(({ jobId, seq }) => jobStepEvent(jobId, seq)));
    return stalled.length;
  }

  /** Newest first. */
  async list(options: { kind?: string; limit?: number } = {}): Promise<JobStatus[]> {
    return listJobs(this.store, options);
  }

  private async act(checkpoint: Checkpoint, lease: HeldLease): Promise<HandleOutcome> {
    const definition = this.definition(checkpoint.status.kind);
    const ctx = this.context(checkpoint.status.id);
    if (checkpoint.phase === 'finishing') {
      return this.commit(checkpoint, await this.runOnFinished(checkpoint, definition, ctx), lease);
    }
    const cancel = await this.cancelRequest(checkpoint.status.id);
    if (cancel) {
      return this.commit(
        checkpoint,
        finishing(checkpoint, 'cancelled', this.clock.now(), { cancelledBy: cancel.by }),
        lease,
      );
    }
    return this.commit(checkpoint, await this.runStep(checkpoint, definition, ctx), lease);
  }

  private async runStep(
    checkpoint: Checkpoint,
    definition: AnyJobDefinition,
    ctx: JobContext,
  ): Promise<Checkpoint> {
    try {
      this.meter?.startStep(definition.pacedStorage === true);
      const result = await this.pacedResult(await definition.step(checkpoint.state, ctx));
      assertStateFits(definition.kind, result.state);
      const stepped = afterStep(checkpoint, result, this.clock.now());
      return result.done ? finishing(stepped, 'completed', this.clock.now()) : stepped;
    } catch (error) {
      if (error instanceof JobStateTooLargeError) {
        return finishing(checkpoint, 'failed', this.clock.now(), { error: error.message });
      }
      if (error instanceof StorageBusyError) return this.paced(checkpoint, error);
      return this.afterFailedAttempt(checkpoint, `step ${checkpoint.status.step + 1}`, error);
    } finally {
      this.meter?.endStep();
    }
  }

  /** A step that spent this minute's share of storage lets the next one start no sooner than the next minute. */
  private pacedResult<S>(result: StepResult<S>): StepResult<S> {
    if (result.done || result.delaySeconds || !this.meter?.spent()) return result;
    const now = this.clock.now();
    return { ...result, delaySeconds: secondsUntilDue(startOfNextMinute(now), now) };
  }

  private async runOnFinished(
    checkpoint: Checkpoint,
    definition: AnyJobDefinition,
    ctx: JobContext,
  ): Promise<Checkpoint> {
    try {
      await definition.onFinished?.(checkpoint.state, checkpoint.outcome ?? 'completed', ctx);
      return finished(checkpoint, this.clock.now());
    } catch (error) {
      if (error instanceof StorageBusyError) return this.paced(checkpoint, error);
      return this.afterFailedAttempt(checkpoint, 'onFinished', error);
    }
  }

  /** A step refused by storage's quota continues from its last checkpoint once the next minute starts. */
  private paced(checkpoint: Checkpoint, refusal: StorageBusyError): Checkpoint {
    this.log(
      `job ${checkpoint.status.id}: storage is busy; continuing at ${refusal.retryAt.toISOString()} from the last checkpoint`,
    );
    return afterStorageRefusal(checkpoint, refusal.retryAt, this.clock.now());
  }

  /**
   * Another attempt after the usual backoff or, once the definition's attempts are used up, a failed job: a failing
   * step's job goes on to `finishing` (onFinished runs), a failing onFinished's job is over.
   */
  private afterFailedAttempt(checkpoint: Checkpoint, what: string, error: unknown): Checkpoint {
    const definition = this.definition(checkpoint.status.kind);
    const maxAttempts = definition.maxAttempts ?? this.maxAttempts;
    const now = this.clock.now();
    this.log(
      `job ${checkpoint.status.id}: ${what} failed (attempt ${checkpoint.attempts + 1}): ${errorMessage(error)}`,
    );
    const failure = afterFailure(checkpoint, what, errorMessage(error), maxAttempts, now);
    if ('retry' in failure) return failure.retry;
    return checkpoint.phase === 'finishing'
      ? finished(checkpoint, now, failure.gaveUp)
      : finishing(checkpoint, 'failed', now, { error: failure.gaveUp, failedAttempt: true });
  }

  /**
   * Writes `next` unless this delivery lost its claim on `current`, then sends the event that continues the job. A
   * cancel request that arrived while the step ran turns a running job into a cancelled one, keeping the step's state.
   */
  private async commit(current: Checkpoint, next: Checkpoint, lease: HeldLease): Promise<HandleOutcome> {
    const { id } = current.status;
    const latest = await readCheckpoint(this.store, id);
    if (latest?.seq !== current.seq || !(await holdsLease(this.store, lease))) {
      return this.noted(
        'superseded',
        `job ${id}: event ${current.seq} was taken over; its result is dropped`,
      );
    }
    const cancel = next.phase === 'running' ? await this.cancelRequest(id) : undefined;
    const now = this.clock.now();
    const written = cancel ? finishing(next, 'cancelled', now, { cancelledBy: cancel.by }) : next;
    await writeCheckpoint(this.store, written);
    if (written.phase !== 'finished') {
      const delaySeconds = Math.max(0, Math.ceil((Date.parse(written.dueAt) - now.getTime()) / 1000));
      await this.send(jobStepEvents(id, written.seq, delaySeconds, delaySeconds + WATCHDOG_SECONDS));
    }
    return 'ran';
  }

  private context(jobId: string): JobContext {
    const { clock, stepBudgetMs } = this;
    const startedAt = clock.now().getTime();
    return {
      jobId,
      now: () => clock.now(),
      remainingMs: () => stepBudgetMs - (clock.now().getTime() - startedAt),
    };
  }

  private definition(kind: string): AnyJobDefinition {
    const definition = this.definitions.get(kind);
    if (!definition) throw new Error(`no job definition for kind ${JSON.stringify(kind)}`);
    return definition;
  }

  private cancelRequest(jobId: string): Promise<CancelRequest | undefined> {
    return this.store.get<CancelRequest>(cancelKey(jobId));
  }

  private async send(events: Array<ReturnType<typeof jobStepEvent>>): Promise<void> {
    for (let i = 0; i < events.length; i += MAX_EVENTS_PER_PUSH) {
      await this.queue.push(events.slice(i, i + MAX_EVENTS_PER_PUSH));
    }
  }

  /** Sends the event again for when the lease runs out, in case its holder dies; the step waits for it. */
  private async backOff(jobId: string, seq: number, leaseLeftMs: number): Promise<HandleOutcome> {
    await this.send([jobStepEvent(jobId, seq, Math.ceil(leaseLeftMs / 1000), true)]);
    return this.noted('busy', `job ${jobId}: event ${seq} is being handled by another delivery`);
  }

  private skip(
    outcome: HandleOutcome,
    jobId: string,
    seq: number,
    checkpoint: Checkpoint | undefined,
  ): HandleOutcome {
    return this.noted(outcome, `job ${jobId}: ${outcome} event ${seq} ignored (${skipNote(checkpoint)})`);
  }

  private noted(outcome: HandleOutcome, message: string): HandleOutcome {
    this.log(message);
    return outcome;
  }
}

function secondsUntilDue(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}
